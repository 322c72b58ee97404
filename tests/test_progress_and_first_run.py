"""Progress when stderr is not a terminal, --progress json, first-run states,
the key-file notice once per session, output files following the umask, doctor."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk_assistant import cli, errors, fileio
from desk_assistant.commands import common, notices

REPO = Path(__file__).resolve().parents[1]


class _Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_not_a_terminal_gets_plain_lines(monkeypatch):
    monkeypatch.setattr(common, "LINE_INTERVAL_S", 0.0)
    stream = _Pipe()
    bar = common.Progress(3, "translate a.docx", stream=stream, mode="auto")
    for _ in range(3):
        bar.advance()
    bar.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("translate a.docx: 1/3 (33%)")
    assert lines[-1].startswith("translate a.docx: 3/3 (100%)")
    assert "\r" not in stream.getvalue()


def test_plain_lines_are_throttled_but_the_end_is_always_said(monkeypatch):
    monkeypatch.setattr(common, "LINE_INTERVAL_S", 3600.0)
    stream = _Pipe()
    bar = common.Progress(100, "x", stream=stream)
    for _ in range(100):
        bar.advance()
    lines = stream.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == ["x: 1/100", "x: 100/100"]


def test_json_progress_is_one_object_per_line():
    stream = _Pipe()
    bar = common.Progress(2, "summarize", stream=stream, mode="json")
    bar.advance()
    bar.advance()
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(r["event"], r["done"], r["total"]) for r in records] == [
        ("progress", 1, 2),
        ("progress", 2, 2),
    ]


def test_a_bar_on_a_terminal_and_quiet_while_text_streams_there():
    stream = _Terminal()
    bar = common.Progress(2, "x", stream=stream)
    bar.advance()
    assert stream.getvalue().startswith("\rx [")
    quiet = _Terminal()
    streaming = common.Progress(2, "calls", stream=quiet, yields_to_stdout=True)
    streaming.advance()
    streaming.close()
    assert quiet.getvalue() == ""


def test_a_redirected_run_prints_progress(tmp_path):
    """A real process whose stderr is a file: it says how far it got."""
    from desk_assistant.commands import common as c

    script = (
        "import sys; from desk_assistant.commands import common as c\n"
        "c.LINE_INTERVAL_S = 0\n"
        "b = c.Progress(2, 'job')\n"
        "b.advance(); b.advance(); b.close()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1].startswith("job: 2/2 (100%)")
    assert c.PROGRESS_MODES  # the option's choices exist


@pytest.mark.parametrize("mode", ["auto", "json"])
def test_a_real_command_with_stderr_to_a_file_prints_progress(tmp_path, mode):
    """`proofread --no-llm` (no model needed) with stderr redirected, as a script runs it."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DESK_ASSISTANT_HOME": str(tmp_path / "home"),
        "DESK_ASSISTANT_LANG": "en",
    }
    sample = REPO / "resources" / "samples" / "notice_ja.docx"
    with open(tmp_path / "err.txt", "w") as err, open(tmp_path / "out.txt", "w") as out:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "desk_assistant",
                "--progress",
                mode,
                "proofread",
                "--no-llm",
                str(sample),
            ],
            stdout=out,
            stderr=err,
            env=env,
            timeout=300,
        )
    assert done.returncode in (0, 1)
    lines = (tmp_path / "err.txt").read_text(encoding="utf-8").splitlines()
    if mode == "json":
        records = [json.loads(line) for line in lines if line.startswith("{")]
        assert records[-1] == {
            "event": "progress",
            "label": "proofread notice_ja.docx",
            "done": 1,
            "total": 1,
            "eta_s": 0.0,
        }
    else:
        assert any(line.startswith("proofread notice_ja.docx: 1/1 (100%)") for line in lines)
    assert "\r" not in (tmp_path / "err.txt").read_text(encoding="utf-8")


