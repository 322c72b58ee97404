"""Proofreading speed: our deterministic rules vs textlint, same text, same run.

Builds a Japanese text of at least --chars characters from the corpus .docx files
(../shared/corpus beside the repo), checks it with `check_text` (no LLM), then with
textlint (preset-ja-technical-writing + ja-hiragana-keishikimeishi +
ja-hiragana-hojodoushi), installed by npm into a cache folder when npm is present.
Prints chars/s of both, the speed ratio and both finding counts.

    python bench/proofread_vs_textlint.py [--chars 200000] [--npm-dir DIR] [--skip-textlint]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
NPM_PACKAGES = [
    "textlint",
    "textlint-rule-preset-ja-technical-writing",
    "textlint-rule-ja-hiragana-keishikimeishi",
    "textlint-rule-ja-hiragana-hojodoushi",
]
TEXTLINTRC = {
    "rules": {
        "preset-ja-technical-writing": True,
        "ja-hiragana-keishikimeishi": True,
        "ja-hiragana-hojodoushi": True,
    }
}


def build_text(min_chars: int) -> str:
    from desk_assistant.tasks.proofread.inputs import read_blocks

    paragraphs: list[str] = []
    files = sorted(CORPUS.glob("docx*.docx"))
    if not files:
        sys.exit(f"no corpus documents in {CORPUS}")
    while sum(len(p) + 1 for p in paragraphs) < min_chars:  # repeat the corpus if needed
        for path in files:
            paragraphs += [b.text for b in read_blocks(str(path)) if b.text.strip()]
    text = "\n".join(paragraphs)
    return text


def run_ours(text: str) -> tuple[float, int]:
    from desk_assistant.tasks.proofread import check_text

    check_text("辞書を読み込む。")  # load Sudachi's dictionary outside the timing
    start = time.perf_counter()
    findings = check_text(text)
    return time.perf_counter() - start, len(findings)


def ensure_textlint(npm_dir: Path) -> Path | None:
    npm = shutil.which("npm")
    binary = npm_dir / "node_modules" / ".bin" / "textlint"
    if binary.exists():
        return binary
    if not npm:
        return None
    npm_dir.mkdir(parents=True, exist_ok=True)
    if not (npm_dir / "package.json").exists():
        (npm_dir / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    print(f"installing textlint into {npm_dir} ...", file=sys.stderr)
    subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", *NPM_PACKAGES],
        cwd=npm_dir,
        check=True,
    )
    return binary if binary.exists() else None


def run_textlint(binary: Path, npm_dir: Path, text: str) -> tuple[float, float, int]:
    """(seconds on the text, seconds on a one-line file = start-up, finding count)."""
    rc = npm_dir / ".textlintrc.json"
    rc.write_text(json.dumps(TEXTLINTRC), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        big, tiny = Path(tmp) / "bench.txt", Path(tmp) / "tiny.txt"
        big.write_text(text, encoding="utf-8")
        tiny.write_text("これはテストです。\n", encoding="utf-8")

        def lint(path: Path) -> tuple[float, str]:
            start = time.perf_counter()
            proc = subprocess.run(
                [str(binary), "--config", str(rc), "--format", "json", str(path)],
                cwd=npm_dir,
                capture_output=True,
                text=True,
                env={**os.environ, "NODE_OPTIONS": "--max-old-space-size=4096"},
            )
            elapsed = time.perf_counter() - start
            if proc.returncode not in (0, 1):
                sys.exit(f"textlint failed ({proc.returncode}): {proc.stderr[-2000:]}")
            return elapsed, proc.stdout

        startup, _ = lint(tiny)
        elapsed, out = lint(big)
    count = sum(len(item.get("messages", [])) for item in json.loads(out or "[]"))
    return elapsed, startup, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument(
        "--npm-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "desk-assistant-bench-textlint",
    )
    parser.add_argument("--skip-textlint", action="store_true")
    args = parser.parse_args()

    text = build_text(args.chars)
    n = len(text)
    ours_s, ours_n = run_ours(text)
    print(f"text: {n:,} characters from {CORPUS}")
    print(f"ours:     {ours_s:8.2f} s  {n / ours_s:12,.0f} chars/s  {ours_n:6d} findings")
    if args.skip_textlint:
        return 0
    binary = ensure_textlint(args.npm_dir)
    if binary is None:
        print("textlint: npm not found; ratio not measured")
        return 0
    tl_s, tl_startup, tl_n = run_textlint(binary, args.npm_dir, text)
    print(
        f"textlint: {tl_s:8.2f} s  {n / tl_s:12,.0f} chars/s  {tl_n:6d} findings  (start-up {tl_startup:.2f} s)"
    )
    print(
        f"ratio (ours faster by): {tl_s / ours_s:,.0f}x  (excluding textlint start-up: {(tl_s - tl_startup) / ours_s:,.0f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
