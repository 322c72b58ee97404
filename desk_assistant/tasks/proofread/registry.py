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
    from .checked_text import CheckedText


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    source: str
    title_ja: str
    title_en: str
    check: Callable[[CheckedText, Rule], Iterable[Finding]]
    clause: str | None = None  # default clause id (clauses.tsv); a finding may name another

    def finding(
        self,
        start: int,
        end: int,
        surface: str,
        ja: str,
        en: str,
        suggestion: str | None = None,
        severity: str | None = None,
        clause: str | None = None,
        source: str | None = None,
    ) -> Finding:
        return Finding(
            self.id,
            severity or self.severity,
            start,
            end,
            surface,
            ja,
            en,
            suggestion,
            source or (_source_of(clause) if clause else self.source),
            clause=clause or self.clause,
        )


def _source_of(clause_id: str) -> str:
    """The source label of a clause id given for one finding (kangaekata-… → 公用文作成の考え方)."""
    from .finding import GENERAL, HOREI, KANGAEKATA, KUNREI, ORG

    prefix = clause_id.split("-", 1)[0]
    return {"kunrei": KUNREI, "kangaekata": KANGAEKATA, "horei": HOREI, "org": ORG}.get(
        prefix, GENERAL
    )


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    severity: str,
    source: str,
    title_ja: str,
    title_en: str,
    clause: str | None = None,
):
    """Decorator registering a check function as a rule.

    Severity means: error = against the 訓令 / 法令 usage, or an objective defect
    (broken characters, unbalanced brackets); warning = a recommendation of
    公用文作成の考え方 or a probable slip (grammar, typo); info = style."""
    assert severity in SEVERITIES and source in SOURCES, rule_id

    def register(check):
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, source, title_ja, title_en, check, clause)
        return check

    return register
