"""`desk-assistant proofread IN|- [--format json|text] [-o OUT] [--track-changes] [--no-llm]
[--model ID] [--rules FILE] [--max-sentence N] [--disable RULE,...] [--list-rules]`

Runs the 公用文チェッカー on .txt/.docx/.pdf/.xlsx/.pptx files (or '-' for UTF-8 stdin): the
deterministic rules over every part of the document, then LLM suggestions on
flow and clarity when a model is available (`--no-llm` skips them). Exit 1 when
there are findings, 0 when none.

`-o OUT.docx` (one .docx input) writes a copy with each finding as a Word
comment; with `--track-changes` rule fixes become tracked changes as well.
`-o OUT.xlsx` / `-o OUT.pptx` (one Excel / PowerPoint input) writes a copy with
each finding as a cell comment / slide comment (tasks/proofread/office.py).
`--rules FILE` reads rule settings from JSON (see tasks/proofread/config.py).
Every file gets an audit record (監査ログ).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from pathlib import Path

from .. import i18n
from ..documents.formats import ANNOTATES, COMMENTS
from ..errors import EXIT_FINDINGS, EXIT_OK, NoModelError, UsageError
from ..session import TaskSession
from ..session.outputs import named_output
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


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "proofread",
        help=i18n.tr("公用文のルールで校正します", "proofread against official-document rules"),
        description=i18n.tr(
            "公用文チェッカー: 訓令・公用文作成の考え方などに基づくルールと LLM の提案で .txt / .docx / .pdf / .xlsx / .pptx を校正します。",
            "Official-document checker: rules (Cabinet directive, 2022 guide) and LLM suggestions for .txt / .docx / .pdf / .xlsx / .pptx.",
        ),
    )
    add_inputs_argument(
        p,
        i18n.tr(
            ".txt / .docx / .pdf / .xlsx / .pptx / フォルダ / -（標準入力）",
            ".txt / .docx / .pdf / .xlsx / .pptx / folder / - (stdin)",
        ),
    )
    add_format_option(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=i18n.tr(
            "指摘をコメントにした写しを入力と同じ形式で書き出す（.docx / .xlsx / .pptx の入力 1 つのとき。Excel はセルのメモ、PowerPoint はスライドのコメント）",
            "write a copy with each finding as a comment, in the input's format (one .docx / .xlsx / .pptx input; Excel: cell comments, PowerPoint: slide comments)",
        ),
    )
    p.add_argument(
        "--track-changes",
        action="store_true",
        help=i18n.tr(
            "-o の写しで、修正案のある指摘を変更履歴にする",
            "in the -o copy, make fixes with a replacement tracked changes",
        ),
    )
    p.add_argument(
        "--no-llm",
        action="store_true",
        help=i18n.tr("LLM による提案を使わない", "skip LLM suggestions"),
    )
    add_model_option(p)
    add_engine_option(p)
    p.add_argument(
        "--rules",
        metavar="FILE",
        help=i18n.tr(
            'ルール設定の JSON（例: {"max_sentence": 100, "disabled": ["gairaigo"]}）',
            'rules settings as JSON (e.g. {"max_sentence": 100, "disabled": ["gairaigo"]})',
        ),
    )
    p.add_argument(
        "--max-sentence",
        type=int,
        default=None,
        metavar="N",
        help=i18n.tr(
            "長い文とみなす字数 (既定: 80)", "long-sentence threshold in characters (default: 80)"
        ),
    )
    p.add_argument(
        "--disable",
        default="",
        metavar="RULE,...",
        help=i18n.tr(
            "使わないルール ID (カンマ区切り)", "rule ids to switch off (comma-separated)"
        ),
    )
    p.add_argument(
        "--exceptions",
        metavar="FILE",
        help=i18n.tr(
            "指摘しない語の個人リスト（1 行 1 語。既定: 設定フォルダの proofread_exceptions.txt。組織のポリシーで禁止できる）",
            "personal list of words not to flag (one per line; default: proofread_exceptions.txt in the config folder; policy may forbid it)",
        ),
    )
    p.add_argument(
        "--list-rules",
        action="store_true",
        help=i18n.tr("ルールの一覧を表示する", "list the rules and exit"),
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..tasks.proofread import RULES, ProofreadConfig
    from ..tasks.proofread.finding import SOURCE_EN
    from ..tasks.proofread.inputs import SUFFIXES

    if args.list_rules:
        for r in RULES.values():
            source = i18n.tr(r.source, SOURCE_EN[r.source])
            from ..tasks.proofread.clauses import citation

            print(
                f"{r.id:26s} {r.severity:8s} {source}  {i18n.tr(r.title_ja, r.title_en)}"
                f"  〔{citation(r.clause)}〕"
            )
        return EXIT_OK
    disabled = frozenset(x.strip() for x in args.disable.split(",") if x.strip())
    unknown = sorted(disabled - set(RULES))
    if unknown:
        raise UsageError(what="--disable " + ",".join(unknown))
    if args.rules:
        from ..tasks.proofread.config import load_config

        config = load_config(args.rules, max_sentence=args.max_sentence)
        config.disabled = config.disabled | disabled
    else:
        max_sentence = 80 if args.max_sentence is None else args.max_sentence
        config = ProofreadConfig(max_sentence=max_sentence, disabled=disabled)
    paths = [Path("-")] if args.inputs == ["-"] else expand_inputs(args.inputs, SUFFIXES)
    output = _check_output(args, paths)
    security = getattr(args, "security", None)
    session = TaskSession("proofread", security, getattr(args, "settings", None)).begin()
    from ..tasks.proofread.profile import configure

    # The organization's profile (policy ProofreadProfile) and the user's exceptions.
    config = configure(config, session.policy, getattr(args, "exceptions", None))
    if output is not None:
        session.require_export()
    opened = _open_model(args, session)
    try:

        def one(path: Path) -> FileOutcome:
            with session.audited(path, opened) as audit:
                outcome = _proofread_one(args, path, config, opened, output)
                audit.output = outcome.output
                audit.outcome = outcome.status
                return outcome

        outcomes, code = run_batch(paths, one, args.format)
    finally:
        if opened is not None:
            opened.close()
    if args.format == "json":
        docs = [
            o.data if o.status != "error" else {"path": str(o.path), "error": o.detail}
            for o in outcomes
        ]
        emit_json(docs[0] if len(docs) == 1 else {"files": docs})
    return code


def _check_output(args, paths: list[Path]) -> Path | None:
    if args.track_changes and not args.output:
        raise UsageError(
            what=i18n.tr(
                "--track-changes には -o OUT.docx が必要です", "--track-changes needs -o OUT.docx"
            )
        )
    if not args.output:
        return None
    stdin = any(str(p) == "-" for p in paths)  # stdin has no file to comment on
    wanted = _comment_suffix(paths[0].suffix)
    output = named_output(args.output, inputs=0 if stdin else len(paths), suffixes=(wanted,))
    if not _can(paths[0].suffix, COMMENTS):
        from ..errors import WordOutputNeedsDocxError

        raise WordOutputNeedsDocxError(path=str(paths[0]))
    if args.track_changes and not _can(paths[0].suffix, ANNOTATES):
        raise UsageError(
            what=i18n.tr(
                "--track-changes（変更履歴）は Word 文書だけです。Excel・PowerPoint は -o だけでコメントを書き出します",
                "--track-changes is for Word documents only; for Excel/PowerPoint use -o alone (comments)",
            )
        )
    return output


def _comment_suffix(suffix: str) -> str:
    """The -o suffix: the input's own for formats whose comments we write, else .docx."""
    from ..documents.formats import for_suffix

    fmt = for_suffix(suffix)
    return fmt.suffixes[0] if fmt is not None and fmt.can(COMMENTS) else ".docx"


