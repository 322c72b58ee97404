"""The retry policy, the kept-source mark, the verdict and the translation memory rule
(only clean segments are remembered), with the scripted engine."""

from __future__ import annotations

import json

from desk_assistant import cli
from desk_assistant.documents import load, write_text_docx
from desk_assistant.security.audit import default_audit_path
from desk_assistant.tasks.translate import InMemoryStore, TranslationMemory, translate_document
from desk_assistant.tasks.translate.pipeline import KEPT_MARK

from .conftest import make_engine, prompt_input, pseudo_english
from .test_cli import fake_model, run  # noqa: F401 - the CLI fixture

ADDRESSEE = "一般社団法人日本船主協会　代表理事会長　殿"
FAQ = "本書は、政府相互運用性フレームワーク（GIF）に関するよくある質問をまとめたものです。"
GOOD_FAQ = (
    "This document collects frequently asked questions about the Government "
    "Interoperability Framework (GIF)."
)


def doc_with(tmp_path, paragraphs, name="in.docx"):
    path = tmp_path / name
    write_text_docx(path, paragraphs)
    return load(path)


def test_a_hard_failure_is_retried_once_with_other_sampling_and_the_retry_is_used(tmp_path):
    replies = [
        "Mr. Mr",
        "To the Chairman and Representative Director, Japan Shipowners' Association",
    ]
    engine = make_engine(replies)
    doc = doc_with(tmp_path, [ADDRESSEE])
    # An addressee line alone has no kana (it would be detected as Chinese): say it is Japanese.
    result = translate_document(engine, "few_shot", doc, source_lang="ja", target_lang="en")
    [segment] = result.segments
    assert segment.origin == "model" and "Chairman" in segment.translation
    assert len(engine.params) == 2 and engine.params[1].temperature > 0  # other sampling
    assert result.stats["retries"] == 1 and result.stats["kept_source"] == 0
    assert result.verdict.ok


def test_a_segment_failing_twice_keeps_the_source_marked_and_says_so(tmp_path):
    engine = make_engine(lambda prompt: "Mr. Mr")
    doc = doc_with(tmp_path, [ADDRESSEE, "請求書を提出する。"])
    result = translate_document(engine, "few_shot", doc, target_lang="en")
    bad, _ = result.segments
    assert bad.origin == "failed"
    assert bad.translation_text.startswith(KEPT_MARK) and ADDRESSEE in bad.translation_text
    checks = [f.check for f in bad.findings]
    assert "names.addressee" in checks and "kept_source" in checks
    assert "原文のまま" in next(f for f in bad.findings if f.check == "kept_source").message("ja")
    verdict = result.verdict
    assert not verdict.ok and verdict.errors == 1 and verdict.label("ja").startswith("要確認")
    out = tmp_path / "out.docx"
    result.save(out)
    written = [b.text for b in load(out).blocks]
    assert any(KEPT_MARK in text and ADDRESSEE in text for text in written)


def test_a_long_paragraph_is_retried_sentence_by_sentence(tmp_path):
    two = "開示請求書は郵送で提出することができます。手数料は収入印紙で納付してください。"

    def reply(prompt):
        text = prompt_input(prompt)
        if text == two:
            return "The request may be sent. The request may be sent. The request may be sent."
        return {
            "開示請求書は郵送で提出することができます。": "The request for disclosure may be "
            "submitted by mail.",
            "手数料は収入印紙で納付してください。": "Please pay the fee with revenue stamps.",
        }[text]

    result = translate_document(
        make_engine(reply), "few_shot", doc_with(tmp_path, [two]), target_lang="en"
    )
    [segment] = result.segments
    assert segment.translation == (
        "The request for disclosure may be submitted by mail. Please pay the fee with "
        "revenue stamps."
    )
    assert result.verdict.ok and result.stats["retries"] == 1


def test_a_translation_with_findings_leaves_the_memory_unchanged(tmp_path):
    store = InMemoryStore(
        {"version": 1, "entries": {"既存の文。": {"target": "Old.", "origin": "mt"}}}
    )
    memory = TranslationMemory(store)
    lost_url = "詳細は https://www.digital.go.jp/resources/ を参照してください。"

    def reply(prompt):
        text = prompt_input(prompt)
        if text == FAQ:
            return GOOD_FAQ
        if text == lost_url:
            return "For details, see the website of the Digital Agency."
        return "Mr. Mr"  # the addressee, every time

    doc = doc_with(tmp_path, [FAQ, ADDRESSEE, lost_url, "部会長　山田太郎（東京大学教授）"])
    result = translate_document(
        make_engine(reply), "few_shot", doc, target_lang="en", memory=memory
    )
    flagged = [s for s in result.segments if any(f.severity != "info" for f in s.findings)]
    assert {s.source for s in flagged} >= {ADDRESSEE, lost_url}
    entries = store.data["entries"]
    assert set(entries) == {"既存の文。", FAQ}  # only the clean segment was added
    assert entries[FAQ]["target"] == GOOD_FAQ


