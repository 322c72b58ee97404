"""Hostile and broken files through the real CLI: never an internal error, a hang,
a memory blow-up, an invalid output, a changed input or invalid JSON.

The default run takes one light case per family (a CI-sized sample, about a
minute); DESK_TEST_FULL=1 runs every case (≥ 800, the same as bench/fuzz.py).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import fuzz_cases  # noqa: E402
import fuzz_runner  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
FULL = os.environ.get("DESK_TEST_FULL") == "1"
needs_corpus = pytest.mark.skipif(
    not (CORPUS / fuzz_cases.DOCX_SOURCES[0]).exists(), reason="shared corpus not available"
)


def _report(results) -> str:
    lines = [json.dumps(fuzz_runner.summarize(results), ensure_ascii=False)]
    for r in fuzz_runner.failures(results):
        lines.append(f"{r.case} {r.command}: {r.outcome} {r.problems} {r.stderr_tail[-400:]!r}")
    return "\n".join(lines)


def test_generator_is_deterministic_and_big_enough():
    if not (CORPUS / fuzz_cases.DOCX_SOURCES[0]).exists():
        pytest.skip("shared corpus not available")
    first = fuzz_cases.all_cases(CORPUS)
    second = fuzz_cases.all_cases(CORPUS)
    assert len(first) >= 800
    assert [c.id for c in first] == [c.id for c in second]
    for a, b in zip(first[:40:7], second[:40:7], strict=True):
        assert a.make() == b.make()
    assert len({c.family for c in fuzz_cases.sample(first, 1)}) == len({c.family for c in first})


def test_validator_rejects_a_broken_output(tmp_path):
    """The harness's output check must be able to fail (an entity left in a part)."""
    good = fuzz_cases.minimal_docx(fuzz_cases.body(fuzz_cases.para("本文")))
    path = tmp_path / "good.docx"
    path.write_bytes(good)
    assert fuzz_runner.validate_docx(path) == []
    bad = fuzz_cases.minimal_docx(fuzz_cases.body(fuzz_cases.para("&xxe;")))
    path = tmp_path / "bad.docx"
    path.write_bytes(bad)
    assert fuzz_runner.validate_docx(path)


@needs_corpus
@pytest.mark.fuzz
@pytest.mark.slow  # ~1.5 min: in `make test`, not in `make test-fast`
def test_fuzz_cases_end_cleanly(tmp_path):
    cases = fuzz_cases.all_cases(CORPUS)
    if not FULL:
        cases = fuzz_cases.sample(cases, per_family=1)
    runner = fuzz_runner.Runner(tmp_path / "work", jobs=2, timeout=fuzz_runner.TIMEOUT_S)
    fuzz_runner.preload()
    results = runner.run_cases(cases)
    assert len(results) == 3 * len(cases)
    bad = fuzz_runner.failures(results)
    assert not bad, _report(results)
    outcomes = {r.outcome for r in results}
    assert outcomes <= {"ok", "input_error"}
    assert "input_error" in outcomes and "ok" in outcomes  # both kinds really occur
