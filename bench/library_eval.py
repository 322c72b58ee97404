"""Retrieval evaluation of the library: recall@k and MRR on questions with known answer passages.

The questions (bench/data/library_eval.json, 70: 57 on the Diet records, 13 on
corpus documents) paraphrase their answer passage as a user would ask; the
answer is the passage of that speech (or file) holding the given phrase. The
index is built from ../shared/diet and ../shared/corpus into a temp folder.

    .venv/bin/python bench/library_eval.py [--mode auto|any|all] [--docs all|docx] [-v]

Prints recall@1/@5/@10 and MRR overall and per source kind, and each miss.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desk_assistant.retrieval import fold  # noqa: E402
from desk_assistant.tasks.library.library import Library  # noqa: E402

SHARED = REPO.parent / "shared"
QUESTIONS = REPO / "bench" / "data" / "library_eval.json"


def load_questions(which: str = "questions") -> list[dict]:
    """ "questions" (70, the first set), "heldout" (12, written later) or "both"."""
    data = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    if which == "both":
        return data["questions"] + data["heldout"]
    return data[which]


def _squash(text: str) -> str:
    return "".join(fold(text).split())


def is_answer(hit, question: dict, phrase_in_speech: dict[str, bool]) -> bool:
    phrase = _squash(question["phrase"])
    if "speech_id" in question:
        if hit.meta.get("speech_id") != question["speech_id"]:
            return False
        # The phrase may straddle a passage cut: then any part of the speech counts.
        return phrase in _squash(hit.text) or not phrase_in_speech.get(question["speech_id"], True)
    return hit.meta.get("name") == question["file"] and phrase in _squash(hit.text)


def build(folder: Path, docs: str = "all") -> tuple[Library, dict]:
    library = Library.open(folder / "eval.db", bytes(range(32)))
    library.add_folder(SHARED / "diet")
    corpus = SHARED / "corpus"
    if docs == "all":
        library.add_folder(corpus)
    else:  # the files the questions name (fast: for the test suite)
        for name in sorted({q["file"] for q in load_questions("both") if "file" in q}):
            library.add_folder(corpus / name)
    started = time.perf_counter()
    report = library.reindex()
    return library, {**report.to_dict(), "build_seconds": round(time.perf_counter() - started, 1)}


def evaluate(library: Library, questions: list[dict], mode: str = "auto", k: int = 10) -> dict:
    # Which speeches hold their phrase inside one passage (else any part counts).
    phrase_in_speech: dict[str, bool] = {}
    for q in questions:
        if "speech_id" in q:
            parts = [
                h
                for h in library.search(q["phrase"], limit=50, match="all")
                if h.meta.get("speech_id") == q["speech_id"]
            ]
            phrase_in_speech[q["speech_id"]] = any(
                _squash(q["phrase"]) in _squash(h.text) for h in parts
            )
    ranks: list[int | None] = []
    misses = []
    times = []
    for q in questions:
        started = time.perf_counter()
        hits = library.search(q["q"], limit=k, match=mode, snippets=False)
        times.append(time.perf_counter() - started)
        rank = next((i for i, h in enumerate(hits, 1) if is_answer(h, q, phrase_in_speech)), None)
        ranks.append(rank)
        if rank is None:
            misses.append(
                {
                    "q": q["q"],
                    "top": [h.meta.get("speech_id") or h.meta.get("name") for h in hits[:3]],
                }
            )
    return {
        "n": len(questions),
        **metrics(ranks),
        "misses": misses,
        "ranks": ranks,
        "query_ms_mean": round(1000 * sum(times) / len(times), 1),
    }


def metrics(ranks: list[int | None]) -> dict:
    n = max(len(ranks), 1)
    return {
        "recall@1": round(sum(1 for r in ranks if r and r <= 1) / n, 3),
        "recall@5": round(sum(1 for r in ranks if r and r <= 5) / n, 3),
        "recall@10": round(sum(1 for r in ranks if r and r <= 10) / n, 3),
        "mrr": round(sum(1 / r for r in ranks if r) / n, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("auto", "any", "all"), default="auto")
    parser.add_argument("--docs", choices=("all", "docx"), default="all")
    parser.add_argument(
        "--set", dest="which", choices=("questions", "heldout", "both"), default="both"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    data = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    questions = load_questions(args.which)
    with tempfile.TemporaryDirectory() as tmp:
        library, built = build(Path(tmp), args.docs)
        print(
            f"index: {built['added']} files, {library.index.count()} passages "
            f"({built['build_seconds']} s; {len(built['failed'])} unreadable)"
        )
        result = evaluate(library, questions, args.mode)
        library.close()
    first = (
        len(data["questions"])
        if args.which == "both"
        else (len(questions) if args.which == "questions" else 0)
    )
    kinds = {
        "diet": [r for q, r in zip(questions, result["ranks"], strict=True) if "speech_id" in q],
        "documents": [r for q, r in zip(questions, result["ranks"], strict=True) if "file" in q],
        "first set": result["ranks"][:first],
        "held-out": result["ranks"][first:],
    }
    print(f"questions: {result['n']}  mode: {args.mode}  mean query {result['query_ms_mean']} ms")
    print("  all        " + "  ".join(f"{k} {v:.3f}" for k, v in metrics(result["ranks"]).items()))
    for name, ranks in kinds.items():
        if not ranks:
            continue
        print(
            f"  {name:10} "
            + "  ".join(f"{k} {v:.3f}" for k, v in metrics(ranks).items())
            + f"  (n={len(ranks)})"
        )
    for miss in result["misses"]:
        print(f"  miss: {miss['q']}  top: {miss['top']}")
    if args.verbose:
        for q, r in zip(questions, result["ranks"], strict=True):
            print(f"  {r or '-':>2}  {q['q']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
