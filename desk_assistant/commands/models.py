"""`desk-assistant models list|verify|install-demo`."""

from __future__ import annotations

import sys

from .. import i18n, paths
from ..errors import EXIT_ENGINE, EXIT_OK, DeskError
from ..fileio import human_size
from ..llm import demo_model, integrity
from ..llm.catalog import find_model
from ..llm.runtime import available_models, verify_model
from .common import add_format_option, emit_json, hash_progress, pad


def register(sub) -> None:
    parser = sub.add_parser("models", help=i18n.tr("モデルの一覧・検証", "list and verify models"))
    msub = parser.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    p = msub.add_parser("list", help=i18n.tr("使えるモデルを一覧表示", "list usable models"))
    add_format_option(p)
    p.set_defaults(handler=cmd_list)
    p = msub.add_parser("verify", help=i18n.tr("モデルの SHA-256 を確認", "check model SHA-256"))
    p.add_argument(
        "models",
        nargs="*",
        help=i18n.tr("モデル ID またはパス（省略時はすべて）", "model ids or paths (default: all)"),
    )
    add_format_option(p)
    p.set_defaults(handler=cmd_verify)
    p = msub.add_parser(
        "install-demo",
        help=i18n.tr(
            "デモモデルをモデルフォルダに展開", "assemble the demo model into the model folder"
        ),
    )
    p.set_defaults(handler=cmd_install_demo)


def _status(info) -> str:
    if info.problems:
        return i18n.tr("読めません", "unreadable")
    if not info.expected_sha256:
        return i18n.tr("ハッシュ未登録", "no known hash")
    cached = integrity.cached_sha256(info.path)
    if cached is None:
        return i18n.tr("未検証", "not verified")
    return (
        i18n.tr("検証済み", "verified")
        if cached == info.expected_sha256
        else i18n.tr("不一致", "MISMATCH")
    )


def cmd_list(args) -> int:
    models = available_models(args.settings)
    if args.format == "json":
        emit_json(
            {
                "model_dirs": [str(paths.user_model_dir())],
                "models": [
                    {
                        "id": m.id,
                        "name": m.name,
                        "path": str(m.path),
                        "size": m.size,
                        "roles": list(m.roles),
                        "prompt_format": m.prompt_format,
                        "architecture": m.architecture,
                        "demo": m.demo,
                        "license": m.entry.license if m.entry else "",
                        "sha256_expected": m.expected_sha256,
                        "status": _status(m),
                        "problems": m.problems,
                    }
                    for m in models
                ],
            }
        )
        return EXIT_OK
    if not models:
        print(
            i18n.tr(
                f"モデルがありません。GGUF ファイルを {paths.user_model_dir()} に置くか、`make run` でデモモデルを入れてください。",
                f"No models. Put GGUF files in {paths.user_model_dir()} or run `make run` for the demo model.",
            )
        )
        return EXIT_OK
    for m in models:
        badge = i18n.tr(" [デモ]", " [demo]") if m.demo else ""
        print(
            f"{pad(m.id, 32)} {pad(human_size(m.size), 9)} {pad(','.join(m.roles), 18)} {pad(m.prompt_format, 16)} {_status(m)}{badge}"
        )
        print(f"    {m.path}")
        for problem in m.problems:
            print(f"    ! {problem}")
    return EXIT_OK


def cmd_verify(args) -> int:
    settings = args.settings
    models = available_models(settings)
    chosen = [find_model(name, models) for name in args.models] if args.models else models
    results, code = [], EXIT_OK
    for m in chosen:
        try:
            integrity.forget(m.path)  # `verify` always re-reads the file
            sha = verify_model(m, hash_progress(m.id) if args.format == "text" else None)
            ok = True
            detail = (
                i18n.tr("一致", "match")
                if m.expected_sha256
                else i18n.tr("カタログにハッシュなし", "no catalog hash")
            )
        except DeskError as err:
            sha, ok, detail, code = None, False, err.message(), EXIT_ENGINE
        results.append(
            {
                "id": m.id,
                "path": str(m.path),
                "sha256": sha,
                "expected": m.expected_sha256,
                "ok": ok,
                "detail": detail,
            }
        )
    if args.format == "json":
        emit_json({"results": results})
    else:
        for r in results:
            mark = "OK" if r["ok"] else "NG"
            print(f"{mark}  {r['id']}  {r['sha256'] or ''}\n    {r['detail']}")
        if not results:
            print(i18n.tr("検証するモデルがありません。", "No models to verify."))
    return code


def cmd_install_demo(args) -> int:
    path = demo_model.install()
    sys.stdout.write(i18n.tr(f"デモモデル: {path}\n", f"Demo model: {path}\n"))
    return EXIT_OK
