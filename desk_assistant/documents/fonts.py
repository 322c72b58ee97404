"""Fonts by translation direction: English text must not stay in 明朝/ゴシック.

Japanese documents often put a Japanese font in the Latin slots too (w:rFonts
ascii/hAnsi = "ＭＳ 明朝", a:latin = "游ゴシック"); after translation Word and
PowerPoint would draw the English in it (full-width-looking letters, odd
spacing). JA→EN sets the Latin slots of the translated runs to a Latin font of
the same family (明朝 → a serif, ゴシック → a sans); EN→JA sets the East Asian
slots the other way round. Runs whose font we cannot place keep theirs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from ..settings import DEFAULT_FONT_MAP

# The Latin font for each Japanese family, and the Japanese one for each Latin family
# (the built-in map; IT may set another: setting translate.font_map, policy FontMap).
LATIN = {"serif": DEFAULT_FONT_MAP["serif"], "sans": DEFAULT_FONT_MAP["sans"]}
EAST_ASIAN = {"serif": DEFAULT_FONT_MAP["mincho"], "sans": DEFAULT_FONT_MAP["gothic"]}


class FontSwitch(NamedTuple):
    """A translation direction with the font map to use (keys of settings.DEFAULT_FONT_MAP);
    the writers take it where they take a plain (source, target) pair."""

    source: str
    target: str
    fonts: Mapping[str, str] = DEFAULT_FONT_MAP


def _map(direction) -> Mapping[str, str]:
    return getattr(direction, "fonts", None) or DEFAULT_FONT_MAP


def target_font(source_font: str | None, direction) -> str | None:
    """The font for translated text whose source font is `source_font`: JA→EN a Latin
    face for a Japanese one, EN→JA a Japanese face for a Latin one; None: keep it."""
    source, target = direction[0], direction[1]
    fonts = _map(direction)
    if source == "ja" and target != "ja" and is_japanese_font(source_font):
        kind = family(source_font)
        return fonts[kind] if kind else None
    if target == "ja" and source != "ja" and source_font and not is_japanese_font(source_font):
        kind = family(source_font)
        return fonts[{"serif": "mincho", "sans": "gothic"}[kind]] if kind else None
    return None


_JA_SERIF = re.compile(r"明朝|mincho|教科書|行書|楷書|textbook", re.IGNORECASE)
_JA_SANS = re.compile(r"ゴシック|gothic|メイリオ|meiryo|ポップ|丸", re.IGNORECASE)
_LATIN_SERIF = re.compile(r"times|century|cambria|georgia|garamond|book antiqua|serif", re.I)
_LATIN_SANS = re.compile(r"arial|calibri|helvetica|segoe|verdana|tahoma|aptos|sans", re.I)


def is_japanese_font(name: str | None) -> bool:
    if not name:
        return False
    return bool(re.search(r"[^\x00-\x7f]", name) or _JA_SERIF.search(name) or _JA_SANS.search(name))


def family(name: str | None) -> str | None:
    """ "serif" or "sans" for a font name we know, else None."""
    if not name:
        return None
    if _JA_SERIF.search(name) or (_LATIN_SERIF.search(name) and not _LATIN_SANS.search(name)):
        return "serif"
    if _JA_SANS.search(name) or _LATIN_SANS.search(name):
        return "sans"
    return None


def latin_for(source_font: str | None, fonts: Mapping[str, str] = DEFAULT_FONT_MAP) -> str | None:
    """JA→EN: the Latin font to put where a Japanese one is, or None to leave it."""
    return target_font(source_font, FontSwitch("ja", "en", fonts))


def east_asian_for(
    source_font: str | None, fonts: Mapping[str, str] = DEFAULT_FONT_MAP
) -> str | None:
    """EN→JA: the Japanese font for the East Asian slot beside a Latin one, or None."""
    return target_font(source_font, FontSwitch("en", "ja", fonts))


# --- applying the mapping to runs -------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def theme_fonts(theme) -> dict[str, str]:
    """{"minor_latin", "minor_ea", "major_latin", "major_ea"} from a DrawingML theme part
    (the East Asian face is the "Jpan" script font when the ea slot is empty)."""
    found: dict[str, str] = {}
    if theme is None:
        return found
    for which in ("minor", "major"):
        node = theme.find(f".//{{{A}}}{which}Font")
        if node is None:
            continue
        latin = node.find(f"{{{A}}}latin")
        if latin is not None and latin.get("typeface"):
            found[f"{which}_latin"] = latin.get("typeface")
        ea = node.find(f"{{{A}}}ea")
        face = ea.get("typeface") if ea is not None else ""
        if not face:
            jpan = node.find(f"{{{A}}}font[@script='Jpan']")
            face = jpan.get("typeface", "") if jpan is not None else ""
        if face:
            found[f"{which}_ea"] = face
    return found


def _word_slot(rfonts, slot: str, theme: dict[str, str]) -> str | None:
    if rfonts is None:
        return None
    theme_ref = rfonts.get(f"{{{W}}}{slot}Theme")
    if theme_ref:  # minorHAnsi, majorEastAsia, …
        which = "major" if theme_ref.startswith("major") else "minor"
        return theme.get(f"{which}_{'ea' if 'EastAsia' in theme_ref else 'latin'}")
    return rfonts.get(f"{{{W}}}{slot}")


def word_defaults(styles, theme: dict[str, str]) -> dict[str, str | None]:
    """The Latin and East Asian fonts a run without its own gets: the default paragraph
    style's, else the document defaults' (w:docDefaults), themes resolved."""
    found: dict[str, str | None] = {"ascii": None, "eastAsia": None}
    if styles is None:
        return found
    sources = [
        styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr/{{{W}}}rFonts"),
        styles.find(
            f"{{{W}}}style[@{{{W}}}type='paragraph'][@{{{W}}}default='1']/{{{W}}}rPr/{{{W}}}rFonts"
        ),
    ]
    for rfonts in sources:
        for slot in found:
            value = _word_slot(rfonts, slot, theme)
            if value:
                found[slot] = value
    return found


def switch_word_run(run, direction: tuple[str, str], defaults: dict, theme: dict) -> None:
    """Set the Latin (JA→EN) or East Asian (EN→JA) slots of one w:r."""
    rpr = run.find(f"{{{W}}}rPr")
    rfonts = rpr.find(f"{{{W}}}rFonts") if rpr is not None else None
    latin = _word_slot(rfonts, "ascii", theme) or defaults.get("ascii")
    east = _word_slot(rfonts, "eastAsia", theme) or defaults.get("eastAsia")
    source, target, fonts = direction[0], direction[1], _map(direction)
    if source == "ja" and target != "ja":
        face = latin_for(latin, fonts) or (latin_for(east, fonts) if not latin else None)
        slots = ("ascii", "hAnsi")
    elif target == "ja" and source != "ja":
        face = east_asian_for(latin, fonts) if not is_japanese_font(east) else None
        slots = ("eastAsia",)
    else:
        return
    if not face:
        return
    from lxml import etree

    if rpr is None:
        rpr = etree.Element(f"{{{W}}}rPr")
        run.insert(0, rpr)
    if rfonts is None:
        rfonts = etree.Element(f"{{{W}}}rFonts")
        style = rpr.find(f"{{{W}}}rStyle")
        rpr.insert(0 if style is None else rpr.index(style) + 1, rfonts)
    for slot in slots:
        rfonts.set(f"{{{W}}}{slot}", face)
        rfonts.attrib.pop(f"{{{W}}}{slot}Theme", None)  # a theme reference wins over a name


# a:rPr children that come after a:latin / a:ea in the schema's sequence
_AFTER_LATIN = ("ea", "cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")


def _drawing_face(rpr, slot: str, theme: dict[str, str]) -> str | None:
    node = rpr.find(f"{{{A}}}{slot}") if rpr is not None else None
    face = node.get("typeface") if node is not None else None
    if face and face.startswith("+"):  # +mn-lt, +mj-ea: the theme's
        which = "major" if face.startswith("+mj") else "minor"
        return theme.get(f"{which}_{'latin' if face.endswith('lt') else 'ea'}")
    if face:
        return face
    return theme.get(f"minor_{'latin' if slot == 'latin' else 'ea'}")


def switch_drawing_run(run, direction: tuple[str, str], theme: dict) -> None:
    """Set a:latin (JA→EN) or a:ea (EN→JA) of one a:r."""
    from lxml import etree

    rpr = run.find(f"{{{A}}}rPr")
    latin = _drawing_face(rpr, "latin", theme)
    east = _drawing_face(rpr, "ea", theme)
    source, target, fonts = direction[0], direction[1], _map(direction)
    if source == "ja" and target != "ja":
        slot = "latin"
        face = latin_for(latin, fonts) or (latin_for(east, fonts) if not latin else None)
        after = _AFTER_LATIN
    elif target == "ja" and source != "ja":
        slot = "ea"
        face = east_asian_for(latin, fonts) if not is_japanese_font(east) else None
        after = _AFTER_LATIN[1:]
    else:
        return
    if not face:
        return
    if rpr is None:
        rpr = etree.Element(f"{{{A}}}rPr")
        run.insert(0, rpr)
    node = rpr.find(f"{{{A}}}{slot}")
    if node is None:
        node = etree.Element(f"{{{A}}}{slot}")
        later = [rpr.index(c) for c in rpr if c.tag in {f"{{{A}}}{n}" for n in after}]
        rpr.insert(min(later) if later else len(rpr), node)
    node.set("typeface", face)
    for extra in ("panose", "pitchFamily", "charset"):  # they described the old face
        node.attrib.pop(extra, None)
