"""`desk-assistant summarize IN... [--style ID] [--length N] [-o OUT.docx|.txt] [--format json]`
and `desk-assistant styles list`.

Each summary names its source (［p.12］ / ［第5段落］) after every bullet or
sentence; numbers, dates and names not found in the source are listed as
findings (exit code 1), never silently dropped.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .. import i18n
from ..documents.formats import input_suffixes
from ..errors import EXIT_FINDINGS, EXIT_OK, UsageError
from ..fileio import atomic_write_text
from ..session import TaskSession
from ..session.outputs import named_output
from ..tasks.summarize import SummaryResult, find_style, load_styles, summarize_document
from .common import (
    FileOutcome,
    Progress,
    add_engine_option,
    add_format_option,
    add_inputs_argument,
    add_model_option,
    emit_json,
    expand_inputs,
    run_batch,
)

SUFFIXES = input_suffixes()  # documents/formats.py
OUTPUT_SUFFIXES = (".txt", ".docx")


def register(sub) -> None:
    p = sub.add_parser("summarize", help=i18n.tr("文書を要約", "summarize documents"))
    add_inputs_argument(p)
    p.add_argument(
        "--style",
        default="3lines",
        help=i18n.tr("要約スタイル（styles list で一覧）", "summary style (see `styles list`)"),
    )
    p.add_argument(
        "--length",
        type=int,
        metavar="N",
        help=i18n.tr(
            "目標の長さ（スタイルに応じて項目数・文字数・語数）",
            "target length (bullets, characters or words, per the style)",
        ),
    )
    add_model_option(p)
    add_engine_option(p)
    p.add_argument(
        "-o",
        "--output",
        help=i18n.tr(
            "出力ファイル（.txt または .docx）。入力が 1 つのときのみ",
            "output file (.txt or .docx); single input only",
        ),
    )
    add_format_option(p)
    p.set_defaults(handler=cmd_summarize)
    s = sub.add_parser("styles", help=i18n.tr("要約スタイル", "summary styles"))
    ssub = s.add_subparsers(dest="styles_command", metavar="ACTION", required=True)
    sl = ssub.add_parser("list", help=i18n.tr("要約スタイルを一覧表示", "list summary styles"))
    add_format_option(sl)
    sl.set_defaults(handler=cmd_styles_list)


def findings_heading() -> str:
    return i18n.tr(
        "【要確認】原文に根拠のない内容・数値・日付・名称、出力の乱れ（誤生成の可能性）",
        "[Check] Content, numbers, dates and names not found in the source, or broken output "
        "(possible hallucinations)",
    )


def demo_note() -> str:
    return i18n.tr(
        "※ デモモデルの出力です。品質は実用水準ではありません。",
        "Note: output of the demo model; quality is not production grade.",
    )


def verdict_line(result: SummaryResult) -> str:
    return i18n.tr("判定: ", "Verdict: ") + result.verdict.label()


def write_summary(output: Path, result: SummaryResult, title: str, demo: bool = False) -> None:
    """The cited summary, its verdict and findings, and the demo-model note when the demo
    model wrote it, as .txt or .docx (atomic, no overwrite)."""
    findings = [f"・{f.message()}" for f in result.findings]
    tail = ["", verdict_line(result)]
    if findings:
        tail += [findings_heading(), *findings]
    if demo:
        tail += ["", demo_note()]
    if output.suffix.lower() == ".docx":
        from ..documents import write_text_docx

        write_text_docx(output, result.cited_units() + tail, title=title)
        return
    atomic_write_text(output, "\n".join([result.cited_text(), *tail]) + "\n", shared=True)


def check_output_arg(output: Path | None, count: int) -> None:
    if output is not None:
        named_output(output, inputs=count, suffixes=OUTPUT_SUFFIXES)


def cmd_summarize(args) -> int:
    from ..documents import load

    settings = args.settings
    style = find_style(args.style)
    if args.length is not None and args.length < 1:
        raise UsageError(what=i18n.tr("--length は 1 以上です", "--length must be 1 or more"))
    paths_in = expand_inputs(args.inputs, SUFFIXES)
    if not paths_in:
        raise UsageError(what=i18n.tr("要約するファイルがありません", "no files to summarize"))
    output = Path(args.output) if args.output else None
    check_output_arg(output, len(paths_in))
    session = TaskSession("summarize", args.security, settings).begin()
    if output is not None:
        session.require_export()
    info = session.resolve_model(args.model, "general", engine=getattr(args, "engine", None))
    # One file in text mode on a terminal streams the summary to stdout: a bar redrawn
    # with "\r" would overwrite the streamed line, so the bars stay quiet then.
    streaming = args.format == "text" and len(paths_in) == 1 and sys.stdout.isatty()
    progress = Progress(len(paths_in), i18n.tr("要約", "summarize"), yields_to_stdout=streaming)
    with session.open_model(info) as opened:

        def one(path: Path) -> FileOutcome:
            with session.audited(path, opened) as audit:
                audit.output = output
                outcome = summarize_one(path)
                audit.outcome = outcome.status
                audit.verdict = (outcome.data or {}).get("verdict", {}).get("label_ja")
                return outcome

        def summarize_one(path: Path) -> FileOutcome:
            started = time.perf_counter()
            document = load(path)
            stream_out = streaming
            calls = Progress(
                1, i18n.tr("  モデル呼び出し", "  model calls"), yields_to_stdout=stream_out
            )

            def on_progress(done: int, total: int) -> None:
                calls.set(done, total)

            result = summarize_document(
                opened.engine,
                info.prompt_format,
                document,
                style,
                n_ctx=opened.runtime.n_ctx,
                length=args.length,
                on_piece=(lambda p: (sys.stdout.write(p), sys.stdout.flush()))
                if stream_out
                else None,
                on_progress=on_progress if len(paths_in) == 1 else None,
            )
            if len(paths_in) == 1:
                calls.close()
            progress.advance()
            if output:
                write_summary(output, result, f"{path.name}: {style.name}", demo=info.demo)
            data = {
                "input": str(path),
                "style": style.id,
                "model": info.id,
                "endpoint": opened.endpoint,  # the inference server; None: this PC
                "demo_model": info.demo,
                **result.to_dict(),
                "seconds": round(time.perf_counter() - started, 2),
                "output": str(output) if output else None,
            }
            if args.format == "text":
                print_result(path, result, style, info, stream_out)
            status = "findings" if result.findings else "ok"
            code = EXIT_FINDINGS if result.findings else EXIT_OK
            return FileOutcome(path, status, output=output, data=data, exit_code=code)

        outcomes, code = run_batch(paths_in, one, args.format)
    progress.close()
    if args.format == "json":
        emit_json(
            {"results": [o.data or {"input": str(o.path), "error": o.detail} for o in outcomes]}
        )
    return code


def print_result(path: Path, result: SummaryResult, style, info, streamed: bool) -> None:
    if streamed:
        sys.stdout.write("\n" + "-" * 20 + "\n")
    how = (
        i18n.tr(f"{result.chunks} 分割で要約", f"{result.chunks} chunks")
        if result.mode == "map_reduce"
        else i18n.tr("一括", "one pass")
    )
    print(f"== {path.name} ({style.name}, {info.name}, {how}) ==")
    print(result.cited_text())
    print(verdict_line(result))
    if result.findings:
        print(findings_heading())
        for finding in result.findings:
            print(f"・{finding.message()}")
    if info.demo:
        print(demo_note())


def cmd_styles_list(args) -> int:
    styles = load_styles()
    if args.format == "json":
        emit_json({"styles": [s.to_dict() for s in styles.values()]})
    else:
        for s in styles.values():
            unit = {"bullets": ("項目", "bullets"), "chars": ("字", "chars")}.get(
                s.length_unit, ("語", "words")
            )
            length = f"{s.default_length}{i18n.tr(*unit)}" if s.default_length else ""
            print(f"{s.id:10} {s.name}  ({s.output_shape}, {length})")
    return EXIT_OK
