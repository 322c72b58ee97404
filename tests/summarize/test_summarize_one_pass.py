from pathlib import Path

import pytest

from desk_assistant.errors import Cancelled, ContextOverflowError
from desk_assistant.llm.engine import CancelToken, LoadOptions
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.tasks.summarize import find_style, load_styles, summarize
from desk_assistant.tasks.summarize.pipeline import shape_output

NOTICE = "本庁舎は令和8年12月5日に全館停電となる。点検費用は約120万円である。"


def engine_with(reply, n_ctx=4096):
    engine = FakeEngine(reply)
    engine.load("fake.gguf", LoadOptions(n_ctx=n_ctx))
    return engine


def test_builtin_styles_load_with_examples():
    styles = load_styles()
    assert {"3lines", "bullets"} <= set(styles)  # the full set: test_summarize_styles.py
    assert all(s.examples and s.instruction for s in styles.values())


def test_user_style_file_is_picked_up_without_code(app_home):
    folder = app_home / "config" / "styles"
    folder.mkdir(parents=True)
    (folder / "mine.json").write_text(
        '{"id": "mine", "name_ja": "私の型", "name_en": "Mine", "instruction": "一文で要約する。"}',
        encoding="utf-8",
    )
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    styles = load_styles()
    assert styles["mine"].name_ja == "私の型" and "3lines" in styles


def test_few_shot_prompt_carries_style_and_document_and_output_is_shaped():
    style = find_style("3lines")
    engine = engine_with(
        "・停電は12月5日。\n説明文\n・費用は約120万円。\n・準備する。\n・四つ目\n### 文書"
    )
    result = summarize(engine, "few_shot", NOTICE, style, n_ctx=4096)
    prompt = engine.prompts[0]
    assert style.instruction in prompt and NOTICE in prompt and prompt.endswith("### 要約\n")
    assert result.text.splitlines() == ["・停電は12月5日。", "・費用は約120万円。", "・準備する。"]


def test_chat_models_get_messages():
    engine = engine_with("・要点")
    summarize(engine, "chat_template", NOTICE, find_style("bullets"), n_ctx=4096)
    messages = engine.prompts[0]
    assert messages[0]["role"] == "system" and messages[-1]["content"] == NOTICE


def test_a_context_too_small_for_the_style_prompt_is_refused_before_generating():
    engine = engine_with("・x", n_ctx=300)
    with pytest.raises(ContextOverflowError) as caught:
        summarize(engine, "few_shot", NOTICE * 30, find_style("3lines"), n_ctx=300)
    assert engine.prompts == [] and "コンテキスト長" in caught.value.message()


def test_cancel_propagates():
    engine = engine_with("・" + "あ" * 100)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        summarize(engine, "few_shot", NOTICE, find_style("3lines"), n_ctx=4096, cancel=token)


def test_shape_output_prose_style_keeps_lines():
    style = find_style("3lines")
    assert shape_output("- a\n* b", style) == "・a\n・b"


def test_a_document_without_text_gets_a_clear_message_and_no_model_call():
    from desk_assistant.documents import Block, Document
    from desk_assistant.errors import NothingToSummarizeError
    from desk_assistant.tasks.summarize import summarize_document

    engine = engine_with("・x")
    blank = Document(
        Path("blank.docx"), [Block("body", "body/p1", "  "), Block("footer", "f", "1")]
    )
    with pytest.raises(NothingToSummarizeError) as caught:
        summarize_document(engine, "few_shot", blank, find_style("3lines"), n_ctx=4096)
    assert "blank.docx" in caught.value.message() and engine.prompts == []
    assert caught.value.exit_code == 3
