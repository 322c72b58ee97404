"""meaning.collapsed: distinct sources of one document that came out as one translation
(real demo-model runs, bench/data/collapse_runs.json), through the pipeline with the
scripted engine: a warning on each, verdict 要確認, nothing stored in the memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk_assistant.documents import load, write_text_docx
from desk_assistant.tasks.translate import InMemoryStore, TranslationMemory, translate_document
from desk_assistant.tasks.translate.collapse import CHECK, check_collapsed, content_words

from .conftest import make_engine, prompt_input
from .test_cli import fake_model, run  # noqa: F401 - the CLI fixture

BENCH = Path(__file__).resolve().parents[2] / "bench" / "data"
COLLAPSED = "Other issues may arise that are not correct."
QUALITIES = [
    f"その他、{word}において問題となる事象が発生している。"
    for word in ("理解性", "追跡可能性", "効率性")
]


def real_segments(prefix: str) -> list[list]:
    docs = json.loads((BENCH / "collapse_runs.json").read_text(encoding="utf-8"))["documents"]
    return next(segs for name, segs in docs.items() if name.startswith(prefix))


def test_the_xlsx02_quality_rows_that_lost_their_quality_word_are_each_flagged():
    segments = [s for s in real_segments("xlsx02") if s[2] not in ("kept", "failed")]
    pairs = [(s[0], s[1]) for s in segments]
    found = check_collapsed(pairs)
    flagged = {pairs[i][0].strip() for i in found}
    assert set(QUALITIES) <= flagged
    # They were silent before: no warning or error finding of their own.
    assert all(not s[3] for s in segments if s[0].strip() in QUALITIES)
    message = next(f for i, f in found.items() if pairs[i][0].strip() == QUALITIES[0])
    assert message.check == CHECK and message.severity == "warning"
    assert message.message("ja").startswith("異なる原文が同じ訳になっています")
    assert "正確性" in message.message("ja") and "ほか 10 件" in message.message("ja")  # 13 others
    assert "Different sources have the same translation" in message.message("en")


def test_an_organisation_list_whose_sections_became_one_english_name_is_flagged():
    segments = [s for s in real_segments("xlsx06") if s[2] not in ("kept", "failed")]
    pairs = [(s[0], s[1]) for s in segments]
    flagged = {pairs[i][0].strip() for i in check_collapsed(pairs)}
    assert {"財政課", "税務部", "納税課"} <= flagged  # all "Tax Department"


@pytest.mark.parametrize(
    "sources",
    [
        ["（1）申請書", "申請書", "2. 申請書"],  # numbering
        ["ルール", "ルールの", "ルールや"],  # particles
        ["総務課", "総務部"],  # body kind words
        ["申請書の提出", "提出、申請書"],  # order and punctuation
        ["【データ】", "データ", "データ　"],  # brackets, spacing
        ["仕様C", "仕様D"],  # a label letter, like numbering
        ["データ利活用", "データ活用"],  # one word inside the other
        ["申請書", "申請書"],  # identical sources
        ["完全性（Completeness）", "完全性"],  # an English gloss
        ["デバイスやブラウザ依存がない", "デバイスやブラウザの依存がない"],  # both negated
    ],
)
def test_sources_that_differ_only_in_form_are_not_flagged(sources):
    assert check_collapsed([(s, "Application") for s in sources]) == {}


def test_sources_that_differ_in_negation_are_flagged():
    # xlsx01 (held out): both became "Web and API-based services are not provided."
    pairs = [
        ("WebやAPIによるサービス提供をしていない", "Web and API-based services are not provided."),
        ("WebやAPIによるサービス提供をしている", "Web and API-based services are not provided."),
    ]
    assert sorted(check_collapsed(pairs)) == [0, 1]


def test_a_kept_or_untranslated_translation_is_not_a_collapse():
    pairs = [("理解性", "理解性"), ("効率性", "効率性"), ("精度", "1"), ("正確性", "1")]
    assert check_collapsed(pairs) == {}


def test_each_flagged_segment_names_the_other_sources_not_its_own():
    found = check_collapsed([(q, COLLAPSED) for q in QUALITIES] + [("別の文", "Another.")])
    assert sorted(found) == [0, 1, 2]
    ja = found[0].message("ja")
    assert "追跡可能性" in ja and "効率性" in ja and "理解性" not in ja


def test_content_words_ignore_numbering_particles_and_kind_words():
    assert content_words("（1）総務課の申請書") == content_words("申請書、総務部")


@pytest.mark.parametrize(
    "name",
    [
        "trust_references.json",
        "organisation_references.json",
        "clause_references.json",
        "title_references.json",
        "clean_references_heldout7.json",
    ],
)
def test_clean_reference_sets_taken_as_one_document_raise_nothing(name):
    data = json.loads((BENCH / name).read_text(encoding="utf-8"))
    rows = data["segments"] + data.get("titles", [])
    assert len(rows) >= 14
    assert check_collapsed([(r["source"], r["reference"]) for r in rows]) == {}


def test_through_the_pipeline_the_collapsed_rows_need_review_and_stay_out_of_memory(tmp_path):
    store = InMemoryStore(
        {"version": 1, "entries": {"既存の文。": {"target": "Old.", "origin": "mt"}}}
    )
    memory = TranslationMemory(store)
    clean = "手数料は収入印紙で納付してください。"

    def reply(prompt):
        text = prompt_input(prompt)
        return "Please pay the fee with revenue stamps." if text == clean else COLLAPSED

    path = tmp_path / "in.docx"
    write_text_docx(path, [*QUALITIES, clean])
    result = translate_document(
        make_engine(reply), "few_shot", load(path), target_lang="en", memory=memory
    )
    *collapsed, good = result.segments
    for segment in collapsed:
        assert CHECK in [f.check for f in segment.findings]
    assert CHECK not in [f.check for f in good.findings]
    assert not result.verdict.ok and result.verdict.label("ja").startswith("要確認")
    assert result.verdict.review >= 3
    assert set(store.data["entries"]) == {"既存の文。", clean}  # the TM kept only the clean one
    assert result.to_dict()["segments"][0]["findings"][-1]["check"] == CHECK


def test_held_out_labelled_groups_are_found_with_few_false_alarms(monkeypatch, capsys):
    """bench/collapse_eval.py on the held-out documents (labelled before the check ran)."""
    monkeypatch.syspath_prepend(str(BENCH.parent))
    from collapse_eval import collapse_eval

    figures = collapse_eval()
    capsys.readouterr()
    assert figures["precision"] >= 0.8 and figures["recall"] >= 0.9
    assert figures["silent_flagged"] >= 100  # segments with no warning before
    assert figures["clean_alarms"] == 0


def test_the_cli_json_shows_the_collapse_and_exits_1(fake_model, tmp_path, capsys):  # noqa: F811
    fake_model["reply"] = lambda prompt: COLLAPSED
    source = tmp_path / "survey.docx"
    write_text_docx(source, QUALITIES[:2])
    code, out, _ = run([source, "--to", "en", "--format", "json"], capsys)
    [result] = json.loads(out)["results"]
    assert code == 1 and result["verdict"]["label_ja"] == "要確認 2 件"
    for segment in result["segments"]:
        [finding] = [f for f in segment["findings"] if f["check"] == CHECK]
        other = next(q for q in QUALITIES[:2] if q != segment["source"])
        assert other in finding["message_ja"] and other in finding["message_en"]
