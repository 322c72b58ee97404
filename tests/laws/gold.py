"""Evaluate the citation gold set (tests/laws/data/citations_gold.tsv): real citations
collected from the shared statutes and corpus documents (tools/collect_law_citations.py),
each with the resolution a reviewer confirmed by reading the law."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

from desk_assistant import documents
from desk_assistant.tasks.laws.citations import DocumentContext, Home
from desk_assistant.tasks.laws.resolver import CitationResolver

GOLD = Path(__file__).parent / "data" / "citations_gold.tsv"
HELD_OUT = Path(__file__).parent / "data" / "citations_heldout.tsv"
HELD_OUT_2 = Path(__file__).parent / "data" / "citations_heldout2.tsv"
HELD_OUT_3 = Path(__file__).parent / "data" / "citations_heldout3.tsv"
CORPUS = Path("/work/shared/corpus")


@dataclass
class GoldRow:
    id: str
    kind: str
    where: str
    offset: int
    surface: str
    expected: str  # canonical citation, "status:<status>", or "none" (not a citation)
    context: str = ""  # the text around it when collected (finds it again if the reader moved it)


def load_gold(path: Path = GOLD) -> list[GoldRow]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "id\t")):
            continue
        cells = line.split("\t")
        context = cells[6] if len(cells) > 6 else ""
        rows.append(
            GoldRow(cells[0], cells[1], cells[2], int(cells[3]), cells[4], cells[5], context)
        )
    return rows


def resolution(citation) -> str:
    if citation is None:
        return "none"
    return citation.canonical() if citation.ok else f"status:{citation.status}"


def evaluate(store, rows: list[GoldRow]) -> list[tuple[GoldRow, str]]:
    """(row, what the resolver says now) for every row."""
    resolver = CitationResolver(store)
    out = []
    doc_cache: dict[str, dict[tuple[str, int], object]] = {}
    for row in rows:
        if row.kind == "statute":
            law_num, provision, article, paragraph, item = row.where.split("|")
            unit = store.unit(law_num, provision, article)
            para = next(p for p in unit.paragraphs if p.num == paragraph)
            text = para.text if not item else next(i.text for i in para.items if i.num == item)
            home = Home(law_num, provision, article, paragraph, item)
            found = {c.ref.start: c for c in resolver.resolve_text(text, home=home)}
        elif row.kind == "html":
            name, location = row.where.split("|", 1)
            if name not in doc_cache:
                doc_cache[name] = _resolve_blocks(resolver, enumerate(html_blocks(CORPUS / name)))
            found = doc_cache[name].get(int(location), {})
        else:
            name, location = row.where.split("|", 1)
            if name not in doc_cache:
                doc_cache[name] = _resolve_document(resolver, next(CORPUS.rglob(name)))
            found = doc_cache[name].get(location, {})
            if row.offset not in found or not _text_at(found, row):
                found = _relocate(doc_cache[name], row)
        out.append((row, resolution(found.get(row.offset))))
    return out


def _text_at(found: dict, row: GoldRow) -> bool:
    return found[row.offset].ref.surface.startswith(row.surface[:2])


def _relocate(blocks: dict, row: GoldRow) -> dict:
    """The reader may have moved a citation since it was collected (a PDF block joined
    across a page, a line break dropped): find its context again, anywhere in the document,
    spaces and line breaks ignored. Returns {row.offset: citation} or {}."""
    digits = str.maketrans("０１２３４５６７８９", "0123456789")
    squash = lambda t: re.sub(r"\s+", "", t).translate(digits)  # noqa: E731
    context, surface = squash(row.context), squash(row.surface)
    if not context or surface not in context:
        return {}
    window = 40 if row.id.startswith("g") else 25
    # which occurrence of the surface in the context: the one nearest where it was collected
    spots = [m.start() for m in re.finditer(re.escape(surface), context)]
    inner = min(spots, key=lambda k: abs(k - min(window, row.offset)))
    for found in blocks.values():
        for start, citation in found.items():
            text = citation.ref.surface
            if squash(text)[: len(surface)] != surface[: len(squash(text))]:
                continue
            whole = getattr(citation, "_block_text", "")
            at = squash(whole[:start])
            if squash(whole).find(context) == len(at) - inner:
                return {row.offset: citation}
    return {}


@functools.cache
def _load(path: Path):
    """Each corpus document read once per run (the three gold sets share many)."""
    return documents.load(path)


def _resolve_document(resolver, path: Path) -> dict[str, dict[int, object]]:
    document = _load(path)
    return _resolve_blocks(resolver, ((b.location, b.text) for b in document.blocks))


def _resolve_blocks(resolver, blocks) -> dict:
    context = DocumentContext()
    out = {}
    for location, text in blocks:
        found = resolver.resolve_text(text, context=context)
        for c in found:
            c._block_text = text  # for _relocate
        out[location] = {c.ref.start: c for c in found}
    return out


def html_blocks(path: Path) -> list[str]:
    """The paragraphs of an old e-Gov law page (Shift-JIS HTML in corpus/extras). The product
    has no HTML reader; this one only feeds the held-out citation sample."""
    raw = path.read_bytes().decode("cp932", errors="replace")
    raw = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", "", raw)
    raw = raw.replace("\r", "").replace("\n", "")  # the pages wrap lines inside a paragraph
    text = re.sub(r"(?i)<br\s*/?>|</(p|div|tr|td|th|li|h\d)>", "\n", raw)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return [line.strip() for line in text.splitlines() if line.strip()]
