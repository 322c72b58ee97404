"""Law citations in free text: 「行政手続法第五条第一項」「同法第3条第2項第1号」
「前条」「同項」「平成五年法律第八十八号」 → what they point to.

`find_references(text)` finds the spans and what is written; `CitationResolver`
resolves them against the store with a context: the law and article the text
belongs to (`Home`, for statute text: 前条, 次項, bare 第五条) and the previous
reference (同法, 同条, 同項, and enumerations like 「第五条第一項及び第二項」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import lawnum
from .numerals import NUMBER, int_to_kanji, parse_article_number, to_int

_NAME_CHARS = r"(?:[一-龥々〆ヵヶァ-ヴー・]|に関する(?=法律)|における|による|のための|ための|の保有する|の|及び|並びに)"
_KATA_ITEM = (
    "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
)
RELATIVE_LAWS = {
    "同": "same",  # 「民法第266条第2項、同第273条第1項」
    "同法": "same",
    "同令": "same",
    "同規則": "same",
    "本法": "home",
    "この法律": "home",
    "この政令": "home",
    "この省令": "home",
    "この府令": "home",
    "この規則": "home",
}


@lru_cache(maxsize=256)
def _citation_pattern(known: tuple[str, ...]) -> re.Pattern:
    names = "".join(re.escape(n) + "|" for n in known)  # the store's names, longest first
    return re.compile(
        rf"(?:(?P<law>{names}{_NAME_CHARS}+?(?:法律|法|令|規則)|この法律|この政令|この省令|この府令|この規則"
        rf"|(?<![一-龥々ァ-ヴー])(?:法|令|規則|同)(?=第))"
        rf"(?=（|附則|別表|第|同条|前条|次条|同項|前項|次項)"
        rf"(?:（(?P<num>[^（）]{{0,40}}?(?:{lawnum.LAW_NUM_PLAIN})[^（）]{{0,40}})）)?)?"
        rf"(?P<suppl>附則)?"
        rf"(?:(?P<table>別表(?:第{NUMBER}(?:の{NUMBER})*)?)"
        rf"|(?P<struct>(?:第{NUMBER}(?:の{NUMBER})?[編章節款目])+)"
        rf"|第(?P<art>{NUMBER})条(?P<artsub>(?:\n?の\n?{NUMBER})*)|(?P<artrel>同条|前条|次条))?"
        rf"(?:第(?P<para>{NUMBER})項|(?P<pararel>同項|前項|次項))?"
        rf"(?:第(?P<item>{NUMBER})号(?P<itemsub>(?:の{NUMBER})*)|(?P<itemrel>同号|前号|次号))?"
        rf"(?P<sub>[{_KATA_ITEM}](?![ァ-ヴー]))?"
    )


_ERA_START = re.compile(r"(?:明治|大正|昭和|平成|令和)(?:元|[〇一二三四五六七八九十百千0-9])")
_BARE_LAW_NUM = re.compile(lawnum.LAW_NUM_RE.pattern)
# Between two references that share a law and article: 「第五条第一項及び第二項」,
# 「第二十二条第二項本文及び第三項」, 「第七百七十九条（第二項第二号を除く。）」.
_ENUMERATION = re.compile(
    r"^(?:[、，・（]|及び|又は|若しくは|並びに|から|まで|及|又|本文|ただし書|前段|後段"
    rf"|各号列記以外の部分|各号|[{_KATA_ITEM}](?=から|まで|及び|又は|若しくは|、))+$"
)
_RELATIVE_PART = re.compile(r"(?:前|次|同|本|この)[編章節款目]$")
# A law name never holds a reference; the name pattern (kanji runs) would take one in.
_REFERENCE_IN_NAME = re.compile(
    rf"附則(?:第{NUMBER}条(?:の{NUMBER})*)?|第{NUMBER}[条項号](?:の{NUMBER})*"
)
_NOT_ITEMS = re.compile(r"(?:様式|書式|別紙|別記|別表|告示|通知|付録|附録)$")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass
class Reference:
    """One citation as written (nothing resolved yet)."""

    surface: str
    start: int
    end: int
    law: str = ""  # the law name as written, "同法", "この法律" or ""
    law_num: str = ""  # 法令番号 as written in the parentheses (canonical), or ""
    suppl: bool = False
    article: str = ""  # key "158_2", or "同条" / "前条" / "次条"
    paragraph: str = ""  # "1", or "同項" / "前項" / "次項"
    item: str = ""  # "1" / "1_2", or "同号" / "前号" / "次号"
    subitem: str = ""  # イ, ロ …
    structure: str = ""  # 第二編第十一章 (編章節款目) as written, numbers in kanji
    table: str = ""  # 別表第一 / 別表

    @property
    def has_position(self) -> bool:
        return bool(self.article or self.paragraph or self.item or self.structure or self.table)


def find_references(text: str, known: tuple[str, ...] = ()) -> list[Reference]:
    """Every citation-shaped span of `text`, in order. Offsets index `text`. `known`: the
    store's law names, longest first; they match whole even where the generic name
    pattern would stop (「…患者に対する医療に関する法律」)."""
    folded = text.translate(_DIGITS)  # full-width digits, offsets unchanged
    pattern = _citation_pattern(tuple(n for n in known if n in text))  # a few, not thousands
    out: list[Reference] = []
    pos = 0
    while pos < len(folded):
        match = pattern.search(folded, pos)
        if not match:
            break
        if match.end() == match.start():
            pos = match.start() + 1
            continue
        inside = _REFERENCE_IN_NAME.search(match["law"] or "")
        if inside:  # 「附則第十条中内閣府設置法第三十七条」: two references, not one name
            cut = match.start("law") + inside.end()
            first = pattern.search(folded, match.start(), cut)
            ref = _reference(first) if first and first.end() > first.start() else None
            if ref is not None:
                out.append(ref)
            pos = cut + (folded[cut : cut + 1] == "中")  # 「…第十条中」: in that article
            continue
        ref = _reference(match)
        if ref is not None:
            out.append(ref)
            pos = match.end()
        elif match["law"] and _is_law_number_fragment(match):
            pos = match.end()  # skip the whole law number
        else:
            pos = match.start() + 1
    return _with_bare_law_numbers(folded, out)


def _reference(match: re.Match) -> Reference | None:
    law = match["law"] or ""
    if law and _is_law_number_fragment(match):
        return None  # 平成五年法律第八十八号: a law number, found by _with_bare_law_numbers
    if law:
        law = _strip_conjunction(law)
    elif match["item"] and not (match["art"] or match["para"] or match["artrel"]):
        if _NOT_ITEMS.search(match.string[max(0, match.start() - 4) : match.start()]):
            return None  # 様式第五号, 別紙第九号書式: a form, not an item
    if (match["struct"] or match["table"]) and not law and not match["suppl"]:
        if _RELATIVE_PART.search(match.string[max(0, match.start() - 3) : match.start()]):
            return None  # 「前章第一節」「同章第七節」: relative to a part not resolved here
        before = match.string[max(0, match.start() - 1) : match.start()]
        if match["table"] and before not in ("", "、", "。", "（", "　", " ", "び", "は", "に"):
            return None  # 「…の別表」 of something else
    has_position = any(
        match[g] for g in ("art", "artrel", "para", "pararel", "item", "itemrel", "struct", "table")
    )
    if not has_position and not match["num"]:
        return None  # a word ending in 法 with nothing cited
    if law and not has_position and not match["num"]:
        return None
    if match["suppl"] and not (match["art"] or match["para"]) and not law:
        return None
    article = ""
    if match["art"]:
        article = parse_article_number(match["art"] + match["artsub"]) or ""
    elif match["artrel"]:
        article = match["artrel"]
    paragraph = str(to_int(match["para"])) if match["para"] else (match["pararel"] or "")
    item = ""
    if match["item"]:
        item = parse_article_number(match["item"] + (match["itemsub"] or "")) or ""
    elif match["itemrel"]:
        item = match["itemrel"]
    num = lawnum.canonical(match["num"]) if match["num"] else ""
    end = match.end()
    subitem = match["sub"] or ""
    if subitem and not item:
        end -= 1
        subitem = ""
    cut = len(match["law"] or "") - len(law)  # words before the name were dropped
    return Reference(
        match.group(0)[cut : end - match.start()],
        match.start() + cut,
        end,
        law,
        num or "",
        bool(match["suppl"]),
        article,
        paragraph,
        item,
        subitem,
        _kanji_numbers(match["struct"] or ""),
        _kanji_numbers(match["table"] or ""),
    )


def _kanji_numbers(text: str) -> str:
    """第2章 → 第二章, so a reference compares with the XML's headings."""
    return re.sub(r"\d+", lambda m: int_to_kanji(int(m.group())), text)


