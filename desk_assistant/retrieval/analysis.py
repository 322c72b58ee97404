"""Index terms from Sudachi: normalized forms in split mode C plus the mode-A parts of compounds.

A compound such as 個人情報保護委員会 is one C-mode morpheme; its A-mode parts
(個人 / 情報 / 保護 / 委員 / 会) are indexed too, so a search for 個人情報 or
保護委員会 finds it. Normalized forms fold 表記ゆれ (申込み = 申し込み,
附属 = 付属). Particles, auxiliaries, symbols and the light verbs する/ある/いる
carry no topic and are left out.

SudachiPy refuses inputs over 49,149 UTF-8 bytes: text goes in byte-bounded pieces.
"""

from __future__ import annotations

import threading
import unicodedata
from typing import NamedTuple

from ..sudachi import byte_pieces, split_mode, tokenizer
from .kyujitai import shinjitai

_CHUNK_BYTES = 16_000  # well below MAX_BYTES; smaller pieces also keep latency even

# Parts of speech that never make an index term.
_SKIP_POS1 = frozenset({"補助記号", "空白", "助詞", "助動詞", "代名詞", "感動詞", "接続詞"})
# Verbs that only carry grammar (する, ある, いる, なる, できる...): 非自立可能.
_SKIP_POS2 = frozenset({"非自立可能"})


class Term(NamedTuple):
    """One index term of a text: `norm` is what is indexed; start/end locate it in the text."""

    norm: str
    start: int
    end: int
    compound: bool = False  # a mode-C word that has mode-A parts (the parts follow it)
    part: bool = False  # a mode-A part of the preceding compound


_local = threading.local()
_FIELDS = frozenset(
    {"pos", "normalized_form", "split_a"}
)  # only what indexing reads: faster loading


def _tokenizer():
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        tok = tokenizer("C", _FIELDS)
        _local.mode_a = split_mode("A")
        _local.tokenizer = tok
        _local.keep = {}  # part-of-speech id -> indexable?
        _local.folded = {}  # normalized form -> term (or "" when it is a stop word)
    return tok


def fold(text: str) -> str:
    """The comparison form of a term: NFKC, new-form kanji, lower case (ＡＢＣ = abc, 勞 = 労)."""
    return shinjitai(unicodedata.normalize("NFKC", text)).casefold().strip()


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) under the byte limit, cut after 。 or a line end, else after 、."""
    return byte_pieces(text, _CHUNK_BYTES, ("。\n", "、"))


# Words that only frame a question or a sentence (について → つく, どう, という → いう).
_STOP_NORMS = frozenset(
    {"つく", "どう", "いう", "おる", "よう", "ため", "もの", "こと", "ところ", "とき"}
)


def _keep(pos: tuple[str, ...]) -> bool:
    return pos[0] not in _SKIP_POS1 and not (pos[0] == "動詞" and pos[1] in _SKIP_POS2)


def _term_of(m, keep: dict, folded: dict) -> str:
    """The index term of a morpheme, or "" when it makes none (cached by POS id and form)."""
    pid = m.part_of_speech_id()
    ok = keep.get(pid)
    if ok is None:
        ok = keep[pid] = _keep(tuple(m.part_of_speech()))
    if not ok:
        return ""
    raw = m.normalized_form()
    norm = folded.get(raw)
    if norm is None:
        norm = fold(raw)
        if norm in _STOP_NORMS:
            norm = ""
        if len(folded) < 200_000:
            folded[raw] = norm
    return norm


def terms(text: str) -> list[Term]:
    """Index terms of `text` in order: each mode-C word, followed by its mode-A parts if any."""
    tok = _tokenizer()
    mode_a, keep, folded = _local.mode_a, _local.keep, _local.folded
    out: list[Term] = []
    for base, piece in _pieces(text):
        if not piece.strip():
            continue
        for m in tok.tokenize(shinjitai(piece)):  # one char for one: offsets hold
            norm = _term_of(m, keep, folded)
            if not norm:
                continue
            start, end = base + m.begin(), base + m.end()
            parts = m.split(mode_a) if end - start > 2 else ()
            if len(parts) > 1:
                out.append(Term(norm, start, end, True, False))
                for p in parts:
                    pnorm = _term_of(p, keep, folded)
                    if pnorm and pnorm != norm:
                        out.append(Term(pnorm, base + p.begin(), base + p.end(), False, True))
            else:
                out.append(Term(norm, start, end, False, False))
    return out


def term_strings(text: str) -> list[str]:
    """The index terms of `text` without offsets (the indexing fast path)."""
    tok = _tokenizer()
    mode_a, keep, folded = _local.mode_a, _local.keep, _local.folded
    out: list[str] = []
    for _base, piece in _pieces(text):
        if not piece.strip():
            continue
        for m in tok.tokenize(shinjitai(piece)):
            norm = _term_of(m, keep, folded)
            if not norm:
                continue
            out.append(norm)
            if m.end() - m.begin() > 2:
                parts = m.split(mode_a)
                if len(parts) > 1:
                    for p in parts:
                        pnorm = _term_of(p, keep, folded)
                        if pnorm and pnorm != norm:
                            out.append(pnorm)
    return out


# Words that frame a question rather than name its topic (どう答弁したか, 何と述べたか).
QUESTION_WORDS = frozenset(
    "何 なに いつ 誰 だれ どこ どの どれ なぜ どういう どのような いかが 答弁 質問 回答 答える 述べる 言う "
    "説明 教える 尋ねる 聞く 考え 見解 認識 理由 内容".split()
)


class QueryWord(NamedTuple):
    """A query word: its term, its mode-A parts, and the spellings to look for in a text."""

    norm: str
    parts: tuple[str, ...]
    forms: tuple[str, ...]  # the word as typed and its normalized form (folded)
    part_forms: tuple[tuple[str, ...], ...]  # the same for each part


def query_words(text: str) -> list[QueryWord]:
    """The query's words, duplicates removed; question words (何, いつ, 答弁, 述べる …)
    are left out when other words remain."""
    words: list[list] = []
    for term in terms(text):
        surface = fold(text[term.start : term.end])
        if term.part and words:
            words[-1][1].append((term.norm, surface))
            continue
        words.append([term, []])
    out: list[QueryWord] = []
    seen: set[str] = set()
    for term, parts in words:
        if term.norm in seen:
            continue
        seen.add(term.norm)
        part_norms = tuple(dict.fromkeys(n for n, _ in parts))
        part_forms = tuple(
            tuple(dict.fromkeys(f for n2, s in parts if n2 == n for f in (n2, s)))
            for n in part_norms
        )
        surface = fold(text[term.start : term.end])
        out.append(
            QueryWord(term.norm, part_norms, tuple(dict.fromkeys((surface, term.norm))), part_forms)
        )
    topical = [w for w in out if w.norm not in QUESTION_WORDS]
    return topical or out


def query_groups(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The query's words as (mode-C term, its mode-A parts or ()).

    A query word matches a passage holding the word itself or all its parts.
    """
    return [(w.norm, w.parts) for w in query_words(text)]


def proper_nouns(text: str) -> list[tuple[str, int, int]]:
    """(surface, start, end) of the proper nouns (固有名詞: people, places, organisations)."""
    tok = _tokenizer()
    out: list[tuple[str, int, int]] = []
    for base, piece in _pieces(text):
        if not piece.strip():
            continue
        for m in tok.tokenize(shinjitai(piece)):
            pos = m.part_of_speech()
            if pos[0] == "名詞" and pos[1] == "固有名詞":
                start, end = base + m.begin(), base + m.end()
                out.append((text[start:end], start, end))
    return out
