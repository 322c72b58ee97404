"""False alarms of the translation checks on correct references of tune23 (session 13, first
look 5/64 after the fixes for heldout22, then tuned on). Each rule is about a kind of wording,
shown on sentences of our own; each test also shows that the check still fires on a real
fault of the kind."""

from __future__ import annotations

from desk_assistant.tasks.translate.names import check_proper_names
from desk_assistant.tasks.translate.organisations import check_added_bodies

from .conftest import alarm_checks as _checks


def test_a_police_box_is_police():
    said = "Report it to the nearest police box."
    assert not check_added_bodies("最寄りの交番に届け出る。", said)
    assert check_added_bodies("最寄りの窓口に届け出る。", said)


def test_a_place_inside_a_listed_company_name():
    assert not check_proper_names("委員（東京海上日動）", "Member (Tokio Marine & Nichido)")
    found = check_proper_names("東京都の委員", "A member for Osaka")
    assert [f.check for f in found] == ["names.place"]


def test_character_encoding_and_foreign_trade():
    assert not _checks("文字コードの指定", "Specifying the character encoding")
    assert "meaning.loanword" in _checks("文字コードの指定", "Specifying the characters")
    assert not _checks("日本貿易会の意見", "Opinion of the Japan Foreign Trade Council")
    said = "Opinion of the Japan Foreign Investment Council"
    assert "meaning.added" in _checks("日本貿易会の意見", said)
