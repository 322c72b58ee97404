"""Styles are data: the eight built-in ones, a user's own file, the length target."""

import json
import os
import subprocess
import sys

from desk_assistant.llm.engine import LoadOptions
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.tasks.summarize import find_style, load_styles, summarize
from desk_assistant.tasks.summarize.pipeline import shape_output

REQUIRED = {
    "bullets": "箇条書き",
    "dearu": "である調",
    "desumasu": "です・ます調",
    "press": "報道発表資料風",
    "briefing": "幹部説明用1枚",
    "3lines": "3行要約",
    "easy": "やさしい日本語",
    "en_exec": "英語エグゼクティブサマリー",
}


def test_the_eight_styles_of_the_issue_are_data_with_examples_for_base_models():
    styles = load_styles()
    assert {k: styles[k].name_ja for k in REQUIRED} == REQUIRED
    for style in styles.values():
        assert style.name_en and style.instruction and style.default_length > 0
        assert style.examples, style.id
        for source, summary in style.examples:
            # A worked example must itself be grounded, or it teaches the model to invent.
            assert source and summary
    assert styles["en_exec"].language == "en" and styles["dearu"].output_shape == "prose"


def test_a_user_style_file_is_used_without_code_and_a_broken_one_is_skipped(app_home):
    folder = app_home / "config" / "styles"
    folder.mkdir(parents=True)
    mine = {
        "id": "memo",
        "name_ja": "課内メモ",
        "name_en": "Team memo",
        "instruction": "次の文書を課内メモとして2項目で書く。",
        "output_shape": "bullets",
        "default_length": 2,
        "examples": [["本日は晴れ。会議は15時から。", "・会議は15時から"]],
    }
    (folder / "memo.json").write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")
    (folder / "bad.json").write_text('{"id": "bad", "output_shape": "poem"}', encoding="utf-8")
    styles = load_styles()
    assert styles["memo"].length_unit == "bullets" and "bad" not in styles
    engine = FakeEngine("・会議は15時から\n・議題は予算\n・三つ目")
    engine.load("fake.gguf", LoadOptions(n_ctx=4096))
    result = summarize(
        engine, "few_shot", "会議は15時から。議題は予算。", styles["memo"], n_ctx=4096
    )
    assert result.units == ["・会議は15時から", "・議題は予算"]  # capped at its default length
    assert "課内メモとして2項目で書く。 2項目以内で書く。" in engine.prompts[0]


def test_length_is_told_to_the_model_and_enforced_on_the_answer():
    bullets, prose, english = find_style("bullets"), find_style("dearu"), find_style("en_exec")
    assert bullets.length_instruction(2) == "2項目以内で書く。"
    assert prose.length_instruction(100) == "全体で100字程度にまとめる。"
    assert english.length_instruction(3) == "Write at most 3 bullet points."
    assert shape_output("・a\n・b\n・c", bullets, 2) == "・a\n・b"
    long_prose = "一文目である。" * 40  # 280 characters
    cut = shape_output(long_prose, prose, 50)
    assert cut.endswith("。") and 50 <= len(cut) <= 65
    assert shape_output("* one\n- two", english) == "- one\n- two"
    press = shape_output("【件名】休館について\n・概要\n説明", find_style("press"))
    assert press.splitlines() == ["【件名】休館について", "・概要"]


def test_styles_list_cli_in_both_languages(app_home):
    env = dict(os.environ, DESK_ASSISTANT_LANG="en")
    run = [sys.executable, "-m", "desk_assistant", "styles", "list"]
    done = subprocess.run([*run, "--format", "json"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    listed = {s["id"]: s for s in json.loads(done.stdout)["styles"]}
    assert set(REQUIRED) <= set(listed) and listed["en_exec"]["language"] == "en"
    text = subprocess.run(run, capture_output=True, text=True, env=env).stdout
    assert "Press release" in text and "briefing" in text
