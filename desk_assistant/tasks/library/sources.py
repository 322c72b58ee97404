"""Files → passages with their locations: documents of every registered format (Word,
PDF, Excel, PowerPoint, text: documents/formats.py) and Diet records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ... import documents
from ...documents.formats import scanned_suffixes
from ...retrieval import Passage, split_text
from .diet import Speech, read_speeches, sniff_diet

# From the format registry, so a new format is indexed without a change here; .docm,
# .xlsm, .pptm, .doc and .rtf are read so that they are listed as failed with the reason
# ("macros", "not a .docx").
DOCUMENT_SUFFIXES = scanned_suffixes()
DIET_SUFFIXES = (".xml", ".json")
SUFFIXES = DOCUMENT_SUFFIXES + DIET_SUFFIXES

PASSAGE_CHARS = 500  # long enough for an answer with its context, short enough to cite
MIN_CHARS = 120  # short paragraphs (headings, list items) join the next ones


def is_candidate(path: Path) -> bool:
    name = path.name
    if name.startswith(("~$", ".")) or path.suffix.lower() not in SUFFIXES:
        return False  # Word lock files, hidden files
    if path.suffix.lower() in DIET_SUFFIXES:
        return sniff_diet(path)
    return True


def folder_tags(path: Path) -> list[str]:
    return [str(p) for p in path.parents if str(p) not in ("/", ".", "")]


def read_passages(
    path: Path, max_bytes: int = documents.DEFAULT_MAX_BYTES
) -> tuple[str, list[Passage]]:
    """(kind, passages) of one file. Raises DeskError (documents) or ValueError (Diet) on bad input."""
    if path.suffix.lower() in DIET_SUFFIXES:
        return "diet", diet_passages(path, read_speeches(path))
    return "document", document_passages(path, documents.load(path, max_bytes=max_bytes))


def _base_tags(path: Path, file_type: str, kind: str) -> dict[str, Any]:
    return {"folder": folder_tags(path), "file_type": file_type, "kind": kind}


def document_passages(path: Path, document) -> list[Passage]:
    file_type = path.suffix.lower().lstrip(".")
    tags = _base_tags(path, file_type, "document")
    passages: list[Passage] = []
    heading = ""
    group: list = []

    def flush() -> None:
        if not group:
            return
        text = "\n".join(b.text.strip() for b in group)
        for offset, piece in split_text(text, PASSAGE_CHARS, MIN_CHARS // 2):
            meta = {
                "kind": "document",
                "file": str(path),
                "name": path.name,
                "location": group[0].location,
                "end_location": group[-1].location,
                "page": group[0].page,
                "heading": heading,
                "offset": offset,
            }
            passages.append(Passage(piece, meta=meta, tags=tags, context=heading))
        group.clear()

    for block in document.blocks:
        if not block.text.strip():
            continue
        if block.heading_level is not None:
            flush()
            heading = block.text.strip()[:80]
        elif group and (group[-1].page != block.page or group[-1].kind != block.kind):
            flush()
        group.append(block)
        if sum(len(b.text) for b in group) >= MIN_CHARS * 3:
            flush()
    flush()
    return passages


def speech_label(meta: dict[str, Any]) -> str:
    """第212回国会 衆議院 文部科学委員会 第2号 2023-11-08 盛山正仁（文部科学大臣）"""
    who = meta.get("speaker", "")
    if meta.get("position"):
        who += f"（{meta['position']}）"
    session = f"第{meta['session']}回国会" if meta.get("session") else ""
    parts = [
        session,
        meta.get("house"),
        meta.get("meeting"),
        meta.get("issue"),
        meta.get("date"),
        who,
    ]
    return " ".join(p for p in parts if p)


def document_label(meta: dict[str, Any]) -> str:
    where = f"p.{meta['page']}" if meta.get("page") else meta.get("location", "")
    return f"{meta.get('name', '')} {where}".strip()


def citation_label(meta: dict[str, Any]) -> str:
    return speech_label(meta) if meta.get("kind") == "speech" else document_label(meta)


def diet_passages(path: Path, speeches: list[Speech]) -> list[Passage]:
    base = _base_tags(path, "diet", "speech")
    passages: list[Passage] = []
    for speech in speeches:
        text = speech.text.replace("\r\n", "\n").strip()
        if not text:
            continue
        tags = {**base, "house": speech.house, "session": speech.session}
        fields = {
            "speaker": speech.speaker,
            "position": speech.position,
            "meeting": speech.meeting,
            "group": speech.group,
        }
        pieces = split_text(text, PASSAGE_CHARS, MIN_CHARS)
        for part, (offset, piece) in enumerate(pieces, 1):
            meta = {
                "kind": "speech",
                "file": str(path),
                "speech_id": speech.speech_id,
                "session": speech.session,
                "house": speech.house,
                "meeting": speech.meeting,
                "issue": speech.issue,
                "date": speech.date,
                "speaker": speech.speaker,
                "position": speech.position,
                "group": speech.group,
                "role": speech.role,
                "url": speech.url,
                "part": part,
                "parts": len(pieces),
                "offset": offset,
            }
            context = f"{speech.position} {speech.speaker} {speech.meeting}"
            passages.append(
                Passage(
                    piece,
                    meta=meta,
                    day=speech.date or None,
                    tags=tags,
                    fields=fields,
                    context=context,
                )
            )
    return passages
