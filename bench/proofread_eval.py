"""公用文チェッカー evaluation (issue 13), all in one run:

1. the labelled set (tests/proofread/data/labelled_*.tsv): accuracy, over-flag on correct
   text and recall, on the dev split and on the held-out split;
2. the judged real-document findings (tests/proofread/data/judged_findings.tsv): strict
   precision (correct / judged) and lenient precision ((correct + debatable) / judged) of
   today's warning/error findings on the same corpus documents; findings nobody judged yet
   and judged findings that are gone are counted, not hidden;
3. speed: chars/s of the rules and of textlint on the same corpus text, side by side
   (textlint as in bench/proofread_vs_textlint.py, installed by npm into a cache folder);
4. finding counts per corpus docx: before issue 13 (recorded) and now.

    python bench/proofread_eval.py [--chars 50000] [--skip-textlint] [--show-wrong]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "proofread"))
CORPUS = REPO.parent / "shared" / "corpus"
DATA = REPO / "tests" / "proofread" / "data"


def labelled(show_wrong: bool) -> dict:
    from labelled import evaluate, load_items

    result = evaluate(load_items())
    print("1. labelled set (flag = a warning/error finding of the item's rule on the target)")
    for split in ("dev", "held", "all"):
        r = result[split]
        print(
            f"   {split:5s} n={r['n']:4d} (ok {r['ok_items']}, flag {r['flag_items']})"
            f"  accuracy {r['accuracy']:.3f}  over-flag {r['overflag']:.3f}  recall {r['recall']:.3f}"
        )
    if show_wrong:
        for item in result["all"]["wrong"]:
            print(
                f"     wrong: {item.id} {item.rule} expect={item.expect} {item.target}: {item.text[:60]}"
            )
    return result


def _findings(path: Path):
    from desk_assistant import documents
    from desk_assistant.tasks.proofread import proofread_document

    return proofread_document(documents.load(str(path))).findings


def judged(show_wrong: bool) -> dict:
    rows = [
        line.split("\t")
        for line in (DATA / "judged_findings.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    judgement = {(d, loc, int(a), rule, surface): j for d, loc, a, _b, rule, surface, j, _n in rows}
    docs = sorted({r[0] for r in rows})
    seen, new = Counter(), []
    matched = set()
    for name in docs:
        for f in _findings(CORPUS / name):
            if f.severity == "info":
                continue
            key = (
                name,
                f.location,
                f.start,
                f.rule,
                f.surface.replace("\t", " ").replace("\n", " "),
            )
            if key in judgement:
                seen[judgement[key]] += 1
                matched.add(key)
            else:
                new.append(key)
    n = sum(seen.values())
    gone = len(judgement) - len(matched)
    strict = seen["correct"] / n if n else 0.0
    lenient = (seen["correct"] + seen["debatable"]) / n if n else 0.0
    print("2. judged real-document findings (warning/error) on", len(docs), "corpus documents")
    print(
        f"   judged {len(judgement)}, found again {n}: correct {seen['correct']}, debatable"
        f" {seen['debatable']}, wrong {seen['wrong']}"
    )
    print(f"   strict precision {strict:.3f}   lenient precision {lenient:.3f}")
    print(f"   not yet judged (new) {len(new)}   judged but no longer reported {gone}")
    if show_wrong:
        for key in new[:40]:
            print("     new:", key)
    return {"strict": strict, "lenient": lenient, "n": n, "new": len(new), "gone": gone}


def speed(chars: int, skip_textlint: bool, npm_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "pvt", REPO / "bench" / "proofread_vs_textlint.py"
    )
    pvt = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pvt)
    text = pvt.build_text(chars)
    if len(text) > chars:  # the whole corpus is 275k characters: textlint needs minutes for it
        text = text[: text.rfind("\n", 0, chars)]
    n = len(text)
    ours_s, ours_n = pvt.run_ours(text)
    print(f"3. speed on {n:,} characters of the corpus docx text (machine shared: compare ratios)")
    print(f"   ours:     {ours_s:8.2f} s  {n / ours_s:12,.0f} chars/s  {ours_n:6d} findings")
    if skip_textlint:
        return
    binary = pvt.ensure_textlint(npm_dir)
    if binary is None:
        print("   textlint: npm not found; ratio not measured")
        return
    tl_s, tl_startup, tl_n = pvt.run_textlint(binary, npm_dir, text)
    print(
        f"   textlint: {tl_s:8.2f} s  {n / tl_s:12,.0f} chars/s  {tl_n:6d} findings  (start-up {tl_startup:.2f} s)"
    )
    print(
        f"   ratio (ours faster by): {tl_s / ours_s:,.0f}x  (excluding textlint start-up:"
        f" {(tl_s - tl_startup) / ours_s:,.0f}x)"
    )


def counts() -> None:
    from desk_assistant.tasks.proofread.blocks import check_blocks
    from desk_assistant.tasks.proofread.inputs import read_document

    before = {}
    for line in (DATA / "corpus_counts_before.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _chars, e, w, i = line.split("\t")
            before[name] = (int(e), int(w), int(i))
    print("4. findings per corpus docx, before issue 13 -> now (error/warning/info)")
    total_b, total_a = Counter(), Counter()
    for path in sorted(CORPUS.glob("docx*.docx")):
        blocks = [b for b in read_document(str(path)).blocks if b.text.strip()]
        now = Counter(f.severity for f in check_blocks(blocks))
        b = before.get(path.name, (0, 0, 0))
        a = (now["error"], now["warning"], now["info"])
        total_b.update(dict(zip(("e", "w", "i"), b, strict=True)))
        total_a.update(dict(zip(("e", "w", "i"), a, strict=True)))
        print(
            f"   {path.name[:52]:52s} {b[0]:3d}/{b[1]:4d}/{b[2]:4d} -> {a[0]:3d}/{a[1]:4d}/{a[2]:4d}"
        )
    print(
        f"   {'total':52s} {total_b['e']:3d}/{total_b['w']:4d}/{total_b['i']:4d} ->"
        f" {total_a['e']:3d}/{total_a['w']:4d}/{total_a['i']:4d}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=50_000)
    parser.add_argument("--skip-textlint", action="store_true")
    parser.add_argument("--show-wrong", action="store_true")
    parser.add_argument(
        "--npm-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "desk-assistant-bench-textlint",
    )
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS}")
    start = time.perf_counter()
    labelled(args.show_wrong)
    judged(args.show_wrong)
    speed(args.chars, args.skip_textlint, args.npm_dir)
    counts()
    print(f"(whole run {time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
