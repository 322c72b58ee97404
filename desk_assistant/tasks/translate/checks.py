"""Consistency checks between a source segment and its translation.

Each mismatch becomes a `Finding` attached to the segment. Findings are shown
to the user beside the translation; nothing here changes the translation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .figures import Figure, added, extract, provided
from .finding import ERROR, INFO, WARNING, Finding
from .glossary import Glossary, GlossaryEntry

KIND_NAMES = {
    "number": ("数値", "number"),
    "amount": ("金額", "amount"),
    "date": ("日付", "date"),
    "article": ("条項番号", "article reference"),
}


def missing_figure(figure: Figure) -> Finding:
    ja_kind, en_kind = KIND_NAMES[figure.kind]
    return Finding(
        figure.kind,
        WARNING,
        figure.surface,
        figure.value,
        f"原文の{ja_kind}「{figure.surface}」（{figure.value}）が訳文に見当たりません",
        f"The source {en_kind} '{figure.surface}' ({figure.value}) is not in the translation",
    )


def added_figure(figure: Figure) -> Finding:
    ja_kind, en_kind = KIND_NAMES[figure.kind]
    return Finding(
        figure.kind,
        INFO,
        figure.surface,
        figure.value,
        f"訳文の{ja_kind}「{figure.surface}」は原文にありません",
        f"The translation has the {en_kind} '{figure.surface}', which is not in the source",
    )


def invented_figure(figure: Figure) -> Finding:
    ja_kind, en_kind = KIND_NAMES[figure.kind]
    return Finding(
        "figure.added",
        WARNING,
        figure.surface,
        figure.value,
        f"訳文の{ja_kind}「{figure.surface}」は原文にありません（原文にない内容が加わった可能性があります）",
        f"The translation has the {en_kind} '{figure.surface}', which is not in the source "
        "(it may contain invented content)",
    )


# A heading that is an article's (chapter's, section's) reference and its caption alone:
# 第 10 条（権利の帰属・利用）, 第三章 総則. English may number it as a heading, the number
# first and the unit's word left to the layout: "10. (Rights of ownership and use)".
_UNIT_HEADING = re.compile(
    r"\s*第\s*[\d〇一二三四五六七八九十百千]+\s*[条章節款編](?:\s*の\s*[\d〇一二三四五六七八九十百]+)?"
    r"\s*(?:[(（][^()（）。]*[)）]|[^()（）。、]{0,30})\s*"
)
_NUMBERED_HEADING_EN = re.compile(r"\s*(?P<n>\d+(?:-\d+)?)(?:[.):]|\s|$)")


def _numbered_as_heading(figure: Figure, source: str, translation: str) -> bool:
    """The source is a unit's heading alone, and its English starts with the unit's number
    (10., 10-2): the article is kept in the heading's place. In running text (第10条の規定
    により) the word "Article" is the reference and must be there."""
    text = unicodedata.normalize("NFKC", source)
    english = _NUMBERED_HEADING_EN.match(unicodedata.normalize("NFKC", translation))
    if (
        not english
        or not _UNIT_HEADING.fullmatch(text)
        or figure.start != len(text) - len(text.lstrip())
    ):
        return False
    return {ref for _, ref in figure.requires} == {english.group("n")}


def check_figures(source: str, translation: str) -> list[Finding]:
    """Numbers, amounts, dates and article references that do not carry over, both ways.
    A figure the source lacks is a warning when it is invented (部 → "No. 1028"); beside a
    source figure that went missing it is the changed value, told once as missing."""
    source_figures, target_figures = extract(source), extract(translation)
    in_target = provided(target_figures)
    findings = [
        missing_figure(f)
        for f in source_figures
        if f.requires
        and not f.requires <= in_target
        and not (f.kind == "article" and _numbered_as_heading(f, source, translation))
    ]
    extra = added(source, translation)
    report = added_figure if findings else invented_figure
    return findings + [report(f) for f in extra]


def missing_term(entry: GlossaryEntry) -> Finding:
    return Finding(
        "glossary",
        WARNING,
        entry.source,
        entry.target,
        f"用語集の訳語「{entry.target}」（原語「{entry.source}」）が訳文にありません",
        f"The glossary term '{entry.target}' (for '{entry.source}') is not in the translation",
    )


_PARAGRAPH_NUMBER = re.compile(r"^\s*([0-9]+)[\s.)]")


def check_paragraph_number(source: str, translation: str) -> list[Finding]:
    """「２ 委員の任期は…」: the paragraph number the line starts with stays the same."""
    numbered = _PARAGRAPH_NUMBER.match(unicodedata.normalize("NFKC", source))
    if numbered is None:
        return []
    number = numbered.group(1)
    if re.match(rf"^\W*(?:paragraph\s+|para\.\s*|\()?{number}\b", translation.strip(), re.I):
        return []
    return [
        Finding(
            "number",
            WARNING,
            number,
            number,
            f"原文の項番号「{number}」が訳文の先頭にありません",
            f"The paragraph number '{number}' of the source does not start the translation",
        )
    ]


def check_glossary(hits: Sequence[GlossaryEntry], translation: str) -> list[Finding]:
    return [missing_term(e) for e in hits if not Glossary.target_present(e, translation)]


def untranslated(source: str, translation: str) -> list[Finding]:
    if not translation.strip():
        return [
            Finding(
                "untranslated",
                WARNING,
                source[:40],
                "",
                "訳文が空のため、原文のまま残しました",
                "The translation came back empty; the source text was kept",
            )
        ]
    if translation.strip() == source.strip():
        return [
            Finding(
                "untranslated",
                WARNING,
                source[:40],
                "",
                "訳文が原文と同じです（翻訳されていません）",
                "The translation is the same as the source (not translated)",
            )
        ]
    return []


def check_cut_copy(source: str, translation: str) -> list[Finding]:
    rest = cut_copy_rest(source, translation)
    if not rest:
        return []
    return [
        Finding(
            "untranslated",
            WARNING,
            rest[:40],
            "",
            f"訳文は原文の一部をそのまま写しただけで、「{rest[:20]}」が訳されていません",
            f"The translation only copies part of the source; '{rest[:20]}' was not translated",
        )
    ]


_JAPANESE_WORD = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff々]{2,}")


def cut_copy_rest(source: str, translation: str) -> str:
    """IMIツール → "IMI", 43A_コアデータモデル解説書_建物 → "43A_": the translation is a piece
    of the source copied as it stands (its Latin letters or figures), and the Japanese words
    of the rest are gone. Not when the kept piece is the source's own English, in brackets
    (効率性（Efficiency）→ "Efficiency") or of two words or more. Returns the lost Japanese,
    or ""."""
    text = unicodedata.normalize("NFKC", source).strip()
    kept = unicodedata.normalize("NFKC", translation).strip()
    if not kept or kept == text or kept not in text or _JAPANESE_WORD.search(kept):
        return ""
    bare = kept.strip("()（）[]「」 ")
    if bare and re.search(rf"[(（]\s*{re.escape(bare)}\s*[)）]", text):
        return ""
    if len(re.findall(r"[A-Za-z]{2,}", kept)) >= 2:
        return ""  # 政府相互運用性フレームワークGIF：Government Interoperability Framework
    lost = _JAPANESE_WORD.findall(text.replace(kept, " ", 1))
    return "、".join(lost)


def too_long(source: str) -> Finding:
    return Finding(
        "too_long",
        WARNING,
        source[:40],
        "",
        "文が長すぎてモデルのコンテキストに入らないため、原文のまま残しました",
        "The segment is too long for the model's context window; the source text was kept",
    )


def tags_repaired(notes_ja: str, notes_en: str) -> Finding:
    """Formatting only: the translated words are all there (content loss has its own checks)."""
    return Finding(
        "tags",
        INFO,
        "",
        "",
        f"書式の一部を復元できませんでした（訳文の内容はそのままです）: {notes_ja}",
        f"Part of the formatting could not be restored (the translated text is intact): {notes_en}",
    )


def still_in_source_language(translation: str, source_lang: str, target_lang: str) -> bool:
    """Most letters of the translation are in the source's script (ja → en left in Japanese)."""
    from .languages import script_letters, script_of

    if not source_lang or not target_lang or script_of(source_lang) == script_of(target_lang):
        return False  # one script (en → fr, ja → zh): cannot tell by script
    in_source, in_target = (
        script_letters(translation, source_lang),
        script_letters(translation, target_lang),
    )
    return in_source > in_target


