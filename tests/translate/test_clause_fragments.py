"""A clause cut out of the middle of an English sentence leaves it broken (fragments.py):
no main clause, or an aside that never closes or opens with a verb. Real sources and their
reference translations from bench/data, each with one comma clause cut as the bench's
dropped_clause fault cuts it; the anchors of the source could not tell these."""

from __future__ import annotations

import pytest

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.fragments import broken_sentences

# (source, correct reference, the reference with one clause cut)
CASES = [
    # docx07 (trust_references.json): "we use the word "address"" cut; "which" has no clause.
    (
        "A4\u3000住所は住居表示された位置を表し、地番で表される土地も多くあります。住所・地番と説明"
        "するのもわかりにくいので、位置情報を表すアドレスという単語を使っています。",
        "A4 A residential address indicates a location under the residence indication system, "
        'and much land is identified by lot numbers instead. Since describing it as "residential '
        'address or lot number" is hard to understand, we use the word "address", which '
        "represents location information.",
        "A4 A residential address indicates a location under the residence indication system, "
        'and much land is identified by lot numbers instead. Since describing it as "residential '
        'address or lot number" is hard to understand, which represents location information.',
    ),
    # docx03 (trust_references.json): "data are not updated" cut after "In addition,".
    (
        "データに関するドキュメントが分散して管理されていると、データの入手や更新、データ項目間の"
        "関係の把握が難しくなり、データを様々なサービスに連携することや、データを公開し、利活用を"
        "促すことが難しくなります。また、データの更新が進まず、品質管理にも影響を及ぼします。",
        "When documents about data are managed in scattered places, it becomes hard to obtain and "
        "update data and to grasp the relationships between data items, which makes it difficult "
        "to link data to various services, to publish data and to promote its use. In addition, "
        "data are not updated, which also affects quality control.",
        "When documents about data are managed in scattered places, it becomes hard to obtain and "
        "update data and to grasp the relationships between data items, which makes it difficult "
        "to link data to various services, to publish data and to promote its use. In addition, "
        "which also affects quality control.",
    ),
    # pdf11 (trust_references.json): the aside "for reference in the deliberations," cut.
    (
        "第５条 審議会がその調査審議に関係があると認めた者は、会議に出席し、審議の参考に供するため、"
        "議事に関して、説明をし、又は意見を述べることができる。",
        "Article 5 A person whom the Council finds to be relevant to its investigations and "
        "deliberations may attend a meeting and, for reference in the deliberations, give "
        "explanations or state opinions on the matters under discussion.",
        "Article 5 A person whom the Council finds to be relevant to its investigations and "
        "deliberations may attend a meeting and, give explanations or state opinions on the "
        "matters under discussion.",
    ),
    # 行政事件訴訟法 (clause_references_heldout3.json): "when it finds it appropriate," cut.
    (
        "裁判所は、相当と認めるときは、終局判決前に、判決をもつて、処分又は裁決が違法であることを"
        "宣言することができる。",
        "The court may, when it finds it appropriate, declare by a judgment, before the final "
        "judgment, that the disposition or the decision on the appeal is illegal.",
        "The court may, declare by a judgment, before the final judgment, that the disposition or "
        "the decision on the appeal is illegal.",
    ),
    # 民法 (clause_references_heldout6.json): the main clause cut, only an aside is left.
    (
        "連帯債務者の中に償還をする資力のない者があるときは、その償還をすることができない部分は、"
        "求償者及び他の資力のある者の間で、各自の負担部分に応じて分割して負担する。",
        "If any of the joint and several obligors lacks the means to make reimbursement, the "
        "portion that cannot be reimbursed is divided and borne among the obligor claiming "
        "reimbursement and the other obligors with means, in proportion to their respective "
        "shares of the burden.",
        "If any of the joint and several obligors lacks the means to make reimbursement, in "
        "proportion to their respective shares of the burden.",
    ),
]

