from desk_assistant.llm.engine import GenerationParams
from desk_assistant.llm.prompts import (
    FEW_SHOT_STOPS,
    TaskRequest,
    build_prompt,
    few_shot,
    plamo_translate,
    render_chat_template,
)

REQUEST = TaskRequest(
    instruction="Translate Japanese to English.",
    text="本日は晴天なり。",
    examples=[("おはよう。", "Good morning.")],
    input_label="Japanese",
    output_label="English",
    source_lang="ja",
    target_lang="en",
)


def test_plamo_translate_format_is_exact():
    prompt, params = plamo_translate("第3条を改正する。", "ja", "en")
    assert prompt == (
        "<|plamo:op|>dataset\ntranslation\n"
        "<|plamo:op|>input lang=Japanese\n第3条を改正する。\n"
        "<|plamo:op|>output lang=English\n"
    )
    assert params.stop == ("<|plamo:op|>",) and params.temperature == 0.0 and params.add_bos


def test_build_prompt_per_format():
    plamo, p1 = build_prompt(
        "plamo_translate", REQUEST, GenerationParams(temperature=0.7, max_tokens=99)
    )
    assert plamo.startswith("<|plamo:op|>dataset") and p1.temperature == 0.0 and p1.max_tokens == 99

    messages, p2 = build_prompt("chat_template", REQUEST)
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[-1]["content"] == "本日は晴天なり。"

    text, p3 = build_prompt("few_shot", REQUEST, GenerationParams(stop=("END",)))
    assert text == few_shot(REQUEST)
    assert text.endswith("### Japanese\n本日は晴天なり。\n### English\n")
    assert "### English\nGood morning.\n" in text
    assert p3.stop[0] == "END" and set(FEW_SHOT_STOPS) <= set(p3.stop)


def test_plamo_format_without_languages_falls_back_to_few_shot():
    req = TaskRequest(instruction="要約する。", text="本文")
    text, _ = build_prompt("plamo_translate", req)
    assert text.startswith("要約する。")


def test_render_gguf_chat_template():
    # A ChatML-style template as found in GGUF metadata.
    template = (
        "{{ bos_token }}{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
        "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )
    text, stops = render_chat_template(
        template, [{"role": "user", "content": "こんにちは"}], bos_token="<s>", eos_token="</s>"
    )
    assert text == "<s><|im_start|>user\nこんにちは<|im_end|>\n<|im_start|>assistant\n"
    assert "</s>" in stops
