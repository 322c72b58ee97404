"""What to proofread: a `documents.Document` for .docx/.pdf, plain text for .txt and stdin.

Word and PDF files go through `documents.load`, so every part is checked (body,
tables, headers/footers, footnotes, endnotes, text boxes, PDF pages) and each
finding carries the block location of the documents layer. Plain text is one
block without a location: its offsets index the file's text, line breaks kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ...documents import Block, Document
from ...errors import InputFileError, UnsupportedFormatError

SUFFIXES = (".txt", ".docx", ".pdf")


class EncodingError(InputFileError):
    ja = "テキストファイルの文字コードを判別できません（UTF-8 またはシフトJISで保存してください）: {path}"
    en = "Cannot decode the text file (save it as UTF-8 or Shift_JIS): {path}"


class PlainText(Document):
    """Text from a .txt file or stdin, checked as one block with no location."""

    format = "txt"

    def __init__(self, path: Path, text: str):
        super().__init__(path, [Block("body", "", text)])


def decode_text(data: bytes, path: str) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EncodingError(path=path)


def read_document(path: str) -> Document:
    """The document at `path` ('-' for UTF-8 stdin); bad input raises an InputFileError."""
    if path == "-":
        return PlainText(Path("-"), decode_text(sys.stdin.buffer.read(), "<stdin>"))
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedFormatError(path=path, supported=" ".join(SUFFIXES))
    try:
        if suffix == ".txt":
            return PlainText(p, decode_text(p.read_bytes(), path).replace("\r\n", "\n"))
        from ... import documents

        return documents.load(p)
    except OSError as err:
        raise InputFileError(detail=err.strerror or str(err), path=path) from err


def read_blocks(path: str) -> list[Block]:
    """The blocks of `read_document(path)` (kept for bench/proofread_vs_textlint.py)."""
    return read_document(path).blocks
