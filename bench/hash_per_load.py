"""Cost of hashing a model at every load (policy RequireModelHash), on a 4–8 GB file.

Creates the file in a temp folder (sparse by default: no disk space, reads come
from zero pages, so the figure is the hashing itself; `--generated` writes real
pseudo-random data, which the page cache then serves like a model read twice in a
day). Measures, alternating rounds so machine noise hits both arms alike:

- read:   reading the file in the same 4 MiB chunks, no hashing (the floor: the
          llama.cpp child reads/mmaps the same bytes while it loads);
- sha256: llm.integrity.fresh_sha256, what open_model runs on a thread at each load.

Prints each round, the medians, throughput, and the ratio sha256 / read.

    .venv/bin/python bench/hash_per_load.py [--gib 4] [--rounds 3] [--generated]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk_assistant.llm import integrity  # noqa: E402

CHUNK = integrity.CHUNK


def make_file(folder: Path, size: int, generated: bool) -> Path:
    path = folder / "model.gguf"
    with open(path, "wb") as handle:
        handle.write(b"GGUF")
        if generated:
            block = os.urandom(CHUNK)  # one random block, rotated so pages differ
            written = 4
            while written < size:
                piece = block[written % 4096 :] + block[: written % 4096]
                piece = piece[: size - written]
                handle.write(piece)
                written += len(piece)
        else:
            handle.truncate(size)  # sparse: a hole after the magic
    return path


def read_only(path: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    started, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        while handle.read(CHUNK):
            pass
    return time.perf_counter() - started, time.process_time() - cpu


def hashed(path: Path) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    integrity.fresh_sha256(path)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=4.0, help="file size in GiB (4–8)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--generated", action="store_true", help="real data instead of sparse")
    args = parser.parse_args()
    size = int(args.gib * 1024**3)
    with tempfile.TemporaryDirectory(prefix="hash-bench-") as tmp:
        t0 = time.perf_counter()
        path = make_file(Path(tmp), size, args.generated)
        kind = "generated" if args.generated else "sparse"
        print(f"file: {size / 1024**3:.1f} GiB {kind} ({time.perf_counter() - t0:.1f} s to create)")
        reads, hashes = [], []
        for round_no in range(1, args.rounds + 1):
            reads.append(read_only(path))
            hashes.append(hashed(path))
            print(
                f"round {round_no}: read {reads[-1][0]:.2f} s (cpu {reads[-1][1]:.2f})"
                f"   sha256 {hashes[-1][0]:.2f} s (cpu {hashes[-1][1]:.2f})"
            )
        gib = size / 1024**3
        read_s = statistics.median(r[0] for r in reads)
        hash_s = statistics.median(h[0] for h in hashes)
        hash_cpu = statistics.median(h[1] for h in hashes)
        print(f"median read:   {read_s:.2f} s wall ({gib / read_s:.2f} GiB/s)")
        print(
            f"median sha256: {hash_s:.2f} s wall ({gib / hash_s:.2f} GiB/s), {hash_cpu:.2f} s CPU"
        )
        print(
            f"per load, 8 GiB model: ~{8 / (gib / hash_s):.1f} s wall, "
            f"~{8 / (gib / hash_cpu):.1f} s of one core"
        )
        print(f"ratio sha256 / read (wall): {hash_s / read_s:.1f}x")


if __name__ == "__main__":
    main()
