"""Law citations in summaries: lines citing a law that does not exist, an article that
does not exist or a wrong 法令番号 get findings in the summary result (common finding
shape), through the real summarize pipeline with the scripted fake engine."""

from __future__ import annotations

from desk_assistant.llm.engine import LoadOptions
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.tasks.laws.summary_check import check_units
from desk_assistant.tasks.summarize import find_style, summarize_document, text_document

SOURCE = (
    "行政手続法第五条は、行政庁が審査基準を定めることを求めている。\n"
    "地方自治法第二条は、地方公共団体の事務を定める。\n"
)


def test_each_bad_citation_is_a_finding_on_its_line(law_store):
    units = [
        "行政手続法第五十条により審査基準を定める。",  # 行政手続法 has no 第50条
        "地方自治法第二条に定める事務である。",  # fine
        "同法第九百条の規定も関係する。",  # 同法 = 地方自治法: no 第900条
        "地方自治法（昭和二十二年法律第六十八号）による。",  # wrong 法令番号
        "都市計画法第二十九条の許可が要る。",  # not imported: not a finding
    ]
    found = check_units(units, law_store)
    assert [(f.unit, f.check, f.severity) for f in found] == [
        (0, "no-article", "warning"),
        (2, "no-article", "warning"),
        (3, "law-num", "warning"),
    ]
    assert "行政手続法第50条は存在しません" in found[0].message("ja")
    assert found[2].suggestion == "昭和二十二年法律第六十七号"
    assert found[0].to_dict()["kind"] == "law"


def test_the_summary_pipeline_reports_law_findings(default_law_store):
    style = find_style("bullets")
    final = "・行政手続法第五十条は審査基準を定める。\n・地方自治法第二条は事務を定める。"
    engine = FakeEngine(lambda prompt: final)
    engine.load("fake.gguf", LoadOptions(n_ctx=2048))
    result = summarize_document(engine, "few_shot", text_document(SOURCE), style, n_ctx=2048)
    law = [f for f in result.findings if f.kind == "law"]
    assert [(f.unit, f.check) for f in law] == [(0, "no-article")]
    assert result.verdict.review >= 1
    assert any(f["kind"] == "law" for f in result.to_dict()["findings"])


def test_no_law_data_no_law_findings(app_home):
    style = find_style("bullets")
    engine = FakeEngine(lambda prompt: "・行政手続法第五十条は審査基準を定める。")
    engine.load("fake.gguf", LoadOptions(n_ctx=2048))
    result = summarize_document(engine, "few_shot", text_document(SOURCE), style, n_ctx=2048)
    assert not [f for f in result.findings if f.kind == "law"]
