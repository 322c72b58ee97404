"""The words of a body's name must survive a Japanese → English translation.

For a body that is not on the organisation list, names.organisation only asks for its
kind (…課 → Division, Department, Office …). In a real demo-model run of a city's
organisation list, 介護保険課 became "The Health Care Service Department", 河港課 "City
Office" and 花ノ宮保育所 "The nursery school in Fukushima": the kind is there, the name is
not. Here each body name is cut into units:

- heads, the kinds of body in a chain (健康福祉局 / 福祉事務所 / 障がい福祉課): each needs
  an English body word of its own ("Health and Welfare Office" names one of three);
- content words (介護, 保険, 河港), found in English through the official-name word list
  (resources/organisations/ja_en_body_words.tsv) and the bilingual word list (lexicon.py);
- names (花ノ宮, 檀紙, Sudachi 固有名詞 or words no dictionary knows): romanised, or any
  capitalised English word that no dictionary gloss explains (the reading may differ);
- ordinals (第二 → Second, 2, II); corporate forms (一般社団法人) may be left out.

Official English names do not follow dictionary glosses (日本船主責任相互保険組合 is "The
Japan Ship Owners' Mutual Protection and Indemnity Association"), so a body is reported
only when at least half of its content words have no counterpart, or a head has none.
A body label (a segment that is only the name) is also accounted the other way: a missing
word may have been left out, as official names do, but not replaced. When an English
content word comes from no word of the source (文化芸術振興課 → "Tourism and Arts Promotion
Division": Tourism) and the dictionary gives no kin of a missing word for it, the missing
words are reported, however many the name has. Neighbouring words that form a dictionary
word (会計検査 "audit") are accounted for by its English.
A warning (要確認): it cannot be sure.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ...paths import resources_dir
from ...sudachi import tokenizers_or_none
from .finding import WARNING, Finding

WORDS_FILE = ("organisations", "ja_en_body_words.tsv")
MISSING_SHARE = 0.5  # a body is reported when this share of its content words is missing
TEXT_MISSING = 2  # inside running text, at least this many content words missing
MAX_LABEL_CHARS = 40  # a segment this short ending in a body head is a body name as a whole
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30faー]{2,}")
_STOP = frozenset("the of and for in on at to a an with by from its city's".split())
_ORDINALS = {
    "一": ("first", "1", "i", "one"),
    "二": ("second", "2", "ii", "two"),
    "三": ("third", "3", "iii", "three"),
    "四": ("fourth", "4", "iv", "four"),
    "五": ("fifth", "5", "v", "five"),
}
_COMPANY_FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社")
# Words any name of a Japanese body may carry: never the counterpart of a word of its own.
_GENERIC_EN = frozenset({"japan", "japanes", "nation", "nationwid", "all", "general"})
_SENTENCE = re.compile(r"[。、？！?!]|です|ます|する|した|ない")


@dataclass(frozen=True)
class Unit:
    surface: str
    kind: str  # head | word | name | number
    english: tuple[str, ...] = ()  # listed phrases (head, word, number)
    reading: str = ""  # katakana reading (name)
    whole: str = ""  # the longer word it was cut from (海上保安庁 → 海上, 保安)
    compounds: tuple[str, ...] = ()  # dictionary words it forms with neighbours (会計 + 検査)


@functools.cache
def body_words() -> dict[str, tuple[tuple[str, ...], str]]:
    """原語 → (English phrases, kind) from the official-name word list."""
    from .organisations import BODY_HEADS, list_rows

    try:
        lines = resources_dir().joinpath(*WORDS_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:  # a broken install: the lexicon alone
        lines = []
    # The kinds organisations.py knows (庁, 機構, 会議 …), then this list's rows.
    table = {j: (english, "head") for j, english in BODY_HEADS.items() if j != "大臣"}
    for japanese, names, columns in list_rows(lines):
        kind = columns[2].strip() if len(columns) > 2 else "word"
        table[japanese] = (tuple(n.lower() for n in names), kind)
    # Person titles inside a body's name (参事官室 → "Counsellor's Office"): their English
    # from the titles list (titles.py).
    from .titles import known_titles

    for title, english in known_titles().items():
        if len(title) >= 2:
            table.setdefault(title, (english, "word"))
    return table


@functools.cache
def heads() -> tuple[str, ...]:
    return tuple(
        sorted(
            (j for j, (_, kind) in body_words().items() if kind == "head"), key=len, reverse=True
        )
    )


@functools.cache
def gloss_vocabulary() -> frozenset[str]:
    """Every English word of the bilingual word list: a capitalised word outside it
    (Ritsurin, Danshi) can only be a name."""
    from . import lexicon

    return frozenset(re.findall(r"[a-z]+", "|".join(lexicon.entries().values())))


# --- which bodies -------------------------------------------------------------------------


def is_body_label(text: str) -> bool:
    """A short segment that is nothing but a body's name (a cell of an organisation list)."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text or len(text) > MAX_LABEL_CHARS or _SENTENCE.search(text) or " " in text:
        return False
    if not re.fullmatch(r"[\u4e00-\u9fff々\u3041-\u309f\u30a1-\u30faー・A-Za-z0-9]+", text):
        return False
    from .organisations import NOT_BODIES

    head = next((h for h in heads() if text.endswith(h)), "")
    if not head or text.endswith(NOT_BODIES):
        return False  # 改定箇所, 住所: common nouns
    # 会場, 公園, 旅館: a one-character kind needs a name of two characters before it.
    if not (len(text) - len(head) >= 2 if len(head) == 1 else len(text) > 1):
        return False
    return not _common_noun_end(text, head)


