"""Character clean-up for extracted text.

Government PDFs often map kanji to look-alike code points (Kangxi radicals such
as ⾏ U+2F8F for 行, CJK compatibility ideographs). They look right but break
search, proofreading rules and the model, so they are mapped to the unified
ideograph. Only those blocks are touched: full NFKC would also rewrite
full-width digits and punctuation, which proofreading must see as written.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement forms that stand for a common ideograph but have no
# Unicode decomposition (the Kangxi block U+2F00–U+2FD5 has one, via NFKC).
_RADICAL_SUPPLEMENT = {
    "\u2e8c": "小",
    "\u2e8d": "小",
    "\u2e95": "彐",
    "\u2e9d": "月",
    "\u2e9f": "母",
    "\u2ea0": "民",
    "\u2ea4": "爫",
    "\u2ea6": "丬",
    "\u2eab": "罒",
    "\u2eb2": "罒",
    "\u2eb9": "耂",
    "\u2ebc": "月",
    "\u2ebe": "艹",
    "\u2ec4": "西",
    "\u2ec6": "角",
    "\u2ec8": "讠",
    "\u2eca": "足",
    "\u2ecc": "辶",
    "\u2ecf": "阝",
    "\u2ed1": "長",
    "\u2ed6": "阝",
    "\u2ed8": "青",
    "\u2edd": "食",
    "\u2ee4": "鬼",
    "\u2ee9": "黄",
    "\u2eeb": "斉",
    "\u2eed": "歯",
    "\u2eef": "竜",
    "\u2ef2": "亀",
    "\u2ef3": "龟",
}

_LOOKALIKE_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_XML_UNSAFE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _unify(match: re.Match) -> str:
    char = match.group(0)
    if char in _RADICAL_SUPPLEMENT:
        return _RADICAL_SUPPLEMENT[char]
    mapped = unicodedata.normalize("NFKC", char)
    return mapped if len(mapped) == 1 else char


def normalize_cjk(text: str) -> str:
    """Map Kangxi radicals and CJK compatibility ideographs to unified ideographs."""
    return _LOOKALIKE_RE.sub(_unify, text)


def xml_safe(text: str) -> str:
    """Drop characters XML cannot hold (control codes, lone surrogates)."""
    text = _XML_UNSAFE_RE.sub("", text)
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text


def replace_invalid(text: str) -> tuple[str, int]:
    """Lone surrogates (from broken font maps, odd w:sym codes) as U+FFFD, and how many.

    No encoder accepts them (UTF-8 output, JSON, the Sudachi tokenizer), so they are
    replaced where text enters the documents layer and the count is reported.
    """
    return _SURROGATE_RE.subn("\ufffd", text)


def _has_surrogate(text: str) -> bool:
    return _SURROGATE_RE.search(text) is not None


def is_cjk(char: str) -> bool:
    """Characters that join without a space (kana, kanji, full-width forms, CJK punctuation)."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )
