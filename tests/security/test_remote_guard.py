"""The offline guard with a policy-named inference server: exactly that host:port opens.

Each case runs in its own interpreter (the guard is permanent); the servers run
in their own processes and count the connections they accepted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))
from openai_stub import REPLY, StubProcess  # noqa: E402

PROBE = Path(__file__).with_name("remote_guard_probe.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def servers():
    stub, other = StubProcess(), StubProcess()
    yield stub, other
    stub.stop()
    other.stop()


def run_probe(tmp_path: Path, policy: dict, url: str, other_port: int) -> dict:
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(json.dumps(policy), encoding="utf-8")
    policy_file.chmod(0o644)
    env = dict(os.environ, DESK_ASSISTANT_HOME=str(tmp_path / "home"))
    env.pop("DESK_ASSISTANT_GUARD_LOG", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    (tmp_path / "home").mkdir(exist_ok=True)
    proc = subprocess.run(
        [sys.executable, str(PROBE), str(policy_file), url, str(other_port)],
        capture_output=True, text=True, env=env, timeout=120, cwd=str(ROOT),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_policy_endpoint_is_reachable_and_nothing_else(tmp_path, servers):
    stub, other = servers
    url = f"http://127.0.0.1:{stub.port}"
    result = run_probe(
        tmp_path, {"RemoteEndpoint": url, "RemoteModels": ["plamo-2-translate"]}, url, other.port
    )
    assert result["allowed_addresses"] == ["127.0.0.1"]
    assert result["generate"] == REPLY
    for refused in (
        "other_port",
        "other_http",
        "other_family_addr",
        "dns_elsewhere",
        "udp_to_server",
    ):
        assert result[refused] == "blocked", refused
    assert other.accepted() == 0
    assert stub.accepted() >= 2  # the model list and the generation


def test_without_the_policy_key_the_guard_refuses_the_server(tmp_path, servers):
    stub, other = servers
    url = f"http://127.0.0.1:{stub.port}"
    result = run_probe(tmp_path, {"RetentionDays": 30}, url, other.port)
    assert result["generate"] == "RemoteEndpointNotAllowedError", result
    assert "Nothing was sent" in result["message"]
    assert stub.accepted() == 0 and other.accepted() == 0


STARTUP_PROBE = """
import json, sys
from desk_assistant import diagnostics
from desk_assistant.security.policy import load_policy
from desk_assistant.security.startup import secure_startup
ctx = secure_startup(policy=load_policy(files=[sys.argv[1]]), on_warning=lambda text: None)
remote = diagnostics.remote_engine_report(ctx.remote_endpoint) if ctx.remote_endpoint else None
print(json.dumps({"security": ctx.report()["remote_engine"], "probe": remote,
                  "warnings": ctx.warnings}, ensure_ascii=False))
"""


def run_startup(tmp_path: Path, policy: dict) -> dict:
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(json.dumps(policy), encoding="utf-8")
    policy_file.chmod(0o644)
    env = dict(os.environ, DESK_ASSISTANT_HOME=str(tmp_path / "home"))
    env.pop("DESK_ASSISTANT_GUARD_LOG", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(policy_file)],
        capture_output=True, text=True, env=env, timeout=120, cwd=str(ROOT),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_startup_opens_the_guard_and_the_report_names_the_server(tmp_path, servers):
    stub, _other = servers
    url = f"http://127.0.0.1:{stub.port}"
    result = run_startup(
        tmp_path, {"RemoteEndpoint": url, "RemoteModels": ["plamo-2-translate", "absent"]}
    )
    assert result["security"]["url"] == url and result["security"]["guard_allows"] == ["127.0.0.1"]
    assert result["probe"]["served_models"] == ["plamo-2-translate"]
    assert result["probe"]["allowed_models_missing"] == ["absent"]
    assert result["security"]["engine_use"] == "user-choice"
    assert result["security"]["task_models"] == {}
    # Without the key: fully local, nothing in the report, no connection.
    local = run_startup(tmp_path, {"RetentionDays": 30})
    assert local["security"] is None and local["probe"] is None
    # A clear-text URL off the machine: refused with a warning, stays local.
    bad = run_startup(tmp_path, {"RemoteEndpoint": "http://10.0.0.5:8080", "RemoteModels": ["m"]})
    assert bad["security"] is None and any("10.0.0.5" in w for w in bad["warnings"])
