"""Local full-text retrieval over confidential passages. No Qt, no LLM, no document readers.

Used by the library (tasks/library: past answers and documents) and law research
(tasks/laws). Callers turn their sources into `Passage`s; this package tokenizes,
indexes, ranks and shows them.

Quick use::

    from desk_assistant.retrieval import Index, Passage, Filters, split_text
    with Index.open(path, key) as index:               # key: 32 bytes (the library uses the keyring key "library-key")
        index.replace_source("file:/a/b.docx", [       # one transaction; replaces the old version
            Passage("個人情報保護委員会は…", meta={"file": "/a/b.docx", "location": "body/p3"},
                    day="2023-11-08", tags={"file_type": "docx", "folder": ["/a"]},
                    fields={"speaker": "盛山正仁", "position": "文部科学大臣"}),
        ], content_hash="sha256…", info={"path": "/a/b.docx"})
        hits = index.search("個人情報の保護", Filters(date_from="2023-01-01",
                            tags={"file_type": "docx"}, fields={"position": "大臣"}), limit=10)
        for hit in hits:
            hit.passage_id, hit.score, hit.text, hit.meta, hit.source_key
            hit.snippet.marked("【", "】")   # or hit.snippet.text + hit.snippet.spans
            hit.matched                         # query words found in the passage
        index.more_like_this(hits[0].passage_id)
        index.passage(pid); index.passages_of(key); index.sources(); index.source(key)
        index.remove_source(key); index.optimize(); index.count()
        index.touch_source(key, info=None)   # checked now: SourceInfo.indexed_at (retention)
        index.put_value("name", obj); index.get_value("name", default)   # small sealed values
    Index.open(path, key, read_only=True)   # a shared index on a file share (mode=ro)

Terms (analysis.py): Sudachi (sudachidict-core) split mode C, normalized form, NFKC +
case folded, plus the mode-A parts of compounds, so 個人情報保護委員会 is found by
個人情報 and by 保護委員会; particles, auxiliaries, symbols and light verbs are
dropped. Text goes to Sudachi in pieces under its 49,149-byte limit.
`terms(text)` gives `Term(norm, start, end)` with offsets, for callers
that need their own matching (e.g. answer verification); `term_strings(text)` the
terms alone (fast); `proper_nouns(text)` the 固有名詞 with offsets.

Query: each query word matches the word itself or all of its A-mode parts; words
are OR-ed and ranked by FTS5 BM25 (k1=1.2, b=0.75), so more and rarer matches
rank first. Filters are AND-ed: `tags` exact values, `fields` by words, dates as
an inclusive "YYYY-MM-DD" range.

Engine: SQLite FTS5 from the stdlib sqlite3 — embedded, in every CPython build
(Windows included), transactional, BM25 built in, fast enough (bench/library_search.py);
tantivy would add a native wheel and a second storage format for no gain at this size.

At rest (sealing.py): passage text and metadata are AES-GCM sealed; the FTS
index holds keyed BLAKE2b hashes of terms in sorted order (no positions of the
text), so neither the database, its journal nor SQLite temp files hold plaintext.
Rows need the key to be read; a wrong key is refused (`WrongKeyError`).

Long text: `split_text(text, max_chars=500)` cuts at sentence ends, giving
(offset, piece) pairs so a passage can name where it starts.
"""

from ..sudachi import TokenizerUnavailableError
from .analysis import (
    QueryWord,
    Term,
    fold,
    proper_nouns,
    query_groups,
    query_words,
    term_strings,
    terms,
)
from .chunking import sentences, split_text
from .index import (
    Index,
    NotAnIndexError,
    ReadOnlyIndexError,
    RetrievalError,
    WrongKeyError,
)
from .model import Filters, Hit, Passage, Snippet, SourceInfo
from .sealing import SealError

__all__ = [
    "Filters",
    "Hit",
    "Index",
    "RetrievalError",
    "NotAnIndexError",
    "Passage",
    "QueryWord",
    "ReadOnlyIndexError",
    "SealError",
    "Snippet",
    "SourceInfo",
    "Term",
    "TokenizerUnavailableError",
    "WrongKeyError",
    "fold",
    "proper_nouns",
    "query_groups",
    "query_words",
    "term_strings",
    "sentences",
    "split_text",
    "terms",
]
