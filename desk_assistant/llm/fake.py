"""A scripted engine for fast unit tests: no model, no child process.

Replies come from a list (consumed in order) or a function of the prompt; each
reply streams in pieces, checks the cancel token between pieces, and can be
told to crash after N pieces to exercise error paths. Tests change the script
mid-way with `reply_with(...)`; `last_stats` is filled like the real engine's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import Cancelled, EngineCrashedError, EngineNotLoadedError
from .engine import (
    BatchEvent,
    CancelToken,
    GenerationParams,
    LoadOptions,
    ModelRuntimeInfo,
    PromptInput,
    params_for,
)

Reply = str | Callable[[PromptInput], str]


class FakeEngine:
    def __init__(
        self,
        replies: Sequence[Reply] | Reply = "",
        *,
        piece_chars: int = 2,
        delay: float = 0.0,
        crash_after: int | None = None,
        n_ctx: int = 4096,
        chars_per_token: float = 1.0,
    ) -> None:
        self.reply_with(replies)
        self.piece_chars = piece_chars
        self.delay = delay
        self.crash_after = crash_after
        self.n_ctx = n_ctx
        self.chars_per_token = chars_per_token
        self.prompts: list[PromptInput] = []
        self.params: list[GenerationParams] = []
        self.loaded: Path | None = None
        self.last_stats: dict = {}
        self.parallel = 1  # stream_batch interleaves this many prompts (tests set more)
        self.batches: list[int] = []  # the size of every stream_batch call

    def reply_with(self, replies: Sequence[Reply] | Reply) -> None:
        """From now on, answer with `replies`: a list consumed in order (then ""), or
        one reply (a string, or a function of the prompt) for every prompt."""
        self._replies = list(replies) if isinstance(replies, (list, tuple)) else None
        self._default = replies if not isinstance(replies, (list, tuple)) else ""

    def load(self, model_path: Path, options: LoadOptions = LoadOptions()) -> ModelRuntimeInfo:
        self.loaded = Path(model_path)
        self.n_ctx = options.n_ctx
        return ModelRuntimeInfo(path=str(model_path), n_ctx=options.n_ctx, architecture="fake")

    def _reply_for(self, prompt: PromptInput) -> str:
        reply: Reply
        if self._replies is not None:
            reply = self._replies.pop(0) if self._replies else ""
        else:
            reply = self._default
        return reply(prompt) if callable(reply) else reply

    def stream(
        self,
        prompt: PromptInput,
        params: GenerationParams = GenerationParams(),
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        if self.loaded is None:
            raise EngineNotLoadedError()
        self.prompts.append(prompt)
        self.params.append(params)
        text = self._reply_for(prompt)
        for stop in params.stop:  # behave like llama.cpp: stop strings end the text
            if stop and stop in text:
                text = text[: text.index(stop)]
        pieces = [text[i : i + self.piece_chars] for i in range(0, len(text), self.piece_chars)]
        started = time.perf_counter()
        self.last_stats = {}
        for n, piece in enumerate(pieces):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            if self.crash_after is not None and n >= self.crash_after:
                raise EngineCrashedError(how="fake crash")
            if self.delay:
                time.sleep(self.delay)
            yield piece
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        self.last_stats = {
            "cancelled": False,
            "prompt_tokens": self.count_tokens(_prompt_text(prompt)),
            "completion_tokens": self.count_tokens(text),
            "seconds": time.perf_counter() - started,
            "first_token_seconds": 0.0,
        }

    def stream_batch(
        self,
        prompts: Sequence[PromptInput],
        params: GenerationParams | Sequence[GenerationParams] = GenerationParams(),
        cancel: CancelToken | None = None,
    ) -> _FakeBatch:
        """Up to `parallel` prompts in flight, their pieces interleaved round-robin (a
        finished one makes room for the next), each text as `stream` would give it."""
        if self.loaded is None:
            raise EngineNotLoadedError()
        self.batches.append(len(prompts))
        return _FakeBatch(self, list(prompts), params_for(params, len(prompts)), cancel)

    def count_tokens(self, text: str) -> int:
        return max(1, round(len(text) / self.chars_per_token)) if text else 0

    def unload(self) -> None:
        self.loaded = None

    def close(self) -> None:
        self.loaded = None


def _prompt_text(prompt: PromptInput) -> str:
    if isinstance(prompt, str):
        return prompt
    return "".join(str(m.get("content", "")) for m in prompt)


class _FakeBatch:
    def __init__(self, engine: FakeEngine, prompts, params, cancel) -> None:
        self.engine = engine
        self.prompts = prompts
        self.params = params
        self.cancel = cancel
        self.stopped: set[int] = set()
        self._gen = self._run()

    def __iter__(self) -> _FakeBatch:
        return self

    def __next__(self) -> BatchEvent:
        return next(self._gen)

    def stop(self, index: int) -> None:
        self.stopped.add(index)

    def close(self) -> None:
        self._gen.close()

    def _run(self) -> Iterator[BatchEvent]:
        engine = self.engine
        waiting = list(range(len(self.prompts)))
        running: dict[int, tuple[list[str], int]] = {}
        produced = 0
        while waiting or running:
            while waiting and len(running) < max(engine.parallel, 1):
                index = waiting.pop(0)
                engine.prompts.append(self.prompts[index])
                engine.params.append(self.params[index])
                text = _cut_at_stop(engine._reply_for(self.prompts[index]), self.params[index])
                pieces = [
                    text[i : i + engine.piece_chars]
                    for i in range(0, len(text), engine.piece_chars)
                ]
                running[index] = (pieces, 0)
            for index in list(running):
                if self.cancel is not None and self.cancel.cancelled:
                    raise Cancelled()
                pieces, at = running[index]
                if index in self.stopped or at >= len(pieces):
                    del running[index]
                    text = "".join(pieces[:at])
                    yield BatchEvent(
                        index,
                        done=True,
                        stats={
                            "cancelled": index in self.stopped,
                            "prompt_tokens": engine.count_tokens(_prompt_text(self.prompts[index])),
                            "completion_tokens": engine.count_tokens(text),
                        },
                    )
                    continue
                if engine.crash_after is not None and produced >= engine.crash_after:
                    raise EngineCrashedError(how="fake crash")
                if engine.delay:
                    time.sleep(engine.delay)
                produced += 1
                running[index] = (pieces, at + 1)
                yield BatchEvent(index, pieces[at])


def _cut_at_stop(text: str, params: GenerationParams) -> str:
    for stop in params.stop:
        if stop and stop in text:
            text = text[: text.index(stop)]
    return text
