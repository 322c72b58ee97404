"""Which part of the source each summary sentence or bullet comes from.

Small base models do not copy reference tags reliably, so the source is found
by evidence instead: the block sharing the most character bigrams with the
summary line (weighted by rarity; numbers and Latin words count double), among the blocks the
summary was built from. A citation always names a real block location (and
its page for PDF input); a line with no evidence at all gets none.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ... import i18n
from ...documents import Block
from .numbers import normalize

_NOISE = re.compile(r"[\s、。，．,.・:：;；()（）「」『』【】\[\]［］\-－ー—–!！?？]")
_STRONG = re.compile(r"\d+|[A-Za-z]{2,}")
MIN_SCORE = 0.4  # below this (IDF-weighted) share of matched bigrams it is a guess, not a source


@dataclass(frozen=True)
class Citation:
    unit: int  # index of the summary sentence / bullet
    location: str  # Block.location in the source document
    page: int | None
    section: str
    score: float  # share of the line's bigrams found in that block

    @property
    def label(self) -> str:
        return describe_location(self.location, self.page)

    def to_dict(self) -> dict:
        return {
            "unit": self.unit,
            "location": self.location,
            "page": self.page,
            "section": self.section,
            "label": self.label,
            "score": round(self.score, 3),
        }


def describe_location(location: str, page: int | None) -> str:
    """A reader's name for a block: p.12, 第5段落, 表1, 脚注3…"""
    if page is not None:
        return f"p.{page}"
    parts = location.split("/")
    if parts[0] == "body" and len(parts) == 2 and parts[1].startswith("p"):
        return i18n.tr(f"第{parts[1][1:]}段落", f"para. {parts[1][1:]}")
    if parts[0].startswith("table"):
        return i18n.tr(f"表{parts[0][5:]}", f"table {parts[0][5:]}")
    if parts[0] in ("footnote", "endnote"):
        return i18n.tr(
            f"{'脚注' if parts[0] == 'footnote' else '文末脚注'}{parts[1]}",
            f"{parts[0]} {parts[1]}",
        )
    return location


def evidence_grams(text: str) -> set[str]:
    text = _NOISE.sub("", normalize(text))
    grams = {text[i : i + 2] for i in range(len(text) - 1)}
    grams.update(f"#{m}" for m in _STRONG.findall(text))
    return grams


class BlockIndex:
    def __init__(self, blocks: Sequence[Block], sections: dict[str, str] | None = None) -> None:
        self.blocks = [b for b in blocks if b.text.strip()]
        self.sections = sections or {}
        self.grams = [evidence_grams(b.text) for b in self.blocks]
        # Rare bigrams are evidence, common ones (のな, する) are not: weight by IDF.
        frequency: dict[str, int] = {}
        for grams in self.grams:
            for gram in grams:
                frequency[gram] = frequency.get(gram, 0) + 1
        total = len(self.grams) + 1
        self.idf = {g: math.log(total / n) for g, n in frequency.items()}
        self.unseen = math.log(total)

    def _weight(self, gram: str) -> float:
        weight = self.idf.get(gram, self.unseen)
        return weight * 2 if gram.startswith("#") else weight

    def cite(self, unit: int, text: str) -> Citation | None:
        wanted = evidence_grams(text)
        weight = {g: self._weight(g) for g in wanted}
        total = sum(weight.values())
        if not total:
            return None
        best, best_score = None, 0.0
        for block, grams in zip(self.blocks, self.grams, strict=True):
            score = sum(weight[g] for g in wanted & grams) / total
            if score > best_score:
                best, best_score = block, score
        if best is None or best_score < MIN_SCORE:
            return None
        section = self.sections.get(best.location, "")
        return Citation(unit, best.location, best.page, section, best_score)


def cite_units(units: Sequence[str], index: BlockIndex) -> list[Citation]:
    citations = []
    for n, unit in enumerate(units):
        citation = index.cite(n, unit)
        if citation is not None:
            citations.append(citation)
    return citations
