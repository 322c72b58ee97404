"""The offline guard, exercised in a separate interpreter: audit hooks are permanent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("guard_probe.py")


def run_script(tmp_path: Path, mode: str) -> dict:
    env = dict(os.environ, DESK_ASSISTANT_HOME=str(tmp_path / "home"))
    env.pop("DESK_ASSISTANT_GUARD_LOG", None)
    (tmp_path / "home").mkdir(exist_ok=True)
    proc = subprocess.run(
        [sys.executable, str(PROBE), mode],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=str(Path(__file__).resolve().parents[2]),
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def guarded(tmp_path_factory) -> dict:
    return run_script(tmp_path_factory.mktemp("guarded"), "guard")


def test_without_guard_the_probe_does_reach_the_listener(tmp_path):
    # The control run: proves the guarded assertions below can fail.
    results = run_script(tmp_path, "none")
    assert results["create_connection"] == "allowed"
    assert results["raw_connect"] == "allowed"
    assert results["getaddrinfo_localhost"] == "allowed"
    assert results["server_accepted"] >= 1
    assert results["socketpair_lookalike"] == "works"


def test_guard_refuses_tcp_connect_and_nothing_reaches_the_listener(guarded):
    assert guarded["create_connection"] == "blocked"
    assert guarded["raw_connect"] == "blocked"
    assert guarded["urlopen"] == "blocked"
    assert guarded["http_client"] == "blocked"
    assert guarded["udp_sendto"] == "blocked"
    assert guarded["server_accepted"] == 0


def test_guard_refuses_name_resolution(guarded):
    assert guarded["getaddrinfo_remote"] == "blocked"
    assert guarded["getaddrinfo_localhost"] == "blocked"
    assert guarded["gethostbyname"] == "blocked"


def test_guard_counts_each_refusal(guarded):
    # eight probes in the parent, each refused once, at its first network step
    # (create_connection resolves its address first, so getaddrinfo refuses it)
    assert guarded["count"] == 9, guarded["attempts"]  # + the socketpair look-alike
    assert guarded["attempts"].count("socket.connect") == 1
    assert guarded["attempts"].count("socket.getaddrinfo") == 3
    assert guarded["attempts"].count("socket.sendto") == 1
    assert "urllib.Request" in guarded["attempts"]
    assert "http.client.connect" in guarded["attempts"]


def test_local_ipc_still_works(guarded):
    assert guarded["idempotent"] is True
    assert guarded["pipe"] is True
    assert guarded["af_unix"] is True


def test_loopback_socketpair_only_from_the_socket_module(guarded):
    assert guarded["socketpair_fallback"] == "works"
    assert guarded["socketpair_lookalike"] == "blocked"


def test_spawned_child_round_trip_and_child_guard(guarded):
    child = guarded["child"]
    assert guarded["child_exit"] == 0
    assert child["echo"] == "round trip"
    assert child["child_guard"] is True
    assert child["child_connect"] == "blocked"
    # The child's refusal reaches the parent's report through the shared attempt file.
    assert guarded["report_total"] == guarded["count"] + 1
    assert guarded["report_guard_active"] is True
    assert guarded["hf_offline"] == "1"