def _common_noun_end(text: str, head: str) -> bool:
    """…との関係, 開口部, 駐車場: the last word is a dictionary word that names no kind of
    body (relation, opening, parking lot), unlike 博物館 (museum) or 本部 (headquarters)."""
    from . import lexicon

    loaded = tokenizers_or_none("C", "A")
    if loaded is None:
        return False
    last = list(loaded[0].tokenize(text))[-1].surface()
    if len(last) <= len(head) or not last.endswith(head) or last in heads():
        return False
    meaning = lexicon.glosses(last)
    kinds = _kind_stems()
    return bool(meaning) and not any(s in kinds for gloss in meaning for s in gloss)


def bodies_in(source: str) -> list[str]:
    """Unlisted bodies of a source: the whole segment when it is a body label, else the
    names organisations.py finds by their ending and does not list."""
    from .organisations import organisations_in

    text = unicodedata.normalize("NFKC", source).strip()
    if is_body_label(text):
        listed = [s for s, org in organisations_in(text) if org is not None]
        return [] if text in listed else [text]
    return [surface for surface, org in organisations_in(text) if org is None]


# --- units --------------------------------------------------------------------------------


def units_of(name: str, known: dict[str, str] | None = None) -> list[Unit]:
    """A body name cut into heads, content words, names and ordinals; `known` maps listed
    organisations inside the name to their English (checked whole, not word by word)."""
    loaded = tokenizers_or_none("C", "A")
    if loaded is None:
        return []
    long_words, short, mode = loaded
    listed = body_words()
    found: list[Unit] = []
    rest = unicodedata.normalize("NFKC", name)
    for japanese, english in sorted((known or {}).items(), key=lambda kv: -len(kv[0])):
        if japanese in rest:
            found.append(Unit(japanese, "listed", (english,)))
            rest = rest.replace(japanese, "・")
    parts, wholes = [], []
    for chunk in re.split(r"・+", rest):
        for m in long_words.tokenize(chunk) if chunk else ():
            if m.surface() in listed:
                parts.append(m)
                wholes.append("")
            else:
                cut = list(short.tokenize(m.surface(), mode))
                parts += cut
                wholes += [m.surface() if len(cut) > 1 else ""] * len(cut)
    i = 0
    while i < len(parts):
        # Longest run of Sudachi words that the list knows (小 + 学校 → 小学校).
        for j in range(len(parts), i, -1):
            joined = "".join(p.surface() for p in parts[i:j])
            if joined in listed:
                english, kind = listed[joined]
                found.append(Unit(joined, kind, english))
                i = j
                break
        else:
            start = i
            unit, i = _unit_at(parts, i)
            if unit is not None:
                found.append(replace(unit, whole=wholes[start]))
    return _with_compounds(found, unicodedata.normalize("NFKC", name))


