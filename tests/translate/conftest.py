"""Fakes for the translate tests: a scripted "translator" engine that behaves like a model."""

from __future__ import annotations

import re
import unicodedata

import pytest

from desk_assistant.llm.engine import LoadOptions
from desk_assistant.llm.fake import FakeEngine


def prompt_input(prompt) -> str:
    """The text a few-shot or chat prompt asks to translate."""
    if not isinstance(prompt, str):
        return prompt[-1]["content"].rsplit("\n\n", 1)[-1]
    body = prompt.rsplit("### Japanese\n", 1)[-1]
    return body.rsplit("\n### English", 1)[0]


def pseudo_english(text: str) -> str:
    """Japanese letters become Latin ones, everything else (digits, tags, spaces) stays:
    a translation that keeps every figure and tag, like a good model's. Each letter
    becomes two, and 。、 become ". " ", ", so its length and sentences are those of
    English (the omission checks measure both)."""
    text = unicodedata.normalize("NFKC", text).replace("。", ". ").replace("、", ", ")
    return re.sub(
        r"[^\x00-\x7f]",
        lambda m: chr(ord("a") + ord(m.group(0)) % 26) + chr(ord("a") + ord(m.group(0)) // 26 % 26),
        text,
    ).rstrip()


def make_engine(reply=None, **kw) -> FakeEngine:
    engine = FakeEngine(reply or (lambda p: pseudo_english(prompt_input(p))), **kw)
    engine.load("fake.gguf", LoadOptions())
    return engine


@pytest.fixture
def engine():
    return make_engine()
