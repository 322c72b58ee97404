"""Run as a separate process by test_resume.py: translate a document slowly with a
scripted engine, saving job state to a vault, printing each finished segment,
until the test kills it."""

from __future__ import annotations

import sys
from pathlib import Path


def main(doc_path: str, vault_dir: str, key_hex: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from desk_assistant.documents import load
    from desk_assistant.security.vault import Vault
    from desk_assistant.tasks.translate import Job, VaultJobStore, job_id_for, translate_document
    from tests.translate.conftest import make_engine

    doc = load(doc_path)
    job = Job(
        VaultJobStore(Vault(vault_dir, bytes.fromhex(key_hex))), job_id_for(doc, "ja", "en", "fake")
    )
    engine = make_engine(delay=0.02)  # ~0.2 s a segment: slow enough to be killed mid-document

    def report(progress) -> None:
        print(f"done {progress.done} {progress.segment.location}", flush=True)

    translate_document(
        engine, "few_shot", doc, source_lang="ja", target_lang="en", job=job, on_segment=report
    )
    print("finished", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