def _is_law_number_fragment(match: re.Match) -> bool:
    """「平成五年法律第八十八号」「年内閣訓令第1号」: an issuing kind and a number (第…号)
    with no article is a 法令番号, not a citation of item 88 of a law."""
    if _ERA_START.match(match["law"]):
        return True
    no_article = not (match["art"] or match["artrel"] or match["para"] or match["pararel"])
    return no_article and bool(match["item"])


def _strip_conjunction(name: str) -> str:
    """「旨並びに商法」 → 商法: a name does not start before 及び/並びに unless the
    conjunction is inside a 「…に関する法律」 title."""
    if name.endswith(("に関する法律", "に関する法律施行令", "に関する法律施行規則")):
        return name
    for conjunction in ("並びに", "及び"):
        if conjunction in name:
            name = name.rsplit(conjunction, 1)[1]
    return name


def _with_bare_law_numbers(text: str, refs: list[Reference]) -> list[Reference]:
    """A 法令番号 on its own (「平成五年法律第八十八号」) cites that law; one in
    parentheses after a title the name pattern cannot take (「皇室典範（昭和二十二年法律
    第三号）」「…の一部を改正する法律（…）」) cites it under that title."""
    covered = [(r.start, r.end) for r in refs]
    extra = []
    following = {r.start: r for r in refs}
    for match in _BARE_LAW_NUM.finditer(text):
        if any(s <= match.start() < e for s, e in covered):
            continue
        num = lawnum.from_match(match)
        if not num:
            continue
        title = _title_before(text, match.start())
        if title:
            start = match.start() - 1 - len(title)
            surface = text[start : match.end() + (text[match.end() : match.end() + 1] == "）")]
            end = start + len(surface)
            cited = following.get(end)
            if cited is not None and not cited.law:  # 「皇室典範（…）第二十六条」: one citation
                refs.remove(cited)
                cited.surface, cited.start = text[start : cited.end], start
                cited.law, cited.law_num = title, num
                extra.append(cited)
            else:
                extra.append(Reference(surface, start, end, law=title, law_num=num))
        elif (cited := following.get(match.end())) is not None and cited.suppl and not cited.law:
            refs.remove(cited)  # 「平成二十九年法律第五十四号附則第二条」: that act's 附則
            cited.surface, cited.start = text[match.start() : cited.end], match.start()
            cited.law_num = num
            extra.append(cited)
        else:
            extra.append(Reference(match.group(0), match.start(), match.end(), law_num=num))
    return sorted(refs + extra, key=lambda r: r.start)


