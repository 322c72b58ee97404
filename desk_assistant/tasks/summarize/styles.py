"""Summary styles: JSON files in resources/styles/ and in the user's styles folder
(a user adds a style by dropping a file there, no code change).

A style file::

    {
      "id": "bullets",                      # what --style takes
      "name_ja": "箇条書き", "name_en": "Bullet points",
      "instruction": "次の文書の要点を…",     # what the model is told (reduce / one pass)
      "output_shape": "bullets",            # "bullets": one 「・」 line per point; "prose": sentences
      "language": "ja",                     # language of the summary ("ja" | "en")
      "length_unit": "bullets",             # what --length counts: "bullets" | "chars" | "words"
      "default_length": 5,
      "max_items": 8,                       # hard cap on bullet lines (0: none)
      "examples": [["source text", "summary in this style"]]   # few-shot pairs for base models
    }

Files whose name starts with "_" are not styles. A broken user file is skipped
so it cannot hide the built-in styles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ... import i18n, paths
from ...errors import UsageError

OUTPUT_SHAPES = ("bullets", "prose")
LENGTH_UNITS = ("bullets", "chars", "words")


@dataclass(frozen=True)
class Style:
    id: str
    name_ja: str
    name_en: str
    instruction: str
    output_shape: str = "prose"  # "bullets" | "prose"
    max_items: int = 0
    examples: tuple[tuple[str, str], ...] = ()
    language: str = "ja"
    length_unit: str = "chars"
    default_length: int = 0
    source: str = ""  # the file it came from

    @property
    def name(self) -> str:
        return i18n.tr(self.name_ja, self.name_en)

    def length_instruction(self, length: int | None) -> str:
        """The target length as a sentence the model reads ("" when none is set)."""
        n = length or self.default_length
        if not n:
            return ""
        if self.length_unit == "bullets":
            return (
                f"Write at most {n} bullet points."
                if self.language == "en"
                else f"{n}項目以内で書く。"
            )
        if self.length_unit == "words":
            return f"Write about {n} words."
        return (
            f"Write about {n} characters."
            if self.language == "en"
            else f"全体で{n}字程度にまとめる。"
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name_ja": self.name_ja,
            "name_en": self.name_en,
            "output_shape": self.output_shape,
            "language": self.language,
            "length_unit": self.length_unit,
            "default_length": self.default_length,
            "max_items": self.max_items,
            "source": self.source,
        }


def style_dirs() -> list[Path]:
    return [paths.resources_dir() / "styles", paths.config_dir() / "styles"]


def parse_style(raw: dict, source: str = "") -> Style:
    """A Style from a decoded style file; raises KeyError/ValueError/TypeError when malformed."""
    shape = raw.get("output_shape", "prose")
    unit = raw.get("length_unit", "bullets" if shape == "bullets" else "chars")
    if shape not in OUTPUT_SHAPES or unit not in LENGTH_UNITS:
        raise ValueError(f"bad output_shape/length_unit in {source}")
    examples = tuple((str(a), str(b)) for a, b in raw.get("examples", ()))
    if not all(isinstance(raw[k], str) and raw[k] for k in ("id", "name_ja", "name_en")):
        raise ValueError(f"id and names must be text in {source}")
    return Style(
        id=raw["id"],
        name_ja=raw["name_ja"],
        name_en=raw["name_en"],
        instruction=str(raw["instruction"]),
        output_shape=shape,
        max_items=int(raw.get("max_items", 0)),
        examples=examples,
        language=str(raw.get("language", "ja")),
        length_unit=unit,
        default_length=int(raw.get("default_length", 0)),
        source=source,
    )


def load_styles() -> dict[str, Style]:
    styles: dict[str, Style] = {}
    for folder in style_dirs():
        for file in sorted(folder.glob("*.json")) if folder.is_dir() else ():
            if file.name.startswith("_"):
                continue
            try:
                style = parse_style(json.loads(file.read_text(encoding="utf-8")), str(file))
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
