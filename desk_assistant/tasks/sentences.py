"""One sentence splitter for every task (translate, summarize, proofread).

A sentence ends at 。．！？ (and . ! ? followed by a space or the end, for Latin
text) when it is outside brackets and quotes: legal and official Japanese puts
whole sentences inside （…に限る。） and 「以上です。」, and cutting there sends the
model a unit such as "）。「以上です。" or makes proofreading judge 「…。」と述べた。
as two sentences. Closing brackets and quotes right after the stop stay with
its sentence. Only brackets that close count: a stray "（" or "例）" is read as
a plain character, so it cannot glue a whole page together nor cut one apart.
"""

from __future__ import annotations

import re

OPENERS = "（(「『【〔［[｛{〈《"
CLOSERS = "）)」』】〕］]｝}〉》"
# Each opener and the closers that end it (full- and half-width round brackets mix in practice).
_CLOSES = {
    "（": "）)",
    "(": ")）",
    "「": "」",
    "『": "』",
    "【": "】",
    "〔": "〕",
    "［": "］]",
    "[": "]］",
    "｛": "｝}",
    "{": "}｝",
    "〈": "〉",
    "《": "》",
}
_FULL_STOPS = frozenset("。．！？")
_LATIN_STOPS = frozenset(".!?")
_LIST_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)*|[A-Za-zⅰ-ⅿⅠ-Ⅿ]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; the whitespace between sentences
    belongs to none of them. Whitespace-only text has no sentences."""
    spans = _spans(text, _bracket_depths(text))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def split_sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def _bracket_depths(text: str) -> dict[int, int]:
    """+1 at each opener and -1 at each closer that pair up; unpaired ones are absent."""
    stack: list[tuple[int, str]] = []  # (index, the closers that end it)
    marks: dict[int, int] = {}
    for i, ch in enumerate(text):
        if ch in _CLOSES:
            stack.append((i, _CLOSES[ch]))
        elif ch in CLOSERS:
            for k in range(len(stack) - 1, -1, -1):
                if ch in stack[k][1]:
                    marks[stack[k][0]] = 1
                    marks[i] = -1
                    del stack[k:]  # openers left open inside it stay unpaired
                    break
    return marks


def _spans(text: str, marks: dict[int, int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start, depth, i, n = 0, 0, 0, len(text)
    while i < n:
        if i in marks:
            depth += marks[i]
        elif depth == 0 and _ends_here(text, i, start):
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


def _ends_here(text: str, i: int, start: int) -> bool:
    ch = text[i]
    if ch in _FULL_STOPS:
        return True
    if ch not in _LATIN_STOPS or not (i + 1 == len(text) or text[i + 1].isspace()):
        return False
    if ch == ".":
        if i and text[i - 1] == ".":
            return False  # a leader or an ellipsis: "目次 ....... 4", "and so on..."
        if _LIST_NUMBER.fullmatch(text[start:i].strip()):
            return False  # "2. Other than…", "1.1 背景" : a numbered item, not a sentence
    return True
