"""Findings written into a copy of the Word file: comments, and tracked changes.

- `write_commented_docx`: every finding becomes a Word comment on its span
  (author 文書アシスタント). Findings in headers/footers cannot carry comments
  (Word has none there) and are reported as not placed; note findings sit on the
  note's reference mark (see documents/annotate.py).
- `write_tracked_docx`: each rule finding with a replacement, at warning or error
  severity, becomes a tracked change (w:del + w:ins) the user accepts or rejects;
  every finding also gets its comment, so the reason is beside the change. LLM
  suggestions and info hints (外来語, 漢数字) stay comments: they are advice, not fixes.

Both refuse a document that is not a .docx, never write over the input or an
existing file, and write atomically.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from ... import i18n
from ...documents import Document
from ...errors import WordOutputNeedsDocxError
from .finding import ERROR, LLM, WARNING, Finding

TRACKED_SEVERITIES = (ERROR, WARNING)


@dataclass
class WordOutput:
    path: str
    comments: int = 0
    changes: int = 0
    not_placed: list[tuple[Finding, str]] = field(default_factory=list)  # no comment: (f, reason)
    not_tracked: list[tuple[Finding, str]] = field(default_factory=list)  # fix left as a comment


def comment_text(f: Finding) -> str:
    """The comment a reader sees: severity, message, suggestion, rule and source."""
    severity = {
        "error": i18n.tr("誤り", "error"),
        "warning": i18n.tr("注意", "warning"),
        "info": i18n.tr("参考", "info"),
    }[f.severity]
    lines = [f"【{severity}】{f.message()}"]
    if f.suggestion and f.source != LLM:
        lines.append(i18n.tr(f"修正案: {f.suggestion}", f"Suggestion: {f.suggestion}"))
    if len(f.places) > 1:
        lines.append(
            i18n.tr(
                f"同じ指摘が文書内に {len(f.places)} か所あります（この箇所が最初）。",
                f"The same finding applies to {len(f.places)} places (this is the first).",
            )
        )
    lines.append(i18n.tr(f"根拠: {f.citation}", f"Basis: {f.citation}") if f.citation else "")
    lines.append(f"({f.rule} / {f.source})")
    return "\n".join(line for line in lines if line)


def trackable(f: Finding) -> bool:
    return (
        f.suggestion is not None
        and f.source != LLM
        and f.severity in TRACKED_SEVERITIES
        and f.suggestion != f.surface
    )


def write_commented_docx(
    document: Document, findings: Iterable[Finding], out_path: str | os.PathLike
) -> WordOutput:
    return _write(document, findings, out_path, track=False)


def write_tracked_docx(
    document: Document, findings: Iterable[Finding], out_path: str | os.PathLike
) -> WordOutput:
    return _write(document, findings, out_path, track=True)


def _write(document, findings, out_path, *, track: bool) -> WordOutput:
    from ...documents.annotate import (
        COMMENT_REASONS,
        SKIP_NO_COMMENTS_HERE,
        Mark,
        annotate_docx,
    )
    from ...documents.docx import DocxDocument

    if not isinstance(document, DocxDocument):
        raise WordOutputNeedsDocxError(path=str(document.path))
    findings = [f for f in findings if f.location]
    marks = [
        Mark(
            f.location,
            f.start,
            f.end,
            comment=comment_text(f),
            replacement=f.suggestion if track and trackable(f) else None,
        )
        for f in findings
    ]
    by_mark = {id(m): f for m, f in zip(marks, findings, strict=True)}
    report = annotate_docx(document, out_path, marks)
    out = WordOutput(str(out_path), report.comments, report.changes)
    for mark, reason in report.skipped:
        finding = by_mark[id(mark)]
        if reason in COMMENT_REASONS:
            out.not_placed.append((finding, reason))
        if mark.replacement is not None and reason not in (SKIP_NO_COMMENTS_HERE,):
            out.not_tracked.append((finding, reason))
    return out
