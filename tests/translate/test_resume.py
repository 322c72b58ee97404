"""Resume: kill a translation mid-document, start again, finished segments are not redone."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from desk_assistant.documents import load
from desk_assistant.security.vault import Vault
from desk_assistant.tasks.translate import (
    InMemoryJobStore,
    Job,
    VaultJobStore,
    job_id_for,
    translate_document,
)
from desk_assistant.tasks.translate.tagfix import frame

from .conftest import make_engine, prompt_input

PROBE = Path(__file__).with_name("job_probe.py")


def test_killed_job_resumes_without_translating_finished_segments_again(corpus_copy, tmp_path):
    source = corpus_copy("docx07_gif_499_faq_short.docx")
    vault_dir, key = tmp_path / "vault", os.urandom(32)
    proc = subprocess.Popen(
        [sys.executable, str(PROBE), str(source), str(vault_dir), key.hex()],
        stdout=subprocess.PIPE,
        text=True,
    )
    finished = []
    try:
        for line in proc.stdout:
            if line.startswith("done"):
                finished.append(line.split()[2])
            if len(finished) == 8:
                proc.send_signal(signal.SIGKILL)  # no cleanup, no goodbye: a crash
                break
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL and len(finished) == 8

    doc = load(source)
    job = Job(VaultJobStore(Vault(vault_dir, key)), job_id_for(doc, "ja", "en", "fake"))
    assert job.resumed >= 8  # at most the segment in flight was lost
    engine = make_engine()
    result = translate_document(
        engine, "few_shot", doc, source_lang="ja", target_lang="en", job=job
    )
    asked = {prompt_input(p) for p in engine.prompts}
    by_location = {s.location: s for s in result.segments}
    for location in finished:
        segment = by_location[location]
        assert segment.origin == "resumed"
        assert frame(segment.source_tagged).model_text not in asked
    assert len(engine.prompts) == result.stats["units"] - job.resumed
    assert all(s.origin in ("resumed", "model") for s in result.segments)
    assert all(s.translation for s in result.segments)
    job.finish()
    assert not Job(VaultJobStore(Vault(vault_dir, key)), job.id).done


def test_job_state_is_saved_after_every_unit_and_encrypted(tmp_path, corpus_copy):
    doc = load(corpus_copy("docx07_gif_499_faq_short.docx"))
    store = InMemoryJobStore()
    job = Job(store, job_id_for(doc, "ja", "en", "fake"))
    result = translate_document(
        make_engine(), "few_shot", doc, source_lang="ja", target_lang="en", job=job
    )
    assert store.saves == result.stats["model_calls"] == len(job.done)

    vault = Vault(tmp_path / "vault", os.urandom(32))
    job = Job(VaultJobStore(vault), "job1")
    job.record("保有個人情報開示請求書", "Request for Disclosure", "model")
    [blob] = (tmp_path / "vault").glob("*.dav")
    assert "保有個人情報".encode() not in blob.read_bytes()


def test_a_changed_document_starts_a_new_job(tmp_path, corpus_copy):
    doc = load(corpus_copy("docx07_gif_499_faq_short.docx"))
    first = job_id_for(doc, "ja", "en", "fake")
    assert job_id_for(doc, "ja", "en", "fake") == first
    assert job_id_for(doc, "ja", "en", "other-model") != first
    doc.blocks[0].segments[0] = type(doc.blocks[0].segments[0])("body/p1", "変更", "変更")
    assert job_id_for(doc, "ja", "en", "fake") != first


def test_the_estimate_after_a_resume_counts_only_what_is_left(corpus_copy, monkeypatch):
    """After a resume the pipeline's eta is (seconds per model call) × (units still to
    translate): resumed segments cost nothing and are not counted as left, and nothing
    is estimated until the model has translated once (the window showed "5/19・残り約
    3 秒" with over 100 s left when it divided elapsed time by segments done)."""
    from types import SimpleNamespace

    from desk_assistant.errors import Cancelled
    from desk_assistant.llm.engine import CancelToken
    from desk_assistant.tasks.translate import pipeline

    doc = load(corpus_copy("docx07_gif_499_faq_short.docx"))
    job = Job(InMemoryJobStore(), job_id_for(doc, "ja", "en", "fake"))
    cancel = CancelToken()

    def stop_after_eight(progress):
        if progress.done == 8:
            cancel.cancel()

    try:
        translate_document(
            make_engine(), "few_shot", doc, source_lang="ja", target_lang="en",
            job=job, cancel=cancel, on_segment=stop_after_eight,
        )  # fmt: skip
    except Cancelled:
        pass
    assert job.resumed == 0 and len(job.done) >= 8
    ticks = iter(range(0, 100_000, 2))  # every model call takes exactly 2 "seconds"
    monkeypatch.setattr(pipeline, "time", SimpleNamespace(monotonic=lambda: next(ticks) / 2,
                                                          perf_counter=lambda: 0.0))  # fmt: skip
    events = []
    resumed = Job(job.store, job.id)
    result = translate_document(
        make_engine(), "few_shot", doc, source_lang="ja", target_lang="en",
        job=resumed, on_segment=events.append,
    )  # fmt: skip
    first_model = next(i for i, e in enumerate(events) if e.segment.origin == "model")
    assert events[first_model - 1].segment.origin == "resumed"
    assert all(e.eta_seconds is None for e in events[:first_model])  # no basis yet
    # One model call per segment here, 1 s each: the estimate is the calls still to make.
    calls = result.stats["model_calls"]
    assert calls == result.stats["units"] - result.stats["resumed"] and result.stats["resumed"] >= 8
    assert [e.eta_seconds for e in events[first_model:]] == [float(n) for n in range(calls)][::-1]
