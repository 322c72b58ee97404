"""SudachiPy tokens with offsets into the checked text.

The Sudachi tokenizer refuses inputs over 49,149 UTF-8 bytes, so text goes in
sentence by sentence, and an overlong sentence goes in byte-bounded pieces.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from ...sudachi import MAX_BYTES, byte_pieces, tokenizer

__all__ = ["MAX_BYTES", "Token", "tokenize"]  # MAX_BYTES: the tests read it here

_CHUNK_BYTES = 48_000  # margin below MAX_BYTES


@dataclass(slots=True)
class Token:
    surface: str
    start: int  # offset into the checked text
    end: int
    pos: tuple[str, ...]  # 6 fields: pos1..pos4, conjugation type, conjugation form
    lemma: str  # dictionary form as written
    norm: str  # Sudachi normalized form (the 表記ゆれ key)
    reading: str  # katakana

    @property
    def pos1(self) -> str:
        return self.pos[0]

    @property
    def conj_form(self) -> str:
        return self.pos[5]

    def is_symbol(self) -> bool:
        return self.pos[0] in ("補助記号", "空白")


_local = threading.local()


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) under the tokenizer's byte limit, cut after a comma if possible."""
    return byte_pieces(text, _CHUNK_BYTES, ("、",))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; offsets are shifted by `offset`."""
    tok = tokenizer("C")
    pos_cache = _local.__dict__.setdefault("pos_cache", {})
    out: list[Token] = []
    for base, piece in _pieces(text):
        if not piece:
            continue
        shift = offset + base
        for m in tok.tokenize(piece):
            pid = m.part_of_speech_id()
            pos = pos_cache.get(pid)
            if pos is None:
                pos = pos_cache[pid] = tuple(m.part_of_speech())
            out.append(
                Token(
                    m.surface(),
                    shift + m.begin(),
                    shift + m.end(),
                    pos,
                    m.dictionary_form(),
                    m.normalized_form(),
                    m.reading_form(),
                )
            )
    return out


@lru_cache(maxsize=4096)
def conjugation_type(lemma: str) -> str:
    """Conjugation type of a verb given in its dictionary form ('' when unknown)."""
    tokens = tokenize(lemma)
    if len(tokens) == 1 and tokens[0].pos1 == "動詞":
        return tokens[0].pos[4]
    return ""


_KATA_TO_HIRA = {c: c - 0x60 for c in range(ord("ァ"), ord("ヶ") + 1)}


def hiragana(text: str) -> str:
    return text.translate(_KATA_TO_HIRA)
