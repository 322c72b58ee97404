"""An item of a ・ list with no counterpart in the translation.

Slides and forms pack lists into a few characters: 証明・通知, 更新者・更新内容, 登録・公開
され. The demo model keeps one item and drops the other (証明・通知 → "Certificate"),
and one word of a short list is too little for the length band or the clause check.
Each item next to a ・ is looked up in the bilingual word lists (the clause check's
official-document words, then the JMdict glosses, then word by word for a compound);
an item whose English none of them finds in the translation is reported. Loanword items
(データ・モデリング) are the loanword check's; an item the lists do not know is not judged.
"""

from __future__ import annotations

import re
import unicodedata

from ...sudachi import tokenizers_or_none
from .finding import WARNING, Finding

CHECK = "meaning.list_item"
_WORD = r"[\u4e00-\u9fff々\u30a1-\u30faー]+"
_LIST = re.compile(rf"{_WORD}(?:・{_WORD})+")
_KATAKANA = re.compile(r"[\u30a1-\u30faー]+")
_LATIN_WORD = re.compile(r"[A-Za-z]{3}")
_ETC = re.compile(r"等$")  # 更新内容等: "etc." is no item
# The legal form of a company before or after its name (株式会社ティー・エム, …・システムズ株式会社).
_COMPANY_FORM = re.compile(r"^(?:株式|有限|合同|合資|合名)会社|(?:株式|有限|合同|合資|合名)会社$")
# 水管理・国土保全局: an organisation's units have official English names (organisations.py).
_BODY = re.compile(r"[局部課室庁省]$")
# A leading 総合 ("comprehensive", "integrated") is often left unsaid in an established English
# name or phrase (総合科学技術会議 "Council for Science and Technology Policy", 総合政策局 "Policy
# Bureau"): an item led by it is judged by the rest of its parts.
_FOLDED_MODIFIERS = ("総合",)


def items(source: str) -> list[str]:
    """The words joined by ・ (kanji or mixed items; all-katakana lists are loanwords)."""
    text = unicodedata.normalize("NFKC", source).replace("･", "・")
    # 二・一倍, 〇・五%: ・ between kanji numerals is a decimal point (2.1-fold), no list
    text = re.sub(r"(?<=[〇一二三四五六七八九十])・(?=[〇一二三四五六七八九])", ".", text)
    found = []
    for match in _LIST.finditer(text):
        parts = match.group(0).split("・")
        if text.startswith(("ある", "な"), match.end()):
            parts = parts[:-1]  # 地域中核・特色ある大学: the last one describes ("distinctive")
        if all(_KATAKANA.fullmatch(p) for p in _COMPANY_FORM.sub("", "・".join(parts)).split("・")):
            continue  # データ・モデリング: one loanword written in parts (ティービーケー・システムズ株式会社: a name)
        found += [_ETC.sub("", p) for p in parts if not _BODY.search(p)]
    return list(dict.fromkeys(p for p in found if len(p) >= 2))


class _Judge:
    def __init__(self, translation: str) -> None:
        from .lexicon import EnglishText
        from .loanwords import LoanwordSkeletons

        self.lower = unicodedata.normalize("NFKC", translation).lower()
        self.words = re.findall(r"[a-z][a-z-]*", self.lower)
        self.english = EnglishText(translation)
        self.loanwords = LoanwordSkeletons(translation)

    def word_shown(self, word: str) -> bool | None:
        """True / False when a list knows the word's English; None when none does."""
        from .clauses import lexicon
        from .lexicon import glosses

        if _KATAKANA.fullmatch(word):
            return self.loanwords.shows(word)
        starts = lexicon().get(word, ())
        meaning = glosses(word)
        if not starts and not meaning:
            return None
        if any((" " in s and s in self.lower) or any(w.startswith(s) for w in self.words)
               for s in starts):  # fmt: skip
            return True
        return self.english.shows(meaning)

    def shown(self, item: str) -> bool:
        whole = self.word_shown(item)
        if whole:
            return True
        parts = _parts(item)
        if len(parts) >= 2 and parts[0] in _FOLDED_MODIFIERS:
            return self.shown(item[len(parts[0]) :])
        if len(parts) < 2:
            return whole is None  # unknown: not judged
        verdicts = [self.word_shown(p) for p in parts]
        known = [v for v in verdicts if v is not None]
        if not known:
            return whole is None
        # 更新内容: every known part there; a compound the lists lack is judged by parts.
        return all(known)


def _parts(item: str) -> list[str]:
    loaded = tokenizers_or_none("C")
    if loaded is None:
        return [item]
    tokenizer, _ = loaded
    return [m.surface() for m in tokenizer.tokenize(item) if len(m.surface()) >= 2]


def lost_items(source: str, translation: str) -> list[str]:
    listed = items(source)
    if not listed or not _LATIN_WORD.search(translation):
        return []
    judge = _Judge(translation)
    return [item for item in listed if not judge.shown(item)]


def check_list_items(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    if source_lang != "ja" or target_lang != "en":
        return []
    return [
        Finding(
            CHECK,
            WARNING,
            item,
            "",
            f"原文で「・」で並べられた「{item}」に当たる語が訳文に見当たりません（列挙の一部が"
            "抜けている可能性があります）",
            f"The listed item '{item}' (joined by ・ in the source) has no counterpart in the "
            "translation; part of the list may be missing",
        )
        for item in lost_items(source, translation)
    ]
