"""Document translation: our pipeline vs raw llama-cpp-python, same model, same run.

The document: a generated .docx of 200 segments (sentences from a corpus
document), 30% of them repeats of earlier ones, as in real forms and reports.

- A raw: what a careful user writes with llama-cpp-python in one process: one
  `Llama`, its default prefix reuse kept (every prompt starts with the same
  instruction and examples, so only the segment is evaluated), and an exact
  repeat translated once. The prompt text and limits are our pipeline's.
- B ours, batched: `translate_document` over the out-of-process engine with
  `--parallel` sequences decoded together (default 4), a fresh translation memory
  and the job saved to an encrypted vault after every unit (what the CLI does).
- B1 ours, one at a time: the same with LoadOptions(n_seq=1) — the product's
  default on a CPU (engine.parallel auto = 1 there).
- C reset loop (reference only, the old baseline): arm A without prefix reuse
  (the KV cache reset before every prompt) and without de-duplication.

Arms run in alternating order over rounds (A B B1 C, then C B1 B A ...) and the
best round of each is compared. Prints each arm, the ratio ours / raw (goal
<= 0.5 on 2 cores) and how many answers are identical. Load the model under the
shared lock:

    flock /tmp/desk-model.lock .venv/bin/python bench/translate_pipeline.py \
        [--segments 200] [--rounds 1] [--arms A,B,B1,C] [--parallel 4] [--quick]
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


def raw_llama(model_path: Path, n_ctx: int):
    import llama_cpp

    from desk_assistant.llm import hardware

    threads = hardware.choose_threads(0)
    return llama_cpp.Llama(
        model_path=str(model_path),
        n_ctx=n_ctx,
        n_threads=threads,
        n_threads_batch=threads,
        n_gpu_layers=0,
        verbose=False,
    )


def raw_loop(model_path: Path, texts: list[str], n_ctx: int, *, reuse: bool):
    """Arm A (reuse=True: prefix reuse, repeats once) or arm C (reuse=False)."""
    from desk_assistant.tasks.translate.prompting import translation_prompt

    llm = raw_llama(model_path, n_ctx)
    done: dict[str, str] = {}
    outputs = []
    calls = 0
    started = time.perf_counter()
    for text in texts:
        if reuse and text in done:
            outputs.append(done[text])
            continue
        prompt, params = translation_prompt("few_shot", text, "ja", "en")
        tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
        if not reuse:
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
        calls += 1
        answer = result["choices"][0]["text"].strip()
        done[text] = answer
        outputs.append(answer)
    elapsed = time.perf_counter() - started
    llm.close()
    return elapsed, outputs, calls


def our_pipeline(model_path: Path, doc_path: Path, n_ctx: int, vault_dir: Path, n_seq: int = 0):
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
        engine.load(model_path, LoadOptions(n_ctx=n_ctx, n_seq=n_seq, n_gpu_layers=0))
        doc = documents.load(doc_path)
        vault = Vault(vault_dir, os.urandom(32))
        job = Job(VaultJobStore(vault), job_id_for(doc, "ja", "en", f"bench{n_seq}"))
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
        parallel = engine.parallel
    finally:
        engine.close()
    return elapsed, result, parallel


def main() -> None:
    from desk_assistant import documents
    from desk_assistant.llm import demo_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=200)
    parser.add_argument("--repeats", type=float, default=0.3)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--arms", default="A,B,B1,C")
    parser.add_argument("--parallel", type=int, default=4, help="arm B's batch size")
    parser.add_argument("--quick", action="store_true", help="20 segments, arms A, B and B1")
    parser.add_argument("--model", type=Path)
    args = parser.parse_args()
    if args.quick:
        args.segments, args.arms = 20, "A,B,B1"
    arms = args.arms.split(",")
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
        times: dict[str, list[float]] = {arm: [] for arm in arms}
        outputs: dict[str, list[str]] = {}
        notes: dict[str, str] = {}
        for round_no in range(args.rounds):
            order = arms if round_no % 2 == 0 else list(reversed(arms))
            for arm in order:
                if arm in ("A", "C"):
                    seconds, out, calls = raw_loop(model, texts, n_ctx, reuse=arm == "A")
                    notes[arm] = f"{calls} model calls"
                else:
                    seconds, result, parallel = our_pipeline(
                        model,
                        doc_path,
                        n_ctx,
                        folder / f"vault{arm}{round_no}",
                        n_seq=1 if arm == "B1" else args.parallel,
                    )
                    stats = result.stats
                    out = [s.translation_text for s in result.segments]
                    notes[arm] = (
                        f"{stats['model_calls']} model calls, {stats['repeats']} repeats reused, "
                        f"{stats['batched']} batched (parallel {parallel}), "
                        f"{stats['loops_cut']} runaway outputs cut, "
                        f"{stats['retries']} retries"
                    )
                times[arm].append(seconds)
                outputs[arm] = out
                print(f"  round {round_no + 1} {arm:>2}: {seconds:7.1f} s", flush=True)
        names = {
            "A": "A raw llama-cpp (prefix reuse, repeats once)",
            "B": f"B ours, batched ({args.parallel})",
            "B1": "B1 ours, one at a time",
            "C": "C reset loop (old baseline)",
        }
        best = {arm: min(values) for arm, values in times.items()}
        for arm in arms:
            print(f"{names[arm]:<46} {best[arm]:7.1f} s  {notes[arm]}")
        if "A" in best:
            for arm in ("B", "B1", "C"):
                if arm in best:
                    same = sum(a == b for a, b in zip(outputs["A"], outputs[arm], strict=True))
                    print(
                        f"ratio {arm} / A: {best[arm] / best['A']:.2f}"
                        + ("  (goal <= 0.5)" if arm in ("B", "B1") else "")
                        + f"   identical answers {same}/{len(texts)}"
                    )


if __name__ == "__main__":
    main()
