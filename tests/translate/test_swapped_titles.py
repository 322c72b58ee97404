"""Swapped personal titles (i12title2): a title word is there, only the wrong one. Real
segments of the shared Diet records and laws (none of them in the held-out title set):
a deputy the source does not have (議長 → "Vice-Chairperson"), a post no word of the source
means (会長 → "Director" beside the right "President"), a deputy's post made a full one
(副大臣 → "Minister"), and the posts and bodies that named each other (事務局長, 市町村長)."""

from __future__ import annotations

import pytest

from desk_assistant.sudachi import tokenizers_or_none
from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.titles import check_titles

pytestmark = pytest.mark.skipif(tokenizers_or_none("A") is None, reason="SudachiPy not installed")


def _checks(source: str, english: str) -> set[str]:
    return {f.check for f in check_segment(source, english, (), "ja", "en") if f.severity != "info"}


def _title_messages(source: str, english: str) -> list[str]:
    return [f.message_en for f in check_titles(source, english)]


# s22_067 地方自治法: the chair of the assembly, not a vice-chair.
CHAIR = "普通地方公共団体の議会の議長は、委員会に出席し、発言することができる。"
CHAIR_EN = (
    "The chairperson of the assembly of an ordinary local public entity may attend "
    "committee meetings and speak."
)


def test_a_deputy_added_to_a_full_title_is_a_finding():
    assert "names.title" not in _checks(CHAIR, CHAIR_EN)
    wrong = CHAIR_EN.replace("The chairperson", "The vice-chairperson")
    (message,) = _title_messages(CHAIR, wrong)
    assert "議長" in message and "deputy" in message and "vice-chairperson" in message


# Diet 2024-07-30 (安全保障委員会): the Chief Cabinet Secretary, three words after "Deputy".
CABINET = (
    "外務省からの報告について申し上げれば、総理及び官房長官に適時適切に報告させていただきました。"
)
CABINET_EN = (
    "As for the reports from the Ministry of Foreign Affairs, they were made to the Prime "
    "Minister and the Chief Cabinet Secretary in a timely and appropriate manner."
)


def test_a_deputy_before_a_title_phrase_makes_it_a_deputy_post():
    assert "names.title" not in _checks(CABINET, CABINET_EN)
    wrong = CABINET_EN.replace("the Chief Cabinet", "the Deputy Chief Cabinet")
    assert "names.title" in _checks(CABINET, wrong)


def test_titles_that_are_deputies_or_lesser_ranks_keep_their_deputy_words():
    # 准教授 is an associate professor; 副知事 and 副市町村長 are deputies (s22_067).
    ranks = (
        "また、女性研究者に対しては、教授、准教授などの上位職登用に向けた支援や、出産、育児による"
        "研究中断後に円滑に研究現場に復帰できるための支援などの充実を図っているところです。"
    )
    ranks_en = (
        "For women researchers, we are also strengthening support for promotion to senior "
        "posts such as professor and associate professor, and support for a smooth return to "
        "research after a break for childbirth or childcare."
    )
    assert "names.title" not in _checks(ranks, ranks_en)
    deputies = "都道府県に副知事を、市町村に副市町村長を置く。"
    deputies_en = "A prefecture has a vice-governor and a municipality has a deputy mayor."
    assert _checks(deputies, deputies_en) == set()
    assert "names.title" in _checks(deputies, deputies_en.replace("a vice-governor", "a governor"))


# trust_references.json: two 会長 and one 委員; the first President became "Director".
DEPUTISING = "４ 会長に事故があるときは、あらかじめ会長の指名する委員がその職務を代行する。"
DEPUTISING_EN = (
    "4 When the President is unable to perform the duties, a member designated in advance "
    "by the President acts on the President's behalf."
)


def test_a_post_that_no_word_of_the_source_means_is_a_finding():
    assert "names.title" not in _checks(DEPUTISING, DEPUTISING_EN)
    wrong = DEPUTISING_EN.replace("When the President", "When the Director", 1)
    (message,) = _title_messages(DEPUTISING, wrong)
    assert "Director" in message and "会長" in message


def test_posts_that_a_source_word_means_are_no_finding():
    # 取締役 → directors, 監査役 → auditors (JMdict glosses), not listed titles (h17_086 会社法).
    board = (
        "株式会社の子会社若しくはその取締役、会計参与、監査役若しくは執行役から公認会計士若しくは"
        "監査法人の業務以外の業務により継続的な報酬を受けている者又はその配偶者"
    )
    board_en = (
        "a person who receives continuous remuneration from a subsidiary of the stock company "
        "or from its directors, accounting advisors, company auditors or executive officers "
        "for services other than those of a certified public accountant or an audit firm, or "
        "the spouse of such a person"
    )
    assert not _title_messages(board, board_en)
    # The head (長) of a municipality is its mayor (clause_references_heldout5.json).
    wards = (
        "財産区の事務に関し、市町村若しくは特別区の長若しくは議会、財産区の議会若しくは総会又は"
        "財産区管理会の相互の間に紛争があるときは、都道府県知事は、当事者の申請に基づき又は職権に"
        "より、その紛争を調停することができる。"
    )
    wards_en = (
        "When there is a dispute concerning the affairs of a property ward between the mayor or "
        "assembly of the municipality or special ward, the assembly or general meeting of the "
        "property ward, or the property ward management council, the prefectural governor may "
        "mediate the dispute on the application of a party or ex officio."
    )
    assert not _title_messages(wards, wards_en)


