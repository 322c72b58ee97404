"""Omission: a translation that lost a sentence, a clause or the end of a paragraph.

Three signals, all pure functions of source and translation:
- length ratio (letters and digits of the translation per letter of the source)
  outside the band measured for the language pair; far below it is a hard failure;
- fewer sentences than the source while also short (a sentence with no counterpart);
- a source that ends its sentence and a translation that stops mid-sentence.

The bands were calibrated on real pairs: the corpus's MLETR 対照表 (pdf09,
English original with the Ministry of Justice's Japanese) and the reference
translations in bench/data/trust_references.json (tuning half only); see
bench/trust_eval.py for the figures.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .finding import ERROR, WARNING, Finding

MIN_SOURCE_CHARS = 16  # shorter segments (headings, labels) vary too much to judge by length
MAX_LABEL_CHARS = 4  # 幹事, 目次, 要旨: a label; two English words a character is plenty


@dataclass(frozen=True)
class Band:
    """Expected len(translation) / len(source), in content characters."""

    hard_low: float  # below: content is lost for sure (error, retried)
    low: float  # below: probably lost (warning)
    high: float  # above: probably invented or repeated (warning)
    hard_high: float  # above: runaway output (error, retried)
    mid: float  # typical ratio


# ja → en: English needs about 2.7 letters per Japanese character; tuning references
# 1.8–4.8 (names and titles run long: 竹林俊憲 → Toshinori Takebayashi).
_JA_EN = Band(hard_low=0.9, low=1.3, high=5.5, hard_high=8.0, mid=2.7)
BANDS: dict[tuple[str, str], Band] = {
    ("ja", "en"): _JA_EN,
    ("en", "ja"): Band(
        hard_low=1 / _JA_EN.hard_high,
        low=1 / _JA_EN.high,
        high=1 / _JA_EN.low,
        hard_high=1 / _JA_EN.hard_low,
        mid=1 / _JA_EN.mid,
    ),
}

_CONTENT = re.compile(r"[^\W_]")
# 。 inside brackets (（以下「審議会」という。）) does not end the sentence.
_JA_SENTENCE = re.compile(r"[。！？](?![」』）)])(?=.)", re.S)
_EN_SENTENCE = re.compile(
    r"(?<!\bNo)(?<!\bArt)(?<!\bi\.e)(?<!\be\.g)(?<!\bMr)(?<!\bMs)[.!?](?=\s+\S)"
)
_ENDS_SENTENCE_JA = re.compile(r"[。．！？]\s*[」』）)]?\s*$")
_ENDS_SENTENCE_ANY = re.compile(r"[.!?。．！？][)）\]」』\"'”’]*\s*$")
# 次の各号の意味で使用する。 → "… in the following meanings:": a sentence that announces
# what follows (次の, 以下の, 下記の, 次のとおり) ends in English with a colon.
# Not 以下 after a figure or a unit (十万円以下の罰金: "up to"), which announces nothing.
_ANNOUNCES_JA = re.compile(
    r"(?:次|(?<![\d〇一二三四五六七八九十百千万億円年月日人件個倍歳])以下|下記|左記)"
    r"(?:の|に|のとおり|の通り)"
)
_ENDS_WITH_COLON = re.compile(r"[:：]\s*$")
# …作業（…を除き、…の作業に限る。）: the 。 closes the aside in brackets, not the segment,
# which is a noun phrase (a law's item). Its English ends with the aside's closing bracket.
_ENDS_IN_ASIDE_JA = re.compile(r"[。．]\s*[）)]\s*$")
# The aside may hold brackets of its own: "(meaning … in paragraph (3), item (ii) of …)".
_ASIDE_EN = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)\s*$")
MIN_ASIDE_WORDS = 3  # "(excluding … work)", not an item number "(ii)" or "(1)"


def content_length(text: str) -> int:
    """Letters and digits (any script); spaces, punctuation and tags do not count."""
    return len(_CONTENT.findall(unicodedata.normalize("NFKC", text)))


def sentence_count(text: str, lang: str) -> int:
    text = text.strip()
    if not text:
        return 0
    pattern = _JA_SENTENCE if lang in ("ja", "zh") else _EN_SENTENCE
    return 1 + len(pattern.findall(text))


_ASCII_CONTENT = re.compile(r"[A-Za-z0-9]")
CJK_LANGS = ("ja", "zh", "ko")

# Spoken, deferential Japanese (Diet answers, council minutes) says in many characters what
# English says in a word or not at all: …ということでございます "…", 承知をいたしました
# "became aware", …というふうに受け止めた "took it to mean". Such forms are counted at the
# length of their plain equivalent, so a faithful interpreter's English is not "short".
_SPOKEN_PADDING = (
    (re.compile(r"ということで(?:ございます|あります|す)|わけで(?:ございます|あります)"), ""),
    # …が分かれるところである "views differ": the written form of the same ending.
    (re.compile(r"ところで(?:ございます|あります|す|ある)"), ""),
    (re.compile(r"というふうに|というように"), "と"),
    (re.compile(r"につきまして"), "について"),
    (re.compile(r"を?いたし(?:まし|ます|まして)"), "し"),
    (re.compile(r"させていただ(?:きます|きました|きたい|いて|き|く)"), "する"),
    (re.compile(r"(?<=[てで])おり(?:ます|まして|ました)"), "いる"),
    (re.compile(r"で(?:ございます|ございまして)|でありまして"), "で"),
    (re.compile(r"ございます|ございまして"), "ある"),
    # …したらよろしゅうございましょうか "how should I …?" (old kana ゆう, よう written large)
    (re.compile(r"(?:たら|れば)?よろし[ゆゅ]うございま(?:しょう|しよう)か"), "か"),
    (re.compile(r"ございま(?:しょう|しよう)"), "あろう"),
    # a chair's よろしいでしょうか "all right?", "may we …?"
    (re.compile(r"よろしいでしょうか"), "いいか"),
    (re.compile(r"どういうふうに|どういうように"), "どう"),
)


def _plain_length(text: str) -> int:
    """content_length of Japanese with its spoken padding counted as the plain form."""
    for pattern, plain in _SPOKEN_PADDING:
        text = pattern.sub(plain, text)
    return content_length(text)


def length_ratio(
    source: str, translation: str, source_lang: str = "ja", target_lang: str = "en"
) -> float | None:
    """len(translation) / len(source) in content characters. Latin letters and digits
    of the CJK side (URLs, codes, figures) carry over one for one, so they are taken
    out of both sides: only the words that are translated are compared."""
    cjk_side = source if source_lang in CJK_LANGS else translation
    if (source_lang in CJK_LANGS) == (target_lang in CJK_LANGS):
        carried, kana, letters = 0, 0, 0
    else:
        carried = len(_ASCII_CONTENT.findall(unicodedata.normalize("NFKC", cjk_side)))
        kana, letters = _spelled(cjk_side)  # ティービーケー is TBK, carried over too
    if source_lang not in CJK_LANGS:
        kana, letters = letters, kana
    source_length = _plain_length(source) if source_lang == "ja" else content_length(source)
    length = source_length - carried - kana
    translated = max(0, content_length(translation) - carried - letters)
    if target_lang == "ja":
        translated = max(0, _plain_length(translation) - carried - letters)
    return translated / length if length > 0 else None


def _spelled(cjk_text: str) -> tuple[int, int]:
    """Katakana that spells Latin letters (ティービーケー, 7) and the letters (TBK, 3): carried
    over like Latin, not translated."""
    from .spelled import spelled_letters

    found = spelled_letters(cjk_text)
    return sum(len(k.replace("・", "")) for k, _ in found), sum(len(x) for _, x in found)


def translated_length(source: str, source_lang: str, target_lang: str) -> int:
    """Content characters of the source that need translating (carried Latin excluded, and
    Latin letters spelled in katakana)."""
    if source_lang in CJK_LANGS and target_lang not in CJK_LANGS:
        return (
            content_length(source)
            - len(_ASCII_CONTENT.findall(unicodedata.normalize("NFKC", source)))
            - _spelled(source)[0]
        )
    return content_length(source)


def check_omission(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    band = BANDS.get((source_lang, target_lang))
    if band is None or not translation.strip():
        return []
    findings: list[Finding] = []
    ratio = length_ratio(source, translation, source_lang, target_lang)
    long_enough = translated_length(source, source_lang, target_lang) >= MIN_SOURCE_CHARS
    if ratio is not None and long_enough:
        percent = round(100 * ratio / band.mid)
        if ratio < band.low:
            findings.append(
                Finding(
                    "omission.length",
                    ERROR if ratio < band.hard_low else WARNING,
                    translation[:40],
                    f"{ratio:.2f}",
                    f"訳文が原文に比べて短すぎます（通常の約{percent}%）。文や語句が訳されずに"
                    "抜けている可能性があります",
                    f"The translation is much shorter than the source (about {percent}% of the "
                    "usual length); a sentence or phrase may be missing",
                )
            )
        elif ratio > band.high:
            findings.append(
                Finding(
                    "omission.too_long",
                    ERROR if ratio > band.hard_high else WARNING,
                    translation[:40],
                    f"{ratio:.2f}",
                    f"訳文が原文に比べて長すぎます（通常の約{percent}%）。原文にない文が"
                    "加わっている可能性があります",
                    f"The translation is much longer than the source (about {percent}% of the "
                    "usual length); it may contain text that is not in the source",
                    # Long, not runaway, with nothing else wrong: a translator who spells out
                    # a term of art (表外漢字字体表 → "… Kanji Outside the Joyo Kanji Table").
                    # On the fresh real runs of sessions 6-10 it never caught a loss alone.
                    weak=ratio <= band.hard_high,
                )
            )
    label = translated_length(source, source_lang, target_lang)
    words = len(re.findall(r"[A-Za-z]+", translation))
    pure_label = not _ASCII_CONTENT.search(unicodedata.normalize("NFKC", source))
    if (
        source_lang in CJK_LANGS
        and pure_label
        and 0 < label <= MAX_LABEL_CHARS
        and words > 2 * label + 4
    ):
        # 幹事 → "The date of the next meeting of the board.": a label grown into a sentence.
        findings.append(
            Finding(
                "omission.too_long",
                WARNING,
                translation[:40],
                f"{words}",
                f"短い語句「{source.strip()[:10]}」の訳が{words}語の文になっています。"
                "原文にない文が加わっている可能性があります",
                f"The short label '{source.strip()[:10]}' became a {words}-word text; "
                "it may contain text that is not in the source",
            )
        )
    source_sentences = sentence_count(source, source_lang)
    target_sentences = sentence_count(translation, target_lang)
    if (
        long_enough
        and source_sentences >= 2
        and target_sentences < source_sentences
        and ratio is not None
        and ratio < band.mid * 0.8
        and not findings
    ):
        findings.append(
            Finding(
                "omission.sentence",
                WARNING,
                translation[:40],
                f"{source_sentences}/{target_sentences}",
                f"原文は{source_sentences}文ですが、訳文は{target_sentences}文で短くなっています。"
                "訳されていない文がある可能性があります",
                f"The source has {source_sentences} sentences but the translation only "
                f"{target_sentences}, and it is short; a sentence may not have been translated",
            )
        )
    if (
        source_lang in ("ja", "zh")
        and _ENDS_SENTENCE_JA.search(source)
        and content_length(source) >= 8
        and not _ENDS_SENTENCE_ANY.search(translation)
        and not _ends_as_the_source(source, translation)
    ):
        findings.append(
            Finding(
                "omission.truncated",
                WARNING,
                translation[-40:],
                "",
                "訳文が文の途中で終わっています（末尾が欠けている可能性があります）",
                "The translation stops in mid-sentence; its end may be missing",
            )
        )
    return findings


def _ends_as_the_source(source: str, translation: str) -> bool:
    """A translation with no final period that still ends where the source ends: with a
    colon after a sentence that announces what follows, or with the closing bracket of an
    aside of words after a source whose 。 is inside its final brackets."""
    source = unicodedata.normalize("NFKC", source)
    if _ENDS_WITH_COLON.search(translation) and _ANNOUNCES_JA.search(source):
        return True
    aside = _ASIDE_EN.search(unicodedata.normalize("NFKC", translation))
    return bool(
        _ENDS_IN_ASIDE_JA.search(source)
        and aside
        and len(re.findall(r"[A-Za-z]+", aside.group(1))) >= MIN_ASIDE_WORDS
    )
