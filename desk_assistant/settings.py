"""The one settings schema. Every setting is declared here once (name, type,
default, labels); the CLI, the GUI's settings dialog and IT policy all read it.

Stored as JSON in the user config folder. `locked` holds values forced by IT
policy (security issue): they win over the user's file and cannot be set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .errors import UsageError, Words
from .fileio import atomic_write_text


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label_ja: str
    label_en: str
    choices: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    # A change takes effect only after a restart (the settings dialog says so).
    restart: bool = False
    # One sentence for the dialog's tooltip: what the value changes, in (ja, en).
    description: tuple[str, str] = ("", "")

    def validate(self, value: Any) -> Any:
        if self.type is bool and not isinstance(value, bool):
            raise UsageError(what=f"{self.key}: true/false")
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    raise UsageError(what=f"{self.key}: integer") from None
            if self.minimum is not None and value < self.minimum:
                raise UsageError(what=f"{self.key} >= {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise UsageError(what=f"{self.key} <= {self.maximum}")
        if self.type is str:
            value = str(value)
        if self.choices and value not in self.choices:
            raise UsageError(what=f"{self.key}: {', '.join(map(str, self.choices))}")
        return value


SCHEMA: tuple[Setting, ...] = (
    Setting(
        "ui.language",
        str,
        "ja",
        "表示言語",
        "UI language",
        choices=("ja", "en"),
        restart=True,  # every label is built in the language at start-up
        description=("画面とメッセージの言語です。", "The language of the window and messages."),
    ),
    Setting("models.directory", str, "", "モデルフォルダ（追加）", "Extra model folder"),
    Setting("models.translate", str, "", "翻訳に使うモデル", "Model for translation"),
    Setting(
        "models.general", str, "", "要約・校正に使うモデル", "Model for summaries and proofreading"
    ),
    Setting(
        "engine.n_ctx",
        int,
        4096,
        "コンテキスト長（トークン）",
        "Context length (tokens)",
        minimum=512,
        maximum=131072,
        restart=True,  # the engine is loaded with it
        description=(
            "一度にモデルに渡せる長さです。大きいほどメモリを使います。",
            "How much text the model sees at once; more uses more memory.",
        ),
    ),
    Setting(
        "engine.threads",
        int,
        0,
        "CPU スレッド数（0 = 自動）",
        "CPU threads (0 = auto)",
        minimum=0,
        maximum=256,
        restart=True,
        description=("推論に使う CPU スレッドの数です。", "CPU threads used for inference."),
    ),
    Setting(
        "engine.parallel",
        int,
        0,
        "同時に生成する文の数（0 = 自動、1 = 逐次）",
        "Sequences decoded together (0 = auto, 1 = one at a time)",
        minimum=0,
        maximum=32,
        restart=True,  # the engine's batch context is sized with it
        description=(
            "翻訳の各文など、独立した生成をまとめて計算します（自動: GPU では 8、CPU では 1）。"
            "多いほどメモリを使います。",
            "Independent generations (translation segments…) are decoded together "
            "(auto: 8 on a GPU, 1 on a CPU); more uses more memory.",
        ),
    ),
    Setting(
        "engine.gpu_layers",
        int,
        -1,
        "GPU に載せる層数（-1 = 自動、0 = CPU のみ）",
        "GPU layers (-1 = auto, 0 = CPU only)",
        minimum=-1,
        maximum=1000,
        restart=True,
        description=(
            "GPU で計算するモデルの層の数です。",
            "How many model layers run on the GPU.",
        ),
    ),
    Setting(
        "engine.verify_hash", bool, True, "モデルの SHA-256 を確認する", "Verify model SHA-256"
    ),
    # The shared inference server (docs/remote-engine.md): used only when machine policy
    # names one; IT may lock this choice (policy RemoteEngineUse).
    Setting(
        "engine.location",
        str,
        "auto",
        "推論の実行場所",
        "Where inference runs",
        choices=("auto", "local", "remote"),
        description=(
            "自動: 組織の推論サーバーがあればそれを使い、なければこの PC で実行します。",
            "Automatic: the organization's inference server when there is one, else this PC.",
        ),
    ),
)
# --- security (issue 8): settings IT policy can lock (security/policy.py apply_policy) ---
SCHEMA += (
    Setting(
        "data.retention_days",
        int,
        0,
        "履歴・翻訳メモリ等の保存期間（日、0 = 無期限）",
        "Keep history, translation memory etc. for (days, 0 = forever)",
        minimum=0,
        maximum=36500,
    ),
)
# --- end security ---
# --- translate (issue 4): translation memory (desk_assistant/tasks/translate/memory.py) ---
SCHEMA += (
    Setting("translate.memory", bool, True, "翻訳メモリを使う", "Use the translation memory"),
    Setting(
        "translate.fuzzy_threshold",
        int,
        85,
        "翻訳メモリのあいまい一致の下限（%）",
        "Translation memory fuzzy-match threshold (%)",
        minimum=50,
        maximum=101,
    ),
    Setting(
        "translate.font_map",
        str,
        "",
        "翻訳文のフォント（空 = 既定。off = 切り替えない。例: serif=Times New Roman; sans=Arial; mincho=ＭＳ 明朝; gothic=ＭＳ ゴシック）",
        "Fonts of translated text (empty = built-in; off = keep the source's; e.g. serif=Times New Roman; sans=Arial; mincho=ＭＳ 明朝; gothic=ＭＳ ゴシック)",
        description=(
            "日本語→英語では明朝の文字を serif、ゴシックを sans のフォントに、英語→日本語では mincho / gothic のフォントにします。組織のポリシー（FontMap）で固定できます。",
            "Japanese→English: 明朝 text gets the serif font, ゴシック the sans one; English→Japanese: the mincho / gothic ones. IT can lock it by policy (FontMap).",
        ),
    ),
)
# --- end translate ---
# --- gui (issue 7): the desktop window ---
SCHEMA += (
    Setting(
        "ui.font_size",
        int,
        0,
        "文字の大きさ（ポイント、0 = OS の既定）",
        "Font size (points, 0 = system default)",
        minimum=0,
        maximum=48,
    ),
)
# --- end gui ---
# --- library (issue 16): 答弁・文書ライブラリ (desk_assistant/tasks/library) ---
SCHEMA += (
    Setting(
        "library.index",
        str,
        "",
        "ライブラリの索引ファイル（空 = 利用者ごとの索引）",
        "Library index file (empty = the per-user index)",
    ),
    Setting(
        "library.key_file",
        str,
        "",
        "共有索引の鍵ファイル（空 = OS の資格情報ストアの鍵）",
        "Key file of a shared index (empty = the key in the OS credential store)",
    ),
    Setting(
        "library.read_only",
        bool,
        False,
        "索引を読み取り専用で開く（共有索引）",
        "Open the index read-only (a shared index)",
    ),
)
# --- end library ---
BY_KEY = {s.key: s for s in SCHEMA}

# translate.font_map (and policy FontMap): which font translated text gets, by the
# family of its source font. serif/sans: Latin faces for 明朝/ゴシック text (JA→EN);
# mincho/gothic: Japanese faces for serif/sans text (EN→JA).
DEFAULT_FONT_MAP = {
    "serif": "Times New Roman",
    "sans": "Arial",
    "mincho": "ＭＳ 明朝",
    "gothic": "ＭＳ ゴシック",
}
FONTS_OFF = "off"


def parse_font_map(text: str) -> dict[str, str] | None:
    """ "serif=Georgia; gothic=BIZ UDゴシック" → the default map with those faces; "" → the
    default; "off" → None (fonts are not switched). ValueError on anything else."""
    text = (text or "").strip()
    if text.lower() == FONTS_OFF:
        return None
    found = dict(DEFAULT_FONT_MAP)
    for item in filter(None, (part.strip() for part in text.replace("；", ";").split(";"))):
        key, sep, face = item.partition("=")
        key, face = key.strip().lower(), face.strip()
        if not sep or key not in DEFAULT_FONT_MAP or not face or len(face) > 64:
            raise ValueError(f"{FONTS_OFF} | " + "; ".join(f"{k}=…" for k in DEFAULT_FONT_MAP))
        found[key] = face
    return found


@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=dict)
    locked: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or paths.config_dir() / "settings.json"
        values: dict[str, Any] = {}
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        # Unknown or invalid entries are dropped so a hand-edited file never stops the app.
        for key, value in raw.items() if isinstance(raw, dict) else ():
            if key in BY_KEY:
                try:
                    values[key] = BY_KEY[key].validate(value)
                except UsageError:
                    pass
        return cls(values=values, path=path)

    def get(self, key: str) -> Any:
        if key in self.locked:
            return self.locked[key]
        return self.values.get(key, BY_KEY[key].default)

    def is_locked(self, key: str) -> bool:
        return key in self.locked

    def set(self, key: str, value: Any) -> None:
        if key not in BY_KEY:
            raise UsageError(what=Words(f"設定 {key} はありません", f"unknown setting {key}"))
        if self.is_locked(key):
            raise UsageError(
                what=Words(
                    f"{key}: 組織により管理されています", f"{key}: managed by your organization"
                )
            )
        self.values[key] = BY_KEY[key].validate(value)

    def save(self) -> None:
        assert self.path is not None
        atomic_write_text(self.path, json.dumps(self.values, ensure_ascii=False, indent=2))
