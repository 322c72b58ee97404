"""The real llama.cpp child process with the real demo model."""

import os
import signal
import threading
import time

import pytest

from desk_assistant.errors import (
    Cancelled,
    ContextOverflowError,
    EngineBusyError,
    EngineCrashedError,
    ModelNotFoundError,
    NoChatTemplateError,
    NotGGUFError,
    OutOfMemoryError,
)
from desk_assistant.llm import hardware, host
from desk_assistant.llm.engine import CancelToken, GenerationParams, LoadOptions, generate
from desk_assistant.llm.host import ProcessEngine

pytestmark = pytest.mark.model

FEW_SHOT = (
    "Country: France\nCapital: Paris\n\nCountry: Italy\nCapital: Rome\n\nCountry: Japan\nCapital:"
)


@pytest.fixture(scope="module")
def engine(demo_gguf):
    eng = ProcessEngine()
    eng.load(demo_gguf, LoadOptions(n_ctx=2048))
    yield eng
    eng.close()


def test_loads_and_generates_real_text(engine, demo_gguf):
    info = engine.info
    assert info.architecture == "gemma3" and info.n_ctx == 2048 and info.n_threads >= 1
    assert info.backend == "CPU" or info.gpu_offload_supported
    out = generate(engine, FEW_SHOT, GenerationParams(max_tokens=8, stop=("\n",)))
    assert out.strip() == "Tokyo"
    assert engine.last_stats["completion_tokens"] >= 1
    assert engine.count_tokens("Country: Japan") == 3
    assert engine.count_tokens("") == 0
    assert engine.pid != os.getpid()


def test_streaming_yields_several_pieces(engine):
    pieces = list(engine.stream("Once upon a time", GenerationParams(max_tokens=20)))
    assert len(pieces) >= 5 and all(isinstance(p, str) for p in pieces)


def test_cancel_mid_stream_within_half_a_second_and_engine_stays_usable(engine):
    token = CancelToken()
    pieces = []
    with pytest.raises(Cancelled):
        for piece in engine.stream("Once upon a time", GenerationParams(max_tokens=400), token):
            pieces.append(piece)
            if len(pieces) == 3:
                cancelled_at = time.monotonic()
                token.cancel()
    assert time.monotonic() - cancelled_at < 0.5
    assert len(pieces) == 3
    assert (
        generate(engine, FEW_SHOT, GenerationParams(max_tokens=8, stop=("\n",))).strip() == "Tokyo"
    )


def test_cancel_during_prompt_processing_from_another_thread(engine):
    # A long prompt keeps the child busy before the first token; the caller still returns fast.
    long_prompt = "本日の会議では予算について議論した。" * 150
    token = CancelToken()
    threading.Timer(0.05, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        list(engine.stream(long_prompt, GenerationParams(max_tokens=50), token))
    assert time.monotonic() - started < 0.55
    assert (
        generate(engine, FEW_SHOT, GenerationParams(max_tokens=8, stop=("\n",))).strip() == "Tokyo"
    )


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGSEGV])
def test_child_killed_mid_stream_gives_clean_error_and_recovers(engine, sig):
    old_pid = engine.pid
    pieces = []
    with pytest.raises(EngineCrashedError) as info:
        for piece in engine.stream("Once upon a time", GenerationParams(max_tokens=400)):
            pieces.append(piece)
            if len(pieces) == 2:
                os.kill(engine.pid, sig)
    assert sig.name in info.value.message("en")
    assert "推論プロセス" in info.value.message("ja")
    assert len(pieces) >= 2  # what streamed before the crash was delivered
    # The parent lives on; the next call starts a new child and reloads the model.
    assert (
        generate(engine, FEW_SHOT, GenerationParams(max_tokens=8, stop=("\n",))).strip() == "Tokyo"
    )
    assert engine.pid != old_pid


def test_context_overflow_and_missing_chat_template(engine):
    with pytest.raises(ContextOverflowError):
        generate(engine, "国民 " * 3000)
    with pytest.raises(NoChatTemplateError):
        generate(engine, [{"role": "user", "content": "hello"}])


def test_one_stream_at_a_time(engine):
    first = engine.stream("Once upon a time", GenerationParams(max_tokens=50))
    next(first)
    with pytest.raises(EngineBusyError):
        next(engine.stream("x"))
    first.close()  # abandoning a stream cancels it in the child
    assert (
        generate(engine, FEW_SHOT, GenerationParams(max_tokens=8, stop=("\n",))).strip() == "Tokyo"
    )


def test_load_errors_are_specific(tmp_path, demo_gguf, monkeypatch):
    eng = ProcessEngine()
    try:
        with pytest.raises(ModelNotFoundError):
            eng.load(tmp_path / "missing.gguf")
        bad = tmp_path / "model.gguf"
        bad.write_bytes(b"PK\x03\x04 not a model")
        with pytest.raises(NotGGUFError):
            eng.load(bad)
        # A file that claims to be GGUF but is damaged: the child reports, the parent lives.
        damaged = tmp_path / "damaged.gguf"
        damaged.write_bytes(demo_gguf.read_bytes()[:1_000_000])
        with pytest.raises(Exception) as info:
            eng.load(damaged)
        assert "damaged.gguf" in str(info.value)
        monkeypatch.setattr(hardware, "memory", lambda: (1 << 30, 100 << 20))
        with pytest.raises(OutOfMemoryError) as oom:
            eng.load(demo_gguf)
        assert "メモリ" in oom.value.message("ja") and "memory" in oom.value.message("en")
    finally:
        eng.close()


def test_describe_exit():
    assert host.describe_exit(-9).startswith("SIGKILL")
    assert "11" in host.describe_exit(11)
