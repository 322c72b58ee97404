"""Findings written into a copy of an Excel or PowerPoint file as comments.

Excel: each finding is a comment on the cell whose text it is about (a string
shown in several cells sits on the first). PowerPoint: a comment on the slide
(speaker notes and SmartArt included), saying which part it is about. Comments
there cannot point at a span, so each quotes the words. No tracked changes:
neither format has Word's. `write_commented` picks the writer for the format.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ... import i18n
from ...documents import Document
from ...errors import WordOutputNeedsDocxError
from .finding import Finding
from .word import WordOutput, comment_text, write_commented_docx

NOT_PLACED = "no-such-place"
# Which part of a slide a PowerPoint location names ("slide3/notes/p1" → notes).
_SLIDE_PARTS = {
    "notes": ("ノート", "speaker notes"),
    "smartart": ("SmartArt", "SmartArt"),
    "shape": ("シート上の図形", "a shape on the sheet"),
}


def where(location: str) -> str:
    """The part of the slide or sheet a comment is about, for its first line."""
    if location.endswith("/comment"):
        return i18n.tr("セルのメモ", "the cell's comment")
    for key, words in _SLIDE_PARTS.items():
        if f"/{key}" in location:
            return i18n.tr(*words)
    return ""


def office_comment(texts: dict[str, str], f: Finding) -> str:
    """The comment: the quoted words (and the part of the slide), then the finding."""
    text = texts.get(f.location or "", "")
    quote = text[f.start : f.end] if 0 <= f.start < f.end <= len(text) else f.surface
    place = where(f.location or "")
    head = f"「{quote}」" + (f"（{place}）" if place else "")
    return f"{head}\n{comment_text(f)}"


def write_commented_office(
    document: Document, findings: Iterable[Finding], out_path: str | os.PathLike
) -> WordOutput:
    from ...documents.officexml import OfficeDocument

    if not isinstance(document, OfficeDocument):
        raise WordOutputNeedsDocxError(path=str(document.path))
    findings = [f for f in findings if f.location]
    texts = {b.location: b.text for b in document.blocks}
    notes = [(f.location, office_comment(texts, f)) for f in findings]
    by_note = {id(n): f for n, f in zip(notes, findings, strict=True)}
    skipped = document.save_commented(out_path, notes)
    out = WordOutput(str(out_path), comments=len(notes) - len(skipped))
    out.not_placed = [(by_note[id(n)], NOT_PLACED) for n in skipped]
    return out


def write_commented(
    document: Document, findings: Iterable[Finding], out_path: str | os.PathLike
) -> WordOutput:
    """Comments in the document's own format: Word, Excel or PowerPoint."""
    if document.format in ("xlsx", "pptx"):
        return write_commented_office(document, findings, out_path)
    return write_commented_docx(document, findings, out_path)
