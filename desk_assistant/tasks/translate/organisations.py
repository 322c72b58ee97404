"""Organisation names that must survive a Japanese → English translation.

A small model turns デジタル庁 into "Ministry of Industry and Information Technology"
with a plausible length and no other trace; only the name tells. Two sources:

- the curated list resources/organisations/ja_en_government.tsv (ministries,
  agencies, commissions, councils, courts, the Diet, incorporated administrative
  agencies, prefectures) with the official English names: one of them (all its main
  words, in any order), its abbreviation (MOJ) or a transliteration (Dejitaru-cho)
  must be in the translation;
- any other name ending like an organisation (…省, …庁, …委員会, …審議会, …審査会,
  …部会, …協議会): the kind of body (Ministry, Agency, Committee …) or a
  transliteration must be in the translation.

The user's glossary wins: an organisation the glossary translates is checked by the
glossary check (with the user's English), not here. Sudachi's dictionary tags no
organisations (デジタル庁 is a 普通名詞), hence the list and the endings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from ...paths import resources_dir
from .finding import WARNING, Finding

LIST_FILE = ("organisations", "ja_en_government.tsv")
COMPANY = "company"  # a company (companies.py): its English is its own name
_STOP_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "japan"}
_CJK_RUN = r"[\u4e00-\u9fff々\u30a0-\u30ffー・]"
# Not a name: 各省庁, 本委員会, 関係省庁 …
_GENERIC_PREFIXES = ("各", "本", "当", "同", "両", "全", "我々", "関係", "所管", "主務", "上記")
# 国会議員 is "a member of the Diet" as often as "lawmaker": the person, not the body.
_NOT_THE_BODY = ("議員",)
BODY_HEADS = {
    "委員会": ("committee", "commission", "board", "council", "panel"),
    "審議会": ("council", "commission", "committee", "board", "panel"),
    "審査会": ("board", "committee", "council", "panel", "commission", "review"),
    "協議会": ("council", "committee", "conference", "board", "association", "consortium"),
    "部会": ("subcommittee", "committee", "commission", "council", "panel", "section",
             "division", "subdivision", "group", "board", "subcouncil"),
    "協会": ("association", "society", "federation", "institute", "council", "league", "union"),
    "組合": ("association", "union", "cooperative", "co-op", "club", "federation", "society",
           "mutual", "guild", "partnership"),
    "大臣": ("minister",),  # 法務大臣 → "The Ministry of Justice" (real docx12 run): a person
    "省": ("ministry", "department", "government"),
    "局": ("bureau", "office", "department", "division", "secretariat", "authority",
          "agency", "station", "administration"),
    "課": ("division", "section", "office", "department", "unit", "bureau"),
    "庁": ("agency", "office", "board", "authority", "government", "department",
           "ministry", "bureau", "administration"),
    # 一般社団法人日本海運集会所 → "The Japan-China Shipping Association" (real pdf12 run):
    # a 所 is an office, an institute, a court, an exchange … never an association.
    "所": ("office", "institute", "institution", "center", "centre", "laboratory", "lab",
          "station", "court", "exchange", "bureau", "agency", "house", "hall", "facility",
          "plant", "works", "establishment", "branch", "clinic", "school", "academy",
          "prison", "shelter", "nursery", "place", "site", "premise", "workplace"),
    "会議": ("council", "conference", "meeting", "assembly", "committee", "board", "panel",
           "summit", "forum", "convention", "session", "congress", "roundtable"),
    "室": ("office", "room", "division", "section", "unit", "secretariat", "team",
          "department", "bureau", "laboratory", "lab", "chamber", "group", "branch"),
    "本部": ("headquarters", "headquarter", "hq", "office", "center", "centre", "division",
           "department", "bureau", "secretariat", "task", "taskforce", "command", "council"),
    "センター": ("center", "centre", "hub", "facility", "office", "institute"),
    "機構": ("organization", "organisation", "agency", "institute", "institution",
           "authority", "corporation", "mechanism", "structure", "system", "body",
           "framework", "association", "foundation", "service"),
}  # fmt: skip
# Words ending like a body that are common nouns: 住所, 場所, 現住所 are no organisation;
# nor are verbal nouns of coming to, going to or staying at an office (窓口来所 "coming to
# the counter in person", 通所 "attending a day facility", 入所, 退所, 在所, 転所).
NOT_BODIES = ("住所", "居所", "場所", "箇所", "個所", "近所", "長所", "短所", "台所", "名所",
               "急所", "随所", "各所", "要所", "出所", "関所", "便所", "見所", "高所", "難所",
               "入所", "退所", "開所", "閉所", "来所", "通所", "在所", "転所", "地下室",
               "本会議", "停留所", "停車場", "薬局")  # fmt: skip
# Bodies that bare are common nouns (研究所 "a research institute", 会議室 "a meeting room"):
# a name is only there when at least two more characters come before them.
GENERIC_BODIES = ("研究所", "事務所", "事業所", "営業所", "保育所", "刑務所", "拘置所",
                   "発電所", "変電所", "診療所", "避難所", "出張所", "支所", "役所", "保健所",
                   "集会所", "取引所", "製作所", "裁判所", "会議室", "研究室", "事務室",
                   "執務室", "検討会議", "連絡会議", "推進会議", "対策本部", "推進本部",
                   "支援センター", "相談センター", "情報センター")  # fmt: skip
_CHAINED = ("局", "課")  # 法務省民事局民事法制管理官: a bureau is named inside a longer title
_SUFFIX = re.compile(
    rf"{_CJK_RUN}{{2,12}}?(?:"
    rf"(?:{'|'.join(sorted(set(BODY_HEADS) - set(_CHAINED), key=len, reverse=True))})"
    rf"(?![\u4e00-\u9fff々])|(?:{'|'.join(_CHAINED)})(?![面所地的題]))"  # not 局面, 課題
)


@dataclass(frozen=True)
class Organisation:
    japanese: str
    english: tuple[str, ...]  # accepted English names; the first is the official one
    kind: str


def list_rows(lines: Iterable[str]) -> Iterator[tuple[str, tuple[str, ...], list[str]]]:
    """Rows of a JA→EN list (organisations, titles): (NFKC Japanese, English names split
    at |, all columns); comments, blank lines and the 原語 header left out."""
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.rstrip("\n").split("\t")
        if len(columns) < 2 or columns[0] == "原語":
            continue
        names = tuple(n.strip() for n in columns[1].split("|") if n.strip())
        if names:
            yield unicodedata.normalize("NFKC", columns[0].strip()), names, columns


def _read_list(lines: Iterable[str]) -> dict[str, Organisation]:
    return {
        japanese: Organisation(
            columns[0].strip(), names, columns[2].strip() if len(columns) > 2 else ""
        )
        for japanese, names, columns in list_rows(lines)
    }


@functools.cache
def known_organisations() -> dict[str, Organisation]:
    path = resources_dir().joinpath(*LIST_FILE)
    try:
        return _read_list(path.read_text(encoding="utf-8").splitlines())
    except OSError:  # a broken install must not stop translating; other checks still run
        return {}


def english_stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text).lower())


def _is_abbreviation(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&-]{1,7}", name)) or name == "RIKEN"


def english_named(name: str, translation: str) -> bool:
    """All main words of `name` are in the translation (any order, plural or not);
    an abbreviation (MOJ, J-LIS) as a word of its own, in capitals."""
    if _is_abbreviation(name):
        return bool(re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", translation))
    wanted = {english_stem(w) for w in _words(name) if w not in _STOP_WORDS}
    words = _words(translation)
    if len(wanted) == 1 and " " not in name.strip():
        # Okinawa → "Okinawan", "Tokyo's": a one-word name may start a longer word.
        (only,) = wanted
        return any(w.startswith(only) for w in words)
    stems = [english_stem(w) for w in words]
    if not wanted or not wanted <= set(stems):
        return False
    # Close together, not scattered: "Ministry of Commerce and the Self-Defense Forces"
    # does not name the Ministry of Defense.
    window = len(_words(name)) + 2
    return any(wanted <= set(stems[i : i + window]) for i in range(len(stems)))


def transliterated(surface: str, translation: str) -> bool:
    from .names import reading_of, romanize, skeleton

    reading = reading_of(surface)
    if not reading:
        return False
    wanted = skeleton(romanize(reading))
    target = skeleton(translation)  # "Dejitaru-cho", "Hosei Shingikai": spaces do not count
    return len(wanted) >= 4 and wanted in target


def organisations_in(text: str) -> list[tuple[str, Organisation | None]]:
    """(surface, listed organisation or None for a name found by its ending), in order,
    longest first where they overlap: 内閣官房 is not also 内閣."""
    from .companies import companies_in, listed_companies

    text = unicodedata.normalize("NFKC", text)
    known = known_organisations()
    spans: list[tuple[int, int, str, Organisation | None]] = []
    taken = [False] * len(text)
    # Companies first: 株式会社日立製作所 is one company, not a body 製作所 (companies.py).
    for surface, name in companies_in(text):
        start = text.find(surface)
        if start < 0 or any(taken[start : start + len(surface)]):
            continue
        english = listed_companies().get(name, ())
        spans.append((start, start + len(surface), surface, Organisation(name, english, COMPANY)))
        taken[start : start + len(surface)] = [True] * len(surface)
    starts: list[frozenset[int] | None] = []  # Sudachi's word starts, read at the first match

    def starts_a_word(at: int) -> bool:
        """外国会社 ("foreign company") holds no 国会, the Diet: a listed name starts a word."""
        from .names import word_boundaries

        if not starts:
            starts.append(word_boundaries(text))
        return starts[0] is None or at in starts[0]

    for japanese in sorted(known, key=len, reverse=True):
        start = text.find(japanese)
        while start >= 0:
            end = start + len(japanese)
            if (
                not any(taken[start:end])
                and not text.startswith(_NOT_THE_BODY, end)
                and starts_a_word(start)
            ):
                spans.append((start, end, japanese, known[japanese]))
                taken[start:end] = [True] * len(japanese)
            start = text.find(japanese, end)
    for match in _SUFFIX.finditer(text):
        start, end = match.span()
        # Shrink to what is not yet taken by a listed name (法制審議会部会 → 部会 alone: skip).
        while start < end and taken[start]:
            start += 1
        if any(taken[start:end]):
            continue
        surface = text[start:end]
        if surface.startswith(_GENERIC_PREFIXES) or _bare_suffix(surface):
            continue
        spans.append((start, end, surface, None))
    seen: dict[str, Organisation | None] = {}
    for _, _, surface, organisation in sorted(spans):
        seen.setdefault(surface, organisation)
    return list(seen.items())


def _bare_suffix(surface: str) -> bool:
    if surface.endswith(NOT_BODIES):
        return True
    for generic in sorted(GENERIC_BODIES, key=len, reverse=True):
        if surface.endswith(generic):
            return len(surface) - len(generic) < 2
    return len(surface) - len(_kind_of(surface)) < 2


_KINDS_LONGEST_FIRST = tuple(sorted(BODY_HEADS, key=len, reverse=True))


def _kind_of(surface: str) -> str:
    """The body's kind its name ends in (統計局 → 局), the longest listed; "" for none."""
    return next((k for k in _KINDS_LONGEST_FIRST if surface.endswith(k)), "")


