"""One sentence splitter for every task.

A sentence ends at 。．！？ (and . ! ? followed by a space or the end, for Latin
text) when it is outside brackets and quotes: legal and official Japanese puts
whole sentences inside （…に限る。） and 「以上です。」, and cutting there sends the
model a unit such as "）。「以上です。". Closing brackets and quotes right after
the stop stay with its sentence. Text whose brackets do not balance is split
as if it had none, so one stray "（" cannot glue a whole page together.
"""

from __future__ import annotations

OPENERS = "（(「『【〔［[｛{〈《"
CLOSERS = "）)」』】〕］]｝}〉》"
_FULL_STOPS = frozenset("。．！？")
_LATIN_STOPS = frozenset(".!?")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; the whitespace between sentences
    belongs to none of them. Whitespace-only text has no sentences."""
    spans = _spans(text, brackets=_balanced(text))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def split_sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _spans(text: str, brackets: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start, depth, i, n = 0, 0, 0, len(text)
    while i < n:
        ch = text[i]
        if brackets and ch in OPENERS:
            depth += 1
        elif brackets and ch in CLOSERS:
            depth -= 1
        elif depth == 0 and _ends_here(text, i):
            end = i + 1
            while end < n and (text[end] in _FULL_STOPS or text[end] in CLOSERS):
                end += 1  # 。」 and ！？ stay with the sentence
            spans.append((start, end))
            while end < n and text[end].isspace():
                end += 1
            start = i = end
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    return spans


def _ends_here(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _FULL_STOPS:
        return True
    if ch in _LATIN_STOPS:
        return i + 1 == len(text) or text[i + 1].isspace()
    return False