# Diet 2023-11-01 (文部科学委員会): a State Minister (副大臣) twice.
STATE = "○青山副大臣　文部科学副大臣の青山周平でございます。"
STATE_EN = (
    "○ State Minister Aoyama: I am Aoyama Shuhei, State Minister of Education, Culture, "
    "Sports, Science and Technology."
)


def test_a_deputy_minister_made_a_minister_is_a_finding():
    assert "names.title" not in _checks(STATE, STATE_EN)
    # Both made ministers: 副大臣 has no deputy word left.
    both = STATE_EN.replace("State Minister", "Minister")
    assert "names.title" in _checks(STATE, both)
    # Only the second: the post word "Minister" has no 大臣 of its own in the source.
    second = STATE_EN.replace("Shuhei, State Minister", "Shuhei, Minister")
    assert "names.title" in _checks(STATE, second)
    called = "○田野瀬委員長　次に、今枝文部科学副大臣。"
    called_en = (
        "○ Chairperson Tanose: Next, Imaeda, State Minister of Education, Culture, Sports, "
        "Science and Technology."
    )
    assert "names.title" not in _checks(called, called_en)
    assert "names.title" in _checks(called, called_en.replace("State Minister", "Minister"))


def test_a_parliamentary_vice_minister_names_no_added_diet():
    source = "○松本大臣政務官　お答え申し上げます。"
    assert _checks(source, "○ Parliamentary Vice-Minister Matsumoto: I will answer.") == set()
    assert "names.title" in _checks(source, "○ Minister Matsumoto: I will answer.")


def test_a_body_written_only_inside_its_post_is_named_by_the_post():
    # 事務局長 is the Secretary-General; 市町村長 the mayor (s22_067 地方自治法).
    staff = (
        "事務局長及び書記長は議長の命を受け、書記その他の職員は上司の指揮を受けて、議会に関する"
        "事務に従事する。"
    )
    staff_en = (
        "The secretary-general and the chief clerk, under the orders of the chairperson, and "
        "the clerks and other staff, under the direction of their superiors, engage in affairs "
        "concerning the assembly."
    )
    assert _checks(staff, staff_en) == set()
    lost = staff_en.replace("The secretary-general and the chief clerk", "The clerks")
    assert {"names.organisation", "names.title"} <= _checks(staff, lost)
    mayor = (
        "市町村長は、第一項の認可をしたときは、総務省令で定めるところにより、これを告示しなければ"
        "ならない。"
    )
    mayor_en = (
        "When the mayor has given the approval under paragraph (1), the mayor shall give public "
        "notice of it as provided by Order of the Ministry of Internal Affairs and Communications."
    )
    assert _checks(mayor, mayor_en) == set()
    assert "names.title" in _checks(mayor, mayor_en.replace("the mayor", "the governor"))


def test_a_deputy_post_in_a_source_without_any_deputy_is_a_finding():
    # trust_references.json: 委員 twice, one of them made "deputy members"; a listed
    # 内閣官房長官 (the organisation check sees its words) made a deputy's post.
    council = "第一条 法制審議会（以下「審議会」という。）は、委員二十人以内で組織する。（委員）"
    council_en = (
        'Article 1 The Legislative Council (hereinafter referred to as the "Council") is '
        "composed of not more than 20 members. (Members)"
    )
    assert "names.title" not in _checks(council, council_en)
    wrong = council_en.replace("20 members", "20 deputy members")
    (message,) = _title_messages(council, wrong)
    assert "deputy members" in message
    notice = (
        "昭和 26 年に当時の国語審議会が建議した「公用文作成の要領」は、翌27 年に内閣官房長官依命通知"
        "別紙として各省庁に周知されてから約 70 年を経ている。"
    )
    notice_en = (
        'About 70 years have passed since the "Guidelines for Writing Official Documents", '
        "proposed by the then National Language Council in 1951, were circulated to the "
        "ministries and agencies in 1952 as an attachment to a notice issued by order of the "
        "Chief Cabinet Secretary."
    )
    assert "names.title" not in _checks(notice, notice_en)
    wrong = notice_en.replace("the Chief Cabinet", "the Deputy Chief Cabinet")
    assert "names.title" in _checks(notice, wrong)