def _with_compounds(units: list[Unit], name: str) -> list[Unit]:
    """Neighbouring content words that together are a dictionary word (会計 + 検査 = 会計検査
    "audit", 内閣 + 官房 "Cabinet Secretariat", 宇宙 + 航空 as 航空宇宙 "aerospace"): the
    English of the whole accounts for each."""
    from . import lexicon

    compounds: list[list[str]] = [[] for _ in units]
    for i in range(len(units)):
        for j in range(i + 2, min(len(units), i + 3) + 1):
            run = units[i:j]
            joined = "".join(u.surface for u in run)
            if any(u.kind not in ("word", "katakana") for u in run) or joined not in name:
                continue
            # Words side by side are often a pair (宇宙航空: the dictionary has 航空宇宙).
            pair = run[1].surface + run[0].surface if len(run) == 2 else ""
            for word in (joined, pair):
                if word and lexicon.glosses(word):
                    for k in range(i, j):
                        compounds[k].append(word)
    return [
        replace(u, compounds=tuple(c)) if c else u for u, c in zip(units, compounds, strict=True)
    ]


def _unit_at(parts, i: int) -> tuple[Unit | None, int]:
    from . import lexicon

    m = parts[i]
    surface, pos = m.surface(), m.part_of_speech()
    # 花ノ宮, 霞ヶ関: a name written around a small kana.
    if i + 2 < len(parts) and parts[i + 1].surface() in ("ノ", "ヶ", "ケ", "ッ"):
        if _KANJI.search(surface) and _KANJI.search(parts[i + 2].surface()):
            run = parts[i : i + 3]
            return Unit("".join(p.surface() for p in run), "name",
                        reading="".join(p.reading_form() for p in run)), i + 3  # fmt: skip
    if surface == "第" and i + 1 < len(parts) and parts[i + 1].surface() in _ORDINALS:
        return Unit(surface + parts[i + 1].surface(), "number",
                    _ORDINALS[parts[i + 1].surface()]), i + 2  # fmt: skip
    if _KATAKANA_RUN.fullmatch(surface):
        return Unit(surface, "katakana"), i + 1
    if _KANJI.fullmatch(surface) or _KANJI.search(surface) and not _known_word(m):
        # 男 + 木, 新 + 番 + 丁, 弦 + 打: single characters and unknown words in a row are
        # one name that Sudachi cut up.
        j = i + 1
        while (
            j < len(parts)
            and parts[j].surface() not in body_words()
            and (_KANJI.fullmatch(parts[j].surface()) or not _known_word(parts[j]))
            and _KANJI.search(parts[j].surface())
        ):
            j += 1
        run = parts[i:j]
        if j > i + 1 or pos[1] == "固有名詞" or not _known_word(m):
            surface = "".join(p.surface() for p in run)
            if len(surface) < 2:
                return None, j  # 陶, 腎: one character is too little to judge
            if j > i + 1 and lexicon.glosses(surface):
                return Unit(surface, "word"), j  # 隊 + 員: a word the dictionary knows
            return Unit(surface, "name", reading="".join(p.reading_form() for p in run)), j
    if pos[1] == "固有名詞" and _KANJI.search(surface):
        return Unit(surface, "name", reading=m.reading_form()), i + 1
    if pos[0] != "名詞" or pos[1] in ("数詞", "助動詞語幹") or not _known_word(m):
        return None, i + 1
    if len(surface) < 2:
        return None, i + 1  # 小, 者, 新: single characters are rendered too freely
    return Unit(surface, "word"), i + 1


