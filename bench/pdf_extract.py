"""PDF extraction speed: our reader beside the raw libraries, pages per second.

    nice python bench/pdf_extract.py [--corpus DIR] [--rounds N] [--only pdf09 ...]

Arms, run one after the other on each file in the same process (so a busy
machine slows them alike; read the ratios, not the absolute figures):
- pypdf: `extract_text` on every page (what documents/pdf.py used alone before);
- pdfplumber: characters and the ruled-table finder on every page (what our
  layout pass asks of it; pdfminer.six does the parsing);
- pdfminer.six: `extract_text` with its own layout analysis;
- documents.load: ours — pypdf's checks and text, then pdfplumber's layout of the
  text pages, tables, reading order, page-break joins.
Files that raise a DeskError (scans, damaged) are left out of every arm.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desk_assistant import documents  # noqa: E402
from desk_assistant.errors import DeskError  # noqa: E402

logging.getLogger("pypdf").setLevel(logging.CRITICAL)
logging.getLogger("pdfminer").setLevel(logging.CRITICAL)


def pypdf_raw(path: Path) -> int:
    import pypdf

    reader = pypdf.PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt("")
    for page in reader.pages:
        page.extract_text()
    return len(reader.pages)


def pdfplumber_raw(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path, password="") as pdf:
        for page in pdf.pages:
            page.chars  # noqa: B018 - parsing is lazy: this does the work
            page.find_tables()
            page.close()


def pdfminer_raw(path: Path) -> None:
    from pdfminer.high_level import extract_text

    extract_text(str(path), password="")


ARMS = {
    "pypdf": pypdf_raw,
    "pdfplumber": pdfplumber_raw,
    "pdfminer.six": pdfminer_raw,
    "documents.load": documents.load,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=1, help="best of N per arm and file")
    parser.add_argument("--only", nargs="*", default=[], help="file name prefixes")
    args = parser.parse_args(argv)
    files = sorted(args.corpus.glob("*.pdf"))
    if args.only:
        files = [f for f in files if f.name.startswith(tuple(args.only))]
    if not files:
        print(f"no PDF in {args.corpus}")
        return 2
    totals = dict.fromkeys(ARMS, 0.0)
    pages = 0
    print(f"{'file':36} {'pages':>5} " + " ".join(f"{name:>14}" for name in ARMS) + "  (seconds)")
    for path in files:
        try:
            doc = documents.load(path)
        except DeskError as err:
            print(f"{path.name[:36]:36} left out: {err.message('en')[:60]}")
            continue
        seconds = {}
        for name, arm in ARMS.items():
            best = float("inf")
            for _ in range(args.rounds):
                start = time.perf_counter()
                arm(path)
                best = min(best, time.perf_counter() - start)
            seconds[name] = best
            totals[name] += best
        pages += doc.pages
        print(
            f"{path.name[:36]:36} {doc.pages:5d} "
            + " ".join(f"{seconds[name]:14.2f}" for name in ARMS)
        )
    print(f"\n{pages} pages")
    ours = totals["documents.load"]
    for name, seconds in totals.items():
        print(
            f"  {name:15} {pages / seconds:7.1f} pages/s   documents.load takes {ours / seconds:.2f}x its time"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
