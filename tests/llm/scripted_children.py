"""Engine children for ProcessEngine tests (spawned; importable by module name)."""

from __future__ import annotations

import time


def hang_on_generate(conn) -> None:
    """Loads instantly, then never answers a generation (a hostile chat template)."""
    conn.send(("ready", {"pid": 0}))
    while True:
        msg = conn.recv()
        if msg[0] == "load":
            conn.send(
                (
                    "loaded",
                    {
                        "path": msg[1],
                        "n_ctx": 512,
                        "n_ctx_train": 512,
                        "architecture": "scripted",
                        "has_chat_template": True,
                        "n_threads": 1,
                        "n_gpu_layers": 0,
                        "gpu_offload_supported": False,
                        "backend": "CPU",
                        "load_seconds": 0.0,
                        "warnings": [],
                    },
                )
            )
        elif msg[0] == "generate":
            time.sleep(3600)
        elif msg[0] == "shutdown":
            return


def echo_batch(conn) -> None:
    """Answers a batch like the real child: each job's prompt upper-cased, two characters
    per token message, jobs interleaved; a job whose prompt is "too long" fails alone;
    ("cancel", job id) stops that job."""
    conn.send(("ready", {"pid": 0}))
    while True:
        msg = conn.recv()
        if msg[0] == "load":
            conn.send(("loaded", {"path": msg[1], "n_ctx": 512, "n_seq": 4}))
        elif msg[0] == "batch":
            _, batch_id, jobs = msg
            texts = {req: prompt.upper() for req, prompt, _ in jobs}
            stopped: set[int] = set()
            at = dict.fromkeys(texts, 0)
            for req, prompt, _ in jobs:
                if prompt == "too long":
                    conn.send(("done", req, {"error": "context", "detail": "999 >= 512"}))
                    del at[req]
            while at:
                while conn.poll():
                    cancel = conn.recv()
                    stopped.add(cancel[1])
                for req in list(at):
                    if req in stopped or batch_id in stopped or at[req] >= len(texts[req]):
                        conn.send(
                            ("done", req, {"cancelled": req in stopped or batch_id in stopped})
                        )
                        del at[req]
                        continue
                    conn.send(("token", req, texts[req][at[req] : at[req] + 2]))
                    at[req] += 2
                    time.sleep(0.01)
            conn.send(("done", batch_id, {"batched": len(jobs)}))
        elif msg[0] == "shutdown":
            return


def kernel_choice(conn) -> None:
    """Loads like the real child as far as the kernel choice goes (worker._exact_kernels,
    fixed per process at the first load), without a model."""
    from desk_assistant.llm.worker import _exact_kernels

    conn.send(("ready", {"pid": 0}))
    while True:
        msg = conn.recv()
        if msg[0] == "load":
            options = msg[2]
            n_seq = int(options.get("n_seq", 1))
            plain = bool(options.get("exact_batches", True)) and n_seq > 1
            exact = _exact_kernels(plain)
            info = {"path": msg[1], "n_ctx": 512, "n_seq": n_seq, "exact_kernels": exact}
            conn.send(("loaded", info))
        elif msg[0] == "shutdown":
            return
