"""Which language a text is in, from its scripts (no model, no dictionary).

Good enough to pick the source language of a government document and to skip
segments with nothing to translate (a bare number, a URL, an English product
name inside a Japanese document).
"""

from __future__ import annotations

import re
import unicodedata

from ...errors import LanguageNotSupportedError, SameLanguageError, UnknownLanguageError
from ...llm.prompts import LANGUAGE_NAMES

_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Frequent Chinese function characters, rare in Japanese (simplified forms never used there).
_ZH_MARKS = re.compile(r"[的了是这们么吗呢说还没对个为与于们从让给把被]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_VIET = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
_WORD = re.compile(r"[a-zà-ÿ]+", re.I)
STOPWORDS = {
    "en": {"the", "and", "of", "to", "is", "in", "for", "shall", "be", "with", "this"},
    "fr": {"le", "la", "les", "des", "et", "est", "du", "une", "pour", "dans"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "für", "von", "zu"},
    "es": {"el", "los", "las", "que", "y", "es", "del", "por", "para", "una"},
    "it": {"il", "gli", "che", "e", "di", "della", "per", "una", "sono", "non"},
    "pt": {"o", "os", "que", "e", "do", "da", "não", "uma", "para", "com"},
    "id": {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "tidak", "akan"},
}


def check_language(code: str) -> str:
    """A language code we can name in a prompt ("ja", "en", "zh" …)."""
    code = (code or "").strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGE_NAMES:
        raise UnknownLanguageError(code=code, known=" ".join(LANGUAGE_NAMES))
    return code


def check_pair(source: str, target: str, model_languages=None, model_name: str = "") -> None:
    if source == target:
        raise SameLanguageError(lang=source)
    if model_languages:
        for code in (source, target):
            if code not in model_languages:
                raise LanguageNotSupportedError(
                    lang=code, model=model_name, supported=" ".join(model_languages)
                )


def script_counts(text: str) -> dict[str, int]:
    text = unicodedata.normalize("NFKC", text)
    return {
        "kana": len(_KANA.findall(text)),
        "han": len(_HAN.findall(text)),
        "hangul": len(_HANGUL.findall(text)),
        "latin": len(_LATIN.findall(text)),
        "cyrillic": len(_CYRILLIC.findall(text)),
        "thai": len(_THAI.findall(text)),
    }


def detect_language(text: str, default: str = "ja") -> str:
    """The main language of `text` as an ISO 639-1 code; `default` when there are no letters."""
    counts = script_counts(text)
    if not any(counts.values()):
        return default
    cjk = counts["kana"] + counts["han"]
    scripts = {k: v for k, v in counts.items() if k not in ("kana", "han")} | {"cjk": cjk}
    best = max(scripts, key=lambda k: scripts[k])
    if best == "cjk":
        # Japanese writes kana between its kanji; Chinese has (almost) none. A Japanese
        # name list (竹林 俊憲 …) has no kana either: Chinese prose is told by its
        # function characters (的 了 是 这 …), which such a list lacks.
        if counts["kana"] >= max(1, cjk // 20):
            return "ja"
        marks = len(_ZH_MARKS.findall(text))
        return "zh" if marks * 40 >= counts["han"] and marks >= 2 else "ja"
    if best == "hangul":
        return "ko"
    if best == "cyrillic":
        return "ru"
    if best == "thai":
        return "th"
    if _VIET.search(text):
        return "vi"
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {lang: sum(w in stop for w in words) for lang, stop in STOPWORDS.items()}
    lang = max(scores, key=lambda k: scores[k])
    return lang if scores[lang] > scores["en"] else "en"


def script_of(lang: str) -> str:
    return {"ja": "cjk", "zh": "cjk", "ko": "hangul", "ru": "cyrillic", "th": "thai"}.get(
        lang, "latin"
    )


def script_letters(text: str, lang: str) -> int:
    """How many letters of `text` are in `lang`'s script."""
    counts = script_counts(text)
    scripts = {
        "ja": counts["kana"] + counts["han"],
        "zh": counts["han"],
        "ko": counts["hangul"],
        "ru": counts["cyrillic"],
        "th": counts["thai"],
    }
    return scripts.get(lang, counts["latin"])


def has_text_in(text: str, lang: str) -> bool:
    """Whether `text` holds any letters of `lang`'s script, i.e. something to translate."""
    counts = script_counts(text)
    if lang == "ja":
        return counts["kana"] + counts["han"] > 0
    if lang == "zh":
        return counts["han"] > 0
    if lang == "ko":
        return counts["hangul"] > 0
    if lang == "ru":
        return counts["cyrillic"] > 0
    if lang == "th":
        return counts["thai"] > 0
    return counts["latin"] > 0 and not _only_code(text)


def _only_code(text: str) -> bool:
    """URLs, e-mail addresses and file names are not prose."""
    stripped = re.sub(r"(https?://\S+|\S+@\S+\.\S+|\S+\.(?:pdf|docx?|xlsx?|csv|html?))", "", text)
    return not _LATIN.search(stripped)
