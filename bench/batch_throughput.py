"""Batched decoding: aggregate tokens/s and peak memory at batch sizes 1, 2, 4, 8.

The same translation prompts (real corpus sentences, the pipeline's few-shot
prompt and limits) go through the out-of-process engine, once per batch size,
each in a fresh engine child so its peak RSS (VmHWM) is its own:

- "1 (repack)": one prompt at a time with llama.cpp's default CPU weight repacking
  (what `stream` does with batching off, engine.parallel = 1);
- "1", "2", "4", "8": the model loaded with batching on, so with the exact kernels
  (LoadOptions.exact_batches: no weight repacking, no tiled K-quant matmul); "1"
  asks one prompt at a time (`stream`, the sequential reference), the others
  `stream_batch` with that many sequences. At temperature 0 every answer must equal
  the "1" answer: identical ones are counted (expected: all of them).

Prints per size: wall seconds, completion tokens, aggregate tokens/s, speed-up
(wall time over "1 (repack)"), identical answers, the child's peak RSS. Sizes run in
alternating order over rounds so machine noise hits every size alike.

    .venv/bin/python bench/batch_throughput.py [--segments 24] [--sizes 1,2,4,8]
        [--rounds 1] [--quick] [--no-repack-arm] [--model PATH]

`--segments 56` is the identity check on more than 50 segments.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def peak_rss(pid: int) -> int:
    """The process's peak resident memory (Linux VmHWM) in bytes; 0 elsewhere."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_size(model: Path, size: int, repack: bool, prompts, params) -> dict:
    from desk_assistant.llm.engine import LoadOptions, generate, generate_batch
    from desk_assistant.llm.host import ProcessEngine

    engine = ProcessEngine()
    try:
        # "1 (repack)": batching off, so the default kernels. The others load with batching
        # on (plain kernels); "1" then asks one prompt at a time, the sequential reference.
        n_seq = 1 if repack else max(size, 2)
        info = engine.load(model, LoadOptions(n_ctx=4096, n_seq=n_seq, n_gpu_layers=0))
        # Warm-up: the shared prefix and first-call allocations, outside the timing.
        generate(engine, prompts[0], params[0])
        started = time.perf_counter()
        if size == 1:
            texts, tokens = [], 0
            for prompt, param in zip(prompts, params, strict=True):
                texts.append(generate(engine, prompt, param))
                tokens += engine.last_stats.get("completion_tokens", 0)
        else:
            results = generate_batch(engine, prompts, params)
            errors = [r.error for r in results if r.error is not None]
            if errors:
                raise SystemExit(f"batch size {size}: {errors[0]}")
            texts = [r.text for r in results]
            tokens = sum(r.stats.get("completion_tokens", 0) for r in results)
        seconds = time.perf_counter() - started
        return {
            "texts": texts,
            "tokens": tokens,
            "seconds": seconds,
            "rss": peak_rss(engine.pid),
            "n_seq": size,
            "repack": info.weight_repacking,
        }
    finally:
        engine.close()


def main() -> None:
    from translate_pipeline import sentences_from_corpus

    from desk_assistant.llm import demo_model
    from desk_assistant.tasks.translate.prompting import translation_prompt

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=24)
    parser.add_argument("--sizes", default="1,2,4,8")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="8 segments, sizes 1 and 4")
    parser.add_argument("--no-repack-arm", action="store_true", help="skip '1 (repack)'")
    parser.add_argument("--show", action="store_true", help="print answers that differ")
    parser.add_argument("--model", type=Path)
    args = parser.parse_args()
    if args.quick:
        args.segments, args.sizes = 8, "1,4"
    sizes = [int(s) for s in args.sizes.split(",")]
    model = args.model or demo_model.install()
    texts = sentences_from_corpus(args.segments)
    built = [translation_prompt("few_shot", t, "ja", "en") for t in texts]
    prompts = [p for p, _ in built]
    params = [p for _, p in built]
    arms = [(s, False) for s in sizes]
    if not args.no_repack_arm:
        arms.insert(0, (1, True))
    print(f"model {model.name}, {len(prompts)} translation prompts (real sentences), greedy")
    runs: dict[tuple[int, bool], list[dict]] = {arm: [] for arm in arms}
    for round_no in range(args.rounds):
        order = arms if round_no % 2 == 0 else list(reversed(arms))
        for size, repack in order:
            runs[(size, repack)].append(run_size(model, size, repack, prompts, params))

    def best(arm):  # the fastest round: the one least slowed by other processes
        return min(runs[arm], key=lambda r: r["seconds"])

    base_arm = (1, True) if (1, True) in runs else arms[0]
    base = best(base_arm)
    reference = best((1, False)) if (1, False) in runs else base
    print(
        f"{'batch':>12} {'seconds':>8} {'tokens':>7} {'tok/s':>7} {'speed-up':>8} "
        f"{'same as 1':>10} {'peak RSS':>9}"
    )
    for arm in arms:
        r = best(arm)
        label = f"{arm[0]} (repack)" if arm[1] else str(arm[0])
        same = sum(a == b for a, b in zip(r["texts"], reference["texts"], strict=True))
        rate = r["tokens"] / r["seconds"]
        # Wall time for the same prompts: the sequential stream counts its pieces, a batch
        # its sampled tokens, so token counts differ by a few percent for equal answers.
        speed = base["seconds"] / r["seconds"]
        print(
            f"{label:>12} {r['seconds']:8.1f} {r['tokens']:7d} {rate:7.1f} {speed:7.2f}x "
            f"{same:>4}/{len(prompts):<5} {r['rss'] / 2**20:7.0f} MB"
        )
    print(
        "speed-up: wall time of the base arm / this arm (same prompts); 'same as 1': identical answers"
    )
    if args.show:
        for arm in arms:
            for i, (a, b) in enumerate(zip(best(arm)["texts"], reference["texts"], strict=True)):
                if a != b:
                    print(f"{arm} prompt {i}:\n  got {a!r}\n  ref {b!r}")


if __name__ == "__main__":
    main()
