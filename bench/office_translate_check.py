"""Issue 18's "Must show" for Office files, with the real model: each file translates
(the CLI, `desk-assistant translate F --to en --format json`), the output keeps the
formula / value / chart counts, LibreOffice converts it to PDF, and every Japanese
text part of the source is changed in the output or has a finding (flagged).

    python bench/office_translate_check.py [FILE ...] [--limit-blocks N] [--keep DIR]

With no FILE: every .xlsx/.pptx in ../shared/corpus/office. The demo model is slow
(about 5-10 s a block on 2 contended cores): pass the small files, or --limit-blocks
to skip files with more blocks. --keep DIR keeps each translated file, the CLI's JSON
and the PDF for reading afterwards. --home DIR runs in that app home (kept afterwards):
an interrupted run's home resumes its translation journal, as the app does for a user. Prints one row per file; exit 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk_assistant import documents  # noqa: E402
from desk_assistant.tasks.translate.languages import has_text_in  # noqa: E402

OFFICE = ROOT.parent / "shared" / "corpus" / "office"


def counts(path: Path) -> dict[str, int]:
    found = {"formulas": 0, "values": 0, "charts": 0}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if re.match(r"xl/worksheets/sheet\d+\.xml$", name):
                xml = z.read(name).decode("utf-8")
                found["formulas"] += len(re.findall(r"<f[ >/]", xml))
                found["values"] += len(re.findall(r"<v>[^<]*</v>", xml))
            elif re.search(r"charts?/chart\d+\.xml$", name):
                found["charts"] += 1
    return found


def libreoffice_pdf(path: Path, work: Path) -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{work}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "pdf"),
            str(path),
        ],
        capture_output=True,
        timeout=600,
    )
    pdf = work / "pdf" / f"{path.stem}.pdf"
    return pdf.exists() and pdf.stat().st_size > 1000


def check(source: Path, work: Path) -> dict:
    path = work / source.name
    shutil.copy2(source, path)
    out = work / f"{path.stem}.en{path.suffix}"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "desk_assistant", "translate", str(path), "--to", "en"]
        + ["--format", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=6 * 3600,
    )
    seconds = time.perf_counter() - started
    row = {"file": source.name[:6], "exit": done.returncode, "seconds": round(seconds)}
    if not out.exists():
        row["error"] = done.stderr.strip()[-300:]
        return row
    (work / "cli.json").write_text(done.stdout, encoding="utf-8")
    data = json.loads(done.stdout)
    data = data["results"][0] if "results" in data else data  # the CLI lists its files
    segments = {s["location"]: s for s in data.get("segments", [])}
    source_doc, translated = documents.load(path), documents.load(out)
    new = {b.location: b.text for b in translated.blocks}
    japanese = [b for b in source_doc.blocks if b.segments and has_text_in(b.text, "ja")]
    changed = flagged = silent = 0
    unflagged: list[str] = []
    for block in japanese:
        if new.get(block.location) != block.text:
            changed += 1
        elif segments.get(block.location, {}).get("findings"):
            flagged += 1
        else:
            silent += 1
            unflagged.append(block.text[:20])
    before, after = counts(path), counts(out)
    row.update(
        resumed_units=data.get("stats", {}).get("resumed", 0),
        blocks=len(japanese),
        changed=changed,
        flagged=flagged,
        unflagged_unchanged=silent,
        unflagged_examples=unflagged[:5],
        segments_with_findings=sum(1 for s in segments.values() if s.get("findings")),
        counts_same=before == after,
        counts=after,
        libreoffice_pdf=libreoffice_pdf(out, work),
    )
    return row


def keep_outputs(work: Path, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    for path in [*work.glob("*.en.*"), *work.glob("*.json"), *(work / "pdf").glob("*.pdf")]:
        shutil.copy2(path, into / path.name)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--limit-blocks", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="copy outputs here (translation, JSON, PDF)")
    parser.add_argument("--home", type=Path, help="app home to use and keep (resumes its journal)")
    args = parser.parse_args()
    files = args.files or sorted(OFFICE.glob("*.xlsx")) + sorted(OFFICE.glob("*.pptx"))
    # audit log, vault, model: never the user's home
    home = str(args.home) if args.home else tempfile.mkdtemp(prefix="desk-office-check-")
    os.environ["DESK_ASSISTANT_HOME"] = home
    from desk_assistant.llm import demo_model

    demo_model.install()
    failed = False
    for source in files:
        if args.limit_blocks:
            blocks = [b for b in documents.load(source).blocks if b.segments]
            if len(blocks) > args.limit_blocks:
                print(json.dumps({"file": source.name[:6], "skipped_blocks": len(blocks)}))
                continue
        with tempfile.TemporaryDirectory() as folder:
            row = check(source, Path(folder))
            if args.keep:
                keep_outputs(Path(folder), args.keep / source.stem)
        ok = (
            "error" not in row
            and row["counts_same"]
            and row["libreoffice_pdf"]
            and row["unflagged_unchanged"] == 0
        )
        failed |= not ok
        print(json.dumps(row, ensure_ascii=False), flush=True)
    if not args.home:
        shutil.rmtree(home, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
