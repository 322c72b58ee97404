"""The engine's child process: owns llama.cpp, talks to the parent over a pipe.

Runs under multiprocessing's spawn start method, so a native crash or an OOM
kill here never takes the window (or the user's finished work) with it.

Messages (parent → child): ("load", path, options) ("generate", id, prompt,
params) ("batch", id, [(job id, prompt, params), ...]) ("cancel", id) ("count",
text) ("unload",) ("shutdown",).
Replies: ("ready", hardware) ("loaded", info) ("token", id, text)
("done", id, stats) ("count", n) ("unloaded",) ("error", kind, detail).
A batch streams ("token", job id, text) and ("done", job id, stats) per job, in
any order (stats may carry "error"/"detail" for a job that failed alone), then
("done", batch id, stats). ("cancel", job id) stops one job, ("cancel", batch id)
all of them.
"""

from __future__ import annotations

import contextlib
import os
import time


def _install_guard() -> None:
    # The child must be offline too. No guard, no engine: a failed import or install
    # propagates, and child_main refuses to serve (fails closed).
    from ..security.offline import install_offline_guard

    install_offline_guard()


class _Worker:
    def __init__(self, conn) -> None:
        self.conn = conn
        self.llm = None
        self.path = ""
        self.n_seq = 1
        self.decoder = None  # batching.BatchDecoder, made on the first batch call

    # --- operations --------------------------------------------------------

    def load(self, path: str, options: dict) -> None:
        import llama_cpp

        from . import hardware

        self.unload()
        offload = bool(llama_cpp.llama_supports_gpu_offload())
        n_threads = hardware.choose_threads(int(options.get("n_threads", 0)))
        n_gpu_layers = hardware.choose_gpu_layers(int(options.get("n_gpu_layers", -1)), offload)
        started = time.perf_counter()
        # Batching on (asked for, or auto with a GPU): see LoadOptions.exact_batches.
        requested = int(options.get("n_seq", 0))
        gpu = offload and n_gpu_layers != 0
        batching = requested > 1 or (requested == 0 and hardware.auto_seqs(gpu) > 1)
        plain = bool(options.get("exact_batches", True)) and batching
        exact = _exact_kernels(plain)
        try:
            with _weight_repacking(not plain):
                self.llm = llama_cpp.Llama(
                    model_path=path,
                    n_ctx=int(options.get("n_ctx", 4096)),
                    n_threads=n_threads,
                    n_threads_batch=n_threads,
                    n_gpu_layers=n_gpu_layers,
                    seed=int(options.get("seed", 0)),
                    verbose=False,
                )
        except MemoryError as err:
            self.conn.send(("error", "oom", str(err)))
            return
        except (ValueError, RuntimeError, OSError) as err:
            text = str(err)
            kind = "oom" if "alloc" in text.lower() or "memory" in text.lower() else "load"
            self.conn.send(("error", kind, text))
            return
        self.path = path
        self.n_seq = hardware.choose_seqs(
            int(options.get("n_seq", 0)),
            offload and n_gpu_layers != 0,
            batch_ctx(self.llm.n_ctx()),
            kv_cell_bytes(self.llm),
        )
        meta = self.llm.metadata
        arch = meta.get("general.architecture", "")
        warnings = []
        if arch == "plamo2":
            # Older llama.cpp builds mis-set RoPE for PLaMo 2 and dropped paragraphs.
            rot = meta.get("plamo2.rope.dimension_count")
            if rot not in (None, "128"):
                warnings.append(f"plamo2 n_rot={rot}, expected 128")
        info_text = llama_cpp.llama_print_system_info()
        info_text = (
            info_text.decode("utf-8", "replace") if isinstance(info_text, bytes) else str(info_text)
        )
        self.conn.send(
            (
                "loaded",
                {
                    "path": path,
                    "n_ctx": self.llm.n_ctx(),
                    "n_ctx_train": self.llm._model.n_ctx_train(),
                    "architecture": arch,
                    "has_chat_template": "tokenizer.chat_template" in meta,
                    "n_threads": n_threads,
                    "n_gpu_layers": n_gpu_layers,
                    "gpu_offload_supported": offload,
                    "backend": hardware.backend_from_system_info(info_text) if offload else "CPU",
                    "n_seq": self.n_seq,
                    "weight_repacking": not plain,
                    "exact_kernels": exact,
                    "load_seconds": time.perf_counter() - started,
                    "warnings": warnings,
                },
            )
        )

    def _prompt_tokens(self, prompt, params: dict) -> tuple[list[int], list[str]]:
        llm = self.llm
        stops = list(params.get("stop") or [])
        if isinstance(prompt, str):
            text, add_bos = prompt, bool(params.get("add_bos", True))
        else:
            from .prompts import render_chat_template

            template = llm.metadata.get("tokenizer.chat_template")
            if not template:
                raise LookupError("no_chat_template")
            model = llm._model
            bos = model.token_get_text(llm.token_bos()) if llm.token_bos() != -1 else ""
            eos = model.token_get_text(llm.token_eos()) if llm.token_eos() != -1 else ""
            text, template_stops = render_chat_template(template, prompt, bos, eos)
            stops += [s for s in template_stops if s not in stops]
            # Templates usually write BOS themselves; never add a second one.
            add_bos = model.add_bos_token() and not (bos and text.startswith(bos))
        tokens = llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=True)
        return tokens, stops

    def generate(self, req_id: int, prompt, params: dict) -> None:
        if self.llm is None:
            self.conn.send(("error", "not_loaded", ""))
            return
        try:
            tokens, stops = self._prompt_tokens(prompt, params)
        except LookupError:
            self.conn.send(("error", "no_chat_template", self.path))
            return
        except Exception as err:  # noqa: BLE001 - raise_exception(), timeouts, template bugs
            # Only the class name: a template's message can quote the document.
            self.conn.send(("error", "template", type(err).__name__))
            return
        n_ctx = self.llm.n_ctx()
        if len(tokens) >= n_ctx:
            self.conn.send(("error", "context", f"{len(tokens)} >= {n_ctx}"))
            return
        max_tokens = min(int(params.get("max_tokens", 256)), n_ctx - len(tokens))

        def cancelled() -> bool:
            return self.conn.poll() and self._cancel_requested(req_id)

        self._complete(req_id, tokens, stops, max_tokens, params, cancelled)

    def _complete(self, req_id, tokens, stops, max_tokens, params, should_stop) -> None:
        """One completion with the sequential context (prefix reuse between calls)."""
        started = time.perf_counter()
        first_token_at = None
        produced = 0
        cancelled = False
        stream = self.llm.create_completion(
            tokens,
            max_tokens=max_tokens,
            temperature=float(params.get("temperature", 0.0)),
            top_p=float(params.get("top_p", 1.0)),
            top_k=int(params.get("top_k", 40)),
            repeat_penalty=float(params.get("repeat_penalty", 1.0)),
            stop=stops or None,
            seed=int(params.get("seed", 0)),
            stream=True,
        )
        try:
            for chunk in stream:
                produced += 1
                piece = chunk["choices"][0]["text"]
                if first_token_at is None:
                    first_token_at = time.perf_counter()
                if piece:
                    self.conn.send(("token", req_id, piece))
                if should_stop():
                    cancelled = True
                    break
        finally:
            stream.close()
        elapsed = time.perf_counter() - started
        self.conn.send(
            (
                "done",
                req_id,
                {
                    "cancelled": cancelled,
                    "prompt_tokens": len(tokens),
                    "completion_tokens": produced,
                    "seconds": elapsed,
                    "first_token_seconds": (first_token_at or time.perf_counter()) - started,
                },
            )
        )

    def _cancel_requested(self, req_id: int) -> bool:
        msg = self.conn.recv()
        # While generating, the parent only ever sends a cancel for this request.
        return msg[0] == "cancel" and msg[1] == req_id

    def batch(self, batch_id: int, items: list) -> None:
        """Independent generations decoded together (see batching.py); jobs that do
        not fit a batch sequence, or a lone job, run on the sequential context."""
        if self.llm is None:
            self.conn.send(("error", "not_loaded", ""))
            return
        from .batching import BatchJob

        started = time.perf_counter()
        n_ctx = self.llm.n_ctx()
        together: list = []
        alone: list = []
        for req_id, prompt, params in items:
            try:
                tokens, stops = self._prompt_tokens(prompt, params)
            except LookupError:
                self._job_failed(req_id, "no_chat_template", self.path)
                continue
            except Exception as err:  # noqa: BLE001 - as in generate: the class name only
                self._job_failed(req_id, "template", type(err).__name__)
                continue
            if len(tokens) >= n_ctx:
                self._job_failed(req_id, "context", f"{len(tokens)} >= {n_ctx}")
                continue
            max_tokens = min(int(params.get("max_tokens", 256)), n_ctx - len(tokens))
            job = BatchJob(req_id, tokens, params, stops, max_tokens)
            fits = len(tokens) + max_tokens <= batch_ctx(n_ctx)
            (together if fits and self.n_seq > 1 else alone).append(job)
        stopped: set[int] = set()

        def stop_requests() -> set[int]:
            while self.conn.poll():
                msg = self.conn.recv()
                if msg[0] == "cancel":  # the parent sends nothing else while a batch runs
                    stopped.add(msg[1])
            return stopped

        if len(together) == 1:
            alone.insert(0, together.pop())
        summary: dict = {"batched": len(together), "sequential": len(alone)}
        if together:
            decoder = self._decoder()
            if decoder is None:
                alone = together + alone
                summary.update(batched=0, sequential=len(alone))
            else:
                summary.update(decoder.run(together, self.conn.send, stop_requests, batch_id))
        for job in alone:
            if {batch_id, job.req_id} & stop_requests():
                self.conn.send(("done", job.req_id, {"cancelled": True, "completion_tokens": 0}))
                continue
            self._complete(
                job.req_id,
                job.tokens,
                job.stops,
                job.max_tokens,
                job.params,
                lambda job=job: bool({batch_id, job.req_id} & stop_requests()),
            )
        summary["cancelled"] = batch_id in stopped
        summary["seconds"] = time.perf_counter() - started
        self.conn.send(("done", batch_id, summary))

    def _job_failed(self, req_id: int, kind: str, detail: str) -> None:
        self.conn.send(("done", req_id, {"error": kind, "detail": detail, "cancelled": False}))

    def _decoder(self):
        if self.decoder is None:
            from .batching import BatchDecoder

            try:
                self.decoder = BatchDecoder(self.llm, self.n_seq, batch_ctx(self.llm.n_ctx()))
            except (MemoryError, ValueError, RuntimeError):
                self.n_seq = 1  # no room for a second context: one at a time from now on
                return None
        return self.decoder

    def count(self, text: str) -> None:
        if self.llm is None:
            self.conn.send(("error", "not_loaded", ""))
            return
        self.conn.send(
            ("count", len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)))
        )

    def unload(self) -> None:
        if self.decoder is not None:
            self.decoder.close()
            self.decoder = None
        if self.llm is not None:
            self.llm.close()
            self.llm = None
            self.path = ""

    # --- loop --------------------------------------------------------------

    def serve(self) -> None:
        from . import hardware

        self.conn.send(("ready", hardware.detect().to_dict() | {"pid": os.getpid()}))
        while True:
            try:
                msg = self.conn.recv()
            except (EOFError, OSError):
                break  # the parent is gone: nothing left to serve
            op = msg[0]
            if op == "shutdown":
                break
            try:
                self.handle(op, msg)
            except Exception as err:  # noqa: BLE001 - never a traceback with document text
                self.conn.send(("error", "internal", type(err).__name__))
        self.unload()

    def handle(self, op: str, msg: tuple) -> None:
        if op == "load":
            self.load(msg[1], msg[2])
        elif op == "generate":
            self.generate(msg[1], msg[2], msg[3])
        elif op == "batch":
            self.batch(msg[1], msg[2])
        elif op == "count":
            self.count(msg[1])
        elif op == "unload":
            self.unload()
            self.conn.send(("unloaded",))
        # a late ("cancel", id) for a request that already finished is dropped


