"""Losses of the stored real demo-model Office runs (bench/data/collapse_runs.json) that no
check reported: a loanword term, an item of a ・ list, a negation, a restriction, a
statement turned into an order. Sources and outputs are copied from those runs (tune half
of bench/data/silent_labels_s5.json and other silent segments, never its held-out half);
the faithful versions are my own translations and must not alarm."""

from __future__ import annotations

import pytest

from desk_assistant.tasks.translate import InMemoryStore, TranslationMemory, translate_document
from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.polarity import negations

from .conftest import make_engine, prompt_input
from .test_trust_pipeline import doc_with

NEW = {
    "meaning.loanword",
    "meaning.list_item",
    "meaning.negation",
    "meaning.restriction",
    "meaning.statement",
}


def warnings(source: str, translation: str) -> set[str]:
    found = check_segment(source, translation, (), "ja", "en")
    return {f.check for f in found if f.severity != "info"}


# (source, demo-model output, check that must fire, faithful translation)
REAL_LOSSES = [
    (  # xlsx01: the base registry became a directory
        "サービス消費：ベースレジストリの活用（地図）",
        "Use of Service Consumption: Use of the Base Directory (Map)",
        "meaning.loanword",
        "Service consumption: use of the base registries (maps)",
    ),
    (  # pptx02: a converter became a controller
        "コンバータ",
        "Controller",
        "meaning.loanword",
        "Converter",
    ),
    (  # xlsx03: one of two list items lost, the other said twice
        "ロジカルシンキング、\nクリエイティブシンキング",
        "Creative thinking,\ncreative thinking",
        "meaning.loanword",
        "Logical thinking,\ncreative thinking",
    ),
    (  # pptx02: the ministries' systems became "government-to-government"
        "府省システムとの連携",
        "Government-to-government cooperation",
        "meaning.loanword",
        "Linkage with the ministries' systems",
    ),
    (  # pptx02: 通知 dropped from a list of two
        "実装データモデル（行政）　証明・通知",
        "Implementation Data Model (Administrative) Certificate",
        "meaning.list_item",
        "Implementation data model (administration): certificates and notices",
    ),
    (  # xlsx02: "unknown" lost — the item now says the opposite
        "データの出所や収集方法が不明",
        "Data source and method of data collection",
        "meaning.negation",
        "The source of the data or how it was collected is unknown",
    ),
    (  # pptx01: "not changed as a rule" and the clarification lost
        "ルールのひな型は原則変更せず、変更の必要がある場合には、変更点を明確にします。",
        "The principles of the new form shall be implemented as long as the new form is required.",
        "meaning.negation",
        "As a rule, the rule templates are not changed; where a change is needed, the "
        "changes are made clear.",
    ),
    (  # pptx02: 抜け漏れがなくなり ("no more gaps") lost
        "基本データ項目が示されるので、設計に抜け漏れがなくなり、独自領域の検討に集中できます。",
        "Basic data items shall be displayed so that design can focus on the development of "
        "unique areas.",
        "meaning.negation",
        "Because the basic data items are given, nothing is left out of the design and you "
        "can concentrate on the areas of your own.",
    ),
    (  # xlsx01: "only on request" lost
        "要求があった時のみ、データクレンジングが実施されている",
        "When the request for data cleansing is being performed, data cleansing is being "
        "performed.",
        "meaning.restriction",
        "Data cleansing is carried out only when requested.",
    ),
    (  # pptx01: "even part of" lost, "the entire document is changed"
        "ひな形の文書を一部でも変更すると、文書全体を確認する必要がでてくる",
        "When the entire document is changed, it is necessary to check it in detail.",
        "meaning.restriction",
        "Changing even part of a template document means the whole document has to be checked.",
    ),
    (  # xlsx01: an assessment ("is used") became an order
        "クラウドの適切なネットワークインフラを活用をしている",
        "Use cloud infrastructure to optimize your network infrastructure.",
        "meaning.statement",
        "Appropriate cloud network infrastructure is used.",
    ),
    (  # pptx01: "easy to roll out" became an order
        "基礎に参照モデルを使うので展開しやすい",
        "Use a reference model to expand",
        "meaning.statement",
        "Easy to roll out, because it is built on a reference model",
    ),
]


