"""Find where a phrase the model quoted sits in the text it was given.

Models misquote: full-width/half-width forms, dropped spaces or a changed
character or two. The search goes exact, then on NFKC-normalised text without
spaces, then fuzzy (difflib) over windows of about the quote's length. A quote
that matches nothing closely enough is not anchored, and the caller drops it.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

MIN_QUOTE = 2  # characters; shorter quotes anchor anywhere and mean nothing
MIN_FUZZY = 4  # below this only exact (normalised) matches count
FUZZY_RATIO = 0.8


def _normalise(text: str) -> tuple[str, list[int]]:
    """NFKC text without whitespace, with the original offset of each character."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                origin.append(i)
    return "".join(chars), origin


def anchor_quote(quote: str, text: str) -> tuple[int, int] | None:
    """(start, end) of `quote` in `text`, or None when it cannot be placed."""
    quote = quote.strip()
    if len(quote) < MIN_QUOTE:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    norm_text, origin = _normalise(text)
    norm_quote, _ = _normalise(quote)
    if len(norm_quote) < MIN_QUOTE or not norm_text:
        return None
    at = norm_text.find(norm_quote)
    if at >= 0:
        return origin[at], origin[at + len(norm_quote) - 1] + 1
    if len(norm_quote) < MIN_FUZZY:
        return None
    best = _best_window(norm_quote, norm_text)
    if best is None:
        return None
    start, end = best
    return origin[start], origin[end - 1] + 1


def _best_window(quote: str, text: str) -> tuple[int, int] | None:
    n = len(quote)
    slack = max(1, n // 5)
    best_ratio, best = 0.0, None
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for length in range(max(MIN_FUZZY, n - slack), n + slack + 1):
        for start in range(0, max(len(text) - length, 0) + 1):
            matcher.set_seq1(text[start : start + length])
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best_ratio, best = ratio, (start, min(start + length, len(text)))
    return best if best_ratio >= FUZZY_RATIO else None
