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