# (source, correct reference, the reference with one clause cut): the second rules.
MORE = [
    # heldout4 (会社法): the main clause cut; an opening and a time limit are left.
    (
        "前三項の規定にかかわらず、公開会社でない株券発行会社は、株主から請求がある時までは、"
        "これらの規定の株券を発行しないことができる。",
        "Notwithstanding the provisions of the preceding three paragraphs, a share "
        "certificate-issuing company that is not a public company may refrain from issuing the "
        "share certificates under those provisions, until a shareholder makes a request.",
        "Notwithstanding the provisions of the preceding three paragraphs, until a shareholder "
        "makes a request.",
    ),
    # heldout4 (石綿則): "who," followed by a verb.
    (
        "事業者は、前二項の健康診断の結果、他覚症状が認められる者、自覚症状を訴える者その他異常の"
        "疑いがある者で、医師が必要と認めるものについては、次の項目について医師による健康診断を"
        "行わなければならない。",
        "For persons who, as a result of the medical examinations in the preceding two "
        "paragraphs, show objective symptoms, complain of subjective symptoms, or are otherwise "
        "suspected of an abnormality, and whom a physician finds it necessary to examine, the "
        "employer must have a physician conduct a medical examination on the following items.",
        "For persons who, show objective symptoms, complain of subjective symptoms, or are "
        "otherwise suspected of an abnormality, and whom a physician finds it necessary to "
        "examine, the employer must have a physician conduct a medical examination on the "
        "following items.",
    ),
    # heldout4 (Diet): "which" right after "In addition,".
    (
        "なお、物価高に苦しむ生活者や事業者を支援する重点支援地方交付金も、地方自治体からの要望を"
        "受けて、追加予算に盛り込んでいます。",
        "In addition, the priority support local grant, which supports households and businesses "
        "suffering from high prices, has also been included in the supplementary budget, in "
        "response to requests from local governments.",
        "In addition, which supports households and businesses suffering from high prices, has "
        "also been included in the supplementary budget, in response to requests from local "
        "governments.",
    ),
    # heldout5 (民法): a subject and its verb with one comma between them.
    (
        "無償で子に財産を与える第三者が、親権を行う父又は母にこれを管理させない意思を表示したときは、"
        "その財産は、父又は母の管理に属しないものとする。",
        "When a third party, who gives property to a child free of charge, has expressed the "
        "intention not to let the father or mother exercising parental authority manage it, that "
        "property is not under the management of the father or mother.",
        "When a third party, has expressed the intention not to let the father or mother "
        "exercising parental authority manage it, that property is not under the management of "
        "the father or mother.",
    ),
]
CASES += MORE


def _clause_findings(source: str, translation: str) -> list:
    return [
        f
        for f in check_segment(source, translation, (), "ja", "en")
        if f.check == "omission.clause"
    ]


@pytest.mark.parametrize(("source", "reference", "cut"), CASES)
def test_a_sentence_broken_by_a_cut_clause_is_a_finding(source, reference, cut):
    assert not _clause_findings(source, reference)
    found = _clause_findings(source, cut)
    assert found and found[0].severity == "warning"
    assert "broken" in found[0].message_en and "欠けて" in found[0].message_ja


def test_asides_that_open_and_close_properly_are_not_broken():
    for text in [
        # heldout7 references (clean): an adverb aside after "and,", a month before ", and".
        "This is the leaflet: among the effects of sexual violence it lists, physically, the "
        "possibility of pregnancy or of sexually transmitted infections, and, mentally, all "
        "kinds of anxiety, among many other things.",
        "Later press reporting revealed that a U.S. Marine had also committed a sexual assault in "
        "the prefecture this May, and that further sexual assaults had followed.",
        # a question: "which" asks, it does not refer back
        "For example, which data should be published first?",
        # after a preposition ends a phrasal verb ("heldout4-6 tuned on, heldout7 not"), a
        # modal ends a clause, "if not," is an aside of its own
        "Clean false alarms per check (heldout4-6 tuned on, heldout7 not).",
        "It offloads every layer when the build can, else runs on the CPU.",
        # an item label opens the aside
        "The head may, (a) suspend the service, or (b) revoke the registration.",
        # fa2's clean heldout8 (pdf06 minutes): "if not," is no cut aside
        "First, on the place of issue: if it really needs to be stated, then of course it is "
        "better to keep it, but if not, I thought one possible direction would be, conversely, "
        "to take this opportunity to delete the provision on the place of issue.",
        # title_references / clause references (clean): a question, an "-ing" aside
        "If the data is disclosed in a clear manner, is it clear?",
        "Those agencies are to endeavor to expedite the examination by, as necessary, liaising "
        "with one another and jointly hearing explanations from the applicant.",
    ]:
        assert not broken_sentences(text), text


def test_part_japanese_output_is_left_to_the_language_checks():
    assert not broken_sentences("In addition, which また品質管理にも影響を及ぼします。")
