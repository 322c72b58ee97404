"""Kinds of wording that raised false alarms on correct translations of fresh text
(clean_references_heldout7-10, spent in session 7): each rule is about a kind of wording,
shown on sentences of that kind, and each test shows the check still fires on a real fault."""

from __future__ import annotations

from desk_assistant.tasks.translate.checks import check_segment

from .conftest import alarm_checks as _checks


def test_a_guess_put_as_a_question_inside_the_sentence_is_no_negation():
    # …んじゃないか、 / …んじゃないのかなという: "might", "I suspect", not "not".
    source = "ほかの部署でも同じような問題が起きているんじゃないか、そういう懸念を持っております。"
    english = "I am concerned that similar problems may be occurring in other departments too."
    assert "meaning.negation" not in _checks(source, english)
    source2 = "現場ではもっと多くの相談を受けているんじゃないのかなという印象を持っております。"
    english2 = "I have the impression that far more consultations are being received on the ground."
    assert "meaning.negation" not in _checks(source2, english2)
    # A real negation still needs its English.
    denied = "ほかの部署では同じような問題は起きていない。"
    assert "meaning.negation" in _checks(
        denied, "Similar problems are occurring in other departments."
    )
    assert "meaning.negation" not in _checks(
        denied, "Similar problems are not occurring in other departments."
    )


def test_a_limit_of_a_quantity_is_the_restriction():
    # 二年以内の期間に限り → "for a period not exceeding two years".
    source = "委員会は、違反をした者について、三年以内の期間に限り登録を拒否することができる。"
    english = (
        "The committee may refuse registration of a person who has committed a violation, "
        "for a period not exceeding three years."
    )
    assert "meaning.restriction" not in _checks(source, english)
    assert "meaning.restriction" not in _checks(
        source, english.replace("not exceeding", "of up to")
    )
    # Without any word for the limit the restriction is lost.
    assert "meaning.restriction" in _checks(
        source, english.replace("for a period not exceeding three years", "for three years")
    )
    # のみ is no limit of a quantity: it still needs "only".
    only = "申請は、書面によるもののみ受け付ける。"
    assert "meaning.restriction" in _checks(only, "Applications are accepted in writing.")


def test_a_statement_that_asks_for_agreement_may_be_a_question():
    # …わけでしょう。 ("surely?"), …だろう。: the speaker asks the listener to agree.
    source = "だって、報告を受けてから半年も経って、その後に調査を始めたということは、相応の理由があったわけでしょう。"
    english = (
        "After all, if the investigation only began six months after you received the report, "
        "there must have been some reason, surely?"
    )
    assert "meaning.question" not in _checks(source, english)
    # A plain statement that became a question is still told.
    plain = "調査は報告を受けた後に始めました。"
    assert "meaning.question" in _checks(plain, "Did the investigation begin after the report?")


def test_a_list_of_paragraphs_past_an_aside_in_words():
    source = (
        "第十二条第一項（次条において準用する場合を含む。）、第三項及び第四項の規定による"
        "届出は、書面により行うものとする。"
    )
    english = (
        "A notification under Article 12, paragraphs (1) (including as applied mutatis mutandis "
        "pursuant to the following Article), (3) and (4) is to be made in writing."
    )
    assert _checks(source, english) == set()
    assert "article" in _checks(source, english.replace("(3) and (4)", "(3) and (5)"))
    assert "article" in _checks(source, english.replace("(3) and (4)", "and (4)"))


def test_a_negating_prefix_says_the_negating_kanji():
    assert _checks("未利用地", "Unused land") == set()
    assert _checks("非公開資料", "Non-public materials") == set()
    # The English word after the prefix must be the one the kanji stands before.
    assert "meaning.added" in _checks("未利用地", "Unsold land")
    assert "meaning.added" in _checks("未利用地", "Unused cars")


def test_a_count_of_years_said_in_decades():
    source = "十年に一度の学習指導要領の改訂も二年後に迫ってきておりますので、しっかりと省内で議論していただきたい。"
    english = (
        "The once-a-decade revision of the Courses of Study is now only two years away, so I "
        "would like the Ministry to discuss it properly."
    )
    assert _checks(source, english) == set()
    assert "omission.clause" in _checks(source, english.replace("once-a-decade ", ""))


def test_going_on_says_hikitsuzuki():
    # 引き続き その職務を行う → "to go on performing them".
    source = (
        "大臣は、委員がその職務を怠つた場合であつて、当該委員が引き続きその職務を行うことが"
        "審議の公正を著しく害するおそれがあると認めるときは、当該委員を解任することができる。"
    )
    english = (
        "If a member has neglected their duties and the Minister finds that allowing that "
        "member to go on performing them is likely to seriously harm the fairness of "
        "deliberations, the Minister may dismiss the member."
    )
    assert _checks(source, english) == set()
    assert "omission.clause" in _checks(source, english.replace("go on performing", "perform"))


def test_a_law_citation_says_paragraph_and_item_and_a_region_its_english():
    # Forms cite a law by article, paragraph and item; "paragraph" is 項, "item" 号.
    cell = "第３条第２項の届出番号"
    english = "Notification number under Article 3, paragraph 2"
    assert check_segment(cell, english, (), "ja", "en") == []
    assert (
        check_segment(
            "同条第１項第２号の区分",
            "Category under item 2, paragraph 1 of that Article",
            (),
            "ja",
            "en",
        )
        == []
    )
    # A paragraph the source does not cite is still an added figure.
    added = [f.check for f in check_segment("第３条の届出番号", english, (), "ja", "en")]
    assert "figure.added" in added or "meaning.added" in added
    # 中東 / 欧州 are said as regions, not read aloud ("Chuutou").
    source = "中東の情勢について、政府の見解を伺います。"
    faithful = "I would like to ask the Government's view on the situation in the Middle East."
    assert check_segment(source, faithful, (), "ja", "en") == []
    lost = faithful.replace("in the Middle East", "in Asia")
    assert "names.place" in [f.check for f in check_segment(source, lost, (), "ja", "en")]


def test_a_quoted_name_lost_where_the_english_quotes_names():
    # Two plans the source quotes; the demo model kept one quoted title (fresh runs, docx10).
    source = "各府省は、「デジタル人材確保・育成計画」と「情報システム整備方針」を策定している。"
    faithful = (
        'Each ministry has formulated a "Plan for Securing and Developing Digital Personnel" '
        'and a "Policy for Developing Information Systems".'
    )
    assert check_segment(source, faithful, (), "ja", "en") == []
    # Both names' words kept, merged into one title: only the quotation marks tell.
    merged = (
        'Each ministry has formulated a "Plan for Securing and Developing Digital Personnel '
        'and Policy for Developing Information Systems".'
    )
    assert [f.check for f in check_segment(source, merged, (), "ja", "en")] == ["names.quoted"]
    # English that sets names without quotation marks is not judged by this check.
    assert check_segment(source, faithful.replace('"', ""), (), "ja", "en") == []
