"""`desk-assistant summarize IN... [--style ID] [-o OUT] [--format json]`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .. import i18n
from ..errors import EXIT_OK, OutputExistsError, UsageError
from ..fileio import atomic_write_text
from ..llm.runtime import open_model, resolve_model
from ..tasks.summarize import find_style, load_styles, summarize
from .common import (
    AuditedTask,
    FileOutcome,
    Progress,
    add_format_option,
    emit_json,
    expand_inputs,
    run_batch,
)

SUFFIXES = (".docx", ".pdf", ".txt")


def register(sub) -> None:
    p = sub.add_parser("summarize", help=i18n.tr("文書を要約", "summarize documents"))
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="IN",
        help=i18n.tr("ファイルまたはフォルダ", "files or folders"),
    )
    p.add_argument(
        "--style",
        default="3lines",
        help=i18n.tr("要約スタイル（styles list で一覧）", "summary style (see `styles list`)"),
    )
    p.add_argument("--model", help=i18n.tr("モデル ID またはパス", "model id or path"))
    p.add_argument(
        "-o",
        "--output",
        help=i18n.tr(
            "出力ファイル（.txt）。入力が 1 つのときのみ", "output file (.txt); single input only"
        ),
    )
    add_format_option(p)
    p.set_defaults(handler=cmd_summarize)
    s = sub.add_parser("styles", help=i18n.tr("要約スタイル", "summary styles"))
    ssub = s.add_subparsers(dest="styles_command", metavar="ACTION", required=True)
    sl = ssub.add_parser("list", help=i18n.tr("要約スタイルを一覧表示", "list summary styles"))
    add_format_option(sl)
    sl.set_defaults(handler=cmd_styles_list)


def read_text(path: Path) -> str:
    from ..documents import load

    return load(path).plain_text()


def cmd_summarize(args) -> int:
    settings = args.settings
    style = find_style(args.style)
    paths_in = expand_inputs(args.inputs, SUFFIXES)
    if not paths_in:
        raise UsageError(what=i18n.tr("要約するファイルがありません", "no files to summarize"))
    if args.output and len(paths_in) > 1:
        raise UsageError(
            what=i18n.tr("-o は入力が 1 つのときだけ使えます", "-o needs exactly one input")
        )
    output = Path(args.output) if args.output else None
    if output and output.exists():
        raise OutputExistsError(path=str(output))
    args.security.policy.require_feature("summarize")
    args.security.audit  # noqa: B018 - open the audit log (and its key) before any work
    info = resolve_model(args.model, "general", settings)
    progress = Progress(len(paths_in), i18n.tr("要約", "summarize"))
    with open_model(info, settings, policy=args.security.policy) as opened:

        def one(path: Path) -> FileOutcome:
            with AuditedTask(args.security, "summarize", path, opened) as audit:
                audit.output = output
                return summarize_one(path)

        def summarize_one(path: Path) -> FileOutcome:
            started = time.perf_counter()
            text = read_text(path)
            stream_out = args.format == "text" and len(paths_in) == 1 and sys.stdout.isatty()
            result = summarize(
                opened.engine,
                info.prompt_format,
                text,
                style,
                n_ctx=opened.runtime.n_ctx,
                on_piece=(lambda p: (sys.stdout.write(p), sys.stdout.flush()))
                if stream_out
                else None,
            )
            progress.advance()
            if output:
                atomic_write_text(output, result.text + "\n")
            data = {
                "input": str(path),
                "style": style.id,
                "model": info.id,
                "demo_model": info.demo,
                "summary": result.text,
                "seconds": round(time.perf_counter() - started, 2),
                "output": str(output) if output else None,
            }
            if args.format == "text":
                if stream_out:
                    sys.stdout.write("\n" + "-" * 20 + "\n")
                header = f"== {path.name} ({style.name}, {info.name}) =="
                print(header)
                print(result.text)
                if info.demo:
                    print(
                        i18n.tr(
                            "※ デモモデルの出力です。品質は実用水準ではありません。",
                            "Note: output of the demo model; quality is not production grade.",
                        )
                    )
            return FileOutcome(path, "ok", output=output, data=data)

        outcomes, code = run_batch(paths_in, one, args.format)
    progress.close()
    if args.format == "json":
        emit_json(
            {"results": [o.data or {"input": str(o.path), "error": o.detail} for o in outcomes]}
        )
    return code


def cmd_styles_list(args) -> int:
    styles = load_styles()
    if args.format == "json":
        emit_json(
            {
                "styles": [
                    {
                        "id": s.id,
                        "name_ja": s.name_ja,
                        "name_en": s.name_en,
                        "output_shape": s.output_shape,
                    }
                    for s in styles.values()
                ]
            }
        )
    else:
        for s in styles.values():
            print(f"{s.id:12} {s.name}")
    return EXIT_OK
