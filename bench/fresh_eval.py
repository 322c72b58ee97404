"""Fresh real runs (issue 12, session 6): demo-model translations of corpus documents the
checks were never tuned on, re-checked with today's checks, against labels made blind.

Data: bench/data/fresh_runs_s6.json holds the segments of real `desk-assistant translate
FILE --to en --format json --no-memory` runs (docx11's first 121 segments, pdf13 pages 20-22's
first 24; 4 withheld as sharing a sentence with a held-out set) with the findings the pipeline gave then. bench/data/fresh_labels_s6.json labels a fixed-seed
sample of the translated ones (all 113 of the pool: fewer than 120), made from source and translation only, before their findings were looked
at: loss (a name, term, list item, clause, sentence, paragraph, negation/restriction or the
meaning lost or changed, a loop, markup) / ok / debatable, with a class.

The segments are checked as bench/silent_eval.py does (its findings_of: check_segment per
segment, then the document-level collapse check). Prints per document checked and silent
segments, then against the labels: precision and recall of "has a warning/error finding"
for "loss" (debatable apart), per document and per class, and the silent losses, the
must-show kinds (name, sentence, paragraph, loop, markup) apart from other meaning losses.

    PYTHONPATH=. python bench/fresh_eval.py                # the figures
    PYTHONPATH=. python bench/fresh_eval.py --store OUT.json ... --wall doc=SECONDS ...
    PYTHONPATH=. python bench/fresh_eval.py --sample        # the blind sample to label

Another set of fresh runs: --runs and --labels name its files (default: session 6's), e.g.
    PYTHONPATH=. python bench/fresh_eval.py --runs bench/data/fresh_runs_s7.json \
        --labels bench/data/fresh_labels_s7.json
    PYTHONPATH=. python bench/fresh_eval.py --runs ... --labels ... --sample --size 150
(--seed: the draw's seed, 20261202 unless told: s6-s9's draws; s10's is 20261203, s11's 20261204.)
Session 8's held-out set: --runs bench/data/fresh_runs_s8.json --labels
bench/data/fresh_labels_s8.json (pptx04, docx06); session 9's: fresh_runs_s9.json and
fresh_labels_s9.json (docx05, docx09); session 10's: fresh_runs_s10.json and
fresh_labels_s10.json (docx08, docx03); session 11's: fresh_runs_s11.json and
fresh_labels_s11.json (docx07, docx13; --seed 20261204).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from silent_eval import silent_report  # noqa: E402

ROOT = HERE.parent
RUNS = HERE / "data" / "fresh_runs_s6.json"
LABELS = HERE / "data" / "fresh_labels_s6.json"
SEED = 20261202
SAMPLE = 120
MUST_SHOW = ("name", "sentence", "paragraph", "loop", "markup")
CLASSES = MUST_SHOW + ("term", "list item", "clause", "polarity", "meaning")


def short(name: str) -> str:
    return name.split("_", 1)[0]


def load_runs(path: Path = RUNS) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def rows_of(runs: dict) -> dict[str, list[list]]:
    """Short document name → [source, translation, origin, then-kinds] rows (silent_eval's)."""
    return {
        short(name): [
            [s["source"], s["translation"], s["origin"], s["findings"]] for s in doc["segments"]
        ]
        for name, doc in runs.items()
    }


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def held_out(source: str, translation: str) -> bool:
    """A segment that shares a sentence with a clean or clause set whose data test forbids
    its sentences elsewhere, by that test's rule: clause_references_heldout6/8 (a sentence's
    first 30 characters), clean_references_heldout7/8/9 (a 15-character run of a sentence),
    clean_references_heldout10/11/12/13/14/15/16/17 and tune10b/c/d (a 15-character run, or a label
    under 20 characters quoted whole, in "", '', 「」 or “”), title_references_heldout (a
    15-character run, or a title of at most 15 characters whole), bodies_heldout_s5 (a name
    anywhere)."""
    data = HERE / "data"

    def rows(name: str) -> list[dict]:
        path = data / name
        return json.loads(path.read_text(encoding="utf-8"))["segments"] if path.exists() else []

    clauses = rows("clause_references_heldout6.json") + rows("clause_references_heldout8.json")
    if any(r["source"][:30] in source + translation for r in clauses):
        return True
    if any(r["source"] in source + translation for r in rows("bodies_heldout_s5.json")):
        return True
    text = _squeeze(source + translation)
    quoted = _squeeze(json.dumps([source, translation], ensure_ascii=False))
    for row in rows("title_references_heldout.json"):
        s = _squeeze(row["source"])
        if s in text or any(s[i : i + 15] in text for i in range(0, len(s) - 14, 5)):
            return True
    sets = ("heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12")
    sets += ("heldout13", "heldout14", "heldout15", "heldout16", "heldout17")
    for name in sets + ("tune10b", "tune10c", "tune10d"):
        for row in rows(f"clean_references_{name}.json"):
            s = _squeeze(row["source"])
            if len(s) < 20 and name not in ("heldout7", "heldout8", "heldout9"):
                if any(f"{a}{s}{b}" in quoted for a, b in ['""', "''", "「」", "“”"]):
                    return True
            elif any(s[i : i + 15] in text for i in range(0, len(s) - 14, 5)):
                return True
    return False


def store(
    outputs: list[str],
    walls: list[str],
    pages: list[str],
    commit: str,
    runs: Path = RUNS,
    about: str = "",
) -> None:
    """The runs' JSON outputs → the runs file (bench/data/fresh_runs_s6.json unless told),
    without the segments held_out() withholds; 'about' describes the runs (s6's if empty)."""
    wall = dict(w.split("=", 1) for w in walls)
    page = dict(p.split("=", 1) for p in pages)
    documents = {}
    for output in outputs:
        for result in json.loads(Path(output).read_text(encoding="utf-8"))["results"]:
            name = Path(result["input"]).stem
            doc = short(name)
            documents[name] = {
                "file": Path(result["input"]).name,
                "pages": page.get(doc),  # the pages copied to a PDF of their own, or None
                "part": result.get("part", "every segment"),
                "wall_s": int(wall[doc]) if doc in wall else None,
                "run_seconds": round(result.get("stats", {}).get("seconds", 0.0), 1),
                "withheld": [
                    s["location"]
                    for s in result["segments"]
                    if held_out(s["source"], s["translation"])
                ],
                "segments": [
                    {
                        "location": s["location"],
                        "source": s["source"],
                        "translation": s["translation"],
                        "origin": s["origin"],
                        "findings": sorted(
                            {f["check"] for f in s["findings"] if f["severity"] != "info"}
                        ),
                    }
                    for s in result["segments"]
                    if not held_out(s["source"], s["translation"])
                ],
            }
    data = {
        "about": about
        or (
            "Segments of real demo-model runs (gemma3-270m Q4_K_M, CPU, 2 cores shared with "
            "three other sessions) of `desk-assistant translate FILE --to en --format json "
            "--no-memory` on corpus documents no bench file or test used as a real run: docx11 "
            "and pdf13's pages 20-22 (copied to a PDF of their own with pypdf). Each run was "
            "stopped with Ctrl+C for time (docx11 after 98 segments, resumed, stopped again "
            "after 121; pdf13 after 24 of 32); its first segments were then read back from the "
            "run's resumable job as the pipeline gives them (translate_document with that job, "
            "every unit resumed, no model call, each unit's origin as the run recorded it). "
            "'withheld': segments left out because they share a sentence with a held-out "
            "set whose test forbids its sentences elsewhere (clause_references_heldout8, "
            "clean_references_heldout8/9/10, tune10b-d: pdf13 quotes the 中間試案 of pdf07/08)."
            "wall_s: seconds of the CLI runs. 'findings': the warning/error checks the "
            "pipeline of run_commit gave. Used by bench/fresh_eval.py; labels in "
            "fresh_labels_s6.json (i12fresh2, session 6)."
        ),
        "run_commit": commit,
        "documents": documents,
    }
    runs.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def seen_text(runs: Path = RUNS, labels: Path = LABELS) -> str:
    """Every bench data file and test except this set's own (its runs and labels, and the
    data test named after the runs: test_fresh_runs_s6_data.py for s6): sources found there
    were seen."""
    own = (runs.resolve(), labels.resolve())
    files = [p for p in (HERE / "data").iterdir() if p.resolve() not in own]
    files += [p for p in (ROOT / "tests").rglob("*") if p.suffix in (".py", ".tsv", ".json")]
    files = [p for p in files if runs.stem not in p.name]
    return "".join(p.read_text(encoding="utf-8", errors="ignore") for p in files if p.is_file())


def pool(docs: dict[str, list[list]], seen: str) -> dict[str, list[int]]:
    """Per document the indexes that can be drawn: translated (not kept, not failed), the first of each
    distinct (source, translation) pair, source not written in another bench file or test."""
    out: dict[str, list[int]] = {}
    for doc, rows in docs.items():
        pairs, keep = set(), []
        for i, (source, translation, origin, _) in enumerate(rows):
            pair = (source.strip(), translation.strip())
            if origin in ("kept", "failed") or pair in pairs or source.strip() in seen:
                continue
            pairs.add(pair)
            keep.append(i)
        out[doc] = keep
    return out


def sample(
    docs: dict[str, list[list]],
    runs: Path = RUNS,
    labels: Path = LABELS,
    size: int = SAMPLE,
    seed: int = SEED,
) -> list[dict]:
    """size segments drawn with random.Random(seed) from the pool, documents in name order
    (SEED, s6-s9's, unless told)."""
    drawn = pool(docs, seen_text(runs, labels))
    every = [(doc, i) for doc in sorted(drawn) for i in drawn[doc]]
    rows = []
    for doc, i in sorted(random.Random(seed).sample(every, min(size, len(every)))):
        source, translation = docs[doc][i][:2]
        rows.append({"doc": doc, "index": i, "source": source, "translation": translation})
    return rows


def label_report(
    every: dict[str, dict[int, list[str]]],
    labels: list[dict],
    docs,
    looks: dict[str, dict[int, list[str]]],
) -> None:
    print("\n== labelled segments: 'has a warning/error finding' against the label 'loss'")
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in labels:
        groups[r["doc"]].append(r)
    groups["all"] = labels
    for name, rows in groups.items():
        tp = fp = fn = tn = deb = deb_said = 0
        for r in rows:
            said = bool(every[r["doc"]].get(r["index"]))
            if r["label"] == "debatable":
                deb += 1
                deb_said += said
                continue
            loss = r["label"] == "loss"
            tp, fp = tp + (said and loss), fp + (said and not loss)
            fn, tn = fn + (loss and not said), tn + (not loss and not said)
        precision = f"{tp / (tp + fp):.3f}" if tp + fp else "-"
        recall = f"{tp / (tp + fn):.3f}" if tp + fn else "-"
        print(
            f"  {name:7} labelled {len(rows):4} (loss {tp + fn}, ok {fp + tn}, debatable {deb}): "
            f"flagged {tp + fp}, precision {precision} ({tp}/{tp + fp}), recall {recall} "
            f"({tp}/{tp + fn}); debatable flagged {deb_said}/{deb}"
        )
    looked = [r for r in labels if r["label"] == "loss" and r["index"] in looks.get(r["doc"], {})]
    shown = sum(r["label"] == "loss" and bool(every[r["doc"]].get(r["index"])) for r in labels)
    lost = sum(r["label"] == "loss" for r in labels)
    ok_looked = sum(r["label"] == "ok" and r["index"] in looks.get(r["doc"], {}) for r in labels)
    print(
        f"  shown at all (a warning/error, or a finding told as worth a look): losses "
        f"{shown + len(looked)}/{lost}; worth a look only: losses {len(looked)}, ok {ok_looked}"
    )
    decided = [r for r in labels if r["label"] != "debatable"]
    losses = sum(r["label"] == "loss" for r in decided)
    print(
        f"  (a check flagging every segment: precision {losses / len(decided):.3f} "
        f"({losses}/{len(decided)}), recall 1.000: the demo model loses much)"
    )
    print("  per class of loss: flagged/losses (recall); a finding on an 'ok' is a false alarm")
    per_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in labels:
        if r["label"] == "loss":
            per_class[r["class"]][0] += bool(every[r["doc"]].get(r["index"]))
            per_class[r["class"]][1] += 1
    for cls in CLASSES:
        if cls in per_class:
            hit, total = per_class[cls]
            print(f"    {cls:10} {hit:3}/{total:<3} ({hit / total:.3f})")
    silent = [r for r in labels if r["label"] == "loss" and not every[r["doc"]].get(r["index"])]
    for title, rows in (
        ("silent losses of the must-show kinds (" + ", ".join(MUST_SHOW) + ")", MUST_SHOW),
        ("silent losses of other kinds (term, list item, clause, polarity, meaning)", None),
    ):
        chosen = [r for r in silent if (r["class"] in MUST_SHOW) == (rows is not None)]
        print(f"\n  {title}: {len(chosen)}")
        for r in chosen:
            source, translation = docs[r["doc"]][r["index"]][:2]
            look = looks.get(r["doc"], {}).get(r["index"])
            told = f" [worth a look: {','.join(look)}]" if look else ""
            print(
                f"      [{r['class']}] {r['doc']}#{r['index']}: {source.strip()[:40]!r} → "
                f"{translation.strip()[:70]!r} ({r['note']}){told}"
            )
    alarms = [r for r in labels if r["label"] == "ok" and every[r["doc"]].get(r["index"])]
    print(f"\n  false alarms (a finding on an 'ok' segment): {len(alarms)}")
    for r in alarms:
        source, translation = docs[r["doc"]][r["index"]][:2]
        print(
            f"      ({','.join(every[r['doc']][r['index']])}) {r['doc']}#{r['index']}: "
            f"{source.strip()[:30]!r} → {translation.strip()[:60]!r}"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=Path, default=RUNS, help="the runs file (s6's default)")
    parser.add_argument("--labels", type=Path, default=LABELS, help="their labels (s6's)")
    parser.add_argument("--store", nargs="+", help="the CLI's JSON outputs → the runs file")
    parser.add_argument("--about", default="", help="with --store: what the runs are")
    parser.add_argument("--size", type=int, default=SAMPLE, help="with --sample: how many")
    parser.add_argument("--seed", type=int, default=SEED, help="with --sample: the draw's seed")
    parser.add_argument("--wall", nargs="*", default=[], help="doc=seconds of each run")
    parser.add_argument("--pages", nargs="*", default=[], help="doc=first-last pages run")
    parser.add_argument("--commit", default="", help="the commit the runs were made with")
    parser.add_argument("--sample", action="store_true", help="print the blind sample (JSON)")
    args = parser.parse_args()
    if args.store:
        store(args.store, args.wall, args.pages, args.commit, args.runs, args.about)
        return 0
    docs = rows_of(load_runs(args.runs))
    if args.sample:
        sampled = sample(docs, args.runs, args.labels, args.size, args.seed)
        print(json.dumps(sampled, ensure_ascii=False, indent=1))
        return 0
    looks: dict[str, dict[int, list[str]]] = {}
    every = silent_report(docs, looks)
    if args.labels.exists():
        labels = json.loads(args.labels.read_text(encoding="utf-8"))["segments"]
        label_report(every, labels, docs, looks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
