"""Summary styles: JSON files in resources/styles/ and in the user's styles folder
(a user adds a style by dropping a file there, no code change)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ... import i18n, paths
from ...errors import UsageError


@dataclass(frozen=True)
class Style:
    id: str
    name_ja: str
    name_en: str
    instruction: str
    output_shape: str = "prose"  # "bullets" | "prose"
    max_items: int = 0
    examples: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        return i18n.tr(self.name_ja, self.name_en)


def style_dirs() -> list[Path]:
    return [paths.resources_dir() / "styles", paths.config_dir() / "styles"]


def load_styles() -> dict[str, Style]:
    styles: dict[str, Style] = {}
    for folder in style_dirs():
        for file in sorted(folder.glob("*.json")) if folder.is_dir() else ():
            try:
                raw = json.loads(file.read_text(encoding="utf-8"))
                style = Style(
                    id=raw["id"],
                    name_ja=raw["name_ja"],
                    name_en=raw["name_en"],
                    instruction=raw["instruction"],
                    output_shape=raw.get("output_shape", "prose"),
                    max_items=int(raw.get("max_items", 0)),
                    examples=tuple((a, b) for a, b in raw.get("examples", ())),
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue  # a broken user file must not hide the built-in styles
            styles[style.id] = style
    return styles


def find_style(style_id: str) -> Style:
    styles = load_styles()
    if style_id not in styles:
        raise UsageError(
            what=i18n.tr(
                f"要約スタイル {style_id} はありません（{', '.join(styles)}）",
                f"no summary style {style_id} ({', '.join(styles)})",
            )
        )
    return styles[style_id]
