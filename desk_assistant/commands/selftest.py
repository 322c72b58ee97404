"""`desk-assistant selftest`: engine loads, a short generation works, hardware summary."""

from __future__ import annotations

import json

from .. import i18n
from ..diagnostics import run_selftest
from ..errors import EXIT_ENGINE, EXIT_OK
from ..fileio import atomic_write_text, human_size
from ..session.outputs import named_output
from .common import add_format_option, add_model_option, emit_json


def register(sub) -> None:
    p = sub.add_parser(
        "selftest",
        help=i18n.tr(
            "動作確認（モデル読込・短い生成・ハードウェア）",
            "check the engine, a short generation and the hardware",
        ),
    )
    add_model_option(p)
    p.add_argument(
        "--report",
        metavar="FILE",
        help=i18n.tr("IT 提出用の報告書（JSON）を書き出す", "write a report for IT (JSON)"),
    )
    add_format_option(p)
    p.set_defaults(handler=cmd_selftest)


def cmd_selftest(args) -> int:
    target = named_output(args.report) if args.report else None  # never overwrites
    report = run_selftest(args.settings, args.model, args.security)
    if target:
        atomic_write_text(
            target, json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n"
        )
    if args.format == "json":
        emit_json(report)
    else:
        hw = report["hardware"]
        print(
            i18n.tr("文書アシスタント 動作確認", "Desk Assistant self-test")
            + f"  (v{report['version']})"
        )
        print(f"  OS: {hw['os']} {hw['machine']}")
        print(
            i18n.tr(
                f"  CPU: 物理コア {hw['physical_cores']} / 論理 {hw['logical_cores']}",
                f"  CPU: {hw['physical_cores']} physical / {hw['logical_cores']} logical cores",
            )
        )
        print(
            i18n.tr(
                f"  メモリ: {human_size(hw['total_memory'])}（空き {human_size(hw['available_memory'])}）",
                f"  Memory: {human_size(hw['total_memory'])} ({human_size(hw['available_memory'])} free)",
            )
        )
        if "backend" in hw:
            offload = i18n.tr("可", "yes") if hw.get("gpu_offload") else i18n.tr("不可", "no")
            print(
                i18n.tr(
                    f"  推論: {hw['backend']}（GPU オフロード {offload}、スレッド {hw.get('n_threads')}、GPU 層 {hw.get('n_gpu_layers')}）",
                    f"  Inference: {hw['backend']} (GPU offload {offload}, threads {hw.get('n_threads')}, GPU layers {hw.get('n_gpu_layers')})",
                )
            )
        for s in report["steps"]:
            mark = "OK" if s["ok"] else "NG"
            extra = f"  ({s['tokens_per_second']} tok/s)" if s.get("tokens_per_second") else ""
            print(f"  [{mark}] {s['step']}: {s['detail']}{extra}")
        print(
            i18n.tr("結果: 正常", "Result: OK")
            if report["ok"]
            else i18n.tr("結果: 異常あり", "Result: FAILED")
        )
    return EXIT_OK if report["ok"] else EXIT_ENGINE
