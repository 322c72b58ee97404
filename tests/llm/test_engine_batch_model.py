"""Batched decoding with the real demo model: the same answers as one at a time.

A few short prompts only (the machine is shared); bench/batch_throughput.py
--segments 56 runs the identity check on more than 50 segments.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from desk_assistant import documents
from desk_assistant.llm.engine import LoadOptions, generate, generate_batch
from desk_assistant.llm.host import ProcessEngine
from desk_assistant.tasks.translate.prompting import translation_prompt

pytestmark = pytest.mark.model


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
