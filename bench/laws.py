"""Law data: import time for 地方自治法 (the largest shared law with 1,261 articles) and
lookup / search latency over all 13 shared laws.

    python bench/laws.py [--laws /work/shared/laws] [--lookups 300]

Import: XML parse alone beside the full import (parse + store + retrieval index with
Sudachi terms), so the ratio shows where the time goes. Lookup: `laws show`'s path —
a citation string parsed, resolved and its text read — for random real articles
(kanji numerals, の-numbers included); search: BM25 over Sudachi terms for the
articles' captions. p50/p95 in ms. All in one process; on a shared machine read the
ratios more than the absolute figures. Nothing is pass/fail.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desk_assistant.tasks.laws.egov_xml import parse_law_xml  # noqa: E402
from desk_assistant.tasks.laws.numerals import article_label  # noqa: E402
from desk_assistant.tasks.laws.resolver import CitationResolver  # noqa: E402
from desk_assistant.tasks.laws.store import LawStore  # noqa: E402

JICHI = "s22_067_chihou_jichi.xml"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laws", default="/work/shared/laws")
    parser.add_argument("--lookups", type=int, default=300)
    args = parser.parse_args()
    folder = Path(args.laws)
    data = (folder / JICHI).read_bytes()

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        law = parse_law_xml(data, JICHI)
        parse_s = time.perf_counter() - t0
        store = LawStore(Path(tmp) / "laws.sqlite3")
        t0 = time.perf_counter()
        report = store.import_paths([folder / JICHI])
        import_s = time.perf_counter() - t0
        assert report.changes[0].status == "added"
        t0 = time.perf_counter()
        again = store.import_paths([folder / JICHI])
        unchanged_s = time.perf_counter() - t0
        assert again.changes[0].status == "unchanged"
        print(f"地方自治法: {law.article_element_count()} articles, {len(data) / 1e6:.1f} MB XML")
        print(f"  parse only        {parse_s:7.2f} s")
        print(
            f"  full import       {import_s:7.2f} s  ({import_s / parse_s:.0f}x parse: store + Sudachi + index)"
        )
        print(f"  re-import (same)  {unchanged_s:7.2f} s  (digest unchanged: skipped)")

        t0 = time.perf_counter()
        store.import_paths([folder])
        print(f"all 13 laws import  {time.perf_counter() - t0:7.2f} s")

        rng = random.Random(17)
        targets = []
        for info in store.laws():
            for key in store.article_keys(info.law_num):
                if ":" not in key:
                    targets.append((info.title, key))
        sample = rng.sample(targets, min(args.lookups, len(targets)))
        resolver = CitationResolver(store)
        lookup_ms, wrong = [], 0
        for title, key in sample:
            text = f"{title}{article_label(key)}"
            t0 = time.perf_counter()
            citation = resolver.resolve_one(text)
            body = citation.text() if citation else ""
            lookup_ms.append((time.perf_counter() - t0) * 1000)
            wrong += not (citation and citation.ok and citation.position.article == key and body)
        search_ms = []
        queries = [
            store.unit(info.law_num, "main", key).caption.strip("（）") or "届出"
            for info in store.laws()
            for key in store.article_keys(info.law_num)[:20]
        ]
        for query in rng.sample(queries, min(100, len(queries))):
            t0 = time.perf_counter()
            store.search(query, limit=10)
            search_ms.append((time.perf_counter() - t0) * 1000)
        print(
            f"lookup (laws show)  n={len(lookup_ms)} p50 {statistics.median(lookup_ms):6.1f} ms"
            f"  p95 {percentile(lookup_ms, 0.95):6.1f} ms  (wrong: {wrong})"
        )
        print(
            f"search (BM25)       n={len(search_ms)} p50 {statistics.median(search_ms):6.1f} ms"
            f"  p95 {percentile(search_ms, 0.95):6.1f} ms"
        )
        store.close()


if __name__ == "__main__":
    main()
