"""Phrase lists (regular expressions as data): 重ね言葉, 二重敬語, 二重否定, 外来語."""

from __future__ import annotations

import re
from functools import lru_cache

from ..finding import GENERAL, INFO, KANGAEKATA, WARNING
from ..registry import rule
from ..wordlists import load_table


@lru_cache(maxsize=8)
def _patterns(name: str):
    return [(re.compile(p), s or None) for p, s, _note in load_table(name, 3)]


def _scan(doc, r, name, ja, en):
    # The patterns never cross 。 or a line end, so scanning the whole text at once is safe.
    for pattern, suggestion in _patterns(name):
        for m in pattern.finditer(doc.text):
            if "\n" in m.group() or "。" in m.group():
                continue
            yield r.finding(
                m.start(),
                m.end(),
                m.group(),
                ja.format(s=m.group()),
                en.format(s=m.group()),
                suggestion,
            )


@rule(
    "redundant-expression",
    WARNING,
    KANGAEKATA,
    "重ね言葉",
    "Redundant expression",
    clause="kangaekata-2-5-u",
)
def redundant(doc, r):
    yield from _scan(
        doc,
        r,
        "redundant_phrases.tsv",
        "「{s}」は同じ意味の語が重なっています（重ね言葉）。",
        "'{s}' repeats the same meaning twice.",
    )


@rule(
    "double-keigo",
    WARNING,
    KANGAEKATA,
    "二重敬語",
    "Double honorific",
    clause="kangaekata-2-6-u",
)
def double_keigo(doc, r):
    yield from _scan(
        doc,
        r,
        "double_keigo.tsv",
        "「{s}」は二重敬語です。",
        "'{s}' stacks two honorifics of the same kind.",
    )


@rule(
    "double-negative",
    INFO,
    GENERAL,
    "二重否定",
    "Double negative",
    clause="general-style",
)
def double_negative(doc, r):
    yield from _scan(
        doc,
        r,
        "double_negative.tsv",
        "「{s}」は二重否定です。肯定か否定かをはっきり書くと伝わりやすくなります。",
        "'{s}' is a double negative; state it positively or negatively.",
    )


@lru_cache(maxsize=1)
def _gairaigo():
    table = dict(load_table("gairaigo.tsv", 2))
    return table, re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))


@rule(
    "gairaigo",
    INFO,
    KANGAEKATA,
    "分かりにくい外来語",
    "Hard-to-understand loanwords",
    clause="kangaekata-2-3-i",
)
def gairaigo(doc, r):
    table, pattern = _gairaigo()
    for sentence, tokens in doc.sentence_tokens():
        starts = {t.start for t in tokens}
        ends = {t.end for t in tokens}
        for m in pattern.finditer(sentence.text):
            a, b = sentence.start + m.start(), sentence.start + m.end()
            if (
                a not in starts
                or b not in ends
                or _katakana_at(doc.text, a - 1)
                or _katakana_at(doc.text, b)
            ):
                continue  # part of a longer katakana word or compound (コンプライアンスチェック)
            word, plain = m.group(), table[m.group()]
            yield r.finding(
                a,
                b,
                word,
                f"外来語「{word}」は「{plain}」などと言い換えると伝わりやすくなります。",
                f"The loanword '{word}' may be clearer as '{plain}'.",
                plain,
            )


def _katakana_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and ("\u30a1" <= text[i] <= "\u30fa" or text[i] == "ー")
