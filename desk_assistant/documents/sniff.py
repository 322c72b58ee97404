"""Decide what a file really is before any parser sees it.

Users rename files; government folders are full of RTF saved as .doc and Word 97
files. The magic bytes, not the extension, decide, and each wrong kind gets its
own message. Size limits run first so a huge or bomb-like file is never parsed.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from ..errors import (
    CorruptZipError,
    EmptyFileError,
    FileTooLargeError,
    InputFileError,
    InputNotFoundError,
    InputPermissionError,
    NotDocxError,
    NotPdfError,
    NotRegularFileError,
    OutputExistsError,
    PasswordProtectedError,
    TooManyZipEntriesError,
    UnsupportedFormatError,
    Words,
    ZipBombError,
)
from ..fileio import human_size

DEFAULT_MAX_BYTES = 100 * 1024 * 1024  # on-disk size
DEFAULT_MAX_UNCOMPRESSED = 500 * 1024 * 1024  # all zip members together
MAX_ZIP_MEMBERS = 10_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def size_and_limit(size: int, limit: int) -> tuple[str, str]:
    """Both rounded the same way, in exact bytes when rounding would make them look equal."""
    shown, cap = human_size(size), human_size(limit)
    if shown == cap and size != limit:
        return f"{size:,} B", f"{limit:,} B"
    return shown, cap


DOCX_SUFFIXES = (".docx", ".doc", ".docm")
WORD_DOCUMENT = Words("Word 文書", "Word document")


def sniff(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return "docx", "pdf" or "txt", or raise the error that says what the file is instead.

    The content decides; the extension only decides which complaint fits: a file
    named .pdf that is not a PDF is "not a PDF, it is a PNG image", whatever it is.
    """
    try:
        mode = path.stat().st_mode
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputNotFoundError(path=str(path)) from None
    except PermissionError:
        raise InputPermissionError(path=str(path)) from None
    except OSError as err:
        raise InputFileError(err.strerror or "", path=str(path)) from None
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(path=str(path), kind=special_kind(mode))
    if size == 0:
        raise EmptyFileError(path=str(path))
    if size > max_bytes:
        shown, limit = size_and_limit(size, max_bytes)
        raise FileTooLargeError(path=str(path), size=shown, limit=limit)
    try:
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except PermissionError:
        raise InputPermissionError(path=str(path)) from None
    except OSError as err:
        raise InputFileError(err.strerror or "", path=str(path)) from None
    suffix = path.suffix.lower()
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) and suffix != ".pdf":
        return "docx"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC) and suffix != ".pdf":
        return _ole_kind(path)
    kind = content_kind(head)
    if suffix == ".pdf":
        raise NotPdfError(path=str(path), kind=kind)
    if suffix in DOCX_SUFFIXES or kind[1] == "RTF":
        raise NotDocxError(path=str(path), kind=kind)
    if suffix == ".txt":
        return "txt"
    raise UnsupportedFormatError(path=str(path), supported=_supported())


def _supported() -> str:
    """The suffixes the app reads, for the message (formats.py imports this module)."""
    from .formats import input_suffixes

    return " ".join(input_suffixes())


