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


class Engine(Protocol):
    # Figures of the last completed `stream`: prompt_tokens, completion_tokens,
    # seconds, first_token_seconds, cancelled ({} before the first). Tasks add them
    # to their stats; selftest reports tokens per second.
    last_stats: dict

    def load(self, model_path: Path, options: LoadOptions = LoadOptions()) -> ModelRuntimeInfo: ...

    def stream(
        self,
        prompt: PromptInput,
        params: GenerationParams = GenerationParams(),
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        """Yield text pieces. Raises errors.Cancelled when `cancel` fires."""
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
