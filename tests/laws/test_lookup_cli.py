"""`laws show|search|list` on the shared laws: exact text with heading and caption,
definitions found for a defined term, versions listed, clear errors."""

from __future__ import annotations

import json

from desk_assistant import cli


def run(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_show_prints_heading_caption_and_exact_text(default_law_store, capsys):
    code, out, _ = run(capsys, "laws", "show", "行政手続法第5条")
    assert code == 0
    assert "行政手続法第5条" in out and "第二章　申請に対する処分" in out
    assert "（審査基準）\n第五条　行政庁は、審査基準を定めるものとする。" in out
    code, out, _ = run(
        capsys, "laws", "show", "地方自治法第二百五十二条の十七の二第一項", "--format", "json"
    )
    data = json.loads(out)
    assert data["citation"] == "地方自治法第252条の17の2第1項"
    assert data["text"].startswith("都道府県は、都道府県知事の権限に属する事務の一部を")
    assert data["version"] == "最終改正 令和七年五月三〇日法律第四七号"


def test_show_errors_are_messages(default_law_store, capsys):
    code, _, err = run(capsys, "laws", "show", "行政手順法第5条")
    assert code == 3 and "行政手続法" in err and "Traceback" not in err  # closest real name
    code, _, err = run(capsys, "laws", "show", "行政手続法第500条")
    assert code == 3 and "no_article" in err


def test_search_finds_the_definition_of_a_defined_term(default_law_store, capsys):
    code, out, _ = run(capsys, "laws", "search", "不利益処分", "--format", "json")
    hits = json.loads(out)["hits"]
    assert code == 0
    assert hits[0]["citation"] == "行政手続法第2条" and hits[0]["definition"] == "不利益処分"
    # a term defined in passing: 「…（以下「審査請求書」という。）」 style definitions too
    code, out, _ = run(capsys, "laws", "search", "許認可等", "--format", "json")
    first = json.loads(out)["hits"][0]
    assert first["definition"] == "許認可等" and first["citation"] == "行政手続法第2条"
    code, out, _ = run(
        capsys, "laws", "search", "審査請求期間", "--law", "行政不服審査法", "--format", "json"
    )
    assert all(h["citation"].startswith("行政不服審査法") for h in json.loads(out)["hits"])


def test_list_shows_each_version(default_law_store, capsys):
    code, out, _ = run(capsys, "laws", "list", "--format", "json")
    laws = {law["title"]: law for law in json.loads(out)["laws"]}
    assert len(laws) == 13
    assert laws["石綿障害予防規則"]["version_label"] == "2024-04-01 施行版"
    assert all(law["version_label"] for law in laws.values())


def test_without_law_data(capsys):
    code, _, err = run(capsys, "laws", "search", "処分")
    assert code == 3 and "laws import" in err
    code, out, _ = run(capsys, "laws", "list")
    assert code == 0 and "法令データはまだありません" in out