@functools.cache
def _near_headwords() -> dict[str, tuple[str, ...]]:
    """Word → dictionary headwords one character longer that contain it (気象 → 気象庁,
    気象学; 造幣 → 造幣局): official names often use the English of the longer word
    (Meteorological, Mint)."""
    from . import lexicon

    table: dict[str, list[str]] = {}
    for head in lexicon.entries():
        if 3 <= len(head) <= 5 and "\u4e00" <= head[0] <= "\u9fff":  # kanji words only
            table.setdefault(head[:-1], []).append(head)
            table.setdefault(head[1:], []).append(head)
    return {word: tuple(heads) for word, heads in table.items()}


@functools.cache
def _kind_stems() -> frozenset[str]:
    from .lexicon import stem

    return frozenset(
        stem(w) for english, kind in body_words().values() if kind == "head"
        for phrase in english for w in phrase.split()
    )  # fmt: skip


def _shown_beyond_kinds(meaning, target: _English) -> bool:
    """Some gloss has a word other than a body kind (Office, Department) in the text."""
    skip = _kind_stems() | _GENERIC_EN
    return any(s not in skip and target.english.has_stem(s) for gloss in meaning for s in gloss)


def _whole_shown(meaning, target: _English) -> bool:
    """A gloss of the longer word all there, bar body kinds and Japan (全国銀行協会 is
    "Japanese Bankers Association": "General Association of Japan" does not show it)."""
    kinds = _kind_stems()
    for gloss in meaning:
        # 博物館 is "museum", 動物園 "zoo": a whole word may be nothing but a kind.
        content = [s for s in gloss if s not in kinds and s not in _GENERIC_EN] or [
            s for s in gloss if s not in _GENERIC_EN
        ]
        if content and all(target.english.has_stem(s) for s in content):
            return True
    return False


def _near_shown(word: str, target: _English) -> bool:
    from . import lexicon

    return any(
        _shown_beyond_kinds(lexicon.glosses(head), target)
        for head in _near_headwords().get(word, ())
    )


def _known_word(m) -> bool:
    from . import lexicon

    return bool(lexicon.glosses(m.surface()) or lexicon.glosses(m.dictionary_form()))


# --- the English side -----------------------------------------------------------------------


class _English:
    """A translation prepared once: word stems, joined neighbours (ship owners ~
    shipowner), Latin skeletons for names, body words in order for the heads."""

    def __init__(self, text: str) -> None:
        from .lexicon import EnglishText

        self.text = unicodedata.normalize("NFKC", text)
        self.words = re.findall(r"[a-z0-9]+", self.text.lower())
        joined = " ".join(a + b for a, b in zip(self.words, self.words[1:], strict=False))
        self.english = EnglishText(self.text + " " + joined)
        self.lower = " " + " ".join(self.words) + " "
        self.capitalised = [w for w in re.findall(r"\b[A-Z][a-z]+", self.text)]
        self._skeletons: set[str] | None = None

    def skeletons(self) -> set[str]:
        """Consonant skeletons of words and two-word runs (work shop ~ ワークショップ), made
        on first use (a cache on the object: a functools cache would keep every segment)."""
        from .clauses import english_skeleton

        if self._skeletons is None:
            words = [w.replace("gi", "ji") for w in re.findall(r"[a-z]+", self.text.lower())]
            runs = words + [a + b for a, b in zip(words, words[1:], strict=False)]
            runs += [r[:-1] for r in runs if r.endswith("s") and len(r) > 3]
            self._skeletons = {_loose(english_skeleton(r)) for r in runs}
        return self._skeletons

    def has_phrase(self, phrase: str) -> bool:
        from .lexicon import stem

        words = re.findall(r"[a-z0-9]+", phrase)
        if not words:
            return False
        if len(words) == 1 and len(words[0]) <= 3:
            return f" {words[0]} " in self.lower  # pe, co, ii: whole words only
        return all(self.english.has_stem(stem(w)) for w in words)

    def names(self, reading: str) -> bool:
        from .names import romanize, skeleton

        wanted = skeleton(romanize(reading))
        if len(wanted) >= 3 and wanted in skeleton(self.text):
            return True
        vocabulary = gloss_vocabulary()
        return any(w.lower() not in vocabulary and w.lower() not in _STOP for w in self.capitalised)


