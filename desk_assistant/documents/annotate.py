"""Write a copy of a .docx with Word comments and tracked changes on spans of block text.

A `Mark` names a span by the documents layer's coordinates: a block location and
code-point offsets into `Block.text`. Each mark becomes a comment anchored on
exactly that span, a tracked change (`w:del` of the span, `w:ins` of the
replacement) that Word and LibreOffice can accept or reject, or both.

How: the paragraph's text runs are split at the span boundaries (each half keeps
the run's formatting), then range markers or revision wrappers go around the
runs that cover the span. Everything else is copied byte for byte, like
`DocxDocument.save_as`; the output is written atomically and never over the
source or an existing file.

What cannot be marked is reported, not forced:
- comments in headers and footers (Word has no comments there); a comment on a
  footnote or endnote goes on its reference mark in the text, quoting the span
  (LibreOffice cannot open files with comments inside notes);
- a change whose span reaches into non-text content (a field, an image), spans
  several run containers (half in a hyperlink), or overlaps another change;
- a paragraph whose text no longer matches the loaded block.
"""

from __future__ import annotations

import copy
import datetime as _dt
import os
import posixpath
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from lxml import etree

from ..fileio import atomic_writer
from . import wordml
from .docx import (
    REL_NS,
    DocxDocument,
    Package,
    entries_of,
    open_package,
    stories,
    write_entries,
)
from .external_links import LinkScrubber
from .officeparts import add_relationship
from .sniff import check_output
from .validate import check_docx
from .wordml import RPR, RUN, T, w

AUTHOR = "文書アシスタント"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_NO_COMMENT_KINDS = ("header", "footer")
# Parents inside which a run may be wrapped in w:del / w:ins (not inside another revision).
_CHANGE_PARENTS = {wordml.P, w("hyperlink"), w("smartTag"), w("customXml"), w("sdtContent")}

# Reasons a mark was not placed (stable keys; the caller words them for the user).
SKIP_NO_BLOCK = "no-block"
SKIP_TEXT_CHANGED = "text-changed"
SKIP_NO_COMMENTS_HERE = "no-comments-here"
SKIP_NOT_TEXT = "not-text"
SKIP_OVERLAP = "overlap"
SKIP_BAD_SPAN = "bad-span"
SKIP_BUDGET = "over-budget"  # the paragraph is too long or has too many marks to edit in time
COMMENT_REASONS = (
    SKIP_NO_BLOCK,
    SKIP_TEXT_CHANGED,
    SKIP_NO_COMMENTS_HERE,
    SKIP_BAD_SPAN,
    SKIP_BUDGET,
)
# Work budget per paragraph: each mark splits runs, which costs the paragraph's
# length, so a 5 MB paragraph with thousands of findings would take hours.
MAX_MARKED_CHARS = 100_000
MAX_MARKS_PER_PARAGRAPH = 200


@dataclass(frozen=True)
class Mark:
    location: str
    start: int
    end: int
    comment: str | None = None  # text of a Word comment anchored on the span
    replacement: str | None = None  # tracked change: the span deleted, this inserted


@dataclass
class AnnotateReport:
    comments: int = 0
    changes: int = 0
    # (mark, SKIP_* reason); a mark with a comment and a change may appear twice
    skipped: list[tuple[Mark, str]] = field(default_factory=list)


class _Ids:
    """Fresh w:id values, above every id already in the parts we touched."""

    def __init__(self, trees: Iterable[etree._Element]):
        top = 0
        for tree in trees:
            for value in tree.xpath("//@w:id", namespaces={"w": wordml.W}):
                if value.lstrip("-").isdigit():
                    top = max(top, int(value))
        self.next = top + 1

    def take(self) -> str:
        value, self.next = self.next, self.next + 1
        return str(value)


