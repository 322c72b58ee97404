"""Silent segments of the six stored real demo-model Office runs: re-checked with today's
checks, how many checked segments carry no warning/error finding at all.

Data: bench/data/collapse_runs.json (all segments of six real translations). Each
document is checked as the pipeline does: every segment with today's per-segment checks
(checks.check_segment, ja → en, no glossary), then the document-level collapse check on
the segments the model translated. A "failed" segment holds the marked source and its
stored kept_source error: it is never silent. "kept" segments (source kept on purpose)
are not checked.

Prints per document the checked and silent segments. With --labels FILE (a JSON list of
{"doc", "index", "label": loss | ok | debatable, "split"}), also prints for the labelled
segments precision and recall of "has a finding" against "loss" (debatable ones apart),
per split, and lists the misses and false alarms.

    PYTHONPATH=. python bench/silent_eval.py [--labels bench/data/silent_labels_s5.json]
        [--split heldout] [--clean]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.collapse import check_collapsed
from desk_assistant.tasks.verdicts import has_look

HERE = Path(__file__).resolve().parent
RUNS = HERE / "data" / "collapse_runs.json"


def short(name: str) -> str:
    return name.split("_", 1)[0]


def documents() -> dict[str, list[list]]:
    """Short document name (pptx01 …) → [source, translation, origin, old kinds] rows."""
    data = json.loads(RUNS.read_text(encoding="utf-8"))["documents"]
    return {short(name): rows for name, rows in data.items()}


def findings_of(
    rows: list[list], looks: dict[int, list[str]] | None = None
) -> dict[int, list[str]]:
    """Warning/error check names per checked segment index, as the pipeline finds them;
    the checks of a segment told only as worth a look go to looks where given."""
    out: dict[int, list[str]] = {}
    for i, (source, translation, origin, kinds) in enumerate(rows):
        if origin == "kept":
            continue
        if origin == "failed":
            out[i] = sorted(set(kinds)) or ["kept_source"]
            continue
        found = check_segment(source, translation, (), "ja", "en")
        out[i] = sorted({f.check for f in found if f.severity != "info"})
        if looks is not None and has_look(found):
            looks[i] = sorted({f.check for f in found if f.weak})
    checked = [i for i, r in enumerate(rows) if r[2] not in ("kept", "failed")]
    collapsed = check_collapsed([(rows[i][0], rows[i][1]) for i in checked])
    for at in collapsed:
        out[checked[at]] = sorted(set(out[checked[at]]) | {"meaning.collapsed"})
    if looks is not None:
        for i in [i for i in looks if out.get(i)]:
            del looks[i]  # a warning too: flagged
    return out


def silent_report(
    docs: dict[str, list[list]], looks: dict[str, dict[int, list[str]]] | None = None
) -> dict[str, dict[int, list[str]]]:
    """Flagged checks per document and segment; looks, where given, gets per document the
    segments whose only content finding is told as worth a look (確認推奨, tiers.py): not
    counted as flagged, but shown to the user."""
    looks = {} if looks is None else looks
    print("== silent segments of the stored real runs (no warning/error finding today)")
    every: dict[str, dict[int, list[str]]] = {}
    total_checked = total_silent = 0
    for doc, rows in docs.items():
        looks[doc] = {}
        found = findings_of(rows, looks[doc])
        every[doc] = found
        silent = sum(not kinds for kinds in found.values())
        total_checked += len(found)
        total_silent += silent
        look = len(looks[doc])
        print(
            f"  {doc:7} segments {len(rows):5}  checked {len(found):5}  silent {silent:5}"
            f"  (of them worth a look {look:4})"
        )
    print(
        f"  all     checked {total_checked:5}  silent {total_silent:5}"
        f"  (of them worth a look {sum(len(v) for v in looks.values()):4}: shown, not counted)"
    )
    return every


def label_report(every: dict[str, dict[int, list[str]]], labels: list[dict], docs, split=None):
    print("\n== labelled segments: 'has a finding' against the label 'loss'")
    splits = sorted({r.get("split", "-") for r in labels}) if split is None else [split]
    for part in splits:
        rows = [r for r in labels if r.get("split", "-") == part]
        tp = fp = fn = tn = 0
        misses, alarms, debatable = [], [], []
        for r in rows:
            kinds = every[r["doc"]].get(r["index"], [])
            said = bool(kinds)
            if r["label"] == "debatable":
                debatable.append((r, kinds))
                continue
            loss = r["label"] == "loss"
            tp += said and loss
            fp += said and not loss
            fn += loss and not said
            tn += not loss and not said
            if loss and not said:
                misses.append(r)
            if said and not loss:
                alarms.append((r, kinds))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"  {part:8} labelled {len(rows):4} (loss {tp + fn}, ok {fp + tn}, debatable "
            f"{len(debatable)}): flagged {tp + fp}, precision {precision:.3f} ({tp}/{tp + fp}), "
            f"recall {recall:.3f} ({tp}/{tp + fn}); debatable flagged "
            f"{sum(bool(k) for _, k in debatable)}"
        )
        for r in misses:
            source, translation = docs[r["doc"]][r["index"]][:2]
            print(
                f"      missed [{r.get('class', '')}] {r['doc']}#{r['index']}: "
                f"{source.strip()[:30]!r} → {translation.strip()[:60]!r}"
            )
        for r, kinds in alarms:
            source, translation = docs[r["doc"]][r["index"]][:2]
            print(
                f"      false alarm ({','.join(kinds)}) {r['doc']}#{r['index']}: "
                f"{source.strip()[:30]!r} → {translation.strip()[:60]!r}"
            )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", help="JSON labels of segments (see the module doc)")
    parser.add_argument("--split", help="only this split of the labels (tune | heldout)")
    args = parser.parse_args()
    docs = documents()
    every = silent_report(docs)
    if args.labels:
        data = json.loads(Path(args.labels).read_text(encoding="utf-8"))
        label_report(every, data["segments"], docs, args.split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
