"""Two tiers of findings (tiers.py): one weak signal alone — a clause judged lost only on
the dictionary's glosses, a name the source does not spell — is told as worth a look
(確認推奨, info), unless a second signal agrees; the translation memory still keeps such a
segment out."""

from __future__ import annotations

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.finding import INFO, WARNING, Finding
from desk_assistant.tasks.translate.purge import is_bad
from desk_assistant.tasks.translate.tiers import memory_clean, tiered

# No listed content word, loanword, name or figure: only the dictionary knows 落ち葉/清掃.
from .test_lexicon import FAITHFUL, SOURCE, WITHOUT_LEAVES

# 衆議院 (a Diet answer, tests/translate/test_fresh_text_alarms.py): JJOC is the source's.
JJOC = (
    "これを受けて、日米間で作業部会を御指摘のように設置をし、自衛隊のＪＪＯＣと米軍のカウンター"
    "パート関係等について議論を進めていくことで一致をいたしました。"
)
JJOC_EN = (
    "In response to this, Japan and the United States agreed to set up a working group, as you "
    "pointed out, and to move forward with discussions on matters such as the counterpart "
    "relationship between the JSDF's JJOC and the U.S. forces."
)


def _severities(source: str, translation: str) -> list[tuple[str, str]]:
    return [(f.check, f.severity) for f in check_segment(source, translation, (), "ja", "en")]


def test_a_clause_lost_on_glosses_alone_is_worth_a_look():
    assert _severities(SOURCE, FAITHFUL) == []
    assert _severities(SOURCE, WITHOUT_LEAVES) == [("omission.clause", INFO)]
    finding = check_segment(SOURCE, WITHOUT_LEAVES, (), "ja", "en")[0]
    assert finding.message_ja.startswith("確認推奨: ") and "落ち葉" in finding.message_ja
    assert finding.message_en.startswith("Worth a look: ")
    assert "weak" not in finding.to_dict()


def test_a_second_signal_keeps_the_warning():
    # A name the source does not spell, alone: worth a look …
    invented = JJOC_EN.replace("JSDF", "NATO")
    assert _severities(JJOC, invented) == [("names.added", INFO)]
    # … beside a lost clause that rests on more than the dictionary (作業部会, a listed
    # body), all of them count.
    lost = invented.replace(" to set up a working group, as you pointed out, and", "")
    found = _severities(JJOC, lost)
    assert ("omission.clause", WARNING) in found and ("names.added", WARNING) in found


def _weak(check: str = "omission.clause") -> Finding:
    return Finding(check, WARNING, "落ち葉を清掃するとともに、", "", "ja", "en", weak=True)


def test_the_rule_one_weak_signal_alone_or_backed():
    figure = Finding("number", WARNING, "3", "3", "ja", "en")
    assert [f.severity for f in tiered([_weak()], SOURCE, FAITHFUL, "ja", "en")] == [INFO]
    # Another check that is not weak agrees: unchanged.
    both = tiered([_weak(), figure], SOURCE, FAITHFUL, "ja", "en")
    assert [f.severity for f in both] == [WARNING, WARNING]
    # Two weak signals are still one kind of evidence: worth a look.
    two = tiered([_weak(), _weak("names.added")], SOURCE, FAITHFUL, "ja", "en")
    assert [f.severity for f in two] == [INFO, INFO]
    # A translation clearly short for its source (inside the length band) agrees.
    short = "The city prunes trees and checks the playground."
    assert [f.severity for f in tiered([_weak()], SOURCE, short, "ja", "en")] == [WARNING]
    # Other languages than ja → en have no band: the weak finding alone is worth a look.
    assert [f.severity for f in tiered([_weak()], SOURCE, FAITHFUL)] == [INFO]


def test_memory_keeps_out_a_segment_worth_a_look_but_not_a_formatting_repair():
    tags = Finding("tags", INFO, "", "", "書式", "formatting")
    assert memory_clean([]) and memory_clean([tags])
    # Other info (a figure the source implies) is not a look either: as before the tiers.
    implied = Finding("number", INFO, "10%", "1割", "原文にない数値", "figure")
    assert memory_clean([implied])
    assert not memory_clean([tags, tiered([_weak()], SOURCE, FAITHFUL, "ja", "en")[0]])
    assert not memory_clean([_weak()])
    bad = is_bad("ja", "en")
    assert bad(SOURCE, WITHOUT_LEAVES) and not bad(SOURCE, FAITHFUL)


