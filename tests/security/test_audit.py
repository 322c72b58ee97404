"""Audit log: each kind of tampering is found at the right record."""

from __future__ import annotations

import json

import pytest

from desk_assistant.cli import main
from desk_assistant.errors import AuditLogMissingError
from desk_assistant.security import keys
from desk_assistant.security.audit import AuditLog, default_audit_path
from desk_assistant.security.policy import Policy

KEY = bytes(range(32))
SENTINEL = "機密センチネル文字列XYZZY"


@pytest.fixture
def log(tmp_path) -> AuditLog:
    source = tmp_path / "input.txt"
    source.write_text(SENTINEL, encoding="utf-8")
    audit = AuditLog(tmp_path / "logs" / "audit.jsonl", KEY)
    for i in range(5):
        audit.append(
            task="translate",
            input_path=source,
            model_id="gemma-3-270m",
            model_sha256="a" * 64,
            output_path=tmp_path / f"out{i}.docx",
            outcome="ok",
            duration_s=1.5 + i,
        )
    return audit


def lines(log: AuditLog) -> list[bytes]:
    return log.path.read_bytes().splitlines(keepends=True)


def write(log: AuditLog, parts: list[bytes]) -> None:
    log.path.write_bytes(b"".join(parts))


def test_intact_log_verifies_and_records_the_facts(log, tmp_path):
    result = log.verify()
    assert result.ok and result.records == 5 and result.line is None
    first = json.loads(lines(log)[0])
    assert first["seq"] == 1 and first["task"] == "translate" and first["outcome"] == "ok"
    assert first["input_sha256"] == __import__("hashlib").sha256(SENTINEL.encode()).hexdigest()
    assert first["model_sha256"] == "a" * 64 and first["duration_s"] == 1.5
    assert first["user"] and first["time"] and first["output_path"].endswith("out0.docx")


def test_log_never_holds_the_document_text(log):
    assert SENTINEL.encode() not in log.path.read_bytes()
    assert SENTINEL.encode() not in log.head_path.read_bytes()


@pytest.mark.parametrize("index", [0, 2, 4])
def test_flipped_byte_is_found_at_that_record(log, index):
    parts = lines(log)
    record = bytearray(parts[index])
    spot = record.index(b'"outcome":"ok"') + len(b'"outcome":"')
    record[spot] ^= 0x01  # "ok" -> "nk": still valid JSON, so the MAC must catch it
    parts[index] = bytes(record)
    write(log, parts)
    result = log.verify()
    assert not result.ok
    assert (result.line, result.reason) == (index + 1, "modified")


def test_any_single_byte_flip_is_detected(log):
    # Every byte position of one record, any breakage kind, always at line 3.
    original = lines(log)
    for offset in range(0, len(original[2]) - 1, 7):
        parts = list(original)
        record = bytearray(parts[2])
        record[offset] ^= 0x20
        parts[2] = bytes(record)
        write(log, parts)
        result = log.verify()
        assert not result.ok and result.line == 3, (offset, result)


def test_deleted_record_is_found(log):
    parts = lines(log)
    del parts[1]
    write(log, parts)
    result = log.verify()
    assert (result.ok, result.line, result.seq, result.reason) == (False, 2, 2, "sequence")


def test_deleted_first_record_is_found(log):
    write(log, lines(log)[1:])
    result = log.verify()
    assert (result.line, result.reason) == (1, "sequence")


def test_swapped_records_are_found(log):
    parts = lines(log)
    parts[2], parts[3] = parts[3], parts[2]
    write(log, parts)
    result = log.verify()
    assert (result.ok, result.line, result.reason) == (False, 3, "sequence")


def test_inserted_copy_of_a_record_is_found(log):
    parts = lines(log)
    parts.insert(3, parts[0])  # a replayed, validly MACed record
    write(log, parts)
    result = log.verify()
    assert (result.line, result.reason) == (4, "sequence")


def test_inserted_forged_record_is_found(log):
    parts = lines(log)
    forged = json.loads(parts[1])
    forged["seq"] = 3
    forged["prev"] = json.loads(parts[1])["mac"]
    parts.insert(2, (json.dumps(forged) + "\n").encode())
    write(log, parts)
    result = log.verify()
    assert (result.line, result.reason) == (3, "modified")


def test_records_cut_off_the_end_are_found(log):
    write(log, lines(log)[:3])
    result = log.verify()
    assert (result.ok, result.line, result.seq, result.reason) == (False, 4, 4, "truncated")
    assert "5" in result.message  # says how many there should be


