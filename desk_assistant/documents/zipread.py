"""Read the members of a .docx package under a memory budget.

zipfile trusts the sizes a file declares; a bomb can declare small sizes and a
hostile file can use methods Word never writes (LZMA, bzip2, encryption). Here
every member is decompressed in chunks and counted as it grows, and every
zipfile or codec failure becomes one of our translatable errors.
"""

from __future__ import annotations

import copy
import lzma
import shutil
import zipfile
import zlib
from pathlib import Path

from ..errors import (
    CorruptZipError,
    CorruptZipMemberError,
    DocumentTooComplexError,
    PasswordProtectedError,
    UnsupportedCompressionError,
    ZipBombError,
    ZipChecksumError,
)
from ..fileio import human_size
from . import limits
from .sniff import WORD_DOCUMENT

# Word writes only these two; anything else is a crafted or foreign package.
_WORD_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_METHOD_NAMES = {
    1: "Shrink",
    6: "Implode",
    9: "Deflate64",
    12: "bzip2",
    14: "LZMA",
    19: "LZ77",
    93: "Zstandard",
    95: "XZ",
    98: "PPMd",
    99: "AES",
}
_CHUNK = 1024 * 1024


def is_xml_part(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def read_members(
    archive: zipfile.ZipFile, path: Path, max_uncompressed: int
) -> list[tuple[zipfile.ZipInfo, bytes | None]]:
    """(info, data) for every member; data is None for parts that are not XML (images,
    embedded files): they are never needed to read the text, and the writers copy them
    from the source as a stream (`copy_member`), so a 480 MB image costs no memory."""
    total = xml_total = 0
    entries: list[tuple[zipfile.ZipInfo, bytes | None]] = []
    for info in archive.infolist():
        check_member(info, path)
        xml = is_xml_part(info.filename)
        if not xml:
            entries.append((info, None))
            continue
        part_limit = limits.MAX_XML_PART if xml else max_uncompressed
        chunks: list[bytes] = []
        size = 0
        try:
            with archive.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if total > max_uncompressed:
                        raise ZipBombError(
                            path=str(path),
                            size="> " + human_size(max_uncompressed),
                            limit=human_size(max_uncompressed),
                        )
                    if size > part_limit:
                        raise DocumentTooComplexError(
                            path=str(path),
                            what=info.filename,
                            size="> " + human_size(part_limit),
                            limit=human_size(part_limit),
                        )
                    chunks.append(chunk)
        except zipfile.BadZipFile as err:
            if "CRC" in str(err):
                raise ZipChecksumError(path=str(path), member=info.filename) from None
            raise CorruptZipError(str(err), path=str(path)) from None
        except (zlib.error, lzma.LZMAError, EOFError, OSError, ValueError) as err:
            # zlib's words ("Error -3 while decompressing …") stay in the detail (--verbose).
            raise CorruptZipMemberError(
                f"{type(err).__name__}: {err}", path=str(path), part=info.filename
            ) from None
        except RuntimeError as err:  # zipfile: encrypted member without a password
            raise PasswordProtectedError(path=str(path), kind=WORD_DOCUMENT) from err
        except NotImplementedError:
            raise UnsupportedCompressionError(
                path=str(path), method=f"#{info.compress_type}"
            ) from None
        if xml:
            xml_total += size
            if xml_total > limits.MAX_XML_TOTAL:
                raise DocumentTooComplexError(
                    path=str(path),
                    what="XML",
                    size="> " + human_size(limits.MAX_XML_TOTAL),
                    limit=human_size(limits.MAX_XML_TOTAL),
                )
        entries.append((info, b"".join(chunks)))
    return entries


def check_member(info: zipfile.ZipInfo, path: Path) -> None:
    """Refuse members Word never writes: encrypted, or compressed with other methods."""
    if info.flag_bits & 0x1:
        raise PasswordProtectedError(path=str(path), kind=WORD_DOCUMENT)
    if info.compress_type not in _WORD_METHODS:
        method = _METHOD_NAMES.get(info.compress_type, f"#{info.compress_type}")
        raise UnsupportedCompressionError(path=str(path), method=method)


def copy_member(
    source: zipfile.ZipFile, info: zipfile.ZipInfo, out: zipfile.ZipFile, path: Path
) -> None:
    """Stream one member from the source package into `out`, checksum verified."""
    check_member(info, path)
    try:
        with source.open(info) as src, out.open(copy.copy(info), "w") as dst:
            shutil.copyfileobj(src, dst, _CHUNK)
    except zipfile.BadZipFile as err:
        if "CRC" in str(err):
            raise ZipChecksumError(path=str(path), member=info.filename) from None
        raise CorruptZipError(str(err), path=str(path)) from None
    except (zlib.error, lzma.LZMAError, EOFError, ValueError) as err:
        raise CorruptZipError(f"{info.filename}: {err}", path=str(path)) from None
