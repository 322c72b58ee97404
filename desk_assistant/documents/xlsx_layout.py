"""After an Excel translation: fonts by direction, and room for the longer text.

Excel keeps a cell's font in the workbook's shared cell formats (styles.xml), one
name for every script, so a translated cell gets a copy of its format with the
font of the target script (fonts.target_font: 明朝 → a serif, ゴシック → a sans
for English) — the other cells using that format are left alone. Rich-text runs
carry their own <rFont> and are switched in place.

English is longer than the Japanese it replaces. A translated cell whose text no
longer fits its column (or merged range) and cannot spill into an empty
neighbour (or would spill past the sheet's used range), or that already wrapped, gets "wrap text" in that format copy, and
its row is made tall enough for the estimated number of lines (the estimate
counts full-width characters as two columns, others as one; Excel and
LibreOffice draw the wrapped text inside the cell at that height). Stacked vertical
text that is now English is turned to read bottom-to-top (xlsx_vertical.py); other
rotated text and "shrink to fit" cells are left as they are.
"""

from __future__ import annotations

import copy
import math
import re
import unicodedata

from lxml import etree

from . import fonts
from .docx import Package
from .xlsx import EXCEL, S, column_number, main_part, s, sheets
from .xlsx_vertical import STACKED, TURNED, reads_across

_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
MAX_ROW_HEIGHT = 409.0  # points: Excel's limit
MAX_LINES = 30


def text_columns(text: str) -> float:
    """Width of one line in Excel column units at the default size."""
    width = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 2.0
        elif ch in " il.,;:'|!()[]":
            width += 0.6
        else:
            width += 1.05
    return width


def line_count(text: str, columns: float, scale: float) -> int:
    usable = max(columns - 0.7, 1.0)
    lines = 0
    for line in text.split("\n"):
        # words do not break mid-way: a little more than the bare width
        lines += max(1, math.ceil(text_columns(line) * scale * 1.08 / usable))
    return min(lines, MAX_LINES)


class _Styles:
    """styles.xml's fonts and cell formats, with copies made on demand."""

    def __init__(self, pkg: Package):
        self.root = None
        for kind, name in pkg.rels(main_part(pkg, "xl/workbook.xml", EXCEL)).values():
            if kind == "styles" and name in pkg.data:
                self.root = pkg.xml(name)
                pkg.dirty.add(name)
        self.fonts = self._list("fonts", "font")
        self.xfs = self._list("cellXfs", "xf")
        self.copies: dict[tuple[int, bool, str | None, str | None], int] = {}
        first = self.fonts[0] if self.fonts else None
        self.default_size = self.size(first) if first is not None else 11.0

    def _list(self, holder: str, item: str) -> list[etree._Element]:
        node = None if self.root is None else self.root.find(s(holder))
        return [] if node is None else node.findall(s(item))

    @staticmethod
    def size(font) -> float:
        sz = font.find(s("sz")) if font is not None else None
        try:
            return float(sz.get("val")) if sz is not None else 11.0
        except (TypeError, ValueError):
            return 11.0

    def xf(self, index: int):
        return self.xfs[index] if 0 <= index < len(self.xfs) else None

    def font_of(self, index: int):
        xf = self.xf(index)
        try:
            font_id = int(xf.get("fontId", "0")) if xf is not None else 0
        except ValueError:
            font_id = 0
        return self.fonts[font_id] if 0 <= font_id < len(self.fonts) else None

    def variant(self, index: int, wrap: bool, face: str | None, rotation: str | None = None) -> int:
        """The index of a copy of format `index` with wrapping on, the font `face` and/or
        the text `rotation`."""
        key = (index, wrap, face, rotation)
        if key in self.copies:
            return self.copies[key]
        xf = copy.deepcopy(self.xf(index))
        if face:
            font = copy.deepcopy(self.font_of(index))
            name = font.find(s("name"))
            if name is None:
                name = etree.SubElement(font, s("name"))
            name.set("val", face)
            _drop_script_hints(font, face)
            self.fonts[0].getparent().append(font)
            self.fonts.append(font)
            _count(self.fonts[0].getparent())
            xf.set("fontId", str(len(self.fonts) - 1))
            xf.set("applyFont", "1")
        if wrap or rotation:
            align = xf.find(s("alignment"))
            if align is None:
                align = etree.Element(s("alignment"))
                xf.insert(0, align)
            if wrap:
                align.set("wrapText", "1")
            if rotation:
                align.set("textRotation", rotation)
            xf.set("applyAlignment", "1")
        holder = self.xfs[0].getparent()
        holder.append(xf)
        self.xfs.append(xf)
        _count(holder)
        self.copies[key] = len(self.xfs) - 1
        return self.copies[key]


