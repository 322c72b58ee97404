"""Plain .txt input: one block per paragraph (blank lines separate paragraphs)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputFileError
from .model import Block, Document, Segment
from .tags import escape_text
from .textnorm import xml_safe

# Japanese office text files are UTF-8 (with or without BOM) or Shift_JIS (cp932).
_ENCODINGS = ("utf-8-sig", "cp932", "utf-16")


class TextDocument(Document):
    format = "txt"  # writes through Document.save_as: a new .docx, one paragraph per line


def decode_text(data: bytes, path: Path) -> str:
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFileError("unknown text encoding", path=str(path))


def load_text(path: Path) -> TextDocument:
    text = xml_safe(decode_text(path.read_bytes(), path)).replace("\r\n", "\n")
    blocks = []
    for number, paragraph in enumerate((p.strip("\n") for p in text.split("\n\n")), start=1):
        if not paragraph.strip():
            continue
        location = f"body/p{number}"
        blocks.append(
            Block(
                "body", location, paragraph, [Segment(location, escape_text(paragraph), paragraph)]
            )
        )
    return TextDocument(path, blocks)
