"""A read-only text view that knows where each document block starts and can
highlight spans given in Python code-point offsets.

Qt counts positions in UTF-16 units; Python in code points. They differ for
characters outside the BMP (rare kanji such as 𠮷), so every offset is mapped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

SEVERITY_COLOURS = {"error": "#ffb3b3", "warning": "#ffe08a", "info": "#cde3ff"}
CURRENT_COLOUR = "#ff9f43"


def utf16_offsets(text: str) -> list[int] | None:
    """Code-point index -> UTF-16 index table, or None when they are the same."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    table, pos = [], 0
    for c in text:
        table.append(pos)
        pos += 2 if ord(c) >= 0x10000 else 1
    table.append(pos)
    return table


class TextView(QPlainTextEdit):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # Read-only, yet selectable and navigable from the keyboard.
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self._table: list[int] | None = None
        self.block_starts: dict[str, int] = {}  # location -> code-point offset
        self._marks: list[tuple[int, int, str]] = []
        self._current: tuple[int, int] | None = None

    def set_text(self, text: str, block_starts: dict[str, int] | None = None) -> None:
        self.setPlainText(text)
        self._table = utf16_offsets(text)
        self.block_starts = dict(block_starts or {})
        self._marks, self._current = [], None
        self.setExtraSelections([])

    def set_blocks(self, blocks) -> str:
        """Show document blocks one per paragraph; returns the text shown."""
        starts, pos = {}, 0
        for block in blocks:
            starts[block.location] = pos
            pos += len(block.text) + 1
        text = "\n".join(block.text for block in blocks)
        self.set_text(text, starts)
        return text

    def qt_pos(self, offset: int) -> int:
        if self._table is None:
            return offset
        return self._table[max(0, min(offset, len(self._table) - 1))]

    def py_pos(self, qt_offset: int) -> int:
        if self._table is None:
            return qt_offset
        from bisect import bisect_left

        return bisect_left(self._table, qt_offset)

    def set_marks(self, marks: list[tuple[int, int, str]]) -> None:
        """(start, end, severity) spans to tint; the current one is drawn on top."""
        self._marks = list(marks)
        self._render()

    def set_current(self, start: int | None, end: int | None = None) -> None:
        self._current = None if start is None else (start, end if end is not None else start)
        self._render()
        if start is not None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.qt_pos(start))
            self.setTextCursor(cursor)
            self.centerCursor()

    def scroll_to_location(self, location: str) -> bool:
        start = self.block_starts.get(location)
        if start is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.qt_pos(start))
        cursor.movePosition(QTextCursor.EndOfBlock, QTextCursor.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        return True

    def _selection(self, start: int, end: int, colour: str, bold: bool = False):
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.qt_pos(start))
        cursor.setPosition(self.qt_pos(max(end, start)), QTextCursor.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(colour))
        if bold:
            fmt.setFontUnderline(True)
        sel.cursor, sel.format = cursor, fmt
        return sel

    def _render(self) -> None:
        selections = [
            self._selection(s, e, SEVERITY_COLOURS.get(sev, SEVERITY_COLOURS["info"]))
            for s, e, sev in self._marks
        ]
        if self._current is not None:
            selections.append(self._selection(*self._current, CURRENT_COLOUR, bold=True))
        self.setExtraSelections(selections)
