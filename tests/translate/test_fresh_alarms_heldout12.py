"""False alarms of the translation checks on correct references of heldout12 (spent: the
lead measured it once, 11/74). Each rule is about a kind of wording, shown here on sentences
of our own; each test also shows that the check still fires on a real fault of the kind."""

from __future__ import annotations

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.clauses import Anchor, _Target

from .conftest import alarm_checks as _checks


def test_ben_abbreviating_a_bar_association_lets_bar_in() -> None:
    # 弁 shortens 弁護士会 in a body's name (日弁連, 東京弁).
    assert "meaning.added" not in _checks("【反対】福岡弁", "[Against] Fukuoka Bar Association")
    assert "meaning.added" in _checks("【反対】福岡弁", "[Against] Fukuoka Chamber of Commerce")


def test_n_before_m_or_p_is_an_m_in_a_loanword() -> None:
    # コンマ ~ comma, キャンプ ~ camp: ン before m, b, p is said m.
    source = "句読点（コンマ、ピリオド）"
    assert "meaning.loanword" not in _checks(source, "Punctuation (comma, period)")
    assert "meaning.loanword" not in _checks("キャンプ場の利用案内", "Guide to using the camp site")
    assert "meaning.loanword" in _checks(source, "Punctuation (colon, period)")


def test_a_loanword_with_a_hard_g_matches_english_soft_g() -> None:
    # エネルギー ~ energy (the loan came through German: a hard g).
    source = "再生可能エネルギーの導入目標"
    assert "meaning.loanword" not in _checks(source, "Targets for introducing renewable energy")
    assert "meaning.loanword" in _checks(source, "Targets for introducing renewable fuels")


def test_a_court_execution_officer_is_no_added_court() -> None:
    source = "執行官は、差し押さえた動産を競り売りの方法により売却することができる。"
    found = check_segment(
        source, "A court execution officer may sell seized movables by auction.", (), "ja", "en"
    )
    assert "names.added" not in {f.check for f in found}
    fault = "税務署長は、差し押さえた動産を競り売りの方法により売却することができる。"
    found = check_segment(fault, "The court may sell seized movables by auction.", (), "ja", "en")
    assert "names.added" in {f.check for f in found}


def test_nakereba_with_its_naranai_unsaid_is_a_duty() -> None:
    source = "来年度までに規程を見直さなければ、という意見が多く出されました。"
    said = "Many said that we would have to review the rules by next fiscal year."
    assert "meaning.negation" not in _checks(source, said)
    lost = "Many said that we would review the rules by next fiscal year."
    assert "meaning.negation" in _checks(source, lost)


def test_nakanaka_nai_is_few_or_rarely() -> None:
    source = "このような取組を長く続けている自治体はなかなかありません。"
    assert "meaning.negation" not in _checks(
        source, "Few municipalities have kept up such efforts for long."
    )
    assert "meaning.negation" not in _checks(
        "このような取組を長く続けている自治体はめったにありません。",
        "Municipalities have rarely kept up such efforts for long.",
    )
    # "a few" says some do: the negation is lost.
    assert "meaning.negation" in _checks(
        source, "A few municipalities have kept up such efforts for long."
    )


def test_a_polite_rule_is_a_rule() -> None:
    # …ものとします ends in ます like a statement, and is a rule: "shall" is its English.
    source = "本要領は来月から適用します。運用の細目は、所管課が別に定めるものとします。"
    said = (
        "These guidelines apply from next month. Details of operation shall be laid down "
        "separately by the division in charge."
    )
    assert "meaning.statement" not in _checks(source, said)
    stated = "本システムでは申請データを毎晩自動で検証しています。"
    fault = "The system shall validate application data automatically every night."
    assert "meaning.statement" in _checks(stated, fault)


def test_houki_is_waive() -> None:
    source = "相続人が家庭裁判所に申述して相続を放棄したときは、次順位の者が相続人となる。"
    said = (
        "Where an heir waives the inheritance by a statement to the family court, the person "
        "next in order becomes the heir."
    )
    assert "meaning.obligation" not in _checks(source, said)
    fault_source = "相続人が家庭裁判所に申述して財産を取得したときは、次順位の者に通知する。"
    fault = (
        "Where an heir waives the property by a statement to the family court, the heir "
        "notifies the person next in order."
    )
    assert "meaning.obligation" in _checks(fault_source, fault)


def test_speed_kan_is_said_as_urgency() -> None:
    # スピード感を持って → "with a sense of urgency", "promptly": the loanword's usual English.
    speed = Anchor("スピード", "katakana")
    assert _Target("I ask you to tackle this with a sense of urgency.").has(speed)
    assert _Target("We will respond promptly.").has(speed)
    assert not _Target("I ask you to tackle this with great care.").has(speed)
