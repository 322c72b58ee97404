"""Figures a translation must carry over: numbers, amounts, dates, article references.

`extract(text)` finds them in Japanese or English text (or a mix) and turns each
into comparable facts, so 12億円 and "1.2 billion yen" both say
("num", 1.2E+9), 令和8年4月1日 and "April 1, 2026" both say year 2026,
month 4, day 1, and 第3条 and "Article 3" both say ("article", "3").

Each `Figure` has what it *requires* the other side to state and what it
*provides* to the other side (a date provides its numbers too, so 令和8年 is
matched by a bare "2026"). Spelled-out numbers (three, 三つ) only provide: they
are too ambiguous to demand (一般, 統一) but fine as evidence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ... import kanji_numbers

Fact = tuple[str, str]  # (kind, normalized value), e.g. ("num", "1.2E+9"), ("year", "2026")

ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
ERAS_EN = {"meiji": 1868, "taisho": 1912, "showa": 1926, "heisei": 1989, "reiwa": 2019}
MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100})
# "300 yen per document" is 1件につき300円: words that stand for one (or two).
NUMBER_WORDS.update({"a": 1, "an": 1, "per": 1, "each": 1, "single": 1, "once": 1, "twice": 2})
# １つ目 → "the first", 第三 → "third": ordinal words carry their figure too.
NUMBER_WORDS.update(
    {
        w: n
        for n, w in enumerate(
            "first second third fourth fifth sixth seventh eighth ninth tenth".split(), start=1
        )
    }
)
# 2次利用 → "secondary use", 1次 → "primary": degree words carry their figure too.
NUMBER_WORDS.update({"primary": 1, "secondary": 2, "tertiary": 3})
SCALES_EN = {
    "trillion": 10**12,
    "billion": 10**9,
    "bn": 10**9,
    "million": 10**6,
    "mn": 10**6,
    "thousand": 10**3,
}
CURRENCY = re.compile(r"^\s*(円|ドル|ユーロ|yen|JPY|dollars?|euros?|USD)", re.I)

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
KNUM = r"[〇零一二三四五六七八九十百千]+"
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

# Order matters: earlier patterns consume their text so later ones do not count it twice.
PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "era_date",
        re.compile(
            # 令和6年, and a bare era year in brackets after the Western one: 2024年（令和6）
            rf"(?P<era>{'|'.join(ERAS)})\s*(?P<y>元|\d+|{KNUM})(?:\s*年(?:度)?|(?=\s*[)）]))"
            rf"(?:\s*(?P<m>\d{{1,2}}|{KNUM})\s*月(?:\s*(?P<d>\d{{1,2}}|{KNUM})\s*日)?)?"
        ),
    ),
    (
        "ja_date",
        re.compile(
            r"(?<![\d.])(?P<y>\d{4})\s*年(?:度)?(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?"
        ),
    ),
    (
        "ja_month_day",
        re.compile(r"(?<![\d.])(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?(?!\s*[間末])"),
    ),
    ("iso_date", re.compile(r"(?<![\d.])(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")),
    (
        "en_month_first",
        re.compile(
            rf"\b(?P<mn>{MONTH_NAMES})\.?(?:\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<y>\d{{4}}))?\b"
        ),
    ),
    (
        "en_day_first",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{MONTH_NAMES})\.?(?:,?\s+(?P<y>\d{{4}}))?\b"
        ),
    ),
    ("en_era", re.compile(r"\b(?P<era>Reiwa|Heisei|Showa|Taisho|Meiji)\s+(?P<y>\d+)\b", re.I)),
    ("fiscal_year", re.compile(r"\b(?:FY\s?|fiscal\s+year\s+)(?P<y>\d{4})\b", re.I)),
    # 法律第57号 is "Act No. 57", a number, not an item of an article.
    (
        "law_number",
        re.compile(rf"(?:法律|政令|省令|府令|規則|告示|訓令|条例)\s*第\s*(?P<n>\d+|{KNUM})\s*号"),
    ),
    (
        "ja_article",
        re.compile(
            rf"第\s*(?P<n>\d+|{KNUM})\s*(?P<unit>条|項|号|章|節|款|編)(?:\s*の\s*(?P<sub>\d+|{KNUM}))?"
        ),
    ),
    (
        "en_article",
        re.compile(
            r"\b(?P<unit>Articles?|Art\.|Paragraphs?|para\.|Items?|Chapters?|Subsections?|Sections?"
            r"|Parts?)"
            r"\s*(?:\(?(?P<n>\d+)\)?|\((?P<roman>[ivxl]+)\)|(?-i:(?P<upper>[IVXL]+))\b)"
            r"(?:-(?P<sub>\d+))?(?:\s*\((?P<para>\d+)\))?"
            # More of the same unit: "Articles 470 through 472-4", "items (ii) or (iv)", also
            # past an aside in words: "paragraphs (1) (including as applied …), (4) and (5)".
            r"(?P<more>(?:(?:\s*\((?=[^()]*\s)[^()\d]{3,200}\))?"
            r"\s*(?:,|and|to|through|or|-)\s*(?:\(?\d+(?:-\d+)?\)?|\([ivxl]+\)))*)",
            re.I,
        ),
    ),
    (
        "ja_big",
        re.compile(
            rf"(?:(?P<cho>{NUM})\s*兆)?(?:(?P<oku>{NUM})\s*億)?(?:(?P<man>{NUM})\s*万)?"
            rf"(?:(?P<sen>{NUM})\s*千)?(?P<rest>{NUM})?"
        ),
    ),
    (
        "en_scaled",
        re.compile(rf"(?P<n>{NUM})\s*(?P<scale>trillion|billion|million|thousand|bn|mn)\b", re.I),
    ),
    ("number", re.compile(rf"(?P<n>{NUM})(?:st|nd|rd|th)?")),
    ("kanji_number", re.compile(r"[〇零一二三四五六七八九十百千万億兆]+")),
    ("word_number", re.compile(rf"\b(?P<w>{'|'.join(NUMBER_WORDS)})\b", re.I)),
]
ARTICLE_UNITS = {
    "条": "article",
    "項": "paragraph",
    "号": "item",
    "章": "chapter",
    "節": "section",
    "款": "subsection",
    "編": "part",
    "article": "article",
    "art.": "article",
    "paragraph": "paragraph",
    "para.": "paragraph",
    "item": "item",
    "chapter": "chapter",
    "section": "section",
    "subsection": "subsection",
    "part": "part",
}


@dataclass
class Figure:
    kind: str  # number | amount | date | article
    surface: str  # the text as written
    start: int
    requires: set[Fact] = field(default_factory=set)
    provides: set[Fact] = field(default_factory=set)
    value: str = ""  # a readable normalized value for messages


def normalize(text: str) -> str:
    """Width and compatibility forms folded (１２ → 12, ① → 1), superscripts kept out."""
    text = re.sub(r"[²³㎡㎥㎠㎤]", " ", text)  # m² must not read as the number 2
    # ① is a number of its own: 3① (item 3, sub-item 1) must not read as 31
    text = re.sub(r"(?<=[0-9０-９\u2460-\u2473])([\u2460-\u2473])", r" \1", text)  # ⑦⑧ too
    return unicodedata.normalize("NFKC", text)


def dec(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def key(value: Decimal | int) -> str:
    return str(Decimal(value).normalize())


def readable(value: Decimal) -> str:
    value = value.normalize()
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return format(value, "f")


def kanji_to_int(text: str) -> int | None:
    """三十二 → 32, 二千二十六 → 2026, 元 (元年) → 1; None for anything else."""
    return 1 if text == "元" else kanji_numbers.kanji_to_int(text)


def roman_to_int(text: str) -> int:
    """Item numbers in English legal text: (i), (iv), (xii)."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for ch, nxt in zip(text.lower(), text.lower()[1:] + " ", strict=True):
        v = values[ch]
        total += -v if values.get(nxt, 0) > v else v
    return total


