"""Run the deterministic rules over a text.

Extension point: `check_text(..., extra=...)` takes further checkers with the
same signature as a rule's check (`(document) -> Iterable[Finding]`); the LLM
suggestion pass plugs in there, so it sees the same tokens and offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from . import rules as _rules  # noqa: F401  (registers the rules)
from . import scope
from .checked_text import CheckedText
from .config import ProofreadConfig
from .finding import Finding
from .registry import RULES

Checker = Callable[[CheckedText], Iterable[Finding]]


def check_text(
    text: str, *, config: ProofreadConfig | None = None, extra: Sequence[Checker] = ()
) -> list[Finding]:
    """Findings for `text`, sorted by position; offsets index into `text` itself."""
    config = config or ProofreadConfig()
    if not text.strip() or not _japanese(text):
        return []  # an English document (pdf15) is not 公用文: the rules do not apply
    # Blanked lines keep their length: offsets into doc.text are offsets into text.
    doc = CheckedText.parse(scope.blank_out(text), config)
    findings: list[Finding] = []
    for rule_obj in RULES.values():
        if config.enabled(rule_obj.id):
            findings.extend(rule_obj.check(doc, rule_obj))
    findings = scope.apply(doc, findings)
    if config.profile is not None or config.exceptions:
        findings = _rules.organization.apply(config, findings)
    for checker in extra:
        findings.extend(checker(doc))
    return _dedupe(sorted(findings, key=lambda f: (f.start, f.end, f.rule)))


_JA = re.compile("[\u3041-\u30ff\u4e00-\u9fff\uff66-\uff9f]")


_LATIN = re.compile("[A-Za-z]")


def _japanese(text: str) -> bool:
    """Kana or kanji make up at least 5 % of the letters: a Japanese text."""
    sample = text[:200_000]
    ja = len(_JA.findall(sample))
    return ja > 0 and ja >= 0.05 * (ja + len(_LATIN.findall(sample)))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
