"""Latency of the remote engine (HTTP + SSE to llama-cpp-python's server on
127.0.0.1) vs the local child-process engine, same model and prompt, one run.

Rounds alternate local / remote so machine noise hits both alike. Prints each
round (first-token seconds, total seconds, pieces) and the median ratios
remote / local (1.0 = no overhead). Needs the `dev` extra's server packages.

    .venv/bin/python bench/remote_overhead.py [--rounds 5] [--tokens 32] [--model PATH]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from desk_assistant.llm.engine import GenerationParams, LoadOptions
from desk_assistant.llm.host import ProcessEngine
from desk_assistant.llm.remote import RemoteEngine
from desk_assistant.security.remote_endpoint import parse_endpoint

PROMPT = (
    "以下は市役所の広報誌に掲載された記事である。\n\n"
    "市民会館の大ホールは、舞台設備の改修工事のため、来年4月から半年間休館します。"
)
ALIAS = "bench-model"


def timed(engine, params) -> tuple[float, float, int]:
    started = time.perf_counter()
    first = 0.0
    pieces = 0
    for _piece in engine.stream(PROMPT, params):
        if not pieces:
            first = time.perf_counter() - started
        pieces += 1
    return first, time.perf_counter() - started, pieces


def start_server(model: Path, threads: int) -> tuple[subprocess.Popen, int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", ALIAS,
         "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "1024", "--n_threads", str(threads)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(240):
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return proc, port
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--model", type=Path)
    args = parser.parse_args()
    if args.model is None:
        from desk_assistant.llm import demo_model

        args.model = demo_model.install()
    params = GenerationParams(max_tokens=args.tokens)
    proc, port = start_server(args.model, args.threads)
    local = ProcessEngine()
    try:
        local.load(args.model, LoadOptions(n_ctx=1024, n_threads=args.threads))
        remote = RemoteEngine(
            parse_endpoint(f"http://127.0.0.1:{port}", models=(ALIAS,)), api_key=lambda: None
        )
        remote.load(ALIAS)
        timed(local, params), timed(remote, params)  # warm both
        firsts, totals = [], []
        for n in range(args.rounds):
            lf, lt, lp = timed(local, params)
            rf, rt, rp = timed(remote, params)
            print(f"round {n + 1}: local first {lf:.3f}s total {lt:.3f}s ({lp} pieces) | "
                  f"remote first {rf:.3f}s total {rt:.3f}s ({rp} pieces)")  # fmt: skip
            firsts.append(rf / lf if lf else float("nan"))
            totals.append(rt / lt if lt else float("nan"))
        print(f"median remote/local: first token {statistics.median(firsts):.2f}, "
              f"total {statistics.median(totals):.2f}")  # fmt: skip
    finally:
        local.close()
        proc.kill()
        proc.wait(10)


if __name__ == "__main__":
    main()
