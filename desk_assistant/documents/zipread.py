"""Read the members of a .docx package under a memory budget.

zipfile trusts the sizes a file declares; a bomb can declare small sizes and a
hostile file can use methods Word never writes (LZMA, bzip2, encryption). Here
every member is decompressed in chunks and counted as it grows, and every
zipfile or codec failure becomes one of our translatable errors.
"""

from __future__ import annotations

import bz2  # noqa: F401 - makes sure zipfile's optional codecs are importable
import lzma
import zipfile
import zlib
from pathlib import Path

from ..errors import (
    CorruptZipError,
    DocumentTooComplexError,
    PasswordProtectedError,
    UnsupportedCompressionError,
    ZipBombError,
    ZipChecksumError,
)
from . import limits
from .sniff import WORD_DOCUMENT, human_size

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
) -> list[tuple[zipfile.ZipInfo, bytes]]:
    total = xml_total = 0
    entries = []
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            raise PasswordProtectedError(path=str(path), kind=WORD_DOCUMENT)
        if info.compress_type not in _WORD_METHODS:
            method = _METHOD_NAMES.get(info.compress_type, f"#{info.compress_type}")
            raise UnsupportedCompressionError(path=str(path), method=method)
        xml = is_xml_part(info.filename)
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
            raise CorruptZipError(f"{info.filename}: {err}", path=str(path)) from None
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
