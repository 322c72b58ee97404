"""Document translation: our pipeline vs a naive per-segment loop, same model, same run.

The document: a generated .docx of 200 segments (sentences from a corpus
document), 30% of them repeats of earlier ones, as in real forms and reports.

- naive: one independent prompt per segment, in document order: raw
  llama-cpp-python in this process, the KV cache reset before every prompt (so
  no prefix reuse), no translation memory, no de-duplication. It gets exactly the
  prompt text and generation limits our pipeline uses, so both do the same work
  per model call.
- ours: `translate_document` over the out-of-process engine, with a fresh
  translation memory and the job state saved to an encrypted vault after every
  unit (what the CLI does): repeats are translated once, and every prompt shares
  the instruction + examples prefix that llama.cpp keeps evaluated.

Prints both times and the ratio ours / naive (target <= 0.5). Load the model
under the shared lock:

    flock /tmp/desk-model.lock .venv/bin/python bench/translate_pipeline.py [--segments 200]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SOURCE_DOC = "docx05_gif_464-1_api_guidebook.docx"


def sentences_from_corpus(count: int) -> list[str]:
    """Distinct sentences of 15-60 characters from a prose-heavy corpus document."""
    from desk_assistant import documents

    found: list[str] = []
    for block in documents.load(CORPUS / SOURCE_DOC).blocks:
        for sentence in re.split(r"(?<=。)", block.text):
            sentence = sentence.strip()
            if 15 <= len(sentence) <= 60 and "\t" not in sentence and sentence not in found:
                found.append(sentence)
    if len(found) < count:
        raise SystemExit(f"only {len(found)} sentences in {SOURCE_DOC}")
    return found[:count]


def build_document(folder: Path, segments: int, repeat_share: float) -> Path:
    from desk_assistant.documents import write_text_docx

    unique = sentences_from_corpus(round(segments * (1 - repeat_share)))
    rng = random.Random(0)
    order = list(unique)
    for _ in range(segments - len(unique)):
        # A repeat of a sentence seen earlier, placed after it.
        index = rng.randrange(1, len(order) + 1)
        order.insert(index, rng.choice(order[:index]))
    path = folder / "bench.docx"
    write_text_docx(path, order)
    return path


def naive_loop(model_path: Path, texts: list[str], n_ctx: int) -> tuple[float, list[str], int]:
    import llama_cpp

    from desk_assistant.llm import hardware
    from desk_assistant.tasks.translate.prompting import translation_prompt

    threads = hardware.choose_threads(0)
    llm = llama_cpp.Llama(
        model_path=str(model_path),
        n_ctx=n_ctx,
        n_threads=threads,
        n_threads_batch=threads,
        verbose=False,
    )
    outputs = []
    prompt_tokens = 0
    started = time.perf_counter()
    for text in texts:
        prompt, params = translation_prompt("few_shot", text, "ja", "en")
        tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
        prompt_tokens += len(tokens)
        llm.reset()  # an independent request: nothing kept from the previous prompt
        result = llm.create_completion(
            tokens,
            max_tokens=params.max_tokens,
            temperature=0.0,
            top_k=params.top_k,
            top_p=params.top_p,
            repeat_penalty=params.repeat_penalty,
            stop=list(params.stop),
            seed=0,
        )
        outputs.append(result["choices"][0]["text"].strip())
    elapsed = time.perf_counter() - started
    llm.close()
    return elapsed, outputs, prompt_tokens


def our_pipeline(model_path: Path, doc_path: Path, n_ctx: int, vault_dir: Path):
    from desk_assistant import documents
    from desk_assistant.llm.engine import LoadOptions
    from desk_assistant.llm.host import ProcessEngine
    from desk_assistant.security.vault import Vault
    from desk_assistant.tasks.translate import (
        Job,
        TranslationMemory,
        VaultJobStore,
        job_id_for,
        translate_document,
    )

    engine = ProcessEngine()
    try:
        engine.load(model_path, LoadOptions(n_ctx=n_ctx))
        doc = documents.load(doc_path)
        vault = Vault(vault_dir, os.urandom(32))
        job = Job(VaultJobStore(vault), job_id_for(doc, "ja", "en", "bench"))
        started = time.perf_counter()
        result = translate_document(
            engine,
            "few_shot",
            doc,
            source_lang="ja",
            target_lang="en",
            memory=TranslationMemory.in_memory(),
            job=job,
        )
        elapsed = time.perf_counter() - started
    finally:
        engine.close()
    return elapsed, result


def main() -> None:
    from desk_assistant import documents
    from desk_assistant.llm import demo_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=200)
    parser.add_argument("--repeats", type=float, default=0.3)
    parser.add_argument("--model", type=Path)
    args = parser.parse_args()
    model = args.model or demo_model.install()
    n_ctx = 4096
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        doc_path = build_document(folder, args.segments, args.repeats)
        texts = [s.text for s in documents.load(doc_path).segments()]
        unique = len(set(texts))
        print(
            f"document: {len(texts)} segments, {unique} distinct "
            f"({len(texts) - unique} repeats), model {model.name}"
        )
        naive_s, naive_out, naive_tokens = naive_loop(model, texts, n_ctx)
        print(
            f"naive loop : {naive_s:7.1f} s  {len(texts)} model calls, "
            f"{naive_tokens} prompt tokens evaluated"
        )
        ours_s, result = our_pipeline(model, doc_path, n_ctx, folder / "vault")
        stats = result.stats
        print(
            f"our pipeline: {ours_s:7.1f} s  {stats['model_calls']} model calls, "
            f"{stats['repeats']} repeats reused, {stats['loops_cut']} runaway outputs cut"
        )
        same = sum(
            a == s.translation_text
            for a, s in zip(naive_out, result.segments, strict=True)
            if s.origin == "model"
        )
        print(
            f"identical outputs on segments both sent to the model: {same}/{stats['model_calls']}"
        )
        print(f"ratio ours / naive: {ours_s / naive_s:.2f}  (target <= 0.5)")


if __name__ == "__main__":
    main()