BATCH_CTX = 2048  # cells per batch sequence: a translation unit with its examples fits


@contextlib.contextmanager
def _weight_repacking(enabled: bool):
    """Load with llama.cpp's CPU weight repacking on or off. Llama() has no argument for
    it, so the model defaults it reads are adjusted while it loads (this process only)."""
    import llama_cpp.llama as llama_module

    module = llama_module.llama_cpp
    original = module.llama_model_default_params
    if enabled:
        yield
        return

    def plain():
        params = original()
        params.use_extra_bufts = False
        return params

    module.llama_model_default_params = plain
    try:
        yield
    finally:
        module.llama_model_default_params = original


TILED_SWITCH = "GGML_CPU_TILED_MM"
_tiled_on: bool | None = None  # what this process asked of ggml at its first load


def _exact_kernels(plain: bool) -> bool:
    """With batching on, ggml's tiled K-quant matmul (used for >= 8 tokens in a decode)
    is switched off: it rounds differently from the per-row dot products of a one-token
    step, so 8 sequences decoded together drifted from sequential answers. ggml reads
    the switch once per process, so only the first load decides; returns whether this
    load gets the exact kernels (the host restarts the child when not)."""
    global _tiled_on
    if _tiled_on is None:
        if plain:
            os.environ[TILED_SWITCH] = "0"
        value = os.environ.get(TILED_SWITCH)
        _tiled_on = value is None or _atoi(value) != 0  # as ggml reads it
    return plain and not _tiled_on


