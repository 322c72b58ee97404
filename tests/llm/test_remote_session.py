"""The task session chooses the remote engine when, and only when, machine policy
says so; the CLI's translate, summarize and proofread then run over the server and
every audit record names the endpoint and the model id. Server: the stdlib stub
(tests/llm/openai_stub.py) in its own process; the real llama.cpp server is in
test_remote_real_server.py."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from openai_stub import MODEL_ID, StubProcess

from desk_assistant import cli
from desk_assistant.documents import write_text_docx
from desk_assistant.errors import (
    EngineChoiceLockedError,
    RemoteModelNotAllowedError,
    RemoteNotConfiguredError,
)
from desk_assistant.security import policy as policy_mod
from desk_assistant.security.policy import Policy, apply_policy, load_policy
from desk_assistant.security.remote_endpoint import endpoint_from_policy, parse_endpoint
from desk_assistant.session import TaskSession
from desk_assistant.session.engines import choose_location
from desk_assistant.settings import Settings


@pytest.fixture
def server():
    stub = StubProcess()
    yield stub
    stub.stop()


def write_policy(tmp_path, **keys) -> str:
    path = tmp_path / "machine-policy.json"
    path.write_text(json.dumps(keys), encoding="utf-8")
    return str(path)


@pytest.fixture
def machine_policy(tmp_path, monkeypatch):
    """Writes the machine policy.json the CLI reads (the system location, redirected);
    its own LogDirectory, so the audit log read back is this test's alone."""

    def put(**keys):
        path = write_policy(tmp_path, LogDirectory=str(tmp_path / "logs"), **keys)
        # The policy module's look-up, not deployment's: deployment would also call this
        # a production install and turn on the process guard for the whole test run.
        monkeypatch.setattr(policy_mod, "system_policy_files", lambda: [Path(path)])
        return path

    return put


@pytest.fixture
def audit_records(tmp_path):
    def read() -> list[dict]:
        lines = []
        for path in sorted((tmp_path / "logs").glob("audit-*.jsonl")):
            lines += path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line]

    return read


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# --- the choice ---------------------------------------------------------------------

ENDPOINT = parse_endpoint("http://127.0.0.1:9", models=(MODEL_ID,))


@pytest.mark.parametrize(
    "use,wanted,expected",
    [
        ("user-choice", None, "remote"),
        ("user-choice", "auto", "remote"),
        ("user-choice", "local", "local"),
        ("user-choice", "remote", "remote"),
        ("remote-only", "auto", "remote"),
        ("remote-only", "local", EngineChoiceLockedError),
        ("local-only", "auto", "local"),
        ("local-only", "remote", EngineChoiceLockedError),
    ],
)
def test_policy_decides_where_inference_runs(use, wanted, expected):
    policy = Policy(remote_engine_use=use)
    if isinstance(expected, str):
        assert choose_location(policy, ENDPOINT, wanted) == expected
    else:
        with pytest.raises(expected) as caught:
            choose_location(policy, ENDPOINT, wanted)
        assert "RemoteEngineUse" in caught.value.message("en")
        assert "RemoteEngineUse" in caught.value.message("ja")


def test_without_an_endpoint_everything_is_local_and_asking_for_the_server_is_refused():
    for use in ("user-choice", "remote-only", "local-only"):
        assert choose_location(Policy(remote_engine_use=use), None, "auto") == "local"
    with pytest.raises(RemoteNotConfiguredError) as caught:
        choose_location(Policy(), None, "remote")
    assert "Nothing was sent" in caught.value.message("en")
    assert "文書は送信していません" in caught.value.message("ja")


def test_task_models_and_engine_use_come_from_machine_policy_only(tmp_path, monkeypatch):
    keys = {
        "RemoteEndpoint": "https://llm.example.lg.jp:8443",
        "RemoteModels": ["llm-jp-3.1-instruct"],
        "RemoteModelTranslate": "plamo-2-translate",
        "RemoteEngineUse": "remote-only",
    }
    policy = load_policy(files=[write_policy(tmp_path, **keys)])
    endpoint = endpoint_from_policy(policy)
    assert policy.remote_engine_use == "remote-only"
    # A task's model is allowed as if it were listed; tasks without a key use the summary
    # model (none here), else the first allowed id.
    assert endpoint.models == ("llm-jp-3.1-instruct", "plamo-2-translate")
    assert endpoint.model_for("translate") == "plamo-2-translate"
    assert endpoint.model_for("proofread") == "llm-jp-3.1-instruct"
    assert endpoint.model_for("library") == "llm-jp-3.1-instruct"
    # The user's own policy file cannot set them.
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", write_policy(tmp_path, **keys))
    user = load_policy()
    assert user.remote_engine_use == "user-choice" and user.remote_model_translate is None
    assert any("RemoteEngineUse" in p for p in user.problems)
    # An unreadable RemoteEngineUse keeps documents on the PC.
    bad = load_policy(files=[write_policy(tmp_path, **{**keys, "RemoteEngineUse": "cloud"})])
    assert bad.remote_engine_use == "local-only" and bad.problems


def test_it_locks_the_engine_setting_when_it_decides():
    settings = Settings()
    apply_policy(
        Policy(remote_endpoint="https://llm.example.lg.jp", remote_engine_use="local-only"),
        settings,
    )
    assert settings.get("engine.location") == "local" and settings.is_locked("engine.location")
    free = Settings()
    apply_policy(Policy(remote_endpoint="https://llm.example.lg.jp"), free)
    assert not free.is_locked("engine.location")


