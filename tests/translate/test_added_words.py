"""Words a short translation adds (meaning.added). Real demo-model outputs (xlsx06 高松市's
organisation list, xlsx01/xlsx03/pptx02 evaluation tools), each beside the English an editor
would accept; official English of the organisation list stays quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk_assistant.tasks.translate.added import added_words, applies, check_added
from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.organisations import known_organisations

BENCH = Path(__file__).parents[2] / "bench" / "data"

# (source, real demo-model output, the invented word, what an editor would accept)
ADDED = [
    ("市民課", "City Tax Office", "Tax", "Citizens Division"),
    ("財産経営課", "The bank's property management department", "bank",
     "Property Management Division"),
    ("証明", "Certificate of Registration", "Registration", "Certification"),
    ("花ノ宮保育所", "The nursery school in Fukushima", "Fukushima", "Hananomiya Nursery School"),
    ("評価者：", "The evaluation committee:", "committee", "Evaluator:"),
    ("目的", "What is the purpose of the application?", "application", "Purpose"),
    ("説明力", "English", "English", "Ability to explain"),
    ("住所", "Name", "Name", "Address"),
    ("局", "The address of the office of the Board of Directors is:", "address", "Bureau"),
    ("牟礼総合センター", "The Ministry of Commerce", "Ministry", "Mure General Center"),
    ("総務局", "Office of the Chief Executive Officer", "Chief", "General Affairs Bureau"),
    ("報告書", "Report on the application", "application", "Report"),  # i12short labels2
    ("栗林小学校", "The school will be closed on April 1, 2034.", "closed",
     "Ritsurin Elementary School"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "output", "word", "faithful"), ADDED)
def test_an_invented_word_is_named_and_the_faithful_english_is_quiet(
    source, output, word, faithful
):
    assert word in added_words(source, output)
    assert not added_words(source, faithful)


def test_the_finding_names_the_word_in_both_languages_and_is_a_warning():
    found = [f for f in check_segment("市民課", "City Tax Office", (), "ja", "en")
             if f.check == "meaning.added"]  # fmt: skip
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert "「Tax」" in found[0].message_ja and "'Tax'" in found[0].message_en


def test_what_the_source_explains_is_quiet():
    for source, english in (
        ("デジタル戦略課", "Digital Strategy Division"),  # katakana by its sound
        ("ゼロカーボンシティ推進課", "Zero Carbon City Promotion Division"),
        ("新番丁小学校", "Shinbancho Elementary School"),  # a name by its reading
        ("都市計画課", "City Planning Division"),
        ("建築課", "Building Division"),  # 建築 "construction": 建物 "building" shares 建
        ("資産税課", "Property Taxation Division"),
        ("人権・男女共同参画推進課", "Human Rights and Gender Equality Promotion Division"),
        ("介護保険課", "Long-Term Care Insurance Division"),
        ("第２部会", "Second Subcommittee"),
        ("みんなの病院", "Everyone's Hospital"),  # kana: Sudachi's normal form 皆
        ("教育局中学校香東中学校", "Kotoh Junior High School, Education Bureau"),
    ):
        assert not added_words(source, english), (source, added_words(source, english))


def test_only_short_japanese_to_english_segments_are_judged():
    assert applies("市民課", "ja", "en")
    assert not applies("市民課", "en", "ja")
    long = "市民課では住民票の写しや印鑑登録証明書を発行しています"  # 27 characters
    assert not applies(long, "ja", "en")
    assert not check_added(
        long, "The City Tax Office issues copies of residence records.", "ja", "en"
    )
    assert not applies("株式会社日立製作所", "ja", "en")  # a company's English is its brand


def test_official_english_of_the_organisation_list_is_almost_always_quiet():
    rows = [(j, o.english[0]) for j, o in known_organisations().items()]
    alarms = [r for r in rows if applies(r[0], "ja", "en") and added_words(*r)]
    assert len(rows) > 100
    assert len(alarms) / len(rows) <= 0.03, alarms  # 2/157 at landing


def test_a_line_naming_a_person_is_left_to_the_name_checks():
    # trust_references: the official English of an affiliation is not word for word.
    line = "早稲田大学法学学術院教授小出篤"
    assert not check_added(
        line, "Atsushi Koide, Professor, Faculty of Law, Waseda University", "ja", "en"
    )
    # …but a body named after a place that reads like a surname is still judged.
    assert check_added(
        "前田小学校", "The school of the same name is located in the same building", "ja", "en"
    )


def test_held_out_real_runs_labelled_before_the_check_existed():
    """130 random short segments of pptx02/xlsx01/xlsx03, judged added/not before any code:
    precision 0.651 / recall 0.778 at the first run; 0.788 / 0.722 after the changes that
    run motivated (sounds, the clause word list, sentences and person lines left out)."""
    rows = json.loads((BENCH / "added_heldout.json").read_text(encoding="utf-8"))["segments"]
    flags = [bool(check_added(r["source"], r["translation"], "ja", "en")) for r in rows]
    truth = [r.get("kind") == "word" for r in rows]
    tp = sum(f and t for f, t in zip(flags, truth, strict=True))
    assert tp / sum(flags) >= 0.75
    assert tp / sum(truth) >= 0.70


def test_through_the_pipeline_the_user_sees_it_and_the_memory_keeps_nothing(tmp_path):
    from .conftest import translate_list

    replies = {"市民課": "City Tax Office", "都市計画課": "City Planning Division"}
    result, memory = translate_list(tmp_path, replies)
    wrong, right = result.segments
    assert [f for f in wrong.findings if f.check == "meaning.added"]
    assert not [f for f in right.findings if f.severity != "info"]
    assert result.verdict.label("ja").startswith("要確認")
    assert memory.lookup("市民課") is None and memory.lookup("都市計画課")


def test_a_fresh_real_run_labelled_before_its_findings_were_seen():
    """32 cells of xlsx02/04/05 (never used before) through the demo model: 7 add a word;
    precision 0.5, recall 0.714 at the first look (risk for 恐れ, level for 程度 read as added)."""
    rows = json.loads((BENCH / "added_fresh_run_labels.json").read_text(encoding="utf-8"))
    rows = [r for r in rows["segments"] if r["origin"] == "model"]
    flags = [bool(check_added(r["source"], r["translation"], "ja", "en")) for r in rows]
    truth = [r["added"] for r in rows]
    tp = sum(f and t for f, t in zip(flags, truth, strict=True))
    assert tp >= 5 and sum(flags) - tp <= 5
