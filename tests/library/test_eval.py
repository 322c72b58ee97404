"""The retrieval evaluation (bench/library_eval.py) as a test: recall@10 >= 0.90 on 82
questions with known answer passages (Diet records + the corpus documents they name)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "library_eval.py"


def _bench():
    spec = importlib.util.spec_from_file_location("library_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_recall_at_10_and_mrr(tmp_path, capsys):
    bench = _bench()
    if not (bench.SHARED / "diet").exists():
        pytest.skip("shared data not available")
    library, built = bench.build(tmp_path, docs="docx")
    assert built["failed"] == []
    questions = bench.load_questions("both")
    assert len(questions) >= 80
    result = bench.evaluate(library, questions, mode="auto")
    heldout = bench.metrics(result["ranks"][len(bench.load_questions("questions")) :])
    library.close()
    with capsys.disabled():
        print(f"\nlibrary eval: {bench.metrics(result['ranks'])}  held-out: {heldout}")
    assert result["recall@10"] >= 0.90, result["misses"]
    assert result["mrr"] >= 0.60
    assert heldout["recall@10"] >= 0.80  # 12 questions: one miss is 0.083


def test_the_judge_can_fail():
    # A wrong answer passage is not counted: the metric is not vacuous.
    bench = _bench()
    assert bench.metrics([None, None]) == {"recall@1": 0, "recall@5": 0, "recall@10": 0, "mrr": 0}
    assert bench.metrics([1, 11, None, 4])["recall@10"] == 0.5
