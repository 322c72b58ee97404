"""Prompt formats are objects: tasks ask their properties, formats place the parts."""

from desk_assistant.llm.catalog import FORMATS
from desk_assistant.llm.prompts import (
    CHAT_TEMPLATE,
    FEW_SHOT,
    PLAMO_TRANSLATE,
    PROMPT_FORMATS,
    TaskRequest,
    build_prompt,
    prompt_format_of,
)

REQUEST = TaskRequest(
    instruction="Translate.",
    text="会議を開く。",
    examples=[("以上", "End")],
    input_label="Japanese",
    output_label="English",
    source_lang="ja",
    target_lang="en",
    glossary="会議\tmeeting",
)


def test_the_catalog_accepts_exactly_the_registered_formats():
    assert set(FORMATS) == set(PROMPT_FORMATS) == {"few_shot", "chat_template", "plamo_translate"}


def test_names_resolve_to_objects_and_unknown_ones_to_few_shot():
    assert prompt_format_of("chat_template") is CHAT_TEMPLATE
    assert prompt_format_of(PLAMO_TRANSLATE) is PLAMO_TRANSLATE
    assert prompt_format_of("no-such-format") is FEW_SHOT and prompt_format_of(None) is FEW_SHOT


def test_each_format_places_the_glossary_where_its_models_read_it():
    text, _ = build_prompt("few_shot", REQUEST)
    # After the shared examples, right before the input.
    assert text.index("### Glossary\n会議\tmeeting") > text.index("End")
    assert text.index("### Glossary") < text.rindex("### Japanese\n会議を開く。")
    messages, _ = build_prompt("chat_template", REQUEST)
    assert messages[-1]["content"].startswith("Glossary (use these terms):\n会議\tmeeting\n\n")
    plamo, params = build_prompt("plamo_translate", REQUEST)
    assert "Glossary" not in plamo and params.add_bos


def test_properties_tasks_rely_on():
    assert FEW_SHOT.continues_text and not FEW_SHOT.messages
    assert CHAT_TEMPLATE.messages and not CHAT_TEMPLATE.continues_text
    assert PLAMO_TRANSLATE.translation_only
