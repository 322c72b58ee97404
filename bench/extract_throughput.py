"""Extraction throughput on the corpus: our documents layer beside the raw libraries.

    python bench/extract_throughput.py [--corpus DIR] [--skip-others]

PDF: pages/s for raw pypdf `extract_text`, for `documents.load` (pypdf plus
clean-up: look-alike kanji, running headers, paragraph joining, scan check) and,
if installed, pdfminer.six. DOCX: paragraphs/s for `documents.load`, for a full
write-back (`save_as` with every segment), and beside it python-docx's own
paragraph walk and, if installed, docx2python. All run in this one process, so
read the ratios, not the absolute figures (machines are noisy). Nothing is
pass/fail.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desk_assistant import documents  # noqa: E402
from desk_assistant.errors import DeskError  # noqa: E402

logging.getLogger("pypdf").setLevel(logging.CRITICAL)
logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
warnings.simplefilter("ignore")  # docx2python warns about every numbering format it lacks


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def raw_pypdf(path: Path) -> int:
    import pypdf

    reader = pypdf.PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt("")
    for page in reader.pages:
        page.extract_text()
    return len(reader.pages)


def raw_python_docx(path: Path) -> None:
    import docx

    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    for table in d.tables:  # top-level tables only; python-docx has no deeper walk
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)


def _docx2python_text(module, path: Path) -> str:
    with module.docx2python(str(path)) as content:  # parsing is lazy: .text does the work
        return content.text


def optional(module: str):
    try:
        return __import__(module, fromlist=["_"])
    except ImportError:
        return None


def bench_pdf(files: list[Path], others: bool) -> None:
    pdfminer = optional("pdfminer.high_level") if others else None
    totals = {"pypdf (raw)": 0.0, "documents.load": 0.0, "pdfminer.six": 0.0}
    pages = 0
    print("PDF                                   pages  pypdf s  ours s  pdfminer s")
    for path in files:
        try:
            n = raw_pypdf(path)
        except Exception as err:  # noqa: BLE001 - a bench reports, it does not stop
            print(f"  {path.name[:36]:36} skipped: {err}")
            continue
        t_raw = timed(lambda p=path: raw_pypdf(p))
        try:
            t_ours = timed(lambda p=path: documents.load(p))
        except DeskError as err:
            print(f"  {path.name[:36]:36} {err.message('en')}")
            continue
        t_miner = timed(lambda p=path: pdfminer.extract_text(str(p))) if pdfminer else 0.0
        pages += n
        totals["pypdf (raw)"] += t_raw
        totals["documents.load"] += t_ours
        totals["pdfminer.six"] += t_miner
        miner = f"{t_miner:10.2f}" if pdfminer else "         -"
        print(f"{path.name[:36]:36} {n:6d} {t_raw:8.2f} {t_ours:7.2f} {miner}")
    print(f"\nPDF total: {pages} pages")
    base = totals["documents.load"]
    for name, seconds in totals.items():
        if seconds:
            ratio = base / seconds
            print(
                f"  {name:16} {pages / seconds:8.1f} pages/s   (ours takes {ratio:.2f}x its time)"
            )
    if not pdfminer:
        print("  pdfminer.six     not installed")


def bench_docx(files: list[Path], others: bool) -> None:
    docx2python = optional("docx2python") if others else None
    totals = {"documents.load": 0.0, "save_as (all)": 0.0, "python-docx": 0.0, "docx2python": 0.0}
    paragraphs = 0
    print(
        "\nDOCX                                  paras  ours s  write s  python-docx s  docx2python s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for i, path in enumerate(files):
            doc = documents.load(path)
            n = len(doc.blocks)
            t_ours = timed(lambda p=path: documents.load(p))
            out = Path(tmp) / f"{i}.docx"
            t_write = timed(
                lambda d=doc, o=out: d.save_as(o, {s.id: s.tagged for s in d.segments()})
            )
            t_pd = timed(lambda p=path: raw_python_docx(p))
            t_d2p = 0.0
            if docx2python:
                t_d2p = timed(lambda p=path: _docx2python_text(docx2python, p))
            paragraphs += n
            for key, value in zip(totals, (t_ours, t_write, t_pd, t_d2p), strict=True):
                totals[key] += value
            d2p = f"{t_d2p:14.2f}" if docx2python else "             -"
            print(f"{path.name[:36]:36} {n:6d} {t_ours:7.2f} {t_write:8.2f} {t_pd:14.2f} {d2p}")
    print(
        f"\nDOCX total: {paragraphs} paragraphs (our count over every part; the same files for all)"
    )
    base = totals["documents.load"]
    for name, seconds in totals.items():
        if seconds:
            print(
                f"  {name:16} {paragraphs / seconds:9.0f} paragraphs/s   (load takes {base / seconds:.2f}x its time)"
            )
    if not docx2python:
        print("  docx2python      not installed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument(
        "--skip-others", action="store_true", help="only pypdf/python-docx beside ours"
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}")
        return 2
    bench_pdf(sorted(args.corpus.glob("*.pdf")), not args.skip_others)
    bench_docx(sorted(args.corpus.glob("*.docx")), not args.skip_others)
    return 0


if __name__ == "__main__":
    sys.exit(main())
