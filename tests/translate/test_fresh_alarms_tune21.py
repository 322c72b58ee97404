"""False alarms of the translation checks on correct references of tune21 (session 13, first
look 2/66 at 27b1c68, then tuned on). Each rule is about a kind of wording, shown on sentences
of our own; each test also shows that the check still fires on a real fault of the kind."""

from __future__ import annotations

from .conftest import alarm_checks as _checks


def test_nimo_kakawarazu_is_despite_not_a_negation():
    source = "注意喚起したにもかかわらず、同様の事故が翌月に再び発生しました。"
    said = "Despite the warning, a similar accident occurred again the following month."
    assert "meaning.negation" not in _checks(source, said)
    source = "注意喚起したので、同様の事故は翌月には発生しませんでした。"
    assert "meaning.negation" in _checks(source, said)


def test_alternatives_and_a_humble_hear():
    source = "特に選択肢として案が三つ示されておりますので、できればどれがよいかもお伺いしたいと思います。"
    said = (
        "In particular, since three proposals are shown as alternatives, I would also like to "
        "hear, if possible, which one is best."
    )
    assert "omission.clause" not in _checks(source, said)
    # the wish to hear left out
    said = (
        "In particular, since three proposals are shown as alternatives, I think that one of "
        "them is the best, if possible."
    )
    assert "omission.clause" in _checks(source, said)
