"""Job state for resume: every finished translation unit is saved at once.

A crash, a kill or a cancel therefore loses at most the unit in flight. The
job id is a hash of what decides the result (the segments, the languages, the
model, the glossary), so running the same command again resumes, and a
changed document starts afresh. `VaultJobStore` keeps the state encrypted.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict
from typing import Protocol

from ...errors import VaultNotFoundError

FORMAT_VERSION = 1


class JobStore(Protocol):
    def load(self, job_id: str) -> dict | None: ...

    def save(self, job_id: str, state: dict) -> None: ...

    def delete(self, job_id: str) -> None: ...


class InMemoryJobStore:
    def __init__(self) -> None:
        self.states: dict[str, dict] = {}
        self.saves = 0

    def load(self, job_id: str) -> dict | None:
        state = self.states.get(job_id)
        return dict(state) if state is not None else None

    def save(self, job_id: str, state: dict) -> None:
        self.states[job_id] = dict(state)
        self.saves += 1

    def delete(self, job_id: str) -> None:
        self.states.pop(job_id, None)


class VaultJobStore:
    def __init__(self, vault) -> None:
        self.vault = vault

    @staticmethod
    def name(job_id: str) -> str:
        return f"translate-job/{job_id}"

    def load(self, job_id: str) -> dict | None:
        try:
            return self.vault.get_json(self.name(job_id))
        except VaultNotFoundError:
            return None

    def save(self, job_id: str, state: dict) -> None:
        self.vault.put_json(self.name(job_id), state)

    def delete(self, job_id: str) -> None:
        self.vault.delete(self.name(job_id))


def job_id_for(document, source_lang: str, target_lang: str, model_id: str, glossary=None) -> str:
    digest = hashlib.sha256()
    digest.update(f"{source_lang}>{target_lang}|{model_id}|".encode())
    digest.update((glossary.fingerprint() if glossary else "-").encode())
    for segment in document.segments():
        digest.update(f"\x00{segment.id}\x01{segment.tagged}".encode())
    return digest.hexdigest()[:32]


class Job:
    """Finished units of one document translation: {source unit: (translation, origin)}."""

    def __init__(self, store: JobStore, job_id: str, meta: dict | None = None) -> None:
        self.store = store
        self.id = job_id
        state = store.load(job_id) or {}
        self.meta = state.get("meta") or dict(meta or {})
        self.done: dict[str, dict] = dict(state.get("done", {}))
        self.resumed = len(self.done)  # units finished by an earlier run

    def get(self, unit: str) -> dict | None:
        return self.done.get(unit)

    def record(self, unit: str, translation: str, origin: str, findings=()) -> None:
        self.done[unit] = {"t": translation, "o": origin, "f": [asdict(f) for f in findings]}
        self.store.save(
            self.id,
            {
                "version": FORMAT_VERSION,
                "meta": self.meta,
                "updated": int(time.time()),
                "done": self.done,
            },
        )

    def finish(self) -> None:
        """The output is written: the state is no longer needed."""
        self.store.delete(self.id)
