"""A katakana loanword of a short segment with no counterpart in the translation.

Slide labels, table headings and list items are a few words each; when the demo model
drops or replaces one of them (ベースレジストリ → "Base Directory", コンバータ →
"Controller", ロジカルシンキング、クリエイティブシンキング → "Creative thinking, creative
thinking", IMIツール → "IMI") the length band and the clause check see nothing: the
segment is too short. A loanword is the surest anchor there is: its English is the word
it was borrowed from, recognisable by its consonants (データ ~ data, デザイナ ~ designer,
インフラ ~ infrastructure). Long sentences are left out: a translator may rephrase a
loanword there (タイミング → "when", マスコミ → "the press") and the clause check reads them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ...sudachi import tokenizers_or_none
from .finding import WARNING, Finding

CHECK = "meaning.loanword"
MAX_SOURCE_CHARS = 40  # labels, headings, list items, short sentences
MIN_SKELETON = 2  # fewer consonants (ルール, メモ) say too little to judge
_KATAKANA = re.compile(r"[\u30a1-\u30faー]{3,}")
_LATIN_WORD = re.compile(r"[A-Za-z]{3}")

# Spellings to sounds, so a word and its katakana share consonants. English first: whole
# endings, then letters (soft g and c, silent g of "design", "arch" said "ark").
_ENGLISH_STEPS = (
    ("tion", "shon"),
    ("sion", "shon"),
    ("ture", "cha"),
    ("archi", "arki"),
    ("tch", "t"),  # these two only where ch is read as in "church" (english_skeleton)
    ("ch", "t"),
    ("ign", "in"),
    ("ph", "f"),
    ("th", "s"),
    ("ck", "k"),
    ("qu", "kw"),
    ("x", "ks"),
    ("ge", "je"),
    ("gi", "ji"),
    ("gy", "jy"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("c", "k"),
    ("l", "r"),
    ("v", "b"),
    ("sh", "s"),
    ("ts", "s"),
)
_KATAKANA_STEPS = (("tsu", "su"), ("chi", "ti"), ("sh", "s"), ("ch", "t"), ("dz", "z"), ("ts", "s"))
# Sounds Japanese does not tell apart from their neighbours in loanwords.
_MERGE = str.maketrans({"j": "s", "z": "s"})
# Loanwords whose usual English is another word (パーツ → "components"): starts of words.
SYNONYMS = {
    "コード": ("encod", "charset"),  # 文字コード "character encoding"
    "パーツ": ("compon", "element", "part", "piece"),
    "アンケート": ("survey", "questionnaire"),
    "ヒアリング": ("interview", "hearing"),
    "ホームページ": ("website", "web", "homepage"),
    "パソコン": ("pc", "computer"),
    "マスコミ": ("media", "press"),
    "メリット": ("advantage", "benefit", "merit"),
    "デメリット": ("disadvantage", "drawback"),
    "ノウハウ": ("know", "expertise"),
    "テーマ": ("theme", "topic", "subject"),
    "マイナンバー": ("my number", "individual number"),
    "タイミング": ("timing", "when", "time"),
    # スピード感を持って: "with a sense of urgency", "promptly", "swiftly".
    "スピード": ("speed", "urgen", "prompt", "swift", "quick", "rapid", "fast", "expedit"),
    # 図 …のイメージ: "illustration", "conceptual diagram", "overview" of a figure's caption
    # 課題に直接アプローチする: "address", "tackle" a problem
    "アプローチ": ("approach", "address", "tackl"),
    "イメージ": ("image", "illustrat", "picture", "diagram", "concept", "overview", "impression"),
}
_ENDINGS = ("s", "es", "ed", "d", "ing", "al", "ally", "ic", "ical")


def _consonants(text: str) -> str:
    text = re.sub(r"[aeiouyhrw]", "", text.translate(_MERGE))
    return re.sub(r"(.)\1+", r"\1", text)


def english_skeleton(
    word: str, hard_g: bool = False, church_ch: bool = False, du_as_ju: bool = False
) -> str:
    """hard_g: g before e, i, y said as in "get" (エネルギー ~ energy, アレルギー ~ allergy:
    loanwords that came through German keep the hard g). church_ch: ch (and tch) said as in
    "church", the katakana チ (ベンチ ~ bench, チェック ~ check, アプローチ ~ approach); else
    as in "character" (キャラクター, スキーマ ~ schema, テクノロジー). du_as_ju: du said as
    in "schedule", the katakana ジュ (スケジュール, モジュール ~ module)."""
    word = word.lower()
    if du_as_ju:
        word = word.replace("du", "ju")
    for old, new in _ENGLISH_STEPS:
        if hard_g and old in _SOFT_G or not church_ch and old in _CHURCH_CH:
            continue
        word = word.replace(old, new)
    return _consonants(word)


def english_skeletons(word: str) -> set[str]:
    """The skeletons of every reading of an English spelling that has two (g before e, i,
    y: soft or hard; ch: as in "church" or in "character"; du: as in "duty" or "module")."""
    return {
        english_skeleton(word, hard_g, church_ch, du_as_ju)
        for hard_g in ((False, True) if "g" in word else (False,))
        for church_ch in ((False, True) if "ch" in word else (False,))
        for du_as_ju in ((False, True) if "du" in word else (False,))
    }


_SOFT_G = ("ge", "gi", "gy")
_CHURCH_CH = ("tch", "ch")
# ン before m, b, p is an m (コンマ ~ comma, キャンプ ~ camp, シンボル ~ symbol).
NASAL = re.compile(r"n(?=[mbp])")


@functools.lru_cache(maxsize=4096)
def katakana_skeleton(katakana: str) -> str:
    from .names import romanize

    roman = NASAL.sub("m", romanize(katakana))
    for old, new in _KATAKANA_STEPS:
        roman = roman.replace(old, new)
    return _consonants(roman)


class LoanwordSkeletons:
    """Skeletons of a translation's words and of runs of two or three (working group)."""

    def __init__(self, text: str) -> None:
        self.text = unicodedata.normalize("NFKC", text)
        words = re.findall(r"[a-z]+", self.text.lower())
        self.runs: set[str] = set()
        for size in (1, 2, 3):
            for i in range(len(words) - size + 1):
                run = "".join(words[i : i + size])
                self.runs |= english_skeletons(run)
                for ending in _ENDINGS:  # contents ~ コンテンツ, digital ~ デジタル
                    if run.endswith(ending) and len(run) > len(ending) + 2:
                        self.runs |= english_skeletons(run[: -len(ending)])
        self.words = {s for w in words for s in english_skeletons(w)}

    def shows(self, katakana: str, strict: bool = False) -> bool:
        """Strict: a word of few consonants (コア) must match a whole English word ("core")."""
        if katakana in self.text:
            return True  # kept as written
        if any(re.search(rf"\b{w}", self.text, re.I) for w in SYNONYMS.get(katakana, ())):
            return True
        # ツ is a t in loanwords of Latin or French (ツラレンシス ~ tularensis, ツアー ~ tour)
        variants = [katakana, katakana.replace("ツ", "ト")] if "ツ" in katakana else [katakana]
        if any(self._shows_skeleton(katakana_skeleton(v), strict) for v in variants):
            return True
        # モニタリング ~ "monitored": an -ing loanword said by its verb
        stem = katakana_skeleton(katakana[:-2]) if katakana.endswith("ング") else ""
        if len(stem) >= 3 and (stem in self.runs or stem in self.words):
            return True
        from .names import country_said

        return country_said(katakana, self.text)  # イギリス "the United Kingdom"

    def _shows_skeleton(self, skeleton: str, strict: bool) -> bool:
        if len(skeleton) < MIN_SKELETON:
            # ルール, メモ: too few consonants to tell
            return skeleton in self.words if strict else True
        if skeleton in self.runs or skeleton.rstrip("s") in self.runs:
            return True
        if any(w.startswith(skeleton) for w in self.words):
            return True  # a clipped loanword: インフラ ~ infrastructure
        # One sound off in a long word: the same word.
        return len(skeleton) >= 4 and any(_one_off(skeleton, r) for r in self.runs)