def _kind_named(surface: str, translation: str) -> bool:
    kind = _kind_of(surface)
    present = {english_stem(w) for w in _words(translation)}
    return not kind or any(english_stem(head) in present for head in BODY_HEADS[kind])


def _field_named(surface: str, translation: str) -> bool:
    """The words before a body's kind, where they are one dictionary word (統計 of 統計局
    "statistics"), are in the translation: a "marketing department" is another body. A name
    the dictionary lacks (高松, 栗林) is the transliteration check's."""
    from .lexicon import EnglishText, glosses

    kind = _kind_of(surface)
    if not kind or kind == "大臣":
        return True
    meaning = glosses(surface[: -len(kind)])
    return not meaning or EnglishText(translation).shows(meaning)


def missing_organisation(surface: str, english: str) -> Finding:
    if surface.endswith("大臣"):
        return Finding(
            "names.organisation",
            WARNING,
            surface,
            "Minister",
            f"原文の役職名「{surface}」（Minister）が訳文に見当たりません",
            f"The title '{surface}' (Minister) is not in the translation",
        )
    if english:
        ja = f"原文の組織名「{surface}」（{english}）が訳文に見当たりません"
        en = f"The organisation '{surface}' ({english}) is not named in the translation"
    else:
        ja = f"原文の組織名「{surface}」に当たる訳が見当たりません"
        en = f"The organisation '{surface}' does not seem to be named in the translation"
    return Finding("names.organisation", WARNING, surface, english, ja, en)


