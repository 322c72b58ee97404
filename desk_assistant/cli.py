"""`desk-assistant`: the GUI when started with no subcommand, else the CLI.

Every subcommand lives in `desk_assistant/commands/<name>.py` with
`register(subparsers)`; the parser calls `args.handler(args) -> exit code`.
Errors reach the user as a one-paragraph message in the UI language, never a
traceback (exit codes: 0 ok, 1 ok with findings, 2 usage, 3 input, 4 engine).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__, errors, i18n
from .commands import common, notices
from .commands.common import add_progress_option
from .errors import EXIT_ENGINE, EXIT_USAGE, DeskError

# Subcommand modules, in the order `--help` lists them. A task of the registry
# (session/registry.py) that is not listed here is added at the end, so a new
# task needs no edit in this file.
_ORDER = (
    "models",
    "selftest",
    "generate",
    "summarize",
    "translate",
    "memory",
    "proofread",
    "extract",
    "audit",
    "library",
    "laws",
    "remote",
    "doctor",
)

# argparse's own words (it asks gettext), in Japanese when the UI is Japanese, so an
# error line is not half English. Python 3.11 message ids; unknown ones stay English.
_ARGPARSE_JA = {
    "usage: ": "使い方: ",
    "positional arguments": "引数",
    "options": "オプション",
    "show this help message and exit": "このヘルプを表示して終了",
    "show program's version number and exit": "バージョンを表示して終了",
    "the following arguments are required: %s": "次の引数が必要です: %s",
    "unrecognized arguments: %s": "知らない引数です: %s",
    "argument %(argument_name)s: %(message)s": "引数 %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "%(value)r は選べません（選べる値: %(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "%(value)r は正しい値ではありません（%(type)s）",
    "expected one argument": "値を 1 つ指定してください",
    "expected at most one argument": "値は 1 つまでです",
    "expected at least one argument": "値を 1 つ以上指定してください",
    "not allowed with argument %s": "%s と一緒には使えません",
    "one of the arguments %s is required": "%s のどれかが必要です",
    "ambiguous option: %(option)s could match %(matches)s": (
        "オプション %(option)s があいまいです（候補: %(matches)s）"
    ),
    "ignored explicit argument %r": "値 %r は使えません",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "コマンド %(parser_name)r はありません（使えるコマンド: %(choices)s）"
    ),
}


def _argparse_words(message: str) -> str:
    return _ARGPARSE_JA.get(message, message) if i18n.language() == "ja" else message


def _argparse_plural(singular: str, plural: str, n: int) -> str:
    if i18n.language() == "ja" and singular == "expected %s argument":
        return "値を %s 個指定してください"
    return singular if n == 1 else plural


argparse._ = _argparse_words  # argparse looks `_` up at call time
argparse.ngettext = _argparse_plural


def _with_registry_tasks(order: tuple[str, ...]) -> tuple[str, ...]:
    from .session.registry import TASKS

    return order + tuple(t.name for t in TASKS if t.command and t.name not in order)


COMMAND_MODULES = _with_registry_tasks(_ORDER)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with our wording
        self.print_usage(sys.stderr)
        sys.stderr.write(i18n.tr("エラー: ", "error: ") + message + "\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="desk-assistant",
        description=i18n.tr(
            "文書アシスタント: Word/PDF の公用文をローカル LLM で翻訳・要約・校正します。",
            "Desk Assistant: translate, summarize and proofread Word/PDF documents with local LLMs.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"desk-assistant {__version__}")
    parser.add_argument(
        "--lang",
        choices=i18n.SUPPORTED,
        help=i18n.tr("表示言語 (既定: ja)", "message language (default: ja)"),
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=i18n.tr(
            "エラーにライブラリの詳細（英語）も添える", "add the libraries' own details to errors"
        ),
    )
    add_progress_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"desk_assistant.commands.{name}").register(sub)
    return parser


def _pre_scan_language(argv: list[str]) -> None:
    # The language must be known before --help text is built.
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            i18n.set_language(argv[i + 1])
        elif arg.startswith("--lang="):
            i18n.set_language(arg.split("=", 1)[1])


def main(argv: list[str] | None = None) -> int:
    # Offline first: before any import or call that could reach a network.
    from .security.offline import install_offline_guard

    install_offline_guard()
    # File names that are not valid UTF-8 must not crash printing (stderr already
    # escapes them; stdout would raise UnicodeEncodeError).
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    argv = list(sys.argv[1:] if argv is None else argv)
    _pre_scan_language(argv)
    if not argv or argv == ["--lang", i18n.language()]:
        from .app import start_gui

        return start_gui()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    errors.show_detail = bool(args.verbose)
    common.progress_mode = args.progress or os.environ.get("DESK_ASSISTANT_PROGRESS", "auto")
    if common.progress_mode not in common.PROGRESS_MODES:
        common.progress_mode = "auto"
    notices.new_run()
    try:
        from .security.startup import secure_startup
        from .settings import Settings

        # Language: IT policy, else --lang, else DESK_ASSISTANT_LANG, else the user's setting.
        args.settings = Settings.load()
        args.security = secure_startup(args.settings, on_warning=notices.show_notice)
        if args.settings.is_locked("ui.language"):
            i18n.set_language(args.settings.get("ui.language"))
        elif args.lang:
            i18n.set_language(args.lang)
        elif "DESK_ASSISTANT_LANG" not in os.environ:
            i18n.set_language(args.settings.get("ui.language"))
        return int(args.handler(args) or 0)
    except DeskError as err:
        sys.stderr.write(err.message() + "\n")
        return err.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(i18n.tr("中断しました。\n", "Interrupted.\n"))
        return 130
    except OSError as raw:  # a name over 255 bytes, a read-only folder: say so
        from .fileio import desk_error_for

        err = desk_error_for(raw)
        if err is None:
            return _internal_error()
        sys.stderr.write(err.message() + "\n")
        return err.exit_code
    except Exception:  # a bug of ours: a short message for the user, details to the log
        return _internal_error()


def _internal_error() -> int:
    log = _write_crash_log()
    sys.stderr.write(
        i18n.tr(
            f"内部エラーが発生しました。入力ファイルは変更されていません。詳細: {log}\n",
            f"An internal error occurred. Your input files were not changed. Details: {log}\n",
        )
    )
    return EXIT_ENGINE


def _write_crash_log() -> str:
    import datetime
    import traceback

    from . import paths

    try:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "crash.log"
        # Owner-only and never through a symlink: tracebacks can name confidential files.
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(target, flags, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.datetime.now().isoformat()} v{__version__}\n")
            handle.write(traceback.format_exc())
        return str(target)
    except OSError:
        return "-"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
