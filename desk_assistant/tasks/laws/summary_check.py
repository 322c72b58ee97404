"""Law citations in a summary: each summary line that cites a law is resolved against the
local law store. A law, article, paragraph, item or part that does not exist, a wrong
法令番号 or an old name is a finding on that line (the common finding shape, so the CLI,
JSON and the GUI show it like the other summary findings). Laws not imported are not
reported: a summary of a document about other laws is not wrong for that."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ... import i18n
from ...errors import DeskError
from .check import INFO, CitationIssue, check_paragraphs
from .store import LawStore


@dataclass(frozen=True)
class LawCitationFinding:
    kind: str  # "law" (the GUI tints just `surface`, like a name not in the source)
    surface: str
    unit: int  # the summary line (sentence or bullet)
    message_ja: str
    message_en: str
    suggestion: str | None = None
    severity: str = "warning"
    check: str = ""  # the citation check that fired: no-article, law-num, old-name …

    def message(self, lang: str | None = None) -> str:
        where_ja, where_en = f"{self.unit + 1} 行目: ", f"Line {self.unit + 1}: "
        return i18n.tr(
            f"{where_ja}法令引用「{self.surface}」 {self.message_ja}",
            f"{where_en}law citation '{self.surface}': {self.message_en}",
            lang,
        )

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "check": self.check,
            "surface": self.surface,
            "unit": self.unit,
            "severity": self.severity,
            "message": self.message(),
            "suggestion": self.suggestion,
        }


def check_units(units: list[str], store: LawStore) -> list[LawCitationFinding]:
    starts, offset = [], 0
    for unit in units:
        starts.append(offset)
        offset += len(unit) + 1
    out = []
    for issue in check_paragraphs(units, store):
        if issue.severity == INFO:
            continue
        line = max(k for k, s in enumerate(starts) if s <= issue.start)
        out.append(_finding(issue, line))
    return out


def _finding(issue: CitationIssue, line: int) -> LawCitationFinding:
    return LawCitationFinding(
        "law",
        issue.surface,
        line,
        issue.message_ja,
        issue.message_en,
        issue.suggestion,
        "warning",  # like every summary finding: a line for a human to look at
        issue.kind,
    )


def summary_law_findings(units: list[str]) -> list[LawCitationFinding]:
    """Findings for the summary lines against the user's law store; none when there is no
    law data or it cannot be read (the summary must never fail for that)."""
    if not any(("法" in u or "令" in u or "規則" in u) for u in units):
        return []
    try:
        store = LawStore.open_existing(with_index=False)
    except (DeskError, sqlite3.Error):
        return []
    if store is None:
        return []
    try:
        return check_units(units, store)
    except sqlite3.Error:
        return []
    finally:
        store.close()
