"""Check several blocks (paragraphs of a document) as one text, report per block.

Consistency rules (句読点, 表記ゆれ, です・ます) need the whole document, so the
blocks are joined with newlines, checked once, and each finding is moved back to
its block with offsets relative to that block's text. A single block without a
location (plain text) is checked as it is, line breaks included.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from .config import ProofreadConfig
from .engine import Checker, check_text
from .finding import Finding


def _place(starts, blocks, a: int, b: int):
    k = bisect_right(starts, a) - 1
    return (blocks[k].location, a - starts[k], b - starts[k])


class TextBlock(Protocol):
    location: str | None  # "" or None: plain text
    text: str


def check_blocks(
    blocks: Sequence[TextBlock],
    *,
    config: ProofreadConfig | None = None,
    extra: Sequence[Checker] = (),
) -> list[Finding]:
    if len(blocks) == 1 and not blocks[0].location:
        return check_text(blocks[0].text, config=config, extra=extra)
    starts, parts, pos = [], [], 0
    for block in blocks:
        text = block.text.replace("\n", " ")  # a soft line break stays inside its block
        starts.append(pos)
        parts.append(text)
        pos += len(text) + 1
    findings = check_text("\n".join(parts), config=config, extra=extra)
    out = []
    for f in findings:
        k = bisect_right(starts, f.start) - 1
        moved = f.shifted(-starts[k], blocks[k].location)
        moved.surface = blocks[k].text[moved.start : moved.end]  # with its real line breaks
        if f.places:
            moved.places = tuple(_place(starts, blocks, a, b) for _loc, a, b in f.places)
        out.append(moved)
    return out