class _Pieces:
    """The paragraph's text as (start, end, element, is_text_run) pieces, in order."""

    def __init__(self, model: wordml.ParagraphModel):
        self.items: list[list] = []
        pos = 0
        for item in model.items:
            if isinstance(item, wordml.Group):
                for run in item.runs:
                    text = wordml.run_text(run)
                    self.items.append([pos, pos + len(text), run, True])
                    pos += len(text)
            else:
                for element in item.elements:
                    text = "" if element.tag == w("del") else wordml.visible_text(element)
                    self.items.append([pos, pos + len(text), element, False])
                    pos += len(text)
        self.length = pos

    def split(self, offset: int) -> None:
        """Cut the text run that straddles `offset` in two; both halves keep its rPr."""
        for index, (start, end, element, is_text) in enumerate(self.items):
            if start < offset < end and is_text:
                text = wordml.run_text(element)
                k = offset - start
                clone = copy.deepcopy(element)
                wordml.set_run_text(element, text[:k])
                wordml.set_run_text(clone, text[k:])
                element.addnext(clone)
                self.items[index][1] = offset
                self.items.insert(index + 1, [offset, end, clone, True])
                return

    def cover(self, start: int, end: int) -> list[list]:
        """Pieces with text overlapping [start, end), in order."""
        return [p for p in self.items if p[1] > p[0] and p[0] < end and p[1] > start]


