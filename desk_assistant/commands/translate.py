"""`desk-assistant translate IN... --to en [--from ja] [-o OUT] [--model ID]
[--glossary FILE] [--bilingual] [--no-memory] [--format json]`.

Each input gives one .docx: the translation with the source layout kept
(PDF and .txt input: a new .docx), or with --bilingual a 対訳 table. Outputs
never overwrite: an explicit -o that exists is refused, a default name that
exists gets a number. Ctrl+C cancels after the current segment; running the
same command again resumes where it stopped (the job state is in the vault).
Exit 1 when the verdict is 要確認 (a segment has a warning or an error finding;
formatting-only notes do not count). `--purge-memory` takes out of the
translation memory every entry that fails today's checks (`--purge-memory all`
empties it) for the --from/--to pair, without translating anything.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

from .. import i18n
from ..documents import load as load_document
from ..documents.formats import input_suffixes, output_suffix
from ..errors import (
    EXIT_FINDINGS,
    EXIT_OK,
    NothingToTranslateError,
    UsageError,
)
from ..llm.engine import CancelToken
from ..session import TaskSession
from ..session.outputs import named_output, output_name
from ..tasks.translate import detect_language, job_id_for, translate_document
from ..tasks.translate.languages import check_language, check_pair
from ..tasks.translate.result import DEMO_NOTE
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
MAX_FINDINGS_SHOWN = 40
EXIT_INTERRUPTED = 130


def register(sub) -> None:
    p = sub.add_parser("translate", help=i18n.tr("文書を翻訳", "translate documents"))
    add_inputs_argument(p)
    p.add_argument(
        "--to",
        required=True,
        dest="target",
        help=i18n.tr("翻訳先の言語（例: en）", "target language (e.g. en)"),
    )
    p.add_argument(
        "--from",
        dest="source",
        help=i18n.tr("翻訳元の言語（省略時は自動判定）", "source language (detected when omitted)"),
    )
    p.add_argument(
        "-o",
        "--output",
        help=i18n.tr(
            "出力ファイル（.docx）または出力フォルダ", "output file (.docx) or output folder"
        ),
    )
    add_model_option(p)
    add_engine_option(p)
    p.add_argument("--glossary", help=i18n.tr("用語集（CSV/TSV/TMX）", "glossary (CSV/TSV/TMX)"))
    p.add_argument(
        "--bilingual",
        action="store_true",
        help=i18n.tr(
            "対訳表（原文｜訳文）で出力", "write a bilingual table (source | translation)"
        ),
    )
    p.add_argument(
        "--no-memory",
        action="store_true",
        help=i18n.tr("翻訳メモリを使わない", "do not use the translation memory"),
    )
    add_format_option(p)
    p.set_defaults(handler=cmd_translate)


def default_output(path: Path, target: str, bilingual: bool, folder: Path | None) -> Path:
    """report.docx → report.en.docx (report.en.bilingual.docx); a free name, never an existing one."""
    tags = [target, *(["bilingual"] if bilingual else [])]
    return output_name(path, *tags, suffix=output_suffix(path, bilingual=bilingual), folder=folder)


def plan_outputs(args, paths: list[Path]) -> dict[Path, Path]:
    given = Path(args.output) if args.output else None
    if given is not None and (given.is_dir() or args.output.endswith(("/", "\\"))):
        given.mkdir(parents=True, exist_ok=True)
        return {p: default_output(p, args.target, args.bilingual, given) for p in paths}
    if given is not None:
        suffix = output_suffix(paths[0], bilingual=args.bilingual)  # .xlsx → .xlsx
        named_output(given, inputs=len(paths), suffixes=(suffix,), folder_ok=True)
        return {paths[0]: given}
    return {p: default_output(p, args.target, args.bilingual, None) for p in paths}


class _CtrlC:
    """Ctrl+C cancels the job at the next token (its state is saved); a second one stops at once."""

    def __init__(self, token: CancelToken) -> None:
        self.token = token
        self.previous = None

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        self.token.cancel()
        signal.signal(signal.SIGINT, self.previous or signal.default_int_handler)

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def cmd_translate(args) -> int:
    settings = args.settings
    target = check_language(args.target)
    source = check_language(args.source) if args.source else None
    if source:
        check_pair(source, target)
    paths_in = expand_inputs(args.inputs, SUFFIXES)
    if not paths_in:
        raise UsageError(what=i18n.tr("翻訳するファイルがありません", "no files to translate"))
    outputs = plan_outputs(args, paths_in)
    session = TaskSession("translate", args.security, settings).begin()
    session.require_export()  # the translation is only ever a written file
    glossary = session.glossary(args.glossary)
    info = session.resolve_model(args.model, "translate", engine=getattr(args, "engine", None))
    token = CancelToken()

    with session.open_model(info) as opened, _CtrlC(token):

        def one(path: Path) -> FileOutcome:
            with session.audited(path, opened) as audit:
                outcome = translate_one(path)
                audit.output = outcome.output
                audit.outcome = outcome.status
                audit.verdict = (outcome.data or {}).get("verdict", {}).get("label_ja")
                return outcome

        def translate_one(path: Path) -> FileOutcome:
            document = load_document(path)
            if not any(block.segments for block in document.blocks):
                raise NothingToTranslateError(path=str(path))
            src = source or detect_language(document.plain_text()[:20000])
            check_pair(src, target, info.languages if info.entry else None, info.name)
            job = session.job(
                job_id_for(document, src, target, info.id, glossary),
                meta={"input": str(path), "model": info.id},
            )
            if job is not None and job.resumed:
                sys.stderr.write(
                    i18n.tr(
                        f"{path.name}: 前回の続きから再開します（{job.resumed} 件は翻訳済み）\n",
                        f"{path.name}: resuming ({job.resumed} units already translated)\n",
                    )
                )
            total = sum(len(b.segments) for b in document.blocks)
            bar = Progress(total, path.name)
            try:
                result = translate_document(
                    opened.engine,
                    info.prompt_format,
                    document,
                    source_lang=src,
                    target_lang=target,
                    glossary=glossary,
                    memory=session.memory(src, target, wanted=not args.no_memory),
                    cancel=token,
                    on_segment=lambda _p: bar.advance(),
                    job=job,
                )
            finally:
                bar.close()
            out = outputs[path]
            if info.demo:
                result.note = DEMO_NOTE  # the file says so too, wherever it goes
            warnings = result.save(out, bilingual=args.bilingual, font_map=session.font_map())
            if job is not None:
                job.finish()
            data = result.to_dict() | {
                "output": str(out),
                "model": info.id,
                "endpoint": opened.endpoint,  # the inference server; None: this PC
                "demo_model": info.demo,
                "write_warnings": warnings,
            }
            if args.format == "text":
                print_report(path, out, result, warnings, info)
            status = "ok" if result.verdict.ok else "findings"
            code = EXIT_OK if result.verdict.ok else EXIT_FINDINGS
            return FileOutcome(path, status, output=out, data=data, exit_code=code)

        outcomes, code = run_batch(paths_in, one, args.format)
    if args.format == "json":
        emit_json(
            {"results": [o.data or {"input": str(o.path), "error": o.detail} for o in outcomes]}
        )
    if token.cancelled:
        sys.stderr.write(
            i18n.tr(
                "中断しました。同じコマンドをもう一度実行すると続きから再開します。\n",
                "Stopped. Run the same command again to resume where it stopped.\n",
            )
        )
        return EXIT_INTERRUPTED
    return code


def print_report(path: Path, out: Path, result, warnings: list[str], info) -> None:
    s = result.stats
    print(f"== {path.name} ({result.source_lang} → {result.target_lang}, {info.name}) ==")
    print(i18n.tr(f"出力: {out}", f"output: {out}"))
    print(
        i18n.tr(
            f"{s['segments']} 段落（モデル {s['model_calls']} 回、メモリ {s['memory_exact']}、"
            f"重複 {s['repeats']}、再開 {s['resumed']}、対象外 {s['kept']}）、"
            f"{s['seconds']:.1f} 秒、指摘 {s['findings']} 件",
            f"{s['segments']} segments (model {s['model_calls']} calls, memory {s['memory_exact']}, "
            f"repeats {s['repeats']}, resumed {s['resumed']}, kept {s['kept']}), "
            f"{s['seconds']:.1f}s, {s['findings']} findings",
        )
    )
    verdict = result.verdict
    print(i18n.tr("判定: ", "verdict: ") + verdict.label())
    if verdict.errors:
        print(
            i18n.tr(
                f"  うち {verdict.errors} 件は再翻訳でも直らず、原文のまま残しました（要翻訳）",
                f"  {verdict.errors} of them kept the source text after a retry "
                "(translate by hand)",
            )
        )
    findings = result.findings
    for segment, finding in findings[:MAX_FINDINGS_SHOWN]:
        mark = {"error": "✖", "warning": "▲"}.get(finding.severity, "・")
        print(f"  {mark} {segment.location}: {finding.message()}")
    if len(findings) > MAX_FINDINGS_SHOWN:
        rest = len(findings) - MAX_FINDINGS_SHOWN
        print(
            i18n.tr(
                f"  …ほか {rest} 件（すべて見るには --format json）",
                f"  …and {rest} more (see --format json)",
            )
        )
    for text in [*result.warnings, *warnings]:
        print(i18n.tr("注意: ", "note: ") + text)
    if info.demo:
        print(
            i18n.tr(
                "※ デモモデルの出力です。品質は実用水準ではありません。",
                "Note: output of the demo model; quality is not production grade.",
            )
        )