def _loose(skeleton: str) -> str:
    return skeleton.translate(str.maketrans("zj", "ss"))  # カジノ ~ casino, ジ ~ gi


def _present(unit: Unit, target: _English) -> bool:
    from . import lexicon
    from .clauses import katakana_skeleton, katakana_words

    if unit.kind == "listed":
        from .organisations import english_named

        return english_named(unit.english[0], target.text)
    if unit.kind == "katakana":  # デジタル ~ digital: the skeleton or the dictionary
        skeletons = target.skeletons()
        return all(
            _loose(katakana_skeleton(w)) in skeletons or target.english.shows(lexicon.glosses(w))
            for w in katakana_words(unit.surface)
        )
    if unit.english and any(target.has_phrase(p) for p in unit.english):
        return True
    if unit.whole and _whole_shown(lexicon.glosses(unit.whole), target):
        return True  # 海上保安庁 → "Japan Coast Guard", 地方公共団体 → "local government"
    if any(_whole_shown(lexicon.glosses(c), target) for c in unit.compounds):
        return True  # 会計検査院 → "Board of Audit"
    if unit.kind == "name":
        return target.names(unit.reading) or target.english.shows(lexicon.glosses(unit.surface))
    if unit.kind != "word":
        return False
    return target.english.shows(lexicon.glosses(unit.surface)) or _near_shown(unit.surface, target)


# --- accounting: a body label's English words come from its source ----------------------


def _accounted_stems(units: list[Unit]) -> set[str]:
    """Stems of every English word the units of a name may be rendered by: listed phrases,
    dictionary glosses of each word, of the longer word it was cut from and of the compounds
    it forms. Not the longer headwords around a word (団体 → 団体客 "party tourists"): they
    would account for almost any word."""
    from . import lexicon
    from .lexicon import stem

    stems: set[str] = set()
    for unit in units:
        stems.update(stem(w) for phrase in unit.english for w in re.findall(r"[a-z]+", phrase))
        for word in (unit.surface, unit.whole, *unit.compounds):
            if word:
                stems.update(s for gloss in lexicon.glosses(word) for s in gloss)
    # self-defense: the English is read word by word (Self, Defense)
    return stems | {stem(p) for s in stems if "-" in s for p in s.split("-") if p}


def _leftover_words(units: list[Unit], translation: str) -> list[str]:
    """Content words of a body label's English that no unit of its source accounts for
    ("Tourism" in 文化芸術振興課 → "Tourism and Arts Promotion Division")."""
    from .lexicon import stem, stems_match

    stems = _accounted_stems(units)
    kinds = _kind_stems() | _GENERIC_EN
    spoken = [u for u in units if u.kind in ("name", "katakana", "number")]
    listed = {w for u in units if u.kind == "listed" for w in u.english[0].lower().split()}
    words = re.findall(r"[A-Za-z]+", unicodedata.normalize("NFKC", translation))
    left = []
    for k, word in enumerate(words):
        low = word.lower()
        if low in _STOP or len(low) < 3 or low in listed or word in left:
            continue
        # Ship Owners ~ shipowner: a word read with its neighbour too.
        joined = [low + words[k + 1].lower()] if k + 1 < len(words) else []
        joined += [words[k - 1].lower() + low] if k else []
        root = stem(low)
        if root in kinds or any(stems_match(root, s) for s in stems):
            continue
        if any(stem(j) in stems for j in joined):
            continue
        alone = _English(word)
        if any(_present(u, alone) for u in spoken):
            continue  # a name (Ritsurin), a loanword (digital), an ordinal
        left.append(word)
    return left


