"""`desk-assistant proofread`: exit codes, JSON shape, docx input, bad input."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from desk_assistant import cli
from desk_assistant.commands import proofread as command
from desk_assistant.errors import DeskError

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """Parse with the subcommand's own parser and map errors as cli.main does."""
    parser = argparse.ArgumentParser()
    command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["proofread", *argv])
    try:
        code = args.handler(args)
    except DeskError as err:
        print(err.message(), file=__import__("sys").stderr)
        code = err.exit_code
    out, errout = capsys.readouterr()
    return code, out, errout


def test_registered_in_cli():
    assert "proofread" in cli.COMMAND_MODULES


def test_findings_exit_1_and_json(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("予算が不足している。\n従って、計画を見直す。\n", encoding="utf-8")
    code, out, _ = run([str(src), "--format", "json", "--no-llm"], capsys)
    assert code == 1
    data = json.loads(out)
    item = next(f for f in data["findings"] if f["rule"] == "conjunction-kana")
    text = src.read_text(encoding="utf-8")
    assert text[item["start"] : item["end"]] == "従って"
    assert item["source"] == "訓令" and item["suggestion"] == "したがって"


def test_clean_exit_0(tmp_path, capsys):
    src = tmp_path / "clean.txt"
    src.write_text("国及び地方公共団体は、必要な措置を講ずるものとする。", encoding="utf-8")
    code, out, _ = run([str(src)], capsys)
    assert code == 0 and "指摘はありません" in out


def test_text_report_and_max_sentence(tmp_path, capsys):
    src = tmp_path / "long.txt"
    sentence = "本市は、地域の防災体制を強化するため、自主防災組織の活動を支援し、住民の防災意識の向上を図るとともに、避難所の運営体制を整備する。"
    assert 50 < len(sentence) < 80
    src.write_text(sentence, encoding="utf-8")
    assert run([str(src)], capsys)[0] == 0
    code, out, _ = run([str(src), "--max-sentence", "50"], capsys)
    assert code == 1 and "[long-sentence]" in out and ":1:1:" in out


def test_shift_jis_text(tmp_path, capsys):
    src = tmp_path / "sjis.txt"
    src.write_bytes("すでに解決した。".encode("cp932"))
    code, out, _ = run([str(src)], capsys)
    assert code == 1 and "既に" in out


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus not found beside the repo")
def test_docx_input_has_block_locations(tmp_path, capsys):
    src = tmp_path / "faq.docx"
    shutil.copyfile(CORPUS / "docx07_gif_499_faq_short.docx", src)
    code, out, _ = run([str(src), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1 and data["findings"]
    locations = {b.location for b in __import__("desk_assistant").documents.load(src).blocks}
    assert all(f["location"] in locations for f in data["findings"])


def test_bad_docx_is_a_clear_error(tmp_path, capsys):
    src = tmp_path / "broken.docx"
    src.write_bytes(b"{\\rtf1 not a docx}")
    code, _, err = run([str(src)], capsys)
    assert code == 3 and "Word 文書" in err and "Traceback" not in err


def test_unsupported_and_missing(tmp_path, capsys):
    other = tmp_path / "x.pdf"
    other.write_bytes(b"%PDF-1.4")
    assert run([str(other)], capsys)[0] == 3
    assert run([str(tmp_path / "missing.txt")], capsys)[0] == 3


def test_unknown_rule_is_a_usage_error(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("テスト。", encoding="utf-8")
    code, _, err = run([str(src), "--disable", "no-such-rule"], capsys)
    assert code == 2 and "no-such-rule" in err


def test_list_rules(capsys):
    code, out, _ = run(["-", "--list-rules"], capsys)
    assert code == 0 and "conjunction-kana" in out and "訓令" in out


def test_no_model_means_rules_only_with_a_note(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("予算が不足している。従って、計画を見直す。", encoding="utf-8")
    code, out, err = run([str(src), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1 and data["llm"]["used"] is False and "LLM による提案なし" in err


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus not found beside the repo")
def test_output_docx_with_comments_then_tracked_changes(tmp_path, capsys):
    src = tmp_path / "faq.docx"
    shutil.copyfile(CORPUS / "docx07_gif_499_faq_short.docx", src)
    before = src.read_bytes()
    commented = tmp_path / "faq.校正.docx"
    code, out, _ = run([str(src), "--no-llm", "-o", str(commented), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1 and commented.exists() and src.read_bytes() == before
    assert (
        data["output"]["comments"] == len(data["findings"])
        and data["output"]["tracked_changes"] == 0
    )
    from .wordxml import comments

    assert len(comments(commented)) == len(data["findings"])
    tracked = tmp_path / "faq.修正.docx"
    code, out, _ = run([str(src), "--no-llm", "-o", str(tracked), "--track-changes"], capsys)
    assert code == 1 and "変更履歴" in out and tracked.exists()
    assert b"<w:ins " in __import__("zipfile").ZipFile(tracked).read("word/document.xml")
    # Never overwritten: the existing copy stays as it is.
    stamp = commented.read_bytes()
    code, _, err = run([str(src), "--no-llm", "-o", str(commented)], capsys)
    assert code == 3 and "既にあります" in err and commented.read_bytes() == stamp


def test_output_usage_errors(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("テスト。", encoding="utf-8")
    code, _, err = run([str(src), "--no-llm", "--track-changes"], capsys)
    assert code == 2 and "-o" in err
    code, _, err = run([str(src), "--no-llm", "-o", str(tmp_path / "out.docx")], capsys)
    assert code == 3 and ".docx" in err and not (tmp_path / "out.docx").exists()
    code, _, err = run([str(src), "--no-llm", "-o", str(tmp_path / "out.txt")], capsys)
    assert code == 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus not found beside the repo")
def test_pdf_input_is_proofread_by_page_blocks(tmp_path, capsys):
    src = tmp_path / "kunrei.pdf"
    shutil.copyfile(CORPUS / "pdf02_kunrei_koyobun_kanji_shiyo_2010.pdf", src)
    code, out, _ = run([str(src), "--no-llm", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    assert {f["location"].split("/")[0] for f in data["findings"]} == {"pdf"}
    # The Kangxi radicals of this PDF are normalised by the documents layer on load.
    assert not [f for f in data["findings"] if f["rule"] == "cjk-compatibility"]


def test_audit_record_per_file(tmp_path):
    import os
    import subprocess
    import sys

    from desk_assistant import paths

    good = tmp_path / "a.txt"
    good.write_text("予算が不足している。従って、計画を見直す。", encoding="utf-8")
    clean = tmp_path / "b.txt"
    clean.write_text("国及び地方公共団体は、必要な措置を講ずるものとする。", encoding="utf-8")
    bad = tmp_path / "c.docx"
    bad.write_bytes(b"{\\rtf1 not a docx}")
    done = subprocess.run(
        [sys.executable, "-m", "desk_assistant", "proofread", str(good), str(clean), str(bad)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    assert done.returncode == 3 and "Traceback" not in done.stderr
    log = "".join(p.read_text(encoding="utf-8") for p in paths.log_dir().rglob("*.jsonl"))
    records = [json.loads(line) for line in log.splitlines()]
    # Each file: a "started" record before the work, then its outcome (issue 14 F5).
    assert [(r["task"], r["outcome"]) for r in records] == [
        ("proofread", "started"),
        ("proofread", "findings"),
        ("proofread", "started"),
        ("proofread", "ok"),
        ("proofread", "started"),
        ("proofread", "error"),
    ]
    assert "予算" not in log  # the log holds hashes, not the text


def test_stdin_text(monkeypatch, capsys):
    import io

    data = "予算が不足している。\n従って、計画を見直す。\n".encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(["-", "--no-llm", "--format", "json"], capsys)
    [f] = json.loads(out)["findings"]
    assert code == 1 and (f["start"], f["end"], f["surface"]) == (11, 14, "従って")
    assert "location" not in f


def test_rules_file(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("予算が不足している。従って、すでに計画を見直した。", encoding="utf-8")
    rules = tmp_path / "rules.json"
    rules.write_text('{"disabled": ["conjunction-kana"], "max_sentence": 10}', encoding="utf-8")
    code, out, _ = run([str(src), "--no-llm", "--rules", str(rules), "--format", "json"], capsys)
    found = {f["rule"] for f in json.loads(out)["findings"]}
    assert code == 1 and "conjunction-kana" not in found
    assert {"adverb-kanji", "long-sentence"} <= found
    for bad in (
        '{"disabled": ["no-such-rule"]}',
        '{"max_sentance": 3}',
        "[1",
        '{"max_sentence": 3}',
    ):
        rules.write_text(bad, encoding="utf-8")
        code, _, err = run([str(src), "--no-llm", "--rules", str(rules)], capsys)
        assert code == 3 and "rules.json" in err and "Traceback" not in err, bad
