"""Conventions every task subcommand follows.

- Inputs: one or more files or folders (folders are scanned for the suffixes the
  task accepts); a batch ends with a summary table.
- Progress on stderr (only when stderr is a terminal or forced), results on stdout.
- `--format json` prints one JSON document on stdout.
- Exit codes: 0 ok, 1 ok with findings, 2 usage, 3 input file, 4 model/engine.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import i18n
from ..errors import (
    EXIT_ENGINE,
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    DeskError,
    InputNotFoundError,
    UnsupportedFormatError,
    shown,
)
from ..fileio import desk_error_for
from ..session.audit import AuditedTask  # noqa: F401 - re-exported for the commands


def add_format_option(parser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=i18n.tr("出力形式 (既定: text)", "output format (default: text)"),
    )


def add_inputs_argument(parser, help_text: str | None = None) -> None:
    """The task commands' positional inputs: one or more files or folders."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="IN",
        help=help_text or i18n.tr("ファイルまたはフォルダ", "files or folders"),
    )


def add_model_option(parser) -> None:
    parser.add_argument("--model", help=i18n.tr("モデル ID またはパス", "model id or path"))


def expand_inputs(items: Sequence[str], suffixes: Iterable[str]) -> list[Path]:
    """Files as given, folders scanned (sorted) for the accepted suffixes."""
    suffixes = tuple(s.lower() for s in suffixes)
    found: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in suffixes
            )
        elif path.is_file():
            if path.suffix.lower() not in suffixes:
                raise UnsupportedFormatError(path=str(path), supported=" ".join(suffixes))
            found.append(path)
        else:
            raise InputNotFoundError(path=str(path))
    return found


class Progress:
    """A one-line progress bar on stderr with an ETA. Silent when not a terminal."""

    def __init__(self, total: int, label: str = "", stream=None, enabled: bool | None = None):
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0
        self.started = time.monotonic()

    def advance(self, step: int = 1) -> None:
        self.done = min(self.done + step, self.total)
        self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        width = 24
        filled = int(width * self.done / self.total)
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {self.done}/{self.total} "
            + i18n.tr(f"残り約 {eta:.0f} 秒", f"ETA {eta:.0f}s")
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


@dataclass
class FileOutcome:
    path: Path
    status: str  # "ok" | "findings" | "error"
    detail: str = ""
    output: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)
    exit_code: int = EXIT_OK


def run_batch(paths: Sequence[Path], one, fmt: str) -> tuple[list[FileOutcome], int]:
    """Run `one(path) -> FileOutcome` on each file; an error in one file does not stop the rest."""
    outcomes: list[FileOutcome] = []
    for path in paths:
        try:
            outcomes.append(one(path))
        except (DeskError, OSError) as raw:
            # A name over 255 bytes, a read-only folder: a message, not an internal error.
            err = raw if isinstance(raw, DeskError) else desk_error_for(raw)
            if err is None:
                raise
            # Each failure is said at once on stderr; the batch goes on with the next file.
            sys.stderr.write(f"{shown(path)}: {err.message()}\n")
            outcomes.append(FileOutcome(path, "error", err.message(), exit_code=err.exit_code))
    codes = [o.exit_code for o in outcomes]
    if any(c == EXIT_ENGINE for c in codes):
        code = EXIT_ENGINE
    elif any(c == EXIT_INPUT for c in codes):
        code = EXIT_INPUT
    elif any(c == EXIT_USAGE for c in codes):
        code = EXIT_USAGE
    elif any(c == EXIT_FINDINGS for c in codes):
        code = EXIT_FINDINGS
    else:
        code = EXIT_OK
    if fmt == "text" and len(paths) > 1:
        print_summary_table(outcomes)
    return outcomes, code


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def print_summary_table(outcomes: Sequence[FileOutcome], stream=None) -> None:
    stream = stream or sys.stdout
    labels = {
        "ok": i18n.tr("成功", "ok"),
        "findings": i18n.tr("指摘あり", "findings"),
        "error": i18n.tr("エラー", "error"),
    }
    head = (i18n.tr("ファイル", "file"), i18n.tr("結果", "result"), i18n.tr("詳細", "detail"))
    rows = [
        (
            shown(o.path.name),
            labels[o.status],
            o.detail or (shown(o.output) if o.output else ""),
        )
        for o in outcomes
    ]
    widths = [max(display_width(r[i]) for r in [head, *rows]) for i in range(2)]
    stream.write("\n")
    for row in [head, *rows]:
        stream.write(f"{pad(row[0], widths[0])}  {pad(row[1], widths[1])}  {row[2]}\n")
    ok = sum(o.status != "error" for o in outcomes)
    stream.write(
        i18n.tr(f"{len(outcomes)} 件中 {ok} 件成功\n", f"{ok} of {len(outcomes)} succeeded\n")
    )


def emit_json(data: Any, stream=None) -> None:
    stream = stream or sys.stdout
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    stream.write(_SURROGATE_RE.sub(_json_surrogate, text))
    stream.write("\n")


# File names that are not valid UTF-8 reach Python as lone surrogates (PEP 383);
# no encoder writes them. In JSON they become the text "\xNN" (the raw byte, as
# Python shows it) and any other lone surrogate U+FFFD, so stdout is always valid.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _json_surrogate(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def hash_progress(label: str):
    """A stderr progress callback (done_bytes, total_bytes) for hashing big model files."""
    bar = Progress(100, label)

    def report(done: int, total: int) -> None:
        bar.advance(int(100 * done / max(total, 1)) - bar.done)
        if done >= total:
            bar.close()

    return report