def _can(suffix: str, capability: str) -> bool:
    """Comments / tracked changes need a format that can carry them (formats.py)."""
    from ..documents.formats import for_suffix

    fmt = for_suffix(suffix)
    return fmt is not None and fmt.can(capability)


def _open_model(args, session: TaskSession):
    """The general-role model, or None: --no-llm, disabled by policy, or none installed."""
    if args.no_llm or not session.allows("llm_suggestions"):
        return None
    try:
        info = session.resolve_model(args.model, "general", engine=getattr(args, "engine", None))
    except NoModelError:
        if args.model:
            raise
        sys.stderr.write(
            i18n.tr(
                "注: モデルがないため、LLM による提案なしで校正します（ルールによる指摘のみ）。\n",
                "Note: no model installed; proofreading with the rules only (no LLM suggestions).\n",
            )
        )
        return None
    return session.open_model(info)


def _proofread_one(args, path: Path, config, opened, output: Path | None) -> FileOutcome:
    from ..errors import WordOutputNeedsDocxError
    from ..tasks.proofread import proofread_document, write_tracked_docx
    from ..tasks.proofread.inputs import read_document
    from ..tasks.proofread.office import write_commented

    name = str(path)
    document = read_document(name)
    # Content decides: a renamed file must still be the format its -o suffix promised.
    if output is not None and (
        not _can(f".{document.format}", COMMENTS)
        or _comment_suffix(f".{document.format}") != output.suffix.lower()
        or (args.track_changes and not _can(f".{document.format}", ANNOTATES))
    ):
        raise WordOutputNeedsDocxError(path=name)
    progress = Progress(1, i18n.tr(f"校正 {path.name}", f"proofread {path.name}"))

    def step(done: int, total: int) -> None:  # the total is known once the rules ran
        progress.total, progress.done = max(total, 1), 0
        progress.advance(done)

    result = proofread_document(
        document,
        config=config,
        engine=opened.engine if opened else None,
        prompt_format=opened.info.prompt_format if opened else None,
        on_progress=step,
    )
    progress.close()
    findings = result.findings
    written = None
    if output is not None:
        writer = write_tracked_docx if args.track_changes else write_commented
        written = writer(document, findings, output)
    if args.format == "text":
        _print_text(name, document, findings)
        if written is not None:
            _print_written(written)
        if opened is not None and opened.info.demo and result.llm_calls:
            print(
                i18n.tr(
                    "※ LLM の提案はデモモデルによるもので、品質は実用水準ではありません。",
                    "Note: the LLM suggestions come from the demo model; quality is not production grade.",
                )
            )
    for warning in result.warnings:
        sys.stderr.write(f"{name}: {warning}\n")
    data = {
        "path": name,
        "findings": [f.to_dict() for f in findings],
        "llm": {
            "used": result.llm_used,
            "model": opened.info.id if opened else None,
            "calls": result.llm_calls,
            "dropped_unanchored": result.llm_dropped,
        },
    }
    if written is not None:
        data["output"] = {
            "path": str(output),
            "comments": written.comments,
            "tracked_changes": written.changes,
            "not_placed": [{**f.to_dict(), "reason": reason} for f, reason in written.not_placed],
        }
    detail = i18n.tr(f"{len(findings)} 件", f"{len(findings)} finding(s)")
    return FileOutcome(
        path,
        "findings" if findings else "ok",
        detail,
        output=output,
        data=data,
        exit_code=EXIT_FINDINGS if findings else EXIT_OK,
    )


