"""Word and PDF documents in and out. No LLM and no Qt here.

Reading::

    from desk_assistant import documents
    doc = documents.load("report.docx")          # or .pdf / .txt; max_bytes=... changes the size limit
    for block in doc.blocks:                      # reading order: body and tables, headers/footers, notes
        block.kind        # body | table_cell | header | footer | footnote | endnote | textbox | pdf_page
        block.location    # stable id: "body/p12", "table1/r2c3/p1", "header/sec1/default/p1",
                          # "footnote/3/p1", "body/p56/textbox1/p2", "pdf/page3/p2",
                          # "pdf/page2/table1/r3c2" (a PDF table cell: kind table_cell)
        block.text        # everything a reader sees in the paragraph (field results included)
        block.segments    # the editable text: [Segment(id=location, tagged=..., text=...)], [] if none
    doc.plain_text()      # block texts joined with newlines
    doc.warnings          # e.g. "text comes from OCR", in the UI language

Locations: "body/pN" counts the body's paragraphs in order (including those
inside content controls such as a table of contents, which python-docx's
`paragraphs` skips); "tableT/rRcC/pN" counts top-level tables and the cells of
a row; headers/footers are named by the first section that uses them; notes
by their w:id; text boxes hang under the paragraph that anchors them.

Tagged text (`Segment.tagged`): `<gN>…</gN>` wraps the text of one formatting
group (adjacent runs with the same bold/italic/colour/font/style, revision ids
and language ignored); `<xN/>` stands for non-text content (footnote marks,
images, fields, page numbers). A paragraph with one formatting has no tags.
Tabs are "\t" and line breaks "\n" in the text. Source text that looks like a
tag is escaped as "&lt;" (see `tags.escape_text`); `Segment.text` is the plain,
unescaped editable text.

Writing::

    warnings = doc.save_as("report.en.docx", replacements={location: new_tagged_text})

For .docx input the source package is copied and only the named paragraphs
change: each group's new text goes into that group's first run (formatting,
hyperlinks and fields kept), placeholders' content stays where it was. Tags are
parsed leniently; lost tags put the text in the first run and add a warning.
For PDF input a new .docx is written, one paragraph per block (tags stripped),
a page break between PDF pages. `save_as` never writes over the source, and
never over an existing file unless `overwrite=True`; writes are atomic.

Helpers: `write_text_docx(path, paragraphs, title=None)` for a simple .docx,
`write_bilingual_docx(path, rows, title=None)` for a 対訳 table.

Bad input raises a specific `InputFileError` (see errors.py): NotDocxError,
CorruptZipError, CorruptFileError, ZipBombError, PasswordProtectedError,
EmptyFileError, FileTooLargeError, ScannedPdfError, UnsupportedFormatError.
"""

from __future__ import annotations

import os
from pathlib import Path

from .model import BLOCK_KINDS, Block, Document, Segment
from .simple_docx import write_bilingual_docx, write_text_docx
from .sniff import DEFAULT_MAX_BYTES, DEFAULT_MAX_UNCOMPRESSED

__all__ = [
    "BLOCK_KINDS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_UNCOMPRESSED",
    "Block",
    "Document",
    "Segment",
    "load",
    "write_bilingual_docx",
    "write_text_docx",
]


def load(
    path: str | os.PathLike,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
) -> Document:
    """Open a .docx or .pdf (decided by content, not extension), or a .txt, as a `Document`.
    The formats and their readers are declared in formats.py."""
    from .formats import load as load_format

    return load_format(Path(path), max_bytes=max_bytes, max_uncompressed=max_uncompressed)
