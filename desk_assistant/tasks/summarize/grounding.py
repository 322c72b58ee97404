"""Grounding check: every number, date and name-like term of a summary must be in the source.

What is checked, per summary sentence or bullet:
- numbers and amounts (3億円 = 300,000,000円 = 300 million yen), compared by value;
- dates (令和8年4月1日 = 2026年4月1日 = April 1, 2026), by (year, month, day);
- name-like terms: text in 「」『』, law and rule titles (…法, …に関する法律, …規則),
  and Latin words/acronyms (GIF, API);
after normalising 全角/半角 and safe kanji numerals on both sides (numbers.py).
Whatever is not found is returned as a finding: a possible hallucination to show
the user, never silently removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ... import i18n
from ..law_words import NOT_LAW_ENDINGS
from .numbers import Mention, find_mentions, normalize

_QUOTED = re.compile(r"[「『]([^「」『』]{2,60})[」』]")
_KANJI = r"\u4e00-\u9fff々〆ァ-ヶー・"
_LAW = re.compile(
    rf"(?:[{_KANJI}]+(?:に関する|における|の))?[{_KANJI}]*?"
    rf"(?:法律|法|条例|政令|省令|府令|施行令|施行規則|規則|訓令|告示)(?![{_KANJI}])"
)
_LATIN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9\-]+")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9\-]+(?![A-Za-z0-9])")
_KIND_NAMES = {
    "number": ("数値", "number"),
    "date": ("日付", "date"),
    "term": ("名称", "name"),
}


def _support_message(kind: str, line: int, surface: str) -> tuple[str, str] | None:
    """Messages of the support checks (support.py); None for the grounding kinds."""
    where_ja, where_en = (f"{line} 行目: ", f"Line {line}: ") if line > 0 else ("", "")
    messages = {
        "unsupported": (
            "原文に根拠が見つかりません（誤生成の可能性）。",
            "no supporting passage found in the source (possible hallucination).",
        ),
        "repeat": (
            f"前の行と同じ内容の繰り返しです「{surface}」（モデルの出力の乱れ）。",
            f"repeats earlier text '{surface}' (the model's output broke down).",
        ),
        "example": (
            f"要約スタイルの例文が写されています「{surface}」（原文にない内容）。",
            f"copied from the summary style's example '{surface}' (not in the source).",
        ),
        "language": (
            "要約が指定の言語になっていません。",
            "the summary is not in the style's language.",
        ),
        "empty": ("要約が空です。", "the summary is empty."),
    }
    if kind not in messages:
        return None
    if kind in ("language", "empty"):  # about the whole summary, not one line
        where_ja = where_en = ""
    ja, en = messages[kind]
    return where_ja + ja, where_en + (en[0].upper() + en[1:] if not where_en else en)


@dataclass(frozen=True)
class GroundingFinding:
    # grounding: "number" | "date" | "term"; support (support.py): "unsupported" | "repeat" |
    # "example" | "language" | "empty"
    kind: str
    surface: str  # as written in the summary (normalised)
    unit: int  # index of the summary sentence / bullet it is in (language, empty: 0)
    severity: str = "warning"  # every grounding and support finding asks for a human look

    def message(self, lang: str | None = None) -> str:
        support = _support_message(self.kind, self.unit + 1, self.surface)
        if support is not None:
            return i18n.tr(*support, lang)
        ja, en = _KIND_NAMES[self.kind]
        return i18n.tr(
            f"{self.unit + 1} 行目の{ja}「{self.surface}」は原文に見当たりません（誤生成の可能性）。",
            f"The {en} '{self.surface}' in line {self.unit + 1} is not in the source "
            "(possible hallucination).",
            lang,
        )

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "surface": self.surface,
            "unit": self.unit,
            "severity": self.severity,
            "message": self.message(),
        }


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


class SourceIndex:
    """What the source contains, normalised once (a long PDF is indexed once per summary)."""

    def __init__(self, text: str) -> None:
        self.normalized = normalize(text)
        self.compact = _compact(self.normalized)
        self.lower = self.normalized.lower()
        self.values: set[float] = set()
        self.dates: set[tuple] = set()
        for mention in find_mentions(self.normalized):
            if mention.kind == "date":
                self.dates.add(mention.value)
                self.values.update(float(v) for v in mention.value if v is not None)
            else:
                self.values.add(mention.value[0])

    def has_value(self, value: float) -> bool:
        return value in self.values or any(
            abs(v - value) <= 1e-9 * max(1.0, v) for v in self.values
        )

    def has_date(self, date: tuple) -> bool:
        year, month, day = date
        for y, m, d in self.dates:
            if (m, d) != (month, day):
                continue
            if year is None or y == year or (y is None and self.has_value(year)):
                return True
        return False

    def has_text(self, term: str) -> bool:
        return _compact(normalize(term)) in self.compact

    def has_word(self, word: str) -> bool:
        pattern = rf"(?<![a-z0-9]){re.escape(word.lower())}(?![a-z0-9])"
        return re.search(pattern, self.lower) is not None


def _mention_grounded(mention: Mention, source: SourceIndex) -> bool:
    if mention.kind == "date":
        return source.has_date(mention.value)
    return source.has_value(mention.value[0])


def law_titles(normalized: str) -> list[str]:
    titles = []
    for match in _LAW.finditer(normalized):
        title = match.group(0).strip("・")
        if len(title) < 4 or title.endswith(NOT_LAW_ENDINGS):
            continue
        titles.append(title)
    return titles


def check_unit(
    unit_text: str, index: int, source: SourceIndex, language: str = "ja"
) -> list[GroundingFinding]:
    findings: list[GroundingFinding] = []
    normalized = normalize(unit_text)
    for mention in find_mentions(normalized):
        if not _mention_grounded(mention, source):
            findings.append(GroundingFinding(mention.kind, mention.surface, index))
    terms = [m.group(1) for m in _QUOTED.finditer(normalized)]
    if language != "en":
        terms += law_titles(normalized)
    for term in dict.fromkeys(terms):
        if not source.has_text(term):
            findings.append(GroundingFinding("term", term, index))
    latin = _ACRONYM if language == "en" else _LATIN
    for word in dict.fromkeys(m.group(0) for m in latin.finditer(normalized)):
        if not source.has_word(word):
            findings.append(GroundingFinding("term", word, index))
    return findings


def check_grounding(
    units: list[str], source: str | SourceIndex, language: str = "ja"
) -> list[GroundingFinding]:
    """Findings for every summary unit (sentence or bullet) against the source text."""
    index = source if isinstance(source, SourceIndex) else SourceIndex(source)
    findings: list[GroundingFinding] = []
    for n, unit in enumerate(units):
        findings.extend(check_unit(unicodedata.normalize("NFC", unit), n, index, language))
    return findings
