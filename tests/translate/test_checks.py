"""Consistency checks: figures that must carry over between source and translation."""

import pytest

from desk_assistant.tasks.translate import check_figures, check_segment
from desk_assistant.tasks.translate.figures import extract, kanji_to_int

# (source, a faithful translation): no findings either way.
FAITHFUL = [
    ("事業費は12億円とする。", "The project cost shall be 1.2 billion yen."),
    ("事業費は12億円とする。", "The project cost shall be JPY 1,200,000,000."),
    ("予算は1,200万円である。", "The budget is 12 million yen."),
    ("令和8年4月1日から施行する。", "This comes into force on April 1, 2026."),
    ("令和8年4月1日から施行する。", "This comes into force on 1 April 2026."),
    ("平成31年度予算", "FY2019 budget"),
    ("令和元年5月1日", "May 1, 2019"),
    ("第3条の規定による。", "Pursuant to Article 3."),
    ("第三十二条第２項", "Article 32, paragraph (2)"),
    ("第3条及び第4条", "Articles 3 and 4"),
    ("法律（平成１５年法律第５７号）第７７条第１項", "Act (Act No. 57 of 2003), Article 77(1)"),
    ("第1号", "item (i)"),
    (
        "参加者は30%増え、3件の報告があった。",
        "Participants rose by 30%, and three reports came in.",
    ),
    ("4月末までに提出", "Submit by the end of April"),
    ("The fee is 300 yen per document.", "手数料は1件につき300円です。"),
    ("It takes effect on April 1, 2026.", "令和8年4月1日から施行する。"),
    ("See Article 3.", "第3条を参照。"),
    ("The budget is 1.2 billion yen.", "予算は12億円である。"),
]

# (source, an unfaithful translation, the check that must fire)
UNFAITHFUL = [
    ("事業費は12億円とする。", "The project cost shall be 1 billion yen.", "amount"),
    ("事業費は12億円とする。", "The project cost shall be 12 billion yen.", "amount"),
    ("令和8年4月1日から施行する。", "This comes into force on April 1, 2025.", "date"),
    ("令和8年4月1日から施行する。", "This comes into force on March 1, 2026.", "date"),
    ("第3条の規定による。", "Pursuant to Article 4.", "article"),
    ("3件の報告", "reports", "number"),
    ("300円", "3,000 yen", "amount"),
]


@pytest.mark.parametrize("source,translation", FAITHFUL)
def test_faithful_translations_have_no_findings(source, translation):
    assert check_figures(source, translation) == []


@pytest.mark.parametrize("source,translation,check", UNFAITHFUL)
def test_changed_figures_are_found(source, translation, check):
    findings = check_figures(source, translation)
    missing = [f for f in findings if f.severity == "warning"]
    assert missing and missing[0].check == check
    assert missing[0].surface in source  # the finding names the source figure


def test_finding_message_names_the_amount_in_both_languages():
    [missing, added] = check_figures("事業費は12億円とする。", "The cost is 1 billion yen.")
    assert missing.surface == "12億円" and missing.expected == "1,200,000,000"
    assert "12億円" in missing.message("ja") and "12億円" in missing.message("en")
    assert added.severity == "info" and added.surface == "1 billion yen"


def test_full_width_and_circled_digits_count_as_numbers():
    assert check_figures("①手数料は３００円", "(1) The fee is 300 yen") == []


def test_square_metres_do_not_invent_a_number_two():
    assert [f.requires for f in extract("100㎡")] == [{("num", "1E+2")}]


def test_kanji_numerals():
    assert [kanji_to_int(t) for t in ("三十二", "百五", "二〇二六", "千二百", "元")] == [
        32,
        105,
        2026,
        1200,
        1,
    ]


def test_empty_or_copied_output_is_untranslated():
    assert check_segment("本文です。", "")[0].check == "untranslated"
    assert check_segment("本文です。", "本文です。")[0].check == "untranslated"
    left = check_segment("本文です。", "本文でした。", (), "ja", "en")
    assert [f.check for f in left] == ["untranslated"]
    assert check_segment("本文です。", "This is the text.", (), "ja", "en") == []