@pytest.mark.parametrize(("source", "output", "check", "faithful"), REAL_LOSSES)
def test_a_real_silent_loss_is_found(source, output, check, faithful):
    assert check in warnings(source, output)


@pytest.mark.parametrize(("source", "output", "check", "faithful"), REAL_LOSSES)
def test_the_faithful_translation_does_not_alarm(source, output, check, faithful):
    assert not warnings(source, faithful) & NEW


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        # A loanword rendered by its usual English synonym, or split by ・ (docx07, pptx02).
        ("コアデータパーツ", "Core data components"),
        ("コア・データ・パーツ（日付）", "Core data components (date)"),
        ("アーキテクチャ", "Architecture"),
        ("グラフィック・デザイナ", "Graphic Designer"),
        ("ネットワークインフラ", "Network infrastructure"),
        # Obligation, set phrases: no negation (trust and clause references).
        (
            "第４条 発言しようとする者は、議長の許可を受けなければならない。",
            "Article 4 A person who wishes to speak must obtain the permission of the chair.",
        ),
        (
            "ただし、密閉式の構造とすることが作業の性質上著しく困難である場合において、"
            "ドラフトチェンバー内部に当該設備を設けるときは、この限りでない。",
            "However, this does not apply where an enclosed structure is extremely difficult "
            "because of the nature of the work and the equipment is installed inside a draft "
            "chamber.",
        ),
        ("０不明", "0unknown"),
        ("データが構造化されていない", "Data is not structured."),
        (
            "一部事務組合を解散しようとするとき",
            "When a partial-affairs association is to be dissolved",
        ),
        # A noun first, then its verb: no order (my own sentence, shaped like the clean
        # one of clause_references_heldout8 that alarmed; that set stays unused here).
        (
            "システムの設計情報は、業務ごとに整理されており、データの定義も明確になっている。",
            "Design information on the system is organised by business, and the data "
            "definitions are also clear.",
        ),
        # A label turned into an order is the label check's, not a statement's.
        ("確認内容", "Confirm contents"),
    ],
)
def test_correct_renderings_do_not_alarm(source, translation):
    assert not warnings(source, translation) & NEW


def test_negations_read_the_source_not_its_set_phrases():
    assert negations("実施されていない") == ["ない"]
    assert negations("未実施") == ["未実施"]
    assert negations("報告しなければなりません") == []
    assert negations("国籍を問わず") == []
    assert negations("不動産") == []


def test_each_new_finding_speaks_both_languages():
    for source, output, check, _ in REAL_LOSSES:
        found = [f for f in check_segment(source, output, (), "ja", "en") if f.check == check]
        assert found and found[0].severity == "warning"
        assert any("\u3040" <= c <= "\u30ff" for c in found[0].message_ja)
        assert found[0].message_en.startswith("The ") and "原文" not in found[0].message_en


def test_a_segment_with_a_silent_loss_stays_out_of_the_memory(tmp_path):
    store = InMemoryStore({"version": 1, "entries": {}})
    lost, fine = "データの出所や収集方法が不明", "移動体"

    def reply(prompt):
        return {lost: "Data source and method of data collection", fine: "Moving body"}[
            prompt_input(prompt)
        ]

    doc = doc_with(tmp_path, [lost, fine])
    result = translate_document(
        make_engine(reply), "few_shot", doc, target_lang="en", memory=TranslationMemory(store)
    )
    assert "meaning.negation" in {f.check for f in result.segments[0].findings}
    assert set(store.data["entries"]) == {fine}
