"""Split a document into chunks that follow its own structure and fit a token budget.

Sections start at Word headings (style or outline level 1–3) and at heading-like
paragraphs (第1章, 第２, １．, (1), 【…】, Ⅰ …), which is how PDF headings, having
no styles, are recognised. A chunk holds whole sections where it can, else whole paragraphs,
else sentences of an over-long paragraph, and only as a last resort a hard
cut. Sizes come from the engine's own `count_tokens`; every chunk's final text
is counted again, so no chunk can exceed the budget.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ...documents import Block
from ..sentences import split_sentences as shared_split

# Repeated page furniture adds nothing to a summary.
SKIPPED_KINDS = ("header", "footer")

_HEADING = re.compile(
    r"^\s*(?:"
    r"第[0-9０-９一二三四五六七八九十百]+[部章節款編]?(?:\s|　|$)"  # 第1章 / 第２ / 第三部
    r"|[0-9０-９]{1,2}(?:[\.．][0-9０-９]{1,2})*[\.．、]?\s*\S"  # 1． / 2.3 / １
    r"|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]"  # (1) （一）
    r"|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]"
    r"|【[^】]{1,40}】\s*$"
    r"|[一二三四五六七八九十]{1,3}[\s　、．]"
    r")"
)


def is_heading(text: str) -> bool:
    """A short line shaped like a heading, not a sentence of body text."""
    text = text.strip()
    if not text or len(text) > 50 or text.endswith(("。", "．")) and len(text) > 25:
        return False
    return bool(_HEADING.match(text)) or (text.startswith("【") and text.endswith("】"))


SECTION_LEVELS = 3  # Word headings deeper than this stay inside their section


def starts_section(block: Block) -> bool:
    """A Word heading (style or outline level) starts a section even when its text
    has no heading shape (「はじめに」)."""
    level = getattr(block, "heading_level", None)
    return level is not None and level <= SECTION_LEVELS and bool(block.text.strip())


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


def sections_of(blocks: Sequence[Block]) -> list[Section]:
    """Blocks grouped under the heading that precedes them (the first group may be untitled)."""
    sections = [Section("")]
    for block in blocks:
        if block.kind in SKIPPED_KINDS or not block.text.strip():
            continue
        heading = is_heading(block.text) or starts_section(block)
        if heading and sections[-1].blocks:
            sections.append(Section(block.text.strip()))
        elif heading and not sections[-1].title:
            sections[-1].title = block.text.strip()
        sections[-1].blocks.append(block)
    return [s for s in sections if s.blocks]


@dataclass
class Piece:
    """A whole paragraph, or part of one too long for a chunk."""

    text: str
    location: str
    page: int | None
    section: str
    tokens: int


@dataclass
class Chunk:
    index: int
    pieces: list[Piece]
    tokens: int = 0  # of `text`, counted by the engine

    @property
    def text(self) -> str:
        return render(self.pieces)

    @property
    def locations(self) -> list[str]:
        return list(dict.fromkeys(p.location for p in self.pieces))

    @property
    def pages(self) -> list[int]:
        return sorted({p.page for p in self.pieces if p.page is not None})

    @property
    def sections(self) -> list[str]:
        return [s for s in dict.fromkeys(p.section for p in self.pieces) if s]

    @property
    def label(self) -> str:
        """Where the chunk comes from, for the map prompt and the notes: "p.3–5 第2 …"."""
        parts = []
        if self.pages:
            first, last = self.pages[0], self.pages[-1]
            parts.append(f"p.{first}" if first == last else f"p.{first}–{last}")
        if self.sections:
            parts.append(self.sections[0][:30])
        return " ".join(parts) or self.pieces[0].location


def render(pieces: Sequence[Piece]) -> str:
    return "\n".join(p.text for p in pieces)


def split_sentences(text: str) -> list[str]:
    return shared_split(text)  # tasks/sentences.py: brackets and quotes respected


def _hard_split(text: str, budget: int, count: Callable[[str], int]) -> list[str]:
    """Cut text into parts of at most `budget` tokens (for a sentence longer than a chunk)."""
    parts, rest = [], text
    while rest:
        lo, hi = 1, len(rest)
        while lo < hi:  # the longest prefix that fits
            mid = (lo + hi + 1) // 2
            if count(rest[:mid]) <= budget:
                lo = mid
            else:
                hi = mid - 1
        parts.append(rest[:lo])
        rest = rest[lo:]
    return parts


def pieces_of(sections: Sequence[Section], budget: int, count: Callable[[str], int]) -> list[Piece]:
    pieces: list[Piece] = []
    for section in sections:
        for block in section.blocks:
            text = block.text.strip()
            tokens = count(text)
            if tokens <= budget:
                pieces.append(Piece(text, block.location, block.page, section.title, tokens))
                continue
            parts: list[str] = []
            for sentence in split_sentences(text):
                fits = count(sentence) <= budget
                parts.extend([sentence] if fits else _hard_split(sentence, budget, count))
            for part in parts:
                pieces.append(Piece(part, block.location, block.page, section.title, count(part)))
    return pieces


def build_chunks(blocks: Sequence[Block], budget: int, count: Callable[[str], int]) -> list[Chunk]:
    """Chunks of at most `budget` tokens each, cut at section boundaries where possible."""
    if budget < 1:
        raise ValueError("budget must be positive")
    pieces = pieces_of(sections_of(blocks), budget, count)
    groups: list[list[Piece]] = []
    current: list[Piece] = []
    used = 0
    for n, piece in enumerate(pieces):
        starts_section = n == 0 or piece.section != pieces[n - 1].section
        if current and starts_section and used > budget // 2:
            section_tokens = 0
            for later in pieces[n:]:
                if later.section != piece.section or section_tokens > budget:
                    break
                section_tokens += later.tokens + 1
            if used + section_tokens > budget:  # the section would straddle: start it fresh
                groups.append(current)
                current, used = [], 0
        if current and used + piece.tokens + 1 > budget:
            groups.append(current)
            current, used = [], 0
        current.append(piece)
        used += piece.tokens + 1  # +1 for the joining newline
    if current:
        groups.append(current)
    chunks: list[Chunk] = []
    for group in groups:
        chunks.extend(_fitted(group, budget, count))
    for n, chunk in enumerate(chunks):
        chunk.index = n
    return chunks


def _fitted(group: list[Piece], budget: int, count: Callable[[str], int]) -> list[Chunk]:
    """Token counts do not quite add up across joins: recount, halve what does not fit."""
    tokens = count(render(group))
    if tokens <= budget or len(group) == 1:
        return [Chunk(0, group, tokens)]
    middle = len(group) // 2
    return _fitted(group[:middle], budget, count) + _fitted(group[middle:], budget, count)