def annotate_docx(
    document: DocxDocument,
    out_path: str | os.PathLike,
    marks: Iterable[Mark],
    *,
    author: str = AUTHOR,
    initials: str = "DA",
    date: _dt.datetime | None = None,
    overwrite: bool = False,
) -> AnnotateReport:
    """Write a copy of `document` with `marks` applied; returns what was placed and skipped."""
    target = check_output(out_path, document.path, overwrite)
    stamp = (date or _dt.datetime.now(_dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    marks = list(marks)
    report = AnnotateReport()
    pkg = open_package(document)
    wanted: dict[str, list[Mark]] = {}
    for mark in marks:
        wanted.setdefault(mark.location, []).append(mark)
    found_by_location: dict[str, list] = {}
    # Every paragraph is analysed in order: open fields carry over between paragraphs.
    for part, found in stories(pkg):
        model = wordml.analyse_paragraph(found.element, found.fields)
        if found.location in wanted:
            found_by_location.setdefault(found.location, []).append((part, found, model))
    ids = _Ids(pkg.trees.values())
    comments = _Comments(pkg, ids, author, initials, stamp)
    texts = {b.location: b.text for b in document.blocks}
    for location, group in wanted.items():
        entries = found_by_location.get(location)
        if not entries or location not in texts:
            report.skipped += [(m, SKIP_NO_BLOCK) for m in group]
            continue
        if len(texts[location]) > MAX_MARKED_CHARS:
            report.skipped += [(m, SKIP_BUDGET) for m in group]
            continue
        if len(group) > MAX_MARKS_PER_PARAGRAPH:
            report.skipped += [(m, SKIP_BUDGET) for m in group[MAX_MARKS_PER_PARAGRAPH:]]
            group = group[:MAX_MARKS_PER_PARAGRAPH]
        for part, found, model in entries:
            if model.text() != texts[location]:
                if not found.twin:
                    report.skipped += [(m, SKIP_TEXT_CHANGED) for m in group]
                continue
            placed = _mark_paragraph(
                model, group, ids, _comment_target(pkg, found, comments), author, stamp
            )
            pkg.dirty.add(part)
            if found.twin:  # the VML copy of a text box gets the same changes, silently
                continue
            for mark, (did_comment, did_change, reasons) in zip(group, placed, strict=True):
                report.comments += did_comment
                report.changes += did_change
                report.skipped += [(mark, reason) for reason in reasons]
    new_parts = comments.finish() if comments.count else {}
    links = LinkScrubber((i.filename, d) for i, d in entries_of(document))
    with (
        atomic_writer(
            target, "wb", shared=True, check=partial(check_docx, shown_as=target)
        ) as handle,
        zipfile.ZipFile(handle, "w") as out,
    ):
        write_entries(document, pkg, out, links.part)
        for name, data in new_parts.items():
            out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return report


def _mark_paragraph(model, marks, ids, comments, author, stamp) -> list[tuple[bool, bool, list]]:
    """Apply the marks of one paragraph; per mark: (comment placed, change placed, skip reasons)."""
    pieces = _Pieces(model)
    for mark in marks:  # all splits first, so later range markers stay where they belong
        if 0 <= mark.start < mark.end <= pieces.length:
            pieces.split(mark.start)
            pieces.split(mark.end)
    outcomes: list[tuple[bool, bool, list]] = []
    changed: list[tuple[int, int]] = []
    for mark in marks:
        if not 0 <= mark.start < mark.end <= pieces.length:
            outcomes.append((False, False, [SKIP_BAD_SPAN]))
            continue
        covered = pieces.cover(mark.start, mark.end)
        first, last = covered[0][2], covered[-1][2]
        quote = "".join(wordml.run_text(p[2]) if p[3] else "" for p in covered)
        did_change, did_comment, reasons = False, False, []
        if mark.replacement is not None:
            if any(a < mark.end and mark.start < b for a, b in changed):
                reasons.append(SKIP_OVERLAP)
            elif not _changeable(covered, mark):
                reasons.append(SKIP_NOT_TEXT)
            else:
                first, last = _track_change(covered, mark.replacement, ids, author, stamp)
                changed.append((mark.start, mark.end))
                did_change = True
        if mark.comment is not None:
            if comments is None:
                reasons.append(SKIP_NO_COMMENTS_HERE)
            else:
                comments.anchor(first, last, mark.comment, quote)
                did_comment = True
        outcomes.append((did_comment, did_change, reasons))
    return outcomes


def _comment_target(pkg: Package, found, comments: _Comments):
    """Where comments of this paragraph go: itself, its note's reference mark, or nowhere."""
    if found.twin or found.kind in _NO_COMMENT_KINDS:
        return None
    if found.kind not in ("footnote", "endnote"):
        return comments
    # LibreOffice fails to open a file with a comment inside a note, so the comment
    # sits on the note's reference mark in the text, quoting the span it is about.
    note_id = found.location.split("/")[1]
    refs = pkg.xml(pkg.main_part()).xpath(
        f"//w:{found.kind}Reference[@w:id=$id]", namespaces={"w": wordml.W}, id=note_id
    )
    if not refs or refs[0].getparent().tag != RUN:
        return None
    label = f"［{'脚注' if found.kind == 'footnote' else '文末脚注'} {note_id}］"
    return _OnReference(comments, refs[0].getparent(), label)


class _OnReference:
    def __init__(self, comments: _Comments, run: etree._Element, label: str):
        self.comments, self.run, self.label = comments, run, label

    def anchor(self, first, last, text: str, quote: str = "") -> None:
        self.comments.anchor(self.run, self.run, f"{self.label}「{quote}」 {text}")


def _changeable(covered: list[list], mark: Mark) -> bool:
    if covered[0][0] != mark.start or covered[-1][1] != mark.end:
        return False  # a boundary falls inside non-text content
    if not all(p[3] for p in covered):
        return False
    parent = covered[0][2].getparent()
    return parent.tag in _CHANGE_PARENTS and all(p[2].getparent() is parent for p in covered)


def _track_change(covered, replacement, ids, author, stamp):
    """Wrap the covered runs in w:del and put the replacement in a w:ins after it."""
    first, last = covered[0][2], covered[-1][2]
    parent = first.getparent()
    deletion = etree.Element(w("del"), {w("id"): ids.take(), w("author"): author, w("date"): stamp})
    first.addprevious(deletion)
    # Move every sibling from the first to the last covered run (proofErr, bookmarks too).
    node = deletion.getnext()
    while node is not None:
        following = node.getnext()
        deletion.append(node)
        if node is last:
            break
        node = following
    for t in deletion.iter(T):
        t.tag = w("delText")
    end = deletion
    if replacement:
        insertion = etree.Element(
            w("ins"), {w("id"): ids.take(), w("author"): author, w("date"): stamp}
        )
        run = etree.SubElement(insertion, RUN)
        rpr = first.find(RPR)
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        wordml.set_run_text(run, replacement)
        deletion.addnext(insertion)
        end = insertion
    assert deletion.getparent() is parent
    return deletion, end


class _Comments:
    """The comments part: the existing one extended, or a new word/comments.xml."""

    def __init__(self, pkg: Package, ids: _Ids, author: str, initials: str, stamp: str):
        self.pkg, self.ids = pkg, ids
        self.author, self.initials, self.stamp = author, initials, stamp
        self.count = 0
        self.extra: dict[str, etree._Element] = {}  # new parts
        self.main = pkg.main_part()
        self.name: str | None = None
        for kind, name in pkg.rels(self.main).values():
            if kind == "comments" and name in pkg.data:
                self.name = name
        self.root = (
            pkg.xml(self.name) if self.name else etree.Element(w("comments"), nsmap={"w": wordml.W})
        )
        if self.name:  # ids of existing comments are taken too
            ids.next = max(ids.next, _Ids([self.root]).next)

    def anchor(self, first: etree._Element, last: etree._Element, text: str, quote="") -> None:
        cid = self.ids.take()
        first.addprevious(etree.Element(w("commentRangeStart"), {w("id"): cid}))
        end = etree.Element(w("commentRangeEnd"), {w("id"): cid})
        last.addnext(end)
        ref = etree.Element(RUN)
        etree.SubElement(etree.SubElement(ref, RPR), w("rStyle"), {w("val"): "CommentReference"})
        etree.SubElement(ref, w("commentReference"), {w("id"): cid})
        end.addnext(ref)
        self._add(cid, text)

    def _add(self, cid: str, text: str) -> None:
        attrs = {w("id"): cid, w("author"): self.author, w("date"): self.stamp}
        if self.initials:
            attrs[w("initials")] = self.initials
        comment = etree.SubElement(self.root, w("comment"), attrs)
        for n, line in enumerate(text.split("\n")):
            p = etree.SubElement(comment, wordml.P)
            ppr = etree.SubElement(p, wordml.PPR)
            etree.SubElement(ppr, w("pStyle"), {w("val"): "CommentText"})
            if n == 0:  # Word's own comments start with the annotation mark
                mark = etree.SubElement(p, RUN)
                etree.SubElement(
                    etree.SubElement(mark, RPR), w("rStyle"), {w("val"): "CommentReference"}
                )
                etree.SubElement(mark, w("annotationRef"))
            wordml.set_run_text(etree.SubElement(p, RUN), line)
        self.count += 1

    def finish(self) -> dict[str, bytes]:
        """Serialise; returns new zip entries (name -> bytes) for a part that did not exist."""
        if self.name:
            self.pkg.dirty.add(self.name)
            return {}
        folder = posixpath.dirname(self.main)
        name = posixpath.join(folder, "comments.xml")
        k = 1
        while name in self.pkg.data:
            name = posixpath.join(folder, f"comments{k}.xml")
            k += 1
        self._relate(name)
        self._declare(name)
        self.extra[name] = self.root
        return {
            part: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            for part, root in self.extra.items()
        }

    def _relate(self, name: str) -> None:
        folder, base = posixpath.split(self.main)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name in self.pkg.data:
            rels = self.pkg.xml(rels_name)
            self.pkg.dirty.add(rels_name)
        else:  # no relationships part at all: unusual, but a valid package may lack one
            rels = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
            self.extra[rels_name] = rels
        add_relationship(rels, "comments", posixpath.basename(name))

    def _declare(self, name: str) -> None:
        types = self.pkg.xml("[Content_Types].xml")
        self.pkg.dirty.add("[Content_Types].xml")
        etree.SubElement(
            types, f"{{{CT_NS}}}Override", {"PartName": "/" + name, "ContentType": COMMENTS_CT}
        )
