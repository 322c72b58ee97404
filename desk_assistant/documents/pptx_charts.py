"""PowerPoint charts: the text of their data, in the chart and in its embedded workbook.

A PowerPoint chart keeps its data in a workbook embedded in the deck
(ppt/embeddings/*.xlsx) and a cached copy in the chart part (c:strCache), which is
what PowerPoint and LibreOffice draw. Series names and category labels are that
cached text: each is a block ("chart2/data/p3", kind "chart"; a label that several
series share is read once, the others follow it). When it is translated, the
cell it was copied from (c:f, e.g. Sheet1!$A$2:$A$4) gets the same text in the
embedded workbook, so "Edit data" in PowerPoint does not bring the Japanese back.
Where that cannot be done (no embedded workbook, a linked external file, a cell
the workbook lacks or that a formula fills) the writer says which chart
(`data_notes`): the slide shows the translation, the chart's data does not.

The embedded workbook is rewritten in memory (nothing goes to a temp file): only
the strings of the named cells change; every other member is copied as it was.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from ..i18n import tr
from .docx import Package, relationship_targets
from .officeparts import read_source_member
from .officexml import Piece, TextUnit, set_text
from .sniff import MAX_ZIP_MEMBERS
from .xlsx_charts import c, chart_parts, referenced_cells

S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAX_WORKBOOK = 32 * 1024 * 1024  # an embedded chart workbook is small; more is not one


def _s(tag: str) -> str:
    return f"{{{S}}}{tag}"


def data_units(pkg: Package) -> Iterator[TextUnit]:
    """The cached text of PowerPoint charts' series names and category labels."""
    for number, part in chart_parts(pkg):
        if not part.startswith("ppt/"):
            continue  # Excel's charts follow their cells (xlsx_charts.refresh_cached_text)
        seen: set[tuple[str, str]] = set()
        index = 0
        for ref in pkg.xml(part).iter(c("strRef")):
            formula = ref.find(c("f"))
            cache = ref.find(c("strCache"))
            if cache is None:
                continue
            cells = referenced_cells(formula.text or "") if formula is not None else []
            for point in cache.findall(c("pt")):
                value = point.find(c("v"))
                if value is None or not (value.text or "").strip():
                    continue
                try:
                    idx = int(point.get("idx", "-1"))
                except ValueError:
                    idx = -1
                cell = cells[idx] if 0 <= idx < len(cells) else None
                index += 1
                twin = cell is not None and cell in seen
                if cell is not None:
                    seen.add(cell)
                yield TextUnit(
                    part,
                    f"chart{number}/data/p{index}",
                    "chart",
                    [Piece(1, False, value.text or "", [value])],
                    twin=twin,
                    key=("chart_data", part, cell),
                )


def update_workbooks(pkg: Package, changed: list[TextUnit]) -> tuple[dict[str, bytes], list[str]]:
    """Put the translated chart data into the charts' embedded workbooks. Returns the
    rewritten workbooks (part → bytes) and the charts whose data could not follow."""
    by_chart: dict[str, dict[tuple[str, str], str]] = {}
    missed: dict[str, None] = {}
    for unit in changed:
        if not (isinstance(unit.key, tuple) and unit.key and unit.key[0] == "chart_data"):
            continue
        _, part, cell = unit.key
        new = unit.pieces[0].nodes[0].text or ""
        if cell is None:
            missed[part] = None  # a label with no cell behind it (c:f unreadable)
            continue
        by_chart.setdefault(part, {})[cell] = new
    replaced: dict[str, bytes] = {}
    for part, cells in by_chart.items():
        name = _workbook_of(pkg, part)
        data = replaced.get(name) if name else None
        if name and data is None:
            data = pkg.data.get(name) or read_source_member(pkg.path, name, MAX_WORKBOOK)
        new = _rewrite(data, cells) if data else None
        if new is None:
            missed[part] = None
        else:
            replaced[name] = new
    return replaced, [_chart_name(part) for part in missed]


