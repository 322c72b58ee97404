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
