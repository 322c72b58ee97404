"""Check several blocks (docx paragraphs) as one document, report per block.

Consistency rules (句読点, 表記ゆれ, です・ます) need the whole document, so the
blocks are joined with newlines, checked once, and each finding is moved back to
its block with offsets relative to that block's text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .config import ProofreadConfig
from .engine import check_text
from .finding import Finding
from .inputs import Block


def check_blocks(
    blocks: Sequence[Block], *, config: ProofreadConfig | None = None
) -> list[Finding]:
    if len(blocks) == 1 and blocks[0].location is None:
        return check_text(blocks[0].text, config=config)
    starts, parts, pos = [], [], 0
    for block in blocks:
        text = block.text.replace("\n", " ")  # a soft line break stays inside its block
        starts.append(pos)
        parts.append(text)
        pos += len(text) + 1
    findings = check_text("\n".join(parts), config=config)
    out = []
    for f in findings:
        k = bisect_right(starts, f.start) - 1
        out.append(f.shifted(-starts[k], blocks[k].location))
    return out
