"""Latin letters spelled out in katakana: ティービーケー is TBK, エヌ・ティ・ティ is NTT.

Company and system names are often written with the katakana names of their letters
(ティービーケー・システムズ株式会社 → "TBK Systems Co., Ltd."). The English has the letters;
the checks that compare lengths, acronyms and list items read the katakana as those letters.
"""

from __future__ import annotations

import re
import unicodedata

# The katakana names of the Latin letters, as Japanese writes them (variants included).
LETTER_NAMES = {
    "A": ("エー", "エイ"),
    "B": ("ビー",),
    "C": ("シー",),
    "D": ("ディー", "ディ", "デー"),
    "E": ("イー",),
    "F": ("エフ",),
    "G": ("ジー",),
    "H": ("エイチ", "エッチ"),
    "I": ("アイ",),
    "J": ("ジェー", "ジェイ"),
    "K": ("ケー", "ケイ"),
    "L": ("エル",),
    "M": ("エム",),
    "N": ("エヌ",),
    "O": ("オー",),
    "P": ("ピー",),
    "Q": ("キュー",),
    "R": ("アール",),
    "S": ("エス",),
    "T": ("ティー", "ティ", "テー"),
    "U": ("ユー",),
    "V": ("ブイ", "ヴィー", "ヴイ"),
    "W": ("ダブリュー", "ダブリュ"),
    "X": ("エックス",),
    "Y": ("ワイ",),
    "Z": ("ゼット", "ズィー", "ゼッド"),
}
_NAMES = sorted(
    ((name, letter) for letter, names in LETTER_NAMES.items() for name in names),
    key=lambda item: -len(item[0]),
)
_RUN = re.compile(r"[\u30a1-\u30faー]+(?:・[\u30a1-\u30faー]+)*")
MIN_LETTERS = 2  # one letter name alone (アイ, エム) is as often a word


def letters_of(run: str) -> str | None:
    """The letters a katakana run spells out in full (ティービーケー → "TBK"), else None.
    The run is read from the left, longest letter name first; ・ may stand between names."""
    letters, at = [], 0
    text = run.replace("・", "")
    while at < len(text):
        for name, letter in _NAMES:
            if text.startswith(name, at):
                letters.append(letter)
                at += len(name)
                break
        else:
            return None
    return "".join(letters) if len(letters) >= MIN_LETTERS else None


def spelled_letters(text: str) -> list[tuple[str, str]]:
    """(katakana, letters) for each katakana word of `text` that spells Latin letters; a
    word of a ・ name (ティービーケー・システムズ) counts on its own."""
    found = []
    for match in _RUN.finditer(unicodedata.normalize("NFKC", text)):
        whole = letters_of(match.group(0))
        if whole:
            found.append((match.group(0), whole))
            continue
        for part in match.group(0).split("・"):
            letters = letters_of(part)
            if letters:
                found.append((part, letters))
    return found
