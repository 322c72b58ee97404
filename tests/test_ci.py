""".ci/run passes only a run where tests ran and none failed or errored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _ci_with(tmp_path, output: str, status: int = 0) -> subprocess.CompletedProcess:
    fake = tmp_path / "bin" / "make"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\ncat <<'LOG'\n{output}\nLOG\nexit {status}\n")
    fake.chmod(0o755)
    env = os.environ | {"PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", str(REPO / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("output", "status", "ok"),
    [
        ("....\n4 passed, 2 skipped in 3.21s", 0, True),
        ("....\n4 passed, 2 skipped, 3 deselected in 1234.56s (0:20:34)", 0, True),
        ("F...\n1 failed, 3 passed in 3.21s", 1, False),
        ("no tests ran in 0.01s", 5, False),
        ("no tests ran in 0.01s", 0, False),
        ("2 passed, 1 error in 0.50s", 0, False),  # collection error, status lost
        ("", 0, False),
    ],
)
def test_ci_verdict(tmp_path, output, status, ok):
    result = _ci_with(tmp_path, output, status)
    assert (result.returncode == 0) == ok, result.stdout


def _pytest_on(tmp_path, code: str) -> subprocess.CompletedProcess:
    """Run pytest on one test file with tests/conftest.py loaded as a plugin."""
    (tmp_path / "test_probe.py").write_text(code, encoding="utf-8")
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(REPO / "tests"), str(REPO)])}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "conftest",
            "-p",
            "no:cacheprovider",
            str(tmp_path / "test_probe.py"),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_skip_that_hides_our_import_error_fails(tmp_path):
    result = _pytest_on(
        tmp_path,
        "import pytest\ndef test_x():\n    pytest.importorskip('desk_assistant.no_such_module')\n",
    )
    assert result.returncode == 1 and "1 failed" in result.stdout, result.stdout


def test_a_module_skipped_on_our_import_error_fails(tmp_path):
    result = _pytest_on(
        tmp_path,
        "import pytest\n"
        "pytest.importorskip('desk_assistant.no_such_module')\n"
        "def test_x():\n    pass\n",
    )
    assert result.returncode != 0, result.stdout


def test_other_skips_stay_skips(tmp_path):
    result = _pytest_on(
        tmp_path,
        "import pytest\ndef test_x():\n    pytest.importorskip('no_such_third_party_module')\n",
    )
    assert result.returncode == 0 and "1 skipped" in result.stdout, result.stdout
