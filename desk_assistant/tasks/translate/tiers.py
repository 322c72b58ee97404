"""Two tiers of content findings: a finding that rests on one weak signal alone is told
as worth a look (確認推奨, severity info: not counted in the verdict), unless a second,
independent signal agrees on the same segment.

A weak signal is one that fresh text defeats by a long tail of terms of art and idioms:
- a clause judged lost only because words of the source, read in the general bilingual
  dictionary (JMdict glosses), have no English in the translation (omission.clause whose
  missing anchors are all dictionary glosses: 発起人 "promoter" against "incorporators",
  所信表明 against "policy statement");
- an acronym or a country in the translation that the source does not spell (names.added:
  "CSTI" for システィ, "AI" that a heading implies). A body the source does not name
  (names.added, "Ministry of …") stays a warning alone: it is how a swapped organisation
  shows when the source's own body has no listed English;
- one English word of a short label that nothing in the source explains, the source's own
  words all said (meaning.added: 開発区域の面積 → "Area of the development site", 上水道 →
  "Water supply"). A word that replaced one of the source's (a kanji left unsaid), a name
  in running text, a body's name or two words or more stay a warning alone;
- a body found by its kind whose kind is said but not its field (names.organisation:
  統計局 → "marketing department"; 参事官室 → "Counsellor's Office" is correct);
- a translation long for its source but inside the hard band (omission.too_long: a term of
  art spelled out, 表外漢字字体表 → "… Kanji Outside the Joyo Kanji Table"). On the fresh real
  runs of sessions 6-10 it never caught a loss that no other check caught; runaway output
  beyond the hard band stays an error.
A second signal is any other warning or error of the segment that is not itself weak (a
figure, a name, the length band, a negation, a run of missing anchors, a listed term or
loanword lost …), or a translation clearly short for its source (below SHORT of the
typical length ratio, inside the band that omission.length leaves quiet; a source too
short for omission.length to judge is never short).

A segment with a finding told as worth a look still stays out of the translation memory
(memory_clean), as a segment with a warning or an error does; other info findings (a
formatting repair, a figure the source implies) do not keep it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..verdicts import INFO, NEEDS_REVIEW, has_look, needs_review
from .finding import Finding

SHORT = 0.6  # a length ratio below this share of the band's typical one agrees


def worth_a_look(finding: Finding) -> Finding:
    return replace(
        finding,
        severity=INFO,
        message_ja=f"確認推奨: {finding.message_ja}",
        message_en=f"Worth a look: {finding.message_en}",
    )


def _short(source: str, translation: str, source_lang: str, target_lang: str) -> bool:
    from .omission import BANDS, MIN_SOURCE_CHARS, content_length, length_ratio

    band = BANDS.get((source_lang, target_lang))
    if band is None or content_length(source) < MIN_SOURCE_CHARS:
        return False  # a label's length says nothing (エラーレポート → "Error report")
    ratio = length_ratio(source, translation, source_lang, target_lang)
    return ratio is not None and ratio < SHORT * band.mid


def tiered(
    findings: Sequence[Finding],
    source: str,
    translation: str,
    source_lang: str = "",
    target_lang: str = "",
) -> list[Finding]:
    """The findings, with the weak ones that no second signal backs told as worth a look."""
    counted = [f for f in findings if f.severity in NEEDS_REVIEW]
    weak = [f for f in counted if f.weak]
    if not weak or len(weak) < len(counted):
        return list(findings)  # nothing weak, or a strong finding agrees
    if _short(source, translation, source_lang, target_lang):
        return list(findings)
    return [worth_a_look(f) if any(f is w for w in weak) else f for f in findings]


def memory_clean(findings: Iterable) -> bool:
    """The translation memory may keep the segment: no warning or error, and no content
    finding told as worth a look."""
    findings = list(findings)
    return not needs_review(findings) and not has_look(findings)
