"""Issue 8, end to end: real tasks with the real demo model, as a user runs them.

- the offline guard records zero network attempts across the tasks (the guard's
  attempt log is shared with the engine's child process);
- the same CLI runs inside `unshare -n` (a namespace with no network at all);
- a sentinel planted in the input document appears nowhere in plaintext under
  the app's data, config, cache and log folders afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

pytestmark = pytest.mark.model

SENTINEL = "機密センチネル七三甲"
TASKS = [
    ("summarize", ["--style", "3lines"]),
    ("proofread", ["--no-llm"]),
]


def _translate_available() -> bool:
    try:
        import desk_assistant.commands.translate  # noqa: F401
    except ImportError:
        return False
    return True


if _translate_available():
    TASKS.append(("translate", ["--to", "en"]))


def _document(folder: Path) -> Path:
    path = folder / "confidential.docx"
    doc = Document()
    doc.add_paragraph(f"本件は{SENTINEL}に関する連絡である。")
    doc.add_paragraph("会議は令和8年12月5日に開催し、予算は約120万円とする。")
    doc.save(path)
    return path


def _env(home: Path, guard_log: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DESK_ASSISTANT_HOME=str(home),
        DESK_ASSISTANT_GUARD_LOG=str(guard_log),
        DESK_ASSISTANT_LANG="ja",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _cli(args, env, prefix=()):
    return subprocess.run(
        [*prefix, sys.executable, "-m", "desk_assistant", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def _attempts(guard_log: Path) -> list[dict]:
    if not guard_log.exists():
        return []
    return [json.loads(line) for line in guard_log.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def home_with_demo(tmp_path, demo_gguf):
    home = tmp_path / "home"
    models = home / "data" / "models"
    models.mkdir(parents=True)
    try:
        os.link(demo_gguf, models / demo_gguf.name)
    except OSError:
        shutil.copy2(demo_gguf, models / demo_gguf.name)
    return home


def test_tasks_make_no_network_attempt_and_leave_no_plaintext(tmp_path, home_with_demo):
    from desk_assistant.security.leakcheck import find_plaintext

    source = _document(tmp_path)
    guard_log = tmp_path / "guard.jsonl"
    env = _env(home_with_demo, guard_log)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for task, extra in TASKS:
        out = out_dir / f"{task}.{'txt' if task == 'summarize' else 'docx'}"
        args = [task, str(source), *extra]
        if task != "proofread":
            args += ["-o", str(out)]
        done = _cli(args, env)
        assert done.returncode in (0, 1), f"{task}: {done.stderr}"
        assert "Traceback" not in done.stderr
    assert _attempts(guard_log) == []
    # Every app folder exists and was used (models, keys, audit log), yet holds no plaintext.
    folders = [home_with_demo / name for name in ("data", "config", "cache", "logs")]
    assert any(f.is_dir() and any(f.rglob("*")) for f in folders)
    assert find_plaintext(SENTINEL, folders) == []
    # ...and the audit log has one intact record per task.
    verify = _cli(["audit", "verify", "--format", "json"], env)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_guard_log_would_show_an_attempt(tmp_path, home_with_demo):
    # Guard the guard: the same set-up records a real attempt, so the zero above means something.
    guard_log = tmp_path / "guard.jsonl"
    code = (
        "from desk_assistant.security.offline import install_offline_guard\n"
        "import socket\n"
        "install_offline_guard()\n"
        "try:\n    socket.getaddrinfo('example.org', 443)\nexcept OSError:\n    pass\n"
    )
    subprocess.run(
        [sys.executable, "-c", code], env=_env(home_with_demo, guard_log), check=True, timeout=60
    )
    assert [a["event"] for a in _attempts(guard_log)] == ["socket.getaddrinfo"]


def _unshare_works() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "--", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(
    not _unshare_works(), reason="unshare -n not permitted here (needs root or user namespaces)"
)
def test_cli_runs_inside_a_namespace_without_network(tmp_path, home_with_demo):
    source = _document(tmp_path)
    env = _env(home_with_demo, tmp_path / "guard.jsonl")
    # Prove the namespace really has no network: even loopback is down there.
    probe = subprocess.run(
        [
            "unshare",
            "-n",
            "--",
            sys.executable,
            "-c",
            "import socket; s=socket.socket(); s.settimeout(1); s.connect(('127.0.0.1', 9))",
        ],
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "Network is unreachable" in probe.stderr
    for task, extra in TASKS:
        args = [task, str(source), *extra]
        if task != "proofread":
            args += ["-o", str(tmp_path / f"ns-{task}.{'txt' if task == 'summarize' else 'docx'}")]
        done = _cli(args, env, prefix=("unshare", "-n", "--"))
        assert done.returncode in (0, 1), f"{task}: {done.stderr}"
