"""RemoteEngine against a real HTTP server on 127.0.0.1 (tests/llm/openai_stub.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from openai_stub import MODEL_ID, REPLY, StubProcess, allow_in_this_process, free_port

from desk_assistant.errors import (
    Cancelled,
    RemoteAuthError,
    RemoteModelMissingError,
    RemoteModelNotAllowedError,
    RemoteOverloadedError,
    RemotePolicyError,
    RemoteStreamBrokenError,
    RemoteTLSError,
    RemoteUnreachableError,
)
from desk_assistant.llm.engine import CancelToken, GenerationParams, generate
from desk_assistant.llm.remote import RemoteEngine, estimate_tokens
from desk_assistant.security.policy import load_policy
from desk_assistant.security.remote_endpoint import endpoint_from_policy, parse_endpoint

STUB = Path(__file__).with_name("openai_stub.py")


@pytest.fixture
def server():
    stub = StubProcess()
    yield stub
    stub.stop()


def engine_for(port: int, models=(MODEL_ID,), **kwargs) -> RemoteEngine:
    endpoint = parse_endpoint(f"http://127.0.0.1:{port}", models=models)
    return RemoteEngine(endpoint, api_key=kwargs.pop("api_key", lambda: None), **kwargs)


def loaded(port: int, **kwargs) -> RemoteEngine:
    engine = engine_for(port, **kwargs)
    engine.load(MODEL_ID)
    return engine


def test_raw_prompt_streams_pieces_from_completions(server):
    engine = loaded(server.port)
    info_ctx = engine.n_ctx
    pieces = list(
        engine.stream("日本語の文", GenerationParams(max_tokens=32, stop=("<|plamo:op|>",)))
    )
    assert len(pieces) > 3 and "".join(pieces) == REPLY
    sent = server.requests()[-1]
    assert sent["path"] == "/v1/completions"
    assert sent["body"]["prompt"] == "日本語の文" and sent["body"]["stream"] is True
    assert sent["body"]["stop"] == ["<|plamo:op|>"] and sent["body"]["temperature"] == 0.0
    assert engine.last_stats["prompt_tokens"] == 7 and engine.last_stats["completion_tokens"] > 3
    assert info_ctx == 8192  # from the server's model metadata


def test_chat_messages_go_to_chat_completions(server):
    engine = loaded(server.port)
    text = generate(engine, [{"role": "user", "content": "要約して"}])
    assert text == REPLY
    assert server.requests()[-1]["path"] == "/v1/chat/completions"
    assert server.requests()[-1]["body"]["messages"][0]["content"] == "要約して"


def test_cancel_mid_stream_stops_at_once(server):
    engine = loaded(server.port)
    cancel = CancelToken()
    got = []
    threading.Timer(0.5, cancel.cancel).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled):
        for piece in engine.stream("SLOW", cancel=cancel):
            got.append(piece)
    # The server would stream for 60 s; the socket was closed right after Cancel.
    assert time.perf_counter() - started < 2.0
    assert 1 <= len(got) <= 6


def test_stream_cut_without_done_is_a_clear_error(server):
    engine = loaded(server.port)
    got = []
    with pytest.raises(RemoteStreamBrokenError) as caught:
        for piece in engine.stream("CUT"):
            got.append(piece)
    assert got == [REPLY[:4], REPLY[4:8]]  # what arrived is kept by the caller
    assert "接続が生成の途中で切れました" in caught.value.message("ja")


def test_an_answer_ended_early_without_finish_reason_is_not_a_whole_answer(server):
    """llama-cpp-python's server (interrupt_requests, its default) ends a running stream
    with [DONE] when another request arrives: the text so far must not pass as the answer."""
    engine = loaded(server.port)
    with pytest.raises(RemoteStreamBrokenError) as caught:
        list(engine.stream("INTERRUPT"))
    assert "no finish_reason" in caught.value.message("en")
    assert "".join(engine.stream("x")) == REPLY and engine.last_stats["finish_reason"] == "stop"


@pytest.mark.parametrize("word,status", [("OVERLOAD", 429), ("BUSY", 503)])
def test_overloaded_server_is_named(server, word, status):
    engine = loaded(server.port)
    with pytest.raises(RemoteOverloadedError) as caught:
        generate(engine, word)
    assert f"HTTP {status}" in caught.value.message("en")
    # Generation is not retried: exactly one request reached the server.
    assert [r["path"] for r in server.requests()] == ["/v1/completions"]


def test_model_the_server_does_not_serve(server):
    engine = engine_for(server.port, models=(MODEL_ID, "llm-jp-3.1"))
    with pytest.raises(RemoteModelMissingError) as caught:
        engine.load("llm-jp-3.1")
    assert MODEL_ID in caught.value.message("en")


def test_model_outside_policy_is_refused_before_any_connection(server):
    engine = engine_for(server.port)
    with pytest.raises(RemoteModelNotAllowedError):
        engine.load("some-other-model")
    assert server.accepted() == 0


def test_api_key_is_sent_and_a_wrong_one_is_an_auth_error():
    stub = StubProcess("--api-key", "s3cret")
    try:
        with pytest.raises(RemoteAuthError) as caught:
            engine_for(stub.port, api_key=lambda: "wrong").load(MODEL_ID)
        assert "s3cret" not in caught.value.message("en") and "wrong" not in str(caught.value)
        assert generate(loaded(stub.port, api_key=lambda: "s3cret"), "x") == REPLY
    finally:
        stub.stop()


def test_token_counts_from_tokenize_and_estimate_without_it(server):
    engine = loaded(server.port)
    assert engine.count_tokens("abcdefgh") == 5  # the stub: len // 2 + 1
    assert server.requests()[-1]["path"] == "/tokenize"
    plain = StubProcess("--no-tokenize")
    try:
        other = loaded(plain.port)
        assert other.count_tokens("日本語abc") == estimate_tokens("日本語abc") == 4
    finally:
        plain.stop()


def test_unreachable_server_is_named():
    port = free_port()  # nothing listens there now
    allow_in_this_process(port)
    with pytest.raises(RemoteUnreachableError) as caught:
        engine_for(port).load(MODEL_ID)
    assert "接続できません" in caught.value.message("ja")


def test_server_killed_mid_stream_is_a_clear_error():
    stub = StubProcess()
    try:
        engine = loaded(stub.port)
        got = []
        with pytest.raises(RemoteStreamBrokenError) as caught:
            for piece in engine.stream("SLOW"):
                got.append(piece)
                if len(got) == 2:
                    os.kill(stub.proc.pid, signal.SIGKILL)
        assert len(got) >= 2
        assert "Your work so far is kept" in caught.value.message("en")
    finally:
        stub.stop()


def make_cert(tmp_path: Path, name: str) -> tuple[str, str]:
    cert, key = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return str(cert), str(key)


def cert_sha256(cert: str) -> str:
    import hashlib
    import ssl

    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(Path(cert).read_text())).hexdigest()


def test_tls_with_the_right_ca_or_pin_works_and_a_wrong_certificate_is_refused(tmp_path):
    good_cert, good_key = make_cert(tmp_path, "good")
    other_cert, _ = make_cert(tmp_path, "other")
    stub = StubProcess("--tls", good_cert, good_key)
    url = f"https://127.0.0.1:{stub.port}"
    try:

        def engine(**kw):
            return RemoteEngine(parse_endpoint(url, models=(MODEL_ID,), **kw), api_key=lambda: None)

        ok = engine(ca_bundle=good_cert)
        ok.load(MODEL_ID)
        assert generate(ok, "x") == REPLY
        assert ok.server_identity["certificate_sha256"] == cert_sha256(good_cert)
        pinned = engine(pin=cert_sha256(good_cert))
        pinned.load(MODEL_ID)
        with pytest.raises(RemoteTLSError):  # signed by another CA
            engine(ca_bundle=other_cert).load(MODEL_ID)
        with pytest.raises(RemoteTLSError) as caught:  # a pin that does not match
            engine(pin=cert_sha256(other_cert)).load(MODEL_ID)
        assert "pin" in caught.value.message("en")
        with pytest.raises(RemoteTLSError):  # system store: a self-signed cert is unknown
            engine().load(MODEL_ID)
        # Nothing was sent on the refused connections: only the two good loads and one generation.
        assert [r["path"] for r in stub.requests()] == ["/v1/completions"]
    finally:
        stub.stop()


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5:8080",  # clear text off the machine
        "http://localhost:8080",  # a name, not the loopback literal
        "ftp://10.0.0.5",
        "https://user:pw@10.0.0.5",
        "https://10.0.0.5/v1?x=1",
    ],
)
def test_policy_urls_that_are_refused(url):
    with pytest.raises(RemotePolicyError):
        parse_endpoint(url, models=(MODEL_ID,))


def test_endpoint_needs_models_and_a_valid_pin():
    with pytest.raises(RemotePolicyError):
        parse_endpoint("https://llm.example.lg.jp", models=())
    with pytest.raises(RemotePolicyError):
        parse_endpoint("https://llm.example.lg.jp", pin="abc", models=(MODEL_ID,))
    ep = parse_endpoint("https://LLM.example.lg.jp/v1/", pin="SHA256:" + "AB" * 32, models=("m",))
    assert (ep.url, ep.port, ep.pin_sha256) == ("https://llm.example.lg.jp:443", 443, "ab" * 32)


def test_policy_remote_keys_from_machine_sources_only(tmp_path, monkeypatch):
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(
        '{"RemoteEndpoint": "https://llm.example.lg.jp:8443", "RemoteModels": ["plamo"],'
        ' "RemoteCertificatePin": "' + "ab" * 32 + '"}',
        encoding="utf-8",
    )
    policy_file.chmod(0o644)
    machine = load_policy(files=[policy_file])
    endpoint = endpoint_from_policy(machine)
    assert endpoint.host == "llm.example.lg.jp" and endpoint.port == 8443
    assert endpoint.models == ("plamo",) and machine.problems == ()
    # The same keys from DESK_ASSISTANT_POLICY (a user can set it): ignored, reported.
    monkeypatch.setattr("desk_assistant.security.policy.system_policy_files", lambda: [])
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", str(policy_file))
    user = load_policy()
    assert user.remote_endpoint is None and endpoint_from_policy(user) is None
    assert any("RemoteEndpoint" in p for p in user.problems)
    # No keys at all: fully local.
    assert endpoint_from_policy(load_policy(files=[])) is None


def test_translate_and_summarize_end_to_end_over_the_remote_engine(server, tmp_path):
    from desk_assistant.documents import load, write_text_docx
    from desk_assistant.tasks.summarize import find_style, summarize
    from desk_assistant.tasks.translate import translate_document

    engine = loaded(server.port)
    path = tmp_path / "in.docx"
    write_text_docx(path, ["申請書を提出する。", "期限は五月末日である。"])
    result = translate_document(engine, "few_shot", load(path), source_lang="ja", target_lang="en")
    assert len(result.segments) == 2
    # The same checks run on the server's output: the stub answers half in Japanese,
    # so every segment keeps its source and says why.
    for segment in result.segments:
        assert segment.translation.startswith("【未翻訳・原文のまま / NOT TRANSLATED】")
        assert "not in the target language" in repr(segment), segment
    prompts = [r["body"]["prompt"] for r in server.requests() if r["path"] == "/v1/completions"]
    assert any("申請書を提出する。" in p for p in prompts)
    assert any("期限は五月末日である。" in p for p in prompts)
    summary = summarize(
        engine, "few_shot", "本庁舎は全館停電となる。", find_style("3lines"), n_ctx=4096
    )
    assert summary.text


def test_server_cut_mid_job_keeps_the_finished_segments(server, tmp_path):
    from desk_assistant.documents import load, write_text_docx
    from desk_assistant.errors import RemoteEngineError
    from desk_assistant.tasks.translate import translate_document

    engine = loaded(server.port)
    path = tmp_path / "in.docx"
    write_text_docx(path, ["申請書を提出する。", "CUT 期限は五月末日である。"])
    done = []
    with pytest.raises(RemoteEngineError) as caught:
        translate_document(
            engine, "few_shot", load(path), source_lang="ja", target_lang="en",
            on_segment=done.append,
        )  # fmt: skip
    assert "Your work so far is kept" in caught.value.message("en")
    assert len(done) >= 1


def test_server_error_detail_keeps_no_document_text():
    from io import BytesIO

    from desk_assistant.llm.remote import _error_detail

    body = '{"error": "context too long: 申請書を提出する。期限は五月末日である。"}'
    detail = _error_detail(BytesIO(body.encode()))
    assert "context too long" in detail and "申請書" not in detail and "五月" not in detail
