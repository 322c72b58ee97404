"""ProcessEngine: the Engine protocol over a llama.cpp child process.

Tokens stream over a multiprocessing pipe. Cancel is immediate for the caller
(the stream stops at once and raises Cancelled) while the child stops at its
next token; a child that does not answer within `cancel_grace` is killed and
restarted. If the child dies (native crash, OOM kill), the call raises
EngineCrashedError; the next call starts a new child and reloads the model.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from multiprocessing.connection import wait as wait_any
from pathlib import Path

from .. import i18n, timeouts
from ..errors import (
    Cancelled,
    ChatTemplateError,
    ContextOverflowError,
    EngineBusyError,
    EngineCrashedError,
    EngineError,
    EngineNotLoadedError,
    GenerationTimeoutError,
    ModelLoadError,
    ModelNotFoundError,
    NoChatTemplateError,
    NotGGUFError,
    OutOfMemoryError,
    TemplateTimeoutError,
)
from ..fileio import human_size
from . import gguf, hardware
from .engine import (
    BatchEvent,
    CancelToken,
    GenerationParams,
    LoadOptions,
    ModelRuntimeInfo,
    PromptInput,
    params_for,
)

POLL_SECONDS = 0.02  # _settle: waiting for a cancelled request to end
# While waiting for the child, the parent wakes on a message, on the child's exit
# (its sentinel), and this often only to look at the cancel token: it used to wake
# every 20 ms, 50 times a second beside a slow generation, and on a busy machine
# each wake-up can take a core from a llama.cpp thread (issue 20).
CANCEL_POLL_SECONDS = 0.1
IDLE_POLL_SECONDS = 1.0  # no cancel token: only the deadline to watch
# Beyond the file itself: KV cache, compute buffers, the runtime. A rough floor.
MEMORY_MARGIN = 300 * 1024 * 1024


def describe_exit(exitcode: int | None) -> str:
    if exitcode is None:
        return i18n.tr("応答なし", "not responding")
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if -exitcode == getattr(signal, "SIGKILL", 9):
            return i18n.tr(
                f"{name}: メモリ不足などで OS に終了させられた可能性があります",
                f"{name}: possibly stopped by the OS for lack of memory",
            )
        return name
    return i18n.tr(f"終了コード {exitcode}", f"exit code {exitcode}")


def check_memory(path: Path, available: int | None = None) -> None:
    """Refuse a model that cannot fit, before the OS kills the child for it."""
    size = path.stat().st_size
    if available is None:
        available = hardware.memory()[1]
    if available and size + MEMORY_MARGIN > available:
        raise OutOfMemoryError(
            path=str(path),
            size=human_size(size),
            available=human_size(available),
        )


class ProcessEngine:
    def __init__(
        self,
        *,
        start_timeout: float = 120.0,
        cancel_grace: float = 5.0,
        first_token_timeout: float = timeouts.FIRST_TOKEN_SECONDS,
        token_timeout: float = timeouts.TOKEN_GAP_SECONDS,
        child_target=None,
    ) -> None:
        self.start_timeout = start_timeout
        self.cancel_grace = cancel_grace
        # Time limits of one generation: until the first message (chat template and
        # prompt evaluation), then between messages. A child that exceeds them is
        # killed (a hostile chat template, a hung backend) and restarted next time.
        self.first_token_timeout = first_token_timeout
        self.token_timeout = token_timeout
        self._child_target = child_target  # tests: a scripted child
        self._ctx = multiprocessing.get_context("spawn")
        self._proc = None
        self._conn = None
        self._lock = threading.Lock()
        self._busy = False
        self._next_id = 0
        self._draining: int | None = None  # a cancelled request the child may still be finishing
        self._model_path: Path | None = None
        self._options = LoadOptions()
        self.info: ModelRuntimeInfo | None = None
        self._loaded: dict = {}  # the child's last "loaded" report
        self.hardware: dict = {}
        self.last_stats: dict = {}

    @property
    def parallel(self) -> int:
        """Sequences `stream_batch` decodes together (1 before a model is loaded)."""
        return self.info.n_seq if self.info is not None else 1

    # --- child lifecycle -------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def alive(self) -> bool:
        return bool(self._proc and self._proc.is_alive())

    def start(self) -> dict:
        if self.alive():
            return self.hardware
        from .worker import child_main

        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(
            target=self._child_target or child_main,
            args=(child_conn,),
            daemon=True,
            name="desk-assistant-engine",
        )
        proc.start()
        child_conn.close()
        self._proc, self._conn = proc, parent_conn
        self._draining = None
        msg = self._recv(timeout=self.start_timeout)
        if msg[0] == "error":  # e.g. the child could not install its offline guard
            self._kill()
            raise EngineError(f"{msg[1]}: {msg[2]}")
        if msg[0] != "ready":
            raise EngineError(f"unexpected {msg[0]}")
        self.hardware = msg[1]
        return self.hardware

    def _kill(self) -> None:
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None
        self._draining = None

    def _shutdown_child(self) -> None:
        if self.alive():
            try:
                self._conn.send(("shutdown",))
                self._proc.join(timeout=3)
            except (OSError, EOFError):
                pass
        self._kill()

    def close(self) -> None:
        self._shutdown_child()
        self.info = None
        self._model_path = None

    def __enter__(self) -> ProcessEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- pipe ----------------------------------------------------------------------

    def _crashed(self) -> EngineCrashedError:
        proc = self._proc
        if proc is not None:
            proc.join(timeout=2)
        how = describe_exit(proc.exitcode if proc else None)
        self._kill()
        self.info = None
        return EngineCrashedError(how=how)

    def _recv(
        self,
        timeout: float | None = None,
        cancel: CancelToken | None = None,
        timeout_error: EngineError | None = None,
    ):
        """Next message from the child; None when `cancel` fired first. On timeout the
        child is killed and `timeout_error` (default: "not responding") raised."""
        deadline = time.monotonic() + timeout if timeout else None
        while True:
            if cancel is not None and cancel.cancelled:
                return None
            try:
                if self._conn.poll(0):
                    return self._conn.recv()
            except (EOFError, OSError):
                raise self._crashed() from None
            if not self._proc.is_alive():
                # Read what it sent before dying, then report the crash.
                try:
                    if self._conn.poll(0):
                        return self._conn.recv()
                except (EOFError, OSError):
                    pass
                raise self._crashed()
            now = time.monotonic()
            if deadline and now > deadline:
                self._kill()
                raise timeout_error or EngineCrashedError(how=describe_exit(None))
            pause = CANCEL_POLL_SECONDS if cancel is not None else IDLE_POLL_SECONDS
            if deadline:
                pause = min(pause, max(deadline - now, 0.0) + 0.001)
            wait_any([self._conn, self._proc.sentinel], pause)

    def _settle(self) -> None:
        """Wait for a cancelled request to finish in the child; kill it if it will not."""
        if self._draining is None or not self.alive():
            self._draining = None
            return
        deadline = time.monotonic() + self.cancel_grace
        while time.monotonic() < deadline:
            if self._conn.poll(POLL_SECONDS):
                try:
                    msg = self._conn.recv()
                except (EOFError, OSError):
                    break
                if msg[0] in ("done", "error") and (msg[0] == "error" or msg[1] == self._draining):
                    self._draining = None
                    return
            elif not self._proc.is_alive():
                break
        self._kill()

    def _ensure_ready(self) -> None:
        """A child that died or was killed is replaced and the model reloaded."""
        self._settle()
        if not self.alive():
            self.start()
            if self._model_path is not None:
                self._load(self._model_path, self._options)

    # --- Engine protocol --------------------------------------------------------

    def load(self, model_path: Path, options: LoadOptions = LoadOptions()) -> ModelRuntimeInfo:
        model_path = Path(model_path)
        if not model_path.is_file():
            raise ModelNotFoundError(path=str(model_path))
        if not gguf.is_gguf(model_path):
            raise NotGGUFError(path=str(model_path))
        check_memory(model_path)
        with self._guard():
            self._settle()
            if not self.alive():
                self.start()
            info = self._load(model_path, options)
            if (
                options.exact_batches
                and info.n_seq > 1
                and self._loaded.get("exact_kernels") is False
            ):
                # This child decoded before with other kernels (a load without batching);
                # ggml fixes that choice per process, so a fresh child loads the model.
                self._shutdown_child()
                self.start()
                info = self._load(model_path, options)
            return info

    def _load(self, model_path: Path, options: LoadOptions) -> ModelRuntimeInfo:
        self._conn.send(("load", str(model_path), options.to_dict()))
        try:
            msg = self._recv(timeout=self.start_timeout * 5)
        except EngineCrashedError as err:
            if "SIGKILL" in err.facts.get("how", ""):
                total, available = hardware.memory()
                raise OutOfMemoryError(
                    err.facts["how"],
                    path=str(model_path),
                    size=human_size(model_path.stat().st_size),
                    available=human_size(available),
                ) from err
            raise
        if msg[0] == "error":
            self._model_path = None
            if msg[1] == "oom":
                raise OutOfMemoryError(
                    msg[2],
                    path=str(model_path),
                    size=human_size(model_path.stat().st_size),
                    available=human_size(hardware.memory()[1]),
                )
            raise ModelLoadError(msg[2], path=str(model_path))
        self._model_path, self._options = model_path, options
        self._loaded = dict(msg[1])
        self.info = ModelRuntimeInfo(**msg[1])
        return self.info

    def unload(self) -> None:
        with self._guard():
            self._model_path = None
            self.info = None
            if self.alive():
                self._settle()
                if self.alive():
                    self._conn.send(("unload",))
                    self._recv(timeout=30)

    def count_tokens(self, text: str) -> int:
        with self._guard():
            self._require_model()
            self._ensure_ready()
            self._conn.send(("count", text))
            msg = self._recv(timeout=60)
            if msg[0] == "error":
                raise EngineNotLoadedError()
            return int(msg[1])

    def stream(
        self,
        prompt: PromptInput,
        params: GenerationParams = GenerationParams(),
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        with self._guard():
            self._require_model()
            self._ensure_ready()
            self._next_id += 1
            req_id = self._next_id
            payload = prompt if isinstance(prompt, str) else [dict(m) for m in prompt]
            self._conn.send(("generate", req_id, payload, params.to_dict()))
            finished = False
            wait = self.first_token_timeout
            try:
                while True:
                    msg = self._recv(
                        timeout=wait,
                        cancel=cancel,
                        timeout_error=GenerationTimeoutError(seconds=round(wait)),
                    )
                    wait = self.token_timeout
                    if msg is None:  # cancelled by the caller
                        raise Cancelled()
                    kind = msg[0]
                    if kind == "token" and msg[1] == req_id:
                        yield msg[2]
                    elif kind == "done" and msg[1] == req_id:
                        finished = True
                        self.last_stats = msg[2]
                        return
                    elif kind == "error":
                        finished = True
                        raise self._generation_error(msg[1], msg[2])
            finally:
                if not finished and self.alive():
                    # Cancelled, or the caller stopped iterating: tell the child, settle later.
                    try:
                        self._conn.send(("cancel", req_id))
                        self._draining = req_id
                    except (OSError, EOFError):
                        self._kill()

    def stream_batch(
        self,
        prompts: Sequence[PromptInput],
        params: GenerationParams | Sequence[GenerationParams] = GenerationParams(),
        cancel: CancelToken | None = None,
    ) -> _ProcessBatch:
        return _ProcessBatch(self, list(prompts), params_for(params, len(prompts)), cancel)

    def _run_batch(self, batch: _ProcessBatch) -> Iterator[BatchEvent]:
        with self._guard():
            self._require_model()
            self._ensure_ready()
            self._next_id += 1
            batch_id = self._next_id
            jobs = []
            for prompt, params in zip(batch.prompts, batch.params, strict=True):
                self._next_id += 1
                payload = prompt if isinstance(prompt, str) else [dict(m) for m in prompt]
                jobs.append((self._next_id, payload, params.to_dict()))
            index_of = {job[0]: index for index, job in enumerate(jobs)}
            batch.job_ids = [job[0] for job in jobs]
            self._conn.send(("batch", batch_id, jobs))
            finished = False
            wait = self.first_token_timeout
            try:
                while True:
                    msg = self._recv(
                        timeout=wait,
                        cancel=batch.cancel,
                        timeout_error=GenerationTimeoutError(seconds=round(wait)),
                    )
                    wait = self.token_timeout
                    if msg is None:
                        raise Cancelled()
                    kind = msg[0]
                    if kind == "token" and msg[1] in index_of:
                        yield BatchEvent(index_of[msg[1]], msg[2])
                    elif kind == "done" and msg[1] == batch_id:
                        finished = True
                        self.last_stats = msg[2]
                        return
                    elif kind == "done" and msg[1] in index_of:
                        stats = msg[2]
                        error = None
                        if stats.get("error"):
                            error = self._generation_error(stats["error"], stats.get("detail", ""))
                        yield BatchEvent(index_of[msg[1]], done=True, stats=stats, error=error)
                    elif kind == "error":
                        finished = True
                        raise self._generation_error(msg[1], msg[2])
            finally:
                batch.job_ids = []
                if not finished and self.alive():
                    try:
                        self._conn.send(("cancel", batch_id))
                        self._draining = batch_id
                    except (OSError, EOFError):
                        self._kill()

    # --- helpers --------------------------------------------------------------------

    def _generation_error(self, kind: str, detail: str) -> EngineError:
        if kind == "context":
            return ContextOverflowError(detail_tokens=detail)
        if kind == "no_chat_template":
            return NoChatTemplateError(path=detail)
        if kind == "not_loaded":
            return EngineNotLoadedError()
        if kind == "template":
            if detail == "TemplateTimeoutError":
                from .prompts import TEMPLATE_SECONDS

                return TemplateTimeoutError(seconds=TEMPLATE_SECONDS)
            return ChatTemplateError(kind=detail)
        return EngineError(detail)

    def _require_model(self) -> None:
        if self._model_path is None:
            raise EngineNotLoadedError()

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """One request at a time: a second caller gets EngineBusyError, not a tangled pipe."""
        with self._lock:
            if self._busy:
                raise EngineBusyError()
            self._busy = True
        try:
            yield
        finally:
            self._busy = False


class _ProcessBatch:
    """The BatchStream of ProcessEngine: holds the engine for as long as it runs."""

    def __init__(self, engine: ProcessEngine, prompts, params, cancel) -> None:
        self.engine = engine
        self.prompts = prompts
        self.params = params
        self.cancel = cancel
        self.job_ids: list[int] = []
        self._gen = engine._run_batch(self)

    def __iter__(self) -> _ProcessBatch:
        return self

    def __next__(self) -> BatchEvent:
        return next(self._gen)

    def stop(self, index: int) -> None:
        """The child stops this prompt at its next step; its done event follows."""
        if self.job_ids and self.engine.alive():
            try:
                self.engine._conn.send(("cancel", self.job_ids[index]))
            except (OSError, EOFError):
                pass

    def close(self) -> None:
        self._gen.close()