def _print_text(name, document, findings) -> None:
    from ..tasks.proofread import LLM

    texts = {b.location or None: b.text for b in document.blocks}
    breaks: dict[str | None, list[int]] = {}  # line-break offsets per block, found once
    for f in findings:
        if f.location not in breaks:
            text = texts.get(f.location, "")
            breaks[f.location] = [m.start() for m in re.finditer("\n", text)]
        # bisect, not count(): a long block with many findings must stay linear
        before = bisect_left(breaks[f.location], f.start)
        line = before + 1
        col = f.start - (breaks[f.location][before - 1] + 1 if before else 0) + 1
        where = f"{name}:{f.location}:{col}" if f.location else f"{name}:{line}:{col}"
        hint = f" → {f.suggestion}" if f.suggestion and f.source != LLM else ""
        basis = f" 〔{f.citation}〕" if f.citation else ""
        more = i18n.tr(f"（ほか {len(f.places) - 1} か所）", f" (+{len(f.places) - 1} more)")
        more = more if len(f.places) > 1 else ""
        print(f"{where}: {f.severity} [{f.rule}] {f.message()}{hint}{more}{basis}")
    if not findings:
        print(i18n.tr(f"{name}: 指摘はありません。", f"{name}: no findings."))


def _print_written(written) -> None:
    print(
        i18n.tr(
            f"書き出しました: {written.path}（コメント {written.comments} 件、変更履歴 {written.changes} 件）",
            f"Written: {written.path} ({written.comments} comment(s), {written.changes} tracked change(s))",
        )
    )
    if written.not_placed:
        print(
            i18n.tr(
                f"※ {len(written.not_placed)} 件は文書に書き込めませんでした（ヘッダー・フッター内など）。上の一覧を参照してください。",
                f"Note: {len(written.not_placed)} finding(s) could not be placed in the copy (headers/footers and the like); see the list above.",
            )
        )
