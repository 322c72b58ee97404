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


def write_blocks_docx(
    path: str | os.PathLike,
    items: Iterable[str | list[list[str]]],
    *,
    overwrite: bool = False,
    page_breaks_before: Collection[int] = (),
) -> Path:
    """Like `write_text_docx`, where an item may also be a table (rows of cell
    texts), written as a Word table with grid lines."""
    from docx.enum.text import WD_BREAK

    check_output(path, None, overwrite)
    document = _new_document()
    for index, item in enumerate(items):
        if index in page_breaks_before:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if isinstance(item, str):
            document.add_paragraph().add_run(xml_safe(item))
            continue
        _fill_table(document.add_table(rows=0, cols=max(map(len, item), default=1)), item)
    return _save(document, path)


def write_bilingual_docx(
    path: str | os.PathLike,
    rows: Iterable[tuple[str | list[list[str]], str | list[list[str]]]],
    title: str | None = None,
    headers: tuple[str, str] = ("原文 / Source", "訳文 / Translation"),
    *,
    overwrite: bool = False,
) -> Path:
    """Write a two-column 対訳 table: source text beside its translation. A side
    may be a table (rows of cell texts, from a PDF table): it is written as a
    table inside the cell."""
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
        for cell, content in ((cells[0], source), (cells[1], target)):
            if isinstance(content, str):
                cell.text = xml_safe(content)
            else:  # a table (rows of cell texts): a table inside the 対訳 cell
                _fill_table(cell.add_table(rows=0, cols=max(map(len, content), default=1)), content)
    return _save(document, path)


def _fill_table(table, rows: list[list[str]]) -> None:
    table.style = "Table Grid"
    for texts in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, texts, strict=False):
            cell.text = xml_safe(text)
