"""Does extracted text look like garbage? (A PDF font whose ToUnicode map points at
nonsense gives text that extracts "fine" and means nothing.)

Japanese official documents use a small part of Unicode: ASCII, kana, the common
kanji, CJK and full-width punctuation, a few symbols. Text where a large share of
the characters falls outside that, or that is full of kanji with no kana at all,
was most likely decoded with a wrong map. It is a warning, never an error: the
user decides.
"""

from __future__ import annotations

import unicodedata

MIN_CHARS = 20  # too little text to judge
ODD_SHARE = 0.3  # this share of unexpected characters means garbage
KANJI_ONLY_MIN = 200  # this many kanji without a single kana is not Japanese prose

_EXPECTED_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00A0),
    (0x0100, 0x017F),  # Latin Extended-A (romanized names: Tōkyō)
    (0x0370, 0x03FF),  # Greek (in JIS X 0208)
    (0x0400, 0x04FF),  # Cyrillic (in JIS X 0208)
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x27BF),  # letterlike, numbers, arrows, maths, boxes, shapes, symbols
    (0x2460, 0x24FF),  # circled numbers
    (0x3000, 0x30FF),  # CJK punctuation, hiragana, katakana
    (0x31F0, 0x31FF),
    (0x3200, 0x33FF),  # enclosed CJK, units (㎡)
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),  # kanji
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),  # full-width and half-width forms
)
_LATIN1_OK = set("°±×÷§¶·«»©®¥£¢µéèàüöäçÉÜÖÄ")


def _expected(ch: str) -> bool:
    code = ord(ch)
    if ch in _LATIN1_OK:
        return True
    return any(low <= code <= high for low, high in _EXPECTED_RANGES)


def garbled_share(text: str) -> float:
    """Share of visible characters that Japanese official text would not contain."""
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 0.0
    odd = sum(
        1 for ch in chars if not _expected(ch) or unicodedata.category(ch) in ("Co", "Cn", "Cc")
    )
    return odd / len(chars)


def looks_garbled(text: str) -> bool:
    chars = [ch for ch in text if not ch.isspace()]
    if len(chars) < MIN_CHARS:
        return False
    if garbled_share(text) >= ODD_SHARE:
        return True
    kanji = sum(1 for ch in chars if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    kana = sum(1 for ch in chars if "\u3040" <= ch <= "\u30ff")
    return kanji >= KANJI_ONLY_MIN and kana == 0
