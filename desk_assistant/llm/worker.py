"""The engine's child process: owns llama.cpp, talks to the parent over a pipe.

Runs under multiprocessing's spawn start method, so a native crash or an OOM
kill here never takes the window (or the user's finished work) with it.

Messages (parent → child): ("load", path, options) ("generate", id, prompt,
params) ("cancel", id) ("count", text) ("unload",) ("shutdown",).
Replies: ("ready", hardware) ("loaded", info) ("token", id, text)
("done", id, stats) ("count", n) ("unloaded",) ("error", kind, detail).
"""

from __future__ import annotations

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

    # --- operations --------------------------------------------------------

    def load(self, path: str, options: dict) -> None:
        import llama_cpp

        from . import hardware

        self.unload()
        offload = bool(llama_cpp.llama_supports_gpu_offload())
        n_threads = hardware.choose_threads(int(options.get("n_threads", 0)))
        n_gpu_layers = hardware.choose_gpu_layers(int(options.get("n_gpu_layers", -1)), offload)
        started = time.perf_counter()
        try:
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
        max_tokens = int(params.get("max_tokens", 256))
        n_ctx = self.llm.n_ctx()
        if len(tokens) >= n_ctx:
            self.conn.send(("error", "context", f"{len(tokens)} >= {n_ctx}"))
            return
        max_tokens = min(max_tokens, n_ctx - len(tokens))
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
                if self.conn.poll() and self._cancel_requested(req_id):
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

    def count(self, text: str) -> None:
        if self.llm is None:
            self.conn.send(("error", "not_loaded", ""))
            return
        self.conn.send(
            ("count", len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)))
        )

    def unload(self) -> None:
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
        elif op == "count":
            self.count(msg[1])
        elif op == "unload":
            self.unload()
            self.conn.send(("unloaded",))
        # a late ("cancel", id) for a request that already finished is dropped


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
