"""The CLI's translate, summarize and proofread end to end against a real
OpenAI-compatible server: llama-cpp-python's `python -m llama_cpp.server` on the
demo model, on 127.0.0.1 over TLS with a certificate pin, named by machine policy.
The server names the model with its catalog id, so the app uses the catalog's
prompt format (few-shot) as it does locally. Few tests, each one server start."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from openai_stub import allow_in_this_process, free_port

from desk_assistant import cli
from desk_assistant.commands import common
from desk_assistant.documents import write_text_docx
from desk_assistant.errors import NetworkBlockedError
from desk_assistant.security import policy as policy_mod

for _module in ("fastapi", "uvicorn", "sse_starlette", "starlette_context", "pydantic_settings"):
    pytest.importorskip(_module)

pytestmark = pytest.mark.model
ALIAS = "gemma-3-270m-demo"  # the catalog id: few-shot prompts, as for the local file


def start_server(model: Path, port: int, *tls: str) -> subprocess.Popen:
    ssl_args = ["--ssl_certfile", tls[0], "--ssl_keyfile", tls[1]] if tls else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model),
         "--model_alias", ALIAS, "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "2048", "--n_threads", "1", *ssl_args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    allow_in_this_process(port)  # the guard a previous CLI run left in this process
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                pytest.fail("llama_cpp.server exited at start")
            time.sleep(0.5)
    proc.kill()
    pytest.fail("llama_cpp.server did not start")


def make_cert(folder: Path, name: str) -> tuple[str, str, str]:
    """(certificate, key, SHA-256 of the DER) for 127.0.0.1."""
    import hashlib
    import ssl

    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(cert.read_text())).hexdigest()
    return str(cert), str(key), digest


@pytest.fixture(scope="module")
def tls_server(demo_gguf, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key, pin = make_cert(folder, "server")
    _, _, other_pin = make_cert(folder, "other")
    port = free_port()
    proc = start_server(demo_gguf, port, cert, key)
    yield SimpleServer(f"https://127.0.0.1:{port}", port, pin, other_pin)
    proc.kill()
    proc.wait(10)


class SimpleServer:
    def __init__(self, url: str, port: int, pin: str, other_pin: str) -> None:
        self.url, self.port, self.pin, self.other_pin = url, port, pin, other_pin


@pytest.fixture
def machine_policy(tmp_path, monkeypatch):
    """The machine policy.json the CLI reads (the policy module's look-up redirected;
    deployment's is left alone so the test run is not made a production install)."""

    def put(**keys):
        path = tmp_path / "machine-policy.json"
        keys = {"LogDirectory": str(tmp_path / "logs"), **keys}
        path.write_text(json.dumps(keys), encoding="utf-8")
        monkeypatch.setattr(policy_mod, "system_policy_files", lambda: [path])

    return put


def audit(tmp_path) -> list[dict]:
    lines = []
    for path in sorted((tmp_path / "logs").glob("audit-*.jsonl")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_translate_summarize_proofread_over_a_pinned_tls_server(
    tls_server, machine_policy, tmp_path, capsys
):
    machine_policy(
        RemoteEndpoint=tls_server.url,
        RemoteCertificatePin=tls_server.pin,
        RemoteModels=[ALIAS],
        RemoteEngineUse="remote-only",
    )
    doc = tmp_path / "notice.docx"
    write_text_docx(doc, ["申請書を提出する。", "期限は五月末日である。"])
    out_doc = tmp_path / "notice.en.docx"
    code, out, err = run(capsys, "translate", doc, "--to", "en", "-o", out_doc, "--format", "json")
    assert code in (0, 1), err
    [result] = json.loads(out)["results"]
    assert result["endpoint"] == tls_server.url and result["model"] == ALIAS
    assert len(result["segments"]) == 2 and out_doc.exists()
    for segment in result["segments"]:  # translated, or kept in the source and flagged
        assert segment["translation"].strip()
    code, out, err = run(capsys, "summarize", doc, "--style", "3lines", "--format", "json")
    assert code in (0, 1), err
    data = json.loads(out)
    data = data["results"][0] if "results" in data else data
    assert data["endpoint"] == tls_server.url
    code, out, err = run(capsys, "proofread", doc, "--format", "json")
    assert code in (0, 1), err
    records = [r for r in audit(tmp_path) if r["task"] in ("translate", "summarize", "proofread")]
    assert len(records) == 6, records  # started + outcome of each task
    for record in records:
        assert record["endpoint"] == tls_server.url and record["model_id"] == ALIAS, record
    # remote-only: this PC is refused, clearly, before anything runs.
    code, _, err = run(capsys, "translate", doc, "--to", "en", "--engine", "local")
    assert code == 2 and "RemoteEngineUse" in err
    # The guard let the CLI reach the policy's server and nothing else.
    other = free_port()
    with pytest.raises(NetworkBlockedError):
        socket.create_connection(("127.0.0.1", other), 2)


def test_a_wrong_certificate_is_refused_before_any_document_is_sent(
    tls_server, machine_policy, tmp_path, capsys
):
    machine_policy(
        RemoteEndpoint=tls_server.url,
        RemoteCertificatePin=tls_server.other_pin,
        RemoteModels=[ALIAS],
    )
    doc = tmp_path / "a.docx"
    write_text_docx(doc, ["申請書を提出する。"])
    code, _, err = run(capsys, "--lang", "ja", "translate", doc, "--to", "en")
    assert code == 4 and "証明書" in err and "文書は送信していません" in err
    code, _, err = run(capsys, "--lang", "en", "summarize", doc)
    assert code == 4 and "certificate" in err and "Nothing was sent" in err
    # A model id the server does not serve: named, with what it serves.
    machine_policy(
        RemoteEndpoint=tls_server.url,
        RemoteCertificatePin=tls_server.pin,
        RemoteModels=[ALIAS, "plamo-2-translate"],
        RemoteModelTranslate="plamo-2-translate",
    )
    code, _, err = run(capsys, "--lang", "en", "translate", doc, "--to", "en")
    assert code == 4 and "plamo-2-translate" in err and ALIAS in err


def test_server_killed_mid_job_gives_a_clear_error_and_keeps_the_finished_segments(
    demo_gguf, machine_policy, tmp_path, capsys, monkeypatch
):
    port = free_port()
    proc = start_server(demo_gguf, port)
    url = f"http://127.0.0.1:{port}"
    machine_policy(RemoteEndpoint=url, RemoteModels=[ALIAS])
    doc = tmp_path / "long.docx"
    write_text_docx(doc, [f"第{n}条の規定により申請書を提出する。" for n in range(1, 9)])
    # Kill the server (SIGKILL) once two segments are done, from another thread.
    advance = common.Progress.advance

    def counting(self, step=1):
        advance(self, step)
        if self.done == 2 and proc.poll() is None:
            threading.Thread(target=proc.kill).start()

    monkeypatch.setattr(common.Progress, "advance", counting)
    try:
        code, _, err = run(capsys, "--lang", "en", "translate", doc, "--to", "en")
    finally:
        proc.kill()
        proc.wait(10)
    assert code == 4, err
    assert "inference server" in err and "Your work so far is kept" in err
    assert audit(tmp_path)[-1]["outcome"] != "ok"
    # The finished segments are in the job state: a rerun resumes after them.
    from desk_assistant.documents import load
    from desk_assistant.security.startup import secure_startup
    from desk_assistant.session import TaskSession
    from desk_assistant.settings import Settings
    from desk_assistant.tasks.translate import job_id_for

    settings = Settings.load()
    session = TaskSession(
        "translate", secure_startup(settings, on_warning=lambda _m: None), settings
    )
    job = session.job(job_id_for(load(doc), "ja", "en", ALIAS, None))
    assert job is not None and job.resumed >= 2
