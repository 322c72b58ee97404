"""Extraction speed of Excel and PowerPoint (issue 18): sheets or slides per second.

    nice python bench/office_extract.py [--rounds 3]

For every file of shared/corpus/office, side by side in one run (so machine load
hits both arms alike): our reader (`documents.load`, blocks with locations and
tags) and the raw floor under it, zipfile + lxml parsing every XML part (no
reader can be faster than reading its parts); and, when installed (dev extra:
they are not dependencies of the product), the libraries most code uses for the
job: openpyxl (every cell's value, every comment) and python-pptx (every shape's
and table's text, notes). Prints one line per file and the ratios ours / raw and
ours / library.
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


def library(path: Path) -> int | None:
    """The same text through openpyxl / python-pptx; None when not installed."""
    try:
        if path.suffix == ".xlsx":
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=False, data_only=True)
            count = 0
            for sheet in book.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        count += isinstance(cell.value, str) or cell.comment is not None
            return count
        import pptx

        count = 0
        deck = pptx.Presentation(str(path))

        def walk(shapes):
            nonlocal count
            for shape in shapes:
                if shape.shape_type == 6:  # a group
                    walk(shape.shapes)
                if shape.has_text_frame:
                    count += len(shape.text_frame.paragraphs)
                if getattr(shape, "has_table", False) and shape.has_table:
                    count += sum(
                        len(c.text_frame.paragraphs) for r in shape.table.rows for c in r.cells
                    )

        for slide in deck.slides:
            walk(slide.shapes)
            if slide.has_notes_slide:
                count += len(slide.notes_slide.notes_text_frame.paragraphs)
        return count
    except ImportError:
        return None


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
        f"{'file':8} {'units':>5} {'blocks':>6} {'ours s':>7} {'raw s':>7} {'lib s':>7}"
        f" {'units/s':>8} {'/raw':>6} {'/lib':>6}"
    )
    totals = {".xlsx": [0, 0.0, 0.0, 0.0], ".pptx": [0, 0.0, 0.0, 0.0]}
    has_library = True
    for path in files:
        n = units(path)
        blocks = len(documents.load(path).blocks)
        ours = best(lambda p=path: documents.load(p), args.rounds)
        floor = best(lambda p=path: raw(p), args.rounds)
        has_library = has_library and library(path) is not None
        lib = best(lambda p=path: library(p), args.rounds) if has_library else float("nan")
        for i, value in enumerate((n, ours, floor, lib)):
            totals[path.suffix][i] += value
        print(
            f"{path.name[:6]:8} {n:5} {blocks:6} {ours:7.3f} {floor:7.3f} {lib:7.3f}"
            f" {n / ours:8.1f} {ours / floor:6.2f} {ours / lib:6.2f}"
        )
    for suffix, (n, ours, floor, lib) in totals.items():
        what = "sheets" if suffix == ".xlsx" else "slides"
        name = "openpyxl" if suffix == ".xlsx" else "python-pptx"
        summary = f"{suffix}: {n / ours:.1f} {what}/s ours, {n / floor:.1f} raw parse"
        if has_library:
            summary += f", {n / lib:.1f} {name}; ours/{name} = {ours / lib:.2f}"
        print(f"{summary}; ours/raw = {ours / floor:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