def test_through_the_pipeline_the_verdict_is_clean_and_the_memory_keeps_it_out(tmp_path):
    from .conftest import translate_list

    other = "遊具の点検を毎月行う。"
    result, memory = translate_list(
        tmp_path, {SOURCE: WITHOUT_LEAVES, other: "The playground equipment is inspected monthly."}
    )
    looked, clean = result.segments
    assert [(f.check, f.severity) for f in looked.findings] == [("omission.clause", INFO)]
    assert not clean.findings
    # The verdict counts no review, but says that one segment is worth a look.
    assert result.verdict.ok and result.verdict.look == 1
    assert result.verdict.label("ja") == "問題なし（確認推奨 1 件）"
    assert result.verdict.label("en") == "no problems found (1 worth a look)"
    assert result.to_dict()["verdict"]["look"] == 1
    assert memory.lookup(SOURCE) is None and memory.lookup(other)


def test_an_aside_connective_alone_is_worth_a_look_a_logical_one_is_not():
    # 例えば before a list of examples: the statement holds without "for example".
    source = "この制度の影響の中には、例えば、手続の負担の増加、あるいは費用の増加など、様々なものがあります。"
    english = (
        "The effects of this system include, for example, a heavier procedural burden and "
        "higher costs, among many others."
    )
    assert _severities(source, english) == []
    assert _severities(source, english.replace(", for example,", "")) == [("omission.clause", INFO)]
    # ただし ("however", a proviso) lost is a warning still.
    proviso = "ただし、申請者が、書面により同意したときは、この限りでない。"
    english = "This does not apply if the applicant has consented in writing."
    assert _severities(proviso, english) == [("omission.clause", WARNING)]
    assert _severities(proviso, "However, " + english[0].lower() + english[1:]) == []


def test_a_body_the_source_does_not_name_stays_a_warning_alone():
    # organisation_references.json: a swapped organisation shows only this way when the
    # source's own body (地方公共団体) has no listed English: a lost name, never a look.
    source = "情報の管理主体である地方公共団体名について、市区町村名を記載。"
    english = (
        "Enter the name of the municipality as the name of the local government that manages "
        "the information."
    )
    assert _severities(source, english) == []
    swapped = english.replace("local government", "Ministry of Commerce")
    assert _severities(source, swapped) == [("names.added", WARNING)]


def test_the_verdict_names_looks_beside_reviews_and_not_formatting_repairs():
    from desk_assistant.tasks.verdicts import verdict_of

    look = tiered([_weak()], SOURCE, FAITHFUL, "ja", "en")
    tags = Finding("tags", INFO, "", "", "書式", "formatting")
    warning = Finding("number", WARNING, "3", "3", "ja", "en")
    verdict = verdict_of([look, [tags], [], [warning, *look]])
    # A unit with a warning counts once, as review; a formatting repair is no look.
    assert (verdict.review, verdict.errors, verdict.look) == (1, 0, 1)
    assert verdict.label("ja") == "要確認 1 件（確認推奨 1 件）"
    assert verdict_of([[tags], []]).label("en") == "no problems found"


def test_one_word_added_to_a_label_is_worth_a_look_unless_it_replaced_or_invents():
    label = "工事の期間"
    assert _severities(label, "Period of the construction") == []
    # A translator's conventional word, the source's words all said: worth a look.
    assert _severities(label, "Period of the construction contract") == [("meaning.added", INFO)]
    # Two words of its own are content the label lacks.
    wider = "Period of the construction contract with the bank"
    assert _severities(label, wider) == [("meaning.added", WARNING)]
    # The word replaced one of the source (工事 unsaid): not weak.
    from desk_assistant.tasks.translate.added import check_added

    assert [f.weak for f in check_added(label, "Period of the contract", "ja", "en")] == [False]


def test_one_word_that_the_demo_model_copies_or_that_loses_a_kind_stays_a_warning():
    # Real demo-model outputs (bench/data/collapse_runs.json, pptx01 and xlsx01).
    # "application" is a word of the prompt's worked examples (prompting.EXAMPLES).
    assert _severities("拡張", "Application for extension") == [("meaning.added", WARNING)]
    assert _severities("拡張", "Extension") == []
    # 者 (a person) is a kind whose English is listed: the committee replaced it.
    assert _severities("評価者：", "The evaluation committee:") == [("meaning.added", WARNING)]
    assert _severities("評価者：", "Evaluator:") == []
    # A name in running text is not the title case of a heading.
    assert _severities("（１件３００円）", "(300 yen per request) in Tokyo") == [
        ("meaning.added", WARNING)
    ]


def test_a_label_too_short_to_judge_by_length_is_never_short_enough_to_agree():
    # エラーレポート → "Error report" (pptx03, labelled ok): 7 kana, 11 letters; the ratio
    # of a label says nothing, so it does not back the weak finding.
    from desk_assistant.tasks.translate.added import added_words

    assert added_words("エラーレポート", "Error report") == ["Error"]
    assert _severities("エラーレポート", "Error report") == [("meaning.added", INFO)]
