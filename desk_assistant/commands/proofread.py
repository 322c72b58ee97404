"""`desk-assistant proofread IN... [--format json] [--no-llm] [--max-sentence N]`

Runs the 公用文チェッカー rules on .txt/.docx files (or '-' for UTF-8 stdin) and
prints the findings. Exit 1 when there are findings, 0 when none.
LLM suggestions, Word comments and tracked changes are later steps: they will
add options here and reuse `check_blocks`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n
from ..errors import EXIT_FINDINGS, EXIT_OK, UsageError
from .common import FileOutcome, add_format_option, emit_json, expand_inputs, run_batch


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "proofread",
        help=i18n.tr("公用文のルールで校正します", "proofread against official-document rules"),
        description=i18n.tr(
            "公用文チェッカー: 訓令・公用文作成の考え方などに基づく決まったルールで .txt / .docx を校正します。",
            "Official-document checker: deterministic rules (Cabinet directive, 2022 guide) for .txt / .docx.",
        ),
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="IN",
        help=i18n.tr(
            ".txt / .docx / フォルダ / -（標準入力）", ".txt / .docx / folder / - (stdin)"
        ),
    )
    add_format_option(p)
    p.add_argument(
        "--no-llm",
        action="store_true",
        help=i18n.tr("LLM による提案を使わない", "skip LLM suggestions"),
    )
    p.add_argument(
        "--max-sentence",
        type=int,
        default=80,
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
        "--list-rules",
        action="store_true",
        help=i18n.tr("ルールの一覧を表示する", "list the rules and exit"),
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..tasks.proofread import RULES, ProofreadConfig
    from ..tasks.proofread.blocks import check_blocks
    from ..tasks.proofread.finding import SOURCE_EN
    from ..tasks.proofread.inputs import SUFFIXES, read_blocks

    if args.list_rules:
        for r in RULES.values():
            source = i18n.tr(r.source, SOURCE_EN[r.source])
            print(f"{r.id:26s} {r.severity:8s} {source}  {i18n.tr(r.title_ja, r.title_en)}")
        return EXIT_OK
    disabled = frozenset(x.strip() for x in args.disable.split(",") if x.strip())
    unknown = sorted(disabled - set(RULES))
    if unknown:
        raise UsageError(what="--disable " + ",".join(unknown))
    config = ProofreadConfig(max_sentence=args.max_sentence, disabled=disabled)
    paths = [Path("-")] if args.inputs == ["-"] else expand_inputs(args.inputs, SUFFIXES)

    def one(path: Path) -> FileOutcome:
        name = "-" if str(path) == "-" else str(path)
        blocks = read_blocks(name)
        findings = check_blocks(blocks, config=config)
        if args.format == "text":
            _print_text(name, blocks, findings)
        data = {"path": name, "findings": [f.to_dict() for f in findings]}
        status = "findings" if findings else "ok"
        detail = i18n.tr(f"{len(findings)} 件", f"{len(findings)} finding(s)")
        return FileOutcome(
            path, status, detail, data=data, exit_code=EXIT_FINDINGS if findings else EXIT_OK
        )

    outcomes, code = run_batch(paths, one, args.format)
    if args.format == "json":
        docs = [
            o.data if o.status != "error" else {"path": str(o.path), "error": o.detail}
            for o in outcomes
        ]
        emit_json(docs[0] if len(docs) == 1 else {"files": docs})
    else:
        for o in outcomes:
            if o.status == "error":
                sys.stderr.write(o.detail + "\n")
    return code


def _print_text(name, blocks, findings) -> None:
    texts = {b.location: b.text for b in blocks}
    for f in findings:
        text = texts.get(f.location, "")
        line = text.count("\n", 0, f.start) + 1
        col = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        where = f"{name}:{f.location}:{col}" if f.location else f"{name}:{line}:{col}"
        hint = f" → {f.suggestion}" if f.suggestion else ""
        print(f"{where}: {f.severity} [{f.rule}] {f.message}{hint}")
    if not findings:
        print(i18n.tr(f"{name}: 指摘はありません。", f"{name}: no findings."))
