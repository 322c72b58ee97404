"""A long corpus PDF summarized with the demo model: wall time, chunks, peak memory.

Loads the document, opens the model in the child-process engine, runs the
token-budgeted map-reduce, and prints, measured in this one run: wall time,
chunk count and model calls, tokens generated, and peak RSS (VmHWM) of the
engine child and of this process against the model file size
(target: child peak RSS <= model file + 400 MB).

Run it under the shared model lock:

    flock /tmp/desk-model.lock .venv/bin/python bench/summarize_long.py \
        [--pdf ../shared/corpus/pdf07_moj_chukan_shian_hosoku_setsumei.pdf] \
        [--n-ctx 4096] [--style bullets] [--model PATH]
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PDF = REPO.parent / "shared" / "corpus" / "pdf07_moj_chukan_shian_hosoku_setsumei.pdf"
MB = 1024 * 1024
HEADROOM = 400 * MB


def vm_hwm(pid: int | str) -> int:
    """Peak resident set size of a process, in bytes (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


class PeakWatcher(threading.Thread):
    """Polls the child's VmHWM until it exits (its peak is gone once the child is)."""

    def __init__(self, engine) -> None:
        super().__init__(daemon=True)
        self.engine = engine
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            pid = self.engine.pid
            if pid:
                try:
                    self.peak = max(self.peak, vm_hwm(pid))
                except OSError:
                    pass


def main() -> None:
    from desk_assistant.documents import load
    from desk_assistant.llm import demo_model
    from desk_assistant.llm.engine import LoadOptions
    from desk_assistant.llm.host import ProcessEngine
    from desk_assistant.tasks.summarize import find_style, summarize_document

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--style", default="bullets")
    parser.add_argument("--model", type=Path)
    args = parser.parse_args()
    model = args.model or demo_model.install()
    model_size = model.stat().st_size

    started = time.perf_counter()
    document = load(args.pdf)
    load_doc_s = time.perf_counter() - started
    pages = max((b.page or 0) for b in document.blocks)
    chars = len(document.plain_text())

    engine = ProcessEngine()
    watcher = PeakWatcher(engine)
    watcher.start()
    try:
        engine.load(model, LoadOptions(n_ctx=args.n_ctx))
        load_model_s = time.perf_counter() - started - load_doc_s
        tokens_out = 0
        calls: list[float] = []

        def on_progress(done: int, total: int) -> None:
            nonlocal tokens_out
            tokens_out += int(engine.last_stats.get("completion_tokens", 0))
            calls.append(time.perf_counter())
            print(f"  call {done}/{total}  {calls[-1] - started:6.1f}s", flush=True)

        source_tokens = engine.count_tokens(document.plain_text())
        summary_started = time.perf_counter()
        result = summarize_document(
            engine,
            "few_shot",
            document,
            find_style(args.style),
            n_ctx=args.n_ctx,
            on_progress=on_progress,
        )
        summary_s = time.perf_counter() - summary_started
        child_peak = max(watcher.peak, vm_hwm(engine.pid) if engine.pid else 0)
    finally:
        watcher.stop.set()
        engine.close()
    parent_peak = vm_hwm("self")
    wall = time.perf_counter() - started

    print()
    print(
        f"document        {args.pdf.name}: {pages} pages, {chars:,} chars, {source_tokens:,} tokens"
    )
    print(f"n_ctx           {args.n_ctx}   style {args.style}   mode {result.mode}")
    print(f"chunks          {result.chunks}   model calls {result.model_calls}")
    print(f"tokens out      {tokens_out:,}")
    print(
        f"wall time       {wall:.1f} s  (load pdf {load_doc_s:.1f} s, load model {load_model_s:.1f} s, summarize {summary_s:.1f} s)"
    )  # noqa: E501
    print(f"throughput      {source_tokens / summary_s:,.0f} source tokens/s")
    print(f"model file      {model_size / MB:,.0f} MB")
    print(
        f"peak RSS child  {child_peak / MB:,.0f} MB  = model + {(child_peak - model_size) / MB:,.0f} MB  (target <= model + {HEADROOM // MB} MB: {'OK' if child_peak <= model_size + HEADROOM else 'OVER'})"
    )  # noqa: E501
    print(f"peak RSS parent {parent_peak / MB:,.0f} MB")
    print(
        f"citations       {len(result.citations)} of {len(result.units)} units   grounding findings {len(result.findings)}"
    )  # noqa: E501
    print()
    print(result.cited_text())
    for finding in result.findings:
        print("  !", finding.message())


if __name__ == "__main__":
    main()
