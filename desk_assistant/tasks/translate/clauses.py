"""Dropped clauses: a clause of a long Japanese sentence with no trace in the translation.

The length band cannot see one clause of four missing (the ratio stays in band), so
each source clause (split at 、 and 。) is aligned on its anchors, the words whose
English can be recognised without a model:
- katakana loanwords, compared as consonant skeletons (データ ~ data, ワーキンググループ
  ~ working group, プラットフォーム ~ platform);
- content words of official documents listed in resources/checks/ja_en_content_words.tsv
  with the starts of their usual English words (審議 → deliberat|discuss|examin …);
- organisation names (organisations.py), Latin terms and figures as written.
Only a clause's own anchors count (データ in five clauses says nothing about one). A clause
with at least two own anchors of which none is in the translation, or with two or more
of them missing, is reported (warning, "omission.clause"), quoting the clause, when some
other clause does align.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ...paths import resources_dir
from .finding import WARNING, Finding

LEXICON_FILE = ("checks", "ja_en_content_words.tsv")
MIN_ANCHORS = 2  # a clause judged on its own anchors: at least this many, all missing
MIN_MISSING = 2  # or this many of its own anchors missing (part of a clause lost)
_KATAKANA = re.compile(r"[\u30a1-\u30faー]{2,}")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_DIGITS = re.compile(r"\d+")
_CLAUSE_END = re.compile(r"(?<=[、。，；;])")


@dataclass(frozen=True)
class Anchor:
    surface: str
    kind: str  # katakana | word | latin | figure | organisation


@functools.cache
def lexicon() -> dict[str, tuple[str, ...]]:
    try:
        lines = resources_dir().joinpath(*LEXICON_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:  # a broken install: the other checks still run
        return {}
    words: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if not line.strip() or line.startswith("#") or line.startswith("原語"):
            continue
        japanese, _, english = line.partition("\t")
        starts = tuple(s.strip().lower() for s in english.split("|") if s.strip())
        if japanese.strip() and starts:
            words[japanese.strip()] = starts
    return words


# --- katakana loanwords as consonant skeletons --------------------------------------------

_EN_STEPS = (
    ("tion", "shon"),
    ("sion", "shon"),
    ("ph", "f"),
    ("th", "s"),
    ("ck", "k"),
    ("qu", "kw"),
    ("x", "ks"),
    ("ge", "je"),  # management ~ マネジメント
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("c", "k"),
    ("l", "r"),
    ("v", "b"),
)
_JA_STEPS = (("tsu", "tu"), ("chi", "ti"), ("sh", "s"), ("ch", "t"), ("j", "z"), ("dz", "z"))


def _consonants(text: str) -> str:
    text = re.sub(r"[aeiouyhrw]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def english_skeleton(word: str) -> str:
    word = word.lower()
    for old, new in _EN_STEPS:
        word = word.replace(old, new)
    return _consonants(word.replace("sh", "s").replace("j", "z"))


def katakana_skeleton(katakana: str) -> str:
    from .names import romanize

    roman = romanize(katakana)
    for old, new in _JA_STEPS:
        roman = roman.replace(old, new)
    return _consonants(roman)


def _english_skeletons(translation: str) -> set[str]:
    """Skeletons of each word and of each run of two or three words (working group)."""
    words = re.findall(r"[a-z]+", unicodedata.normalize("NFKC", translation).lower())
    skeletons = set()
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            run = "".join(words[i : i + size])
            skeletons.add(english_skeleton(run))
            for ending in ("s", "ed", "d", "ing"):  # contents ~ コンテンツ, based ~ ベース
                if run.endswith(ending) and len(run) > len(ending) + 2:
                    skeletons.add(english_skeleton(run[: -len(ending)]))
    return skeletons


def katakana_words(run: str) -> list[str]:
    """テキストベース → テキスト, ベース: English may say "based on text" (another order)."""
    from .names import short_words

    return [w for w in short_words(run) if _KATAKANA.fullmatch(w)] or [run]


# --- anchors ---------------------------------------------------------------------------------


def clauses(source: str) -> list[str]:
    text = unicodedata.normalize("NFKC", source)
    return [c for c in _CLAUSE_END.split(text) if c.strip()]


def anchors(clause: str) -> list[Anchor]:
    from .organisations import organisations_in

    found: list[Anchor] = []
    rest = clause
    for surface, _ in organisations_in(clause):
        found.append(Anchor(surface, "organisation"))
        rest = rest.replace(surface, " ")
    words = lexicon()
    for japanese in sorted(words, key=len, reverse=True):
        if japanese in rest:
            found.append(Anchor(japanese, "word"))
            rest = rest.replace(japanese, " ")
    for match in _KATAKANA.finditer(rest):
        for word in katakana_words(match.group(0)):
            if len(katakana_skeleton(word)) >= 2:
                found.append(Anchor(word, "katakana"))
    rest = _KATAKANA.sub(" ", rest)
    found += [Anchor(m.group(0), "latin") for m in _LATIN.finditer(rest)]
    found += [Anchor(m.group(0), "figure") for m in _DIGITS.finditer(rest)]
    return list(dict.fromkeys(found))  # ベース twice is one anchor


class _Target:
    """The translation, prepared once for all anchors of a segment."""

    def __init__(self, translation: str) -> None:
        self.text = unicodedata.normalize("NFKC", translation)
        self.lower = self.text.lower()
        self.words = re.findall(r"[a-z][a-z-]*", self.lower)
        self.skeletons = _english_skeletons(translation)
        self.digits = set(_DIGITS.findall(self.text))

    def has(self, anchor: Anchor) -> bool:
        if anchor.kind == "figure":
            return anchor.surface.lstrip("0") in {d.lstrip("0") for d in self.digits}
        if anchor.kind == "latin":
            return anchor.surface.lower() in self.lower
        if anchor.kind == "katakana":
            return katakana_skeleton(anchor.surface) in self.skeletons
        if anchor.kind == "organisation":
            from .organisations import check_organisations

            return not check_organisations(anchor.surface, self.text)
        starts = lexicon().get(anchor.surface, ())
        return any(
            (" " in s and s in self.lower) or any(w.startswith(s) for w in self.words)
            for s in starts
        )


def dropped_clauses(source: str, translation: str) -> list[str]:
    """Source clauses that lost their own anchors: none of them in the translation, or
    at least MIN_MISSING of them. Only a clause's own anchors count (データ in five
    clauses says nothing about any one of them)."""
    target = _Target(translation)
    parts = [(clause, anchors(clause)) for clause in clauses(source)]
    seen: dict[str, int] = {}
    for _, found in parts:
        for surface in {a.surface for a in found}:
            seen[surface] = seen.get(surface, 0) + 1
    lost, aligned = [], False
    for clause, found in parts:
        own = [a for a in found if seen[a.surface] == 1 and a.kind != "figure"]
        missing = [a for a in own if not target.has(a)]
        aligned = aligned or len(missing) < len(own)
        if (len(own) >= MIN_ANCHORS and len(missing) == len(own)) or len(missing) >= MIN_MISSING:
            lost.append(clause.strip())
    # Alignment needs a clause that aligns: a translation sharing no anchor with the source
    # at all is for the language and length checks, not one clause lost among others.
    return lost if aligned else []


def check_clauses(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    if source_lang != "ja" or target_lang != "en" or not translation.strip():
        return []
    return [
        Finding(
            "omission.clause",
            WARNING,
            clause[:60],
            "",
            f"原文の「{clause[:40]}」に当たる部分が訳文に見当たりません（節が訳されずに抜けている"
            "可能性があります）",
            f"Nothing in the translation corresponds to '{clause[:40]}' of the source; "
            "a clause may have been left out",
        )
        for clause in dropped_clauses(source, translation)
    ]


_ENGLISH_WORDS = frozenset(
    "the a an of and or to in on at by for from with as is are be was were shall may must "
    "will can this that these those it its not no please your you we our".split()
)


def reads_as_english(text: str) -> bool:
    """Some everyday English words: the text can be read for meaning (a scripted test
    engine's letter salad cannot)."""
    return any(w in _ENGLISH_WORDS for w in re.findall(r"[a-z]+", text.lower()))


# --- short titles and headings: the meaning, by their content words -------------------------

MAX_TITLE_CHARS = 40  # a heading or a one-line item: longer text has clauses to align


def title_words_missing(source: str, translation: str) -> tuple[list[str], int]:
    """(anchors of a one-clause source with no trace in the translation, anchors in all)."""
    parts = clauses(source)
    text = unicodedata.normalize("NFKC", source).strip()
    if len(parts) != 1 or len(text) > MAX_TITLE_CHARS:
        return [], 0
    found = [a for a in anchors(parts[0]) if a.kind != "figure"]
    target = _Target(translation)
    return [a.surface for a in found if not target.has(a)], len(found)


def check_title(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    """保有個人情報開示請求書 → "Please provide the following information:": the form is
    intact, the meaning is not. Not sure enough for an error: a warning (要確認)."""
    if source_lang != "ja" or target_lang != "en" or not translation.strip():
        return []
    missing, total = title_words_missing(source, translation)
    # Two or more main words and two thirds of them gone. (Half is too eager: 一般社団法人
    # … 殿 is rightly "To the President of the … Association", without 法人.)
    if total < 2 or len(missing) < 2 or 3 * len(missing) < 2 * total:
        return []
    if not reads_as_english(translation):
        return []  # not English at all: the language and length checks speak for it
    words = "、".join(missing[:4])
    return [
        Finding(
            "meaning.title",
            WARNING,
            source.strip()[:40],
            "",
            f"「{source.strip()[:30]}」の主な語（{words}）が訳文に見当たりません。"
            "意味が変わっている可能性があります（要確認）",
            f"The main words of '{source.strip()[:30]}' ({', '.join(missing[:4])}) are not in "
            "the translation; its meaning may have changed (please check)",
        )
    ]
