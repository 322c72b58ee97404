"""Split text into paragraphs and sentences, keeping offsets into the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at a full stop (、。 or ，． style), ！ or ？, or at a line end; closing
# quotes right after the stop stay with it (…した。」).
_SENTENCE = re.compile(r"[^。．！？!?\n]*(?:[。．！？!?]+[」』]*|$)")
_ENDS = frozenset("。．！？!?")
_TRAILING = frozenset("。．！？!?」』")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the line it sits on


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        spans = _spans_with_parens(line) if ("（" in line or "(" in line) else _spans(line)
        for start, end in spans:
            piece = line[start:end]
            if piece.strip():
                sentences.append(Sentence(offset + start, offset + end, piece, paragraph))
        offset += len(line) + 1
    return sentences


def _spans(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(line) if m.end() > m.start()]


def _spans_with_parens(line: str) -> list[tuple[int, int]]:
    """A full stop inside round brackets (…に限る。） / 以下同じ。）) does not end the
    sentence: legal text puts notes there in the middle of a sentence."""
    spans, start, depth, i, n = [], 0, 0, 0, len(line)
    while i < n:
        ch = line[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        elif ch in _ENDS and depth == 0:
            j = i + 1
            while j < n and line[j] in _TRAILING:
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    return spans
