"""Plain .txt input: one block per paragraph (blank lines separate paragraphs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ..errors import InputFileError
from .model import Block, Document, Segment
from .sniff import check_output
from .tags import escape_text, strip_tags
from .textnorm import xml_safe

# Japanese office text files are UTF-8 (with or without BOM) or Shift_JIS (cp932).
_ENCODINGS = ("utf-8-sig", "cp932", "utf-16")


class TextDocument(Document):
    format = "txt"

    def save_as(
        self,
        out_path: str | os.PathLike,
        replacements: Mapping[str, str] | None = None,
        *,
        overwrite: bool = False,
    ) -> list[str]:
        from .simple_docx import write_text_docx

        check_output(out_path, self.path, overwrite)
        replacements = replacements or {}
        texts = [strip_tags(replacements.get(b.location, b.tagged)) for b in self.blocks]
        write_text_docx(out_path, texts, overwrite=overwrite)
        return self.unknown_locations(replacements)


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
