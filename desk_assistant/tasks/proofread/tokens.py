"""SudachiPy tokens with offsets into the checked text.

The Sudachi tokenizer refuses inputs over 49,149 UTF-8 bytes, so text goes in
sentence by sentence, and an overlong sentence goes in byte-bounded pieces.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from ...errors import DeskError

MAX_BYTES = 49_149
_CHUNK_BYTES = 48_000  # margin below the limit


class TokenizerUnavailableError(DeskError):
    ja = "形態素解析器 SudachiPy（sudachidict-core）を読み込めません。インストールを確認してください。"
    en = "Cannot load the SudachiPy morphological analyser (sudachidict-core). Check the installation."


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


def _tokenizer():
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        try:
            from sudachipy import Dictionary, SplitMode

            dictionary = Dictionary(dict="core")
            # sudachipy >= 0.6.9 names it tokenizer(); older releases only have create()
            make = getattr(dictionary, "tokenizer", None) or dictionary.create
            tok = make(SplitMode.C)
        except Exception as err:  # missing package or dictionary
            raise TokenizerUnavailableError(detail=str(err)) from err
        _local.tokenizer = tok
    return tok


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) with every piece under the tokenizer's byte limit."""
    if len(text) * 4 <= _CHUNK_BYTES or len(text.encode("utf-8")) <= _CHUNK_BYTES:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = size = 0
    for i, ch in enumerate(text):
        width = len(ch.encode("utf-8"))
        if size + width > _CHUNK_BYTES:
            cut = text.rfind("、", start, i)  # prefer cutting after a comma
            cut = cut + 1 if cut > start else i
            pieces.append((start, text[start:cut]))
            start, size = cut, len(text[cut:i].encode("utf-8"))
        size += width
    pieces.append((start, text[start:]))
    return pieces


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; offsets are shifted by `offset`."""
    tok = _tokenizer()
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
