"""Conventions every task subcommand follows.

- Inputs: one or more files or folders (folders are scanned for the suffixes the
  task accepts); a batch ends with a summary table.
- Progress on stderr, results on stdout. `--progress auto` (default): a bar on a
  terminal, a plain line every few seconds otherwise (logs, scripts, redirects);
  `--progress json`: one JSON object per line for scripts; `--progress none`.
- `--format json` prints one JSON document on stdout.
- Exit codes: 0 ok, 1 ok with findings, 2 usage, 3 input file, 4 model/engine.
"""

from __future__ import annotations

import argparse
import json
import re
import stat
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import i18n
from ..documents.sniff import special_kind
from ..errors import (
    EXIT_ENGINE,
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    DeskError,
    InputNotFoundError,
    InputPermissionError,
    NoInputFilesError,
    NotRegularFileError,
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
    """The task commands' positional inputs: one or more files or folders.

    Also accepts the run-wide `--progress` and `--verbose` after the command name
    (`desk-assistant extract --verbose a.pdf`), as users tend to write them."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="IN",
        help=help_text or i18n.tr("ファイルまたはフォルダ", "files or folders"),
    )
    add_progress_option(parser, default=argparse.SUPPRESS)
    parser.add_argument(
        "--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def add_model_option(parser) -> None:
    parser.add_argument("--model", help=i18n.tr("モデル ID またはパス", "model id or path"))


def add_engine_option(parser) -> None:
    """--engine: this PC or the organization's inference server (session/engines.py)."""
    parser.add_argument(
        "--engine",
        choices=("auto", "local", "remote"),
        help=i18n.tr(
            "推論の実行場所: local = この PC、remote = 組織の推論サーバー（ポリシーで設定されて"
            "いるときのみ）、auto = 設定 engine.location に従う",
            "where inference runs: local = this PC, remote = the organization's inference "
            "server (only when policy names one), auto = the engine.location setting",
        ),
    )


def expand_inputs(items: Sequence[str], suffixes: Iterable[str]) -> list[Path]:
    """Files as given, folders scanned (sorted) for the accepted suffixes.

    Folders that hold none of them, when nothing else was named, are a usage
    error (exit 2) for every command alike: a silent success would hide a typo.
    """
    suffixes = tuple(s.lower() for s in suffixes)
    found: list[Path] = []
    folders: list[Path] = []
    for item in items:
        path = Path(item)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise InputNotFoundError(path=str(path)) from None
        except PermissionError:
            raise InputPermissionError(path=str(path)) from None
        except OSError:
            raise InputNotFoundError(path=str(path)) from None
        if stat.S_ISDIR(mode):
            folders.append(path)
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in suffixes
            )
        elif not stat.S_ISREG(mode):  # a pipe, a device (a link to /dev/zero), a socket
            raise NotRegularFileError(path=str(path), kind=special_kind(mode))
        else:
            if path.suffix.lower() not in suffixes:
                raise UnsupportedFormatError(path=str(path), supported=" ".join(suffixes))
            found.append(path)
    if not found and folders:
        raise NoInputFilesError(
            path=", ".join(str(f) for f in folders), suffixes=" ".join(suffixes)
        )
    return found


# --- progress ----------------------------------------------------------------

PROGRESS_MODES = ("auto", "bar", "lines", "json", "none")
progress_mode = "auto"  # set from `--progress` by cli.main
LINE_INTERVAL_S = 10.0  # plain-line mode: at most one line per this many seconds


def add_progress_option(parser, default=None) -> None:
    parser.add_argument(
        "--progress",
        choices=PROGRESS_MODES,
        default=default,
        help=i18n.tr(
            "進捗の表示（既定 auto: 端末ではバー、それ以外は数秒ごとに 1 行。json: 1 行 1 件の JSON）",
            "progress on stderr (default auto: a bar on a terminal, else a plain line every few "
            "seconds; json: one JSON object per line)",
        ),
    )


class Progress:
    """Progress on stderr with an ETA, in the mode `--progress` chose.

    bar: one redrawn line (terminals). lines: a plain line at the start, every
    LINE_INTERVAL_S seconds and at the end (logs and scripts see that work goes
    on). json: {"event": "progress", "label", "done", "total", "eta_s"} per line.
    `yields_to_stdout`: text is being streamed to the same terminal, so a bar
    (which redraws its line) stays quiet rather than run into that text.
    """

    def __init__(
        self,
        total: int,
        label: str = "",
        stream=None,
        enabled: bool | None = None,
        mode: str | None = None,
        yields_to_stdout: bool = False,
    ):
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.mode = self._resolve(mode or progress_mode, enabled)
        if yields_to_stdout and self.mode == "bar":
            self.mode = "none"
        self.enabled = self.mode != "none"
        self.done = 0
        self.started = time.monotonic()
        self._last_line = -1e9
        self._drawn = False

    def _resolve(self, mode: str, enabled: bool | None) -> str:
        if enabled is False:
            return "none"
        if mode == "auto":
            tty = getattr(self.stream, "isatty", lambda: False)()
            return "bar" if tty or enabled else "lines"
        return mode

    def advance(self, step: int = 1) -> None:
        self.done = min(self.done + step, self.total)
        self._draw()

    def set(self, done: int, total: int | None = None) -> None:
        """Jump to `done` of `total` (callbacks that report absolute counts)."""
        if total is not None:
            self.total = max(total, 1)
        self.done = min(max(done, 0), self.total)
        self._draw()

    def _eta(self) -> float | None:
        """Seconds left, or None before the first step gives a rate to go on."""
        if self.done >= self.total:
            return 0.0
        if not self.done:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.done * (self.total - self.done)

    def _eta_text(self) -> str:
        eta = self._eta()
        if eta is None:
            return i18n.tr("残り時間を推定中", "ETA pending")
        return i18n.tr(f"残り約 {eta:.0f} 秒", f"ETA {eta:.0f}s")

    def _draw(self) -> None:
        if self.mode == "bar":
            self._draw_bar()
        elif self.mode == "lines":
            now = time.monotonic()
            if self.done >= self.total or now - self._last_line >= LINE_INTERVAL_S:
                self._last_line = now
                self._write(self._plain() + "\n")
        elif self.mode == "json":
            record = {
                "event": "progress",
                "label": self.label.strip(),
                "done": self.done,
                "total": self.total,
                "eta_s": None if (eta := self._eta()) is None else round(eta, 1),
            }
            self._write(json.dumps(record, ensure_ascii=False) + "\n")

    def _plain(self) -> str:
        percent = 100 * self.done // self.total
        return f"{self.label.strip()}: {self.done}/{self.total} ({percent}%) " + self._eta_text()

    def _draw_bar(self) -> None:
        width = 24
        filled = int(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        self._drawn = True
        self._write(f"\r{self.label} [{bar}] {self.done}/{self.total} " + self._eta_text())

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        if self.mode == "bar" and self._drawn:
            self._write("\n")
            self._drawn = False


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
            # Each failure is said once, at once, on stderr; the batch goes on with the
            # next file. The message names the file itself; others get it in front.
            text = err.message()
            name = shown(path)
            sys.stderr.write((text if name in text else f"{name}: {text}") + "\n")
            outcomes.append(FileOutcome(path, "error", text, exit_code=err.exit_code))
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
            # Tasks with checks give their verdict: 問題なし / 要確認 N 件.
            (o.data or {}).get("verdict", {}).get("label") or labels[o.status],
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
        bar.set(int(100 * done / max(total, 1)))
        if done >= total:
            bar.close()

    return report
