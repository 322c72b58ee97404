"""Highlighted snippets: the window of a passage with the most distinct query words.

Runs on the decrypted text of the few hits shown, so the index stays sealed.
"""

from __future__ import annotations

from . import analysis as termlib
from .model import Snippet


def match_spans(
    text: str, groups, wanted: set[str]
) -> tuple[list[tuple[int, int, str]], list[str]]:
    """(start, end, query word) of each matching word in `text`, and the query words found."""
    spans: list[tuple[int, int, str]] = []
    owner = {norm: norm for norm, _ in groups}
    for norm, parts in groups:
        for p in parts:
            owner.setdefault(p, norm)
    seen: set[str] = set()
    for term in termlib.terms(text):
        if term.norm in wanted:
            spans.append((term.start, term.end, owner[term.norm]))
            seen.add(term.norm)
    found = [
        norm for norm, parts in groups if norm in seen or (parts and all(p in seen for p in parts))
    ]
    return spans, found


def make_snippet(
    text: str, groups, wanted: set[str], width: int = 160
) -> tuple[Snippet, list[str]]:
    spans, found = match_spans(text, groups, wanted)
    if len(text) <= width or not spans:
        start = 0
    else:
        best, start = -1, 0
        for s, _, _ in spans:
            lo = max(0, min(s - width // 4, len(text) - width))
            inside = {w for a, b, w in spans if a >= lo and b <= lo + width}
            if len(inside) > best:
                best, start = len(inside), lo
    end = min(len(text), start + width) if width else len(text)
    merged: list[tuple[int, int]] = []
    for a, b, _ in sorted(spans):
        if a < start or b > end:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    snippet = Snippet(
        prefix + text[start:end] + suffix, [(a + shift, b + shift) for a, b in merged], start
    )
    return snippet, found
