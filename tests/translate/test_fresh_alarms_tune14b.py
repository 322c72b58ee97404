"""False alarms of the translation checks on correct references of tune14b (law and Diet
tuning data, first look 3/40). Each rule is about a kind of wording, shown here on sentences
of our own; each test also shows that the check still fires on a real fault of the kind."""

from __future__ import annotations

from desk_assistant.tasks.translate.listitems import lost_items

from .conftest import alarm_checks as _checks


def test_ni_hikitsuzuki_is_following_not_continue() -> None:
    # Xに引き続き is the compound particle "following X" / "as in X", not the adverb "continue".
    source = "前年度に引き続き、本年度も市内の全小学校で調査を実施する。"
    for english in (
        "Following the previous fiscal year, the survey will be carried out at all elementary "
        "schools in the city this fiscal year as well.",
        "As in the previous fiscal year, the survey will be carried out at all elementary "
        "schools in the city this fiscal year.",
    ):
        assert "omission.clause" not in _checks(source, english)
    lost = "The survey will be carried out at all elementary schools in the city this fiscal year."
    assert "omission.clause" in _checks(source, lost)


def test_the_adverb_hikitsuzuki_still_wants_continue() -> None:
    source = "理事は、後任者が就任するまでの間、引き続きその職務を行うものとする。"
    kept = "A director is to continue to perform their duties until a successor takes office."
    assert "omission.clause" not in _checks(source, kept)
    assert "omission.clause" in _checks(
        source, "A director is to perform their duties after a successor takes office."
    )


def test_the_prime_minister_or_a_minister_speaks_for_the_government() -> None:
    # (no 国 in the sources: 国民 alone lets "government" in)
    source = "首相は、住民に丁寧に説明していくと述べました。"
    english = "The Prime Minister said that the government would explain it carefully to residents."
    assert "names.added" not in _checks(source, english)
    assert "names.added" not in _checks(
        "大臣は、制度の見直しを検討していると答弁しました。",
        "The Minister replied that the government was considering a review of the system.",
    )
    # a government the source does not name at all is still an addition
    assert "names.added" in _checks(
        "委員会は、住民に丁寧に説明していくと述べました。",
        "The government said that it would explain it carefully to residents.",
    )


def test_a_leading_sogo_of_a_listed_item_may_be_left_unsaid() -> None:
    # 総合 ("comprehensive") is often folded in established English (総合政策局 "Policy Bureau").
    source = "総合交通・観光戦略を策定する。"
    assert lost_items(source, "We will formulate a transport and tourism strategy.") == []
    assert lost_items(source, "We will formulate a tourism strategy.") == ["総合交通"]
    assert "meaning.list_item" not in _checks(
        source, "We will formulate a transport and tourism strategy."
    )
