"""The passage index: one SQLite file, FTS5 over keyed-hash terms, sealed passage text.

Layout (see sealing.py for why nothing in it is plaintext):
  info(name, value)        schema version, key check
  sources(id, key_digest, sealed, indexed_at, passages)
  passages(id, source_id, ordinal, day, sealed, terms, facets)
  fts(t)                   contentless FTS5; each row is the passage's sorted term tokens,
                           so positions carry no order of the text; `terms` and `facets`
                           keep (token id, count) pairs to delete a row again.
The journal is a rollback journal (not WAL), so an index on a file share can be
opened read-only (`mode=ro`) by every client while only the builder writes.
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
import struct
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import analysis as termlib
from .model import Filters, Hit, Passage, SourceInfo
from .sealing import Sealer, SealError
from .snippets import make_snippet

SCHEMA = "1"
_PAIR = struct.Struct(">8sH")

_DDL = """
CREATE TABLE IF NOT EXISTS info(name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kv(name_digest TEXT PRIMARY KEY, sealed BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sources(
    id INTEGER PRIMARY KEY, key_digest TEXT UNIQUE NOT NULL, sealed BLOB NOT NULL,
    indexed_at REAL NOT NULL, passages INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, ordinal INTEGER NOT NULL,
    day TEXT, sealed BLOB NOT NULL, terms BLOB NOT NULL, facets BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS passages_source ON passages(source_id);
CREATE INDEX IF NOT EXISTS passages_day ON passages(day);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(t, content='', tokenize='ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
"""

# Namespaces of the hashed tokens: body words, exact tags, field words.
_BODY, _TAG, _FIELD = "w", "g:", "f:"


class RetrievalError(Exception):
    """Base of the retrieval errors (tasks wrap them in DeskError messages)."""


class WrongKeyError(RetrievalError):
    """The index was built with another key."""


class NotAnIndexError(RetrievalError):
    """The file is not a library index (or is damaged)."""


class ReadOnlyIndexError(RetrievalError):
    """A write on an index opened read-only."""


class Index:
    """Open with `Index.open(path, key)`; see the package docstring for the API."""

    def __init__(self, conn: sqlite3.Connection, sealer: Sealer, path: Path, read_only: bool):
        self._db = conn
        self._sealer = sealer
        self.path = path
        self.read_only = read_only

    # --- opening -----------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, key: bytes, *, read_only: bool = False) -> Index:
        path = Path(path)
        sealer = Sealer(key)
        if read_only:
            if not path.is_file():
                raise NotAnIndexError(str(path))
            uri = path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), check_same_thread=False)
        conn.isolation_level = None  # explicit transactions
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA temp_store = MEMORY")  # sorts never spill to temp files
            if not read_only:
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed
                conn.executescript(_DDL)
            check = dict(conn.execute("SELECT name, value FROM info").fetchall())
        except sqlite3.DatabaseError as err:
            conn.close()
            raise NotAnIndexError(f"{path}: {err}") from None
        if not check:
            if read_only:
                conn.close()
                raise NotAnIndexError(str(path))
            conn.executemany(
                "INSERT INTO info(name, value) VALUES (?, ?)",
                [("schema", SCHEMA), ("key_check", sealer.key_check)],
            )
        elif check.get("key_check") != sealer.key_check:
            conn.close()
            raise WrongKeyError(str(path))
        return cls(conn, sealer, path, read_only)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing -----------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyIndexError(str(self.path))

    def replace_source(
        self,
        key: str,
        passages: Sequence[Passage],
        *,
        content_hash: str | None = None,
        info: dict[str, Any] | None = None,
    ) -> int:
        """Put a source's passages in the index, replacing what it had. One transaction."""
        self._writable()
        rows = [self._prepare(p) for p in passages]  # tokenizing happens outside the lock
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            self._delete(key)
            digest = self._sealer.digest(key)
            sealed = self._sealer.seal(
                {"key": key, "content_hash": content_hash, "info": info or {}}, "s" + digest
            )
            cur = db.execute(
                "INSERT INTO sources(key_digest, sealed, indexed_at, passages) VALUES (?,?,?,?)",
                (digest, sealed, time.time(), len(rows)),
            )
            source_id = cur.lastrowid
            next_id = (db.execute("SELECT max(id) FROM passages").fetchone()[0] or 0) + 1
            passage_rows, fts_rows = [], []
            for ordinal, (passage, token_text, terms_blob, facets_blob) in enumerate(rows):
                pid = next_id + ordinal
                sealed_p = self._sealer.seal(
                    {"text": passage.text, "meta": passage.meta, "source": key}, f"p{pid}"
                )
                passage_rows.append(
                    (pid, source_id, ordinal, passage.day, sealed_p, terms_blob, facets_blob)
                )
                fts_rows.append((pid, token_text))
            db.executemany("INSERT INTO passages VALUES (?,?,?,?,?,?,?)", passage_rows)
            db.executemany("INSERT INTO fts(rowid, t) VALUES (?, ?)", fts_rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return len(rows)

    def remove_source(self, key: str) -> bool:
        self._writable()
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            found = self._delete(key)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return found

    def _delete(self, key: str) -> bool:
        db = self._db
        row = db.execute(
            "SELECT id FROM sources WHERE key_digest = ?", (self._sealer.digest(key),)
        ).fetchone()
        if row is None:
            return False
        olds = db.execute(
            "SELECT id, terms, facets FROM passages WHERE source_id = ?", (row[0],)
        ).fetchall()
        db.executemany(
            "INSERT INTO fts(fts, rowid, t) VALUES ('delete', ?, ?)",
            [(pid, _unpack_tokens(t + f)) for pid, t, f in olds],
        )
        db.execute("DELETE FROM passages WHERE source_id = ?", (row[0],))
        db.execute("DELETE FROM sources WHERE id = ?", (row[0],))
        return True

    def _prepare(self, passage: Passage) -> tuple[Passage, str, bytes, bytes]:
        term = self._sealer.term
        body = Counter(term(_BODY, t) for t in termlib.term_strings(passage.text))
        if passage.context:
            body.update(term(_BODY, t) for t in _field_terms(passage.context))
        facets: Counter[str] = Counter()
        for name, values in passage.tags.items():
            for value in [values] if isinstance(values, str) else values:
                facets[term(_TAG + name, termlib.fold(value))] += 1
        for name, value in passage.fields.items():
            for t in _field_terms(value):
                facets[term(_FIELD + name, t)] += 1
        return passage, _tokens_text(body + facets), _pack(body), _pack(facets)

    def put_value(self, name: str, value: Any) -> None:
        """Keep a small sealed value with the index (the library's folder list, failures)."""
        self._writable()
        digest = self._sealer.digest("kv:" + name)
        self._db.execute(
            "INSERT OR REPLACE INTO kv(name_digest, sealed) VALUES (?, ?)",
            (digest, self._sealer.seal(value, "v" + digest)),
        )

    def get_value(self, name: str, default: Any = None) -> Any:
        digest = self._sealer.digest("kv:" + name)
        row = self._db.execute("SELECT sealed FROM kv WHERE name_digest = ?", (digest,)).fetchone()
        return default if row is None else self._sealer.open(row[0], "v" + digest)

    def touch_source(self, key: str, info: dict[str, Any] | None = None) -> None:
        """Mark a source as checked now (retention counts from here); optionally new info."""
        self._writable()
        digest = self._sealer.digest(key)
        if info is not None:
            current = self.source(key)
            if current is None:
                return
            sealed = self._sealer.seal(
                {"key": key, "content_hash": current.content_hash, "info": info}, "s" + digest
            )
            self._db.execute(
                "UPDATE sources SET sealed = ?, indexed_at = ? WHERE key_digest = ?",
                (sealed, time.time(), digest),
            )
        else:
            self._db.execute(
                "UPDATE sources SET indexed_at = ? WHERE key_digest = ?", (time.time(), digest)
            )

    def optimize(self) -> None:
        """Merge FTS segments (after a big build); makes queries faster."""
        self._writable()
        self._db.execute("INSERT INTO fts(fts) VALUES ('optimize')")

    # --- reading -----------------------------------------------------------

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM passages").fetchone()[0]

    def sources(self) -> list[SourceInfo]:
        out = []
        for digest, sealed, indexed_at, count in self._db.execute(
            "SELECT key_digest, sealed, indexed_at, passages FROM sources ORDER BY id"
        ):
            data = self._sealer.open(sealed, "s" + digest)
            out.append(
                SourceInfo(data["key"], data.get("content_hash"), data["info"], count, indexed_at)
            )
        return out

    def source(self, key: str) -> SourceInfo | None:
        digest = self._sealer.digest(key)
        row = self._db.execute(
            "SELECT sealed, indexed_at, passages FROM sources WHERE key_digest = ?", (digest,)
        ).fetchone()
        if row is None:
            return None
        data = self._sealer.open(row[0], "s" + digest)
        return SourceInfo(data["key"], data.get("content_hash"), data["info"], row[2], row[1])

    def passage(self, passage_id: int) -> Hit:
        row = self._db.execute("SELECT sealed FROM passages WHERE id = ?", (passage_id,)).fetchone()
        if row is None:
            raise KeyError(passage_id)
        data = self._sealer.open(row[0], f"p{passage_id}")
        return Hit(passage_id, 0.0, data["text"], data["meta"], data["source"])

    def passages_of(self, key: str) -> list[Hit]:
        """A source's passages in order (e.g. to show the context of a hit)."""
        row = self._db.execute(
            "SELECT id FROM sources WHERE key_digest = ?", (self._sealer.digest(key),)
        ).fetchone()
        if row is None:
            return []
        ids = [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM passages WHERE source_id = ? ORDER BY ordinal", (row[0],)
            )
        ]
        return [self.passage(i) for i in ids]

    def search(
        self,
        query: str,
        filters: Filters | None = None,
        *,
        limit: int = 10,
        offset: int = 0,
        snippets: bool = True,
        snippet_chars: int = 160,
        match: str = "auto",
        thorough: bool = False,
    ) -> list[Hit]:
        """Passages ranked by BM25 for the words of `query`.

        match="all": every word must be in the passage; "any": one is enough (more and
        rarer matches rank higher); "auto" (default): passages with all words first, then
        the others. An empty query with filters lists the filtered passages.
        `thorough`: `Hit.matched` and the marks also count other spellings and inflections
        of the query words (Sudachi on each hit: slower; for a few hits, as ask does).
        """
        filters = filters or Filters()
        words = termlib.query_words(query)
        groups = [(w.norm, w.parts) for w in words]
        if match not in ("all", "any", "auto"):
            raise ValueError(match)
        joiner = " AND " if match == "all" or (match == "auto" and len(groups) > 1) else " OR "
        expr = self._match_expression(groups, filters, joiner)
        if expr is None:
            return []
        rows = self._ranked(expr, filters, limit + offset)
        if match == "auto" and joiner == " AND " and len(rows) < limit + offset:
            seen = {pid for pid, _ in rows}
            more = self._ranked(
                self._match_expression(self._rarest(groups), filters, " OR "),
                filters,
                limit + offset + len(rows),
            )
            rows += [r for r in more if r[0] not in seen]
        return self._hits(rows[offset : offset + limit], words, snippets, snippet_chars, thorough)

    def more_like_this(self, passage_id: int, *, limit: int = 10, words: int = 24) -> list[Hit]:
        """Passages sharing the most distinctive words of one passage (itself left out)."""
        row = self._db.execute("SELECT terms FROM passages WHERE id = ?", (passage_id,)).fetchone()
        if row is None:
            raise KeyError(passage_id)
        counts = _unpack(row[0])
        total = max(self.count(), 1)
        weighted = []
        for token, tf in counts.items():
            df_row = self._db.execute(
                "SELECT doc FROM fts_vocab WHERE term = ?", (token,)
            ).fetchone()
            df = df_row[0] if df_row else 1
            if df > 1:  # a word found only here cannot bring in another passage
                weighted.append((tf * math.log(1 + total / df), token))
        weighted.sort(reverse=True)
        picked = [t for _, t in weighted[:words]]
        if not picked:
            return []
        rows = self._ranked(" OR ".join(picked), Filters(), limit + 1)  # ranked by BM25
        return self._hits([r for r in rows if r[0] != passage_id][:limit], [], False, 0)

    # --- internals -----------------------------------------------------------

    # The "any word" fallback of a long question ranks every passage holding any of its
    # words; common words make that most of the index (the slow queries of the 100k
    # bench). Their BM25 weight is small, so ranking on the rarer words keeps the order.
    _FALLBACK_WORDS = 6

    def _rarest(self, groups):
        if len(groups) <= self._FALLBACK_WORDS:
            return groups
        term = self._sealer.term

        def frequency(group) -> int:
            row = self._db.execute(
                "SELECT doc FROM fts_vocab WHERE term = ?", (term(_BODY, group[0]),)
            ).fetchone()
            return row[0] if row else 0

        ranked = sorted(groups, key=frequency)
        return ranked[: self._FALLBACK_WORDS]

    def _group_expr(self, namespace: str, groups) -> list[str]:
        term = self._sealer.term
        out = []
        for norm, parts in groups:
            token = term(namespace, norm)
            if parts:
                joined = " AND ".join(term(namespace, p) for p in parts)
                out.append(f"({token} OR ({joined}))")
            else:
                out.append(token)
        return out

    def _match_expression(self, groups, filters: Filters, joiner: str = " OR ") -> str | None:
        words = self._group_expr(_BODY, groups)
        required = []
        for name, value in filters.tags.items():
            required.append(self._sealer.term(_TAG + name, termlib.fold(value)))
        for name, value in filters.fields.items():
            # Each word of the value as a whole (文部科学大臣 is not 文部科学副大臣); a part
            # given alone still matches, since parts are indexed too (大臣 finds every minister).
            field_words = self._group_expr(
                _FIELD + name, [(norm, ()) for norm, _ in termlib.query_groups(value)]
            )
            if not field_words:
                return None  # a filter with no words matches nothing rather than everything
            required.extend(field_words)
        if not words and not required:
            return None
        parts = []
        if words:
            parts.append("(" + joiner.join(words) + ")")
        parts.extend(required)
        return " AND ".join(parts)

    def _ranked(self, expr: str, filters: Filters, limit: int) -> list[tuple[int, float]]:
        """(passage id, BM25 rank) best first; rank is negative, lower is better."""
        sql = "SELECT rowid, rank FROM fts WHERE fts MATCH ?"
        params: list[Any] = [expr]
        if filters.date_from or filters.date_to:
            sql += " AND rowid IN (SELECT id FROM passages WHERE day >= ? AND day <= ?)"
            params += [filters.date_from or "0000-00-00", filters.date_to or "9999-99-99"]
        sql += " ORDER BY rank LIMIT ?"
        params.append(limit)
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as err:
            raise RetrievalError(str(err)) from None

    def _hits(
        self, rows, words, snippets: bool, snippet_chars: int, thorough: bool = False
    ) -> list[Hit]:
        hits = []
        for pid, rank in rows:
            hit = self.passage(pid)
            hit.score = -rank
            if words:
                snippet, matched = make_snippet(hit.text, words, snippet_chars, thorough)
                hit.matched = matched
                if snippets:
                    hit.snippet = snippet
            hits.append(hit)
        return hits


@functools.lru_cache(maxsize=4096)
def _field_terms(value: str) -> tuple[str, ...]:
    # Field values (speaker, meeting) repeat on every passage of a speech or file.
    return tuple(termlib.term_strings(value))


def _tokens_text(counts: Counter[str]) -> str:
    # Sorted: the FTS positions then say nothing about the order of the words.
    return " ".join(t for token in sorted(counts) for t in [token] * min(counts[token], 65535))


def _pack(counts: Counter[str]) -> bytes:
    return b"".join(
        _PAIR.pack(bytes.fromhex(token[1:]), min(n, 65535)) for token, n in sorted(counts.items())
    )


def _unpack(blob: bytes) -> Counter[str]:
    out: Counter[str] = Counter()
    for raw, n in _PAIR.iter_unpack(blob):
        out["t" + raw.hex()] += n
    return out


def _unpack_tokens(blob: bytes) -> str:
    return _tokens_text(_unpack(blob))


__all__ = [
    "Index",
    "RetrievalError",
    "NotAnIndexError",
    "ReadOnlyIndexError",
    "SealError",
    "WrongKeyError",
]
