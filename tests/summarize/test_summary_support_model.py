"""The real demo model (Gemma 3 270M base) summarizing: whatever it writes, every
line without a source passage is a finding, and findings make the verdict 要確認
(the CLI turns that into exit code 1: test_summary_support.py, same code path).
Kept short (one call of at most 48 tokens, plus one retry): the CI machine is shared."""

from __future__ import annotations

import pytest

from desk_assistant.llm.engine import LoadOptions
from desk_assistant.llm.host import ProcessEngine
from desk_assistant.tasks.summarize import find_style, summarize

pytestmark = pytest.mark.model

NOTICE = (
    "法制審議会は、令和5年2月17日、商法（船荷証券等関係）等の改正に関する要綱を採択し、"
    "法務大臣に答申した。\n"
    "要綱は、電子船荷証券記録の制度を創設し、船荷証券と同一の効力を認めるものである。\n"
    "法務省は、答申を踏まえ、法律案を国会に提出する予定である。"
)


def test_real_model_summary_lines_without_source_are_findings(demo_gguf):
    engine = ProcessEngine()
    try:
        engine.load(demo_gguf, LoadOptions(n_ctx=1024))
        result = summarize(
            engine, "few_shot", NOTICE, find_style("3lines"), n_ctx=1024, max_tokens=48
        )
    finally:
        engine.close()
    cited = {c.unit for c in result.citations}
    flagged = {f.unit for f in result.findings}
    claims = [n for n, u in enumerate(result.units) if len(u.strip("・- ")) >= 6]
    # Every line with no source passage behind it carries a finding.
    assert all(n in cited or n in flagged for n in claims), result
    assert (result.verdict.status == "review") == bool(result.findings)
    assert result.model_calls == (2 if result.retried else 1)