def _one_off(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or len(b) < 4:
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b) <= 1


def _short_words(word: str) -> list[str]:
    """データクレンジング → データ, クレンジング (each may be rendered on its own)."""
    loaded = tokenizers_or_none("A")
    if loaded is None:
        return [word]
    tokenizer, mode = loaded
    return [m.surface() for m in tokenizer.tokenize(word, mode) if len(m.surface()) >= 2] or [word]


def _pieces_shown(word: str, english: LoanwordSkeletons) -> bool:
    """コアデータパーツ, which Sudachi keeps whole: some cut into pieces of two or more
    characters, each with its English (コア|データ|パーツ → "core data components")."""
    shown = [True] + [False] * len(word)  # shown[i]: word[:i] is covered
    for end in range(2, len(word) + 1):
        shown[end] = any(
            shown[start] and english.shows(word[start:end], strict=True)
            for start in range(0, end - 1)
        )
    return shown[-1]


def lost_loanwords(source: str, translation: str) -> list[str]:
    """Katakana words of a short source of which some part has no English counterpart."""
    text = unicodedata.normalize("NFKC", source).strip()
    if len(text) > MAX_SOURCE_CHARS or not _LATIN_WORD.search(translation):
        return []
    english = LoanwordSkeletons(translation)
    lost = []
    for match in _KATAKANA.finditer(text):
        word = match.group(0)
        if english.shows(word) or _latin_headed(text[: match.start()], word, english):
            continue
        parts = _short_words(word)
        if any(not english.shows(part) for part in parts) and not (
            len(parts) == 1 and _pieces_shown(word, english)
        ):
            lost.append(word)
    return list(dict.fromkeys(lost))