# English words for kinds of public bodies, and Japanese that may stand behind them: the
# demo model wrote 日弁連 as "The Japanese government" and 日本貿易会 as "… Promotion Agency".
_ADDED_BODIES = (
    # 政務官 is a "Parliamentary Vice-Minister" of a ministry.
    # 閣僚 are "(cabinet) ministers".
    # 次官 (事務次官) is a ministry's "Vice-Minister".
    ("Ministry", r"\bminist(?:ry|ries|er|ers)\b", ("省", "大臣", "府省", "総理", "首相", "政務官", "閣僚",
                                                  "次官")),
    ("Agency", r"\bagenc(?:y|ies)\b", ("庁", "機構", "機関", "局", "法人", "事業団", "公社",
                                          "公団", "エージェンシー", "省")),
    # The Prime Minister, a minister and the Cabinet speak for the government: 総理は…お伝え
    # していくと述べた → "the PM said the government would explain".
    ("Government", r"\bgovernment", ("政府", "国", "行政", "自治体", "公共団体", "官", "庁",
                                       "省", "府", "都", "道", "県", "市", "区", "町", "村", "当局", "公", "政",
                                       "総理", "首相", "大臣", "内閣")),
    ("Cabinet", r"\bcabinet\b", ("内閣", "閣", "政令", "官房")),
    # 執行官 is a court's own officer, officially "court execution officer" (執行吏, its
    # old name, "court bailiff").
    # 判決 is a "court ruling", 判例 a "court precedent", 訴訟 a "court case".
    ("Court", r"\bcourts?\b", ("裁判", "裁", "法廷", "廷", "執行官", "執行吏", "判決", "判例",
                                "訴訟", "司法")),
    # 大臣政務官 is a "Parliamentary Vice-Minister"; a "Parliamentary Secretary" is a post too;
    # 会派 is a "parliamentary group".
    ("Diet", r"\bDiet\b|\b[Pp]arliament(?!ary[\s-]+(?:Vice|Secretar))",
     ("国会", "議院", "議会", "議員", "政務官", "会派")),
    ("Police", r"\bpolice\b", ("警察", "警視", "県警", "警", "交番", "駐在所")),
)  # fmt: skip


