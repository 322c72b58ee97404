"""Library search at scale: the corpus and the Diet records replicated to >= 100,000 passages.

Measures, in one run:
- indexing: passages/s (wall and CPU seconds of this process) through Index.replace_source
  (Sudachi terms, keyed hashes, AES-GCM sealing, FTS5 insert), one source per file copy;
- querying: p50/p95 of Index.search (top 10, snippets, BM25) for the evaluation questions
  plus keyword queries, side by side with a plain substring scan of the same passages
  held as plaintext in memory (the scan gets that advantage; it has no ranking to speak of).

    .venv/bin/python bench/library_search.py [--target 100000] [--docs docx|all] [--queries 200]

Timings on a shared machine are noisy: compare the two arms of one run.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desk_assistant.retrieval import Index, Passage, query_words  # noqa: E402
from desk_assistant.tasks.library.sources import is_candidate, read_passages  # noqa: E402

SHARED = REPO.parent / "shared"


def base_sources(docs: str) -> list[tuple[str, list[Passage]]]:
    files = sorted(p for p in (SHARED / "diet").iterdir() if is_candidate(p))
    corpus = SHARED / "corpus"
    pattern = "*.docx" if docs == "docx" else "*"
    files += sorted(p for p in corpus.glob(pattern) if p.is_file() and is_candidate(p))
    out = []
    for path in files:
        try:
            out.append((path.name, read_passages(path)[1]))
        except Exception:  # unreadable corpus files (bad01, bad02, scanned) are skipped here
            continue
    return out


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def queries(count: int, texts: list[str], seed: int = 7) -> list[str]:
    data = json.loads((REPO / "bench" / "data" / "library_eval.json").read_text(encoding="utf-8"))
    out = [q["q"] for q in data["questions"] + data["heldout"]]
    rng = random.Random(seed)
    while len(out) < count:  # keyword queries: two words of a random passage
        words = [w.forms[0] for w in query_words(rng.choice(texts)[:200]) if len(w.forms[0]) >= 2]
        if len(words) >= 2:
            out.append(" ".join(rng.sample(words, 2)))
    return out[:count]


def scan(texts: list[str], query: str, limit: int = 10) -> list[int]:
    """The baseline: every passage checked for every query word (as typed or normalized)."""
    words = [w.forms for w in query_words(query)]
    scored = []
    for i, text in enumerate(texts):
        folded = text.casefold()
        n = sum(1 for forms in words if any(f in folded for f in forms))
        if n:
            scored.append((-n, i))
    scored.sort()
    return [i for _, i in scored[:limit]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=int, default=100_000)
    parser.add_argument("--docs", choices=("docx", "all"), default="docx")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    sources = base_sources(args.docs)
    base = sum(len(p) for _, p in sources)
    copies = -(-args.target // base)
    print(f"base: {len(sources)} files, {base} passages; x{copies} copies")
    with tempfile.TemporaryDirectory() as tmp:
        index = Index.open(Path(tmp) / "bench.db", bytes(range(32)))
        texts: list[str] = []
        wall0, cpu0 = time.perf_counter(), time.process_time()
        done = 0
        for copy in range(copies):
            for name, passages in sources:
                index.replace_source(f"copy{copy}:{name}", passages)
                done += len(passages)
                texts.extend(p.text for p in passages)
            wall = time.perf_counter() - wall0
            print(f"  {done} passages, {done / wall:.0f}/s wall", file=sys.stderr, flush=True)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        t0 = time.perf_counter()
        index.optimize()
        optimize_s = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
        print(
            f"indexing: {done} passages in {wall:.0f} s wall / {cpu:.0f} s CPU = "
            f"{done / wall:.0f} passages/s wall, {done / cpu:.0f} passages/s per CPU second "
            f"(goal >= 500/s); optimize {optimize_s:.1f} s; index {size / 1e6:.0f} MB"
        )

        qs = queries(args.queries, texts)
        index.search(qs[0])  # warm the tokenizer
        fts_ms, scan_ms, fts_cpu, scan_cpu = [], [], [], []
        for q in qs:  # alternate the arms so machine noise hits both alike
            t0, c0 = time.perf_counter(), time.process_time()
            index.search(q, limit=10)
            fts_ms.append(1000 * (time.perf_counter() - t0))
            fts_cpu.append(1000 * (time.process_time() - c0))
            t0, c0 = time.perf_counter(), time.process_time()
            scan(texts, q)
            scan_ms.append(1000 * (time.perf_counter() - t0))
            scan_cpu.append(1000 * (time.process_time() - c0))
        index.close()
    print(f"queries: {len(qs)} over {done} passages (top 10 with snippets)")
    print(
        f"  index  p50 {percentile(fts_ms, 0.5):7.1f} ms  p95 {percentile(fts_ms, 0.95):7.1f} ms"
        f"  mean {statistics.mean(fts_ms):7.1f} ms  (goal p95 <= 50 ms)"
    )
    print(
        f"  scan   p50 {percentile(scan_ms, 0.5):7.1f} ms  p95 {percentile(scan_ms, 0.95):7.1f} ms"
        f"  mean {statistics.mean(scan_ms):7.1f} ms"
    )
    print(
        f"  CPU ms: index p50 {percentile(fts_cpu, 0.5):.1f} p95 {percentile(fts_cpu, 0.95):.1f}; "
        f"scan p50 {percentile(scan_cpu, 0.5):.1f} p95 {percentile(scan_cpu, 0.95):.1f}"
    )
    print(
        f"  scan / index: p50 x{percentile(scan_ms, 0.5) / percentile(fts_ms, 0.5):.1f}, "
        f"p95 x{percentile(scan_ms, 0.95) / percentile(fts_ms, 0.95):.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