@functools.cache
def _gloss_lines() -> str:
    """Kanji headwords of the bilingual word list with their glosses, one a line, for the
    few look-ups from English (made on first use: a body label with a word missing and an
    English word left over)."""
    from . import lexicon

    return "\n".join(f"{h}\t{raw}" for h, raw in lexicon.entries().items() if _KANJI.search(h))


@functools.lru_cache(maxsize=4096)
def _japanese_for(root: str) -> frozenset[str]:
    """Kanji headwords with a gloss word of this English stem (polici → 政策, 方針 …)."""
    from .lexicon import stem

    if len(root) < 3:
        return frozenset()
    lines, found, prefix = _gloss_lines(), set(), root[:4]
    at = lines.find(prefix)
    while at >= 0:  # str.find: a regular expression over 3 MB is ten times slower
        if not lines[at - 1].isalpha():
            end = at + len(prefix)
            while end < len(lines) and lines[end].isalpha():
                end += 1
            if stem(lines[at:end]) == root:
                start = lines.rfind("\n", 0, at) + 1
                found.add(lines[start : lines.index("\t", start)])
        at = lines.find(prefix, at + 1)
    return frozenset(found)


def _may_render(japanese: str, english: str) -> bool:
    """The English word can stand for the Japanese one: the dictionary gives it for a word
    one character longer (気象庁 "Meteorological Agency" for 気象), for a part of it, or for a
    word that shares a character and a gloss with it (開示 "disclosure" for 公開) or is a
    two-character word sharing one (法的 "legal" for 司法). Another body's word shares
    neither (観光 "tourism" for 文化)."""
    from . import lexicon
    from .lexicon import stem

    mine = {s for gloss in lexicon.glosses(japanese) for s in gloss if len(s) > 3}
    chars = set(_KANJI.findall(japanese))
    for head in _japanese_for(stem(english.lower())):
        if len(head) >= 2 and (
            head in japanese or japanese in head and len(head) == len(japanese) + 1
        ):
            return True  # not 総合科学 "integrated science": 総合 is not "science"
        if chars & set(head) and (
            len(head) == 2 or mine & {s for g in lexicon.glosses(head) for s in g}
        ):
            return True
    return False


def _heads_named(heads_in_name: list[Unit], target: _English) -> int:
    """How many heads find an English body word of their own (greedy, in order)."""
    from .lexicon import stem

    free = [stem(w) for w in target.words]
    named = 0
    for unit in heads_in_name:
        for k, word in enumerate(free):
            if word and any(
                " " not in p and stem(p) == word or " " in p and target.has_phrase(p)
                for p in unit.english
            ):
                free[k] = ""
                named += 1
                break
    return named


def _judged(name: str, translation: str, known: dict[str, str] | None):
    """(units of the name, content words with no counterpart, heads, heads named)."""
    from .organisations import BODY_HEADS

    target = _English(translation)
    units = units_of(name, known)
    seen: dict[str, Unit] = {}
    for unit in units:
        if unit.kind not in ("head", "optional"):
            seen.setdefault(unit.surface, unit)
    missing = [u for u in seen.values() if not _present(u, target)]
    heads = [u for u in units if u.kind == "head"]
    if len(heads) == 1 and (len(heads[0].surface) < 2 or heads[0].surface in BODY_HEADS):
        heads = []  # one body of a kind organisations.py knows: names.organisation asks for it
    return units, missing, len(heads), _heads_named(heads, target)


def missing_words(name: str, translation: str, known: dict[str, str] | None = None
                  ) -> tuple[list[str], int, int, int]:  # fmt: skip
    """(content words with no counterpart, content words in all, heads, heads named)."""
    units, missing, heads, named = _judged(name, translation, known)
    total = len({u.surface for u in units if u.kind not in ("head", "optional")})
    return [u.surface for u in missing], total, heads, named


