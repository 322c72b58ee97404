"""Diet records (国会会議録検索システム API output) as speeches with their meeting.

Shapes read:
- API XML (meeting or speech endpoint): data/records/record/recordData/meetingRecord
  with speechRecord children, or speechRecord with the meeting fields inline;
- API JSON: {"meetingRecord": [{..., "speechRecord": [...]}]} or {"speechRecord": [...]};
- the gijiroku-search dump: {"metadata": …, "data": [{id, date, session, house,
  committee, meeting_info{issue…}, speaker, party, position, text, url}]}.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree

MEETING_FIELDS = ("session", "nameOfHouse", "nameOfMeeting", "issue", "date", "issueID")


@dataclass
class Speech:
    speech_id: str
    text: str
    speaker: str = ""
    speaker_yomi: str = ""
    group: str = ""
    position: str = ""
    role: str = ""
    order: int = 0
    url: str = ""
    session: str = ""
    house: str = ""
    meeting: str = ""
    issue: str = ""
    date: str = ""
    start_page: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


class NotDietRecordError(ValueError):
    """The file is XML/JSON but not 国会会議録 API output."""


def sniff_diet(path: Path) -> bool:
    """Cheap check of the first bytes: is this file a Diet record?"""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "ignore")
    except OSError:
        return False
    return (
        any(
            marker in head
            for marker in ("<meetingRecord>", "<speechRecord>", '"meetingRecord"', '"speechRecord"')
        )
        or ('"data"' in head and '"speeches"' in head)
        or ('"speaker"' in head and '"house"' in head)
    )


def read_speeches(path: Path) -> list[Speech]:
    data = path.read_bytes()
    stripped = data.lstrip()
    if stripped.startswith(b"<"):
        speeches = list(_from_xml(data))
    elif stripped.startswith((b"{", b"[")):
        speeches = list(_from_json(json.loads(data.decode("utf-8-sig"))))
    else:
        raise NotDietRecordError(str(path))
    if not speeches:
        raise NotDietRecordError(str(path))
    return speeches


def _text(node, name: str) -> str:
    child = node.find(name)
    return (child.text or "").strip() if child is not None and child.text else ""


def _speech(record: dict, meeting: dict) -> Speech:
    def get(name: str) -> str:
        value = record.get(name, meeting.get(name, ""))
        return "" if value is None else str(value).strip()

    return Speech(
        speech_id=get("speechID"),
        text=str(record.get("speech") or ""),
        speaker=get("speaker"),
        speaker_yomi=get("speakerYomi"),
        group=get("speakerGroup"),
        position=get("speakerPosition"),
        role=get("speakerRole"),
        order=int(get("speechOrder") or 0),
        url=get("speechURL"),
        session=get("session"),
        house=get("nameOfHouse"),
        meeting=get("nameOfMeeting"),
        issue=get("issue"),
        date=get("date"),
        start_page=get("startPage"),
    )


def _from_xml(data: bytes) -> Iterator[Speech]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    for meeting in root.iter("meetingRecord"):
        fields = {name: _text(meeting, name) for name in MEETING_FIELDS}
        for record in meeting.iter("speechRecord"):
            yield _speech({c.tag: c.text or "" for c in record}, fields)
    for record in root.iter("speechRecord"):  # speech endpoint: meeting fields inline
        if record.getparent() is not None and record.getparent().tag == "meetingRecord":
            continue
        yield _speech({c.tag: c.text or "" for c in record}, {})


def _from_json(data) -> Iterator[Speech]:
    if isinstance(data, dict) and "meetingRecord" in data:
        for meeting in data["meetingRecord"] or []:
            fields = {k: meeting.get(k, "") for k in MEETING_FIELDS}
            for record in meeting.get("speechRecord") or []:
                yield _speech(record, fields)
    elif isinstance(data, dict) and "speechRecord" in data:
        for record in data["speechRecord"] or []:
            yield _speech(record, {})
    else:
        rows = data.get("data") if isinstance(data, dict) else data
        for row in rows or []:
            if not isinstance(row, dict) or "text" not in row:
                continue
            info = row.get("meeting_info") or {}
            yield Speech(
                speech_id=str(row.get("id") or ""),
                text=str(row.get("text") or "").replace("\r\n", "\n"),
                speaker=str(row.get("speaker") or ""),
                group=str(row.get("party") or ""),
                position=str(row.get("position") or ""),
                order=int(info.get("speech_order") or 0),
                url=str(row.get("url") or ""),
                session=str(row.get("session") or ""),
                house=str(row.get("house") or info.get("house") or ""),
                meeting=str(row.get("committee") or info.get("meeting_name") or ""),
                issue=str(info.get("issue") or ""),
                date=str(row.get("date") or info.get("date") or ""),
            )
