"""法令引用: law citations checked against the imported e-Gov law data (tasks/laws).

Three rules share one pass over the text (cached on the document): the law's name,
the cited position (条・項・号・附則), and the 法令番号. With no law data imported
they report nothing.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ....errors import DeskError
from ..finding import LAW_CITATION, WARNING
from ..registry import rule

if TYPE_CHECKING:
    from ...laws.check import CitationIssue

_KINDS = {
    "law-citation-name": ("unknown-law", "old-name", "abbrev"),
    "law-citation-position": ("no-article", "no-paragraph", "no-item", "no-part", "suppl"),
    "law-citation-number": ("law-num",),
}


def _issues(doc) -> list[CitationIssue]:
    cached = getattr(doc, "_law_citation_issues", None)
    if cached is None:
        # Imported here: the law store, its index and their crypto are ~300 ms of imports
        # the window's start-up (which registers every rule) must not pay.
        from ...laws.check import check_text
        from ...laws.store import LawStore

        cached = []
        try:
            store = LawStore.open_existing()
        except (DeskError, sqlite3.Error):
            store = None  # unreadable law data must not stop proofreading: no law checks
        if store is not None:
            try:
                cached = check_text(doc.text, store)
            except sqlite3.Error:
                cached = []
            finally:
                store.close()
        doc._law_citation_issues = cached
    return cached


def _findings(doc, r):
    for issue in _issues(doc):
        if issue.kind in _KINDS[r.id]:
            yield r.finding(
                issue.start,
                issue.end,
                issue.surface,
                issue.message_ja,
                issue.message_en,
                issue.suggestion,
                severity=issue.severity,
            )


@rule(
    "law-citation-name",
    WARNING,
    LAW_CITATION,
    "法令名（引用）",
    "Law names in citations",
    "lawdata-name",
)
def law_name(doc, r):
    """A law that is not in the data (with the closest real names), an old name, or a
    略称 used without defining it."""
    yield from _findings(doc, r)


@rule(
    "law-citation-position",
    WARNING,
    LAW_CITATION,
    "条・項・号の引用",
    "Cited articles",
    "lawdata-position",
)
def law_position(doc, r):
    """An article, paragraph, item or 附則 article that does not exist in the law."""
    yield from _findings(doc, r)


@rule(
    "law-citation-number",
    WARNING,
    LAW_CITATION,
    "法令番号の引用",
    "Cited law numbers",
    "lawdata-number",
)
def law_number(doc, r):
    """A 法令番号 in parentheses that is not the named law's number."""
    yield from _findings(doc, r)
