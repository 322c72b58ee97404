"""Rule metadata and the registry the engine runs.

A rule is a function `check(doc, rule) -> Iterable[Finding]` registered with
its id, severity, source and a bilingual title.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .finding import SEVERITIES, SOURCES, Finding

if TYPE_CHECKING:
    from .document import Document


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    source: str
    title_ja: str
    title_en: str
    check: Callable[[Document, Rule], Iterable[Finding]]

    def finding(
        self,
        start: int,
        end: int,
        surface: str,
        ja: str,
        en: str,
        suggestion: str | None = None,
        severity: str | None = None,
    ) -> Finding:
        return Finding(
            self.id, severity or self.severity, start, end, surface, ja, en, suggestion, self.source
        )


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, source: str, title_ja: str, title_en: str):
    """Decorator registering a check function as a rule."""
    assert severity in SEVERITIES and source in SOURCES, rule_id

    def register(check):
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, source, title_ja, title_en, check)
        return check

    return register
