"""Kanji numerals to integers, shared by the tasks that compare figures
(translate checks, summary grounding, proofreading's arabic-numeral hint)."""

from __future__ import annotations

KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}
KANJI_NUMERALS = "".join(KANJI_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def kanji_to_int(text: str) -> int | None:
    """一二 → 12 (digit by digit, as in 二〇二六), 二十四 → 24, 百三十四 → 134,
    三億五千万 → 350000000; None for anything that is not a kanji numeral
    (a lone 万/億/兆 included: 万一 is not ten thousand)."""
    if not text or any(ch not in KANJI_NUMERALS for ch in text) or set(text) <= set(BIG_UNITS):
        return None
    if not any(ch in SMALL_UNITS or ch in BIG_UNITS for ch in text):
        return int("".join(str(KANJI_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in KANJI_DIGITS:
            digit = digit * 10 + KANJI_DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (digit or 1) * SMALL_UNITS[ch]
            digit = 0
        else:
            total += ((section + digit) or 1) * BIG_UNITS[ch]
            section = digit = 0
    return total + section + digit