def _workbook_of(pkg: Package, part: str) -> str | None:
    external = pkg.xml(part).find(c("externalData"))
    rid = external.get(f"{{{R}}}id") if external is not None else None
    target = pkg.rels(part).get(rid) if rid else None  # external links are not listed
    if target is None or target[0] != "package" or not target[1].endswith(".xlsx"):
        return None  # no workbook, an old OLE workbook (.xls in a .bin) or a linked file
    return target[1]


def _chart_name(part: str) -> str:
    return part.rsplit("/", 1)[-1].removesuffix(".xml")


def _rewrite(data: bytes, cells: dict[tuple[str, str], str]) -> bytes | None:
    """The workbook with `cells` ((sheet name, ref) → text) set; None when it cannot be
    read or a cell is not a plain text cell (a formula's result would come back)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > MAX_WORKBOOK:
            return None
        if any(i.filename.lower().endswith("vbaproject.bin") for i in infos):
            return None
        members = {i.filename: archive.read(i) for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    try:
        changed = _set_cells(members, cells)
    except (etree.XMLSyntaxError, KeyError, ValueError, IndexError, TypeError, AttributeError):
        return None  # a damaged workbook: the chart is named in the notes instead
    if changed is None:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in infos:
            target.writestr(info, changed.get(info.filename, members[info.filename]))
    return out.getvalue()


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _targets(members: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    folder, _, base = part.rpartition("/")
    rels = members.get(f"{folder}/_rels/{base}.rels")
    return relationship_targets(_parse(rels), folder) if rels else {}


def _set_cells(members: dict[str, bytes], cells: dict[tuple[str, str], str]) -> dict | None:
    book = "xl/workbook.xml"
    rels = _targets(members, book)
    sheets = {
        sheet.get("name"): rels.get(sheet.get(f"{{{R}}}id"), ("", ""))[1]
        for sheet in _parse(members[book]).iter(_s("sheet"))
    }
    sst_name = next((n for kind, n in rels.values() if kind == "sharedStrings"), None)
    sst = _parse(members[sst_name]) if sst_name in members else None
    strings = sst.findall(_s("si")) if sst is not None else []
    changed: dict[str, bytes] = {}
    wanted: dict[str, dict[str, str]] = {}
    for (sheet, ref), text in cells.items():
        wanted.setdefault(sheets.get(sheet, ""), {})[ref] = text
    for part, refs in wanted.items():
        if part not in members:
            return None
        root = _parse(members[part])
        done = set()
        for cell in root.iter(_s("c")):
            ref = cell.get("r")
            if ref not in refs:
                continue
            if cell.get("t") == "s" and cell.find(_s("f")) is None:
                _set_string(strings[int(cell.find(_s("v")).text)], refs[ref])
            elif cell.get("t") == "inlineStr" and cell.find(_s("is")) is not None:
                _set_string(cell.find(_s("is")), refs[ref])
                changed[part] = b""
            else:
                return None  # a number or a formula's result: not ours to change
            done.add(ref)
        if done != set(refs):
            return None
        if part in changed:
            changed[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if sst is not None:
        changed[sst_name] = etree.tostring(sst, xml_declaration=True, encoding="UTF-8")
    return changed


def _set_string(container: etree._Element, text: str) -> None:
    """One plain run with `text`; runs and readings (furigana) of the old text go."""
    for child in list(container):
        container.remove(child)
    set_text(etree.SubElement(container, _s("t")), text)


def data_notes(charts: list[str]) -> list[str]:
    if not charts:
        return []
    where = "、".join(charts)
    return [
        tr(
            f"グラフの元データ（埋め込みブック）には訳文を入れられませんでした: {where}"
            "（スライドの表示は訳文。PowerPoint で「データの編集」をすると原文に戻ります）",
            f"the translation could not be put into these charts' own data (embedded "
            f"workbook): {where} (the slide shows the translation; PowerPoint's Edit Data "
            "brings the source text back)",
        )
    ]


__all__ = ["data_notes", "data_units", "update_workbooks"]
