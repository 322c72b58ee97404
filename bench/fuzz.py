"""Hostile-file fuzz run: every generated case through extract / proofread / proofread -o.

    nice python bench/fuzz.py                     # all cases (≥ 800), 2 jobs
    nice python bench/fuzz.py --jobs 1 --family pdf_huge --family zip_bomb
    nice python bench/fuzz.py --sample 2          # the CI-sized subset

Cases are generated from the shared corpus with a fixed seed into a temp folder
(nothing binary is committed) and removed after their runs. Prints counts by
outcome and every rule broken (internal error, hang > timeout, peak RSS > 1 GB,
invalid output, changed input, invalid JSON, leftovers); `--report FILE` writes
one JSON line per run. Exit 1 when any rule is broken.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "fuzz")]

import fuzz_cases  # noqa: E402
import fuzz_runner  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--seed", type=int, default=fuzz_cases.SEED)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=fuzz_runner.TIMEOUT_S)
    parser.add_argument("--sample", type=int, default=0, help="N light cases per family")
    parser.add_argument("--family", action="append", default=[], help="only these families")
    parser.add_argument("--case", action="append", default=[], help="only these case ids")
    parser.add_argument(
        "--command", action="append", default=[], choices=list(fuzz_runner.COMMANDS)
    )
    parser.add_argument("--mode", choices=("fork", "exec"), default="fork")
    parser.add_argument("--report", type=Path, help="write one JSON line per run here")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args(argv)

    cases = fuzz_cases.all_cases(args.corpus, args.seed)
    total = len(cases)
    if args.sample:
        cases = fuzz_cases.sample(cases, args.sample, args.seed)
    if args.family:
        cases = [c for c in cases if c.family in args.family]
    if args.case:
        cases = [c for c in cases if c.id in args.case]
    families: dict[str, int] = {}
    for case in cases:
        families[case.family] = families.get(case.family, 0) + 1
    print(f"{len(cases)} of {total} cases; families: {json.dumps(families)}", flush=True)
    if args.list:
        for case in cases:
            print(case.id, case.name)
        return 0
    if args.mode == "fork":
        fuzz_runner.preload()
    report = open(args.report, "w", encoding="utf-8") if args.report else None  # noqa: SIM115
    started = time.monotonic()

    def progress(done: int, planned: int, result) -> None:
        if report:
            report.write(fuzz_runner.to_json(result) + "\n")
            report.flush()
        if result.outcome not in ("ok", "input_error") or result.problems:
            print(
                f"  FAIL {result.case} {result.command}: {result.outcome} {result.problems} "
                f"{result.seconds}s {result.peak_rss_mb}MB | {result.stderr_tail[-300:]!r}",
                flush=True,
            )
        if done % 100 == 0:
            print(f"  {done}/{planned} runs, {time.monotonic() - started:.0f} s", flush=True)

    with tempfile.TemporaryDirectory(prefix="desk-fuzz-") as work:
        runner = fuzz_runner.Runner(
            Path(work), jobs=args.jobs, timeout=args.timeout, mode=args.mode
        )
        commands = tuple(args.command) or tuple(fuzz_runner.COMMANDS)
        results = runner.run_cases(cases, commands, progress)
    summary = fuzz_runner.summarize(results)
    summary["wall_seconds"] = round(time.monotonic() - started, 1)
    summary["jobs"] = args.jobs
    summary["by_family"] = families
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    bad = fuzz_runner.failures(results)
    print(f"{len(bad)} run(s) broke a rule")
    if report:
        report.close()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
