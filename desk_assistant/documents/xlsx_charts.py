"""Text in charts: typed titles are text units; text taken from cells follows them.

Excel's charts (xl/charts) and PowerPoint's (ppt/charts) both keep a typed title
as rich text; PowerPoint's cell caches point into the chart's embedded workbook:
they are blocks of their own, written into that workbook too (pptx_charts.py).

A chart title or axis title typed into the chart is rich text in the chart part
(c:tx/c:rich): it is read as blocks "chart3/p1" and translated like a cell. Series
names, category labels and titles that show a cell (c:strRef) keep a cached copy
of that cell's text (c:strCache) which viewers draw until they recalculate; when
the cell is translated, the cached copy gets the same text, so the chart matches
its cells on opening. The chart's structure, numbers and formulas are not touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .docx import Package
from .officexml import TextUnit
from .pptx import a, paragraph_pieces
from .xlsx import column_letters, column_number

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_CHART_PART = re.compile(r"^(?:xl|ppt)/charts/chart(\d+)\.xml$")  # Excel's and PowerPoint's
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def c(tag: str) -> str:
    return f"{{{C}}}{tag}"


def chart_parts(pkg: Package) -> list[tuple[int, str]]:
    found = []
    for name in pkg.data:
        match = _CHART_PART.match(name)
        if match and pkg.data[name] is not None:
            found.append((int(match.group(1)), name))
    return sorted(found)


def chart_units(pkg: Package) -> Iterator[TextUnit]:
    for number, part in chart_parts(pkg):
        root = pkg.xml(part)
        index = 0
        for rich in root.iter(c("rich")):
            for para in rich.iter(a("p")):
                index += 1
                yield TextUnit(part, f"chart{number}/p{index}", "chart", paragraph_pieces(para))


def referenced_cells(formula: str) -> list[tuple[str, str]]:
    """'Sheet 1'!$A$2:$A$5 → [("Sheet 1", "A2"), …, ("Sheet 1", "A5")]; a union
    "(S!$D$73,S!$D$77)" lists each part's cells in order; [] when not readable."""
    formula = formula.strip()
    if formula.startswith("(") and formula.endswith(")"):
        found = []
        for part in formula[1:-1].split(","):
            one = _one_range(part)
            if one is None:
                return []
            found += one
        return found
    return _one_range(formula) or []


def _one_range(formula: str) -> list[tuple[str, str]] | None:
    sheet, sep, cells = formula.strip().rpartition("!")
    if not sep or not sheet:
        return None
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    ends = [_REF.match(part) for part in cells.split(":")]
    if not all(ends) or len(ends) > 2:
        return None
    c0, r0 = column_number(ends[0].group(1)), int(ends[0].group(2))
    c1, r1 = (column_number(ends[-1].group(1)), int(ends[-1].group(2)))
    if (c1 - c0 + 1) * (r1 - r0 + 1) > 10000:
        return None
    return [
        (sheet, f"{column_letters(col)}{row}")
        for row in range(r0, r1 + 1)
        for col in range(c0, c1 + 1)
    ]


def refresh_cached_text(
    pkg: Package, new_text: dict[tuple[str, str], str], translated: dict[str, str]
) -> int:
    """Set the cached text of chart references to cells whose text was replaced
    (`new_text`: (sheet name, cell ref) → text); a cell whose text a formula makes
    (its value is the formula's, recalculated by Excel) shows a translated text
    unchanged, so a cached text found in `translated` (source → translation) gets
    its translation. Returns how many were updated."""
    updated = 0
    for _number, part in chart_parts(pkg):
        root = pkg.xml(part)
        changed = False
        for ref in root.iter(c("strRef")):
            formula = ref.find(c("f"))
            cache = ref.find(c("strCache"))
            cells = referenced_cells(formula.text or "") if formula is not None else []
            if cache is None:
                continue
            for point in cache.findall(c("pt")):
                try:
                    idx = int(point.get("idx", "-1"))
                except ValueError:
                    continue
                value = point.find(c("v"))
                if value is None:
                    continue
                text = new_text.get(cells[idx]) if 0 <= idx < len(cells) else None
                if text is None:
                    text = translated.get(value.text or "")
                if text is not None and text != value.text:
                    value.text = text
                    changed = True
                    updated += 1
        if changed:
            pkg.dirty.add(part)
    return updated
