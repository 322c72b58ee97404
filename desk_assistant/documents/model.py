"""The document model every task works on: blocks of text with stable locations.

A `Block` is one paragraph of the source (a Word paragraph anywhere in the file,
or a paragraph rebuilt from a PDF page). Its `segments` carry the editable text
with inline tags (see `tags.py`); a task sends segment text to the model and hands
the changed text back to `Document.save_as(..., replacements={location: text})`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Where a block sits in the document; the GUI and tasks group by it.
BLOCK_KINDS = (
    "body",
    "table_cell",
    "header",
    "footer",
    "footnote",
    "endnote",
    "textbox",
    "pdf_page",
    "cell",  # an Excel cell (a shared string at its first cell)
    "comment",  # an Excel cell comment
    "slide",  # a PowerPoint text frame
    "smartart",  # text of a PowerPoint SmartArt diagram
    "notes",  # PowerPoint speaker notes
    "chart",  # a title typed into an Excel chart
)


@dataclass(frozen=True)
class Segment:
    """Editable text of a block. `tagged` holds `<gN>…</gN>` run tags and `<xN/>` placeholders."""

    id: str
    tagged: str
    text: str


@dataclass
class Block:
    kind: str
    location: str
    text: str
    segments: list[Segment] = field(default_factory=list)
    page: int | None = None  # PDF page number (1-based)
    ocr: bool = False  # PDF text that came from an OCR layer: may hold recognition errors
    heading_level: int | None = None  # 1-based outline level of a Word heading paragraph
    hidden: bool = False  # on a hidden sheet, row or slide: the reader of the output may not see it

    @property
    def tagged(self) -> str:
        return self.segments[0].tagged if self.segments else ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "location": self.location, "text": self.text}
        if self.segments:
            data["segments"] = [{"id": s.id, "tagged": s.tagged} for s in self.segments]
        if self.page is not None:
            data["page"] = self.page
        if self.ocr:
            data["ocr"] = True
        if self.heading_level is not None:
            data["heading_level"] = self.heading_level
        if self.hidden:
            data["hidden"] = True
        return data


class Document:
    """A loaded Word or PDF document. Subclasses know how to write themselves back."""

    format = ""

    def __init__(self, path: Path, blocks: list[Block], warnings: list[str] | None = None):
        self.path = path
        self.blocks = blocks
        self.warnings: list[str] = list(warnings or [])

    def plain_text(self) -> str:
        return "\n".join(block.text for block in self.blocks)

    def block(self, location: str) -> Block:
        for block in self.blocks:
            if block.location == location:
                return block
        raise KeyError(location)

    def segments(self) -> Iterator[Segment]:
        for block in self.blocks:
            yield from block.segments

    def save_as(
        self,
        out_path: str | os.PathLike,
        replacements: Mapping[str, str] | None = None,
        *,
        overwrite: bool = False,
        direction: tuple[str, str] | None = None,
    ) -> list[str]:
        """Write a .docx with `replacements` ({location: tagged text}) applied.

        `direction` ((source, target) languages) lets formats that keep fonts switch
        them by script (fonts.py); this plain writer uses the default fonts anyway.

        Returns the warnings raised while writing (lost tags and the like).
        This default, for sources with no Word layout to keep (PDF, text), writes
        a new .docx: one paragraph per block, a page break where the page changes.
        """
        from .simple_docx import write_text_docx
        from .sniff import check_output
        from .tags import strip_tags

        check_output(out_path, self.path, overwrite)
        replacements = replacements or {}
        paragraphs: list[str] = []
        breaks: set[int] = set()
        page = None
        for block in self.blocks:
            if page is not None and block.page != page:
                breaks.add(len(paragraphs))
            page = block.page
            paragraphs.append(strip_tags(replacements.get(block.location, block.tagged)))
        write_text_docx(out_path, paragraphs, overwrite=overwrite, page_breaks_before=breaks)
        return self.unknown_locations(replacements)

    def unknown_locations(self, replacements: Mapping[str, str]) -> list[str]:
        """Warnings for replacement keys that name no block of this document."""
        from .messages import unknown_location

        known = {b.location for b in self.blocks}
        return [unknown_location(loc) for loc in sorted(set(replacements) - known)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "format": self.format,
            "blocks": [b.to_dict() for b in self.blocks],
            "warnings": list(self.warnings),
        }