def _drop_script_hints(node, face: str) -> None:
    """A theme scheme (minor/major) would put the theme's Japanese font back, and the
    Shift_JIS charset describes the old face."""
    for tag in ("scheme", "charset"):
        for child in node.findall(s(tag)):
            node.remove(child)
    kind = fonts.family(face)
    family = node.find(s("family"))
    if family is not None and kind:
        family.set("val", "1" if kind == "serif" else "2")


def _count(holder) -> None:
    if holder.get("count") is not None:
        holder.set("count", str(len(holder)))


def switch_run_fonts(si: etree._Element, direction) -> None:
    """Rich-text runs of a replaced string: <rFont> to the target script's face."""
    for rpr in si.iter(s("rPr")):
        if rpr.getparent().tag != s("r"):
            continue
        rfont = rpr.find(s("rFont"))
        face = fonts.target_font(rfont.get("val") if rfont is not None else None, direction)
        if face:
            rfont.set("val", face)
            _drop_script_hints(rpr, face)


class _Sheet:
    def __init__(self, root):
        self.root = root
        fmt = root.find(s("sheetFormatPr"))
        self.default_width = _float(fmt, "defaultColWidth", 8.43)
        self.default_height = _float(fmt, "defaultRowHeight", 15.0)
        self.widths: dict[int, float] = {}
        for col in root.iter(s("col")):
            width = 0.0 if col.get("hidden") in ("1", "true") else _float(col, "width", None)
            if width is None:
                continue
            try:
                lo, hi = int(col.get("min", "1")), int(col.get("max", "1"))
            except ValueError:
                continue  # a damaged <col>: the default width
            for n in range(lo, min(hi, lo + 16384) + 1):
                self.widths[n] = width
        dimension = root.find(s("dimension"))
        last = (dimension.get("ref", "") if dimension is not None else "").split(":")[-1]
        match = _REF.match(last)
        self.last_column = column_number(match.group(1)) if match else 0
        self.rows = {int(r.get("r")): r for r in root.iter(s("row")) if r.get("r", "").isdigit()}
        self.merges: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for merge in root.iter(s("mergeCell")):
            parts = (merge.get("ref") or "").split(":")
            ends = [_REF.match(p) for p in parts]
            if len(ends) == 2 and all(ends):
                c0, r0 = column_number(ends[0].group(1)), int(ends[0].group(2))
                c1, r1 = column_number(ends[1].group(1)), int(ends[1].group(2))
                self.merges[(r0, c0)] = (r0, c0, r1, c1)

    def width(self, c0: int, c1: int) -> float:
        return sum(self.widths.get(c, self.default_width) for c in range(c0, c1 + 1))

    def height(self, row: int) -> float:
        node = self.rows.get(row)
        return _float(node, "ht", self.default_height) if node is not None else self.default_height

    def hidden(self, row: int) -> bool:
        node = self.rows.get(row)
        return node is not None and node.get("hidden") in ("1", "true")


def _float(node, attr: str, default):
    try:
        return float(node.get(attr)) if node is not None and node.get(attr) else default
    except ValueError:
        return default


def _has_value(cell) -> bool:
    return cell is not None and (cell.find(s("v")) is not None or cell.find(s("is")) is not None)


