"""Support and degeneration checks of a summary against its source and its style.

- unsupported: a sentence/bullet with no source passage behind it (the citation
  step found none) → 「原文に根拠が見つかりません」;
- repeat: a line that says again what an earlier line said, or a line looping;
- example: a line copied from the style's worked examples (resources/styles/*.json),
  i.e. text about the example's subject, not the document's;
- language: the summary is not in the style's language.
`repeat`, `example` and `language` are rejections: the pipeline asks the model
once more with other sampling, then reports what is left. All are pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .citations import Citation, evidence_grams
from .grounding import GroundingFinding
from .styles import Style

REJECTING = ("repeat", "example", "language")
MIN_UNIT_CHARS = 6  # a title line (【件名】) or a bare label is not a claim
_LABEL = re.compile(r"^\s*(?:[・\-*•]\s*)?(?:[^：:]{1,10}[：:])?\s*")
_RUN = re.compile(r"(.{3,60}?)\1{2,}", re.S)
_KANA_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def _body(unit: str) -> str:
    """The claim of a line, without its bullet and label (「・概要：」)."""
    return _LABEL.sub("", unicodedata.normalize("NFKC", unit)).strip()


def _surface(unit: str) -> str:
    """What a finding quotes: the line as written, without its bullet (a substring of it)."""
    return re.sub(r"^\s*[・\-*•]\s*", "", unit)[:30]


def _body_compact(unit: str) -> str:
    return re.sub(r"\s+", "", _body(unit))


def _is_claim(unit: str) -> bool:
    body = _body(unit)
    return len(re.sub(r"\W", "", body)) >= MIN_UNIT_CHARS and not body.startswith("【")


def cross_language(style: Style, source_text: str) -> bool:
    """An English summary of a Japanese document: bigram evidence cannot match."""
    japanese = len(_KANA_HAN.findall(source_text[:5000]))
    return style.language == "en" and japanese > len(_LATIN.findall(source_text[:5000]))


def unsupported(units: Sequence[str], citations: Sequence[Citation]) -> list[GroundingFinding]:
    cited = {c.unit for c in citations}
    return [
        GroundingFinding("unsupported", _surface(unit), n)
        for n, unit in enumerate(units)
        if n not in cited and _is_claim(unit)
    ]


def repeats(units: Sequence[str], source_text: str = "") -> list[GroundingFinding]:
    """Lines that say again what an earlier line said. Two similar lines that are each
    quoted from the source are not a repeat: the document says both (附則 after 附則)."""
    source = re.sub(r"\s+", "", unicodedata.normalize("NFKC", source_text))
    findings = []
    seen: list[set[str]] = []
    lines: set[str] = set()
    for n, unit in enumerate(units):
        body = _body(unit)
        grams = evidence_grams(body)
        loop = _RUN.search(re.sub(r"\s+", "", body))
        line = re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit))
        if line and line in lines:  # the same line again, title lines (【件名】) included
            findings.append(GroundingFinding("repeat", _surface(unit), n))
        elif loop and len(set(loop.group(1))) > 1 and loop.group(0) not in source:
            findings.append(GroundingFinding("repeat", _surface(unit), n))
        elif (
            grams
            and _is_claim(unit)
            and _body_compact(unit) not in source
            and any(len(grams & earlier) >= 0.8 * min(len(grams), len(earlier)) for earlier in seen)
        ):
            findings.append(GroundingFinding("repeat", _surface(unit), n))
        seen.append(grams)
        lines.add(line)
    return findings


def example_lines(style: Style) -> list[str]:
    return [
        _body(line)
        for _, target in style.examples
        for line in target.splitlines()
        if _is_claim(line)
    ]


def copied_examples(
    units: Sequence[str], style: Style, source_grams: set[str]
) -> list[GroundingFinding]:
    """Lines that share most of their words with an example line and little with the source."""
    examples = [evidence_grams(line) for line in example_lines(style)]
    findings = []
    for n, unit in enumerate(units):
        grams = evidence_grams(_body(unit))
        if not grams or not _is_claim(unit):
            continue
        from_example = max((len(grams & e) / len(grams) for e in examples), default=0.0)
        from_source = len(grams & source_grams) / len(grams)
        if from_example >= 0.5 and from_example > from_source + 0.15:
            findings.append(GroundingFinding("example", _surface(unit), n))
    return findings


def wrong_language(text: str, language: str) -> bool:
    japanese = len(_KANA_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if language == "en":
        return japanese >= 5 and japanese > 0.25 * (japanese + latin)
    return latin >= 20 and latin > 3 * japanese


def check_support(
    units: Sequence[str],
    citations: Sequence[Citation],
    style: Style,
    source_text: str,
    source_grams: set[str] | None = None,
) -> list[GroundingFinding]:
    """Every support and degeneration finding of a summary (see the module docstring)."""
    findings: list[GroundingFinding] = []
    text = "\n".join(units)
    if not any(re.sub(r"\W", "", u) for u in units):
        return [GroundingFinding("empty", "", 0)]
    if wrong_language(text, style.language):
        # About the whole summary; it sits on the first line, quoting it.
        findings.append(GroundingFinding("language", _surface(units[0]), 0))
    findings += repeats(units, source_text)
    grams = source_grams if source_grams is not None else evidence_grams(source_text)
    findings += copied_examples(units, style, grams)
    if not cross_language(style, source_text):
        flagged = {f.unit for f in findings}
        findings += [f for f in unsupported(units, citations) if f.unit not in flagged]
    return findings


def rejected(findings: Sequence[GroundingFinding]) -> bool:
    """Output to ask for again: it repeats itself, copies an example, is in the wrong
    language, or is empty."""
    return any(f.kind in (*REJECTING, "empty") for f in findings)