def test_a_memory_entry_that_fails_the_checks_is_taken_out(tmp_path):
    store = InMemoryStore(
        {"version": 1, "entries": {ADDRESSEE: {"target": "Mr. Mr", "origin": "mt"}}}
    )
    memory = TranslationMemory(store)
    result = translate_document(
        make_engine(),
        "few_shot",
        doc_with(tmp_path, [ADDRESSEE]),
        source_lang="ja",
        target_lang="en",
        memory=memory,
    )
    assert result.segments[0].origin == "memory" and not result.verdict.ok
    assert ADDRESSEE not in store.data["entries"]


def test_checks_time_is_measured(tmp_path):
    result = translate_document(
        make_engine(), "few_shot", doc_with(tmp_path, [FAQ]), target_lang="en"
    )
    assert 0 < result.stats["check_seconds"] <= result.stats["seconds"]


# --- CLI ---------------------------------------------------------------------------


def test_cli_json_and_audit_carry_the_verdict(fake_model, tmp_path, capsys):  # noqa: F811
    fake_model["reply"] = lambda prompt: (
        "Mr. Mr" if "殿" in prompt_input(prompt) else pseudo_english(prompt_input(prompt))
    )
    source = tmp_path / "letter.docx"
    write_text_docx(source, [ADDRESSEE, "請求書を提出する。"])
    code, out, _ = run([source, "--to", "en", "--format", "json"], capsys)
    [result] = json.loads(out)["results"]
    assert code == 1
    assert result["verdict"]["status"] == "review" and result["verdict"]["review"] == 1
    assert result["verdict"]["label_ja"] == "要確認 1 件"
    records = [json.loads(line) for line in default_audit_path().read_text().splitlines()]
    [record] = [r for r in records if r["task"] == "translate" and r["outcome"] != "started"]
    assert record["outcome"] == "findings" and record["verdict"] == "要確認 1 件"


def test_cli_text_report_shows_the_verdict(fake_model, tmp_path, capsys):  # noqa: F811
    fake_model["reply"] = lambda prompt: GOOD_FAQ
    source = tmp_path / "faq.docx"
    write_text_docx(source, [FAQ])
    code, out, _ = run([source, "--to", "en"], capsys)
    assert code == 0 and "判定: 問題なし" in out


def test_cli_batch_table_shows_each_files_verdict(fake_model, tmp_path, capsys):  # noqa: F811
    fake_model["reply"] = lambda prompt: "Mr. Mr" if "殿" in prompt_input(prompt) else GOOD_FAQ
    letter, faq = tmp_path / "letter.docx", tmp_path / "faq.docx"
    write_text_docx(letter, [ADDRESSEE, FAQ])
    write_text_docx(faq, [FAQ])
    code, out, _ = run([letter, faq, "--to", "en", "--from", "ja"], capsys)
    assert code == 1
    table = out[out.rindex("ファイル") :]
    assert "要確認 1 件" in table and "問題なし" in table


def test_memory_purge_removes_entries_that_fail_the_checks(monkeypatch, capsys):
    from desk_assistant.commands import memory as command

    store = InMemoryStore(
        {
            "version": 1,
            "entries": {
                FAQ: {"target": GOOD_FAQ, "origin": "mt"},
                ADDRESSEE: {"target": "Mr. Mr", "origin": "mt"},
                "以上": {"target": "<h4>End</h4>", "origin": "mt"},
            },
        }
    )
    monkeypatch.setattr(command, "VaultStore", lambda vault, name: store)
    code = cli.main(["memory", "purge", "--from", "ja", "--to", "en", "--format", "json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out) == {"pair": "ja-en", "before": 3, "removed": 2}
    assert list(store.data["entries"]) == [FAQ]
    assert cli.main(["memory", "purge", "--from", "ja", "--to", "en", "--all"]) == 0
    assert store.data["entries"] == {}
