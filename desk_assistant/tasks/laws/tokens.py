"""Search tokens for law text and queries: SudachiPy normalized forms, split mode C
plus the mode-A parts of compounds (so 行政手続 matches 行政 and 手続), without
particles, auxiliaries and symbols. Sudachi takes at most 49,149 bytes per call."""

from __future__ import annotations

import threading

_SKIP_POS = ("助詞", "助動詞", "補助記号", "空白", "記号")
_CHUNK_CHARS = 12_000  # ≤ 48,000 UTF-8 bytes
_local = threading.local()


def _tokenizers():
    pair = getattr(_local, "pair", None)
    if pair is None:
        from sudachipy import Dictionary, SplitMode

        dictionary = Dictionary(dict="core")
        make = getattr(dictionary, "tokenizer", None) or dictionary.create
        pair = (make(SplitMode.C), SplitMode.A)
        _local.pair = pair
    return pair


def tokenize(text: str) -> list[str]:
    tokenizer, mode_a = _tokenizers()
    out: list[str] = []
    for piece in _pieces(text):
        for morpheme in tokenizer.tokenize(piece):
            if morpheme.part_of_speech()[0] in _SKIP_POS:
                continue
            norm = morpheme.normalized_form()
            out.append(norm)
            parts = morpheme.split(mode_a)
            if len(parts) > 1:
                out.extend(p.normalized_form() for p in parts)
    return out


def _pieces(text: str):
    """Lines, and long lines cut to stay under Sudachi's byte limit."""
    for line in text.splitlines():
        for k in range(0, len(line), _CHUNK_CHARS):
            chunk = line[k : k + _CHUNK_CHARS].strip()
            if chunk:
                yield chunk
