"""Arabic numerals in horizontal text (公用文作成の考え方: 横書きでは算用数字).

Only unambiguous counting positions are reported: era years, month/day dates,
article numbers and 〇-positional years. Set phrases (一つ, 二者択一, 三権分立),
approximate numbers (四、五十人, 数十) and words (一部, 一般) never match these
patterns. Severity is info: a vertical document rightly keeps kanji numerals.
"""

from __future__ import annotations

import re

from ....kanji_numbers import kanji_to_int
from ..finding import INFO, KANGAEKATA
from ..registry import rule

_NUM = "[〇零一二三四五六七八九十百千]+"
_PATTERNS = [
    re.compile(f"(?<=令和|平成|昭和)({_NUM})(?=年)"),
    re.compile(f"({_NUM})(?=月{_NUM}日)"),
    re.compile(f"(?<=月)({_NUM})(?=日)"),
    re.compile(f"(?<=第)({_NUM})(?=条|項|号|章|節|款)"),
    re.compile("([〇一二三四五六七八九]{4})(?=年)"),
]


@rule(
    "arabic-numerals",
    INFO,
    KANGAEKATA,
    "横書きの算用数字",
    "Arabic numerals in horizontal text",
    clause="kangaekata-1-4-a",
)
def arabic_numerals(doc, r):
    seen: set[int] = set()
    for pattern in _PATTERNS:
        for m in pattern.finditer(doc.text):
            if m.start(1) in seen:
                continue
            value = kanji_to_int(m.group(1))
            if value is None:
                continue
            seen.add(m.start(1))
            yield r.finding(
                m.start(1),
                m.end(1),
                m.group(1),
                f"横書きの文書では算用数字を使います（「{m.group(1)}」→「{value}」）。",
                f"Horizontal documents use Arabic numerals ('{m.group(1)}' → '{value}').",
                str(value),
            )