def test_session_resolves_the_task_model_on_the_server_with_its_catalog_format():
    endpoint = parse_endpoint("http://127.0.0.1:9", models=(MODEL_ID, "some-chat-model"))
    security = SimpleNamespace(policy=Policy(), remote_endpoint=endpoint)
    session = TaskSession("translate", security, Settings())
    info = session.resolve_model(None, "translate")
    assert info.remote == endpoint.url and info.id == MODEL_ID
    assert info.prompt_format == "plamo_translate"  # a catalog id: the catalog's format
    chat = session.resolve_model("some-chat-model", "translate")
    assert chat.prompt_format == "chat_template"  # unknown ids: the server's chat template
    with pytest.raises(RemoteModelNotAllowedError):
        session.resolve_model("gpt-4o", "translate")


# --- the CLI over the server ---------------------------------------------------------


def test_cli_tasks_run_on_the_server_and_every_audit_record_names_it(
    server, machine_policy, audit_records, tmp_path, capsys
):
    url = f"http://127.0.0.1:{server.port}"
    machine_policy(RemoteEndpoint=url, RemoteModels=[MODEL_ID])
    doc = tmp_path / "notice.docx"
    write_text_docx(doc, ["申請書を提出する。", "期限は五月末日である。"])

    code, out, err = run(capsys, "translate", doc, "--to", "en", "--format", "json")
    [result] = json.loads(out)["results"]
    assert result["endpoint"] == url and result["model"] == MODEL_ID, err
    # The same checks: the stub answers half in Japanese, so every segment is flagged.
    assert code == 1 and result["findings_count"] >= 2
    code, out, err = run(capsys, "summarize", doc, "--style", "3lines", "--format", "json")
    assert code in (0, 1), err
    data = json.loads(out)
    data = data["results"][0] if "results" in data else data
    assert data["endpoint"] == url
    code, out, err = run(capsys, "proofread", doc, "--format", "json")
    assert code in (0, 1), err
    prompts = [r["body"] for r in server.requests()]
    assert any("申請書を提出する。" in json.dumps(b, ensure_ascii=False) for b in prompts)
    records = [r for r in audit_records() if r["task"] in ("translate", "summarize", "proofread")]
    assert {r["task"] for r in records} == {"translate", "summarize", "proofread"}
    assert len(records) == 6  # started + outcome for each
    for record in records:
        assert record["endpoint"] == url and record["model_id"] == MODEL_ID, record
    # --engine local on the same machine: this PC, and its records name no server.
    code, _, err = run(capsys, "proofread", doc, "--engine", "local", "--no-llm")
    assert code in (0, 1), err
    assert "endpoint" not in audit_records()[-1]


def test_server_refused_by_policy_gets_no_connection(server, machine_policy, tmp_path, capsys):
    doc = tmp_path / "a.docx"
    write_text_docx(doc, ["申請書を提出する。"])
    machine_policy()  # no RemoteEndpoint: fully local
    code, _, err = run(capsys, "translate", doc, "--to", "en", "--engine", "remote")
    assert code == 2 and "文書は送信していません" in err
    url = f"http://127.0.0.1:{server.port}"
    machine_policy(RemoteEndpoint=url, RemoteModels=[MODEL_ID], RemoteEngineUse="local-only")
    code, _, err = run(capsys, "translate", doc, "--to", "en", "--engine", "remote")
    assert code == 2 and "RemoteEngineUse" in err
    machine_policy(RemoteEndpoint=url, RemoteModels=[MODEL_ID], RemoteEngineUse="remote-only")
    code, _, err = run(capsys, "summarize", doc, "--engine", "local")
    assert code == 2 and "RemoteEngineUse" in err
    machine_policy(RemoteEndpoint=url, RemoteModels=[MODEL_ID])
    code, _, err = run(capsys, "translate", doc, "--to", "en", "--model", "other-model")
    assert code == 2 or code == 4
    assert "other-model" in err
    assert server.accepted() == 0


def test_server_cut_mid_job_says_so_and_the_job_resumes_with_finished_segments(
    server, machine_policy, audit_records, tmp_path, capsys
):
    url = f"http://127.0.0.1:{server.port}"
    machine_policy(RemoteEndpoint=url, RemoteModels=[MODEL_ID])
    doc = tmp_path / "cut.docx"
    write_text_docx(doc, ["申請書を提出する。", "CUT 期限は五月末日である。"])
    code, _, err = run(capsys, "translate", doc, "--to", "en")
    assert code == 4
    assert "推論サーバーとの接続が生成の途中で切れました" in err and "作業中の内容は保持" in err
    outcome = audit_records()[-1]
    assert outcome["outcome"] != "ok" and outcome["endpoint"] == url
    code, _, err = run(capsys, "--lang", "en", "translate", doc, "--to", "en")
    assert "resuming (1 units already translated)" in err
    assert "connection to the inference server broke" in err


def test_cancel_mid_stream_of_a_session_opened_server_model_stops_at_once(server, tmp_path):
    import threading
    import time

    from desk_assistant.documents import load
    from desk_assistant.errors import Cancelled
    from desk_assistant.llm.engine import CancelToken
    from desk_assistant.tasks.translate import translate_document

    endpoint = parse_endpoint(f"http://127.0.0.1:{server.port}", models=(MODEL_ID,))
    session = TaskSession("translate", SimpleNamespace(policy=Policy(), remote_endpoint=endpoint))
    doc = tmp_path / "slow.docx"
    write_text_docx(doc, ["SLOW 申請書を提出する。"])  # the stub streams one piece per 0.2 s
    token = CancelToken()
    with session.open_model(session.resolve_model(None, "translate")) as opened:
        threading.Timer(1.0, token.cancel).start()
        started = time.monotonic()
        with pytest.raises(Cancelled):
            translate_document(
                opened.engine, opened.info.prompt_format, load(doc),
                source_lang="ja", target_lang="en", cancel=token,
            )  # fmt: skip
        assert time.monotonic() - started < 3.0  # the stream would run for 60 s
