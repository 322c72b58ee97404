"""Cutting long text into passages of a searchable, citable size (at sentence ends)."""

from __future__ import annotations

import re

# A sentence ends after 。！？ (and a closing bracket right after) or at a line break.
# Not the tasks' splitter (tasks/sentences.py, brackets and quotes respected) on purpose:
# retrieval sits below tasks in the layers, and a passage only needs a cut that never
# splits a word; a cut inside 「…。…」 costs nothing here, while changing the cut would
# re-cut every stored passage and move the library evaluation (bench/library_eval.py).
_SENTENCE_END = re.compile(r"(?<=[。！？!?])[」』）)]*|\n+")


def sentences(text: str) -> list[str]:
    out, last = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        piece = text[last:end].strip()
        if piece:
            out.append(piece)
        last = end
    tail = text[last:].strip()
    if tail:
        out.append(tail)
    return out


def split_text(text: str, max_chars: int = 500, min_chars: int = 120) -> list[tuple[int, str]]:
    """(character offset, piece) pieces of at most ~max_chars, cut between sentences.

    A sentence longer than max_chars is cut hard. A short tail joins the previous piece.
    """
    if len(text) <= max_chars:
        return [(0, text)] if text.strip() else []
    pieces: list[tuple[int, str]] = []
    pos = 0
    start = None
    buf = ""
    for sentence in sentences(text):
        at = text.find(sentence, pos)
        pos = at + len(sentence)
        while len(sentence) > max_chars:  # a run-on sentence: cut hard
            if buf:
                pieces.append((start, buf))
                buf, start = "", None
            pieces.append((at, sentence[:max_chars]))
            at += max_chars
            sentence = sentence[max_chars:]
        if buf and len(buf) + len(sentence) > max_chars:
            pieces.append((start, buf))
            buf, start = "", None
        if start is None:
            start = at
            buf = sentence
        else:
            buf = text[start : at + len(sentence)]
    if buf:
        if pieces and len(buf) < min_chars and len(pieces[-1][1]) + len(buf) <= max_chars * 1.3:
            s0, prev = pieces.pop()
            buf = text[s0 : start + len(buf)]
            start = s0
        pieces.append((start, buf))
    return pieces
