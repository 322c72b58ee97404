"""`desk-assistant remote status | key set | key clear`: the organization's inference server.

`remote status` shows what machine policy says (server, TLS identity settings,
models per task, who chooses) and whether an API key is stored — never the key.
`remote key set` reads the key from the terminal without echo (or one line on
stdin, for scripts) and stores it in the OS credential store only
(security/remote_credentials.py); `remote key clear` removes it.
"""

from __future__ import annotations

import getpass
import sys

from .. import i18n
from ..errors import EXIT_OK, UsageError
from ..security import remote_credentials
from .common import add_format_option, emit_json


def register(sub) -> None:
    p = sub.add_parser(
        "remote",
        help=i18n.tr("組織の推論サーバー（状態・API キー）", "the organization's inference server"),
    )
    rsub = p.add_subparsers(dest="remote_command", metavar="ACTION", required=True)
    status = rsub.add_parser(
        "status",
        help=i18n.tr("ポリシーの推論サーバー設定を表示", "show the policy's server settings"),
    )
    add_format_option(status)
    status.set_defaults(handler=cmd_status)
    key = rsub.add_parser(
        "key", help=i18n.tr("API キーの保存・削除", "store or remove the API key")
    )
    ksub = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    put = ksub.add_parser(
        "set",
        help=i18n.tr(
            "API キーを OS の資格情報ストアに保存（端末から非表示で入力、または標準入力の 1 行）",
            "store the API key in the OS credential store (typed without echo, or one stdin line)",
        ),
    )
    put.set_defaults(handler=cmd_key_set)
    clear = ksub.add_parser("clear", help=i18n.tr("API キーを削除", "remove the API key"))
    clear.set_defaults(handler=cmd_key_clear)


def _read_key() -> str:
    if sys.stdin.isatty():
        key = getpass.getpass(i18n.tr("API キー: ", "API key: "))
    else:
        key = sys.stdin.readline()
    key = key.strip()
    if not key or len(key) > remote_credentials.MAX_KEY_CHARS or not key.isprintable():
        raise UsageError(
            what=i18n.tr(
                "API キーが空か、使えない文字を含んでいます",
                "the API key is empty or not printable",
            )
        )
    return key


def cmd_key_set(args) -> int:
    remote_credentials.store_api_key(_read_key())
    print(
        i18n.tr(
            "API キーを OS の資格情報ストアに保存しました（サービス DeskAssistant、名前 "
            f"{remote_credentials.API_KEY_NAME}）。",
            "The API key is stored in the OS credential store (service DeskAssistant, name "
            f"{remote_credentials.API_KEY_NAME}).",
        )
    )
    return EXIT_OK


def cmd_key_clear(args) -> int:
    if remote_credentials.clear_api_key():
        print(i18n.tr("API キーを削除しました。", "The API key was removed."))
        return EXIT_OK
    print(i18n.tr("保存されている API キーはありません。", "No API key is stored."))
    return EXIT_OK


def cmd_status(args) -> int:
    security = getattr(args, "security", None)
    policy = security.policy if security is not None else None
    endpoint = getattr(security, "remote_endpoint", None)
    data = {
        "endpoint": endpoint.describe() if endpoint else None,
        "guard_allows": getattr(security, "remote_addresses", []),
        "engine_use": policy.remote_engine_use if policy else "user-choice",
        "engine_location_setting": args.settings.get("engine.location")
        if getattr(args, "settings", None)
        else None,
        "api_key": remote_credentials.api_key_state(),
    }
    if args.format == "json":
        emit_json(data)
        return EXIT_OK
    if endpoint is None:
        print(
            i18n.tr(
                "推論サーバー: なし（組織のポリシーで設定されていません）。すべてこの PC で実行します。",
                "Inference server: none (not set by your organization's policy). "
                "Everything runs on this PC.",
            )
        )
    else:
        tasks = dict(endpoint.task_models)
        print(i18n.tr("推論サーバー: ", "Inference server: ") + endpoint.url)
        print(i18n.tr("  モデル: ", "  models: ") + ", ".join(endpoint.models))
        for task in ("translate", "summarize", "proofread"):
            print(f"  {task}: {tasks.get(task) or endpoint.model_for(task)}")
        print(i18n.tr("  CA 証明書: ", "  CA bundle: ") + (endpoint.ca_bundle or "-"))
        print(i18n.tr("  証明書ピン: ", "  certificate pin: ") + (endpoint.pin_sha256 or "-"))
        print(i18n.tr("  実行場所の選択: ", "  engine choice: ") + data["engine_use"])
    state = {
        "stored": i18n.tr("保存済み", "stored"),
        "none": i18n.tr("なし", "none"),
        "no-keyring": i18n.tr(
            "OS の資格情報ストアが使えません（保存できません）",
            "the OS credential store is unavailable (cannot be stored)",
        ),
    }[data["api_key"]]
    print(i18n.tr("API キー: ", "API key: ") + state)
    return EXIT_OK
