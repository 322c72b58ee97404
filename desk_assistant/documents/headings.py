"""Which paragraphs are headings, from Word's own markup rather than guesswork.

A paragraph is a heading when it has an outline level: directly (w:outlineLvl)
or through its paragraph style (built-in styles keep the English name
"heading N" in the file whatever the UI language, and custom heading styles
carry w:outlineLvl). Levels are 1-based; body-text level 9 is not a heading.
"""

from __future__ import annotations

import re

from lxml import etree

from . import wordml

_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
BODY_TEXT_LEVEL = 9  # w:outlineLvl 9 means "body text"


def _outline_level(ppr: etree._Element | None) -> int | None:
    if ppr is None:
        return None
    node = ppr.find(wordml.w("outlineLvl"))
    if node is None:
        return None
    try:
        value = int(node.get(wordml.w("val"), ""))
    except ValueError:
        return None
    return None if value >= BODY_TEXT_LEVEL else value + 1


def style_levels(styles_root: etree._Element | None) -> dict[str, int]:
    """Paragraph style id → heading level, following basedOn for outline levels."""
    if styles_root is None:
        return {}
    own: dict[str, int | None] = {}
    based_on: dict[str, str] = {}
    for style in styles_root.iter(wordml.w("style")):
        if style.get(wordml.w("type")) != "paragraph":
            continue
        style_id = style.get(wordml.w("styleId"))
        if not style_id:
            continue
        level = _outline_level(style.find(wordml.w("pPr")))
        name = style.find(wordml.w("name"))
        match = _HEADING_NAME.match(name.get(wordml.w("val"), "")) if name is not None else None
        own[style_id] = level if level is not None else (int(match.group(1)) if match else None)
        parent = style.find(wordml.w("basedOn"))
        if parent is not None and parent.get(wordml.w("val")):
            based_on[style_id] = parent.get(wordml.w("val"))
    levels: dict[str, int] = {}
    for style_id in own:
        seen, current = set(), style_id
        while current and current not in seen:  # a cycle in basedOn must not hang us
            seen.add(current)
            if own.get(current) is not None:
                levels[style_id] = own[current]
                break
            current = based_on.get(current)
    return levels


def paragraph_level(paragraph: etree._Element, levels: dict[str, int]) -> int | None:
    ppr = paragraph.find(wordml.w("pPr"))
    direct = _outline_level(ppr)
    if direct is not None or ppr is None:
        return direct
    style = ppr.find(wordml.w("pStyle"))
    return levels.get(style.get(wordml.w("val"), "")) if style is not None else None
