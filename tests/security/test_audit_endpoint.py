"""Audit records of a job run on the policy's inference server name that server."""

from __future__ import annotations

import json

from desk_assistant.security.audit import AuditLog

KEY = bytes(range(32))


def test_remote_job_records_name_the_endpoint_and_local_ones_do_not(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl", KEY)
    with log.start(task="translate", model_id="plamo-2-translate", endpoint="https://llm:8443"):
        pass
    with log.start(task="translate", model_id="demo"):
        pass
    records = [json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines()]
    assert [r.get("endpoint") for r in records] == ["https://llm:8443"] * 2 + [None, None]
    assert all("endpoint" not in r for r in records[2:])  # local records keep their shape
    assert log.verify().ok
    # The endpoint is under the MAC: rewriting it breaks the chain.
    lines = log.path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("https://llm:8443", "https://elsewhere:8443")
    log.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not log.verify().ok
