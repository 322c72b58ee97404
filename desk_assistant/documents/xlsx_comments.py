"""Notes written into a copy of an Excel workbook as cell comments (メモ).

A note is (block location, text): "sheet2!C5" puts a comment on that cell (the
first cell showing the shared string), "sheet2!C5/comment" adds to the comment
already there. Excel needs two parts per sheet for a comment: the comments part
(the text) and a legacy VML drawing (the box it shows); both are extended when
the sheet has them, else created with their relationships and content types.
A cell that already has a comment gets the new text appended to it (a cell
holds one comment).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from .docx import Package
from .officeparts import NewParts, read_source_member
from .xlsx import R, S, column_number, s, sheets
from .xlsx_headers import HEADER_LOCATION

COMMENTS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_CT = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_MAX_VML = 8 * 1024 * 1024
# "sheet1!A12:A18" is a label read across cells (xlsx_vertical.py): noted on its first.
_LOCATION = re.compile(
    r"^sheet(\d+)!\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?[A-Z]{1,3}\$?\d{1,7})?(/comment)?$"
)
_SHAPE = re.compile(r"^sheet(\d+)/shape/p(\d+)$")
# CT_Worksheet children that come after legacyDrawing, in schema order.
_AFTER_LEGACY = (
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)
_VML_HEAD = """<xml xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
 <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{idmap}"/></o:shapelayout>
 <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">
  <v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/>
 </v:shapetype>
</xml>"""
_VML_SHAPE = """<v:shape id="_x0000_s{sid}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:110pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">
  <v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>
  <v:path o:connecttype="none"/>
  <v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>
  <x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>
   <x:Anchor>{c1}, 15, {r0}, 2, {c4}, 15, {r6}, 2</x:Anchor>
   <x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData>
 </v:shape>
