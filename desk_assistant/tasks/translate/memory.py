"""Translation memory (翻訳メモリ): earlier translations, found again exactly or fuzzily.

An exact match is reused without asking the model; a fuzzy match (rapidfuzz
ratio ≥ threshold) goes into the prompt as the closest worked example. Only
translations that passed the consistency checks are remembered, so a dropped
number is never served again from memory.

Storage sits behind `MemoryStore`: `VaultStore` keeps the memory encrypted in
the security vault (AES-GCM); `InMemoryStore` is for tests and one-off runs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from ...errors import VaultNotFoundError

DEFAULT_FUZZY_THRESHOLD = 85
FORMAT_VERSION = 1


class MemoryStore(Protocol):
    def load(self) -> dict: ...

    def save(self, data: dict) -> None: ...


class InMemoryStore:
    def __init__(self, data: dict | None = None) -> None:
        self.data = dict(data or {})
        self.saves = 0

    def load(self) -> dict:
        return dict(self.data)

    def save(self, data: dict) -> None:
        self.data = dict(data)
        self.saves += 1


class VaultStore:
    """One encrypted vault blob per memory (one per language pair)."""

    def __init__(self, vault, name: str) -> None:
        self.vault = vault
        self.name = name

    def load(self) -> dict:
        try:
            return self.vault.get_json(self.name)
        except VaultNotFoundError:
            return {}

    def save(self, data: dict) -> None:
        self.vault.put_json(self.name, data)


def memory_name(source_lang: str, target_lang: str) -> str:
    return f"translation-memory/{source_lang}-{target_lang}"


@dataclass(frozen=True)
class MemoryMatch:
    source: str
    target: str
    score: float  # 100 for an exact match
    origin: str = "mt"

    @property
    def exact(self) -> bool:
        return self.score >= 100


class TranslationMemory:
    def __init__(self, store: MemoryStore, *, fuzzy_threshold: int = DEFAULT_FUZZY_THRESHOLD):
        self.store = store
        self.fuzzy_threshold = fuzzy_threshold
        raw = store.load() or {}
        self.entries: dict[str, dict] = dict(raw.get("entries", {}))
        self._keys: list[str] | None = None
        self.dirty = False

    @classmethod
    def in_memory(cls, pairs: dict[str, str] | None = None, **kw) -> TranslationMemory:
        memory = cls(InMemoryStore(), **kw)
        for source, target in (pairs or {}).items():
            memory.add(source, target, origin="import")
        return memory

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, source: str) -> MemoryMatch | None:
        """The exact entry, else the closest one above the fuzzy threshold."""
        key = source.strip()
        entry = self.entries.get(key)
        if entry is not None:
            return MemoryMatch(key, entry["target"], 100.0, entry.get("origin", "mt"))
        if not self.entries or self.fuzzy_threshold > 100:
            return None
        from rapidfuzz import fuzz, process

        if self._keys is None:
            self._keys = list(self.entries)
        best = process.extractOne(
            key, self._keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold
        )
        if best is None:
            return None
        match_key, score, _ = best
        entry = self.entries[match_key]
        return MemoryMatch(match_key, entry["target"], float(score), entry.get("origin", "mt"))

    def add(self, source: str, target: str, origin: str = "mt") -> None:
        key = source.strip()
        if not key or not target.strip():
            return
        if key not in self.entries:
            self._keys = None
        self.entries[key] = {"target": target, "origin": origin, "time": int(time.time())}
        self.dirty = True

    def forget(self, source: str) -> bool:
        """Remove one entry (a translation that failed the checks); True if there was one."""
        if self.entries.pop(source.strip(), None) is None:
            return False
        self._keys = None
        self.dirty = True
        return True

    def purge(self, is_bad) -> list[str]:
        """Remove every entry for which `is_bad(source, target)` holds; returns their sources."""
        bad = [key for key, entry in self.entries.items() if is_bad(key, entry["target"])]
        for key in bad:
            self.forget(key)
        return bad

    def save(self) -> None:
        if self.dirty:
            self.store.save({"version": FORMAT_VERSION, "entries": self.entries})
            self.dirty = False
