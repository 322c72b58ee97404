"""The trust checks (omission, names, degeneration): each fires on its fault and stays
quiet on a faithful translation of the same real text."""

from __future__ import annotations

import pytest

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.degeneration import is_form_only
from desk_assistant.tasks.translate.names import romanize, skeleton

# (check id, source, faithful translation, faulty translation)
CASES = [
    (
        "omission.length",
        "本ガイドブックは、データの利活用を推進するための基本的な考え方を示すとともに、"
        "各府省が取り組むべき事項を整理したものである。",
        "This guidebook sets out the basic approach to promoting the use of data and "
        "organizes the matters that each ministry should address.",
        "This guidebook sets out the basic approach.",
    ),
    (
        "omission.sentence",
        "開示請求書は郵送で提出することができます。手数料は収入印紙で納付してください。"
        "詳しくは窓口にお問い合わせください。",
        "The request for disclosure may be submitted by mail. Please pay the fee with "
        "revenue stamps. For details, please contact the counter.",
        "The request for disclosure may be submitted by mail. For details, please contact "
        "the counter.",
    ),
    (
        "omission.truncated",
        "審議会の議事は、出席した委員の過半数で決し、可否同数のときは、会長の決するところによる。",
        "Matters of the council are decided by a majority of the members present; in the "
        "case of a tie, the chairperson decides.",
        "Matters of the council are decided by a majority of the members present; in the",
    ),
    (
        "names.url",
        "詳細は https://www.digital.go.jp/resources/ を参照してください。",
        "For details, see https://www.digital.go.jp/resources/.",
        "For details, see the Digital Agency website.",
    ),
    (
        "names.email",
        "問合せ先：kaiji@example.go.jp（平日9時から17時まで）",
        "Contact: kaiji@example.go.jp (weekdays, 9:00 to 17:00)",
        "Contact: the disclosure office (weekdays, 9:00 to 17:00)",
    ),
    (
        "names.phone",
        "電話番号：03-3580-4111（代表）",
        "Telephone: 03-3580-4111 (main)",
        "Telephone: 03-3580-4112 (main)",
    ),
    (
        "names.person",
        "部会長　山田太郎（東京大学教授）",
        "Chair of the subcommittee: Taro Yamada (Professor, University of Tokyo)",
        "Chair of the subcommittee: Ichiro Suzuki (Professor, University of Tokyo)",
    ),
    (
        "names.place",
        "説明会は大阪市と福岡市で開催する。",
        "Briefing sessions will be held in Osaka City and Fukuoka City.",
        "Briefing sessions will be held in Osaka City and Nagoya City.",
    ),
    (
        "names.term",
        "GIFの実装データモデルはCC0で公開されている。",
        "The implementation data models of the GIF are published under CC0.",
        "The implementation data models are published under a public license.",
    ),
    (
        "names.law",
        "法制審議会議事規則を次のように定める。",
        "The Rules of Procedure of the Legislative Council are established as follows.",
        "The procedure of the Legislative Council is established as follows.",
    ),
    (
        "names.addressee",
        "一般社団法人日本船主協会　代表理事会長　殿",
        "To the Chairman and Representative Director, The Japanese Shipowners' Association",
        "Mr. Mr",
    ),
    (
        "degeneration.loop",
        "本書は、政府相互運用性フレームワーク（GIF）に関するよくある質問をまとめたものです。",
        "This document collects frequently asked questions about the Government "
        "Interoperability Framework (GIF).",
        "This document collects frequently asked questions about the GIF. This document "
        "collects frequently asked questions about the GIF. This document collects "
        "frequently asked questions about the GIF.",
    ),
    (
        "degeneration.markup",
        "保有個人情報の開示を請求します。",
        "I request disclosure of retained personal information.",
        "I request disclosure of retained personal information.</h4>",
    ),
    (
        "degeneration.markup",
        "次のとおり請求します。",
        "I hereby make the request as follows.",
        "I hereby make the request as follows.<|im_end|>",
    ),
    (
        "degeneration.example",
        "著者：データマネジメント研究会",
        "Authors: Data Management Study Group",
        "1111The deadline for submitting the application is when?11",
    ),
    (
        "degeneration.language",
        "この要綱案は、法制審議会の部会で決定されたものである。",
        "This draft outline was decided by a subcommittee of the Legislative Council.",
        "This draft outline was decided by 法制審議会の部会で決定されたもの.",
    ),
    (
        "degeneration.form",
        "年\u3000\u3000月\u3000\u3000日",
        "Year Month Day",
        "The year, month and day on which the applicant submitted the request to the head "
        "of the administrative agency.",
    ),
]


@pytest.mark.parametrize(("check", "source", "good", "bad"), CASES, ids=[c[0] for c in CASES])
def test_check_fires_on_its_fault(check, source, good, bad):
    found = check_segment(source, bad, (), "ja", "en")
    assert check in {f.check for f in found}, found
    finding = next(f for f in found if f.check == check)
    assert finding.severity in ("error", "warning")
    assert (
        finding.message("ja")
        and finding.message("en")
        and finding.message("ja") != (finding.message("en"))
    )


@pytest.mark.parametrize(("check", "source", "good", "bad"), CASES, ids=[c[0] for c in CASES])
def test_check_stays_quiet_on_a_faithful_translation(check, source, good, bad):
    found = [f for f in check_segment(source, good, (), "ja", "en") if f.severity != "info"]
    assert found == []


