"""False alarms of the translation checks on correct references of heldout22 (measured once
at fa34bf5, in session 13 after tuning on tune22 too: 4/64, then spent). Each rule is about a
kind of wording, shown on sentences of our own; each test also shows that the check still
fires on a real fault of the kind."""

from __future__ import annotations

from .conftest import alarm_checks as _checks


def test_a_minister_named_with_the_ministry():
    source = "盛山文科大臣は、昨日の記者会見でそのように述べられています。"
    said = "Minister Moriyama said so at yesterday's press conference."
    assert not {"names.place", "names.person"} & _checks(source, said)
    said = "The Minister said so at yesterday's press conference."
    assert {"names.place", "names.person"} & _checks(source, said)


def test_dispersed_says_a_loss():
    source = "早急に保全を行わなければ資産が散逸する危険性がある。"
    said = "Unless preservation is carried out urgently, there is a danger that the assets will be dispersed."
    assert "meaning.loss" not in _checks(source, said)
    said = "Unless preservation is carried out urgently, there is a danger for the assets."
    assert "meaning.loss" in _checks(source, said)


def test_usual_english_of_labels():
    assert not _checks("集計結果の公表日", "Date of publication of tabulated results")
    assert not _checks("運送状の記載事項", "Particulars of the waybill")
    assert "meaning.title" in _checks("運送状の記載事項", "Particulars")