def kept_source(reasons: Sequence[Finding]) -> Finding:
    """The segment failed a hard check twice: the source text stays, marked."""
    what_ja = "、".join(dict.fromkeys(f.message_ja for f in reasons))[:200]
    what_en = "; ".join(dict.fromkeys(f.message_en for f in reasons))[:300]
    return Finding(
        "kept_source",
        ERROR,
        "",
        "",
        f"再翻訳しても問題が解消しなかったため、この部分は原文のまま残しました（要翻訳）: {what_ja}",
        f"Retrying did not fix the translation, so this part keeps the source text "
        f"(translate it by hand): {what_en}",
    )


def check_segment(
    source: str,
    translation: str,
    hits: Sequence[GlossaryEntry] = (),
    source_lang: str = "",
    target_lang: str = "",
) -> list[Finding]:
    """All content checks for one segment (plain texts, tags already removed)."""
    from ...retrieval.kyujitai import shinjitai
    from .added import check_added
    from .clauses import check_clauses, check_title
    from .degeneration import check_degeneration
    from .listitems import check_list_items
    from .loanwords import check_loanwords
    from .names import check_names
    from .omission import check_omission
    from .polarity import check_polarity
    from .prompting import EXAMPLES
    from .statement import check_statement
    from .tiers import tiered

    found = untranslated(source, translation)
    if found:
        return found
    found += check_cut_copy(source, translation)  # IMIツール → "IMI"
    if still_in_source_language(translation, source_lang, target_lang):
        found.append(
            Finding(
                "untranslated",
                ERROR,
                translation[:40],
                "",
                "訳文の大部分が原文の言語のままです",
                "Most of the translation is still in the source language",
            )
        )
    found += check_degeneration(
        source, translation, target_lang, EXAMPLES.get((source_lang, target_lang), ())
    )
    if any(f.check == "untranslated" for f in found):
        found = [f for f in found if f.check != "degeneration.language"]
    written = source  # person names keep their old forms (渡邊, 小澤, 堂薗): Sudachi knows them
    if source_lang == "ja":
        # Pre-1949 Diet records write 國會, 勞働, 委員會: the word lists know the new forms.
        source = shinjitai(source)
    found += check_omission(source, translation, source_lang, target_lang)
    if not any(f.check.startswith("omission.") for f in found):
        found += check_clauses(source, translation, source_lang, target_lang)
        found += check_title(source, translation, source_lang, target_lang)
    found += check_names(
        source, translation, source_lang, target_lang, [h.source for h in hits], written
    )
    if not any(f.check == "omission.too_long" for f in found):  # grown: told once
        found += check_added(source, translation, source_lang, target_lang)
    found += check_paragraph_number(source, translation)
    # Words whose loss the length and clause checks cannot see in a short or fluent
    # output: a loanword term, an item of a ・ list, a negation or a restriction, a
    # statement turned into an order.
    found += check_loanwords(source, translation, source_lang, target_lang)
    found += check_list_items(source, translation, source_lang, target_lang)
    found += check_polarity(source, translation, source_lang, target_lang)
    found += check_statement(source, translation, source_lang, target_lang)
    found += check_figures(source, translation) + check_glossary(hits, translation)
    # A finding on one weak signal alone (a dictionary word without its English, a name the
    # source does not spell) is told as worth a look unless a second signal agrees.
    return tiered(found, source, translation, source_lang, target_lang)
