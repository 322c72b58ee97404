"""Severities of findings and the document-level verdict (問題なし / 要確認 N 件).

A finding of severity `error` is a hard failure: the segment is retried once,
then kept in the source language with a mark. `warning` asks the user to look;
`info` (formatting repaired) does not count against the verdict. A content finding told
as worth a look (確認推奨: info that rests on one weak signal, translate/tiers.py) does not
count either, but the verdict names how many units have one, so 問題なし never hides them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from .. import i18n

ERROR = "error"
WARNING = "warning"
INFO = "info"
NEEDS_REVIEW = (ERROR, WARNING)


@runtime_checkable
class FindingProtocol(Protocol):
    """What every task's finding offers its shells (CLI, GUI, JSON, Word comments):
    translate, proofread, summary grounding/support, library answers, law citations.

    `message` is a method everywhere (never a property), so a shell calls
    `finding.message()` without asking which task the finding came from.
    """

    severity: str  # ERROR | WARNING | INFO

    def message(self, lang: str | None = None) -> str:
        """The finding in `lang` ("ja" / "en"), by default the UI language."""
        ...

    def to_dict(self) -> dict:
        """The JSON form; its "message" is message() in the UI language."""
        ...


def needs_review(findings: Iterable) -> bool:
    return any(f.severity in NEEDS_REVIEW for f in findings)


def has_look(findings: Iterable) -> bool:
    """A content finding told as worth a look (info resting on one weak signal)."""
    return any(f.severity == INFO and getattr(f, "weak", False) for f in findings)


def hard_failures(findings: Iterable) -> list:
    return [f for f in findings if f.severity == ERROR]


@dataclass(frozen=True)
class Verdict:
    """How many units (segments, summary lines) need a human look."""

    review: int  # units with a warning or error finding
    errors: int  # units with a hard failure (kept in the source language, rejected output)
    look: int = 0  # units with no warning but a finding told as worth a look (確認推奨)

    @property
    def ok(self) -> bool:
        return self.review == 0

    @property
    def status(self) -> str:
        return "ok" if self.ok else "review"

    def label(self, lang: str | None = None) -> str:
        if self.ok:
            ja, en = "問題なし", "no problems found"
        else:
            ja, en = f"要確認 {self.review} 件", f"{self.review} to check"
        if self.look:
            ja, en = f"{ja}（確認推奨 {self.look} 件）", f"{en} ({self.look} worth a look)"
        return en if (lang or i18n.language()) == "en" else ja

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "review": self.review,
            "errors": self.errors,
            "look": self.look,
            "label": self.label(),
            "label_ja": self.label("ja"),
            "label_en": self.label("en"),
        }


def verdict_of(units_findings: Iterable[Iterable]) -> Verdict:
    """The verdict over units, each given as its findings."""
    review = errors = look = 0
    for findings in units_findings:
        findings = list(findings)
        counted = needs_review(findings)
        review += counted
        errors += bool(hard_failures(findings))
        look += not counted and has_look(findings)
    return Verdict(review, errors, look)
