"""Support and degeneration checks of summaries, with the scripted engine: unsupported
lines, copied style examples, repeats and the wrong language are findings (never a
clean exit), rejected output is asked for once more, and saved files carry the
verdict and the demo-model note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk_assistant import cli
from desk_assistant.documents import load, write_text_docx
from desk_assistant.llm import runtime
from desk_assistant.llm.catalog import ModelInfo
from desk_assistant.llm.engine import LoadOptions, ModelRuntimeInfo
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.llm.runtime import OpenModel
from desk_assistant.tasks.summarize import find_style, summarize
from desk_assistant.tasks.summarize.support import check_support, wrong_language

NOTICE = (
    "法制審議会は、令和5年2月17日、商法（船荷証券等関係）等の改正に関する要綱を採択し、"
    "法務大臣に答申した。\n"
    "要綱は、電子船荷証券記録の制度を創設し、船荷証券と同一の効力を認めるものである。\n"
    "法務省は、答申を踏まえ、法律案を国会に提出する予定である。"
)
GOOD = (
    "・法制審議会は令和5年2月17日に要綱を採択し、法務大臣に答申した。\n"
    "・要綱は電子船荷証券記録の制度を創設する。\n"
    "・法務省は法律案を国会に提出する予定である。"
)
INVENTED = (
    "・市の図書館は来月から開館時間を延長し、夜間の利用者を増やす計画である。\n"
    "・駐車場の料金体系も見直され、住民の負担は軽くなる見込みである。"
)
EXAMPLE_COPY = (
    "・概要：市民会館大ホールを休館する。\n"
    "・経緯・理由：舞台設備の改修工事。\n"
    "・今後の対応：予約済みの催しには担当者から個別に連絡する。"
)


def engine_with(reply, n_ctx=4096):
    engine = FakeEngine(reply)
    engine.load("fake.gguf", LoadOptions(n_ctx=n_ctx))
    return engine


def kinds(result):
    return {f.kind for f in result.findings}


def test_a_faithful_summary_has_no_finding_and_a_clean_verdict():
    result = summarize(engine_with(GOOD), "few_shot", NOTICE, find_style("bullets"), n_ctx=4096)
    assert result.findings == [] and result.verdict.ok and not result.retried
    assert result.verdict.label("ja") == "問題なし"


def test_sentences_not_in_the_source_are_unsupported():
    result = summarize(engine_with(INVENTED), "few_shot", NOTICE, find_style("bullets"), n_ctx=4096)
    assert [(f.kind, f.unit) for f in result.findings] == [("unsupported", 0), ("unsupported", 1)]
    assert "原文に根拠が見つかりません" in result.findings[0].message()
    assert result.verdict.review == 2


def test_a_copied_style_example_is_rejected_retried_then_reported():
    engine = engine_with(EXAMPLE_COPY)
    result = summarize(engine, "few_shot", NOTICE, find_style("briefing"), n_ctx=4096)
    assert "example" in kinds(result) and result.retried
    assert len(engine.prompts) == 2 and engine.params[1].temperature > 0


def test_a_retry_that_fixes_the_output_is_used():
    engine = engine_with(["【件名】\n" * 60, GOOD])
    result = summarize(engine, "few_shot", NOTICE, find_style("bullets"), n_ctx=4096)
    assert result.retried and result.findings == [] and result.text.startswith("・法制審議会")


def test_repeats_are_found():
    repeated = "・要綱は電子船荷証券記録の制度を創設する。\n" * 4
    result = summarize(engine_with(repeated), "few_shot", NOTICE, find_style("bullets"), n_ctx=4096)
    assert "repeat" in kinds(result) and result.retried
    loop = "・法務省は法律案を提出する提出する提出する提出する提出する。"
    units = [loop]
    assert {f.kind for f in check_support(units, [], find_style("bullets"), NOTICE)} >= {"repeat"}


def test_an_english_summary_in_japanese_is_the_wrong_language():
    result = summarize(engine_with(GOOD), "few_shot", NOTICE, find_style("en_exec"), n_ctx=4096)
    assert "language" in kinds(result) and result.retried
    assert wrong_language("The council adopted the outline on February 17, 2023.", "ja")
    assert not wrong_language("The council adopted the outline on February 17, 2023.", "en")


# --- CLI: exit code 1, verdict, and the demo note in every saved file ------------------


@pytest.fixture
def fake_summarizer(monkeypatch):
    state: dict = {"reply": GOOD, "demo": True}
    info = ModelInfo(
        id="fake-general",
        path=Path("fake.gguf"),
        name="Fake",
        roles=("general",),
        prompt_format="few_shot",
        size=0,
    )

    def open_model(info, settings, engine=None, progress=None, policy=None):
        engine = engine_with(state["reply"])
        return OpenModel(info, engine, ModelRuntimeInfo(path="fake.gguf", n_ctx=4096), "0" * 64)

    monkeypatch.setattr(runtime, "resolve_model", lambda model, role, settings: info)
    monkeypatch.setattr(runtime, "open_model", open_model)
    monkeypatch.setattr(ModelInfo, "demo", property(lambda self: state["demo"]), raising=False)
    return state


@pytest.fixture
def notice_docx(tmp_path):
    path = tmp_path / "toshin.docx"
    write_text_docx(path, NOTICE.splitlines())
    return path


def test_cli_unsupported_summary_exits_1_with_findings_and_verdict(
    fake_summarizer, notice_docx, tmp_path, capsys
):
    fake_summarizer["reply"] = INVENTED
    out = tmp_path / "summary.txt"
    code = cli.main(["summarize", str(notice_docx), "-o", str(out), "--format", "json"])
    [result] = json.loads(capsys.readouterr().out)["results"]
    assert code == 1
    assert {f["kind"] for f in result["findings"]} == {"unsupported"}
    assert (
        result["verdict"]["status"] == "review" and result["verdict"]["label_ja"] == "要確認 2 件"
    )
    text = out.read_text(encoding="utf-8")
    assert "原文に根拠が見つかりません" in text and "判定: 要確認 2 件" in text
    assert "デモモデル" in text


def test_cli_saved_docx_keeps_the_demo_note_and_verdict(fake_summarizer, notice_docx, tmp_path):
    out = tmp_path / "summary.docx"
    code = cli.main(["summarize", str(notice_docx), "--style", "bullets", "-o", str(out)])
    assert code == 0
    written = [b.text for b in load(out).blocks]
    assert any("デモモデル" in t for t in written) and any("判定: 問題なし" in t for t in written)
