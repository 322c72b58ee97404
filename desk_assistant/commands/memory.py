"""`desk-assistant memory purge --from ja --to en [--all] [--format json]`.

Takes out of the translation memory (翻訳メモリ) every entry that fails today's
translation checks (a dropped sentence, a lost name, a loop, markup …), so it
is never reused; `--all` empties the memory of that language pair.
"""

from __future__ import annotations

from .. import i18n
from ..errors import EXIT_OK
from ..tasks.translate import TranslationMemory, VaultStore, memory_name
from ..tasks.translate.languages import check_language, check_pair
from ..tasks.translate.purge import purge_memory, purged_message
from .common import add_format_option, emit_json


def register(sub) -> None:
    p = sub.add_parser("memory", help=i18n.tr("翻訳メモリの管理", "translation memory"))
    msub = p.add_subparsers(dest="memory_command", metavar="ACTION", required=True)
    purge = msub.add_parser(
        "purge",
        help=i18n.tr(
            "検査で問題のある訳を翻訳メモリから削除", "remove entries that fail the checks"
        ),
    )
    purge.add_argument(
        "--from", dest="source", required=True, help=i18n.tr("原文の言語", "source language")
    )
    purge.add_argument(
        "--to", dest="target", required=True, help=i18n.tr("訳文の言語", "target language")
    )
    purge.add_argument(
        "--all",
        action="store_true",
        help=i18n.tr("すべての訳を削除", "remove every entry of the language pair"),
    )
    add_format_option(purge)
    purge.set_defaults(handler=cmd_purge)


def cmd_purge(args) -> int:
    source, target = check_language(args.source), check_language(args.target)
    check_pair(source, target)
    memory = TranslationMemory(VaultStore(args.security.vault, memory_name(source, target)))
    before, removed = purge_memory(memory, source, target, args.all)
    if args.format == "json":
        emit_json({"pair": f"{source}-{target}", "before": before, "removed": removed})
    else:
        print(purged_message(source, target, before, removed))
    return EXIT_OK
