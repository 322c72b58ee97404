"""Plain data the retrieval layer takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Passage:
    """A unit of search and citation, as handed to `Index.replace_source`.

    text:   what is searched and shown.
    meta:   anything the caller wants back with a hit (file, location, page, meeting,
            house, date, speaker, position, speech_id, url…); stored sealed.
    day:    "YYYY-MM-DD" for date-range filters (stored in clear: dates only).
    tags:   exact filter values, {"folder": [...ancestors], "file_type": "pdf", "house": "衆議院"}.
    fields: free-text filter values matched by words, {"speaker": "盛山正仁", "position": "文部科学大臣"}.
    context: words searched with the text but not shown (who spoke, the section heading).
    """

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    day: str | None = None
    tags: dict[str, str | list[str]] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    context: str = ""


@dataclass
class Filters:
    """Search filters; every one given must hold. Tag values match exactly (after NFKC and
    case folding); field values match when each of their words is a word of the passage's
    field or a part of one (position "大臣" matches 文部科学大臣; "文部科学大臣" does not
    match 文部科学副大臣)."""

    date_from: str | None = None  # inclusive "YYYY-MM-DD"
    date_to: str | None = None  # inclusive
    tags: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.date_from or self.date_to or self.tags or self.fields)


@dataclass
class Snippet:
    """A window of the passage text; `spans` are (start, end) of matched words inside `text`."""

    text: str
    spans: list[tuple[int, int]]
    start: int = 0  # where `text` starts in the passage

    def marked(self, open_mark: str = "【", close_mark: str = "】") -> str:
        out, last = [], 0
        for start, end in self.spans:
            out += [self.text[last:start], open_mark, self.text[start:end], close_mark]
            last = end
        out.append(self.text[last:])
        return "".join(out)


@dataclass
class Hit:
    passage_id: int
    score: float  # BM25, higher is better
    text: str
    meta: dict[str, Any]
    source_key: str
    snippet: Snippet | None = None
    matched: list[str] = field(default_factory=list)  # query words found in the passage

    def to_dict(self) -> dict[str, Any]:
        data = {
            "id": self.passage_id,
            "score": round(self.score, 4),
            "source": self.source_key,
            "meta": self.meta,
            "text": self.text,
            "matched": self.matched,
        }
        if self.snippet is not None:
            data["snippet"] = self.snippet.marked()
            data["highlights"] = [list(s) for s in self.snippet.spans]
        return data


@dataclass
class SourceInfo:
    key: str
    content_hash: str | None
    info: dict[str, Any]
    passages: int
    indexed_at: float
