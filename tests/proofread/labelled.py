"""The labelled evaluation set of issue 13: data/labelled_written.tsv (both usages of every
pair, written) and data/labelled_statutes.tsv (e-Gov statutes as written = ok, the same
sentence respelled as the 訓令 forbids = flag; build_labelled.py).

An item is "flagged" when a warning or error finding of its rule covers the target
word (rule "*": any rule). Info findings are hints ("漢字のままでよい場合がある"), not
corrections, so they do not count as flags. Sentence-level rules (doubled particles,
doubled words, 表記ゆれ) count anywhere in the sentence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FILES = ("labelled_written.tsv", "labelled_statutes.tsv")
SENTENCE_LEVEL = frozenset({"doubled-joshi", "doubled-word", "spelling-variants"})
FLAGGING = ("error", "warning")


@dataclass(frozen=True)
class Item:
    id: str
    split: str  # dev | held
    origin: str
    rule: str
    target: str
    start: int
    expect: str  # flag | ok
    text: str


def load_items() -> list[Item]:
    items = []
    for name in FILES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            id_, split, origin, rule, target, start, expect, text = line.split("\t")
            assert text[int(start) : int(start) + len(target)] == target, id_
            assert expect in ("flag", "ok") and split in ("dev", "held"), id_
            items.append(Item(id_, split, origin, rule, target, int(start), expect, text))
    return items


def flagged(item: Item, findings) -> bool:
    a, b = item.start, item.start + len(item.target)
    for f in findings:
        if f.severity not in FLAGGING or (item.rule != "*" and f.rule != item.rule):
            continue
        if item.rule in SENTENCE_LEVEL:
            return True
        spans = [(s, e) for _loc, s, e in f.places] or [(f.start, f.end)]
        if any(s < b and a < e for s, e in spans):
            return True
    return False


def evaluate(items: list[Item]) -> dict:
    """Per split: n, accuracy, over-flag (ok items flagged / ok items), recall, misses."""
    from desk_assistant.tasks.proofread import check_text

    out: dict = {}
    by_split: dict[str, list] = defaultdict(list)
    for item in items:
        got = flagged(item, check_text(item.text))
        by_split[item.split].append((item, got))
        by_split["all"].append((item, got))
    for split, pairs in by_split.items():
        ok = [(i, g) for i, g in pairs if i.expect == "ok"]
        bad = [(i, g) for i, g in pairs if i.expect == "flag"]
        wrong = [(i, g) for i, g in pairs if g != (i.expect == "flag")]
        per_rule = Counter(i.rule for i, _ in wrong)
        out[split] = {
            "n": len(pairs),
            "accuracy": 1 - len(wrong) / len(pairs),
            "overflag": sum(g for _, g in ok) / max(1, len(ok)),
            "recall": sum(g for _, g in bad) / max(1, len(bad)),
            "ok_items": len(ok),
            "flag_items": len(bad),
            "wrong": [i for i, _ in wrong],
            "wrong_by_rule": dict(per_rule),
        }
    return out
