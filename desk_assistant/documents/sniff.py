"""Decide what a file really is before any parser sees it.

Users rename files; government folders are full of RTF saved as .doc and Word 97
files. The magic bytes, not the extension, decide, and each wrong kind gets its
own message. Size limits run first so a huge or bomb-like file is never parsed.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..errors import (
    CorruptZipError,
    EmptyFileError,
    FileTooLargeError,
    InputFileError,
    InputNotFoundError,
    NotDocxError,
    OutputExistsError,
    PasswordProtectedError,
    UnsupportedFormatError,
    ZipBombError,
)

DEFAULT_MAX_BYTES = 100 * 1024 * 1024  # on-disk size
DEFAULT_MAX_UNCOMPRESSED = 500 * 1024 * 1024  # all zip members together
MAX_ZIP_MEMBERS = 10_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"  # pragma: no cover


def sniff(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return "docx", "pdf" or "txt", or raise the error that says what the file is instead."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputNotFoundError(path=str(path)) from None
    except OSError as err:
        raise InputFileError(err.strerror or "", path=str(path)) from None
    if not path.is_file():
        raise InputNotFoundError(path=str(path))
    if size == 0:
        raise EmptyFileError(path=str(path))
    if size > max_bytes:
        raise FileTooLargeError(path=str(path), size=human_size(size), limit=human_size(max_bytes))
    try:
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except OSError as err:
        raise InputFileError(err.strerror or "", path=str(path)) from None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    if head.lstrip().startswith(b"{\\rtf"):
        raise NotDocxError(path=str(path), kind="RTF")
    if path.suffix.lower() in (".docx", ".doc", ".docm"):
        raise NotDocxError(path=str(path), kind=_guess_text_kind(head))
    if path.suffix.lower() == ".txt":
        return "txt"
    raise UnsupportedFormatError(path=str(path), supported=_supported())


def _supported() -> str:
    """The suffixes the app reads, for the message (formats.py imports this module)."""
    from .formats import input_suffixes

    return " ".join(input_suffixes())


def _ole_kind(path: Path) -> str:
    # An OLE compound file is either a legacy Office file or an encrypted OOXML
    # package (Word puts password-protected .docx in an OLE "EncryptedPackage").
    # Directory entry names are UTF-16LE, so a byte search finds them.
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise PasswordProtectedError(path=str(path), kind="Word 文書 / Word document")
    if "WordDocument".encode("utf-16-le") in data:
        kind = "Word 97-2003 (.doc)"
    elif "Workbook".encode("utf-16-le") in data:
        kind = "Excel 97-2003 (.xls)"
    else:
        kind = "OLE"
    raise NotDocxError(path=str(path), kind=kind)


def _guess_text_kind(head: bytes) -> str:
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "HTML"
    if b"<?xml" in lowered:
        return "XML"
    return "unknown"


def open_docx_zip(path: Path, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> zipfile.ZipFile:
    """Open the package, refusing corrupt archives, non-Word packages and zip bombs."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise CorruptZipError(str(err), path=str(path)) from None
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_ZIP_MEMBERS or total > max_uncompressed:
        archive.close()
        raise ZipBombError(
            path=str(path), size=human_size(total), limit=human_size(max_uncompressed)
        )
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        archive.close()
        raise NotDocxError(path=str(path), kind="ZIP")
    if not any(n.startswith("word/") for n in names):
        kind = "Excel (.xlsx)" if any(n.startswith("xl/") for n in names) else "ZIP"
        if any(n.startswith("ppt/") for n in names):
            kind = "PowerPoint (.pptx)"
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
