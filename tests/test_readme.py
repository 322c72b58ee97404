"""The README's command lines work: every `desk-assistant …` line parses, and the
cheap ones (no model needed) run from a fresh copy of the checkout with a fresh
DESK_ASSISTANT_HOME, as a newcomer would run them."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desk_assistant import cli

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
# Subcommands that need no model and finish in seconds.
CHEAP = ("doctor", "models list", "extract", "audit verify", "styles list")


def readme_commands() -> list[str]:
    lines, in_block = [], False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_block = not in_block
            continue
        if in_block and line.strip().startswith("desk-assistant "):
            command = re.split(r"\s{2,}#", line.strip())[0].strip()
            lines.append(command)
    return lines


def _without_options_in_brackets(command: str) -> str:
    return re.sub(r"\s*\[[^\]]*\]", "", command)


def test_readme_has_the_newcomer_steps():
    text = README.read_text(encoding="utf-8")
    for needed in (
        "models install-demo",
        "DESK_ASSISTANT_HOME",
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "doctor",
        "--progress json",
        "原語,訳語,備考",
        "翻訳メモリ",
        "監査ログ",
    ):
        assert needed in text, needed
    assert text.index("# 文書アシスタント") < text.index("# Desk Assistant (English)")


def test_every_readme_command_line_parses():
    commands = readme_commands()
    assert len(commands) >= 12
    parser = cli.build_parser()
    for command in commands:
        argv = shlex.split(_without_options_in_brackets(command))[1:]
        try:
            parser.parse_args(argv)
        except SystemExit:  # a usage error: the README shows a line that does not work
            pytest.fail(f"README command line does not parse: {command}")


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory) -> Path:
    """The checkout as a clean clone would have it (tracked and new files, no build output)."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    target = tmp_path_factory.mktemp("checkout")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / name)
    return target


def test_cheap_readme_commands_run_from_a_fresh_checkout(fresh_copy, tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(fresh_copy),
        "DESK_ASSISTANT_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("DESK_ASSISTANT_LANG", None)
    env.pop("DESK_ASSISTANT_POLICY", None)
    ran = []
    for command in readme_commands():
        argv = shlex.split(_without_options_in_brackets(command))[1:]
        words = " ".join(a for a in argv if not a.startswith("-"))
        if not any(words.startswith(cheap) for cheap in CHEAP):
            continue
        files = [a for a in argv if re.search(r"\.(docx|pdf|txt|csv)$", a)]
        if any(not (fresh_copy / f).exists() for f in files):
            continue  # a placeholder such as 文書.docx
        done = subprocess.run(
            [sys.executable, "-m", "desk_assistant", *argv],
            cwd=fresh_copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        # doctor exits 1 when it finds a problem (a fresh home has no model): a finding.
        assert done.returncode in (0, 1), (command, done.stderr)
        assert "Traceback" not in done.stderr, command
        ran.append(words.split()[0])
    assert {"doctor", "models", "extract", "audit", "styles"} <= set(ran)
