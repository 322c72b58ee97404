"""Grounding: numbers, dates and names of a summary must be in the source."""

import pytest

from desk_assistant.documents import load
from desk_assistant.tasks.summarize import check_grounding
from desk_assistant.tasks.summarize.numbers import kanji_to_int, normalize

NOTICE = (
    "市民会館の大ホールは、舞台設備の改修工事のため、令和８年４月１日から令和８年９月３０日まで休館します。"
    "工事費は約３億円です。「市民会館条例」第１２条に基づき、個人情報の保護に関する法律を遵守します。"
)


def surfaces(units, source=NOTICE, language="ja"):
    return [f.surface for f in check_grounding(units, source, language)]


def test_a_summary_with_only_source_figures_is_clean_in_any_notation():
    units = [
        "・大ホールは令和8年4月1日から9月30日まで休館",  # 半角 vs 全角, year left out
        "・休館は2026年4月1日から",  # era year as the western year
        "・工事費は約300,000,000円",  # 3億 as a plain number
        "・「市民会館条例」第十二条に基づく",  # 漢数字 article number
        "・個人情報の保護に関する法律を遵守",
    ]
    assert surfaces(units) == []


def test_numbers_dates_and_names_absent_from_the_source_are_flagged_per_line():
    findings = check_grounding(
        [
            "・工事費は約4億円",
            "・10月1日に再開",
            "・「文化振興条例」による",
            "・新船荷証券法を制定",
        ],
        NOTICE,
    )
    assert [(f.kind, f.surface, f.unit) for f in findings] == [
        ("number", "4億", 0),
        ("date", "10月1日", 1),
        ("term", "文化振興条例", 2),
        ("term", "新船荷証券法", 3),
    ]
    assert "原文に見当たりません" in findings[0].message()


def test_ordinary_words_are_not_taken_for_numbers_or_laws():
    assert surfaces(["・一般に一部を統一し、万一に備えて十分な方法を検討する"]) == []
    assert normalize("一部の第三条") == "一部の第3条"


@pytest.mark.parametrize(
    ("kanji", "value"),
    [("二十四", 24), ("百三十四", 134), ("一二", 12), ("三〇五", 305), ("三億五千万", 350_000_000)],
)
def test_kanji_numerals(kanji, value):
    assert kanji_to_int(kanji) == value


def test_english_summary_is_checked_against_the_japanese_source():
    clean = ["- Closed from April 1, 2026 to September 30; cost about 300 million yen."]
    assert surfaces(clean, language="en") == []
    wrong = ["- Closed from May 1, 2026; cost 500 million yen under the NHK rules."]
    assert surfaces(wrong, language="en") == ["May 1, 2026", "500 million", "NHK"]


def test_a_real_law_pdf_with_kanji_dates_grounds_its_own_facts(corpus_copy):
    source = load(corpus_copy("pdf10_moj_hoseishingikai_rei_seirei.pdf")).plain_text()
    ok = ["・法制審議会令は昭和24年5月31日の政令第134号", "・委員は20人以内で、任期は2年"]
    assert surfaces(ok, source) == []
    assert surfaces(["・委員は25人以内"], source) == ["25"]
