"""Dropped clauses, second pass (i12clause): counts written in kanji are anchors, and a run
of missing anchors across clause boundaries is a lost chunk. Real law sentences
(/work/shared/laws, e-Gov XML) that no bench split uses, with hand translations."""

from __future__ import annotations

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.clauses import count_anchors, dropped_clauses, english_numbers

# 民法 (m29_089_minpo.xml): a time limit in kanji figures, inside a clause that keeps the rest.
LOST = (
    "遺失物は、遺失物法（平成十八年法律第七十三号）の定めるところに従い公告をした後三箇月以内に"
    "その所有者が判明しないときは、これを拾得した者がその所有権を取得する。"
)
LOST_FULL = (
    "If the owner of a lost article is not identified within three months after public notice "
    "is given under the Lost Property Act (Act No. 73 of 2006), the person who found it "
    "acquires ownership of it."
)

# A Diet speech of the organisation references' tune split (bench/data): the English chunk
# lost spans two Japanese clauses, each keeping a word, so no single clause looks dropped.
POLICE = "そこでは、米軍人による犯罪やその可能性が高い事件を認知した場合は、警察庁に速報すること、直ちに報告すること、報道機関の取材などは、警察庁と協議の上、対応することを求めております。"
POLICE_FULL = "It requires that, when a crime by U.S. military personnel or a case highly likely to be one becomes known, it be reported promptly and immediately to the National Police Agency, and that press inquiries be handled after consulting the National Police Agency."
POLICE_CUT = (
    "It requires that, when a crime by U.S. military personnel or a case highly likely to be "
    "one becomes known, and that press inquiries be handled after consulting the National "
    "Police Agency."
)


def test_kanji_counts_are_anchors_but_dates_and_era_years_are_not():
    found = [
        a.surface
        for a in count_anchors(
            "三箇月以内に、二年以下の懲役、平成十年度、令和六年一月一日、毎日一回、六十日"
        )
    ]
    assert found == ["三箇月", "二年", "六十日"]


def test_english_numbers_reads_words_and_digits():
    values = english_numbers(
        "within sixty days, twenty-one members, 1,000 yen, 131 million yen, twice"
    )
    assert {60, 21, 1000, 131_000_000, 2} <= values
    assert 1021 not in values  # "twenty-one, 1,000" are two figures


def test_a_lost_time_limit_in_kanji_figures_is_a_finding():
    cut = LOST_FULL.replace("within three months ", "")
    assert dropped_clauses(LOST, cut)
    assert any(f.check == "omission.clause" for f in check_segment(LOST, cut, (), "ja", "en"))
    assert not dropped_clauses(LOST, LOST_FULL)
    assert not dropped_clauses(LOST, LOST_FULL.replace("three months", "3 months"))


def test_a_chunk_lost_across_clauses_is_a_finding():
    assert not dropped_clauses(POLICE, POLICE_FULL)
    assert dropped_clauses(POLICE, POLICE_CUT)
