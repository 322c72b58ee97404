"""The law search index on the shared retrieval layer (desk_assistant/retrieval):
Sudachi terms, SQLite FTS5, BM25, snippets. One source per law ("law:<法令番号>"),
one passage per unit (article, 附則, 別表), tagged with the law for filtering.

The retrieval layer seals passages with a key because library indexes hold
confidential text. Law text is public (著作権法第13条, published by e-Gov), so the
law index uses a fixed key: the sealing protects nothing here and needs no keyring.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ...retrieval import Filters, Index, Passage

PUBLIC_KEY = hashlib.sha256(b"desk_assistant: e-Gov law text is public").digest()


@dataclass
class IndexHit:
    unit_id: int
    score: float
    snippet: str  # matched words in 【】


class LawIndex:
    def __init__(self, path: Path):
        self.index = Index.open(path, PUBLIC_KEY)

    def close(self) -> None:
        self.index.close()

    def replace_law(self, law_num: str, rows: Iterable[tuple[int, str]], digest: str) -> None:
        """(unit id, text) pairs of one law, replacing what the index had for it."""
        passages = [
            Passage(text, meta={"unit_id": uid}, tags={"law": law_num}) for uid, text in rows
        ]
        self.index.replace_source(f"law:{law_num}", passages, content_hash=digest)

    def remove_law(self, law_num: str) -> None:
        self.index.remove_source(f"law:{law_num}")

    def search(self, query: str, limit: int = 10, law_num: str | None = None) -> list[IndexHit]:
        filters = Filters(tags={"law": law_num}) if law_num else None
        hits = self.index.search(query, filters, limit=limit)
        return [
            IndexHit(
                int(h.meta["unit_id"]),
                h.score,
                h.snippet.marked("【", "】") if h.snippet else "",
            )
            for h in hits
        ]
