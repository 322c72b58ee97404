"""Streamed tokens/s through our child-process engine vs raw llama-cpp-python.

Same model, prompt and parameters, in one run, alternating rounds so machine
noise hits both sides alike. Prints each round and the median ratio
(ours / raw; 1.0 = no overhead; target >= 0.97).

    .venv/bin/python bench/engine_overhead.py [--rounds 7] [--tokens 128] [--model PATH]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

PROMPT = (
    "以下は市役所の広報誌に掲載された記事である。\n\n"
    "市民会館の大ホールは、舞台設備の改修工事のため、来年4月から半年間休館します。"
    "この間、小ホールと会議室は通常どおり利用できます。"
)


def raw_round(llm, params) -> tuple[int, float]:
    started = time.perf_counter()
    n = 0
    for _chunk in llm.create_completion(PROMPT, stream=True, **params):
        n += 1
    return n, time.perf_counter() - started


def ours_round(engine, gen_params) -> tuple[int, float]:
    started = time.perf_counter()
    n = 0
    for _piece in engine.stream(PROMPT, gen_params):
        n += 1
    elapsed = time.perf_counter() - started
    return engine.last_stats.get("completion_tokens", n), elapsed


def main() -> None:
    import llama_cpp

    from desk_assistant.llm import demo_model, hardware
    from desk_assistant.llm.engine import GenerationParams, LoadOptions
    from desk_assistant.llm.host import ProcessEngine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--model", type=Path)
    args = parser.parse_args()
    model = args.model or demo_model.install()
    threads = hardware.physical_cores()
    n_ctx = 2048

    # Identical sampling on both sides: greedy, no stop, fixed length (EOS ignored via logit bias is
    # not portable, so both simply run to max_tokens or EOS; token counts are printed to compare).
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
    engine.load(model, LoadOptions(n_ctx=n_ctx, n_threads=threads, n_gpu_layers=0))
    # Warm-up both (first-call allocations, page cache).
    raw_round(llm, raw_params)
    ours_round(engine, gen_params)

    raw_tps, ours_tps, ratios = [], [], []
    print(f"model: {model.name}  threads: {threads}  tokens/round: {args.tokens}")
    print(f"{'round':>5} {'raw tok/s':>10} {'ours tok/s':>11} {'ratio':>7}")
    for i in range(args.rounds):
        order = [("raw", raw_round, llm, raw_params), ("ours", ours_round, engine, gen_params)]
        if i % 2:
            order.reverse()  # alternate who goes first
        result = {}
        for name, fn, obj, params in order:
            n, seconds = fn(obj, params)
            result[name] = (n, n / seconds)
        raw_tps.append(result["raw"][1])
        ours_tps.append(result["ours"][1])
        ratios.append(result["ours"][1] / result["raw"][1])
        print(
            f"{i + 1:>5} {result['raw'][1]:>10.1f} {result['ours'][1]:>11.1f} {ratios[-1]:>7.3f}"
            f"   (tokens raw {result['raw'][0]}, ours {result['ours'][0]})"
        )
    engine.close()
    llm.close()
    print(
        f"median raw {statistics.median(raw_tps):.1f} tok/s, ours {statistics.median(ours_tps):.1f} tok/s"
    )
    print(f"median ratio ours/raw: {statistics.median(ratios):.3f}  (target >= 0.97)")


if __name__ == "__main__":
    main()
