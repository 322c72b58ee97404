"""Options of the rule engine. Defaults follow 公用文作成の考え方 (2022)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import UsageError


@dataclass
class ProofreadConfig:
    max_sentence: int = 80  # characters; the guide asks for one point per sentence
    disabled: frozenset[str] = field(default_factory=frozenset)  # rule ids switched off
    only: frozenset[str] | None = None  # when set, run just these rule ids
    joshi_min_interval: int = 1  # doubled particles closer than this (in particles) are flagged
    prefer_style: str | None = None  # "desumasu" | "dearu" | None (the majority wins)

    def __post_init__(self) -> None:
        if self.max_sentence < 10:
            raise UsageError(what=f"--max-sentence {self.max_sentence} (10 以上 / at least 10)")
        if self.prefer_style not in (None, "desumasu", "dearu"):
            raise UsageError(what=f"prefer_style={self.prefer_style!r}")
        self.disabled = frozenset(self.disabled)
        if self.only is not None:
            self.only = frozenset(self.only)

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.disabled:
            return False
        return self.only is None or rule_id in self.only