def test_truncation_inside_the_last_record_is_found(log):
    data = log.path.read_bytes()
    log.path.write_bytes(data[:-40])
    result = log.verify()
    assert (result.line, result.reason) == (5, "malformed")


def test_emptied_log_is_found(log):
    log.path.write_bytes(b"")
    result = log.verify()
    assert (result.ok, result.line, result.reason) == (False, 1, "truncated")


def test_deleted_head_file_is_found(log):
    log.head_path.unlink()
    result = log.verify()
    assert (result.ok, result.reason) == (False, "head")


def test_appending_after_truncation_keeps_the_gap_visible(log, tmp_path):
    write(log, lines(log)[:3])
    log.append(task="summarize", outcome="ok")
    result = log.verify()
    assert not result.ok and result.line == 4


def test_wrong_key_fails_at_the_first_record(log):
    result = AuditLog(log.path, bytes(32)).verify()
    assert (result.ok, result.line, result.reason) == (False, 1, "modified")


def test_missing_log_is_a_clear_error(tmp_path):
    with pytest.raises(AuditLogMissingError) as info:
        AuditLog(tmp_path / "none.jsonl", KEY).verify()
    assert "none.jsonl" in info.value.message("en")


def test_default_path_follows_policy_log_directory(home, tmp_path):
    shared = tmp_path / "shared-logs"
    path = default_audit_path(Policy(log_directory=str(shared)))
    assert path.parent == shared and path.name.startswith("audit-")
    assert default_audit_path(Policy()).is_relative_to(home)


# -- CLI ---------------------------------------------------------------------


@pytest.fixture
def cli_log(memory_keyring, home) -> AuditLog:
    key = keys.load_or_create_key(keys.AUDIT_KEY).key
    log = AuditLog(default_audit_path(Policy()), key)
    for task in ("translate", "summarize", "proofread"):
        log.append(task=task, outcome="ok", duration_s=0.1)
    return log


def test_cli_verify_ok_and_broken(cli_log, capsys):
    assert main(["--lang", "en", "audit", "verify"]) == 0
    assert "intact (3 records" in capsys.readouterr().out
    parts = lines(cli_log)
    parts[0], parts[1] = parts[1], parts[0]
    write(cli_log, parts)
    assert main(["--lang", "en", "audit", "verify", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["line"] == 1 and report["reason"] == "sequence"


def test_cli_verify_without_key_is_a_message_not_a_traceback(memory_keyring, home, capsys):
    path = home / "x.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    assert main(["--lang", "en", "audit", "verify", "--log", str(path)]) == 4
    assert "not found" in capsys.readouterr().err


def test_cli_export_range_and_csv(cli_log, tmp_path, capsys):
    today = json.loads(lines(cli_log)[0])["time"][:10]
    out = tmp_path / "export.csv"
    code = main(
        ["audit", "export", "--from", today, "--to", today, "--format", "csv", "-o", str(out)]
    )
    assert code == 0
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("seq,time,user") and len(rows) == 4
    assert main(["audit", "export", "--to", "2000-01-01"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["audit", "export", "--from", "not-a-date"]) == 2


def test_crash_between_record_and_head_is_tolerated_once(log):
    old_head = log.head_path.read_bytes()
    log.append(task="translate", outcome="ok")
    log.head_path.write_bytes(old_head)  # as if the process died before updating the head
    assert log.verify().ok
    log.append(task="translate", outcome="ok")  # chains from the head: the gap shows
    assert not log.verify().ok


def test_concurrent_appends_keep_one_chain(tmp_path):
    import threading

    log = AuditLog(tmp_path / "c.jsonl", KEY)

    def worker(n: int) -> None:
        for _ in range(10):
            AuditLog(log.path, KEY).append(task=f"t{n}", outcome="ok")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = log.verify()
    assert result.ok and result.records == 40


def test_cli_verify_with_no_log_says_so(memory_keyring, home, capsys):
    # Issue 23: a fresh install (no log, no head file) is a state, not an error.
    assert main(["--lang", "en", "audit", "verify"]) == 0
    assert "No audit log yet" in capsys.readouterr().out
    # A log named explicitly that is not there stays an error.
    assert main(["--lang", "en", "audit", "verify", "--log", str(home / "none.jsonl")]) == 3
    assert "Audit log not found" in capsys.readouterr().err
