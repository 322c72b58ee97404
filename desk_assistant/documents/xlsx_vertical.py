"""Japanese labels written downwards in an Excel form, and how their translation is shown.

A form writes a label vertically in one of two ways: one character per cell down a
column (「開」「発」「行」「為」「の」「概」「要」 in A12:A18 of a permit form), or a cell
format with stacked text (textRotation 255). Translated one character at a time the
first gives words that mean nothing ("Open", "Departure" …), and English letters
stacked one under the other cannot be read. So:

- a column of three or more single-character cells (kanji or kana, none repeated, each
  string used by that cell only) is read as ONE block, the word the reader sees
  (location "sheet1!A12:A18"); its translation goes into the first cell, the other
  cells are emptied and the column's cells merged, so the text wraps in the label's
  whole height;
- a translated cell with stacked text whose new text is written horizontally
  (English) is turned to read bottom-to-top (textRotation 90, the way English tables
  label a tall narrow cell) and wraps in its width (xlsx_layout.py does that).

Both are reported when the translation is written (`vertical_notes`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from lxml import etree

from ..i18n import tr
from .officexml import Piece, TextUnit, set_text
from .tags import strip_tags

_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
_LETTER = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]$")
MIN_STACK = 3
STACKED = "255"  # textRotation: letters one under the other
TURNED = "90"  # textRotation: the line turned to read bottom-to-top


def reads_across(text: str) -> bool:
    """True when text is mostly written in a horizontal script (Latin, digits …):
    stacked one letter under the other it could not be read."""
    letters = [ch for ch in text if not ch.isspace()]
    if not letters:
        return False
    wide = sum(unicodedata.east_asian_width(ch) in ("W", "F") for ch in letters)
    return wide * 2 < len(letters)


def _one_letter(text: str) -> str | None:
    letter = text.strip(" \u3000\t\r\n")
    return letter if _LETTER.match(letter) else None


def find_stacks(cells: Iterable[tuple[str, str, object]], min_len: int = MIN_STACK):
    """Runs of single letters down a column. `cells`: (ref, text, handle) of the cells
    that may take part (a string used by that cell only). Returns a list of stacks,
    each [(ref, handle), …] from top to bottom."""
    by_column: dict[str, dict[int, tuple[str, str, object]]] = {}
    for ref, text, handle in cells:
        match = _CELL_REF.match(ref)
        letter = _one_letter(text)
        if match and letter:
            by_column.setdefault(match.group(1), {})[int(match.group(2))] = (ref, letter, handle)
    stacks = []
    for rows in by_column.values():
        run: list[tuple[str, str, object]] = []
        for number in sorted(rows) + [None]:
            if run and number is not None and number == _row(run[-1][0]) + 1:
                run.append(rows[number])
                continue
            letters = [letter for _, letter, _ in run]
            # A repeated letter is more likely a column of marks (有/無/有) than a word.
            if len(run) >= min_len and len(set(letters)) == len(letters):
                stacks.append([(ref, handle) for ref, _, handle in run])
            run = [rows[number]] if number is not None else []
    return stacks


def _row(ref: str) -> int:
    return int(_CELL_REF.match(ref).group(2))


class StackedUnit(TextUnit):
    """One label written one letter per cell: the first cell's text element takes the
    translation, the others are emptied. `cells`: [(ref, text element, container)]."""

    def __init__(self, part: str, sheet_number: int, cells, key, hidden: bool, on_change):
        first, last = cells[0][0], cells[-1][0]
        text = "".join(_one_letter(node.text or "") or "" for _, node, _ in cells)
        piece = Piece(1, False, text, [node for _, node, _ in cells])
        super().__init__(
            part,
            f"sheet{sheet_number}!{first}:{last}",
            "cell",
            [piece],
            hidden=hidden,
            on_change=on_change,
            key=key,
        )
        self.cells = cells
        self.sheet_number = sheet_number
        self.column = _CELL_REF.match(first).group(1)
        self.rows = (_row(first), _row(last))

    def apply(self, tagged: str) -> list[str]:
        new = strip_tags(tagged)
        if new == self.text():
            return []
        nodes = self.pieces[0].nodes
        set_text(nodes[0], new)
        for node in nodes[1:]:
            set_text(node, "")
        if callable(self.on_change):
            self.on_change()
        return []


def merge_stack(root: etree._Element, ns: str, column: str, rows: tuple[int, int]) -> bool:
    """Merge the label's cells (column, rows) into one, unless the sheet has no merge
    list or another merged range overlaps them. Returns whether it merged."""
    merges = root.find(f"{{{ns}}}mergeCells")
    if merges is None:
        return False  # a new <mergeCells> would need its schema place: the text wraps anyway
    top, bottom = rows
    for merge in merges.findall(f"{{{ns}}}mergeCell"):
        ends = [_CELL_REF.match(p.replace("$", "")) for p in (merge.get("ref") or "").split(":")]
        if not all(ends):
            continue
        cols = [ends[0].group(1), ends[-1].group(1)]
        lo, hi = int(ends[0].group(2)), int(ends[-1].group(2))
        if _col_between(column, *cols) and lo <= bottom and hi >= top:
            return False
    etree.SubElement(merges, f"{{{ns}}}mergeCell", ref=f"{column}{top}:{column}{bottom}")
    if merges.get("count") is not None:
        merges.set("count", str(len(merges)))
    return True


def _col_between(column: str, first: str, last: str) -> bool:
    def number(letters: str) -> int:
        n = 0
        for ch in letters:
            n = n * 26 + ord(ch) - 64
        return n

    return number(first) <= number(column) <= number(last)


def vertical_notes(stacked: list[str], turned: list[str]) -> list[str]:
    """What the writer did with vertical labels, for the user (JA/EN)."""
    notes = []
    if stacked:
        where = "、".join(stacked)
        notes.append(
            tr(
                f"1字ずつ縦に並んだ見出しを1つの語句として訳し、先頭のセルに入れてセルを結合しました: {where}",
                "a label written one character per cell down a column was translated as one "
                f"text, put in its first cell and the cells merged: {where}",
            )
        )
    if turned:
        where = "、".join(turned)
        notes.append(
            tr(
                f"縦書きのセルは訳文が読めるよう横書きを90度回した向き（下から上）にしました: {where}",
                "vertical (stacked) cells now show the translation turned 90° "
                f"(reading bottom to top): {where}",
            )
        )
    return notes


__all__ = [
    "STACKED",
    "TURNED",
    "StackedUnit",
    "find_stacks",
    "merge_stack",
    "reads_across",
    "vertical_notes",
]
