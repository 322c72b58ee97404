"""textlint-ja conformance: every case of the 14 suites that maps to one of our rules.

- run: valid cases must give no finding of the mapped rule; invalid cases must give
  one (exactly `error_count` when the case states it). Positions are compared too
  and reported as a rate (textlint and Sudachi split words differently).
- different: the 訓令 / 法令 practice disagrees with textlint; the case asserts OUR
  behaviour (usually: no finding). Reasons are in conformance.py.
- skip: depends on Markdown structure, a textlint-only option or an unported rule.
Per-suite counts are printed at the end of the run (see conftest.py).
"""

from __future__ import annotations

import pytest

from .conformance import (
    CONFORMANCE,
    NOT_PORTED,
    OUR_EXPECTED,
    SUITES,
    classify,
    load_suite,
    our_starts,
    passes,
)

pytestmark = pytest.mark.skipif(
    not CONFORMANCE.is_dir(), reason="shared/conformance/textlint not found beside the repo"
)

RESULTS: dict[str, dict[str, int]] = {}


def _cases():
    if not CONFORMANCE.is_dir():
        return []
    out = []
    for suite, rule_id in SUITES.items():
        for case in load_suite(suite):
            out.append(pytest.param(suite, rule_id, case, id=f"{suite}:{case.id}"))
    return out


def _tally(suite: str, key: str) -> None:
    RESULTS.setdefault(
        suite, {"pass": 0, "fail": 0, "different": 0, "skip": 0, "pos_ok": 0, "pos_n": 0}
    )
    RESULTS[suite][key] += 1


@pytest.mark.parametrize(("suite", "rule_id", "case"), _cases())
def test_case(suite, rule_id, case):
    if rule_id is None:
        _tally(suite, "skip")
        pytest.skip(f"not ported: {NOT_PORTED[suite]}")
    kind, reason = classify(case)
    if kind == "skip":
        _tally(suite, "skip")
        pytest.skip(reason)
    if kind == "different":
        _tally(suite, "different")
        expected = OUR_EXPECTED.get((suite, case.id), [])
        assert our_starts(case, rule_id) == expected, f"deliberate difference ({reason})"
        return
    ok = passes(case, rule_id)
    _tally(suite, "pass" if ok else "fail")
    if ok and case.kind == "invalid" and case.indexes:
        RESULTS[suite]["pos_n"] += 1
        if sorted(our_starts(case, rule_id)) == sorted(case.indexes):
            RESULTS[suite]["pos_ok"] += 1
    assert ok, f"{case.kind} case: text={case.text!r} expected {case.error_count} finding(s)"


def test_every_ported_suite_runs_cases():
    """Guards against a mapping typo silently turning a suite into all-skips."""
    for suite, rule_id in SUITES.items():
        if rule_id is None:
            continue
        runnable = [c for c in load_suite(suite) if classify(c)[0] == "run"]
        assert runnable, suite
