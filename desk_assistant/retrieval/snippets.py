"""Highlighted snippets: the window of a passage with the most distinct query words.

Runs on the decrypted text of the few hits shown, so the index stays sealed.
Query words are looked for as written and in normalized form by plain string
search; with `thorough` a word not found that way (another spelling: 申込み for
申し込み, an inflection) sends the passage through Sudachi (slower: ask uses it).
"""

from __future__ import annotations

from . import analysis as termlib
from .kyujitai import shinjitai
from .model import Snippet


def _find_all(haystack: str, needle: str) -> list[int]:
    out, at = [], haystack.find(needle)
    while at >= 0 and needle:
        out.append(at)
        at = haystack.find(needle, at + len(needle))
    return out


def match_spans(
    text: str, words, thorough: bool = False
) -> tuple[list[tuple[int, int, str]], list[str]]:
    """(start, end, query word) of each match in `text`, and the query words found.
    `thorough`: also find other spellings and inflections (Sudachi; slower)."""
    folded = shinjitai(text).casefold()
    if len(folded) != len(text):  # a rare character changed length: offsets would drift
        folded = shinjitai(text)
    spans: list[tuple[int, int, str]] = []
    found: list[str] = []
    missing = []
    for word in words:
        whole = [(a, a + len(f)) for f in word.forms for a in _find_all(folded, f)]
        part_hits = [
            [(a, a + len(f)) for f in forms for a in _find_all(folded, f)]
            for forms in word.part_forms
        ]
        if whole:
            spans += [(a, b, word.norm) for a, b in whole]
            found.append(word.norm)
        elif word.parts and all(part_hits):
            spans += [(a, b, word.norm) for hits in part_hits for a, b in hits if b - a >= 2]
            found.append(word.norm)
        elif thorough and any(f[:1] in folded for f in word.forms):  # another spelling?
            missing.append(word)
    if missing:  # another spelling of the word: ask Sudachi
        wanted = {w.norm: w.norm for w in missing}
        for w in missing:
            for p in w.parts:
                wanted.setdefault(p, w.norm)
        seen: set[str] = set()
        for term in termlib.terms(text):
            if term.norm in wanted:
                spans.append((term.start, term.end, wanted[term.norm]))
                seen.add(term.norm)
        for w in missing:
            if w.norm in seen or (w.parts and all(p in seen for p in w.parts)):
                found.append(w.norm)
    order = {w.norm: i for i, w in enumerate(words)}
    found.sort(key=order.get)
    return spans, found


def make_snippet(
    text: str, words, width: int = 160, thorough: bool = False
) -> tuple[Snippet, list[str]]:
    spans, found = match_spans(text, words, thorough)
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