def _atoi(text: str) -> int:
    import re

    found = re.match(r"\s*([-+]?\d+)", text)
    return int(found.group(1)) if found else 0


def batch_ctx(n_ctx: int) -> int:
    return min(n_ctx, BATCH_CTX)


def kv_cell_bytes(llm) -> int:
    """Bytes of KV cache per token of one sequence (f16 K and V, every layer)."""
    import llama_cpp

    model = llm._model.model
    layers = llama_cpp.llama_model_n_layer(model)
    heads = max(llama_cpp.llama_model_n_head(model), 1)
    kv_heads = llama_cpp.llama_model_n_head_kv(model)
    meta = llm.metadata
    arch = meta.get("general.architecture", "")
    head_dim = int(
        meta.get(f"{arch}.attention.key_length") or llama_cpp.llama_model_n_embd(model) // heads
    )
    return layers * kv_heads * head_dim * 2 * 2


_LOG_CALLBACK = None


def _quiet_llama_logs() -> None:
    # llama.cpp writes progress chatter to stderr even with verbose=False;
    # keep the CLI's stderr for our own progress and messages.
    global _LOG_CALLBACK
    import ctypes

    import llama_cpp

    @llama_cpp.llama_log_callback
    def _drop(level, text, user_data):  # noqa: ARG001
        return None

    _LOG_CALLBACK = _drop  # keep a reference: C holds only the pointer
    llama_cpp.llama_log_set(_drop, ctypes.c_void_p(0))


def _quiet_tracebacks() -> None:
    """An uncaught exception in the child prints its class name only: a traceback's
    message and locals can carry document text to the terminal or a log."""
    import sys
    import threading

    def hook(exc_type, exc, tb) -> None:  # noqa: ARG001
        sys.stderr.write(f"desk-assistant engine: {exc_type.__name__}\n")

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)


def child_main(conn, quiet: bool = True) -> None:
    """Entry point of the spawned process."""
    _quiet_tracebacks()
    try:
        _install_guard()
    except Exception as err:  # noqa: BLE001 - any failure means: not offline, so no engine
        conn.send(("error", "offline_guard", f"{type(err).__name__}: {err}"))
        conn.close()
        return
    if quiet:
        _quiet_llama_logs()
    _Worker(conn).serve()