def fit_translated_cells(
    pkg: Package, strings: dict[int, str], inline: dict, direction, turned: list | None = None
) -> dict:
    """Give the cells showing replaced text (`strings`: shared-string index → new text;
    `inline`: (sheet part, ref) → new text) the target script's font and room to show
    it. Returns counts {"cells", "wrapped", "rows", "fonts", "turned"} (the tests read
    them); `turned` gets the location of each stacked cell turned for English."""
    styles = _Styles(pkg)
    done = {"cells": 0, "wrapped": 0, "rows": 0, "fonts": 0, "turned": 0}
    if styles.root is None or not styles.xfs:
        return done
    for sheet in sheets(pkg):
        root = pkg.xml(sheet.part)
        grid = _Sheet(root)
        wanted: dict[int, float] = {}  # row → height it needs
        touched = False
        for row in root.iter(s("row")):
            cells = list(row.iter(s("c")))
            for position, cell in enumerate(cells):
                text = _new_text(cell, sheet.part, strings, inline)
                match = _REF.match(cell.get("r", ""))
                if text is None or match is None:
                    continue
                col, number = column_number(match.group(1)), int(match.group(2))
                try:
                    index = int(cell.get("s", "0"))
                except ValueError:
                    index = 0
                xf = styles.xf(index)
                if xf is None:
                    continue
                done["cells"] += 1
                font = styles.font_of(index)
                name = font.find(s("name")) if font is not None else None
                face = (
                    fonts.target_font(name.get("val") if name is not None else None, direction)
                    if direction is not None
                    else None
                )
                scale = styles.size(font) / styles.default_size
                r0, c0, r1, c1 = grid.merges.get((number, col), (number, col, number, col))
                columns = grid.width(c0, c1)
                lines = line_count(text, columns, scale)
                align = xf.find(s("alignment"))
                wraps = align is not None and align.get("wrapText") in ("1", "true")
                rotation = align.get("textRotation", "0") if align is not None else "0"
                if rotation == STACKED and reads_across(text):
                    # English stacked letter under letter cannot be read: turned to read
                    # bottom-to-top, wrapping in the cell's width; the height stays.
                    cell.set("s", str(styles.variant(index, not wraps, face, TURNED)))
                    touched = True
                    done["fonts"] += bool(face)
                    done["turned"] += 1
                    if turned is not None:
                        turned.append(f"sheet{sheet.number}!{cell.get('r', '')}")
                    continue
                fixed = align is not None and (
                    rotation != "0" or align.get("shrinkToFit") in ("1", "true")
                )
                nxt = cells[position + 1] if position + 1 < len(cells) else None
                # Text may spill into empty cells to its right, but not past the sheet's
                # used range (the printed page ends there).
                room = grid.width(c0, min(max(grid.last_column, c1), c1 + 50))
                blocked = (
                    c1 > c0
                    or r1 > r0
                    or _has_value(nxt)
                    or "\n" in text
                    or line_count(text, room, scale) > 1
                )
                wrap = not fixed and (wraps or (lines > 1 and blocked))
                if face or (wrap and not wraps):
                    cell.set("s", str(styles.variant(index, wrap and not wraps, face)))
                    touched = True
                    done["fonts"] += bool(face)
                    done["wrapped"] += wrap and not wraps
                if wrap and not any(grid.hidden(r) for r in range(r0, r1 + 1)):
                    need = lines * styles.size(font) * 1.45 + 3
                    have = sum(grid.height(r) for r in range(r0, r1))
                    wanted[r1] = max(wanted.get(r1, 0.0), need - have)
        for number, need in wanted.items():
            node = grid.rows.get(number)
            if node is None or need <= grid.height(number) + 0.5:
                continue
            node.set("ht", f"{min(need, MAX_ROW_HEIGHT):.2f}".rstrip("0").rstrip("."))
            node.set("customHeight", "1")
            done["rows"] += 1
            touched = True
        if touched:
            pkg.dirty.add(sheet.part)
    return done


def _new_text(cell, part: str, strings: dict[int, str], inline: dict) -> str | None:
    kind = cell.get("t")
    if kind == "s":
        value = cell.find(s("v"))
        try:
            return strings.get(int((value.text or "").strip())) if value is not None else None
        except ValueError:
            return None
    if kind == "inlineStr":
        return inline.get((part, cell.get("r", "")))
    return None


def string_text(container) -> str:
    """The text of a shared string / inline string as shown (readings left out)."""
    return "".join(t.text or "" for t in container.iter(s("t")) if t.getparent().tag != s("rPh"))


__all__ = ["S", "fit_translated_cells", "string_text", "switch_run_fonts"]
