"""The CLI as a user runs it: a real process, real exit codes, no tracebacks."""

import json
import os
import struct
import subprocess
import sys

import pytest

from desk_assistant import paths


def run_cli(*args, lang="ja"):
    env = dict(os.environ, DESK_ASSISTANT_LANG=lang)
    proc = subprocess.run(
        [sys.executable, "-m", "desk_assistant", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_help_and_usage_errors_exit_2():
    ok = run_cli("--help")
    assert ok.returncode == 0 and "models" in ok.stdout and "selftest" in ok.stdout
    bad = run_cli("models", "frobnicate")
    assert bad.returncode == 2 and "エラー" in bad.stderr
    assert run_cli("--lang", "en", "nosuchcommand").returncode == 2


def test_models_list_empty_names_the_model_folder(app_home):
    empty = run_cli("models", "list")
    assert empty.returncode == 0 and str(paths.user_model_dir()) in empty.stdout


def test_models_list_json_and_verify(installed_demo):
    listed = json.loads(run_cli("models", "list", "--format", "json").stdout)
    [model] = listed["models"]
    assert (
        model["id"] == "gemma-3-270m-demo"
        and model["demo"]
        and model["prompt_format"] == "few_shot"
    )
    verified = run_cli("models", "verify", "--format", "json")
    assert verified.returncode == 0
    [result] = json.loads(verified.stdout)["results"]
    assert result["ok"] and result["sha256"] == model["sha256_expected"]


def test_verify_reports_a_tampered_model_in_both_languages(app_home):
    folder = paths.user_model_dir()
    folder.mkdir(parents=True)
    fake = folder / "gemma-3-270m-q4_k_m.gguf"  # the demo's file name, other bytes
    fake.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, 0))
    ja = run_cli("models", "verify")
    assert ja.returncode == 4 and "一致しません" in ja.stdout
    en = run_cli("--lang", "en", "models", "verify")
    assert en.returncode == 4 and "mismatch" in en.stdout


def test_missing_model_and_not_gguf_give_messages_not_tracebacks(tmp_path, app_home):
    missing = run_cli("generate", "--prompt", "x", "--model", str(tmp_path / "nope.gguf"))
    assert missing.returncode == 4 and "見つかりません" in missing.stderr
    bogus = tmp_path / "bogus.gguf"
    bogus.write_text("hello")
    en = run_cli("--lang", "en", "generate", "--prompt", "x", "--model", str(bogus))
    assert en.returncode == 4 and "Not a GGUF model file" in en.stderr
    none = run_cli("generate", "--prompt", "x")
    assert none.returncode == 4 and "使えるモデルがありません" in none.stderr


@pytest.mark.model
def test_selftest_and_generate_with_the_demo_model(installed_demo):
    report = run_cli("selftest", "--format", "json")
    assert report.returncode == 0, report.stdout + report.stderr
    data = json.loads(report.stdout)
    assert data["ok"] and [s["step"] for s in data["steps"]] == [
        "model_found",
        "sha256",
        "load",
        "generate",
        "offline",
    ]
    assert data["hardware"]["physical_cores"] >= 1 and data["hardware"]["backend"]
    assert data["security"]["offline"]["guard_active"]
    assert data["security"]["offline"]["network_attempts"] == 0
    assert data["model"]["sha256"] == data["model"]["expected_sha256"]
    text = run_cli("--lang", "en", "selftest")
    assert "Result: OK" in text.stdout and "Inference:" in text.stdout
    gen = run_cli(
        "generate",
        "--prompt",
        "Country: France\nCapital: Paris\n\nCountry: Japan\nCapital:",
        "--max-tokens",
        "3",
    )
    assert gen.returncode == 0 and "Tokyo" in gen.stdout


@pytest.mark.model
def test_selftest_report_file_for_it(installed_demo, tmp_path):
    target = tmp_path / "report.json"
    done = run_cli("selftest", "--report", str(target))
    assert done.returncode == 0
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["version"] and report["model"]["id"] == "gemma-3-270m-demo"
    assert report["security"]["policy"]["RequireModelHash"] in (True, False)
    again = run_cli("selftest", "--report", str(target))  # never overwrites a filed report
    assert again.returncode == 3 and str(target) in again.stderr


def test_an_internal_bug_prints_a_message_and_logs_the_traceback(app_home, monkeypatch, capsys):
    from desk_assistant import cli
    from desk_assistant.commands import models

    def boom(args):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(models, "cmd_list", boom)
    # The guard is permanent for a process: keep it out of the test runner.
    monkeypatch.setattr(
        "desk_assistant.security.offline.install_offline_guard", lambda *a, **k: None
    )
    monkeypatch.setattr(
        "desk_assistant.security.startup.install_offline_guard", lambda *a, **k: None
    )
    assert cli.main(["models", "list"]) == 4
    err = capsys.readouterr().err
    assert "内部エラー" in err and "Traceback" not in err
    log = paths.log_dir() / "crash.log"
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")


SAMPLE = paths.resources_dir() / "samples" / "notice_ja.docx"


def installed_demo_sha():
    from desk_assistant.llm.demo_model import demo_entry

    return demo_entry().sha256


@pytest.mark.model
def test_summarize_sample_notice_with_the_demo_model_writes_output_and_audit(
    installed_demo, tmp_path
):
    out = tmp_path / "summary.txt"
    done = run_cli(
        "summarize", str(SAMPLE), "--style", "3lines", "-o", str(out), "--format", "json"
    )
    [result] = json.loads(done.stdout)["results"]
    assert done.returncode == (1 if result["findings"] else 0), done.stderr
    assert result["demo_model"] and result["style"] == "3lines"
    # The file: the summary with each line's source (［第N段落］), then any grounding findings.
    lines = out.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    assert 1 <= len(lines) <= 3 and all(line.startswith("・") for line in lines)
    assert lines == result["summary_cited"].splitlines()
    # One job in the audit log ("started", then its outcome: issue 14 F5), chained and
    # intact; it holds the input's hash, not its text.
    verify = run_cli("audit", "verify", "--format", "json")
    assert verify.returncode == 0, verify.stdout
    log_text = "".join(p.read_text(encoding="utf-8") for p in paths.log_dir().rglob("*.jsonl"))
    records = [json.loads(line) for line in log_text.splitlines()]
    assert [(r["task"], r["outcome"]) for r in records] == [
        ("summarize", "started"),
        ("summarize", "findings" if result["findings"] else "ok"),
    ]
    assert records[1]["model_sha256"] == installed_demo_sha() and "停電" not in log_text
    again = run_cli("summarize", str(SAMPLE), "-o", str(out))
    assert again.returncode == 3 and "既にあります" in again.stderr  # never overwritten


def test_summarize_bad_inputs_are_reported_per_file(
    app_home, installed_demo, corpus_copy, tmp_path
):
    legacy = corpus_copy("bad02_moj_gyosei_bunsho_kaiji_seikyusho_legacy.doc")
    renamed = tmp_path / "renamed.docx"
    renamed.write_bytes(legacy.read_bytes())
    done = run_cli("summarize", str(renamed), str(tmp_path / "missing.docx"))
    assert done.returncode == 3 and "見つかりません" in done.stderr
    single = run_cli("--lang", "en", "summarize", str(renamed))
    assert single.returncode == 3
    assert "renamed.docx" in single.stdout + single.stderr