def _latin_headed(before: str, word: str, english: LoanwordSkeletons) -> bool:
    """Webサイト → "website", Eメール → "e-mail": Latin letters and the loanword are one
    English word, whose tail after those letters sounds as the loanword."""
    head = re.search(r"([A-Za-z]+)[-\s]?$", before)
    if head is None:
        return False
    skeleton = katakana_skeleton(word)
    letters = head.group(1).lower()
    return any(
        w.startswith(letters)
        and len(w) > len(letters)
        and skeleton in english_skeletons(w[len(letters) :])
        for w in re.findall(r"[a-z]+", english.text.lower().replace("-", ""))
    )


# データ・モデリング: one loanword written in parts (the list check leaves all-katakana
# ・ runs to this one). English that joins the parts' words with "and" has read a list.
_PARTS = re.compile(r"[\u30a1-\u30faー]{2,}(?:・[\u30a1-\u30faー]{2,})+")
_JOINED = re.compile(r"([A-Za-z][A-Za-z-]*)\s*(?:\band\b|&)\s*((?:[A-Za-z][A-Za-z-]*\s*){1,3})")


def split_terms(source: str, translation: str) -> list[str]:
    """Katakana terms written in parts (データ・モデリング) whose English joins two
    neighbouring parts with "and" ("Data and Modeling"): the term became two things."""
    text = unicodedata.normalize("NFKC", source).replace("･", "・").strip()
    if len(text) > MAX_SOURCE_CHARS:
        return []
    english = unicodedata.normalize("NFKC", translation)
    # The word before "and", and each of the (up to three) words after it: "Data and
    # Enterprise Architect" splits データ・アーキテクト too.
    pairs = [(m.group(1), word) for m in _JOINED.finditer(english) for word in m.group(2).split()]
    found = []
    for match in _PARTS.finditer(text):
        parts = match.group(0).split("・")
        for left, right in zip(parts, parts[1:], strict=False):
            if any(_shown_by(left, a) and _shown_by(right, b) for a, b in pairs):
                found.append(match.group(0))
                break
    return found


def _shown_by(katakana: str, word: str) -> bool:
    skeleton = katakana_skeleton(katakana)
    return len(skeleton) >= MIN_SKELETON and LoanwordSkeletons(word).shows(katakana, strict=True)


def split_term(term: str) -> Finding:
    return Finding(
        CHECK,
        WARNING,
        term,
        "",
        f"原文の用語「{term}」は一つの語ですが、訳文では「and」で別々の二つの語として訳されて"
        "います（意味が変わっている可能性があります）",
        f"The source term '{term}' is one term, but the translation joins its parts with "
        "'and' as two separate things (its meaning may have changed)",
    )


def check_loanwords(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    if source_lang != "ja" or target_lang != "en":
        return []
    return [split_term(term) for term in split_terms(source, translation)] + [
        Finding(
            CHECK,
            WARNING,
            word,
            "",
            f"原文の用語「{word}」に当たる語が訳文に見当たりません（訳されずに抜けたか、"
            "別の語に置き換わっている可能性があります）",
            f"The source term '{word}' has no counterpart in the translation (it may have "
            "been left out or replaced by another word)",
        )
        for word in lost_loanwords(source, translation)
    ]
