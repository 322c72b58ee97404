"""stream_batch / generate_batch: the fake engine, the sequential fallback, the
process engine's pipe protocol (scripted child), and the auto batch size."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_assistant.errors import Cancelled, ContextOverflowError
from desk_assistant.llm import hardware
from desk_assistant.llm.engine import (
    CancelToken,
    GenerationParams,
    LoadOptions,
    SequentialBatch,
    generate,
    generate_batch,
    stream_batch,
)
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.llm.host import ProcessEngine

PROMPTS = ["一つ目の文。", "二つ目", "three", "第四条　本規程は公布の日から施行する。", "五"]


def reply(prompt: str) -> str:
    return f"<{prompt}>\nsecond line"


def loaded_fake(**kw) -> FakeEngine:
    engine = FakeEngine(reply, **kw)
    engine.parallel = 4
    engine.load("model.gguf")
    return engine


def test_fake_batch_gives_each_prompt_its_sequential_text_with_stops():
    params = GenerationParams(stop=("\n",))
    sequential = [generate(loaded_fake(), p, params) for p in PROMPTS]
    engine = loaded_fake()
    results = generate_batch(engine, PROMPTS, params)
    assert [r.text for r in results] == sequential == [f"<{p}>" for p in PROMPTS]
    assert engine.batches == [len(PROMPTS)]
    assert all(r.stats["completion_tokens"] == len(r.text) for r in results)


def test_fake_batch_interleaves_prompts_and_keeps_n_seq_in_flight():
    engine = loaded_fake()
    engine.parallel = 2
    order = [e.index for e in stream_batch(engine, PROMPTS) if not e.done]
    first_other = next(i for i, index in enumerate(order) if index != 0)
    assert first_other == 1  # prompt 1 streams between prompt 0's pieces
    assert 2 not in order[: order.index(2)] and order.index(2) > order.index(1)
    # never more than two prompts started before one finished
    assert set(order[:4]) == {0, 1}


def test_watch_stops_one_prompt_and_the_others_finish():
    engine = FakeEngine(lambda p: "ab" * 40 if p == "loop" else "fine answer")
    engine.parallel = 3
    engine.load("m.gguf")
    seen = []

    def watch(index: int, text: str) -> bool:
        seen.append(index)
        return index == 1 and len(text) >= 6

    results = generate_batch(engine, ["one", "loop", "three"], watch=watch)
    assert results[1].stopped and results[1].text == "ababab"
    assert results[1].stats["cancelled"] is True
    assert [results[0].text, results[2].text] == ["fine answer", "fine answer"]


def test_cancel_token_ends_the_whole_batch():
    engine = loaded_fake()
    cancel = CancelToken()
    stream = stream_batch(engine, PROMPTS, GenerationParams(), cancel)
    next(stream)
    cancel.cancel()
    with pytest.raises(Cancelled):
        list(stream)


class _StreamOnly:
    """An engine with `stream` only (a remote server): stream_batch runs it in order."""

    def __init__(self, engine: FakeEngine) -> None:
        self.inner = engine
        self.last_stats: dict = {}

    def stream(self, prompt, params=GenerationParams(), cancel=None):
        yield from self.inner.stream(prompt, params, cancel)
        self.last_stats = self.inner.last_stats


def test_engines_without_stream_batch_run_the_prompts_one_after_another():
    params = GenerationParams(stop=("\n",))
    engine = _StreamOnly(loaded_fake())
    stream = stream_batch(engine, PROMPTS, params)
    assert isinstance(stream, SequentialBatch)
    events = list(stream)
    indexes = [e.index for e in events]
    assert indexes == sorted(indexes)  # no interleaving
    texts = generate_batch(_StreamOnly(loaded_fake()), PROMPTS, params)
    assert [t.text for t in texts] == [f"<{p}>" for p in PROMPTS]
    assert all(t.stats.get("completion_tokens") for t in texts)


def test_one_params_per_prompt_or_one_for_all():
    engine = loaded_fake()
    per = [GenerationParams(max_tokens=n + 1) for n in range(len(PROMPTS))]
    generate_batch(engine, PROMPTS, per)
    assert [p.max_tokens for p in engine.params] == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError):
        generate_batch(engine, PROMPTS, per[:2])


def test_auto_batch_size_from_cores_gpu_and_memory():
    gib = 1024**3
    # CPU: one at a time (batching measured slower on 2 cores); GPU: 8
    assert hardware.choose_seqs(0, False, 2048, 18432, 16 * gib, cores=2) == 1
    assert hardware.choose_seqs(0, True, 2048, 18432, 16 * gib, cores=2) == 8
    assert hardware.choose_seqs(0, False, 2048, 18432, 16 * gib, cores=16) == 1
    assert hardware.choose_seqs(3, False, 2048, 18432, 16 * gib) == 3
    # a 10B model's cache (~200 KB a token) on a 4 GB-free laptop: fewer sequences
    assert hardware.choose_seqs(0, True, 2048, 196608, 4 * gib) == 1
    assert hardware.choose_seqs(8, False, 2048, 196608, 8 * gib, cores=4) == 1
    assert hardware.choose_seqs(8, False, 2048, 196608, 32 * gib, cores=4) == 8


@pytest.fixture
def scripted(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).parent))  # the spawned child imports it too
    import scripted_children

    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF" + b"\0" * 64)
    engine = ProcessEngine(child_target=scripted_children.echo_batch)
    engine.load(model)
    yield engine
    engine.close()


def test_process_engine_batch_protocol(scripted):
    prompts = ["abcdef", "too long", "xy", "hello world"]
    results = generate_batch(scripted, prompts)
    assert [r.text for r in results] == ["ABCDEF", "", "XY", "HELLO WORLD"]
    assert isinstance(results[1].error, ContextOverflowError)
    assert scripted.last_stats == {"batched": 4}
    # the engine is free again, and one job can be stopped while the others go on
    results = generate_batch(
        scripted, ["a" * 40, "b" * 10], watch=lambda i, text: i == 0 and len(text) >= 4
    )
    assert results[0].stopped and results[0].text == "AAAA"
    assert results[0].stats["cancelled"] is True
    assert results[1].text == "B" * 10


def test_process_engine_batch_cancel_then_next_call_works(scripted):
    cancel = CancelToken()
    stream = scripted.stream_batch(["a" * 200, "b" * 200], GenerationParams(), cancel)
    next(stream)
    cancel.cancel()
    with pytest.raises(Cancelled):
        list(stream)
    assert [r.text for r in generate_batch(scripted, ["ok", "fine"])] == ["OK", "FINE"]


def test_exact_batches_get_a_fresh_child_when_the_kernels_were_fixed_otherwise(
    tmp_path, monkeypatch
):
    # ggml fixes its matmul kernels per process: a child that first loaded without
    # batching cannot give exact batches later, so the host starts a new one.
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    import scripted_children

    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF" + b"\0" * 64)
    engine = ProcessEngine(child_target=scripted_children.kernel_choice)
    try:
        assert engine.load(model, LoadOptions(n_seq=1)).exact_kernels is False
        first = engine.pid
        info = engine.load(model, LoadOptions(n_seq=4))
        assert info.exact_kernels is True and info.n_seq == 4
        second = engine.pid
        assert second != first
        # Already exact: the same child loads again; asked not to be exact: no restart.
        assert engine.load(model, LoadOptions(n_seq=4)).exact_kernels is True
        assert engine.pid == second
        assert engine.load(model, LoadOptions(n_seq=4, exact_batches=False)).n_seq == 4
        assert engine.pid == second
    finally:
        engine.close()