def _levels(units: list[Unit]) -> list[list[Unit]]:
    """The units cut after each head: 消防局情報指令課 → [消防, 局], [情報, 指令, 課]."""
    levels, current = [], []
    for unit in units:
        current.append(unit)
        if unit.kind == "head":
            levels.append(current)
            current = []
    return levels + ([current] if current else [])


def _sure(unit: Unit) -> bool:
    """A name, a loanword, an ordinal or a word of the official-name list: its English is
    predictable, so it decides alone. Dictionary words decide by share (synonyms)."""
    return unit.kind in ("name", "katakana", "number") or unit.kind == "word" and bool(unit.english)


def body_lost(
    name: str, translation: str, known: dict[str, str] | None = None, least: int = 1
) -> tuple[list[str], int]:
    """(content words lost, heads without a body word of their own); ([], 0) when named.
    `least`: how many content words must be missing (a body inside running text may
    be rendered by a common noun: 処分庁 → "the administrative agency")."""
    units, missing_units, heads_total, heads_named = _judged(name, translation, known)
    missing = [u.surface for u in missing_units]
    total = len({u.surface for u in units if u.kind not in ("head", "optional")})
    lost = missing if len(missing) >= max(least, MISSING_SHARE * total, 1) else []
    if not lost and missing and least == 1:
        lost = [u.surface for u in missing_units if _sure(u)]
    if not lost and missing and least == 1:
        # A chain is several names (消防局 / 情報指令課): each level judged on its own words.
        for level in _levels(units):
            words = {u.surface for u in level if u.kind not in ("head", "optional")}
            if words and len(words & set(missing)) >= MISSING_SHARE * len(words):
                lost = [w for w in missing if w in words]
                break
    if not lost and missing and least == 1:
        # A word may go unrendered (official names drop some), not be replaced: an English
        # word that nothing in the source accounts for took a missing word's place.
        left = _leftover_words(units, translation)
        if any(not any(_may_render(m, w) for m in missing) for w in left):
            lost = missing
    return lost, heads_total - heads_named


def check_body_words(
    source: str, translation: str, glossary_sources: Sequence[str] = ()
) -> list[Finding]:
    """Japanese → English: the words of every unlisted body have counterparts."""
    if not translation.strip() or re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", translation):
        return []  # empty or Japanese left in: the language and length checks speak
    in_glossary = {unicodedata.normalize("NFKC", s) for s in glossary_sources}
    from .organisations import known_organisations

    findings = []
    label = is_body_label(source)
    for name in bodies_in(source):
        if any(name in g or g in name for g in in_glossary) or name.endswith("大臣"):
            continue  # the glossary check; a minister is a person (names.organisation)
        if any(form in name for form in _COMPANY_FORMS):
            continue  # 株式会社日立製作所 is "Hitachi, Ltd.": a company's English is its brand
        known = {j: o.english[0] for j, o in known_organisations().items() if j in name}
        lost, unnamed = body_lost(name, translation, known, 1 if label else TEXT_MISSING)
        unnamed = unnamed if label else 0  # in running text the kinds are names.organisation's
        if not lost and not unnamed:
            continue
        ja = [f"語（{'、'.join(lost[:4])}）"] if lost else []
        en = [f"the words {', '.join(lost[:4])}"] if lost else []
        if unnamed:
            ja.append(f"{unnamed}階層分の組織")
            en.append(f"{unnamed} of its levels (bureau, division …)")
        findings.append(
            Finding(
                "names.body_words",
                WARNING,
                name,
                "",
                f"組織名「{name}」の{'と'.join(ja)}に当たる訳が見当たりません。別の組織名になって"
                "いる可能性があります（要確認）",
                f"For the body '{name}', {' and '.join(en)} have no counterpart in the "
                "translation; it may name another body (please check)",
            )
        )
    return findings
