"""A Japanese → English word list (EDICT/JMdict subset) for the checks that read meaning.

resources/lexicon/ja_en_jmdict.tsv (built by tools/make_ja_en_lexicon.py; CC BY-SA data,
see the NOTICE beside it) gives each common headword the content words of its first
English glosses. A Japanese word whose glosses share no stem with any word of the
translation has no visible counterpart there. The file is read once per process, on
first use (about 100,000 lines), never at import.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata

from ...paths import resources_dir

LEXICON_FILE = ("lexicon", "ja_en_jmdict.tsv")
NOTICE_FILE = ("lexicon", "NOTICE")
MIN_PREFIX = 5  # decid ~ decidable: shorter stems must be equal


@functools.cache
def _stemmer():
    import snowballstemmer  # Porter 2 (Snowball): relation ~ related, possible ~ possibility

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """relation, related → relat; compensation, compensate → compens."""
    return _stemmer().stemWord(word.lower())


def stems_match(a: str, b: str) -> bool:
    """Equal stems, or long ones that differ only at the end (provis ~ provid)."""
    if a == b:
        return True
    short = min(len(a), len(b))
    if short < MIN_PREFIX:
        return False
    common = len(os.path.commonprefix((a, b)))
    return common >= max(MIN_PREFIX, short - 1)


@functools.cache
def entries() -> dict[str, str]:
    """Headword (and common kana reading) → its raw glosses ("flaw|defect|fault")."""
    try:
        text = resources_dir().joinpath(*LEXICON_FILE).read_text(encoding="utf-8")
    except OSError:  # a broken install: the checks fall back to their own word list
        return {}
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        head, reading, raw = line.split("\t", 2)
        table.setdefault(head, raw)
        if reading:
            table.setdefault(reading, raw)
    return table


@functools.lru_cache(maxsize=8192)
def glosses(word: str) -> tuple[tuple[str, ...], ...]:
    """Each English gloss of a Japanese word as a tuple of content-word stems; () if unknown.
    Parsed on demand: loading stays a plain split of 100,000 lines."""
    word = unicodedata.normalize("NFKC", word)
    raw = entries().get(word, "")
    found = tuple(tuple(stem(w) for w in g.split()) for g in raw.split("|") if g)
    # A noun of action in -ation is said by its verb too: 課税 "taxation" → "taxing" (Porter
    # leaves taxat, not tax), 制限 "limitation" → "limit": the gloss again with the verb's stem.
    found += tuple(
        tuple(stem(w[:-5]) if _ACTION.fullmatch(w) else stem(w) for w in g.split())
        for g in raw.split("|")
        if any(_ACTION.fullmatch(w) for w in g.split())
    )
    if len(word) > 2 and word.endswith("的"):
        found += glosses(word[:-1])  # 専門的 is 専門 "speciality" as an adjective: "specialist"
    return tuple(dict.fromkeys(found))


_ACTION = re.compile(r"[a-z]{3,}ation")


@functools.cache
def _split_compounds() -> dict[str, tuple[str, str]]:
    """Two adjacent gloss words, written together (rain water → rainwater)."""
    found: dict[str, tuple[str, str]] = {}
    for raw in entries().values():
        for gloss in raw.split("|"):
            words = gloss.split()
            for head, tail in zip(words, words[1:], strict=False):
                if len(head) >= 3 and len(tail) >= 3 and head.isalpha() and tail.isalpha():
                    found.setdefault(head + tail, (head, tail))
    return found


def closed_compound(word: str) -> tuple[str, ...]:
    """The two words of an English closed compound whose gloss writes them apart (雨水
    "rain water" → rainwater: rain, water); () otherwise."""
    return _split_compounds().get(word, ())


class EnglishText:
    """An English translation's word stems, prepared once for many look-ups."""

    def __init__(self, text: str) -> None:
        words = re.findall(r"[a-z]+", unicodedata.normalize("NFKC", text).lower())
        self.stems = {stem(w) for w in words if len(w) > 1}
        for w in words:  # rainwater ~ "rain water" (雨水's gloss)
            self.stems.update(stem(part) for part in closed_compound(w))
        self._by_start: dict[str, list[str]] = {}
        for s in self.stems:
            self._by_start.setdefault(s[:3], []).append(s)

    def has_stem(self, word_stem: str) -> bool:
        if word_stem in self.stems:
            return True
        return any(stems_match(word_stem, s) for s in self._by_start.get(word_stem[:3], ()))

    def shows(self, meaning: tuple[tuple[str, ...], ...]) -> bool:
        """Some gloss has a content word in the text (table of contents ~ "Contents")."""
        return any(self.has_stem(s) for gloss in meaning for s in gloss)
