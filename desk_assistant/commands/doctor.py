"""`desk-assistant doctor`: is this PC ready? Each check says what it found and,
when something is wrong, how to fix it (for the user or their IT contact).

Checks: the folders the app writes (data, logs, keys, translation memory,
audit log), the model folder, the policy, the keyring, Japanese fonts and, on
Linux, the Qt libraries the window needs. First-run states (no audit log yet,
no translation memory yet) are reported as states, not problems. Nothing here
loads a model or opens a window; `selftest` does the engine.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import i18n, paths
from ..errors import EXIT_FINDINGS, EXIT_OK
from .common import add_format_option, emit_json

OK, NOTE, PROBLEM = "ok", "note", "problem"

# The shared libraries Qt's xcb platform plugin loads on Linux, with the Debian/Ubuntu
# package that provides each (what IT installs when the window does not open).
QT_XCB_LIBRARIES = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libEGL.so.1", "libegl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
)
JAPANESE_FONT_HINTS = (
    "cjk",
    "ipa",
    "takao",
    "vl-gothic",
    "vlgothic",
    "notosansjp",
    "notoserifjp",
    "sourcehan",
    "meiryo",
    "yugoth",
    "msgothic",
    "msmincho",
    "hiragino",
)


@dataclass
class Check:
    name: str
    status: str  # ok | note | problem
    found: str
    fix: str = ""


def register(sub) -> None:
    p = sub.add_parser(
        "doctor",
        help=i18n.tr(
            "この PC の準備状況を確かめ、問題の直し方を示す",
            "check that this PC is ready and say how to fix what is not",
        ),
    )
    add_format_option(p)
    p.set_defaults(handler=cmd_doctor)


def cmd_doctor(args) -> int:
    checks = run_checks(args.settings, args.security)
    if args.format == "json":
        emit_json({"checks": [asdict(c) for c in checks]})
    else:
        print_checks(checks)
    return EXIT_FINDINGS if any(c.status == PROBLEM for c in checks) else EXIT_OK


def run_checks(settings, security) -> list[Check]:
    checks = [check_folders(), check_models(settings), check_policy(security)]
    checks.append(check_keyring(security))
    checks.append(check_audit_log(security))
    checks.append(check_memory())
    checks.append(check_fonts())
    checks.append(check_qt())
    return checks


def print_checks(checks: list[Check], stream=None) -> None:
    stream = stream or sys.stdout
    marks = {
        OK: i18n.tr("[OK]  ", "[ok]  "),
        NOTE: i18n.tr("[情報]", "[note]"),
        PROBLEM: i18n.tr("[問題]", "[FIX] "),
    }
    stream.write(i18n.tr("文書アシスタント 環境の確認\n", "Desk Assistant: checking this PC\n"))
    for check in checks:
        stream.write(f"{marks[check.status]} {check.name}: {check.found}\n")
        if check.fix:
            stream.write(i18n.tr("       直し方: ", "       fix: ") + check.fix + "\n")
    problems = sum(c.status == PROBLEM for c in checks)
    stream.write(
        i18n.tr(f"問題 {problems} 件\n", f"{problems} problem(s)\n")
        if problems
        else i18n.tr("問題はありません\n", "No problems found\n")
    )


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".doctor-probe"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def check_folders() -> Check:
    folders = {
        "data": paths.data_dir(),
        "config": paths.config_dir(),
        "logs": paths.log_dir(),
        "cache": paths.cache_dir(),
    }
    bad = [str(f) for f in folders.values() if not _writable(f)]
    listing = ", ".join(f"{k}={v}" for k, v in folders.items())
    name = i18n.tr("保存先フォルダ", "folders")
    if bad:
        return Check(
            name,
            PROBLEM,
            i18n.tr(f"書き込めません: {', '.join(bad)}", f"not writable: {', '.join(bad)}"),
            i18n.tr(
                "フォルダの権限を確かめるか、環境変数 DESK_ASSISTANT_HOME で書き込める場所を指定してください。",
                "Check the folder permissions, or point DESK_ASSISTANT_HOME at a writable folder.",
            ),
        )
    return Check(name, OK, listing)


def check_models(settings) -> Check:
    from ..llm.runtime import available_models, extra_model_dirs

    name = i18n.tr("モデル", "models")
    folders = [paths.user_model_dir(), *extra_model_dirs(settings)]
    where = ", ".join(str(f) for f in folders)
    try:
        models = available_models(settings)
    except Exception as err:  # noqa: BLE001 - a report, not a task: say what happened
        return Check(name, PROBLEM, f"{type(err).__name__}", "")
    if not models:
        return Check(
            name,
            PROBLEM,
            i18n.tr(f"モデルがありません（探した場所: {where}）", f"no model (looked in: {where})"),
            i18n.tr(
                f"`desk-assistant models install-demo` でデモモデルを入れるか、GGUF ファイルを {folders[0]} に置いてください（models/README.md 参照）。",
                f"Run `desk-assistant models install-demo` for the demo model, or put a GGUF file in {folders[0]} (see models/README.md).",
            ),
        )
    names = ", ".join(m.id for m in models[:5]) + (" …" if len(models) > 5 else "")
    if all(m.demo for m in models):
        return Check(
            name,
            NOTE,
            i18n.tr(f"デモモデルのみ: {names}", f"demo model only: {names}"),
            i18n.tr(
                "デモモデルは動作確認用です。実用には models/README.md の国産モデルを置いてください。",
                "The demo model is for trying things out; put a recommended model in place (models/README.md).",
            ),
        )
    return Check(name, OK, names)


def check_policy(security) -> Check:
    name = i18n.tr("組織のポリシー", "policy")
    policy = security.policy if security is not None else None
    if policy is None or not policy.present:
        return Check(name, OK, i18n.tr("設定なし（既定の動作）", "none set (defaults apply)"))
    sources = ", ".join(policy.sources)
    if policy.problems:
        return Check(
            name,
            PROBLEM,
            "; ".join(policy.problems),
            i18n.tr(
                "IT 担当者にポリシーの値を直してもらってください（誤った値は最も安全な値として扱っています）。",
                "Ask IT to correct the policy values (malformed ones are read as their safest setting).",
            ),
        )
    return Check(name, OK, i18n.tr(f"適用中: {sources}", f"in force: {sources}"))


def check_keyring(security) -> Check:
    from ..security import keys

    name = i18n.tr("鍵の保管（キーリング）", "key storage (keyring)")
    backend = keys.keyring_backend_name()
    if not backend.startswith("unavailable") and "fail" not in backend.lower():
        return Check(name, OK, backend)
    folder = keys.fallback_key_path("x").parent
    policy = security.policy if security is not None else None
    if policy is not None and not policy.allow_keyring_fallback:
        return Check(
            name,
            PROBLEM,
            i18n.tr(
                "キーリングが使えず、ポリシーで鍵ファイルも禁止されています",
                "no keyring, and policy forbids the key-file fallback",
            ),
            i18n.tr(
                "OS の資格情報ストア（Windows 資格情報マネージャー / Linux の Secret Service）を使えるようにしてください。",
                "Make the OS credential store available (Windows Credential Manager / Secret Service on Linux).",
            ),
        )
    return Check(
        name,
        NOTE,
        i18n.tr(
            f"キーリングがないため、鍵を本人だけが読めるファイルに保存します: {folder}",
            f"no keyring: keys are kept in owner-only files in {folder}",
        ),
        i18n.tr(
            "より強く守るには、Secret Service（gnome-keyring など）を動かしてください。",
            "For stronger protection, run a Secret Service (e.g. gnome-keyring).",
        ),
    )


def check_audit_log(security) -> Check:
    from ..security.audit import default_audit_path

    name = i18n.tr("監査ログ", "audit log")
    policy = security.policy if security is not None else None
    path = default_audit_path(policy)
    if path.is_file():
        return Check(name, OK, str(path))
    if path.with_name(path.name + ".head").exists():
        return Check(
            name,
            PROBLEM,
            i18n.tr(
                f"記録があったはずの監査ログがありません: {path}", f"the audit log is gone: {path}"
            ),
            i18n.tr(
                "`desk-assistant audit verify` を実行し、IT 担当者に連絡してください。",
                "Run `desk-assistant audit verify` and contact IT.",
            ),
        )
    return Check(
        name,
        NOTE,
        i18n.tr(
            f"まだありません（最初の作業で作られます）: {path}",
            f"none yet (the first task creates it): {path}",
        ),
    )


def check_memory() -> Check:
    from ..security.vault import default_vault_dir

    name = i18n.tr("翻訳メモリ", "translation memory")
    folder = default_vault_dir()
    blobs = [p for p in folder.glob("*") if p.is_file()] if folder.is_dir() else []
    if not blobs:
        return Check(
            name,
            NOTE,
            i18n.tr(
                f"まだありません（最初の翻訳で作られます）: {folder}",
                f"none yet (the first translation creates it): {folder}",
            ),
        )
    return Check(
        name, OK, i18n.tr(f"{folder}（{len(blobs)} 件）", f"{folder} ({len(blobs)} files)")
    )


def _font_dirs() -> list[Path]:
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        return [windir / "Fonts", local]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            Path.home() / "Library/Fonts",
        ]
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".local/share/fonts",
        Path.home() / ".fonts",
    ]


def find_japanese_fonts(folders: list[Path] | None = None) -> list[str]:
    found = []
    for folder in folders or _font_dirs():
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            key = path.name.lower().replace(" ", "").replace("_", "")
            if path.suffix.lower() in (".ttf", ".ttc", ".otf", ".otc") and any(
                hint in key for hint in JAPANESE_FONT_HINTS
            ):
                found.append(path.name)
                if len(found) >= 3:
                    return found
    return found


def check_fonts() -> Check:
    name = i18n.tr("日本語フォント", "Japanese fonts")
    fonts = find_japanese_fonts()
    if fonts:
        return Check(name, OK, ", ".join(fonts))
    return Check(
        name,
        PROBLEM,
        i18n.tr(
            "見つかりません（画面の日本語が豆腐 □ になります）",
            "none found (Japanese shows as boxes)",
        ),
        i18n.tr(
            "Linux: `sudo apt install fonts-noto-cjk`（または fonts-ipafont）。Windows/macOS には標準で入っています。",
            "Linux: `sudo apt install fonts-noto-cjk` (or fonts-ipafont). Windows and macOS have them built in.",
        ),
    )


def missing_qt_libraries() -> list[str]:
    """Debian package names for the xcb libraries that cannot be loaded."""
    missing = []
    for soname, package in QT_XCB_LIBRARIES:
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def pyside_installed() -> bool:
    return importlib.util.find_spec("PySide6") is not None


def check_qt(platform: str | None = None) -> Check:
    name = i18n.tr("画面（Qt）", "window (Qt)")
    platform = platform or sys.platform
    if not pyside_installed():
        return Check(
            name,
            PROBLEM,
            i18n.tr("PySide6 が入っていません", "PySide6 is not installed"),
            i18n.tr(
                "`pip install -e .` で依存関係を入れ直してください。",
                "Reinstall the dependencies: `pip install -e .`.",
            ),
        )
    if not platform.startswith("linux"):
        return Check(name, OK, "PySide6")
    missing = missing_qt_libraries()
    if missing:
        return Check(
            name,
            PROBLEM,
            i18n.tr(
                f"画面に必要なライブラリがありません: {' '.join(missing)}",
                f"libraries the window needs are missing: {' '.join(missing)}",
            ),
            f"sudo apt install {' '.join(missing)}",
        )
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return Check(
            name,
            NOTE,
            i18n.tr(
                "画面（DISPLAY）がありません。コマンドラインは使えます",
                "no display (DISPLAY): the command line works, the window cannot open",
            ),
        )
    return Check(name, OK, "PySide6, xcb")
