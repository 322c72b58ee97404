"""False alarms of the translation checks on correct references of the tuning set tune18
(session 12, first look 10/73, tuned on). Each rule is about a kind of wording, shown on
sentences of our own; each test also shows that the check still fires on a real fault of
the kind."""

from __future__ import annotations

from desk_assistant.tasks.translate.fragments import broken_sentences
from desk_assistant.tasks.translate.names import check_proper_names
from desk_assistant.tasks.translate.polarity import check_polarity

from .conftest import alarm_checks as _checks


def test_a_one_word_aside_closes_with_its_own_comma():
    said = "It covers paper records and, conversely, electronic records."
    assert broken_sentences(said) == []
    # an aside that opens with a verb is still a cut
    assert broken_sentences("The court may, declare the contract void.") != []


def test_an_aside_of_time():
    said = "It is a situation in which, year after year, the number has not gone down."
    assert broken_sentences(said) == []
    assert broken_sentences("It is a situation in which, number has not gone down.") != []


def test_never_more_than_is_a_restriction():
    source = "これは練習でしかない。"
    assert not check_polarity(source, "This is never more than an exercise.", "ja", "en")
    assert not check_polarity(source, "This is no more than an exercise.", "ja", "en")
    found = check_polarity(source, "This is an exercise.", "ja", "en")
    assert [f.check for f in found] == ["meaning.restriction"]


def test_a_professional_corporation_is_no_title_and_certified_names_a_profession():
    source = "弁護士法人又は税理士法人であるもの"
    said = "one that is a legal professional corporation or a certified public tax accountant corporation"
    assert not _checks(source, said) & {"names.title", "meaning.approval"}
    assert "names.title" in _checks("弁護士が出席した。", "A member attended.")
    assert "meaning.approval" in _checks("業者であるもの", "one that is a certified contractor")


def test_a_foreign_name_in_katakana_is_said_in_its_own_spelling():
    assert not check_proper_names("サンフランシスコの路面電車", "the streetcars of San Francisco")
    found = check_proper_names("サンフランシスコの路面電車", "the streetcars of Los Angeles")
    assert [f.check for f in found] == ["names.place"]


def test_a_title_word_kept_in_romaji_is_said():
    assert "meaning.title" not in _checks("○○市指令第", "○○ City Shirei No.")
    assert "meaning.title" in _checks("○○市指令第", "○○ City No.")


def test_a_word_under_the_prefix_re_and_usual_english():
    source = "六箇月後に再申請すれば許可する。"
    assert not _checks(source, "Permission will be granted upon reapplication after six months.")
    source = "引き続き三年以上収益を得ないときは、その権利を放棄することができる。"
    said = "If no profit is earned for three or more consecutive years, that right may be waived."
    assert "omission.clause" not in _checks(source, said)
    assert not _checks("図 データ連携のイメージ", "Figure: Illustration of data linkage")
    assert "meaning.loanword" in _checks("図 データ連携のイメージ", "Figure: Data linkage")
    assert not _checks("言いよどみ", "Hesitation")


def test_usual_english_of_common_words_tune18b():
    # tune18b (session 12, first look 5/72, tuned on): words of labels said in a translator's way
    assert not _checks("国土情報の整備", "Development of national land information")
    assert not _checks("駅前の地下街", "The underground shopping mall in front of the station")
    assert not _checks("診療所併設の施設", "A facility with an attached clinic")
    assert not _checks("道路工事の施行者", "The person carrying out the road works")
    assert "meaning.title" in _checks("国土情報の整備", "Development of information")


def test_usual_english_of_common_words_tune19():
    # tune19 (session 12, first look 2/66, tuned on)
    assert not _checks("半角英数字", "Half-width alphanumerics")
    assert not _checks("全角文字", "Full-width characters")
    source = "この整理だと、その状態になるということですね。"
    said = "Under this framing, it would amount to being in that position, wouldn't it?"
    assert "omission.clause" not in _checks(source, said)
    assert "meaning.title" in _checks("半角英数字", "Alphanumerics")
