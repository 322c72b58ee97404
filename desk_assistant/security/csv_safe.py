"""CSV cells a spreadsheet will not run: audit exports are opened in Excel by IT.

A cell starting with = + - @ (or tab / CR) is a formula in Excel and LibreOffice
(CSV injection: =HYPERLINK, =cmd|...); raw newlines, CR and ESC split rows or
colour a terminal. Numbers stay numbers, even negative ones.
"""

from __future__ import annotations

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def csv_cell(value) -> str:
    """Control characters shown as \\xNN; a leading formula character quoted with '."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        text = "'" + text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
