"""False alarms of the translation checks on correct references of heldout20 (measured once
at 55a6a25, in session 13: 9/66, two of them true: the writer had swapped two references;
then spent). Each rule is about a kind of wording, shown on sentences of our own; each test
also shows that the check still fires on a real fault of the kind."""

from __future__ import annotations

from .conftest import alarm_checks as _checks


def test_a_speaker_who_restarts_a_phrase_is_no_loop():
    source = "一度許可が出たら、許可が書面で出たら、変更は認められないと理解しております。"
    said = (
        "Once a permission has been granted, once a permission has been granted in writing, "
        "I understand that no change is allowed."
    )
    assert "degeneration.loop" not in _checks(source, said)
    # the same English where the source says the phrase once is a loop
    source = "許可が書面で出たら、変更は認められないと理解しております。"
    assert "degeneration.loop" in _checks(source, said)


def test_the_written_ending_tokoro_de_aru_is_counted_at_its_plain_length():
    source = "このように、甲案においては、①から③までの各要件をいかに満たすかによっては考え方が分かれるところである。"
    said = "Thus, under Plan A, opinions may differ on how requirements (1) to (3) are met."
    assert "omission.length" not in _checks(source, said)
    assert "omission.length" in _checks(source, "Thus, opinions may differ.")


def test_a_fiscal_year_said_digit_by_digit():
    source = "基金残高は二二年度末には三兆円に増えた。"
    assert "figure.added" not in _checks(
        source, "The fund balance rose to 3 trillion yen at the end of fiscal 2022."
    )
    assert "figure.added" in _checks(
        source, "The fund balance rose to 3 trillion yen at the end of fiscal 2023."
    )


def test_as_far_as_says_a_restriction():
    source = "私の知る限りにおいては、そのような事例はございません。"
    assert "meaning.restriction" not in _checks(source, "As far as I know, there is no such case.")
    assert "meaning.restriction" in _checks(source, "I know that there is no such case.")


def test_a_word_under_mis_is_said():
    source = "公開対象となるデータの表記間違いは修正されており、最新版では内容が表示される。"
    said = (
        "The misstatement about which data are published has been corrected, and the latest "
        "version shows the content."
    )
    assert "omission.clause" not in _checks(source, said)
    said = "The data are published, and the latest version shows the content."
    assert "omission.clause" in _checks(source, said)


def test_usual_english_of_labels():
    said = "Handover becomes easier at the time of transfers"
    assert not _checks("異動の際に引継ぎが容易になる", said)
    assert "meaning.added" in _checks(
        "異動で引継ぎが容易になる", said
    )  # without 際 the time is added
    assert not _checks("区切り記号", "Delimiting marks")
    assert "meaning.title" in _checks("区切り記号", "Marks")
    said = "Professor, College of Law and Politics"  # a faculty's official English
    assert not _checks("法学部教授", said)
    assert "meaning.added" in _checks("法学部教授", said.replace("Law", "Economics"))
