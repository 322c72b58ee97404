"""Issue 13's labelled set: accuracy and over-flag on the dev and the held-out split."""

from __future__ import annotations

from collections import defaultdict

from .labelled import evaluate, load_items


def test_the_set_is_big_enough_and_has_both_usages_of_every_rule():
    items = load_items()
    assert len(items) >= 400
    usages = defaultdict(set)
    for item in items:
        usages[item.rule].add(item.expect)
    for rule, seen in usages.items():
        if rule != "*":  # proper nouns / wrong kana suggestions: only "ok" items exist
            assert seen == {"flag", "ok"}, rule
    assert sum(i.split == "held" for i in items) >= 150


def test_accuracy_and_over_flag_on_both_splits():
    result = evaluate(load_items())
    for split in ("dev", "held"):
        r = result[split]
        wrong = [(i.id, i.rule, i.expect, i.target) for i in r["wrong"]]
        assert r["accuracy"] >= 0.95, (split, wrong)
        assert r["overflag"] <= 0.05, (split, wrong)