def small_number(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else kanji_to_int(text)


def number_facts(value: Decimal) -> set[Fact]:
    """What a bare number can stand for on the other side: itself, or part of a date."""
    facts = {("num", key(value))}
    if value == value.to_integral_value():
        n = int(value)
        if 1000 <= n <= 2999:
            facts.add(("year", str(n)))
        if 1 <= n <= 12:
            facts.add(("month", str(n)))
        if 1 <= n <= 31:
            facts.add(("day", str(n)))
    return facts


def date_figure(surface: str, start: int, year, month, day) -> Figure | None:
    parts = [("year", year), ("month", month), ("day", day)]
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    facts = {(k, str(v)) for k, v in parts if v is not None}
    if not facts:
        return None
    provides = set(facts)
    for _, v in parts:
        if v is not None:
            provides |= number_facts(Decimal(v))
    value = "-".join(f"{v:02d}" if k != "year" else str(v) for k, v in parts if v is not None)
    return Figure("date", surface, start, facts, provides, value)


def _figure(name: str, m: re.Match, text: str) -> Figure | None:
    surface, start = m.group(0), m.start()
    if name == "era_date":
        year = small_number(m.group("y"))
        if year is None:
            return None
        return date_figure(
            surface,
            start,
            ERAS[m.group("era")] + year - 1,
            small_number(m.group("m")),
            small_number(m.group("d")),
        )
    if name == "en_era":
        return date_figure(
            surface, start, ERAS_EN[m.group("era").lower()] + int(m.group("y")) - 1, None, None
        )
    if name in ("ja_date", "iso_date", "fiscal_year", "ja_month_day"):
        groups = m.groupdict()
        return date_figure(
            surface,
            start,
            small_number(groups.get("y")),
            small_number(groups.get("m")),
            small_number(groups.get("d")),
        )
    if name in ("en_month_first", "en_day_first"):
        month_name = m.group("mn")
        if month_name == "May" and not (m.group("d") or m.group("y")):
            return None  # the modal verb at a sentence start
        return date_figure(
            surface,
            start,
            small_number(m.group("y")),
            MONTHS[month_name],
            small_number(m.group("d")),
        )
    if name == "law_number":
        n = small_number(m.group("n"))
        if n is None:
            return None
        facts = number_facts(Decimal(n))
        return Figure("number", surface, start, {("num", key(n))}, facts, str(n))
    if name == "ja_article":
        n, sub = small_number(m.group("n")), small_number(m.group("sub"))
        if n is None:
            return None
        ref = f"{n}-{sub}" if sub else str(n)
        unit = ARTICLE_UNITS[m.group("unit")]
        if not sub and _FORM_BEFORE.search(text[max(0, start - 4) : start]):
            # 様式第五号 is a form's number ("Form No. 5"), not an item of an article.
            return Figure("number", surface, start, {("num", ref)}, number_facts(Decimal(n)), ref)
        return article_figure(surface, start, [(unit, ref)])
    if name == "en_article":
        unit = ARTICLE_UNITS.get(m.group("unit").lower().rstrip("s"), "article")
        if m.group("unit").lower() == "art.":
            unit = "article"
        # Chapter VIII (Japanese Law Translation): a capital Roman numeral, no parentheses
        first = m.group("n") or str(roman_to_int(m.group("roman") or m.group("upper")))
        refs = [(unit, f"{first}-{m.group('sub')}" if m.group("sub") else first)]
        if m.group("para"):
            refs.append(("paragraph", m.group("para")))
        more = re.findall(r"(\(?)(\d+(?:-\d+)?)\)?|\(([ivxl]+)\)", m.group("more") or "")
        for opened, number, roman in more:
            # "Article 25 (5) through (8)": after a paragraph, (8) is a paragraph too
            level = "paragraph" if m.group("para") and opened and number else unit
            refs.append((level, number or str(roman_to_int(roman))))
        return article_figure(surface, start, refs)
    if name == "ja_big":
        parts = [("cho", 10**12), ("oku", 10**8), ("man", 10**4), ("sen", 10**3)]
        if not any(m.group(g) for g, _ in parts):
            return None  # a plain number: left to the "number" pattern
        total = Decimal(0)
        for group, scale in parts:
            if m.group(group):
                total += (dec(m.group(group)) or 0) * scale
        if m.group("rest"):
            total += dec(m.group("rest")) or 0
        return amount_figure(surface, start, total, text, m.end())
    if name == "en_scaled":
        value = dec(m.group("n"))
        if value is None:
            return None
        return amount_figure(
            surface, start, value * SCALES_EN[m.group("scale").lower()], text, m.end()
        )
    if name == "number":
        value = dec(m.group("n"))
        if value is None:
            return None
        return amount_figure(surface, start, value, text, m.end())
    if name == "kanji_number":
        n = kanji_to_int(surface)
        if n is None:
            return None
        return Figure("number", surface, start, set(), number_facts(Decimal(n)), str(n))
    if name == "word_number":
        n = NUMBER_WORDS[m.group("w").lower()]
        return Figure("number", surface, start, set(), number_facts(Decimal(n)), str(n))
    return None


def amount_figure(surface: str, start: int, value: Decimal, text: str, end: int) -> Figure:
    currency = CURRENCY.match(text[end:])
    kind = (
        "amount" if currency or text[max(0, start - 2) : start].strip() in ("¥", "$") else "number"
    )
    if currency:
        surface += currency.group(0)  # "12億" reads better as "12億円" in a message
    facts = number_facts(value)
    return Figure(kind, surface.strip(), start, {("num", key(value))}, facts, readable(value))


# Forms and tables are numbered with 第N号 too: 様式第五号, 別記様式第一号, 別表第二; so are
# a year's budgets, 補正予算（第１号）, 特別会計補正予算（特第１号） ("No. 1", "Special No. 1").
_FORM_BEFORE = re.compile(r"(?:様式|別表|別記|別紙|書式|付録|附録|予算\s*[（(]\s*特?)\s*$")


def article_figure(surface: str, start: int, refs: list[tuple[str, str]]) -> Figure:
    requires = {(unit, ref) for unit, ref in refs}
    provides = set(requires)
    for _, ref in refs:
        for part in ref.split("-"):
            provides |= number_facts(Decimal(part))
    label = ", ".join(f"{unit} {ref}" for unit, ref in refs)
    return Figure("article", surface, start, requires, provides, label)


# 昭和26年…翌27年: a year without an era after one with it is in the same era. Only a
# year of its own: 27年間 (a span), 5年以内, 3年前, 2年目 are not dates.
_CARRIED_YEAR = re.compile(
    rf"(?<![\d.〇零一二三四五六七八九十百千])(?P<y>\d{{1,2}}|{KNUM})\s*年(?P<fy>度)?"
    r"(?![間以前後目ぶ未超程余近ご毎お半分生次制来ほ当内])"
)
_ERA_WORD = re.compile("|".join(ERAS))


def carried_era_years(work: str, original: str) -> list[Figure]:
    """Years that inherit the era of an earlier era date of the same text (昭和26年に建議し、
    翌27年に通知 → 1952). `work` has the era dates already blanked out; `original` has not."""
    eras = [(m.start(), ERAS[m.group(0)]) for m in _ERA_WORD.finditer(original)]
    out = []
    for m in _CARRIED_YEAR.finditer(work):
        base = [first for at, first in eras if at < m.start()]
        n = small_number(m.group("y"))
        if not base or n is None or not 1 <= n <= 64:
            continue
        figure = date_figure(m.group(0), m.start(), base[-1] + n - 1, None, None)
        if figure is not None:
            figure.provides |= number_facts(Decimal(n))  # "Showa 27", or the 27 kept
            out.append(figure)
    return out


def extract(text: str) -> list[Figure]:
    """Every figure in `text`, in reading order."""
    work = normalize(text)
    original = work
    figures: list[Figure] = []
    for name, pattern in PATTERNS:
        if name == "ja_date" and _ERA_WORD.search(original):
            carried = carried_era_years(work, original)
            for figure in carried:
                end = figure.start + len(figure.surface)
                work = work[: figure.start] + " " * (end - figure.start) + work[end:]
            figures += carried
        for m in pattern.finditer(work):
            if not m.group(0).strip():
                continue
            figure = _figure(name, m, work)
            if figure is None:
                continue
            figures.append(figure)
            # Blank out what was used so later patterns do not count it again.
            work = work[: m.start()] + " " * (m.end() - m.start()) + work[m.end() :]
    figures.sort(key=lambda f: f.start)
    return figures


def provided(figures: list[Figure]) -> set[Fact]:
    facts: set[Fact] = set()
    for figure in figures:
        facts |= figure.provides
    return facts


# --- figures the translation adds ------------------------------------------------------------

# Japanese words that state a figure without a numeral: 初回 → "the 1st", 半分 → "50%",
# 1割 → "10%", 午後3時 → "3 p.m." or "15:00", 令和5年度 → "FY2023-24".
_WORD_FIGURES = (
    (re.compile(r"初|最初|第一"), (1,)),
    (re.compile(r"半"), (50, Decimal("0.5"))),
    (re.compile(r"半年"), (6,)),  # "six months"
    (re.compile(r"四半期"), (3, 4)),  # "three months", "Q4"
    (re.compile(r"両|双|倍"), (2,)),
    (re.compile(r"週間?"), (7,)),
)
_TENTHS = re.compile(rf"(?P<n>{NUM}|{KNUM})\s*割")
# A decimal in kanji digits, the point written as ・ (五一・八, 〇・五), maybe of a scale
# (四・二兆円 → "4.2 trillion yen", 一・五万人 → "15,000 people").
_KANJI_DECIMAL = re.compile(
    r"(?P<n>[〇一二三四五六七八九十百千]+)・(?P<f>[〇一二三四五六七八九]+)(?P<scale>[兆億万千])?"
)
_KANJI_SCALES = {"兆": 10**12, "億": 10**8, "万": 10**4, "千": 10**3}
# A year said by its last two digits before a month: 二三年二月, 24年1月.
_SHORT_YEAR = re.compile(
    r"(?<![\d〇一二三四五六七八九十元和成正治])(?P<y>\d{2}|[〇一二三四五六七八九]{2})年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})月"
)
# Or said digit by digit before 年 in speech (九七年の通報手続, 九五年少女暴行事件 → 1997,
# 1995): a count of years is written 九十七年, and a span or age (九七年間, 九七年前) is no year;
# a fiscal year is one too (二二年度末 → "the end of fiscal 2022").
_SPOKEN_YEAR = re.compile(
    r"(?<![〇一二三四五六七八九十百千万元和成正治])(?P<y>[〇一二三四五六七八九]{2})年"
    r"(?![間前後以目余半来ぶ])"
)
_AFTERNOON = re.compile(r"午後\s*(?P<n>\d{1,2})\s*時")
_LIST_MARK = re.compile(r"^\s*[・○●◎■□◆◇▪\-－ア-ン①-⑳]")
_LEADING_NUMBER = re.compile(r"^\s*\(?\d{1,2}[.)]")
# Figures that are a name, not a quantity: "COVID-19", a country code.
_NAMED = re.compile(r"COVID-19|\+81\b", re.I)


def _two_digits(text: str) -> int | None:
    """24 or 二四 (digit by digit, not 二十四) → 24."""
    if text.isdigit():
        return int(text)
    digits = [kanji_numbers.KANJI_DIGITS.get(c) for c in text]
    return None if None in digits else 10 * digits[0] + digits[1]


def implied(source: str) -> set[Fact]:
    """Figures the source states in words or units (for the added-figure direction only)."""
    text = normalize(source)
    facts: set[Fact] = set()
    for pattern, values in _WORD_FIGURES:
        if pattern.search(text):
            for value in values:
                facts |= number_facts(Decimal(value))
    for m in _TENTHS.finditer(text):
        n = small_number(m.group("n").replace(",", ""))
        if n is not None:
            facts |= number_facts(Decimal(n * 10))
    for m in _KANJI_DECIMAL.finditer(text):  # 五一・八％ (Diet records) → "51.8%"
        whole = kanji_to_int(m.group("n"))
        if whole is not None:
            fraction = "".join(str(kanji_numbers.KANJI_DIGITS[c]) for c in m.group("f"))
            value = Decimal(f"{whole}.{fraction}")
            facts |= number_facts(value)
            if m.group("scale"):
                facts |= number_facts(value * _KANJI_SCALES[m.group("scale")])
    spoken = [*_SHORT_YEAR.finditer(text), *_SPOKEN_YEAR.finditer(text)]
    for m in spoken:  # 二三年二月, 九七年の (Diet speech) → "February 2023", "1997"
        year = _two_digits(m.group("y"))
        if year is not None:
            facts |= number_facts(Decimal(2000 + year)) | number_facts(Decimal(1900 + year))
    if re.search(r"時\s*半", text):  # 九時半 → "9:30"
        facts |= number_facts(Decimal(30))
    for m in _AFTERNOON.finditer(text):
        facts |= number_facts(Decimal(int(m.group("n")) + 12))
    for figure in extract(source):  # 令和5年度 runs to March 2024
        if figure.kind == "date" and "年度" in figure.surface:
            years = [int(v) for k, v in figure.requires if k == "year"]
            for year in years:  # "FY2023", "2023-24", "2023/2024"
                facts |= number_facts(Decimal(year + 1)) | number_facts(Decimal((year + 1) % 100))
    return facts


def _named_or_code(translation: str, figure: Figure) -> bool:
    """A number glued to letters (G7, M2M, ISO9001) or in a fixed name (COVID-19)."""
    text = normalize(translation)
    before = text[figure.start - 1 : figure.start] if figure.start else ""
    if before.isascii() and before.isalpha():
        return True
    return any(m.start() <= figure.start < m.end() for m in _NAMED.finditer(text))


def _whole_hour(translation: str, figure: Figure) -> bool:
    """9時 → "9:00": the minutes of a whole hour are not a figure of their own."""
    text = normalize(translation)
    return re.match(r"\d:00\b", text[max(0, figure.start - 2) : figure.start + 3]) is not None


def added(source: str, translation: str) -> list[Figure]:
    """Figures of the translation that nothing in the source stands behind: "No. 1028" for
    部, "Phase 2" for フェーズ. A figure the source states another way counts as there:
    an era year (令和5年 → 2023, and 翌27年 after 昭和26年), a kanji numeral (第一 → 1st),
    an ordinal or number word, 1割 → 10 %, a list number in another style."""
    target = extract(translation)
    facts = provided(extract(source)) | implied(source)
    found = []
    for figure in target:
        if not figure.requires or figure.requires <= facts:
            continue
        if figure.kind == "article" and all(
            ("num", key(int(part))) in facts
            for _, ref in figure.requires
            for part in ref.split("-")
        ):
            continue  # 部分対応(2) → "Part 2": the figure is the source's; the word is for the meaning checks
        if figure.kind == "date" and {k for k, _ in figure.requires} == {"month"}:
            continue  # a month name alone (年度末 → "the end of March") is a reading, not a figure
        if _named_or_code(translation, figure) or _whole_hour(translation, figure):
            continue
        if (
            figure.start == min(f.start for f in target)
            and _LEADING_NUMBER.match(normalize(translation))
            and _LIST_MARK.match(normalize(source))
        ):
            continue  # ア　… → "1. …": a list mark in another style
        found.append(figure)
    return found
