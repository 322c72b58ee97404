"""Plain .txt input: one block per paragraph (blank lines separate paragraphs)."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputFileError
from .model import Block, Document, Segment
from .tags import escape_text
from .textnorm import xml_safe

# Japanese office text files are UTF-8 (with or without BOM) or Shift_JIS (cp932);
# Notepad's "Unicode" is UTF-16.
ENCODINGS = ("utf-8-sig", "cp932", "utf-16")


class TextDocument(Document):
    format = "txt"  # writes through Document.save_as: a new .docx, one paragraph per line


def decode_text(data: bytes) -> str | None:
    """The text of a file a Japanese office may have written, or None when no
    encoding in ENCODINGS reads it (each caller words its own error). The one
    decoder for .txt documents, glossaries and proofread's text input."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        # cp932 reads a UTF-16 BOM as private-use characters: the BOM decides first
        return data.decode("utf-16")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def load_text(path: Path) -> TextDocument:
    decoded = decode_text(path.read_bytes())
    if decoded is None:
        raise InputFileError("unknown text encoding", path=str(path))
    text = xml_safe(decoded).replace("\r\n", "\n")
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
