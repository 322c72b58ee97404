"""Translation prompts in the model's own format, laid out for KV-cache reuse.

Every prompt of a document starts with the same instruction and worked
examples, so llama.cpp keeps that prefix evaluated from one segment to the
next and only reads the part that changes. What varies per segment comes last,
in this order: the closest translation-memory match (as one more example), the
glossary entries found in the segment, the segment itself.

PLaMo 2 Translate has a fixed raw format with no room for instructions or a
glossary; for it the glossary is only checked afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...llm.engine import GenerationParams, PromptInput
from ...llm.prompts import TaskRequest, language_name, prompt_format_of
from .glossary import GlossaryEntry

# Worked examples: government register, a tagged run, a footnote mark, figures.
_JA_EN = [
    (
        "本規程は、令和8年4月1日から施行する。",
        "These rules shall come into force on April 1, 2026.",
    ),
    (
        "<g1>第3条</g1>　事業費の総額は12億円とする。",
        "<g1>Article 3</g1> The total project cost shall be 1.2 billion yen.",
    ),
    ("保有個人情報開示請求書", "Request for Disclosure of Retained Personal Information"),
    (
        "詳細は別紙を参照してください。<x1/>",
        "Please refer to the attachment for details.<x1/>",
    ),
    ("以上", "End of document"),
    (
        "申請書の提出期限はいつですか。",
        "When is the deadline for submitting the application?",
    ),
]
EXAMPLES: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("ja", "en"): _JA_EN,
    ("en", "ja"): [(en, ja) for ja, en in _JA_EN],
}
MAX_OUTPUT_TOKENS = 1536


def instruction(source: str, target: str) -> str:
    return (
        f"Translate the {language_name(source)} text into {language_name(target)}. "
        "Keep every number, date and name exact. Keep tags such as <g1>...</g1> and <x1/> "
        "around the matching words."
    )


def glossary_lines(hits: Sequence[GlossaryEntry]) -> str:
    return "\n".join(f"{e.source} = {e.target}" for e in hits)


def output_budget(text: str) -> int:
    """Enough tokens for any sane translation of `text`, not enough to ramble on."""
    return min(MAX_OUTPUT_TOKENS, int(len(text) * 1.2) + 16)


def translation_prompt(
    prompt_format: str,
    text: str,
    source: str,
    target: str,
    *,
    glossary: Sequence[GlossaryEntry] = (),
    closest: tuple[str, str] | None = None,
) -> tuple[PromptInput, GenerationParams]:
    examples = list(EXAMPLES.get((source, target), []))
    if closest:
        examples.append(closest)
    request = TaskRequest(
        instruction=instruction(source, target),
        text=text,
        examples=examples,
        input_label=language_name(source),
        output_label=language_name(target),
        source_lang=source,
        target_lang=target,
        glossary=glossary_lines(glossary) if glossary else "",
    )
    fmt = prompt_format_of(prompt_format)
    stops: tuple[str, ...] = ()
    if fmt.continues_text and not fmt.translation_only and "\n" not in text:
        stops = ("\n",)  # a one-line source has a one-line answer; base models run on
    return fmt.build(
        request, GenerationParams(max_tokens=output_budget(text), temperature=0.0, stop=stops)
    )
