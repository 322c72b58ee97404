"""Collect real law citations from the shared statutes and corpus documents, with what
the resolver makes of them, for review into tests/laws/data/citations_gold.tsv.

    python tools/collect_law_citations.py STORE.sqlite3 > candidates.tsv

Rows: id, kind (statute/corpus), where, offset, surface, resolution, context.
`where` is law_num|provision|article|paragraph|item for statute text (the text is the
paragraph sentence, or the item sentence when item is set) and file|location for
corpus blocks. A reviewer checks each resolution by reading the context and the law,
and corrects the expected column where the resolver is wrong.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from desk_assistant import documents
from desk_assistant.tasks.laws.citations import DocumentContext, Home
from desk_assistant.tasks.laws.resolver import CitationResolver
from desk_assistant.tasks.laws.store import LawStore

CORPUS = Path("/work/shared/corpus")
CORPUS_FILES = [
    "docx01_gif_452-1_chiiki_service_datamodel_guidebook_beta.docx",
    "docx05_gif_464-1_api_guidebook.docx",
    "docx10_cio_dp2021_02_it_asset_mgmt.docx",
    "docx11_cio_dp2021_04_municipal_sns.docx",
    "docx12_moj_form_hoyu_kojinjoho_kaiji_seikyusho.docx",
    "docx13_moj_form_hoyu_kojinjoho_teisei_seikyusho.docx",
    "pdf06_moj_hoseishingikai_shoho_bukai_dai3kai_gijiroku.pdf",
    "pdf07_moj_chukan_shian_hosoku_setsumei.pdf",
    "pdf08_moj_yoko_an_hoseishingikai_200.pdf",
    "pdf10_moj_hoseishingikai_rei_seirei.pdf",
    "pdf13_moj_pubcom_iken_gaiyo.pdf",
]


def resolution(c) -> str:
    return c.canonical() if c.ok else f"status:{c.status}"


def statute_rows(store: LawStore, resolver: CitationResolver):
    for law in store.laws():
        for provision in store.provisions(law.law_num):
            if provision != "main":
                continue  # 附則 of amending acts cite those acts: not collected
            for key in store.article_keys(law.law_num, provision):
                unit = store.unit(law.law_num, provision, key)
                for para in unit.paragraphs:
                    texts = [("", para.text)] + [(i.num, i.text) for i in para.items]
                    for item, text in texts:
                        home = Home(law.law_num, provision, key, para.num, item)
                        for c in resolver.resolve_text(text, home=home):
                            where = f"{law.law_num}|{provision}|{key}|{para.num}|{item}"
                            ctx = text[max(0, c.ref.start - 25) : c.ref.end + 5]
                            yield ("statute", where, c.ref.start, c.ref.surface, resolution(c), ctx)


def corpus_rows(resolver: CitationResolver):
    for name in CORPUS_FILES:
        document = documents.load(CORPUS / name)
        context = DocumentContext()
        for block in document.blocks:
            for c in resolver.resolve_text(block.text, context=context):
                ctx = block.text[max(0, c.ref.start - 25) : c.ref.end + 5]
                where = f"{name}|{block.location}"
                yield ("corpus", where, c.ref.start, c.ref.surface, resolution(c), ctx)


def category(row) -> str:
    surface, res = row[3], row[4]
    for word in ("同法", "同令", "同条", "同項", "同号", "前条", "次条", "前項", "次項", "前号"):
        if word in surface:
            return "relative"
    if res.startswith("status:"):
        return "status"
    if "の" in surface and "条の" in surface:
        return "no-number"
    if surface[0] != "第":
        return "named"
    return "bare"


def main() -> None:
    store = LawStore(sys.argv[1])
    resolver = CitationResolver(store)
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 17)
    statute = list(statute_rows(store, resolver))
    by_cat: dict[str, list] = {}
    for row in statute:
        by_cat.setdefault(category(row), []).append(row)
    picked = []
    quota = {"named": 30, "relative": 25, "no-number": 12, "bare": 12, "status": 10}
    for cat, rows in sorted(by_cat.items()):
        picked += rng.sample(rows, min(quota.get(cat, 5), len(rows)))
    corpus = list(corpus_rows(resolver))
    seen = set()
    for row in corpus:  # every distinct corpus citation
        key = (row[1].split("|")[0], row[3])
        if key not in seen:
            seen.add(key)
            picked.append(row)
    print("id\tkind\twhere\toffset\tsurface\tresolution\tcontext")
    for k, row in enumerate(picked, start=1):
        kind, where, offset, surface, res, ctx = row
        ctx = ctx.replace("\t", " ").replace("\n", " ")
        print(f"{k}\t{kind}\t{where}\t{offset}\t{surface}\t{res}\t{ctx}")
    sys.stderr.write(
        f"statute refs {len(statute)}: {dict((k, len(v)) for k, v in by_cat.items())}\n"
    )


if __name__ == "__main__":
    main()
