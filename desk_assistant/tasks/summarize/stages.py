"""The fixed prompts of the map and collapse stages (the style only shapes the final reduce).

Map reads one chunk and writes neutral notes: facts, figures, dates and
decisions, each line a 「・」 bullet, under the chunk's section/page label.
Collapse merges notes when all of them together are still over the budget.
"""

from __future__ import annotations

from ...llm.prompts import TaskRequest

MAP_INSTRUCTION = (
    "次の文書の一部から、事実・数値・日付・決定事項を、原文の表現のまま「・」で始まる箇条書きで抜き出す。"
    "意見や推測は加えない。"
)
MAP_EXAMPLES = (
    (
        "【p.3 第2 工事の概要】\n市民会館の大ホールは、舞台設備の改修工事のため、令和8年4月1日から令和8年9月30日まで"
        "休館します。工事費は約3億円です。小ホール及び会議室は通常どおり利用できます。",
        "・大ホールは令和8年4月1日から令和8年9月30日まで休館\n・理由は舞台設備の改修工事\n"
        "・工事費は約3億円\n・小ホール及び会議室は通常どおり利用可",
    ),
)
COLLAPSE_INSTRUCTION = (
    "次の事実メモを、重複を除いて「・」で始まる箇条書きにまとめ直す。数値・日付・名称は原文のとおりに残し、"
    "新しい内容は加えない。"
)
COLLAPSE_EXAMPLES = (
    (
        "【p.3】\n・大ホールは令和8年4月1日から令和8年9月30日まで休館\n・工事費は約3億円\n"
        "【p.4】\n・休館は令和8年4月1日から9月30日まで\n・予約済みの催しには個別に連絡",
        "・大ホールは令和8年4月1日から令和8年9月30日まで休館（工事費約3億円）\n"
        "・予約済みの催しには個別に連絡",
    ),
)
NOTES_LABEL = ("事実メモ", "要約")


def map_request(label: str, text: str) -> TaskRequest:
    return TaskRequest(
        instruction=MAP_INSTRUCTION,
        text=f"【{label}】\n{text}",
        examples=MAP_EXAMPLES,
        input_label="文書の一部",
        output_label="事実メモ",
    )


def collapse_request(notes_text: str) -> TaskRequest:
    return TaskRequest(
        instruction=COLLAPSE_INSTRUCTION,
        text=notes_text,
        examples=COLLAPSE_EXAMPLES,
        input_label="事実メモ",
        output_label="まとめ",
    )
