"""Write plain .docx files from text: summaries, PDF translations, 対訳 tables."""

from __future__ import annotations

import io
import os
from collections.abc import Collection, Iterable
from pathlib import Path

from ..fileio import atomic_write_bytes
from .sniff import check_output
from .textnorm import xml_safe

# Japanese Word defaults, so Japanese text does not fall back to a Latin font.
EAST_ASIA_FONT = "ＭＳ 明朝"


def _new_document():
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
    return document


def _save(document, path: str | os.PathLike) -> Path:
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write_bytes(path, buffer.getvalue(), shared=True)
    return Path(path)


def write_text_docx(
    path: str | os.PathLike,
    paragraphs: Iterable[str],
    title: str | None = None,
    *,
    overwrite: bool = False,
    page_breaks_before: Collection[int] = (),
) -> Path:
    """Write `paragraphs` (one string each; "\\n" inside is a line break) as a .docx.

    `title` becomes a heading; `page_breaks_before` holds paragraph indexes that
    start a new page (PDF page boundaries). Refuses to overwrite unless asked.
    """
    from docx.enum.text import WD_BREAK

    check_output(path, None, overwrite)
    document = _new_document()
    if title:
        document.add_heading(xml_safe(title), level=1)
    for index, text in enumerate(paragraphs):
        paragraph = document.add_paragraph()
        if index in page_breaks_before:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
        paragraph.add_run(xml_safe(text))
    return _save(document, path)


def write_bilingual_docx(
    path: str | os.PathLike,
    rows: Iterable[tuple[str, str]],
    title: str | None = None,
    headers: tuple[str, str] = ("原文 / Source", "訳文 / Translation"),
    *,
    overwrite: bool = False,
) -> Path:
    """Write a two-column 対訳 table: source text beside its translation."""
    check_output(path, None, overwrite)
    document = _new_document()
    if title:
        document.add_heading(xml_safe(title), level=1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = xml_safe(text)
    for source, target in rows:
        cells = table.add_row().cells
        cells[0].text = xml_safe(source)
        cells[1].text = xml_safe(target)
    return _save(document, path)