_TITLE_BEFORE = re.compile(
    r"(?:^|(?<=[、。，「」『』（）()\s　]))([^、。，「」『』（）()\s　]{2,40})$"
)
_NOT_TITLE = re.compile(rf"第{NUMBER}[条項号]|規定|により|において|及び|並びに|又は|若しくは|場合")


def _title_before(text: str, num_start: int) -> str:
    """The title right before 「（<法令番号>」, up to the previous delimiter; "" if the text
    there reads as a clause rather than a title."""
    if num_start == 0 or text[num_start - 1] not in "（(":
        return ""
    match = _TITLE_BEFORE.search(text, 0, num_start - 1)
    if not match or _NOT_TITLE.search(match[1]) or not re.search(r"[一-龥]{2}", match[1]):
        return ""
    return match[1]


_MENTION = re.compile(
    rf"{_NAME_CHARS}+?(?:法律|法)(?=では|は|において|には|にも|の|を|が|で|と|、|（|\(|第)"
)
_NOT_LAWS = frozenset(
    "方法 手法 用法 文法 技法 製法 寸法 作法 司法 立法 違法 合法 適法 不法 論法 法律 本法 同法 "
    "刑事法 民事法 行政法 国内法 外国法 国際法 実体法 手続法 特別法 一般法 新法 旧法 現行法".split()
)


_SHORT_LAWS = frozenset({"民法", "商法", "刑法", "憲法"})


def find_mentions(text: str) -> list[tuple[int, int, str]]:
    """Law names mentioned without a citation (「電子記録債権法においても」): they change
    what 同法 means next, so the resolver must see them. (start, end, name)."""
    folded = text.translate(_DIGITS)
    out = []
    for match in _MENTION.finditer(folded):
        name = _strip_conjunction(match.group(0))
        start = match.end() - len(name)
        if (
            (len(name) >= 3 or name in _SHORT_LAWS)
            and name not in _NOT_LAWS
            and name[0] not in "のにおよ及並"
        ):
            out.append((start, match.end(), name))
    return out


_PARENTHETICAL = re.compile(r"（[^（）]*）")


def is_enumeration(between: str) -> bool:
    """Text between two references that keeps the first one's law and article; a closed
    parenthetical in between does not count (「第三十八条第二項（…に限る。）及び第五項」)."""
    between = between.strip()
    while True:
        shorter = _PARENTHETICAL.sub("", between)
        if shorter == between:
            break
        between = shorter
    return bool(_ENUMERATION.match(between))


def split_law_name(name: str, known: list[str]) -> tuple[str, int]:
    """The known law name that ends `name` (「改正後の地方自治法」 → 地方自治法) and
    how many characters precede it; the name itself if none fits."""
    for candidate in known:  # longest first
        if name.endswith(candidate):
            return candidate, len(name) - len(candidate)
    return name, 0


@dataclass
class Position:
    law_num: str = ""
    provision: str = "main"
    article: str = ""
    paragraph: str = ""
    item: str = ""


@dataclass
class Home(Position):
    """Where the cited text sits: a statute's own article (for 前条, 次項 and bare 第N条)."""


@dataclass
class DocumentContext:
    """What a document has said so far: the last law and position cited, and the
    aliases it defined (「…法律（以下「法」という。）」)."""

    last: Position | None = None
    last_article: Position | None = None  # the last reference that named an article (同条)
    last_end: int = -1
    carry: str | None = None  # text after the previous paragraph's last reference, if it
    # ran on as an enumeration (a PDF line break inside 「第五条、\n第六条」)
    aliases: dict[str, str] = field(default_factory=dict)  # alias → law_num

    def copy(self) -> DocumentContext:
        return replace(
            self, last=replace(self.last) if self.last else None, aliases=dict(self.aliases)
        )
