"""Streamed tokens/s through our child-process engine vs raw llama-cpp-python.

Same model, prompt, parameters and thread count, in one run, alternating rounds
so machine noise hits both sides alike; the engine is loaded with batching off
(n_seq=1), i.e. the same llama.cpp kernels as the raw side. Two phases:

- idle: the machine as it is;
- contended: the bench starts `--hogs` CPU-bound processes (default 1: a pure
  Python busy loop each, as an antivirus scan or a browser tab would take a core)
  and runs the same rounds beside them, then stops them.

Per phase: each round, the median ratio (ours / raw; 1.0 = no overhead; target
>= 0.97 idle) and where the CPU went per generated token: the raw process
(llama.cpp threads + Python), and ours split into the child and the parent
(pipe reads, unpickling, the generator) — the parent's share is the real cost
of the process boundary, the rest is noise.

    .venv/bin/python bench/engine_overhead.py [--rounds 7] [--tokens 128] [--hogs 1]
        [--threads N] [--phases idle,contended] [--quick] [--model PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROMPT = (
    "以下は市役所の広報誌に掲載された記事である。\n\n"
    "市民会館の大ホールは、舞台設備の改修工事のため、来年4月から半年間休館します。"
    "この間、小ホールと会議室は通常どおり利用できます。"
)
HOG = "while True:\n    pass\n"


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of another process, from /proc; 0 elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def raw_round(llm, params) -> dict:
    cpu = own_cpu()
    started = time.perf_counter()
    n = 0
    for _chunk in llm.create_completion(PROMPT, stream=True, **params):
        n += 1
    seconds = time.perf_counter() - started
    return {"tokens": n, "seconds": seconds, "cpu": own_cpu() - cpu}


def ours_round(engine, gen_params) -> dict:
    parent, child = own_cpu(), process_cpu(engine.pid)
    started = time.perf_counter()
    n = 0
    for _piece in engine.stream(PROMPT, gen_params):
        n += 1
    seconds = time.perf_counter() - started
    return {
        "tokens": engine.last_stats.get("completion_tokens", n),
        "seconds": seconds,
        "parent_cpu": own_cpu() - parent,
        "child_cpu": process_cpu(engine.pid) - child,
        "messages": n,
    }


def run_phase(name: str, llm, engine, raw_params, gen_params, rounds: int) -> float:
    print(f"--- {name}")
    print(f"{'round':>5} {'raw tok/s':>10} {'ours tok/s':>11} {'ratio':>7}")
    ratios, raw_rows, our_rows = [], [], []
    for i in range(rounds):
        order = [("raw", raw_round, llm, raw_params), ("ours", ours_round, engine, gen_params)]
        if i % 2:
            order.reverse()  # alternate who goes first
        result = {name: fn(obj, params) for name, fn, obj, params in order}
        raw, ours = result["raw"], result["ours"]
        raw_rows.append(raw)
        our_rows.append(ours)
        ratios.append((ours["tokens"] / ours["seconds"]) / (raw["tokens"] / raw["seconds"]))
        print(
            f"{i + 1:>5} {raw['tokens'] / raw['seconds']:>10.1f} "
            f"{ours['tokens'] / ours['seconds']:>11.1f} {ratios[-1]:>7.3f}"
            f"   (tokens raw {raw['tokens']}, ours {ours['tokens']})"
        )

    def per_token_ms(rows, key):
        return 1000 * sum(r[key] for r in rows) / max(sum(r["tokens"] for r in rows), 1)

    print(
        f"CPU per token: raw {per_token_ms(raw_rows, 'cpu'):.1f} ms; ours child "
        f"{per_token_ms(our_rows, 'child_cpu'):.1f} ms + parent "
        f"{per_token_ms(our_rows, 'parent_cpu'):.2f} ms "
        f"({sum(r['messages'] for r in our_rows)} pipe messages)"
    )
    median = statistics.median(ratios)
    print(
        f"{name}: median ratio ours/raw {median:.3f} (rounds {min(ratios):.2f}-{max(ratios):.2f})"
    )
    return median


def main() -> None:
    import llama_cpp

    from desk_assistant.llm import demo_model, hardware
    from desk_assistant.llm.engine import GenerationParams, LoadOptions
    from desk_assistant.llm.host import ProcessEngine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--hogs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=0, help="0: physical cores")
    parser.add_argument("--phases", default="idle,contended")
    parser.add_argument("--quick", action="store_true", help="3 rounds of 32 tokens")
    parser.add_argument("--model", type=Path)
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.tokens = 3, 32
    model = args.model or demo_model.install()
    threads = args.threads or hardware.physical_cores()
    n_ctx = 2048

    # Identical sampling on both sides: greedy, no stop; both run to max_tokens or EOS
    # (token counts are printed to compare).
    raw_params = dict(
        max_tokens=args.tokens, temperature=0.0, top_p=1.0, top_k=40, repeat_penalty=1.0, seed=0
    )
    gen_params = GenerationParams(
        max_tokens=args.tokens, temperature=0.0, top_p=1.0, top_k=40, repeat_penalty=1.0, seed=0
    )
    llm = llama_cpp.Llama(
        model_path=str(model),
        n_ctx=n_ctx,
        n_threads=threads,
        n_threads_batch=threads,
        n_gpu_layers=0,
        seed=0,
        verbose=False,
    )
    engine = ProcessEngine()
    engine.load(model, LoadOptions(n_ctx=n_ctx, n_threads=threads, n_gpu_layers=0, n_seq=1))
    # Warm-up both (first-call allocations, page cache).
    raw_round(llm, raw_params)
    ours_round(engine, gen_params)
    print(
        f"model: {model.name}  threads: {threads} of {hardware.physical_cores()} cores  "
        f"tokens/round: {args.tokens}"
    )
    medians = {}
    try:
        for phase in args.phases.split(","):
            hogs = []
            if phase == "contended":
                hogs = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(args.hogs)]
                time.sleep(0.5)
            try:
                label = f"contended ({args.hogs} CPU hog)" if hogs else phase
                medians[phase] = run_phase(label, llm, engine, raw_params, gen_params, args.rounds)
            finally:
                for hog in hogs:
                    hog.kill()
                    hog.wait()
    finally:
        engine.close()
        llm.close()
    for phase, median in medians.items():
        target = "  (target >= 0.97)" if phase == "idle" else ""
        print(f"median ratio ours/raw, {phase}: {median:.3f}{target}")


if __name__ == "__main__":
    main()
