"""Read a PowerPoint presentation (.pptx) into blocks and write it back with changed text.

Every DrawingML paragraph of each slide in show order is one block: text frames,
table cells, grouped shapes (location "slide3/p12"), the SmartArt diagram's data
("slide3/smartart1/p4") and the speaker notes ("slide3/notes/p1"). Slide layouts
and masters are not translated. SmartArt keeps a drawn copy of its text (the
diagram drawing part) and PowerPoint shows that copy: it is a "twin" that gets
the translation of the data paragraph with the same text. Line breaks and fields
(slide numbers, dates) are placeholders; pictures and media are copied. Charts:
typed titles ("chart2/p1") and the series names and category labels
("chart2/data/p3", translated in the chart's embedded workbook too: pptx_charts.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..errors import Words
from . import fonts
from .docx import Package
from .officexml import (
    DEFAULT_MAX_UNCOMPRESSED,
    OfficeDocument,
    TextUnit,
    build_pieces,
    format_key,
    main_part,
    open_office_entries,
)

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
POWERPOINT = Words("PowerPoint プレゼンテーション", "PowerPoint presentation")
# Notes placeholders that repeat the slide or the page furniture, not the speaker's text.
_NOTES_SKIP = {"sldImg", "sldNum", "hdr", "ftr", "dt"}


def a(tag: str) -> str:
    return f"{{{A}}}{tag}"


def paragraph_pieces(paragraph: etree._Element):
    items = []
    for child in paragraph:
        if child.tag == a("r"):
            t = child.find(a("t"))
            if t is not None:
                items.append(("run", format_key(child.find(a("rPr"))), t, t.text or ""))
        elif child.tag == a("br"):
            items.append(("anchor", None, None, "\n"))
        elif child.tag == a("fld"):
            t = child.find(a("t"))
            items.append(("anchor", None, None, "" if t is None else t.text or ""))
    return build_pieces(items)


def slide_parts(pkg: Package) -> list[tuple[int, str, bool]]:
    """(number, part, hidden) for each slide in show order."""
    main = main_part(pkg, "ppt/presentation.xml", POWERPOINT)
    rels = pkg.rels(main)
    listing = pkg.xml(main).find(f"{{{P}}}sldIdLst")
    found = []
    for number, sld in enumerate([] if listing is None else listing, start=1):
        target = rels.get(sld.get(f"{{{R}}}id"))
        if target is None or target[0] != "slide" or target[1] not in pkg.data:
            continue
        hidden = pkg.xml(target[1]).get("show") in ("0", "false")
        found.append((number, target[1], hidden))
    return found


def _in_fallback(node: etree._Element) -> bool:
    return any(parent.tag == f"{{{MC}}}Fallback" for parent in node.iterancestors())


def _in_table(node: etree._Element) -> bool:
    return any(parent.tag == a("tc") for parent in node.iterancestors())


def _notes_paragraphs(root: etree._Element) -> Iterator[etree._Element]:
    for shape in root.iter(f"{{{P}}}sp"):
        ph = shape.find(f".//{{{P}}}nvPr/{{{P}}}ph")
        if ph is not None and ph.get("type") in _NOTES_SKIP:
            continue
        yield from shape.iter(a("p"))


class PptxDocument(OfficeDocument):
    format = "pptx"

    def _switch_fonts(self, pkg: Package, unit: TextUnit, direction) -> None:
        if direction is None:
            return
        if not hasattr(pkg, "theme_fonts"):
            theme = next((n for n in sorted(pkg.data) if n.startswith("ppt/theme/theme")), None)
            pkg.theme_fonts = fonts.theme_fonts(pkg.xml(theme) if theme else None)
        for group in unit.groups:
            run = group.nodes[0].getparent()
            if run is not None and run.tag == a("r"):
                fonts.switch_drawing_run(run, direction, pkg.theme_fonts)

    def _after_replace(self, pkg: Package, changed: list[TextUnit], direction) -> list[str]:
        from .pptx_layout import shrink_to_fit, turn_vertical, vertical_notes

        bodies: dict[int, etree._Element] = {}
        located: dict[int, str] = {}  # id of a body → its first replaced paragraph
        before: dict[int, str] = {}  # id of a replaced a:p → its source text
        paragraphs = []  # kept alive: lxml's proxies (and so their ids) live while referenced
        for unit in changed:
            if unit.kind != "slide" or unit.twin or not unit.groups:
                continue
            node = unit.groups[0].nodes[0]
            body = next((n for n in node.iterancestors(f"{{{P}}}txBody")), None)
            para = next((n for n in node.iterancestors(a("p"))), None)
            if body is not None:
                bodies[id(body)] = body
                located.setdefault(id(body), unit.location)
            if para is not None:
                paragraphs.append(para)
                before[id(para)] = unit.text()
        self.layout = {"autofit": 0, "shrunk": 0, "turned": 0}
        turned = []
        for body in bodies.values():
            if turn_vertical(body):
                self.layout["turned"] += 1
                turned.append(located[id(body)])
            outcome = shrink_to_fit(body, before)
            if outcome:
                self.layout[outcome] += 1
        from .pptx_charts import data_notes, update_workbooks

        pkg.replaced, missed = update_workbooks(pkg, changed)
        self.layout["chart_workbooks"] = len(pkg.replaced)
        return vertical_notes(turned) + data_notes(missed)

    def _add_comments(self, new, notes, author: str) -> list:
        from .pptx_comments import add_comments

        main = main_part(new.pkg, "ppt/presentation.xml", POWERPOINT)
        return add_comments(self, new, main, notes, author)

    def _units(self, pkg: Package) -> Iterator[TextUnit]:
        for number, part, hidden in slide_parts(pkg):
            prefix = f"slide{number}"
            root = pkg.xml(part)
            for index, para in enumerate(root.iter(a("p")), start=1):
                kind = "table_cell" if _in_table(para) else "slide"
                yield TextUnit(
                    part,
                    f"{prefix}/p{index}",
                    kind,
                    paragraph_pieces(para),
                    hidden=hidden,
                    twin=_in_fallback(para),
                )
            rels = pkg.rels(part)
            diagrams = 0
            for kind, name in rels.values():
                if kind != "diagramData" or name not in pkg.data:
                    continue
                diagrams += 1
                for index, para in enumerate(pkg.xml(name).iter(a("p")), start=1):
                    yield TextUnit(
                        name,
                        f"{prefix}/smartart{diagrams}/p{index}",
                        "smartart",
                        paragraph_pieces(para),
                        hidden=hidden,
                    )
            for kind, name in rels.values():
                if kind == "diagramDrawing" and name in pkg.data:
                    for index, para in enumerate(pkg.xml(name).iter(a("p")), start=1):
                        yield TextUnit(
                            name, f"{name}#p{index}", "smartart", paragraph_pieces(para), twin=True
                        )
            for kind, name in rels.values():
                if kind == "notesSlide" and name in pkg.data:
                    for index, para in enumerate(_notes_paragraphs(pkg.xml(name)), start=1):
                        yield TextUnit(
                            name,
                            f"{prefix}/notes/p{index}",
                            "notes",
                            paragraph_pieces(para),
                            hidden=hidden,
                        )
        yield from _chart_units(pkg)  # chart titles and data labels (ppt/charts)


def _chart_units(pkg: Package) -> Iterator[TextUnit]:
    from .pptx_charts import data_units
    from .xlsx_charts import chart_units

    yield from chart_units(pkg)
    yield from data_units(pkg)  # series names and category labels (pptx_charts.py)


def load_pptx(path: Path, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> PptxDocument:
    entries = open_office_entries(path, max_uncompressed, "ppt/", POWERPOINT, ".pptm")
    return PptxDocument(path, entries)
