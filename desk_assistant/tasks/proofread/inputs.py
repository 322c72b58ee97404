"""What to proofread: a `documents.Document` for every registered format (Word, PDF,
Excel, PowerPoint), plain text for .txt and stdin.

Documents go through `documents.load`, so every part is checked (body, tables,
headers/footers, footnotes, endnotes, text boxes, PDF pages, cells, slides, notes) and each
finding carries the block location of the documents layer. Plain text is one
block without a location: its offsets index the file's text, line breaks kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ...documents import Block, Document
from ...documents.formats import input_suffixes
from ...documents.textfile import decode_text
from ...errors import InputFileError, UnsupportedFormatError

SUFFIXES = (".txt", *(x for x in input_suffixes() if x != ".txt"))


class EncodingError(InputFileError):
    ja = "テキストファイルの文字コードを判別できません（UTF-8 またはシフトJISで保存してください）: {path}"
    en = "Cannot decode the text file (save it as UTF-8 or Shift_JIS): {path}"


class PlainText(Document):
    """Text from a .txt file or stdin, checked as one block with no location.

    Not documents' TextDocument (one block per paragraph, XML-safe text): a
    proofreading finding's offsets must index the file's own text, line
    breaks and all, so the text stays whole and unchanged."""

    format = "txt"

    def __init__(self, path: Path, text: str):
        super().__init__(path, [Block("body", "", text)])


def _decode(data: bytes, path: str) -> str:
    text = decode_text(data)  # documents' decoder: UTF-8, Shift_JIS, UTF-16
    if text is None:
        raise EncodingError(path=path)
    return text


def read_document(path: str) -> Document:
    """The document at `path` ('-' for UTF-8 stdin); bad input raises an InputFileError."""
    if path == "-":
        return PlainText(Path("-"), _decode(sys.stdin.buffer.read(), "<stdin>"))
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedFormatError(path=path, supported=" ".join(SUFFIXES))
    try:
        if suffix == ".txt":
            return PlainText(p, _decode(p.read_bytes(), path).replace("\r\n", "\n"))
        from ... import documents

        return documents.load(p)
    except OSError as err:
        raise InputFileError(detail=err.strerror or str(err), path=path) from err


def read_blocks(path: str) -> list[Block]:
    """The blocks of `read_document(path)` (kept for bench/proofread_vs_textlint.py)."""
    return read_document(path).blocks
