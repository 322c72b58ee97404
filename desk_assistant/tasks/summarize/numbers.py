"""Numbers and dates as values, so a summary and its source can be compared.

Both sides are normalised the same way: NFKC (全角 → 半角 digits, ％ → %),
kanji numerals → arabic where they clearly are numbers (after 第/令和/約…, or
before a counter such as 年/月/日/条/円/人), 万/億/兆 and English
million/billion folded into the value, era years (令和8年) also read as the
western year (2026). Words such as 一般, 一部, 統一, 万一 are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...kanji_numbers import BIG_UNITS, KANJI_NUMERALS, kanji_to_int

ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}

_KANJI_NUM = KANJI_NUMERALS
# A kanji numeral is a number only in these surroundings ("where safe").
_KANJI_BEFORE = r"(?:第|令和|平成|昭和|大正|明治|約|計|全|各|毎|同|最大|最小|合計|総額)"
_KANJI_AFTER = (
    r"(?:年度|年|か月|カ月|ヶ月|箇月|月|日|条|項|号|章|節|款|編|円|人|名|件|回|個|歳|倍|割|"
    r"%|パーセント|か所|箇所|カ所|ページ|頁|冊|台|枚|点|種類|期|週|者|社|校|市|町|村|都道府県)"
)
_KANJI_RUN = re.compile(
    rf"(?P<pre>{_KANJI_BEFORE})(?P<a>[{_KANJI_NUM}]+)|(?<![\d.])(?P<b>[{_KANJI_NUM}]+)(?={_KANJI_AFTER})"
)
_ERA_YEAR = re.compile(r"(明治|大正|昭和|平成|令和)(\d+)年")
_FIRST_YEAR = re.compile(r"(明治|大正|昭和|平成|令和)元年")
_NUMBER = re.compile(
    r"(?<![\d.])(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[兆億万]?)+"
    r"(?:\s?(?:thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_EN_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_JA_DATE = re.compile(r"(?:(\d+)年(?:度)?)?\s?(\d{1,2})月\s?(\d{1,2})日")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_EN_DATE = re.compile(
    r"\b(" + "|".join(m[:3] for m in _MONTHS) + r")[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(\d{4}))?",
    re.IGNORECASE,
)


def _kanji_run(match: re.Match) -> str:
    run = match.group("a") or match.group("b")
    value = kanji_to_int(run)
    return (match.group("pre") or "") + (run if value is None else str(value))


def normalize(text: str) -> str:
    """NFKC, then safe kanji numerals → arabic. Offsets are not kept: use for comparison."""
    text = unicodedata.normalize("NFKC", text)
    text = _FIRST_YEAR.sub(r"\g<1>1年", text)  # 令和元年 = 令和1年
    return _KANJI_RUN.sub(_kanji_run, text)


def number_value(token: str) -> float:
    """'1億2000万' → 120000000, '3.5' → 3.5, '300 million' → 300000000, '1,200' → 1200."""
    token = token.replace(",", "").strip()
    scale = 1
    for word, factor in _EN_SCALE.items():
        if token.lower().endswith(word):
            token, scale = token[: -len(word)].strip(), factor
    total = 0.0
    for part, unit in re.findall(r"(\d+(?:\.\d+)?)([兆億万]?)", token):
        total += float(part) * BIG_UNITS.get(unit, 1)
    return total * scale


@dataclass(frozen=True)
class Mention:
    """A number or date found in normalised text."""

    kind: str  # "number" | "date"
    surface: str  # as it reads in the normalised text
    value: tuple  # (float,) for numbers; (year|None, month, day) for dates
    start: int
    end: int


def western_year(era: str, year: str) -> int:
    return ERAS[era] + int(year)


def find_mentions(normalized: str) -> list[Mention]:
    """Dates first (their parts are not numbers of their own), then the other numbers."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    eras = {m.end(): western_year(m.group(1), m.group(2)) for m in _ERA_YEAR.finditer(normalized)}
    # An era year reads as the western year wherever it stands.
    era_spans = {m.start(2): m for m in _ERA_YEAR.finditer(normalized)}
    for m in _JA_DATE.finditer(normalized):
        year = None
        if m.group(1):
            year_end = m.start(1) + len(m.group(1)) + 1
            year = eras.get(year_end, int(m.group(1)))
        start = m.start()
        era = era_spans.get(m.start(1)) if m.group(1) else None
        if era is not None:
            start = era.start()
        value = (year, int(m.group(2)), int(m.group(3)))
        found.append(Mention("date", normalized[start : m.end()], value, start, m.end()))
        taken.append((start, m.end()))
    for m in _EN_DATE.finditer(normalized):
        if any(a <= m.start() < b for a, b in taken):
            continue
        month = [x[:3] for x in _MONTHS].index(m.group(1)[:3].lower()) + 1
        year = int(m.group(3)) if m.group(3) else None
        found.append(
            Mention("date", m.group(0), (year, month, int(m.group(2))), m.start(), m.end())
        )
        taken.append((m.start(), m.end()))
    for m in _NUMBER.finditer(normalized):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = number_value(m.group(0))
        era = era_spans.get(m.start())
        if era is not None:  # 令和8年 is the year 2026
            value = float(western_year(era.group(1), era.group(2)))
        found.append(Mention("number", m.group(0), (value,), m.start(), m.end()))
    return sorted(found, key=lambda x: x.start)
