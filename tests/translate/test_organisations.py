"""Organisation names (names.organisation): the demo model turned デジタル庁 into a wrong
ministry with no finding. Real text from the corpus (docx07 A3, pdf11 title)."""

from __future__ import annotations

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.organisations import (
    check_organisations,
    known_organisations,
    organisations_in,
)

DOCX07_A3 = (
    "A3\u3000基盤となる文字やコア語彙は産官学による委員会で決定しています。その応用である、"
    "コアデータパターンや各データモデルは、内閣官房IT総合戦略室の技術検討会議での検討を受け、"
    "デジタル庁データ連携ワーキンググループで検討した上で、デジタル庁技術検討会議で決定したものです。"
)
# What the demo model wrote (real run, previous session): plausible length, wrong ministry.
DEMO_A3 = (
    "A3\u3000The data base is based on the technical committee of the IT department of the "
    "Ministry of Industry and Information Technology. The data base is being developed as a "
    "digital data base for the Minist"
)
FAITHFUL_A3 = (
    "A3 The basic characters and the core vocabulary are decided by a committee of industry, "
    "government and academia. Their applications, the core data patterns and each data model, "
    "were examined by the technical study meeting of the IT Strategic Headquarters of the "
    "Cabinet Secretariat, studied by the data linkage working group of the Digital Agency, and "
    "decided by the technical study meeting of the Digital Agency."
)


def checks_of(findings):
    return [f for f in findings if f.check == "names.organisation"]


def test_the_list_is_data_in_resources_with_official_names():
    known = known_organisations()
    assert known["デジタル庁"].english[0] == "Digital Agency"
    assert known["法務省"].english[0] == "Ministry of Justice"
    assert len(known) > 150


def test_a_wrong_ministry_for_the_digital_agency_is_a_finding_in_both_languages():
    found = checks_of(check_segment(DOCX07_A3, DEMO_A3, (), "ja", "en"))
    surfaces = {f.surface for f in found}
    assert {"デジタル庁", "内閣官房IT総合戦略室"} <= surfaces
    digital = next(f for f in found if f.surface == "デジタル庁")
    assert "Digital Agency" in digital.message_ja and "Digital Agency" in digital.message_en
    assert digital.severity == "warning"


def test_the_faithful_translation_is_quiet():
    assert not checks_of(check_segment(DOCX07_A3, FAITHFUL_A3, (), "ja", "en"))


def test_words_of_the_name_must_stand_together():
    source = (
        "国の安全保障に関する件、特に防衛省・自衛隊における不適切な事案等について調査を進めます。"
    )
    right = "We will look into national security, in particular misconduct in the Ministry of Defense and the Self-Defense Forces."
    wrong = "We will look into national security, in particular misconduct in the Ministry of Commerce and the Self-Defense Forces."
    assert not check_organisations(source, right)
    assert [f.surface for f in check_organisations(source, wrong)] == ["防衛省"]


def test_abbreviation_and_transliteration_count_as_named():
    assert not check_organisations("総務省「平成30年版 情報通信白書」", 'MIC, "White Paper 2018"')
    assert not check_organisations("デジタル庁の方針", "the policy of the Dejitaru-cho")
    # An abbreviation in small letters inside a word is no abbreviation.
    assert check_organisations("法務省の方針", "the policy of the moj-ish office")


def test_a_council_inside_a_rule_title_is_checked():
    title = "法制審議会議事規則"
    assert check_organisations(
        title, "The Law on the Establishment of the Council of the Judiciary"
    )
    assert not check_organisations(title, "Rules of Procedure of the Legislative Council")


def test_unlisted_bodies_need_their_kind_of_body():
    source = "法制審議会民法部会で審議した。"
    assert [s for s, _ in organisations_in(source)] == ["法制審議会", "民法部会"]
    ok = "It was deliberated by the Civil Law Subcommittee of the Legislative Council."
    assert not check_organisations(source, ok)
    lost = "It was deliberated as a matter of civil law."
    assert [f.surface for f in check_organisations("民法部会で審議した。", lost)] == ["民法部会"]


def test_generic_references_are_not_names():
    assert organisations_in("各省庁と関係省庁、本委員会、我々委員会") == []
    assert [s for s, _ in organisations_in("国会議員と国会")] == ["国会"]


def test_the_users_glossary_wins():
    # The glossary check looks for the user's term; no second finding here.
    assert not check_organisations("デジタル庁の方針", "the agency's policy", ["デジタル庁"])
    assert check_organisations("デジタル庁の方針", "the agency's policy")


def test_a_missing_prefecture_is_one_finding_not_two():
    found = check_segment(
        "東京都の職員が説明した。", "Staff of Osaka Prefecture explained.", (), "ja", "en"
    )
    names = [f for f in found if f.check.startswith("names.")]
    assert [(f.check, f.surface) for f in names] == [("names.organisation", "東京都")]
    quiet = check_segment(
        "東京都の職員が説明した。",
        "Staff of the Tokyo Metropolitan Government explained.",
        (),
        "ja",
        "en",
    )
    assert not [f for f in quiet if f.check.startswith("names.")]


def test_english_to_japanese_is_not_checked_here():
    assert not checks_of(
        check_segment("The Digital Agency decided.", "総務省が決定した。", (), "en", "ja")
    )


def test_a_minister_is_not_his_ministry():
    # docx12, real demo-model run: 法務大臣 (the addressee) became "The Ministry of Justice".
    found = check_organisations("法務大臣", "The Ministry of Justice")
    assert [f.surface for f in found] == ["法務大臣"] and "役職名" in found[0].message_ja
    assert not check_organisations("法務大臣", "Minister of Justice")
    assert not check_organisations("防衛大臣として", "as Minister of Defense")
    assert [s for s, _ in organisations_in("大臣官房、各大臣、副大臣")] == []


def test_an_unlisted_body_whose_field_is_gone_is_another_body():
    # fresh_runs_s8 docx06#608 (real demo-model output, silent before): 統計局 "Statistics
    # Bureau" became a "marketing department"; the kind alone was there.
    source = (
        "統計局のデータサイエンス・スクール、JMOOC、Coursera、edXやYouTube等の教材が想定されます。"
    )
    demo = (
        "The data science and marketing department of the JMOOC, Coursera, edX, and YouTube "
        "are expected to be used as a basis for the submission of applications."
    )
    faithful = (
        "Teaching materials such as the Statistics Bureau's Data Science School, JMOOC, "
        "Coursera, edX and YouTube are envisaged."
    )
    assert not check_organisations(source, faithful)
    assert [(f.check, f.surface) for f in check_organisations(source, demo)] == [
        ("names.organisation", "統計局")
    ]
    assert ("names.organisation", "warning") in {
        (f.check, f.severity) for f in check_segment(source, demo, (), "ja", "en")
    }
    # Alone it is worth a look: a body's official English may say its field otherwise.
    alone = "Materials of the marketing bureau are used."
    found = check_segment("統計局の教材を使う。", alone, (), "ja", "en")
    assert [(f.check, f.severity) for f in found if f.check.startswith("names.")] == [
        ("names.organisation", "info")
    ]
    assert not check_segment(
        "統計局の教材を使う。", "The Statistics Bureau's materials are used.", (), "ja", "en"
    )
