"""The law search index behind one small interface (`LawIndex`), so it can move onto
the shared retrieval layer without touching its callers.

This implementation: SQLite FTS5 over pre-tokenized text (Sudachi tokens joined by
spaces, see tokens.py), ranked by FTS5's BM25. Law text is public, so this index
is not encrypted (unlike the library index of users' documents).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

Tokenizer = Callable[[str], list[str]]


class LawIndex:
    def __init__(self, connection: sqlite3.Connection, tokenizer: Tokenizer):
        self.db = connection
        self.tokenize = tokenizer
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS unit_fts USING fts5("
            "tokens, tokenize='unicode61 remove_diacritics 0')"
        )

    def add(self, rows: Iterable[tuple[int, str]]) -> None:
        """(unit id, text) pairs."""
        self.db.executemany(
            "INSERT INTO unit_fts(rowid, tokens) VALUES (?, ?)",
            ((uid, " ".join(self.tokenize(text))) for uid, text in rows),
        )

    def remove(self, unit_ids: Iterable[int]) -> None:
        self.db.executemany("DELETE FROM unit_fts WHERE rowid = ?", ((u,) for u in unit_ids))

    def search(self, query: str, limit: int = 10) -> list[tuple[int, float]]:
        """(unit id, score) best first; the score is -bm25 (higher is better)."""
        terms = sorted(set(self.tokenize(query)))
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = self.db.execute(
            "SELECT rowid, bm25(unit_fts) FROM unit_fts WHERE unit_fts MATCH ? "
            "ORDER BY bm25(unit_fts) LIMIT ?",
            (match, limit),
        ).fetchall()
        return [(rowid, -score) for rowid, score in rows]