def test_hard_failures_are_errors_and_doubtful_ones_warnings():
    def severity(check):
        source, bad = next((c[1], c[3]) for c in CASES if c[0] == check)
        return next(
            f.severity for f in check_segment(source, bad, (), "ja", "en") if f.check == check
        )

    for hard in ("degeneration.loop", "degeneration.markup", "names.url", "names.addressee"):
        assert severity(hard) == "error", hard
    for soft in ("names.person", "omission.truncated", "names.law"):
        assert severity(soft) == "warning", soft


def test_form_words_are_recognised_and_translated_labels_are_fine():
    assert is_form_only("年\u3000月\u3000日") and is_form_only("記") and is_form_only("以上")
    assert not is_form_only("申請の年月日を記入する")
    assert check_segment("以上", "End", (), "ja", "en") == []
    assert check_segment("記", "Note", (), "ja", "en") == []


def test_an_example_pattern_with_the_documents_own_figures_is_not_a_copy():
    # Same sentence pattern as the prompt's example, other figures: a correct translation.
    source = "この規則は、平成13年1月6日から施行する。"
    good = "These rules shall come into force on January 6, 2001."
    assert [f for f in check_segment(source, good, (), "ja", "en") if f.severity != "info"] == []
    copied = "These rules shall come into force on April 1, 2026."
    checks = {f.check for f in check_segment(source, copied, (), "ja", "en")}
    assert "degeneration.example" in checks


def test_romanization_compares_hepburn_kunrei_and_long_vowels():
    assert romanize("キョウト") == "kyouto" and romanize("ホッカイドウ") == "hokkaidou"
    assert romanize("チャ") == "cha" and romanize("シンジュク") == "shinjuku"
    assert skeleton("Kyoto") == skeleton("kyouto") == skeleton("Kyôto")
    assert skeleton("Itoh") == skeleton("Itou") and skeleton("Sibuya") == skeleton("Shibuya")


def test_english_to_japanese_omission_band_is_the_inverse():
    source = (
        "Electronic transferable records shall be given the same legal effect as the "
        "corresponding paper-based transferable documents."
    )
    good = "電子的移転可能記録は、対応する紙媒体の移転可能書類と同一の法的効力を与えられる。"
    assert [f for f in check_segment(source, good, (), "en", "ja") if f.severity != "info"] == []
    short = "電子記録は有効。"
    assert "omission.length" in {f.check for f in check_segment(source, short, (), "en", "ja")}


def test_a_whole_example_copied_for_a_similar_title_is_found():
    # Seen in a real demo-model run on docx13: 訂正請求書 came out as the prompt's
    # example for 開示請求書. The example's own source stays quiet.
    copied = "Request for Disclosure of Retained Personal Information"
    found = check_segment("保有個人情報訂正請求書", copied, (), "ja", "en")
    assert "degeneration.example" in {f.check for f in found}
    assert check_segment("保有個人情報開示請求書", copied, (), "ja", "en") == []


def test_a_lone_form_word_translated_into_something_else_is_a_warning():
    # docx12, real demo-model run: 記 became "Date of signature" (short, so no error).
    found = check_segment("記", "Date of signature", (), "ja", "en")
    assert [(f.check, f.severity) for f in found] == [("degeneration.form", "warning")]
    for right in ("Note", "Notes", "Details", "Particulars"):
        assert not check_segment("記", right, (), "ja", "en"), right
    assert not check_segment("以上", "End of document", (), "ja", "en")
    assert check_segment("以上", "Date", (), "ja", "en")


def test_ordinal_words_carry_their_figure():
    # Real (organisation_references heldout): 「１つ目は…」 rendered "The first is …" was a
    # number false alarm; the ordinal is the figure.
    source = "改善点は２つある。１つ目は、申請書の様式を統一することである。"
    right = "There are two improvements. The first is to unify the application forms."
    assert "number" not in {f.check for f in check_segment(source, right, (), "ja", "en")}
    wrong = "There are two improvements. The main improvement is to unify the forms."
    assert "number" in {f.check for f in check_segment(source, wrong, (), "ja", "en")}


def test_any_made_up_tag_is_markup_unless_the_source_has_angle_brackets():
    # fresh_runs_s7 pptx03 (slide notes, demo model): a LaTeX-like tag the model made up.
    source = "最近、ランサムウェアによってバックアップデータまで被害を受けるケースがあります。"
    english = "Recently, there have been cases in which ransomware damaged even backup data."
    assert check_segment(source, english, (), "ja", "en") == []
    made_up = english.replace("backup data", "<tex>$backups$</tex>")
    found = [(f.check, f.severity) for f in check_segment(source, made_up, (), "ja", "en")]
    assert ("degeneration.markup", "error") in found
    # A heading in angle brackets may keep them; our own inline tags are not markup.
    assert not [
        f
        for f in check_segment("＜参考＞", "<reference>", (), "ja", "en")
        if f.check == "degeneration.markup"
    ]
    assert not [
        f
        for f in check_segment(
            "<g1>保有個人情報</g1>の開示", "Disclosure of <g1>personal data</g1>", (), "ja", "en"
        )
        if f.check == "degeneration.markup"
    ]
