"""Notes written into a copy of a PowerPoint deck as slide comments.

A note is (block location, text); "slide3/p12", "slide3/smartart1/p4" and
"slide3/notes/p1" all become a comment on slide 3 (PowerPoint comments belong to
a slide, not to a run; the text says which part and quotes the words). These are
PowerPoint's classic comments (ppt/comments/commentN.xml and the author list
ppt/commentAuthors.xml): LibreOffice Impress reads them as annotations, and
PowerPoint shows them in its comments pane.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone

from lxml import etree

from .officeparts import NewParts
from .pptx import P, slide_parts

AUTHORS_CT = "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.presentationml.comments+xml"
_LOCATION = re.compile(r"^slide(\d+)/")
_CHART = re.compile(r"^chart(\d+)/")  # a chart's title or data (pptx_charts.py)
_STEP = 160  # the next comment's marker a little lower (master units, 576 per inch)


def p(tag: str) -> str:
    return f"{{{P}}}{tag}"


class _Author:
    """Our entry in ppt/commentAuthors.xml (the list is created when the deck has none)."""

    def __init__(self, new: NewParts, main: str, name: str):
        pkg = new.pkg
        found = next(
            (
                n
                for kind, n in pkg.rels(main).values()
                if kind == "commentAuthors" and n in pkg.data
            ),
            None,
        )
        if found:
            self.root = new.xml(found)
        else:
            self.root = etree.Element(p("cmAuthorLst"), nsmap={"p": P})
            new.add_xml("ppt/commentAuthors.xml", self.root, AUTHORS_CT)
            new.relate(main, "commentAuthors", "ppt/commentAuthors.xml")
        authors = self.root.findall(p("cmAuthor"))
        self.node = next((a for a in authors if a.get("name") == name), None)
        if self.node is None:
            ids = [int(a.get("id", "0")) for a in authors if a.get("id", "").isdigit()]
            self.node = etree.SubElement(
                self.root,
                p("cmAuthor"),
                id=str(max(ids) + 1 if ids else 0),
                name=name,
                initials="DA",
                lastIdx="0",
                clrIdx=str(len(authors)),
            )

    @property
    def id(self) -> str:
        return self.node.get("id")

    def next_index(self) -> str:
        value = self.node.get("lastIdx", "0")
        last = (int(value) if value.isdigit() else 0) + 1
        self.node.set("lastIdx", str(last))
        return str(last)


def add_comments(
    doc, new: NewParts, main: str, notes: Iterable[tuple[str, str]], author_name: str
) -> list:
    """Place each (location, text) on its slide; returns the notes that could not be placed."""
    by_number = {number: part for number, part, _hidden in slide_parts(new.pkg)}
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000")
    author: _Author | None = None
    lists: dict[str, etree._Element] = {}
    skipped = []
    charts = _chart_slides(new.pkg, by_number)
    for note in notes:
        location, text = note
        match = _LOCATION.match(location or "")
        part = by_number.get(int(match.group(1))) if match else None
        chart = _CHART.match(location or "")
        if chart is not None:  # on the slide that shows the chart, naming the chart
            part = charts.get(f"ppt/charts/chart{chart.group(1)}.xml")
            text = f"[{location}] {text}"
        if part is None:
            skipped.append(note)
            continue
        if author is None:
            author = _Author(new, main, author_name)
        if part not in lists:
            lists[part] = _comment_list(new, part)
        cm_list = lists[part]
        placed = len(cm_list)
        cm = etree.SubElement(
            cm_list, p("cm"), authorId=author.id, dt=stamp, idx=author.next_index()
        )
        etree.SubElement(
            cm, p("pos"), x=str(10 + (placed % 20) * 8), y=str(10 + (placed % 25) * _STEP)
        )
        etree.SubElement(cm, p("text")).text = text
    return skipped


def _chart_slides(pkg, by_number: dict[int, str]) -> dict[str, str]:
    """Chart part → the first slide (in show order) that shows it."""
    found: dict[str, str] = {}
    for number in sorted(by_number):
        for kind, name in pkg.rels(by_number[number]).values():
            if kind == "chart":
                found.setdefault(name, by_number[number])
    return found


def _comment_list(new: NewParts, slide: str) -> etree._Element:
    pkg = new.pkg
    found = next(
        (n for kind, n in pkg.rels(slide).values() if kind == "comments" and n in pkg.data), None
    )
    if found:
        return new.xml(found)
    name = new.free_name("ppt/comments/comment{}.xml")
    root = etree.Element(p("cmLst"), nsmap={"p": P})
    new.add_xml(name, root, COMMENTS_CT)
    new.relate(slide, "comments", name)
    return root
