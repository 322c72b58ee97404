"""Warnings raised while reading a document or writing it back, in the UI language.

They reach the user beside the output file ("the footnote mark was kept where
it was"), so each is phrased in Japanese and English like the errors are.
"""

from __future__ import annotations

from ..i18n import tr


def unknown_location(location: str) -> str:
    return tr(
        f"{location}: 該当する段落がないため無視しました", f"{location}: no such paragraph; ignored"
    )


def no_editable_text() -> str:
    return tr(
        "編集できる文字がない段落のため、置き換えを無視しました",
        "the paragraph has no editable text; the replacement was ignored",
    )


def tags_lost() -> str:
    return tr(
        "書式の一部を復元できませんでした（書式タグが失われたため、文字を段落の最初の書式で"
        "書き込みました）",
        "part of the formatting could not be restored (formatting tags were lost; the text "
        "was put in the first run)",
    )


def tags_reordered() -> str:
    return tr(
        "タグの順序が変わっていたため、書式は原文の順に並べました",
        "tags were reordered; runs kept in document order",
    )


def group_missing(number: int) -> str:
    return tr(
        f"書式の一部を復元できませんでした（訳文の文字はすべて書き込み済み。書式 <g{number}> "
        "の範囲は空になりました）",
        f"part of the formatting could not be restored (all translated text was written; "
        f"the formatting <g{number}> is left empty)",
    )


def unknown_tag(tag: str) -> str:
    return tr(
        f"書式の一部を復元できませんでした（原文にない書式記号 {tag} を取り除きました）",
        f"part of the formatting could not be restored (the unknown mark {tag} was dropped)",
    )


def placeholders_missing(names: str) -> str:
    return tr(
        f"書式の一部を復元できませんでした（記号 {names} がないため、脚注番号・図などは元の位置に"
        "残しました）",
        f"placeholders missing ({names}); kept at their original place",
    )


def invalid_characters(count: int) -> str:
    return tr(
        f"文字として不正な文字コード {count} 個を「\ufffd」に置き換えました（記号フォントの文字など）",
        f'{count} invalid character code(s) were replaced with "\ufffd" (symbol-font characters and the like)',
    )
