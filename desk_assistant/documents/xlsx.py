"""Read an Excel workbook (.xlsx) into blocks and write it back with changed text.

Text lives in the shared-string table (one entry for every cell that shows the
same text) and in cells' inline strings and comments. A shared string becomes
one block at the first cell that shows it (location "sheet2!C5"); writing it
changes every cell that shares it, so one text gets one translation. Formulas,
numbers, cached values, sheet names (formulas refer to them), charts and
drawings are never touched. Phonetic runs (<rPh>, furigana) are not text: they
are left out of the block, and dropped from a string whose text is replaced
(the reading of the old text would be wrong for the new one). Print headers and
footers are read section by section with their format codes kept (xlsx_headers.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..errors import Words
from ..i18n import tr
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
from .xlsx_headers import HeaderUnit, header_units, pictures

S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
EXCEL = Words("Excel ブック", "Excel workbook")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def s(tag: str) -> str:
    return f"{{{S}}}{tag}"


def column_number(letters: str) -> int:
    """A → 1, Z → 26, AA → 27 (Excel's column numbering)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def string_pieces(container: etree._Element):
    """The runs of a shared string, inline string or comment; <rPh> readings skipped."""
    items = []
    for child in container:
        if child.tag == s("t"):
            items.append(("run", b"", child, child.text or ""))
        elif child.tag == s("r"):
            t = child.find(s("t"))
            if t is not None:
                items.append(("run", format_key(child.find(s("rPr"))), t, t.text or ""))
    return build_pieces(items)


def _drop_phonetics(container: etree._Element):
    def drop() -> None:
        for rph in container.findall(s("rPh")):
            container.remove(rph)

    return drop


class _Sheet:
    def __init__(self, number: int, name: str, part: str, hidden: bool):
        self.number, self.name, self.part, self.hidden = number, name, part, hidden


def sheets(pkg: Package) -> list[_Sheet]:
    workbook = main_part(pkg, "xl/workbook.xml", EXCEL)
    root = pkg.xml(workbook)
    rels = pkg.rels(workbook)
    found = []
    node = root.find(s("sheets"))
    for number, sheet in enumerate([] if node is None else node.findall(s("sheet")), start=1):
        target = rels.get(sheet.get(f"{{{R}}}id"))
        if target is None or target[0] != "worksheet" or target[1] not in pkg.data:
            continue  # chart sheets and dialog sheets hold no cell text
        state = sheet.get("state", "visible")
        found.append(_Sheet(number, sheet.get("name", ""), target[1], state != "visible"))
    return found


def _single_letters(strings: list[etree._Element]) -> set[int]:
    """Shared strings that are one character (spaces aside): the only ones a label
    written down a column is made of; most workbooks have none, and skip the search."""
    found = set()
    for index, si in enumerate(strings):
        texts = [t.text or "" for t in si.iter(s("t")) if t.getparent().tag != s("rPh")]
        if len(texts) == 1 and len(texts[0].strip(" \u3000\t\r\n")) == 1:
            found.add(index)
    return found


def _letter_cells(pkg: Package, letters: set[int]) -> tuple[dict[int, int], dict[str, list]]:
    """In one pass over the sheets: how many cells show each shared string, and the
    cells (with their string's index) that show a one-letter string, by sheet part."""
    uses: dict[int, int] = {}
    cells: dict[str, list] = {}
    for sheet in sheets(pkg):
        for value in pkg.xml(sheet.part).iter(s("v")):
            cell = value.getparent()
            if cell.get("t") != "s":
                continue
            try:
                index = int((value.text or "").strip())
            except ValueError:
                continue
            uses[index] = uses.get(index, 0) + 1
            if index in letters:
                cells.setdefault(sheet.part, []).append((cell, index))
    return uses, cells


def _stacked_labels(sst_part, sheet: _Sheet, letter_cells: list, strings, uses) -> dict:
    """Labels written one letter per cell down a column (xlsx_vertical.py): the first
    cell's ref → the unit of the whole label, the other cells' refs → None."""
    from .xlsx_vertical import StackedUnit, find_stacks

    candidates = []
    hidden_rows = set()
    for cell, index in letter_cells:
        if uses.get(index) != 1 or len(strings[index]) > 3:
            continue  # shown by other cells too (it would change there), or rich runs
        pieces = string_pieces(strings[index])
        if len(pieces) != 1 or pieces[0].anchor or len(pieces[0].nodes) != 1:
            continue
        candidates.append((cell.get("r", ""), pieces[0].text, (index, pieces[0].nodes[0])))
        if cell.getparent().get("hidden") in ("1", "true"):
            hidden_rows.add(cell.get("r", ""))
    found: dict = {}
    for stack in find_stacks(candidates):
        cells = [(ref, node, strings[index]) for ref, (index, node) in stack]
        drops = [_drop_phonetics(strings[index]) for _, (index, _) in stack]
        head = stack[0][1][0]
        unit = StackedUnit(
            sst_part,
            sheet.number,
            cells,
            ("sst", head, strings[head]),
            sheet.hidden or any(ref in hidden_rows for ref, _ in stack),
            lambda drops=drops: [drop() for drop in drops],
        )
        unit.strings = [(index, strings[index]) for _, (index, _) in stack]
        found[stack[0][0]] = unit
        found.update((ref, None) for ref, _ in stack[1:])
    return found


def _shared_strings(pkg: Package) -> tuple[str | None, list[etree._Element]]:
    for kind, name in pkg.rels(main_part(pkg, "xl/workbook.xml", EXCEL)).values():
        if kind == "sharedStrings" and name in pkg.data:
            return name, pkg.xml(name).findall(s("si"))
    return None, []


class XlsxDocument(OfficeDocument):
    format = "xlsx"

    def _units(self, pkg: Package) -> Iterator[TextUnit]:
        sst_part, strings = _shared_strings(pkg)
        seen: set[int] = set()
        letters = _single_letters(strings)  # a label down a column needs some
        uses, letter_cells = _letter_cells(pkg, letters) if letters else ({}, {})
        for sheet in sheets(pkg):
            root = pkg.xml(sheet.part)
            data = root.find(s("sheetData"))
            rows = [] if data is None else list(data.iter(s("row")))
            stacks = _stacked_labels(
                sst_part, sheet, letter_cells.get(sheet.part, []), strings, uses
            )
            for row in rows:
                row_hidden = row.get("hidden") in ("1", "true")
                for cell in row.iter(s("c")):
                    kind = cell.get("t")
                    where = f"sheet{sheet.number}!{cell.get('r', '')}"
                    hidden = sheet.hidden or row_hidden
                    if cell.get("r", "") in stacks:
                        stacked = stacks[cell.get("r", "")]
                        if stacked is not None:  # the label's first cell; the others: skipped
                            seen.update(index for index, _ in stacked.strings)
                            yield stacked
                        continue
                    if kind == "s":
                        value = cell.find(s("v"))
                        try:
                            index = int((value.text or "").strip()) if value is not None else -1
                        except ValueError:
                            continue
                        if index in seen or not 0 <= index < len(strings):
                            continue
                        seen.add(index)
                        si = strings[index]
                        yield TextUnit(
                            sst_part,
                            where,
                            "cell",
                            string_pieces(si),
                            hidden=hidden,
                            on_change=_drop_phonetics(si),
                            key=("sst", index, si),
                        )
                    elif kind == "inlineStr" and cell.find(s("f")) is None:
                        inline = cell.find(s("is"))
                        if inline is not None:
                            yield TextUnit(
                                sheet.part,
                                where,
                                "cell",
                                string_pieces(inline),
                                hidden=hidden,
                                on_change=_drop_phonetics(inline),
                                key=("inline", (sheet.part, cell.get("r", "")), inline),
                            )
            yield from self._comments(pkg, sheet)
            yield from self._shapes(pkg, sheet)
            yield from header_units(root, S, sheet.part, sheet.number, sheet.hidden)
        from .xlsx_charts import chart_units

        yield from chart_units(pkg)

    def _comments(self, pkg: Package, sheet: _Sheet) -> Iterator[TextUnit]:
        for kind, name in pkg.rels(sheet.part).values():
            if kind != "comments" or name not in pkg.data:
                continue
            for comment in pkg.xml(name).iter(s("comment")):
                text = comment.find(s("text"))
                if text is not None:
                    yield TextUnit(
                        name,
                        f"sheet{sheet.number}!{comment.get('ref', '')}/comment",
                        "comment",
                        string_pieces(text),
                        hidden=sheet.hidden,
                        on_change=_drop_phonetics(text),
                    )

    def _shapes(self, pkg: Package, sheet: _Sheet) -> Iterator[TextUnit]:
        """Text in shapes and text boxes drawn on the sheet ("sheet2/shape/p1")."""
        from .pptx import a, paragraph_pieces

        index = 0
        for kind, name in pkg.rels(sheet.part).values():
            if kind != "drawing" or name not in pkg.data:
                continue
            for body in pkg.xml(name).iter(f"{{{XDR}}}txBody"):
                for para in body.iter(a("p")):
                    index += 1
                    yield TextUnit(
                        name,
                        f"sheet{sheet.number}/shape/p{index}",
                        "textbox",
                        paragraph_pieces(para),
                        hidden=sheet.hidden,
                    )

    def _switch_fonts(self, pkg: Package, unit: TextUnit, direction) -> None:
        if isinstance(unit, HeaderUnit):  # the face of its &"font" codes
            if direction is not None:
                unit.switch_fonts(direction)
            return
        if direction is not None and unit.kind == "textbox":  # DrawingML runs, as in slides
            if not hasattr(pkg, "theme_fonts"):
                theme = next((n for n in sorted(pkg.data) if n.startswith("xl/theme/theme")), None)
                pkg.theme_fonts = fonts.theme_fonts(pkg.xml(theme) if theme else None)
            for group in unit.groups:
                fonts.switch_drawing_run(group.nodes[0].getparent(), direction, pkg.theme_fonts)
            return
        if direction is not None and unit.key is not None:
            from .xlsx_layout import switch_run_fonts

            switch_run_fonts(unit.key[2], direction)

    def _after_replace(self, pkg: Package, changed: list[TextUnit], direction) -> list[str]:
        from .xlsx_layout import fit_translated_cells, string_text
        from .xlsx_vertical import StackedUnit, merge_stack, vertical_notes

        strings, inline, translated = {}, {}, {}
        stacked, turned = [], []
        parts = {sheet.number: sheet.part for sheet in sheets(pkg)}
        for unit in changed:
            if unit.key is None:
                continue  # a comment (Excel sizes its box) or a chart title
            kind, where, node = unit.key
            new = string_text(node)
            (strings if kind == "sst" else inline)[where] = new
            translated.setdefault(unit.text(), new)  # pieces hold the source text
            if isinstance(unit, StackedUnit):
                part = parts.get(unit.sheet_number)
                if part and merge_stack(pkg.xml(part), S, unit.column, unit.rows):
                    pkg.dirty.add(part)
                stacked.append(unit.location)
        self.layout = fit_translated_cells(pkg, strings, inline, direction, turned)
        self.layout["chart_cache"] = _refresh_charts(pkg, strings, inline, translated)
        self.layout["stacked"] = len(stacked)
        return vertical_notes(stacked, turned)

    def _add_comments(self, new, notes, author: str) -> list:
        from .xlsx_comments import add_comments

        return add_comments(self, new, notes, author)

    def _warnings(self, pkg: Package) -> list[str]:
        found = []
        hidden = [sheet.name for sheet in sheets(pkg) if sheet.hidden]
        if hidden:
            names = "、".join(f"「{name}」" for name in hidden)
            found.append(
                tr(
                    f"非表示のシートがあります: {names}（その文字も読み込み、hidden と印を付けました）",
                    f"hidden sheets: {names} (their text is read too, marked hidden)",
                )
            )
        # A header's words are translated (xlsx_headers.py); a picture in it is not text.
        furniture = [sheet.name for sheet in sheets(pkg) if pictures(pkg.xml(sheet.part), S)]
        if furniture:
            names = "、".join(f"「{name}」" for name in furniture)
            found.append(
                tr(
                    f"印刷用のヘッダー・フッターの画像（&G）は翻訳しません（文字として読めないため）: {names}",
                    f"pictures in print headers/footers (&G) are not translated (they are not text): {names}",
                )
            )
        # Formulas, charts, defined names and links name sheets: a translated name would
        # break them, so names stay and the user is told which ones are Japanese.
        japanese = [sheet.name for sheet in sheets(pkg) if _JAPANESE.search(sheet.name)]
        if japanese:
            names = "、".join(f"「{name}」" for name in japanese)
            found.append(
                tr(
                    f"シート名は翻訳しません（数式・グラフ・名前の参照先のため）: {names}",
                    f"sheet names are not translated (formulas, charts and names refer to them): {names}",
                )
            )
        return found


def _refresh_charts(pkg: Package, strings: dict, inline: dict, translated: dict) -> int:
    """Charts' cached copies of translated cells get the new text (xlsx_charts.py)."""
    from .xlsx_charts import chart_parts, refresh_cached_text

    if not chart_parts(pkg):
        return 0
    new_text: dict[tuple[str, str], str] = {}
    for sheet in sheets(pkg):
        data = pkg.xml(sheet.part).find(s("sheetData"))
        for cell in [] if data is None else data.iter(s("c")):
            ref, kind = cell.get("r", ""), cell.get("t")
            if kind == "s":
                value = cell.find(s("v"))
                try:
                    text = (
                        strings.get(int((value.text or "").strip())) if value is not None else None
                    )
                except ValueError:
                    text = None
            else:
                text = inline.get((sheet.part, ref)) if kind == "inlineStr" else None
            if text is not None:
                new_text[(sheet.name, ref)] = text
    return refresh_cached_text(pkg, new_text, translated)


def load_xlsx(path: Path, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> XlsxDocument:
    entries = open_office_entries(path, max_uncompressed, "xl/", EXCEL, ".xlsm")
    return XlsxDocument(path, entries)
