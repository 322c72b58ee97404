"""Translate whole Word/PDF documents, layout kept, with glossary, memory and checks. No Qt.

    from desk_assistant import documents
    from desk_assistant.llm.runtime import open_model, resolve_model
    from desk_assistant.tasks.translate import (
        Job, TranslationMemory, VaultJobStore, VaultStore, job_id_for, load_glossary,
        memory_name, translate_document,
    )

    info = resolve_model(None, "translate", settings)   # PLaMo Translate > chat model > demo
    with open_model(info, settings, policy=ctx.policy) as opened:
        doc = documents.load("通知.docx")
        glossary = load_glossary("用語集.csv")          # optional; CSV/TSV/TMX
        memory = TranslationMemory(VaultStore(ctx.vault, memory_name("ja", "en")))
        job = Job(VaultJobStore(ctx.vault), job_id_for(doc, "ja", "en", info.id, glossary))
        result = translate_document(
            opened.engine, info.prompt_format, doc,
            source_lang=None,            # None: detected from the text
            target_lang="en",
            glossary=glossary, memory=memory, job=job,
            cancel=token,                # llm.engine.CancelToken; raises errors.Cancelled
            on_segment=lambda p: ...,    # TranslationProgress(done, total, eta_seconds, segment)
        )
        result.save("通知.en.docx")                  # layout kept (PDF input: a new .docx)
        result.save("通知.対訳.docx", bilingual=True)  # two-column source | translation table
        job.finish()                                 # forget the resume state once saved

`translate_document` is blocking; call it from a worker thread (the GUI's);
`on_segment` is called on that thread after each segment. Before opening the
model, `languages.check_pair(src, tgt, info.languages, info.name)` says whether
the chosen model knows both languages (raises a translatable UsageError).
Errors: SameLanguageError / UnknownLanguageError, GlossaryFileError, Cancelled
(normal outcome; the job state is kept), EngineCrashedError after one retry.

Result: `result.segments` — one `SegmentResult` per text segment, in document
order: location, kind, source / source_tagged, translation_text / translation
(tagged, as written), origin (model | memory | repeat | resumed | kept |
failed), findings (`checks.Finding`: check, severity, surface, expected,
message()). `result.findings`, `result.stats` (model calls, memory hits,
repeats, resumed units, seconds), `result.to_dict()` (the CLI's JSON).

What happens per segment (pipeline.py): nothing to translate → kept as is;
identical text earlier in the document → reused (translated once); a resumed
job's finished unit → reused; exact translation-memory match → reused; else
the model, with the closest fuzzy match as an extra example and the glossary
entries found in the segment, after a prompt prefix that is the same for every
segment (instruction + examples), so llama.cpp reuses its KV cache. Then tag
repair (tagfix.py) and the checks (checks.py, figures.py): numbers, amounts
(12億円 ↔ 1.2 billion yen), dates (令和8年4月1日 ↔ April 1, 2026), article
references (第3条 ↔ Article 3) and glossary terms, both ways. Findings are shown,
never applied. Job state is saved after every unit (jobs.py), so a crash, kill
or cancel loses at most the unit in flight; running again resumes.

Trust (issue 12): every segment is also checked for omission (omission.py:
length band per language pair, sentences without counterpart, a stop in
mid-sentence), names and terms (names.py: URLs, e-mail, phone numbers, Latin
terms, Sudachi person/place names romanized, law titles, 殿/様 addressees) and
degeneration (degeneration.py: loops, copied prompt examples, markup and special
tokens, wrong language, invented text for form words). A finding of severity
error is a hard failure: the unit is retried once (sentence by sentence, else
other sampling), then kept in the source language behind KEPT_MARK with a
kept_source finding. Only segments without warning/error findings go into the
translation memory (a memory hit that now fails is removed; `memory purge`
re-checks the whole memory). `result.verdict` (tasks/verdicts.py) is
問題なし / 要確認 N 件 over segments; the CLI, JSON, GUI and audit record carry it.

Modules: languages (detection, codes), glossary, memory, jobs, prompting,
tagfix, figures, checks, omission, names, degeneration, finding, result, pipeline.
"""

from __future__ import annotations

from .checks import Finding, check_figures, check_segment
from .glossary import Glossary, GlossaryEntry, load_glossary
from .jobs import InMemoryJobStore, Job, JobStore, VaultJobStore, job_id_for
from .languages import detect_language
from .memory import InMemoryStore, MemoryMatch, TranslationMemory, VaultStore, memory_name
from .pipeline import TranslationProgress, translate_document
from .result import ORIGINS, SegmentResult, TranslationResult

__all__ = [
    "ORIGINS",
    "Finding",
    "Glossary",
    "GlossaryEntry",
    "InMemoryJobStore",
    "InMemoryStore",
    "Job",
    "JobStore",
    "MemoryMatch",
    "SegmentResult",
    "TranslationMemory",
    "TranslationProgress",
    "TranslationResult",
    "VaultJobStore",
    "VaultStore",
    "check_figures",
    "check_segment",
    "detect_language",
    "job_id_for",
    "load_glossary",
    "memory_name",
    "translate_document",
]
