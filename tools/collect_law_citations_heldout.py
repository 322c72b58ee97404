"""Draw a held-out sample of law citations for tests/laws/data/citations_heldout2.tsv.

    python tools/collect_law_citations_heldout.py STORE.sqlite3 [SEED [--statute-only]] > out.tsv

Unlike tools/collect_law_citations.py, the sample is drawn from ANCHORS found by a plain
pattern (第N条, 同条, 前項 …), not from what the resolver finds, so citations the parser
misses count as misses. Sources not used while tuning the resolver: statute text anchors
not in citations_gold.tsv / citations_heldout.tsv (main provision and original 附則), the
corpus documents that tool did not read (office files included), and the two 2013 law
pages in corpus/extras (Shift-JIS HTML; read here with the stdlib parser because the
product has no HTML reader). A reviewer writes the expected answer by reading the law.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from desk_assistant import documents
from desk_assistant.tasks.laws.citations import DocumentContext, Home
from desk_assistant.tasks.laws.resolver import CitationResolver
from desk_assistant.tasks.laws.store import LawStore

sys.path.insert(0, str(Path(__file__).parent))
from collect_law_citations import CORPUS, CORPUS_FILES  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent.parent))
from tests.laws.gold import html_blocks  # noqa: E402

NUM = r"[〇一二三四五六七八九十百千0-9０-９]+"
ANCHOR = re.compile(
    rf"第{NUM}条(?:の{NUM})*|第{NUM}項|第{NUM}号|同条|前条|次条|同項|前項|次項|同号|前号|次号"
    rf"|同法|附則第{NUM}条"
)
# Bare references in the law pages read as documents are never resolved (the documented
# rule): they would only pad the rate, so the pages give their named citations only.
BARE = ("第", "同条", "前", "次", "同項", "同号")
GOLD_FILES = ["citations_gold.tsv", "citations_heldout.tsv", "citations_heldout2.tsv"]


def resolution(c) -> str:
    if c is None:
        return "none"
    return c.canonical() if c.ok else f"status:{c.status}"


def used_rows() -> set[tuple[str, int]]:
    data = Path(__file__).parent.parent / "tests" / "laws" / "data"
    used = set()
    for name in GOLD_FILES:
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) > 4 and not line.startswith(("#", "id\t")):
                used.add((cells[2], int(cells[3])))
    return used


def anchored(text: str, cits: list, where: str, kind: str):
    for m in ANCHOR.finditer(text):
        hit = next((c for c in cits if c.ref.start <= m.start() < c.ref.end), None)
        start = hit.ref.start if hit else m.start()
        surface = hit.ref.surface if hit else m.group()
        ctx = text[max(0, start - 40) : start + len(surface) + 8]
        yield (kind, where, start, surface, resolution(hit), ctx)


def statute_rows(store: LawStore, resolver: CitationResolver):
    for law in store.laws():
        for provision in ("main", "suppl"):
            for key in store.article_keys(law.law_num, provision):
                unit = store.unit(law.law_num, provision, key)
                for para in unit.paragraphs:
                    texts = [("", para.text)] + [(i.num, i.text) for i in para.items]
                    for item, text in texts:
                        home = Home(law.law_num, provision, key, para.num, item)
                        cits = resolver.resolve_text(text, home=home)
                        where = f"{law.law_num}|{provision}|{key}|{para.num}|{item}"
                        yield from anchored(text, cits, where, "statute")


def corpus_rows(resolver: CitationResolver):
    skip = set(CORPUS_FILES)
    for path in sorted(CORPUS.rglob("*")):
        if path.name in skip or path.suffix.lower() not in (".docx", ".pdf", ".xlsx", ".pptx"):
            continue
        try:
            document = documents.load(path)
        except Exception:  # noqa: BLE001 - broken corpus files are other tests' business
            continue
        context = DocumentContext()
        for block in document.blocks:
            cits = resolver.resolve_text(block.text, context=context)
            yield from anchored(block.text, cits, f"{path.name}|{block.location}", "corpus")


def extras_rows(resolver: CitationResolver):
    for path in sorted((CORPUS / "extras").glob("*.html")):
        context = DocumentContext()
        for n, text in enumerate(html_blocks(path)):
            cits = resolver.resolve_text(text, context=context)
            yield from anchored(text, cits, f"extras/{path.name}|{n}", "html")


def main() -> None:
    store = LawStore(sys.argv[1], with_index=False)
    resolver = CitationResolver(store)
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 2026)
    used = used_rows()
    statute = [r for r in statute_rows(store, resolver) if (r[1], r[2]) not in used]
    statute = list({(r[1], r[2]): r for r in statute}.values())
    corpus = list({(r[1], r[2]): r for r in corpus_rows(resolver)}.values())
    extras = list({(r[1], r[2]): r for r in extras_rows(resolver)}.values())
    named = [r for r in extras if not r[3].startswith(BARE)]
    picked = rng.sample(statute, 70) + corpus + rng.sample(named, min(25, len(named)))
    if len(sys.argv) > 3 and sys.argv[3] == "--statute-only":  # a later sample: statutes only
        picked = rng.sample(statute, 60)
    print("id\tkind\twhere\toffset\tsurface\tresolution\tcontext")
    for k, (kind, where, offset, surface, res, ctx) in enumerate(picked, start=1):
        ctx = ctx.replace("\t", " ").replace("\n", " ")
        print(f"g{k}\t{kind}\t{where}\t{offset}\t{surface}\t{res}\t{ctx}")
    sys.stderr.write(f"anchors: statute {len(statute)}, corpus {len(corpus)}, html {len(extras)}\n")


if __name__ == "__main__":
    main()