"""


class _SheetComments:
    """The comments part and VML drawing of one sheet, opened or created on first use."""

    def __init__(self, doc, new: NewParts, part: str, number: int, author: str):
        self.new, self.part, self.author = new, part, author
        pkg: Package = new.pkg
        self.name = next(
            (n for kind, n in pkg.rels(part).values() if kind == "comments" and n in pkg.data),
            None,
        )
        if self.name:
            self.root = new.xml(self.name)
        else:
            self.name = new.free_name("xl/comments{}.xml")
            self.root = etree.Element(s("comments"), nsmap={None: S})
            etree.SubElement(self.root, s("authors"))
            etree.SubElement(self.root, s("commentList"))
            new.add_xml(self.name, self.root, COMMENTS_CT)
            new.relate(part, "comments", self.name)
        self.by_ref = {c.get("ref"): c for c in self.root.iter(s("comment"))}
        self.vml_name, self.vml = self._vml(doc, number)

    def _vml(self, doc, number: int) -> tuple[str | None, str | None]:
        pkg = self.new.pkg
        sheet = self.new.xml(self.part)
        legacy = sheet.find(s("legacyDrawing"))
        if legacy is not None:
            target = pkg.rels(self.part).get(legacy.get(f"{{{R}}}id"))
            if target is None:
                return None, None
            data = read_source_member(doc.path, target[1], _MAX_VML)
            return (target[1], data.decode("utf-8", "replace")) if data else (None, None)
        name = self.new.free_name("xl/drawings/vmlDrawing{}.vml")
        self.new.default("vml", VML_CT)
        rid = self.new.relate(self.part, "vmlDrawing", name)
        node = etree.Element(s("legacyDrawing"))
        node.set(f"{{{R}}}id", rid)
        later = [i for i, c in enumerate(sheet) if etree.QName(c).localname in _AFTER_LEGACY]
        sheet.insert(later[0] if later else len(sheet), node)
        return name, _VML_HEAD.format(idmap=100 + number)

    def add(self, ref: str, text: str) -> bool:
        existing = self.by_ref.get(ref)
        if existing is not None:  # one comment per cell: add ours below the text there
            body = existing.find(s("text"))
            if body is None:
                body = etree.SubElement(existing, s("text"))
            run = etree.SubElement(body, s("r"))
            _set(etree.SubElement(run, s("t")), "\n" + text)
            return True
        if self.vml is None:
            return False  # the sheet's drawing could not be read: a box we cannot show
        comment = etree.SubElement(
            self.root.find(s("commentList")),
            s("comment"),
            ref=ref,
            authorId=str(self._author_id()),
            shapeId="0",
        )
        _set(etree.SubElement(etree.SubElement(comment, s("text")), s("t")), text)
        self.by_ref[ref] = comment
        self._shape(ref)
        return True

    def _author_id(self) -> int:
        authors = self.root.find(s("authors"))
        names = [a.text for a in authors]
        if self.author not in names:
            etree.SubElement(authors, s("author")).text = self.author
            names.append(self.author)
        return names.index(self.author)

    def _shape(self, ref: str) -> None:
        match = re.match(r"([A-Z]+)(\d+)", ref)
        col, row = column_number(match.group(1)) - 1, int(match.group(2)) - 1  # VML counts from 0
        ids = [int(n) for n in re.findall(r"_x0000_s(\d+)", self.vml)]
        idmap = re.search(r'<o:idmap[^>]*data="(\d+)', self.vml)
        sid = max(ids) + 1 if ids else 1024 * int(idmap.group(1) if idmap else 1) + 1
        shape = _VML_SHAPE.format(
            sid=sid,
            z=len(ids) + 1,
            c1=col + 1,
            c4=col + 4,
            r0=max(row - 1, 0),
            r6=row + 5,
            row=row,
            col=col,
        )
        end = self.vml.rfind("</xml>")
        self.vml = self.vml[:end] + shape + self.vml[end:]

    def finish(self) -> None:
        if self.vml_name is None or self.vml is None:
            return
        data = self.vml.encode("utf-8")
        if self.vml_name in self.new.pkg.data:
            self.new.replaced[self.vml_name] = data
        else:
            self.new.add_raw(self.vml_name, data)


def _set(node: etree._Element, text: str) -> None:
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _shape_cell(pkg: Package, by_number: dict, location: str) -> str | None:
    """ "sheet1/shape/p3" → "sheet1!C4": the cell under the top-left corner of the shape
    holding that paragraph (a comment belongs to a cell)."""
    from .pptx import a
    from .xlsx import XDR, column_letters

    match = _SHAPE.match(location)
    part = by_number.get(int(match.group(1))) if match else None
    if part is None:
        return None
    index = 0
    for kind, name in pkg.rels(part).values():
        if kind != "drawing" or name not in pkg.data:
            continue
        for body in pkg.xml(name).iter(f"{{{XDR}}}txBody"):
            for _para in body.iter(a("p")):
                index += 1
                if index != int(match.group(2)):
                    continue
                anchor = next(
                    (n for n in body.iterancestors() if n.find(f"{{{XDR}}}from") is not None), None
                )
                start = anchor.find(f"{{{XDR}}}from") if anchor is not None else None
                try:
                    col = int(start.findtext(f"{{{XDR}}}col")) + 1
                    row = int(start.findtext(f"{{{XDR}}}row")) + 1
                except (AttributeError, TypeError, ValueError):
                    col = row = 1
                return f"sheet{match.group(1)}!{column_letters(col)}{row}"
    return None


def add_comments(doc, new: NewParts, notes: Iterable[tuple[str, str]], author: str) -> list:
    """Place each (location, text); returns the notes that could not be placed."""
    by_number = {sheet.number: sheet.part for sheet in sheets(new.pkg)}
    opened: dict[int, _SheetComments] = {}
    skipped = []
    for note in notes:
        location, text = note
        if HEADER_LOCATION.match(location or ""):
            skipped.append(note)  # a print header is no cell: the finding stays in the report
            continue
        location = _shape_cell(new.pkg, by_number, location or "") or location
        match = _LOCATION.match(location or "")
        part = by_number.get(int(match.group(1))) if match else None
        if part is None:
            skipped.append(note)
            continue
        number = int(match.group(1))
        if number not in opened:
            opened[number] = _SheetComments(doc, new, part, number, author)
        if not opened[number].add(match.group(2) + match.group(3), text):
            skipped.append(note)
    for sheet in opened.values():
        sheet.finish()
    return skipped
