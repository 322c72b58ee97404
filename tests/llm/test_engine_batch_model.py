"""Batched decoding with the real demo model: the same answers as one at a time.

Identity on real corpus segments: 12 by default (8 sequences in flight, so the
generation steps hold 8 tokens and 4 sequences are refilled); DESK_TEST_FULL=1
runs 56 (the issue's >= 50), as `bench/batch_throughput.py --segments 56` does.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

import pytest

from desk_assistant import documents
from desk_assistant.llm.engine import LoadOptions, generate, generate_batch
from desk_assistant.llm.host import ProcessEngine
from desk_assistant.tasks.translate.prompting import translation_prompt

pytestmark = pytest.mark.model

FULL = os.environ.get("DESK_TEST_FULL") == "1"
# Prose-heavy documents of three authors, their sentences interleaved.
SEGMENT_DOCS = (
    "docx05_gif_464-1_api_guidebook.docx",
    "docx08_cio_dp2020_01_ai_data_use.docx",
    "docx11_cio_dp2021_04_municipal_sns.docx",
)


def corpus_sentences(path, count: int) -> list[str]:
    found: list[str] = []
    for block in documents.load(path).blocks:
        for sentence in re.split(r"(?<=。)", block.text):
            sentence = sentence.strip()
            if 15 <= len(sentence) <= 60 and sentence not in found:
                found.append(sentence)
    return found[:count]


@pytest.fixture(scope="module")
def batched(demo_gguf):
    engine = ProcessEngine()
    engine.load(demo_gguf, LoadOptions(n_ctx=2048, n_seq=3))
    yield engine
    engine.close()


def test_batched_answers_equal_sequential_ones_and_one_can_be_stopped(batched, corpus_copy):
    info = batched.info
    assert info.n_seq == 3 and batched.parallel == 3 and info.weight_repacking is False
    texts = corpus_sentences(corpus_copy("docx05_gif_464-1_api_guidebook.docx"), 5)
    built = [translation_prompt("few_shot", t, "ja", "en") for t in texts]
    prompts = [p for p, _ in built]
    params = [replace(p, max_tokens=min(p.max_tokens, 24)) for _, p in built]
    one_by_one = [generate(batched, p, q) for p, q in zip(prompts, params, strict=True)]
    together = generate_batch(batched, prompts, params)
    assert batched.last_stats["batched"] == 5 and batched.last_stats["prefix_tokens"] > 100
    assert [r.text for r in together] == one_by_one
    assert all(r.error is None and r.stats["completion_tokens"] > 0 for r in together)
    # Stop prompt 1 after its first piece: it ends early, the others are unchanged.
    stopped = generate_batch(batched, prompts, params, watch=lambda i, text: i == 1)
    assert stopped[1].stopped and stopped[1].stats["cancelled"] is True
    assert [r.text for i, r in enumerate(stopped) if i != 1] == [
        t for i, t in enumerate(one_by_one) if i != 1
    ]
    # The engine is free and sequential again afterwards.
    assert generate(batched, prompts[0], params[0]) == one_by_one[0]


@pytest.fixture(scope="module")
def eight_wide(demo_gguf):
    engine = ProcessEngine()
    engine.load(demo_gguf, LoadOptions(n_ctx=2048, n_seq=8))
    yield engine
    engine.close()


def test_batched_answers_equal_sequential_ones_on_corpus_segments(eight_wide, corpus_copy):
    """The issue's identity check: 8 sequences share each step and finished ones are
    refilled; every answer must equal the one-at-a-time answer bit for bit."""
    assert eight_wide.info.exact_kernels is True and eight_wide.parallel == 8
    count = 56 if FULL else 12
    per_doc = [corpus_sentences(corpus_copy(name), count) for name in SEGMENT_DOCS]
    texts = [s for group in zip(*per_doc, strict=False) for s in group][:count]
    assert len(set(texts)) == count
    built = [translation_prompt("few_shot", t, "ja", "en") for t in texts]
    prompts = [p for p, _ in built]
    params = [p for _, p in built]
    one_by_one = [generate(eight_wide, p, q) for p, q in zip(prompts, params, strict=True)]
    together = generate_batch(eight_wide, prompts, params)
    assert eight_wide.last_stats["batched"] == count
    assert all(r.error is None for r in together)
    differing = [i for i, r in enumerate(together) if r.text != one_by_one[i]]
    assert differing == [], [(together[i].text, one_by_one[i]) for i in differing[:3]]
    assert sum(r.stats["completion_tokens"] for r in together) > 2 * count
