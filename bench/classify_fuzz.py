"""Classify issue 22's hostile-file corpus by the message each file gets (issue 23).

    nice python bench/classify_fuzz.py                 # every light case (heavy ones: --heavy)
    nice python bench/classify_fuzz.py --json out.json

Each case goes through `documents.load` in this process (with a per-case time
limit) and the resulting message is checked the way a user reads it:
- "scanned" (ScannedPdfError, the OCR advice) only for a PDF that has page images;
- no library text (zipfile/pypdf/lxml words) in the Japanese or English message;
- no Japanese in the English message, the path at most once.
Prints counts by outcome and every case that breaks a rule; exit 1 if any does.
Run it against another tree by putting that tree first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import signal
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests" / "fuzz")]
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

import fuzz_cases  # noqa: E402

from desk_assistant import documents, errors  # noqa: E402

LIBRARY_TEXT = re.compile(
    r"Bad CRC|CRC-32|Stream has ended|ZipInfo|zlib|Error -\d|pypdf|PdfReadError|Traceback|"
    r"Errno|BadZipFile|XMLSyntaxError|NotImplementedError|RuntimeError|filename=|compress_type|"
    r"not implemented|\bunknown\b|EOF marker|startxref|endstream|line \d+, column|"
    r"NOT supported|handler is available",
    re.IGNORECASE,
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


class _TimeUp(Exception):
    pass


def _alarm(_signum, _frame):
    raise _TimeUp()


def classify(case, folder: Path, timeout: int) -> dict:
    target = os.path.join(os.fsencode(folder), case.name)
    with open(target, "wb") as handle:
        handle.write(case.make())
    path = Path(os.fsdecode(target))
    row = {"id": case.id, "family": case.family}
    started = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        document = documents.load(path)
        row["outcome"] = "ok"
        row["warnings"] = len(document.warnings)
        row["garbled_pages"] = len(getattr(document, "garbled_pages", []) or [])
    except errors.DeskError as err:
        row["outcome"] = type(err).__name__
        ja, en = err.message("ja"), err.message("en")
        shown_path = errors.shown(str(path)) if hasattr(errors, "shown") else str(path)
        row["message_en"] = en.replace(shown_path, "<path>")
        problems = []
        for lang, text in (("ja", ja), ("en", en)):
            rest = text.replace(shown_path, "")
            if LIBRARY_TEXT.search(rest):
                problems.append(f"library text ({lang})")
            if text.count(shown_path) > 1:
                problems.append(f"path twice ({lang})")
        if JAPANESE.search(en.replace(shown_path, "")):
            problems.append("Japanese in English")
        if isinstance(err, errors.ScannedPdfError):
            data = Path(path).read_bytes()
            if not re.search(rb"/Subtype\s*/Image", data):
                problems.append("scanned without any page image")
        row["problems"] = problems
    except _TimeUp:
        row["outcome"] = "timeout"
    except Exception as err:  # noqa: BLE001 - an internal error is a finding
        row["outcome"] = "internal:" + type(err).__name__
        row["problems"] = ["internal error"]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        with open(target, "wb"):
            pass
        os.unlink(target)
    row["seconds"] = round(time.perf_counter() - started, 3)
    return row


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--heavy", action="store_true", help="also the slow cases")
    parser.add_argument("--timeout", type=int, default=60)
    parser.add_argument("--json", type=Path, help="write every row here")
    parser.add_argument("--family", action="append", default=[], help="only families starting so")
    args = parser.parse_args(argv)
    cases = fuzz_cases.all_cases(args.corpus)
    chosen = [c for c in cases if args.heavy or not c.heavy]
    if args.family:
        chosen = [c for c in chosen if c.family.startswith(tuple(args.family))]
    print(f"{len(chosen)} of {len(cases)} cases", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="classify-") as tmp:
        for case in chosen:
            rows.append(classify(case, Path(tmp), args.timeout))
    outcomes = collections.Counter(r["outcome"] for r in rows)
    print("outcomes:", json.dumps(dict(outcomes.most_common()), ensure_ascii=False))
    pdf_rows = [r for r in rows if r["family"].startswith("pdf")]
    scanned = [r for r in pdf_rows if r["outcome"] == "ScannedPdfError"]
    print(f"PDF cases: {len(pdf_rows)}; 'scanned' messages: {len(scanned)}")
    bad = [r for r in rows if r.get("problems")]
    kinds = collections.Counter(p for r in bad for p in r["problems"])
    print("rule breaks:", json.dumps(dict(kinds), ensure_ascii=False))
    for row in bad[:40]:
        print(
            f"  {row['id']}: {row['outcome']}: {', '.join(row['problems'])}: {row.get('message_en', '')[:160]}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
