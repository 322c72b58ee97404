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
    assert all(f["location"].startswith(("p", "t")) for f in data["findings"])


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
