"""Article numbers of Japanese statutes: 第百五十八条の二 ⇄ "158_2".

e-Gov XML writes an article's number with `_` for の (158_2) and a range of
deleted articles with `:` (38:84). Citations in free text use kanji or arabic
digits (full- or half-width); both map to the same key.
"""

from __future__ import annotations

import re
import unicodedata

from ...kanji_numbers import kanji_to_int

NUMBER_CHARS = "〇一二三四五六七八九十百千0-9０-９"
NUMBER = f"[{NUMBER_CHARS}]+"
_KANJI = "〇一二三四五六七八九"


def to_int(text: str) -> int | None:
    """五 / 5 / ５ / 百五十八 → int; None if it is not a number."""
    text = unicodedata.normalize("NFKC", text).strip()
    if text.isdigit():
        return int(text)
    return kanji_to_int(text)


def int_to_kanji(value: int) -> str:
    """158 → 百五十八 (the way statutes write article numbers)."""
    if value == 0:
        return "〇"
    out = []
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        digit, value = divmod(value, unit)
        if digit:
            out.append(("" if digit == 1 else _KANJI[digit]) + name)
    if value:
        out.append(_KANJI[value])
    return "".join(out)


def key_from_parts(parts: list[int]) -> str:
    return "_".join(str(p) for p in parts)


def parse_article_number(text: str) -> str | None:
    """「百五十八条の二」「158条の2」「百五十八の二」 → "158_2"."""
    text = unicodedata.normalize("NFKC", text).replace("第", "").replace("条", "")
    text = "".join(text.split())  # a PDF line break inside 第五百二十条の\n三
    parts = []
    for piece in text.split("の"):
        value = to_int(piece)
        if value is None:
            return None
        parts.append(value)
    return key_from_parts(parts) if parts else None


def article_label(key: str) -> str:
    """ "158_2" → 第百五十八条の二; "38:84" → 第三十八条から第八十四条まで."""
    if ":" in key:
        first, last = key.split(":", 1)
        return f"{article_label(first)}から{article_label(last)}まで"
    parts = [int(p) for p in key.split("_") if p.isdigit()]
    if not parts:
        return key
    head = f"第{int_to_kanji(parts[0])}条"
    return head + "".join(f"の{int_to_kanji(p)}" for p in parts[1:])


def short_label(key: str, unit: str = "条") -> str:
    """ "158_2" → 第158条の2 (the canonical citation form, arabic digits)."""
    parts = key.split("_")
    return f"第{parts[0]}{unit}" + "".join(f"の{p}" for p in parts[1:])


def key_in_range(key: str, range_key: str) -> bool:
    """Whether article `key` lies in a deleted range like "38:84"."""
    if ":" not in range_key:
        return key == range_key
    first, last = range_key.split(":", 1)
    return _sort_key(first) <= _sort_key(key) <= _sort_key(last)


def _sort_key(key: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", key))


sort_key = _sort_key