def special_kind(mode: int) -> Words:
    if stat.S_ISDIR(mode):
        return Words("フォルダ", "a folder")
    if stat.S_ISFIFO(mode):
        return Words("名前付きパイプ", "a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Words("デバイス", "a device")
    if stat.S_ISSOCK(mode):
        return Words("ソケット", "a socket")
    return Words("特殊なファイル", "a special file")


def _ole_kind(path: Path) -> str:
    # An OLE compound file is either a legacy Office file or an encrypted OOXML
    # package (Word puts password-protected .docx in an OLE "EncryptedPackage").
    # Directory entry names are UTF-16LE, so a byte search finds them.
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise PasswordProtectedError(path=str(path), kind=_encrypted_kind(path.suffix.lower()))
    raise NotDocxError(path=str(path), kind=_ole_name(data))


def _encrypted_kind(suffix: str) -> Words:
    # An encrypted package does not say what it holds; the suffix the user sees does.
    if suffix in (".xlsx", ".xlsm"):
        return Words("Excel ブック", "Excel workbook")
    if suffix in (".pptx", ".pptm"):
        return Words("PowerPoint プレゼンテーション", "PowerPoint presentation")
    return WORD_DOCUMENT


def _ole_name(data: bytes) -> Words:
    if "WordDocument".encode("utf-16-le") in data:
        return Words("Word 97-2003 (.doc)", "Word 97-2003 (.doc)")
    if "Workbook".encode("utf-16-le") in data:
        return Words("Excel 97-2003 (.xls)", "Excel 97-2003 (.xls)")
    if "PowerPoint Document".encode("utf-16-le") in data:
        return Words("PowerPoint 97-2003 (.ppt)", "PowerPoint 97-2003 (.ppt)")
    return Words("Office 97-2003 形式", "an Office 97-2003 file")


_MAGIC = (
    (b"\x89PNG", Words("PNG 画像", "a PNG image")),
    (b"\xff\xd8\xff", Words("JPEG 画像", "a JPEG image")),
    (b"GIF8", Words("GIF 画像", "a GIF image")),
    (b"II*\x00", Words("TIFF 画像", "a TIFF image")),
    (b"MM\x00*", Words("TIFF 画像", "a TIFF image")),
    (b"BM", Words("BMP 画像", "a BMP image")),
    (b"PK\x03\x04", Words("ZIP（Office 文書など）", "ZIP (an Office document or archive)")),
    (b"PK\x05\x06", Words("ZIP（Office 文書など）", "ZIP (an Office document or archive)")),
    (OLE_MAGIC, Words("Office 97-2003 形式", "an Office 97-2003 file")),
    (b"Rar!", Words("RAR 圧縮ファイル", "a RAR archive")),
    (b"7z\xbc\xaf", Words("7-Zip 圧縮ファイル", "a 7-Zip archive")),
    (b"\x1f\x8b", Words("gzip 圧縮ファイル", "a gzip archive")),
)


def content_kind(head: bytes) -> Words:
    """What the first bytes say the file is, in words for the user."""
    for magic, words in _MAGIC:
        if head.startswith(magic):
            return words
    lowered = head.lstrip().lower()
    if lowered.startswith(b"{\\rtf"):
        return Words("RTF", "RTF")
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return Words("HTML（Web ページ）", "HTML (a web page)")
    if lowered.startswith(b"<?xml") or lowered.startswith(b"<"):
        return Words("XML", "XML")
    if _looks_like_text(head):
        return Words("テキスト", "plain text")
    return Words("判別できない形式", "an unrecognized format")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp932"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def open_docx_zip(path: Path, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> zipfile.ZipFile:
    """Open the package, refusing corrupt archives, non-Word packages and zip bombs."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise CorruptZipError(str(err), path=str(path)) from None
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_ZIP_MEMBERS:
        archive.close()
        raise TooManyZipEntriesError(
            path=str(path), count=f"{len(infos):,}", limit=f"{MAX_ZIP_MEMBERS:,}"
        )
    if total > max_uncompressed:
        archive.close()
        shown, limit = size_and_limit(total, max_uncompressed)
        raise ZipBombError(path=str(path), size=shown, limit=limit)
    names = {info.filename for info in infos}
    zip_words = Words("ZIP 圧縮ファイル", "a ZIP archive")
    if "[Content_Types].xml" not in names:
        archive.close()
        raise NotDocxError(path=str(path), kind=zip_words)
    if not any(n.startswith("word/") for n in names):
        kind = zip_words
        if any(n.startswith("xl/") for n in names):
            kind = Words("Excel (.xlsx)", "Excel (.xlsx)")
        elif any(n.startswith("ppt/") for n in names):
            kind = Words("PowerPoint (.pptx)", "PowerPoint (.pptx)")
        archive.close()
        raise NotDocxError(path=str(path), kind=kind)
    return archive


def check_output(path: str | os.PathLike, source: Path | None, overwrite: bool) -> Path:
    """Refuse to write over the source (ever) or an existing file (unless asked)."""
    target = Path(path)
    same = source is not None and target.exists() and target.resolve() == source.resolve()
    if same or (target.exists() and not overwrite):
        raise OutputExistsError(path=str(target))
    return target
