"""The engine protocol every task talks to, and the small types it uses.

An engine loads one GGUF model, streams text for a prompt (cancellable),
counts tokens and unloads. `ProcessEngine` (host.py) runs llama.cpp in a child
process; `FakeEngine` (fake.py) is scripted for unit tests.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

Message = dict  # {"role": "system"|"user"|"assistant", "content": str}
PromptInput = str | Sequence[Message]


@dataclass(frozen=True)
class LoadOptions:
    n_ctx: int = 4096
    n_threads: int = 0  # 0: physical cores
    n_gpu_layers: int = -1  # -1: all when the build can offload, else 0
    seed: int = 0
    # Sequences decoded together by `stream_batch` (0: auto from cores/GPU and memory;
    # 1: one at a time, as `stream`).
    n_seq: int = 0
    # With batching on, load with the kernels that make batched answers equal sequential
    # ones at temperature 0: no CPU weight repacking (its multi-token kernels round
    # differently from the one-token ones) and no tiled K-quant matmul (the same for
    # >= 8 tokens in a decode); see batching.py. Measured: 56/56 identical answers
    # (bench/batch_throughput.py --segments 56).
    exact_batches: bool = True

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class GenerationParams:
    max_tokens: int = 256
    temperature: float = 0.0
    top_p: float = 1.0
    top_k: int = 40
    repeat_penalty: float = 1.0
    stop: tuple[str, ...] = ()
    # Raw completion prompts: prepend the model's BOS token. Chat templates
    # usually write their own BOS, so the host decides for chat input.
    add_bos: bool = True
    seed: int = 0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["stop"] = list(self.stop)
        return data


@dataclass
class ModelRuntimeInfo:
    """What the engine reports after loading a model."""

    path: str
    n_ctx: int
    n_ctx_train: int = 0
    architecture: str = ""
    has_chat_template: bool = False
    n_threads: int = 0
    n_gpu_layers: int = 0
    gpu_offload_supported: bool = False
    backend: str = "CPU"
    n_seq: int = 1  # sequences `stream_batch` decodes together
    weight_repacking: bool = True  # off when exact batches were asked for
    exact_kernels: bool = False  # batched answers = sequential ones (LoadOptions.exact_batches)
    load_seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


class CancelToken:
    """Set from any thread (the GUI's Cancel button); engines check it between tokens."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class BatchEvent:
    """One step of `stream_batch`: a piece of prompt `index`'s output, or its end."""

    index: int
    text: str = ""
    done: bool = False  # this prompt is finished; `stats` like `last_stats`
    stats: dict = field(default_factory=dict)
    error: Exception | None = None  # this prompt failed alone (too long, bad template)


class BatchStream(Protocol):
    """Iterator of BatchEvent; `stop(index)` ends one prompt early (its done event
    follows, cancelled), `close()` ends them all. Raises errors.Cancelled when the
    cancel token fires."""

    def __iter__(self) -> Iterator[BatchEvent]: ...

    def __next__(self) -> BatchEvent: ...

    def stop(self, index: int) -> None: ...

    def close(self) -> None: ...


class Engine(Protocol):
    # Figures of the last completed `stream`: prompt_tokens, completion_tokens,
    # seconds, first_token_seconds, cancelled ({} before the first). Tasks add them
    # to their stats; selftest reports tokens per second.
    last_stats: dict
    # How many prompts `stream_batch` decodes at once (1: it runs them in order);
    # tasks batch independent work only when it is more than 1.
    parallel: int

    def load(self, model_path: Path, options: LoadOptions = LoadOptions()) -> ModelRuntimeInfo: ...

    def stream(
        self,
        prompt: PromptInput,
        params: GenerationParams = GenerationParams(),
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        """Yield text pieces. Raises errors.Cancelled when `cancel` fires."""
        ...

    def stream_batch(
        self,
        prompts: Sequence[PromptInput],
        params: GenerationParams | Sequence[GenerationParams] = GenerationParams(),
        cancel: CancelToken | None = None,
    ) -> BatchStream:
        """Independent prompts decoded together (several in flight); events of
        different prompts interleave. At temperature 0 a text can differ from what
        `stream` gives for that prompt alone (kernel rounding; see LoadOptions)."""
        ...

    def count_tokens(self, text: str) -> int: ...

    def unload(self) -> None: ...

    def close(self) -> None: ...


def generate(
    engine: Engine,
    prompt: PromptInput,
    params: GenerationParams = GenerationParams(),
    cancel: CancelToken | None = None,
) -> str:
    """The whole completion as one string."""
    return "".join(engine.stream(prompt, params, cancel))


def params_for(
    params: GenerationParams | Sequence[GenerationParams], count: int
) -> list[GenerationParams]:
    if isinstance(params, GenerationParams):
        return [params] * count
    params = list(params)
    if len(params) != count:
        raise ValueError("one GenerationParams per prompt")
    return params


class SequentialBatch:
    """`stream_batch` for an engine that decodes one prompt at a time (remote servers,
    older engines): the prompts run in order through `engine.stream`."""

    def __init__(self, engine, prompts, params, cancel: CancelToken | None = None) -> None:
        self._engine = engine
        self._prompts = list(prompts)
        self._params = params_for(params, len(self._prompts))
        self._cancel = cancel
        self._stopped: set[int] = set()
        self._gen = self._run()

    def __iter__(self) -> SequentialBatch:
        return self

    def __next__(self) -> BatchEvent:
        return next(self._gen)

    def stop(self, index: int) -> None:
        self._stopped.add(index)

    def close(self) -> None:
        self._gen.close()

    def _run(self) -> Iterator[BatchEvent]:
        from ..errors import Cancelled, EngineError

        for index, (prompt, params) in enumerate(zip(self._prompts, self._params, strict=True)):
            if index in self._stopped:
                yield BatchEvent(index, done=True, stats={"cancelled": True})
                continue
            pieces = self._engine.stream(prompt, params, self._cancel)
            try:
                for piece in pieces:
                    yield BatchEvent(index, piece)
                    if index in self._stopped:
                        break
            except Cancelled:
                raise
            except EngineError as err:
                if type(err).__name__ == "EngineCrashedError":
                    raise
                yield BatchEvent(index, done=True, error=err)
                continue
            finally:
                close = getattr(pieces, "close", None)
                if close is not None:
                    close()
            stats = dict(getattr(self._engine, "last_stats", {}) or {})
            if index in self._stopped:
                stats["cancelled"] = True
            yield BatchEvent(index, done=True, stats=stats)


def parallel_of(engine) -> int:
    """The engine's batch size; 1 for engines without batched decoding."""
    return max(int(getattr(engine, "parallel", 1) or 1), 1)


def stream_batch(
    engine: Engine,
    prompts: Sequence[PromptInput],
    params: GenerationParams | Sequence[GenerationParams] = GenerationParams(),
    cancel: CancelToken | None = None,
) -> BatchStream:
    """The engine's own batched decoding, or one prompt after another when it has none."""
    own = getattr(engine, "stream_batch", None)
    if own is not None:
        return own(prompts, params, cancel)
    return SequentialBatch(engine, prompts, params, cancel)


@dataclass
class BatchResult:
    text: str = ""
    stats: dict = field(default_factory=dict)
    error: Exception | None = None
    stopped: bool = False  # `watch` ended it early


def generate_batch(
    engine: Engine,
    prompts: Sequence[PromptInput],
    params: GenerationParams | Sequence[GenerationParams] = GenerationParams(),
    cancel: CancelToken | None = None,
    watch=None,
) -> list[BatchResult]:
    """Every prompt's whole completion. `watch(index, text_so_far) -> bool` may end a
    prompt early (a runaway answer); its text so far is kept and `stopped` set."""
    results = [BatchResult() for _ in prompts]
    if not results:
        return results
    stream = stream_batch(engine, prompts, params, cancel)
    try:
        for event in stream:
            result = results[event.index]
            if event.done:
                result.stats, result.error = event.stats, event.error
                continue
            if result.stopped:
                continue
            result.text += event.text
            if watch is not None and watch(event.index, result.text):
                result.stopped = True
                stream.stop(event.index)
    finally:
        stream.close()
    return results
