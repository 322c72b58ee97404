"""Different sources of one document must not share one translation.

A small model that does not know a word drops it, and sentences that differed only in
that word come out the same. In a real demo-model run of a data-quality survey,
「その他、理解性において問題となる事象」, 「その他、追跡可能性において問題となる事象」 and
「その他、効率性において問題となる事象」 all became "Other issues may arise that are not
correct.": each translation alone passes the per-segment checks, only the document shows
what was lost. This check runs once after every segment is translated.

Sources count as different when their content words differ: Sudachi nouns, verbs and
adjectives (dictionary forms) and katakana words, and whether they are negated
(提供している / 提供していない), ignoring particles, punctuation, English glosses in brackets,
numbering, brackets, spacing, word order and the kind words of bodies (課, 部, 局), so
that 「（1）申請書」 and 「申請書」 or 「総務課」 and 「総務部」 sharing one translation are fine.
A warning (要確認): the translation may be right for one source but not for all.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from ...sudachi import MAX_BYTES, byte_pieces, tokenizers_or_none
from .finding import WARNING, Finding

CHECK = "meaning.collapsed"
MAX_NAMED = 3  # other sources named in one message
MAX_SHOWN_CHARS = 30  # each named source is cut to this length
# Light verbs and auxiliaries carry no meaning of their own here.
_LIGHT = frozenset(
    "する ある いる なる できる れる られる せる させる ない おく いく くる みる".split()
)
_KATAKANA = re.compile(r"[\u30a1-\u30faー]{2,}")
_NON_WORD = re.compile(r"[\W_]+")
# An English gloss after a Japanese term (完全性（Completeness）) says nothing new.
_GLOSS = re.compile(r"(?<=[^\x00-\x7f])\s*[(（]\s*[A-Za-z][A-Za-z .,&'-]*[)）]")
NEGATION = "〈否定〉"  # stands for ない, ず, 未, 不, 非 (していない vs している)
_NEGATING_PREFIXES = frozenset("未 不 非 無".split())
_LABEL = re.compile(r"[A-Za-z]|[ivxIVX]+")  # 仕様C, (ii): labels, like numbering


@functools.cache
def _kind_words() -> frozenset[str]:
    from .bodywords import heads

    return frozenset(heads())


@functools.lru_cache(maxsize=4096)
def content_words(source: str) -> frozenset[str]:
    """The words that make `source` mean what it means, in dictionary form."""
    text = _GLOSS.sub("", unicodedata.normalize("NFKC", source))
    loaded = tokenizers_or_none("A")
    if loaded is None:  # no Sudachi: runs of kanji and katakana stand for the words
        words = set(re.findall(r"[\u4e00-\u9fff々]{2,}", text)) | set(_KATAKANA.findall(text))
        return frozenset(w.rstrip("ー") for w in words) - _kind_words()
    words = set()
    tok, mode = loaded
    for _, piece in byte_pieces(text, MAX_BYTES):
        for m in tok.tokenize(piece, mode):
            pos = m.part_of_speech()
            if _negates(m.dictionary_form(), pos):
                words.add(NEGATION)
                continue
            if pos[0] == "名詞" and pos[1] not in ("数詞", "代名詞"):
                pass
            elif pos[0] == "形状詞":  # 完全(性), 可用(性)
                pass
            elif pos[0] in ("動詞", "形容詞") and m.dictionary_form() not in _LIGHT:
                pass
            else:
                continue
            word = m.normalized_form().rstrip("ー")  # プライバシ = プライバシー
            if _NON_WORD.fullmatch(word) or word.isdigit() or _LABEL.fullmatch(word):
                continue
            words.add(word)
    return frozenset(words - _kind_words())


def _negates(lemma: str, pos) -> bool:
    if pos[0] == "助動詞":
        return lemma in ("ない", "ず", "ぬ", "ん")
    if pos[0] == "形容詞":
        return lemma in ("ない", "無い")
    return pos[0] == "接頭辞" and lemma in _NEGATING_PREFIXES


def _covered(word: str, words: frozenset[str]) -> bool:
    return any(word in other or other in word for other in words)


def differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Content words on one side with no counterpart on the other: a word counts as
    present when it contains, or is contained in, a word of the other side
    (活用 / 利活用, 人 / 法人), so near-synonymous compounds are not told apart."""
    return any(not _covered(w, b) for w in a) or any(not _covered(w, a) for w in b)


def _same_text_key(translation: str) -> str:
    """Translations that read the same: case, spacing and punctuation aside."""
    text = unicodedata.normalize("NFKC", translation).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def collapsed_groups(pairs: Sequence[tuple[str, str]]) -> list[list[int]]:
    """Indexes of (source, translation) pairs whose translations read the same while
    their sources' content words differ; one list per shared translation, in order.
    Pairs left untranslated (translation = source) or without content words are skipped."""
    by_translation: dict[str, list[int]] = {}
    for index, (source, translation) in enumerate(pairs):
        key = _same_text_key(translation)
        if not key or key == _same_text_key(source) or not re.search(r"[a-z]", key):
            continue  # kept source, untranslated, or nothing in Latin letters
        by_translation.setdefault(key, []).append(index)
    groups: list[list[int]] = []
    for indexes in by_translation.values():
        if len(indexes) < 2:
            continue
        signatures = {i: content_words(pairs[i][0]) for i in indexes if content_words(pairs[i][0])}
        if any(differ(signatures[i], signatures[j]) for i in signatures for j in signatures):
            groups.append(list(signatures))
    return groups


def collapsed_finding(source: str, others: Sequence[str]) -> Finding:
    shown = [o if len(o) <= MAX_SHOWN_CHARS else o[:MAX_SHOWN_CHARS] + "…" for o in others]
    more = len(shown) - MAX_NAMED
    named_ja = "」「".join(shown[:MAX_NAMED])
    named_en = "', '".join(shown[:MAX_NAMED])
    tail_ja = f" ほか {more} 件" if more > 0 else ""
    tail_en = f" and {more} more" if more > 0 else ""
    return Finding(
        CHECK,
        WARNING,
        source,
        "",
        f"異なる原文が同じ訳になっています: 「{named_ja}」{tail_ja}も同じ訳です。"
        "原文の違い（語句）が訳で失われている可能性があります（要確認）",
        f"Different sources have the same translation: '{named_en}'{tail_en} "
        "translate the same; what distinguishes them may be lost (please check)",
    )


def check_collapsed(pairs: Sequence[tuple[str, str]]) -> dict[int, Finding]:
    """A finding for every pair whose translation is shared by a different source."""
    found: dict[int, Finding] = {}
    for group in collapsed_groups(pairs):
        mine = {i: content_words(pairs[i][0]) for i in group}
        for i in group:
            others: list[str] = []
            for j in group:
                source = pairs[j][0].strip()
                if differ(mine[i], mine[j]) and source not in others:
                    others.append(source)
            if others:
                found[i] = collapsed_finding(pairs[i][0].strip(), others)
    return found
