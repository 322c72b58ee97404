"""≥ 80 real citations collected from the shared statutes and corpus documents resolve
to the reviewed answer (tests/laws/data/citations_gold.tsv; tools/collect_law_citations.py
collected them, a reviewer confirmed each expected resolution by reading the law)."""

from __future__ import annotations

from .gold import evaluate, load_gold

GOAL = 0.95


def test_collected_citations_resolve(law_store, capsys):
    rows = load_gold()
    assert len(rows) >= 80
    assert {r.kind for r in rows} == {"statute", "corpus"}
    results = evaluate(law_store, rows)
    wrong = [(r.id, r.surface, r.expected, got) for r, got in results if got != r.expected]
    rate = 1 - len(wrong) / len(results)
    resolved = sum(1 for r, _ in results if not r.expected.startswith(("status:", "none")))
    with capsys.disabled():
        print(
            f"\ncitation gold: {len(results) - len(wrong)}/{len(results)} correct "
            f"(rate {rate:.3f}; {resolved} resolve to an article, the rest to a status)"
        )
        for miss in wrong:
            print("  miss:", *miss)
    assert rate >= GOAL, wrong