def test_progress_option_reaches_the_commands(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(common, "progress_mode", "auto")  # restored after the test
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("本文です。\n", encoding="utf-8")
    assert cli.main(["--progress", "json", "extract", str(folder)]) == errors.EXIT_OK
    assert common.progress_mode == "json"


def test_fresh_install_audit_verify_is_a_state_not_an_error(capsys):
    code = cli.main(["audit", "verify"])
    captured = capsys.readouterr()
    assert code == errors.EXIT_OK
    assert "監査ログはまだありません" in captured.out
    assert "見つかりません" not in captured.out + captured.err
    assert cli.main(["--lang", "en", "audit", "verify", "--format", "json"]) == errors.EXIT_OK
    assert json.loads(capsys.readouterr().out)["state"] == "no_log_yet"


def test_a_deleted_audit_log_stays_an_error(capsys, app_home):
    from desk_assistant.security.audit import default_audit_path

    path = default_audit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_name(path.name + ".head").write_text("{}", encoding="utf-8")
    assert cli.main(["audit", "verify"]) == errors.EXIT_INPUT
    assert "監査ログが見つかりません" in capsys.readouterr().err


def test_one_key_file_notice_per_run(app_home):
    from desk_assistant.security.keys import _fallback_warning, fallback_key_path

    notices.new_run()
    vault_notice = _fallback_warning(fallback_key_path("vault-key"))
    audit_notice = _fallback_warning(fallback_key_path("audit-hmac-key"))
    out = io.StringIO()
    assert notices.show_notice(vault_notice, out)
    assert not notices.show_notice(audit_notice, out)  # same folder, same run: one notice
    notices.new_run()
    assert notices.show_notice(audit_notice, out)  # the security layer decides when it is due
    # Other notices (a policy problem) are shown as they come.
    assert notices.show_notice("policy HKLM: unknown key X", out)
    assert out.getvalue().count("\n") == 3


def test_the_key_file_notice_is_not_repeated_by_the_next_command(app_home, capsys):
    import keyring
    from keyring.backends import fail

    from desk_assistant.security.keys import fallback_key_path

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        cli.main(["audit", "verify"])  # fresh: no log yet, no key needed
        folder = str(fallback_key_path("x").parent)
        (app_home / "a.txt").write_text("本文です。\n", encoding="utf-8")
        cli.main(["extract", str(app_home / "a.txt")])
        first = capsys.readouterr().err
        cli.main(["extract", str(app_home / "a.txt")])
        second = capsys.readouterr().err
    finally:
        keyring.set_keyring(previous)
    assert first.count(folder) == 1  # vault and audit keys: one notice
    assert folder not in second


def test_outputs_follow_the_umask_unless_policy_says_owner_only(tmp_path, monkeypatch):
    from desk_assistant.documents import write_text_docx

    old = os.umask(0o022)
    try:
        write_text_docx(tmp_path / "shared.docx", ["本文"])
        assert (tmp_path / "shared.docx").stat().st_mode & 0o777 == 0o644
        fileio.atomic_write_text(tmp_path / "state.json", "{}")  # the app's own state
        assert (tmp_path / "state.json").stat().st_mode & 0o777 == 0o600
        monkeypatch.setattr(fileio, "owner_only_outputs", True)
        write_text_docx(tmp_path / "private.docx", ["本文"])
        assert (tmp_path / "private.docx").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_owner_only_outputs_policy_key_is_read():
    from desk_assistant.security.policy import Policy

    assert Policy().owner_only_outputs is False
    assert Policy().as_dict()["OwnerOnlyOutputs"] is False


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_doctor_reports_each_check_with_a_fix(capsys, lang, monkeypatch):
    from desk_assistant.commands import doctor

    monkeypatch.setattr(doctor, "find_japanese_fonts", lambda folders=None: [])
    monkeypatch.setattr(doctor, "missing_qt_libraries", lambda: ["libxcb-cursor0"])
    monkeypatch.setattr(doctor, "pyside_installed", lambda: True)
    code = cli.main(["--lang", lang, "doctor"])
    out = capsys.readouterr().out
    assert code == errors.EXIT_FINDINGS
    if sys.platform.startswith("linux"):
        assert "sudo apt install libxcb-cursor0" in out
    assert "fonts-noto-cjk" in out
    assert "install-demo" in out  # no model in a fresh home
    assert ("まだありません" if lang == "ja" else "none yet") in out  # audit log, TM: states
    code = cli.main(["--lang", lang, "doctor", "--format", "json"])
    checks = json.loads(capsys.readouterr().out)["checks"]
    assert {c["status"] for c in checks} <= {"ok", "note", "problem"}
    assert all(c["fix"] for c in checks if c["status"] == "problem")


def test_doctor_finds_fonts_in_a_folder(tmp_path):
    from desk_assistant.commands.doctor import find_japanese_fonts

    (tmp_path / "NotoSansCJK-Regular.ttc").write_bytes(b"")
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"")
    assert find_japanese_fonts([tmp_path]) == ["NotoSansCJK-Regular.ttc"]


def test_no_eta_is_claimed_before_the_first_step():
    """Before anything is done there is no rate: the line says the ETA is pending
    (it said 「残り約 0 秒」 at 0/1), json gives eta_s null, the end gives 0."""
    out = io.StringIO()
    progress = common.Progress(1, "要約", stream=out, mode="lines")
    progress.set(0)
    progress.advance()
    first, last = out.getvalue().splitlines()
    assert first == "要約: 0/1 (0%) 残り時間を推定中" and last == "要約: 1/1 (100%) 残り約 0 秒"
    out = io.StringIO()
    progress = common.Progress(2, "x", stream=out, mode="json")
    progress.set(0)
    progress.advance()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[0]["eta_s"] is None and isinstance(records[1]["eta_s"], float)
