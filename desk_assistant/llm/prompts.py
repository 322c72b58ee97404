"""Prompt formats (design.md §2).

- chat_template: the GGUF's own `tokenizer.chat_template` (instruct models);
- plamo_translate: PLaMo 2 Translate's raw completion format;
- few_shot: plain completion with worked examples, for base models such as the
  demo model, which has no chat template.

`build_prompt` turns one task request (instruction, examples, input) into the
prompt and generation parameters for a model's format, so tasks never care
which format a model speaks.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import timeouts
from .engine import GenerationParams, Message, PromptInput

PLAMO_OP = "<|plamo:op|>"

# ISO 639-1 → the names PLaMo 2 Translate expects (and we show in English UI).
LANGUAGE_NAMES = {
    "ja": "Japanese",
    "en": "English",
    "zh": "Chinese",
    "ko": "Korean",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "ru": "Russian",
    "vi": "Vietnamese",
    "th": "Thai",
    "id": "Indonesian",
}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def plamo_translate(text: str, source: str, target: str) -> tuple[str, GenerationParams]:
    """PLaMo 2 Translate: raw completion, BOS added, greedy, stop at the next op tag."""
    prompt = (
        f"{PLAMO_OP}dataset\ntranslation\n"
        f"{PLAMO_OP}input lang={language_name(source)}\n{text}\n"
        f"{PLAMO_OP}output lang={language_name(target)}\n"
    )
    return prompt, GenerationParams(temperature=0.0, stop=(PLAMO_OP,), add_bos=True)


@dataclass(frozen=True)
class TaskRequest:
    """One model call, independent of the model's prompt format."""

    instruction: str
    text: str
    examples: Sequence[tuple[str, str]] = ()
    input_label: str = "入力"
    output_label: str = "出力"
    # For translation with a PLaMo-format model.
    source_lang: str = ""
    target_lang: str = ""
    # Glossary lines ("会議\tmeeting"); each format places them where its models read them.
    glossary: str = ""


FEW_SHOT_STOPS = ("\n###", "\n\n\n")


def few_shot(request: TaskRequest) -> str:
    """Instruction, worked examples, then the input with an open output slot.
    Base models continue the pattern; the stops end the answer at the next header."""
    parts = [request.instruction.strip(), ""]
    for source, target in request.examples:
        parts += [
            f"### {request.input_label}",
            source.strip(),
            f"### {request.output_label}",
            target.strip(),
            "",
        ]
    parts += [f"### {request.input_label}", request.text.strip(), f"### {request.output_label}", ""]
    return "\n".join(parts)


def chat_messages(request: TaskRequest) -> list[Message]:
    messages: list[Message] = [{"role": "system", "content": request.instruction.strip()}]
    for source, target in request.examples:
        messages.append({"role": "user", "content": source})
        messages.append({"role": "assistant", "content": target})
    messages.append({"role": "user", "content": request.text})
    return messages


@dataclass(frozen=True)
class PromptFormat:
    """How one family of models is prompted. Tasks ask its properties instead of
    comparing format names, and `build` turns a TaskRequest into the prompt."""

    name: str
    # The model continues text (base models): stops must end its answer.
    continues_text: bool
    # The prompt is a list of messages, rendered by the GGUF's own chat template.
    messages: bool
    # Only translation requests use the format; other tasks fall back to few-shot.
    translation_only: bool = False

    def build(
        self, request: TaskRequest, params: GenerationParams = GenerationParams()
    ) -> tuple[PromptInput, GenerationParams]:
        if self.translation_only:
            if request.source_lang and request.target_lang:
                prompt, plamo = plamo_translate(
                    request.text, request.source_lang, request.target_lang
                )
                return prompt, replace(params, temperature=0.0, stop=plamo.stop, add_bos=True)
            return FEW_SHOT.build(request, params)
        if self.messages:
            if request.glossary:
                text = f"Glossary (use these terms):\n{request.glossary}\n\n{request.text}"
                request = replace(request, text=text)
            return chat_messages(request), params
        prompt = few_shot(request)
        if request.glossary:
            # The glossary block goes after the shared examples, right before the input.
            at = prompt.rfind(f"### {request.input_label}\n")
            block = f"### Glossary\n{request.glossary}\n\n"
            prompt = prompt[:at] + block + prompt[at:]
        return prompt, replace(params, stop=tuple(dict.fromkeys((*params.stop, *FEW_SHOT_STOPS))))


FEW_SHOT = PromptFormat("few_shot", continues_text=True, messages=False)
CHAT_TEMPLATE = PromptFormat("chat_template", continues_text=False, messages=True)
PLAMO_TRANSLATE = PromptFormat(
    "plamo_translate", continues_text=True, messages=False, translation_only=True
)
PROMPT_FORMATS = {f.name: f for f in (FEW_SHOT, CHAT_TEMPLATE, PLAMO_TRANSLATE)}


def prompt_format_of(name: str | PromptFormat | None) -> PromptFormat:
    """The format object for a catalog/model name (unknown or None: few-shot, which
    every model can follow)."""
    if isinstance(name, PromptFormat):
        return name
    return PROMPT_FORMATS.get(name or "", FEW_SHOT)


def build_prompt(
    prompt_format: str | PromptFormat,
    request: TaskRequest,
    params: GenerationParams = GenerationParams(),
) -> tuple[PromptInput, GenerationParams]:
    return prompt_format_of(prompt_format).build(request, params)


# A chat template comes with the model file: a hostile one must not hang the engine.
TEMPLATE_SECONDS = timeouts.TEMPLATE_SECONDS


def render_chat_template(
    template: str,
    messages: Sequence[Message],
    bos_token: str,
    eos_token: str,
    time_limit: float = TEMPLATE_SECONDS,
) -> tuple[str, tuple[str, ...]]:
    """Render a GGUF chat template (Jinja2, sandboxed) with the generation prompt open.
    Returns the prompt text and the stop strings the template implies.

    `range` in the template checks a deadline as it counts, so nested loops stop with
    TemplateTimeoutError after `time_limit` seconds; loops over other things are
    bounded by the engine's first-token time limit in the parent (llm/host.py)."""
    from jinja2.sandbox import safe_range
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    from ..errors import TemplateTimeoutError

    deadline = time.monotonic() + time_limit

    def limited_range(*args):
        for count, value in enumerate(safe_range(*args)):
            if not count % 256 and time.monotonic() > deadline:
                raise TemplateTimeoutError(seconds=time_limit)
            yield value

    formatter = Jinja2ChatFormatter(template=template, eos_token=eos_token, bos_token=bos_token)
    with contextlib.suppress(AttributeError):  # the compiled template's own globals
        formatter._environment.globals["range"] = limited_range
    result = formatter(messages=list(messages))
    stops = result.stop if isinstance(result.stop, list) else [result.stop] if result.stop else []
    return result.prompt, tuple(s for s in stops if s)
