"""Company names (株式会社…, …株式会社) that must survive a Japanese → English translation.

A company's English is its own: a romanisation (Fujitsu), a translation (East Japan
Railway Company) or an abbreviation (NEC, NTT West), with its legal form said (Co., Ltd.,
Corporation) or not. The demo model wrote 西日本電信電話株式会社 as "The Japanese
Telephone Company" (a real docx09 run): "West" and "telegraph" lost, and no check spoke,
while correct names ("Hitachi, Ltd.") were flagged for the 株式会社 they leave unsaid.

A listed company (resources/organisations/ja_en_companies.tsv) is named by one of its
listed English names or by its romanised reading: its words translated one by one are
another name ("Japan Electric Company" is not NEC). Any other company is named when each
word of its name is there, by its dictionary English (every word of one sense: 西日本 is
"West Japan", not "Japanese"), by its romanised reading, or inside an abbreviation made
of those words' initials (日本電信電話 → NTT).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from ...paths import resources_dir

LIST_FILE = ("organisations", "ja_en_companies.tsv")
FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社")
# The name's own characters: kanji, katakana (with its dots and long mark), Latin letters.
_NAME_CHAR = r"[\u4e00-\u9fff々\u30a0-\u30ffーA-Za-z0-9&]"
_FORM = "|".join(FORMS)
_BEFORE = re.compile(rf"({_NAME_CHAR}{{2,20}}?)\s*(?:{_FORM})")
# After the form, a Latin name may have words (株式会社Box Japan).
_AFTER = re.compile(rf"(?:{_FORM})\s*((?:{_NAME_CHAR}|(?<=[A-Za-z]) (?=[A-Za-z])){{2,30}})")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_LEADING_WORDS = ("及び", "並びに", "又は", "ならびに", "および", "または")
_ABBREVIATION = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}(?![A-Za-z])")


@functools.cache
def listed_companies() -> dict[str, tuple[str, ...]]:
    """Japanese name (NFKC, without its legal form) → its English names, official first."""
    from .organisations import list_rows

    try:
        lines = resources_dir().joinpath(*LIST_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:  # a broken install: unlisted companies are still checked word by word
        return {}
    return {japanese: names for japanese, names, _ in list_rows(lines)}


@functools.cache
def _listed_longest_first() -> tuple[str, ...]:
    return tuple(sorted(listed_companies(), key=len, reverse=True))


@functools.lru_cache(maxsize=4096)
def companies_in(text: str) -> tuple[tuple[str, str], ...]:
    """(surface with its legal form, the name without it) of each company of the text:
    a name written with its legal form, or a listed name standing alone (川崎重工製).
    Cached: organisations_in asks for the same text several times per segment."""
    return tuple(_companies_in(text))


def _companies_in(text: str) -> Iterator[tuple[str, str]]:
    text = unicodedata.normalize("NFKC", text)
    seen: set[int] = set()
    for pattern in (_AFTER, _BEFORE):
        for match in pattern.finditer(text):
            if match.start() in seen:
                continue
            name = _trim(match.group(1))
            if len(name) >= 2 and _a_name(name):
                seen.add(match.start())
                surface = match.group(0)
                yield surface[surface.find(name) :] if pattern is _BEFORE else surface, name
    for name in _listed_longest_first():
        at = text.find(name)
        if at < 0 or len(name) < 3 or any(s in seen for s in range(at - 6, at + len(name))):
            continue
        after = text[at + len(name) : at + len(name) + 1]
        if not after or not _KANJI.match(after) or after in "製社":
            seen.add(at)
            yield name, name


def _a_name(name: str) -> bool:
    """A proper name, katakana or Latin: not the role a law gives a company (当該株式会社,
    清算株式会社 "the liquidating stock company", 吸収分割承継株式会社), all common nouns."""
    if not _KANJI.search(name):
        return True
    from ...sudachi import morphemes

    return any(
        m.part_of_speech()[1] == "固有名詞" or not _KANJI.search(m.surface())
        for m in morphemes(name)
    )


def _trim(name: str) -> str:
    """The name only: not a word of the sentence before it that the regex took in (委託先
    of 委託先日本電気株式会社, a listed name's own; 受託者 before a proper noun)."""
    for word in _LEADING_WORDS:
        if word in name:
            name = name.split(word)[-1]
    listed = [n for n in listed_companies() if name.endswith(n)]
    if listed:
        return max(listed, key=len)
    if not _KANJI.match(name):
        return name
    from ...sudachi import morphemes

    words = morphemes(name)
    for at, word in enumerate(words):
        if word.part_of_speech()[1] == "固有名詞" or not _KANJI.match(word.surface()):
            lead = words[:at]
            if lead and all(w.part_of_speech()[0] in ("名詞", "接尾辞") for w in lead):
                return "".join(w.surface() for w in words[at:])
            break
    return name


def _words(name: str) -> list[str]:
    """The name cut into dictionary words, longest first from the left (西日本|電信|電話);
    a run the dictionary lacks stays one piece (固有の名 of no entry)."""
    from .lexicon import entries

    table = entries()
    words: list[str] = []
    rest = name
    unknown = ""
    while rest:
        for size in range(min(6, len(rest)), 0, -1):
            piece = rest[:size]
            if size > 1 and piece in table or size == 1 and not _KANJI.match(piece):
                break
        else:
            unknown += rest[0]
            rest = rest[1:]
            continue
        if unknown:
            words.append(unknown)
            unknown = ""
        words.append(piece)
        rest = rest[len(piece) :]
    if unknown:
        words.append(unknown)
    return [w for word in words for w in _names_in(word) if _KANJI.search(w)]


def _names_in(word: str) -> list[str]:
    """A run the dictionary lacks cut into Sudachi's words (三井住友 → 三井, 住友): two
    family names, said in either order ("Sumitomo Mitsui")."""
    from .lexicon import entries

    if word in entries() or len(word) < 3:
        return [word]
    from ...sudachi import morphemes

    return [m.surface() for m in morphemes(word)] or [word]


def _romanised(word: str) -> str:
    from .names import reading_of, romanize, skeleton

    reading = reading_of(word)
    return skeleton(romanize(reading)) if reading else ""


def _said(word: str, english, target: str) -> bool:
    """Every word of one of its dictionary senses, or its romanised reading."""
    from .lexicon import glosses

    if any(gloss and all(english.has_stem(s) for s in gloss) for gloss in glosses(word)):
        return True
    romanised = _romanised(word)
    return len(romanised) >= 3 and romanised in target


def _initials(word: str) -> set[str]:
    from .lexicon import entries

    found = {g.split()[0][0].upper() for g in entries().get(word, "").split("|") if g.split()}
    romanised = _romanised(word)
    if romanised:
        found.add(romanised[0].upper())
    return found


def _abbreviated(words: list[str], translation: str, has_form: bool) -> set[int]:
    """Indexes of the words an abbreviation of the translation spells by their initials (NTT:
    日本 Nippon, 電信 telegraph, 電話 telephone; NEC: … + the company)."""
    covered: set[int] = set()
    initials = [_initials(w) for w in words]
    for letters in _ABBREVIATION.findall(translation):
        if has_form and letters.endswith(("C", "K")) and len(letters) > 2:
            candidates = (letters, letters[:-1])  # Company, Corporation, Kaisha
        else:
            candidates = (letters,)
        for spelled in candidates:
            for start in range(len(words) - len(spelled) + 1):
                run = range(start, start + len(spelled))
                if all(spelled[i - start] in initials[i] for i in run):
                    covered.update(run)
    return covered


def _without_kind(name: str) -> str:
    """The name less the kind of body it ends in (研究所, 製作所, センター): an official
    English name says it or drops it (島津製作所 → "Shimadzu Corporation")."""
    from .organisations import BODY_HEADS, GENERIC_BODIES

    for kind in sorted((*GENERIC_BODIES, *BODY_HEADS), key=len, reverse=True):
        if name.endswith(kind) and len(name) > len(kind):
            return name[: -len(kind)]
    return name


def _transliterated_whole(name: str, target: str) -> bool:
    romanised = _romanised(name)
    return len(romanised) >= 4 and romanised in target


def unnamed_words(name: str, translation: str, has_form: bool = True) -> tuple[list[str], int]:
    """(The words of an unlisted company's name with no English in the translation, how
    many words the name has)."""
    from .lexicon import EnglishText
    from .names import skeleton

    target = skeleton(translation)
    if not _KANJI.search(name) or _transliterated_whole(name, target):
        return [], 0  # a katakana or Latin name: the loanword and Latin checks look
    bare = _without_kind(name)
    words = _words(bare)
    english = EnglishText(translation)
    covered = _abbreviated(words, translation, has_form)
    lost = [w for i, w in enumerate(words) if i not in covered and not _said(w, english, target)]
    # A katakana or Latin part (ニッセイ of ニッセイ基礎研究所) is a word of the name too, for
    # the Latin and loanword checks to look at.
    others = len(re.findall(r"[^\u4e00-\u9fff々]+", bare))
    return lost, len(words) + others


def listed_named(names: tuple[str, ...], japanese: str, translation: str) -> bool:
    from .names import skeleton
    from .organisations import english_named

    return any(english_named(n, translation) for n in names) or _transliterated_whole(
        japanese, skeleton(translation)
    )


MAX_NAME_SEGMENT = 40  # a company's name as a label or a list line, not running text


def added_places(surface: str, translation: str) -> list[str]:
    """Prefectures (Tokyo, Osaka) the English of a company's name has and the name does not
    (株式会社Box Japan → "Tokyo Box Japan"). Only where the translation is about as short as
    a name: in running text a place may belong to the rest of the sentence."""
    from .organisations import known_organisations

    if len(translation) > MAX_NAME_SEGMENT + len(surface):
        return []
    found = []
    for japanese, organisation in known_organisations().items():
        if organisation.kind != "prefecture" or japanese[:2] in surface:
            continue
        english = organisation.english[0]
        named_in_source = english.lower() in surface.lower()  # 株式会社Tokyo Data
        if re.search(rf"\b{re.escape(english)}\b", translation) and not named_in_source:
            found.append(english)
    return found
