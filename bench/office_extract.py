"""Extraction speed of Excel and PowerPoint (issue 18): sheets or slides per second.

    nice python bench/office_extract.py [--rounds 3]

For every file of shared/corpus/office, side by side in one run (so machine load
hits both arms alike): our reader (`documents.load`, blocks with locations and
tags) and the raw floor under it, zipfile + lxml parsing every XML part (no
reader can be faster than reading its parts). openpyxl / python-pptx are not
dependencies of the product, so they are not the comparison here. Prints one
line per file and the ratio ours / raw.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402

from desk_assistant import documents  # noqa: E402

OFFICE = REPO.parent / "shared" / "corpus" / "office"
if not OFFICE.is_dir():
    OFFICE = Path("/work/shared/corpus/office")


def units(path: Path) -> int:
    """Sheets of a book, slides of a deck."""
    with zipfile.ZipFile(path) as z:
        pattern = (
            r"xl/worksheets/sheet\d+\.xml$"
            if path.suffix == ".xlsx"
            else r"ppt/slides/slide\d+\.xml$"
        )
        return sum(1 for n in z.namelist() if re.match(pattern, n))


def raw(path: Path) -> int:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    count = 0
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                count += len(etree.fromstring(z.read(name), parser))
    return count


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(OFFICE.glob("*.xlsx")) + sorted(OFFICE.glob("*.pptx"))
    print(
        f"{'file':8} {'units':>5} {'blocks':>6} {'ours s':>7} {'raw s':>7} {'units/s':>8} {'ratio':>6}"
    )
    totals = {".xlsx": [0, 0.0, 0.0], ".pptx": [0, 0.0, 0.0]}
    for path in files:
        n = units(path)
        blocks = len(documents.load(path).blocks)
        ours = best(lambda p=path: documents.load(p), args.rounds)
        floor = best(lambda p=path: raw(p), args.rounds)
        totals[path.suffix][0] += n
        totals[path.suffix][1] += ours
        totals[path.suffix][2] += floor
        print(
            f"{path.name[:6]:8} {n:5} {blocks:6} {ours:7.3f} {floor:7.3f} {n / ours:8.1f} {ours / floor:6.2f}"
        )
    for suffix, (n, ours, floor) in totals.items():
        what = "sheets" if suffix == ".xlsx" else "slides"
        print(
            f"{suffix}: {n / ours:.1f} {what}/s ours, {n / floor:.1f} raw parse; ours/raw = {ours / floor:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
