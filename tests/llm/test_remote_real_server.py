"""RemoteEngine against a real OpenAI-compatible server: llama-cpp-python's
`python -m llama_cpp.server` on the demo model, started on 127.0.0.1 by the test."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import pytest
from openai_stub import allow_in_this_process, free_port

from desk_assistant.errors import Cancelled, RemoteModelMissingError
from desk_assistant.llm.engine import CancelToken, GenerationParams, generate
from desk_assistant.llm.remote import RemoteEngine
from desk_assistant.security.remote_endpoint import parse_endpoint

for _module in ("fastapi", "uvicorn", "sse_starlette", "starlette_context", "pydantic_settings"):
    pytest.importorskip(_module)

pytestmark = pytest.mark.model
ALIAS = "gemma-demo"


@pytest.fixture(scope="module")
def server(demo_gguf):
    port = free_port()
    allow_in_this_process(port)  # when another test's main() left the guard installed
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(demo_gguf),
         "--model_alias", ALIAS, "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "1024", "--n_threads", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("llama_cpp.server exited at start")
            time.sleep(0.5)
    yield port
    proc.kill()
    proc.wait(10)


def engine_on(port: int, models=(ALIAS,)) -> RemoteEngine:
    return RemoteEngine(
        parse_endpoint(f"http://127.0.0.1:{port}", models=models), api_key=lambda: None
    )


def test_real_server_streams_counts_and_cancels(server):
    engine = engine_on(server)
    engine.load(ALIAS)
    params = GenerationParams(max_tokens=12, stop=("\n",))
    pieces = list(engine.stream("The capital of France is", params))
    assert len(pieces) >= 2 and "".join(pieces).strip()
    # Temperature 0: the same prompt gives the same text.
    assert generate(engine, "The capital of France is", params) == "".join(pieces)
    assert engine.count_tokens("hello world") == 3  # BOS + 2 (llama-cpp-python /extras/tokenize)
    cancel = CancelToken()
    got = []
    with pytest.raises(Cancelled):
        for piece in engine.stream("Once upon a time", GenerationParams(max_tokens=200), cancel):
            got.append(piece)
            if len(got) == 2:
                threading.Thread(target=cancel.cancel).start()
    assert 2 <= len(got) <= 4


def test_real_server_wrong_model_id(server):
    engine = engine_on(server, models=(ALIAS, "plamo-2-translate"))
    with pytest.raises(RemoteModelMissingError) as caught:
        engine.load("plamo-2-translate")
    assert ALIAS in caught.value.message("en")
