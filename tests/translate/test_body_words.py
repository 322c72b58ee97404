"""The words of an unlisted body (names.body_words). Real demo-model outputs of the Office
run (xlsx06, 高松市's organisation list) and pdf13, each beside the English an editor
would accept; official English names of the organisation list stay quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk_assistant.tasks.translate.bodywords import (
    bodies_in,
    body_lost,
    check_body_words,
    is_body_label,
)
from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.organisations import known_organisations

BENCH = Path(__file__).parents[2] / "bench" / "data"

# (source, what the demo model wrote (real run), what an editor would accept)
LOSSES = [
    ("総務局", "Office of the Chief Executive Officer", "General Affairs Bureau"),
    ("介護保険課", "The Health Care Service Department", "Long-Term Care Insurance Division"),
    ("河港課", "City Office", "River and Port Division"),
    ("花ノ宮保育所", "The nursery school in Fukushima", "Hananomiya Nursery School"),
    (
        "都市整備局河港課",
        "City Development Office",
        "River and Port Division, City Development Bureau",
    ),  # fmt: skip
    (
        "健康福祉局こども未来部",
        "Health and Welfare Department",
        "Children's Future Department, Health and Welfare Bureau",
    ),  # fmt: skip
    ("檀紙出張所", "A business office", "Danshi Branch Office"),
    ("北消防署", "The Fire Department", "North Fire Station"),
    ("新番丁小学校", "New name in the school", "Shinbancho Elementary School"),
    ("一般社団法人全国銀行協会", "General Association of Japan", "Japanese Bankers Association"),
    # Only figures left of a kindergarten's name.
    ("三渓幼稚園", "33-1-1", "Sankei Kindergarten"),
    # A chain is judged level by level: 指令 (command) of the division is gone.
    (
        "消防局情報指令課",
        "Fire Department Information Division",
        "Information and Command Division, Fire Bureau",
    ),  # fmt: skip
]


def body_findings(source, translation):
    return [f for f in check_segment(source, translation, (), "ja", "en")
            if f.check == "names.body_words"]  # fmt: skip


@pytest.mark.parametrize(("source", "demo", "faithful"), LOSSES)
def test_a_real_demo_model_body_loss_is_a_finding(source, demo, faithful):
    found = body_findings(source, demo)
    assert found, demo
    assert found[0].severity == "warning"


@pytest.mark.parametrize(("source", "demo", "faithful"), LOSSES)
def test_the_faithful_body_name_is_quiet(source, demo, faithful):
    assert not body_findings(source, faithful)


def test_the_message_names_the_missing_words_in_both_languages():
    (finding,) = check_body_words("介護保険課", "The Health Care Service Department")
    assert "保険" in finding.message_ja and "介護保険課" in finding.message_ja
    assert "保険" in finding.message_en and "介護保険課" in finding.message_en


def test_a_lost_level_of_a_chain_is_named():
    (finding,) = check_body_words("政策局政策課", "Policy Office")
    assert "1階層" in finding.message_ja and "1 of its levels" in finding.message_en


def test_an_official_english_name_that_leaves_dictionary_glosses_is_quiet():
    # The lead's false alarm of the last session: 責任 and 保険 read as Protection and Indemnity.
    assert not check_body_words(
        "日本船主責任相互保険組合",
        "The Japan Ship Owners' Mutual Protection and Indemnity Association",
    )
    for source, english in (("海上保安庁", "Japan Coast Guard"), ("気象庁", "Japan Meteorological Agency"),
                            ("造幣局", "Japan Mint"), ("デジタル庁", "Digital Agency")):  # fmt: skip
        assert body_lost(source, english, {}) == ([], 0), source


def test_false_alarms_on_the_organisation_list_stay_rare():
    """Every row of the list as a clean pair, the list itself switched off: the Japanese
    checked word by word against its official English name (12/157 when written)."""
    rows = [(j, o.english[0]) for j, o in known_organisations().items()]
    alarms = [j for j, en in rows if body_lost(j, en, {}) != ([], 0)]
    assert len(alarms) <= 0.1 * len(rows), alarms


def test_clean_references_stay_quiet():
    for name in ("organisation_references", "title_references", "trust_references"):
        rows = json.loads((BENCH / f"{name}.json").read_text(encoding="utf-8"))["segments"]
        alarms = [r["source"] for r in rows if check_body_words(r["source"], r["reference"])]
        assert len(alarms) <= 0.05 * len(rows), (name, alarms)


def test_which_text_is_a_body():
    assert is_body_label("健康福祉局福祉事務所障がい福祉課")
    assert not is_body_label("課題を整理する。")
    # Common nouns ending like a body (real docx08 label 改定箇所 → "Where is the new change?"
    # is meaning.label's, not a lost body); one-character kinds need a two-character name.
    assert not is_body_label("改定箇所") and not is_body_label("会場")
    assert is_body_label("小学校") and is_body_label("北消防署")
    # Corpus headings ending in a common noun that ends like a kind: 関係 (relation) holds 係.
    assert not is_body_label("データ項目間の関係") and not is_body_label("管理用開口部")
    assert is_body_label("5運動公園")  # a park is a kind of 園 ("park" names it)
    assert bodies_in("介護保険課") == ["介護保険課"]
    assert bodies_in("デジタル庁") == []  # listed: names.organisation checks its English
    # In running text at least two words must be missing: 処分庁 → "the administrative agency".
    assert not check_body_words(
        "審査請求書の送付を受けた処分庁は、速やかに、その旨を通知しなければならない。",
        "An administrative agency that has received the written request shall promptly notify it.",
    )


def test_a_body_in_the_glossary_is_left_to_the_glossary_check():
    assert check_body_words("河港課", "City Office")
    assert not check_body_words("河港課", "City Office", glossary_sources=("河港課",))


def test_the_heldout_labels_were_judged_before_the_check():
    labels = json.loads((BENCH / "xlsx06_heldout_labels.json").read_text(encoding="utf-8"))
    rows = labels["segments"].values()
    assert len(rows) == 117 and sum(r["label"] == "lost" for r in rows) == 79
    flagged = [r for r in rows if check_body_words(r["source"], r["output"])]
    right = [r for r in flagged if r["label"] == "lost"]
    assert len(right) >= 0.9 * len(flagged)  # precision (0.946 at the first run)
    assert len(right) >= 0.8 * 79  # recall (0.886 at the first run)


def test_the_second_heldout_sample():
    """35 more odd rows (silent with the checks of 04:53), labelled before the check's
    verdicts on them were seen: precision 0.885, recall 0.793 at the first run."""
    rows = json.loads((BENCH / "xlsx06_heldout_labels2.json").read_text(encoding="utf-8"))
    rows = list(rows["segments"].values())
    flagged = [r for r in rows if check_body_words(r["source"], r["output"])]
    right = [r for r in flagged if r["label"] == "lost"]
    assert len(right) >= 0.85 * len(flagged)
    assert len(right) >= 0.75 * sum(r["label"] == "lost" for r in rows)


def test_through_the_pipeline_the_user_sees_it_and_the_memory_keeps_nothing(tmp_path):
    """A two-cell list translated with the scripted engine giving the real demo outputs:
    the wrong name carries the finding, the verdict says 要確認, the TM keeps only the
    right one."""
    from .conftest import translate_list

    replies = {"介護保険課": "The Health Care Service Department",
               "都市計画課": "City Planning Division"}  # fmt: skip
    result, memory = translate_list(tmp_path, replies)
    wrong, right = result.segments
    assert [f.check for f in wrong.findings if f.check == "names.body_words"]
    assert not [f for f in right.findings if f.severity != "info"]
    assert result.verdict.label("ja").startswith("要確認")
    assert memory.lookup("介護保険課") is None and memory.lookup("都市計画課")


def test_generic_labels_and_whole_words_are_quiet_and_a_wrong_one_is_not():
    # 所属部署 is a form's "Department" field, not a name; 博物館 is one word, "museum".
    for source, english in (("所属部署", "Department"), ("担当課", "Division in charge"),
                            ("博物館", "Museum"), ("動物園", "Zoo")):  # fmt: skip
        assert not check_body_words(source, english), source
    assert check_body_words("博物館", "Library")


def test_a_company_is_named_by_its_brand():
    assert not check_body_words("株式会社日立製作所", "Hitachi, Ltd.")


def test_a_fresh_real_run_of_bodies_from_laws_and_diet_speeches():
    """36 bodies never used while building the check, translated by the demo model and
    labelled before the check ran on them: precision 0.842, recall 0.640 at the first run."""
    rows = json.loads((BENCH / "bodies_fresh_run_labels.json").read_text(encoding="utf-8"))
    rows = list(rows["segments"].values())
    flagged = [r for r in rows if check_body_words(r["source"], r["output"])]
    right = [r for r in flagged if r["label"] == "lost"]
    assert len(right) >= 0.8 * len(flagged)
    assert len(right) >= 0.6 * sum(r["label"] == "lost" for r in rows)


# Names of three or more content words (bench FAITHFUL list and the organisation list, the
# list switched off): one word replaced by another body's word, the rest kept.
REPLACED = [
    ("文化芸術振興課", "Tourism and Arts Promotion Division", "文化"),
    ("環境局環境指導課", "Environmental Tourism Division, Environment Bureau", "指導"),
    ("個人情報保護委員会", "Personal Information Disclosure Commission", "保護"),
    ("個人情報保護委員会", "Harbour Information Protection Commission", "個人"),
    ("中央選挙管理会", "Central Fisheries Management Council", "選挙"),
    ("地方公共団体情報システム機構", "Japan Agency for Local Authority Fisheries Systems", "情報"),
]


@pytest.mark.parametrize(("source", "wrong", "word"), REPLACED)
def test_a_word_replaced_in_a_long_name_is_lost_even_when_the_rest_is_there(source, wrong, word):
    """Official names may leave a word out, so one missing word of three used to pass; an
    English word that no source word accounts for in its place is a substitution."""
    lost, _ = body_lost(source, wrong, {})
    assert word in lost, (source, wrong, lost)


def test_a_replaced_word_is_a_finding_on_an_unlisted_body():
    (finding,) = check_body_words("文化芸術振興課", "Tourism and Arts Promotion Division")
    assert "文化" in finding.message_ja and "文化" in finding.message_en
    assert not check_body_words("文化芸術振興課", "Culture and Arts Promotion Division")


@pytest.mark.parametrize(
    ("source", "english"),
    [
        # Words that together are a dictionary word: 会計検査 "audit"; 宇宙 + 航空 as 航空宇宙
        # "aerospace" (and 研究 as "exploration", kin of 探究).
        ("会計検査院", "Board of Audit"),
        ("宇宙航空研究開発機構", "Japan Aerospace Exploration Agency"),
        # 公開 as "disclosure": 開示 shares a character and a gloss with it.
        (
            "情報公開・個人情報保護審査会",
            "Information Disclosure and Personal Information Protection Review Board",
        ),  # fmt: skip
        # A near synonym is no substitution: 管理 as "supervision" (監理, 管轄 …).
        ("中央選挙管理会", "Central Election Supervision Council"),
        # A hyphenated gloss read word by word (自衛隊員 "self-defense forces personnel").
        ("自衛隊員倫理審査会", "Self-Defense Forces Personnel Ethics Board"),
    ],
)
def test_an_english_word_of_the_source_is_no_substitution(source, english):
    assert body_lost(source, english, {}) == ([], 0), source