def check_added_bodies(source: str, translation: str) -> list[Finding]:
    """Japanese → English: a ministry, agency, government, court … the source does not name."""
    source = unicodedata.normalize("NFKC", source)
    findings = []
    for english, pattern, japanese in _ADDED_BODIES:
        flags = 0 if english == "Diet" else re.I
        if not re.search(pattern, translation, flags) or any(j in source for j in japanese):
            continue
        findings.append(
            Finding(
                "names.added",
                WARNING,
                english,
                "",
                f"訳文の「{english}」に当たる機関が原文にありません（原文にない内容の可能性があります）",
                f"The translation names a {english.lower()}, which the source does not "
                "(it may have been made up)",
            )
        )
    return findings


def check_organisations(
    source: str, translation: str, glossary_sources: Sequence[str] = ()
) -> list[Finding]:
    """Japanese → English: every organisation of the source is named in the translation."""
    in_glossary = {unicodedata.normalize("NFKC", s) for s in glossary_sources}
    findings = []
    for surface, organisation in organisations_in(source):
        if any(surface in g for g in in_glossary):
            continue  # the user's glossary says how to translate it; the glossary check looks
        if organisation is not None and organisation.kind == COMPANY:
            findings += _company_findings(surface, organisation, translation)
            continue
        if organisation is not None:
            if any(english_named(n, translation) for n in organisation.english):
                continue
        elif _kind_named(surface, translation):
            if _field_named(surface, translation) or transliterated(surface, translation):
                continue
            # The kind is there, its field is not (統計局 → "marketing department"): a
            # body's official English may say its field otherwise (参事官室 → "Counsellor's
            # Office"), so alone it is worth a look (tiers.py).
            findings.append(replace(missing_organisation(surface, ""), weak=True))
            continue
        if transliterated(surface, translation):
            continue
        if _named_by_its_post(surface, source, translation):
            continue
        findings.append(
            missing_organisation(surface, organisation.english[0] if organisation else "")
        )
    return findings


def _company_findings(surface: str, company: Organisation, translation: str) -> list[Finding]:
    from .companies import FORMS, added_places, listed_named, unnamed_words

    places = added_places(surface, translation)
    if places:  # 株式会社Box Japan → "Tokyo Box Japan" (real docx09 run): another company
        return [
            Finding(
                "names.organisation",
                WARNING,
                surface,
                "",
                f"会社名「{surface}」の訳に、原文にない地名（{'、'.join(places)}）があります",
                f"The English of the company '{surface}' has a place the source does not "
                f"name ({', '.join(places)})",
            )
        ]
    if company.english:
        if listed_named(company.english, company.japanese, translation):
            return []
        return [missing_organisation(surface, company.english[0])]
    lost, total = unnamed_words(company.japanese, translation, any(f in surface for f in FORMS))
    if not lost:
        return []
    words = "、".join(lost[:4])
    finding = Finding(
        "names.organisation",
        WARNING,
        surface,
        "",
        f"原文の会社名「{surface}」の語（{words}）が訳文に見当たりません",
        f"The company '{surface}' is not fully named in the translation: "
        f"{', '.join(lost[:4])} not there",
    )
    # One word gone may be an official name's own choice (ニッセイ基礎研究所 → "NLI Research
    # Institute", 大和総研 read Yamato is "Daiwa"): worth a look (tiers.py), unless the name's
    # only word or two thirds of its words, two at least, are gone: a changed name.
    changed = len(lost) == total or len(lost) >= 2 and 3 * len(lost) >= 2 * total
    return [replace(finding, weak=not changed)]


def _named_by_its_post(surface: str, source: str, translation: str) -> bool:
    """事務局長 → "Secretary-General", 副市町村長 → "deputy mayor": a body that is only ever
    written as part of a listed post (事務局 + 長) is named by the post's English; the
    title check (titles.py) looks for that post."""
    from .titles import known_titles

    source = unicodedata.normalize("NFKC", source)
    post = surface + "長"
    heads = known_titles().get(post)
    if not heads or source.count(surface) != source.count(post):
        return False
    return any(english_stem(w).startswith(heads) for w in _words(translation))
