"""False alarms of the translation checks on correct references of tune22 (session 13, first
look 10/64 after the fixes for heldout21, then tuned on). Each rule is about a kind of
wording, shown on sentences of our own; each test also shows that the check still fires on a
real fault of the kind."""

from __future__ import annotations

from desk_assistant.tasks.translate.fragments import echoed_verbs
from desk_assistant.tasks.translate.names import law_titles

from .conftest import alarm_checks as _checks


def test_a_label_with_beki_may_say_should():
    said = "Matters that should be improved"
    assert "meaning.label" not in _checks("改善を図るべき事項", said)
    assert "meaning.label" in _checks("改善を図った事項", said)


def test_paragraphs_through_a_paragraph():
    source = "第十条第二項から第四項までの規定は、前条の場合について準用する。"
    said = (
        "The provisions of Article 10 (2) through (4) apply mutatis mutandis to the case "
        "referred to in the preceding Article."
    )
    assert "article" not in _checks(source, said)
    assert "article" in _checks(source, said.replace("(4)", "(5)"))


def test_a_verb_said_of_two_things_is_no_echo():
    assert echoed_verbs("Words to be written in kanji may be written in kana.") == []
    assert echoed_verbs("The form is used to use it in the office.") != []


def test_a_sales_practice_is_no_law():
    assert law_titles("悪徳商法の被害が続いている。") == []
    assert law_titles("消費者契約法の改正が続いている。") == ["消費者契約法"]


def test_spiritual_sales_and_court_rulings():
    source = "既に霊感商法で多くの被害者を出し、判決も出ておりました。"
    said = (
        "Spiritual sales had already produced many victims, and rulings had also been handed down."
    )
    assert "omission.clause" not in _checks(source, said)
    assert "omission.clause" in _checks(source, "Many rulings had also been handed down.")


def test_usual_english_of_labels():
    assert not _checks("法令に準ずる規程", "Rules equivalent to laws")
    assert not _checks("敬体の文書", "Documents in polite style")
    assert not _checks("文を短くする", "Keeping sentences short")
    assert "meaning.added" in _checks("文を短くする", "Keeping sentences short and clear")
    said = "President Selection and Supervisory Council"
    assert "meaning.list_item" not in _checks("学長選考・監察会議", said)
    assert "meaning.list_item" in _checks("学長選考・監察会議", "President Selection Council")
