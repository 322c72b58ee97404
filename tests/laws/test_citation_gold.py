"""≥ 80 real citations collected from the shared statutes and corpus documents resolve
to the reviewed answer (tests/laws/data/citations_gold.tsv, collected by
tools/collect_law_citations.py, each expected resolution confirmed by reading the law),
plus a second sample first measured held out (citations_heldout.tsv: 35/40 before the
fixes it prompted). The rates are printed."""

from __future__ import annotations

from .gold import GOLD, HELD_OUT, HELD_OUT_2, HELD_OUT_3, evaluate, load_gold

GOAL = 0.95


def _rate(store, path, capsys) -> tuple[float, list]:
    rows = load_gold(path)
    results = evaluate(store, rows)
    wrong = [(r.id, r.surface, r.expected, got) for r, got in results if got != r.expected]
    rate = 1 - len(wrong) / len(results)
    resolved = sum(1 for r, _ in results if not r.expected.startswith(("status:", "none")))
    with capsys.disabled():
        print(
            f"\n{path.name}: {len(results) - len(wrong)}/{len(results)} correct (rate {rate:.3f};"
            f" {resolved} resolve to an article, the rest to a status such as unknown_law)"
        )
        for miss in wrong:
            print("  miss:", *miss)
    return rate, rows


def test_collected_citations_resolve(law_store, capsys):
    rate, rows = _rate(law_store, GOLD, capsys)
    assert len(rows) >= 80
    assert {r.kind for r in rows} == {"statute", "corpus"}
    assert rate >= GOAL


def test_second_sample_resolves(law_store, capsys):
    rate, rows = _rate(law_store, HELD_OUT, capsys)
    assert len(rows) >= 30 and rate >= GOAL


def test_held_out_sample_resolves(law_store, capsys):
    """citations_heldout2.tsv: drawn by anchors (so parser misses count), reviewed and first
    scored before any resolver change (the report gives that figure)."""
    rate, rows = _rate(law_store, HELD_OUT_2, capsys)
    assert len(rows) >= 80
    assert {r.kind for r in rows} == {"statute", "corpus", "html"}
    assert rate >= GOAL


def test_third_sample_resolves(law_store, capsys):
    """citations_heldout3.tsv: 60 statute anchors drawn after the heldout2 fixes, scored
    before any further change (59/60)."""
    rate, rows = _rate(law_store, HELD_OUT_3, capsys)
    assert len(rows) == 60 and rate >= GOAL
