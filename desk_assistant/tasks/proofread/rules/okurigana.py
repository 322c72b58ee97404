"""送り仮名 in 公用文: compound nouns drop okurigana (申込み, 取消し, 手続), and the
「許容」 spellings of verbs and adjectives (行なう, 表わす) are not used."""

from __future__ import annotations

import re
from functools import lru_cache

from ..finding import ERROR, KUNREI, WARNING
from ..registry import rule
from ..tokens import tokenize
from ..wordlists import load_table

_NOUNISH = ("名詞", "接尾辞")


@lru_cache(maxsize=1)
def _noun_tables():
    """(normalized form -> set of correct spellings, explicit wrong -> correct, regex)."""
    by_norm: dict[str, set[str]] = {}
    explicit: dict[str, str] = {}
    for correct, wrong in load_table("okurigana_nouns.tsv", 2):
        if wrong:
            explicit[wrong] = correct
            continue
        toks = tokenize(correct)
        if len(toks) == 1 and toks[0].pos1 == "名詞":
            by_norm.setdefault(toks[0].norm, set()).add(correct)
    pattern = re.compile("|".join(map(re.escape, sorted(explicit, key=len, reverse=True))))
    return by_norm, explicit, pattern


@lru_cache(maxsize=1)
def _kunrei_words() -> frozenset[str]:
    """The 186 words of 訓令 2(1) (resources/rules/okurigana_kunrei.txt, from pdf02)."""
    return frozenset(row[0] for row in load_table("okurigana_kunrei.txt", 1))


# Words that share a normalized form with a listed noun but are terms of their own.
_DISTINCT_WORDS = frozenset({"取極"})  # 取極 (とりきめ): an international arrangement


def _msg(r, start, end, surface, correct):
    if correct in _kunrei_words():
        return r.finding(
            start,
            end,
            surface,
            f"公用文では複合語の名詞「{surface}」は「{correct}」と書きます（訓令 2(1) の186語）。",
            f"In official documents the compound noun '{surface}' is written '{correct}'.",
            correct,
        )
    return r.finding(
        start,
        end,
        surface,
        f"法令・公用文では複合語の名詞「{surface}」を「{correct}」と書く慣用があります（解説・広報等では省かずに書いてもよい）。",
        f"Laws and official documents usually write the compound noun '{surface}' as '{correct}'.",
        correct,
        severity=WARNING,
        clause="horei-okurigana",
    )


@rule(
    "okurigana-compound-noun",
    ERROR,
    KUNREI,
    "複合語の名詞の送り仮名",
    "Okurigana of compound nouns",
    clause="kunrei-2-1",
)
def compound_noun(doc, r):
    by_norm, explicit, pattern = _noun_tables()
    for sentence, tokens in doc.sentence_tokens():
        seen: set[int] = set()
        for k, tok in enumerate(tokens):
            if tok.pos1 != "名詞":
                continue
            corrects = by_norm.get(tok.norm)
            if tok.surface in _DISTINCT_WORDS:
                continue
            if not corrects or len(corrects) != 1 or tok.surface in corrects:
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and nxt.pos1 in _NOUNISH:
                continue  # part of a longer compound (取扱説明書): judged as a whole
            if k and tokens[k - 1].surface == "を":
                continue  # 処分を取り消し又は…: a verb in its 連用形, keeps its okurigana
            seen.add(tok.start)
            yield _msg(r, tok.start, tok.end, tok.surface, next(iter(corrects)))
        if not explicit:
            continue
        starts = {t.start: k for k, t in enumerate(tokens)}
        ends = {t.end: k for k, t in enumerate(tokens)}
        for m in pattern.finditer(sentence.text):
            a, b = m.start() + sentence.start, m.end() + sentence.start
            if a in seen or a not in starts or b not in ends:
                continue
            if tokens[ends[b]].pos1 not in _NOUNISH and tokens[starts[a]].pos1 != "名詞":
                continue  # a verb (申し込み、) keeps its okurigana
            yield _msg(r, a, b, m.group(), explicit[m.group()])


@lru_cache(maxsize=1)
def _verb_table() -> dict[str, tuple[str, str]]:
    """wrong lemma -> (wrong stem, right stem), from the longest common ending."""
    out = {}
    for wrong, right, _note in load_table("okurigana_verbs.tsv", 3):
        k = 0
        while k < min(len(wrong), len(right)) and wrong[-1 - k] == right[-1 - k]:
            k += 1
        out[wrong] = (wrong[: len(wrong) - k], right[: len(right) - k])
    return out


@rule(
    "okurigana-unaccepted",
    ERROR,
    KUNREI,
    "公用文で使わない送り仮名",
    "Okurigana not used in official documents",
    clause="kunrei-2-1",
)
def unaccepted(doc, r):
    table = _verb_table()
    for _sentence, tokens in doc.sentence_tokens():
        for tok in tokens:
            stems = table.get(tok.lemma)
            if stems is None or not tok.surface.startswith(stems[0]):
                continue
            fixed = stems[1] + tok.surface[len(stems[0]) :]
            yield r.finding(
                tok.start,
                tok.end,
                tok.surface,
                f"「{tok.surface}」は公用文では「{fixed}」と書きます（送り仮名の付け方の本則）。",
                f"Official documents write '{fixed}', not '{tok.surface}'.",
                fixed,
            )
