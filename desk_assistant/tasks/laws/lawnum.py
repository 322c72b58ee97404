"""法令番号: 「平成五年法律第八十八号」 in its many spellings → one canonical form.

e-Gov writes LawNum in kanji (平成五年法律第八十八号) but AmendLawNum with a date and
digit-by-digit kanji (令和七年五月三〇日法律第四七号); documents use arabic digits
(平成5年法律第88号). All three compare equal after `canonical()`.
"""

from __future__ import annotations

import re
import unicodedata

from .numerals import NUMBER, int_to_kanji, to_int

ERAS = "明治|大正|昭和|平成|令和"
ERA_EN = {"Meiji": "明治", "Taisho": "大正", "Showa": "昭和", "Heisei": "平成", "Reiwa": "令和"}
# The issuing kind between 年 and 第: 法律, 政令, 内閣府令, 厚生労働省令, 規則, 告示 …
_KIND = r"[^\s\d第年月日号〇一二三四五六七八九十百千（）()、。]{0,12}?(?:法律|政令|勅令|府令|省令|規則|告示|訓令|条例)"
_SP = r"[ \u3000]?"  # PDF text puts spaces around figures: 「昭和 61 年内閣告示第１号」
LAW_NUM_RE = re.compile(
    rf"(?P<era>{ERAS}){_SP}(?P<year>元|{NUMBER}){_SP}年{_SP}"
    rf"(?:(?:{NUMBER})月(?:{NUMBER})日)?"
    rf"(?P<kind>{_KIND})第(?P<num>{NUMBER})号"
)


LAW_NUM_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", LAW_NUM_RE.pattern)  # for embedding


def canonical(text: str) -> str | None:
    """Any spelling of a law number → 平成五年法律第八十八号; None if it is not one."""
    match = LAW_NUM_RE.search(unicodedata.normalize("NFKC", text).replace(" ", ""))
    if not match:
        # NFKC turns 〇 into nothing special; digit-by-digit kanji need no change
        return None
    return from_match(match)


def from_match(match: re.Match) -> str | None:
    year = 1 if match["year"] == "元" else to_int(match["year"])
    num = to_int(match["num"])
    if year is None or num is None:
        return None
    return f"{match['era']}{'元' if year == 1 else int_to_kanji(year)}年{match['kind']}第{int_to_kanji(num)}号"
