"""False alarms of the translation checks on correct references of tune26 (session 14, a
tuning set: 11/64 at its first look, 3e2cfaa; two left: a grammar term glossed in English,
'irregular sa-row conjugation', and 經濟の與隆 of a 1947 record, read as a person 與).
Each rule is about a kind of wording, shown on sentences of our own; each test also shows
that the check still fires on a real fault of the kind."""

from __future__ import annotations

from desk_assistant.tasks.translate.fragments import broken_sentences

from .conftest import alarm_checks as _checks


def test_usual_english_of_labels():
    assert not _checks("最大収容人数", "Maximum capacity")
    assert not _checks("丸囲み数字の使い方", "How to use circled numbers")
    assert "meaning.title" in _checks("丸囲み数字の使い方", "How to use the list")


def test_usual_english_of_spoken_words():
    source = "当省の所管でないと思いますからこれ以上は追究しませんが、予算は足りません。"
    said = "I do not think it falls within our purview, so I will not pursue it further, "
    said += "but the budget is not enough."
    assert "omission.clause" not in _checks(source, said)
    said = "I do not think it is our matter, so that is all, but the budget is not enough."
    assert "omission.clause" in _checks(source, said)  # purview and pursuing, lost


def test_a_country_in_katakana_said_by_its_english_name():
    source = "イギリス提出法案の概要"
    assert not _checks(source, "Outline of the bill submitted in the United Kingdom")
    assert "meaning.loanword" in _checks(source, "Outline of the bill submitted")
    assert not _checks("西欧の文字", "Letters of Western Europe")


def test_an_aside_of_the_speaker():
    said = "This matter will, I think, be taken up at the next meeting."
    assert broken_sentences(said) == []
    assert broken_sentences("This matter will, be taken up at the next meeting.")


def test_an_instruction_after_an_opening_without_a_subject():
    said = "When writing a notice, have the reader in mind."
    assert broken_sentences(said) == []
    assert broken_sentences("When the notice, have been written.")


def test_a_budget_number_is_no_item():
    source = "令和六年度一般会計補正予算（第２号）に賛成します。"
    said = "I support the FY2024 General Account Supplementary Budget (No. 2)."
    assert "article" not in _checks(source, said)
    said = "I support the FY2024 General Account Supplementary Budget (No. 3)."
    assert "number" in _checks(source, said)
