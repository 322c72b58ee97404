"""Page structure from character positions (pdfplumber / pdfminer.six).

pypdf gives a page's text in content-stream order, which interleaves table
columns and puts a title drawn last at the end. Here each page becomes items in
reading order (top to bottom):
- `Table`: a ruled table (pdfplumber's finder on visible lines only; white or
  unstroked rectangles are page furniture, not borders), or a borderless one
  (columns separated by a white gutter over several lines, e.g. a member list);
- `TextRun`: lines of flowing text, indented lines marked with a leading U+3000
  (a space glyph drawn before the text, or a first line set in by about one
  character with nothing drawn) and a blank line at a paragraph-sized vertical gap
  or after a line spread over the width (均等割付), ready for `join_lines`.
Characters in the Unicode private-use areas and glyphs with no Unicode mapping
("(cid:N)") are dropped and counted, so the caller can warn instead of passing
them on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

# A page with more drawn edges than this gets no table search (the finder is
# quadratic in edges); its text is still read as lines.
MAX_TABLE_EDGES = 3_000
# Characters read from annotations per page (a hostile file may hold thousands).
MAX_ANNOTATION_CHARS = 5_000
# A borderless table needs this many lines with text on both sides of a gutter.
MIN_GUTTER_SUPPORT = 3

_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
# A list item's marker alone in a cell: ア, (1), 1., ①, ・ …
_MARKER = re.compile(
    r"^(?:[ア-ンア-ン]|[(（]?[0-9０-９一二三四五六七八九十a-zA-Zａ-ｚア-ン]{1,3}[)）.．、]?"
    r"|[①-⑳⑴-⒇・○〇●◎■□◆◇▼▽※＊\-－]"
    r"|第[0-9０-９一二三四五六七八九十百]+[条項号章節款])$"
)
# Stands in for a dropped glyph: it still fills its place (no space is read into
# the gap it leaves) and is removed from the text.
_GHOST = "\u200b"
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass
class Line:
    top: float
    bottom: float
    chars: list[dict]
    spaces: list[tuple[float, str]] = field(
        default_factory=list
    )  # (x centre, char) of space glyphs

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @property
    def size(self) -> float:
        return median(c["bottom"] - c["top"] for c in self.chars) or 1.0


@dataclass
class TextRun:
    lines: list[str]
    top: float


@dataclass
class Table:
    rows: list[list[str]]  # cell texts; "" for an empty cell
    top: float
    ruled: bool
    # borderless tables: the (fragment, column) pieces it was made of (_index_halves)
    fragments: list = field(default_factory=list, repr=False, compare=False)


@dataclass
class PageLayout:
    items: list[TextRun | Table] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)  # "private_use" / "unmapped" -> count

    def visible_chars(self) -> int:
        """Characters other than white space in the page's items."""
        texts = [line for item in self.items if isinstance(item, TextRun) for line in item.lines]
        texts += [
            cell
            for item in self.items
            if isinstance(item, Table)
            for row in item.rows
            for cell in row
        ]
        return sum(len("".join(text.split())) for text in texts)


def page_layout(page) -> PageLayout:
    """The items of one pdfplumber page in reading order."""
    layout = PageLayout()
    chars = _clean_chars(page.chars, layout.dropped)
    tables = _ruled_tables(page, chars)
    inside = set()
    for table, _bbox, members in tables:
        layout.items.append(table)
        inside.update(id(c) for c in members)
    rest = [c for c in chars if id(c) not in inside]
    rest.extend(_annotation_chars(page, layout.dropped))
    lines = _lines(rest)
    layout.items.extend(_flow(lines))
    layout.items.sort(key=lambda item: item.top)
    return layout


def _clean_chars(chars: list[dict], dropped: Counter) -> list[dict]:
    out = []
    for char in chars:
        text = char.get("text") or ""
        if not text:  # a code whose mapping is not a character (a lone surrogate)
            dropped["invalid"] += 1
            text = "\ufffd"
        elif text.startswith("(cid:"):
            dropped["unmapped"] += 1
            text = _GHOST
        elif _PRIVATE_USE.search(text):
            dropped["private_use"] += len(_PRIVATE_USE.findall(text))
            text = _PRIVATE_USE.sub("", text) or _GHOST
        if char["x1"] <= char["x0"] and char["bottom"] <= char["top"]:
            continue
        out.append(dict(char, text=text, space=not text.strip()))
    return out


def _annotation_chars(page, dropped: Counter) -> list[dict]:
    """Text shown on the page from outside the content stream: a FreeText note
    (a date stamped on with a PDF editor) and a filled-in text field. Neither
    pypdf nor the character layer has it; it becomes characters spread over the
    annotation's box, so it takes its place in the reading order."""
    out: list[dict] = []
    try:
        annotations = page.annots
    except Exception:  # noqa: BLE001 - a broken annotation list hides nothing else
        return out
    for annot in annotations[:500]:
        if len(out) > MAX_ANNOTATION_CHARS:
            break
        data = annot.get("data") or {}
        kind = _name(data.get("Subtype"))
        text = None
        if kind == "FreeText":
            text = annot.get("contents")
        elif kind == "Widget" and _name(data.get("FT")) == "Tx":
            text = _pdf_string(data.get("V"))
        if not isinstance(text, str) or not text.strip():
            continue
        found = _PRIVATE_USE.findall(text)
        if found:
            dropped["private_use"] += len(found)
            text = _PRIVATE_USE.sub("", text)
        lines = [line.strip() for line in text[:MAX_ANNOTATION_CHARS].splitlines() if line.strip()]
        if not lines:
            continue
        x0, top, x1 = annot["x0"], annot["top"], annot["x1"]
        height = min(max((annot["bottom"] - top) / len(lines), 4.0), 12.0)
        for row, line in enumerate(lines):
            width = max(x1 - x0, 1.0) / len(line)
            for k, char in enumerate(line):
                left = x0 + k * width
                out.append(
                    {
                        "text": char,
                        "x0": left,
                        "x1": left + width,
                        "top": top + row * height,
                        "bottom": top + (row + 1) * height,
                        "size": height,
                        "space": not char.strip(),
                    }
                )
    return out


def _name(value) -> str:
    return str(getattr(value, "name", value) or "").lstrip("/")


def _pdf_string(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        from pdfminer.utils import decode_text

        return decode_text(value)
    return None


# --- lines -----------------------------------------------------------------


def _lines(chars: list[dict]) -> list[Line]:
    """Group characters into visual lines: a character joins a line whose top is
    within 40% of a character height of its own (a column beside it with other
    baselines makes its own lines)."""
    lines: list[Line] = []
    spaces = [c for c in chars if c.get("space")]
    chars = [c for c in chars if not c.get("space")]
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        height = max(char["bottom"] - char["top"], 1.0)
        for line in reversed(lines[-4:]):
            if abs(line.top - char["top"]) <= 0.4 * height:
                line.chars.append(char)
                line.bottom = max(line.bottom, char["bottom"])
                break
        else:
            lines.append(Line(char["top"], char["bottom"], [char]))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    for space in spaces:
        middle = (space["top"] + space["bottom"]) / 2
        for line in lines:
            if line.top <= middle <= line.bottom:
                line.spaces.append(((space["x0"] + space["x1"]) / 2, space["text"][:1]))
                break
    return lines


def line_text(chars: list[dict], spaces: list[tuple[float, str]] = ()) -> str:
    """Characters of one line left to right. A space where the gap says so: between
    Latin letters a quarter of the font size; between Japanese characters only a
    gap well over the line's usual spacing (letter-spaced cells close up)."""
    if not chars:
        return ""
    chars = sorted(chars, key=lambda c: c["x0"])
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:], strict=False)]
    cjk_gaps = [
        g
        for g, a, b in zip(gaps, chars, chars[1:], strict=False)
        if _CJK.match(a["text"][-1]) and _CJK.match(b["text"][0])
    ]
    usual = median(cjk_gaps) if cjk_gaps else 0.0
    out = [chars[0]["text"]]
    for gap, left, right in zip(gaps, chars, chars[1:], strict=False):
        size = max(left.get("size") or 0.0, right.get("size") or 0.0, 1.0)
        cjk = (_CJK.match(left["text"][-1]), _CJK.match(right["text"][0]))
        drawn = [ch for x, ch in spaces if left["x1"] - 0.5 <= x <= right["x0"] + 0.5]
        if drawn:  # a space glyph is drawn here: keep it (U+3000 stays U+3000)
            out.append("\u3000" if "\u3000" in drawn else " ")
            out.append(right["text"])
            continue
        if all(cjk) and usual < 0.1 * size:
            if gap >= 0.9 * size:  # an em of white in set text: a full-width space
                out.append("\u3000")
            out.append(right["text"])
            continue
        if all(cjk):  # a letter-spaced line: only a gap well over its spacing
            wide = gap > max(size, 3 * usual + 0.5 * size)
        elif any(cjk):
            wide = gap > max(0.25 * size, 2 * usual)
        else:
            wide = gap > 0.15 * size
        if wide:
            out.append(" ")
        out.append(right["text"])
    return "".join(out).replace(_GHOST, "")


def _text_lines(lines: list[Line]) -> list[str]:
    """Strings for `join_lines`: "\u3000" before an indented line, "" at a gap
    taller than a line (a new paragraph or block)."""
    if not lines:
        return []
    out: list[str] = []
    previous: Line | None = None
    previous_text = ""
    for k, line in enumerate(lines):
        if previous is not None and line.top > previous.top and _apart(previous, line):
            out.append("")
        elif previous is not None and out[-1] and _spread(previous):
            out.append("")  # a line spread to the full width ends its paragraph
        text = line_text(line.chars, line.spaces)
        # Indented where a space glyph is drawn before the first character (字下げ), or
        # where the line is set in by about one character from the lines around it
        # with nothing drawn (position only). A hanging indent (continuation lines of
        # 「ア　…」) is not a new paragraph.
        following = lines[k + 1] if k + 1 < len(lines) else None
        if any(x < line.x0 for x, _ch in line.spaces) or _set_in(
            previous if out and out[-1] else None, previous_text, line, following
        ):
            text = "\u3000" + text
        out.append(text)
        previous, previous_text = line, text
    return out


def _spread(line: Line) -> bool:
    """A Japanese line set with its letters spread over the width (均等割付: a cell's
    lines in a member list, 「一般社団法人日本船主協会」 over 「弁護士（東京弁護士会）」):
    shorter than the width, so it ends its paragraph. Its glyphs cover under 70% of
    its extent; set text covers over 90%."""
    if len(line.chars) < 3:
        return False
    cjk = sum(1 for c in line.chars if _CJK.match(c["text"][:1]))
    if cjk * 2 < len(line.chars):
        return False
    drawn = sum(max(c["x1"] - c["x0"], 0.0) for c in line.chars)
    return drawn < 0.7 * max(line.x1 - line.x0, 1e-6)


def _apart(upper: Line, lower: Line) -> bool:
    """A gap taller than a line, or side by side rather than one above the other."""
    return lower.top - upper.bottom > 1.0 * lower.size or lower.x0 > upper.x1 or lower.x1 < upper.x0


def _set_in(above: Line | None, above_text: str, line: Line, below: Line | None) -> bool:
    """A paragraph's first line indented by position only: about one character (0.6–1.5
    em) right of the line below it, which goes on the same paragraph, and not under a
    line with the same indent (a list's hanging continuation, set-in lines) or under
    an item's first line it would hang from (「・…」「ア　…」「（１）…」)."""
    if above is None or below is None or below.top <= line.top or _apart(line, below):
        return False
    size = min(line.size, below.size)
    if not 0.6 * size <= line.x0 - below.x0 <= 1.5 * size:
        return False
    if abs(above.x0 - line.x0) < 0.3 * size or 0.6 * size <= above.x0 - line.x0 <= 1.5 * size:
        return False  # the same indent, or under a set-in first line: it goes on above
    if above.x0 < line.x0 and _starts_item(above_text):
        return False
    # The line below must go on a paragraph: an item or speaker (「○渡辺幹事 …」「二 …」)
    # set out to the left starts something new, so this line ends the one above.
    drawn_indent = any(x < below.x0 for x, _ch in below.spaces)
    return not (drawn_indent or _starts_item(line_text(below.chars, below.spaces)))


# Items besides the markers pdf.py knows: a law's 号 (「一 …」「イ …」), roman and
# letter items (「vi.…」「a)」), notes (「（注）」「（注１）」「※」).
_LAW_ITEM = re.compile(
    r"^(?:(?:[一二三四五六七八九十百]+|[イロハニホヘトチリヌルヲ])[\s\u3000]"
    r"|(?:[ivxlcIVXLC]{1,6}|[a-zA-Z])[.．)）]"
    r"|[(（]注[0-9０-９]*[)）]|※)"
)


def _starts_item(text: str) -> bool:
    from .pdf import starts_new_paragraph  # the paragraph rules live there

    text = text.strip()
    return starts_new_paragraph(text) or bool(_LAW_ITEM.match(text))


# --- ruled tables -----------------------------------------------------------


def _white(color) -> bool:
    if color is None:
        return True
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = tuple(float(v) for v in color)
    except (TypeError, ValueError):
        return False  # a pattern: visible
    if len(values) == 1:
        return values[0] >= 0.95
    if len(values) == 3:
        return min(values) >= 0.95
    if len(values) == 4:
        return max(values) <= 0.05
    return False


def _visible(obj: dict) -> bool:
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    stroked = obj.get("stroke") and not _white(obj.get("stroking_color"))
    filled = obj.get("fill") and not _white(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def _ruled_tables(page, chars: list[dict]) -> list[tuple[Table, tuple, list[dict]]]:
    """Tables drawn with visible borders, at least 2 rows and 2 columns with text."""
    if len(page.objects.get("rect", [])) + len(page.objects.get("line", [])) > MAX_TABLE_EDGES:
        return []
    found = page.filter(_visible).find_tables()
    out = []
    for found_table in found:
        grid: list[list[list[dict]]] = []
        members: list[dict] = []
        x0, top, x1, bottom = found_table.bbox
        in_table = [c for c in chars if _centre_in(c, found_table.bbox)]
        for row in found_table.rows:
            cells = []
            in_row = [c for c in in_table if _centre_in(c, row.bbox)]
            for bbox in row.cells:
                inside = [] if bbox is None else [c for c in in_row if _centre_in(c, bbox)]
                cells.append(inside)
                members.extend(inside)
            grid.append(cells)
        rows = _trim(_merge_split_columns([[_cell_text(cell) for cell in row] for row in grid]))
        if rows:
            out.append((Table(rows, top, ruled=True), found_table.bbox, members))
    return out


def _merge_split_columns(rows: list[list[str]]) -> list[list[str]]:
    """Merge neighbouring grid columns that never both hold text in one row: the
    finder cuts a column in two where a header's border is a hairline off the
    body's (pdf09: 「原文」 over the English column)."""
    if not rows:
        return rows
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    k = 0
    while k + 1 < len(rows[0]):
        clash = any(row[k].strip() and row[k + 1].strip() for row in rows)
        used = [any(row[j].strip() for row in rows) for j in (k, k + 1)]
        if not clash and all(used):
            rows = [row[:k] + [row[k] + row[k + 1]] + row[k + 2 :] for row in rows]
        else:
            k += 1
    return rows


def _centre_in(char: dict, bbox) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _cell_text(chars: list[dict]) -> str:
    from .pdf import join_lines  # the paragraph rules live there

    return "\n".join(join_lines(_text_lines(_lines(chars))))


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop empty rows and columns (a finder splits on hairline offsets); None when
    what is left is not a table (fewer than 2 rows or 2 columns)."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [k for k in range(width) if any(row[k].strip() for row in rows)]
    rows = [[row[k] for k in keep] for row in rows]
    if len(rows) < 2 or len(keep) < 2:
        return []
    return rows


# --- borderless tables and flowing text --------------------------------------


def _intervals(line: Line) -> list[tuple[float, float]]:
    return [(c["x0"], c["x1"]) for c in line.chars]


def _gutters(cover: list[tuple[float, float]], width: float) -> list[tuple[float, float]]:
    """Gaps at least `width` wide between the merged intervals."""
    gaps = []
    end = None
    for x0, x1 in sorted(cover):
        if end is not None and x0 - end >= width:
            gaps.append((end, x0))
        end = x1 if end is None else max(end, x1)
    return gaps


def _support(lines: list[Line], gutter: tuple[float, float]) -> int:
    return sum(
        1
        for line in lines
        if any(c["x1"] <= gutter[0] + 0.5 for c in line.chars)
        and any(c["x0"] >= gutter[1] - 0.5 for c in line.chars)
    )


def _flow(lines: list[Line]) -> list[TextRun | Table]:
    """Text runs, with runs of lines that share a white gutter made into tables."""
    items: list[TextRun | Table] = []
    pending: list[Line] = []

    def flush() -> None:
        if pending:
            items.append(TextRun(_text_lines(pending), pending[0].top))
            pending.clear()

    i = 0
    while i < len(lines):
        band = _band_at(lines, i)
        if band is None:
            pending.append(lines[i])
            i += 1
            continue
        end, gutters = band
        before, table, after = _borderless_table(lines[i:end], gutters)
        pending.extend(before)
        flush()
        if table is not None:
            items.extend(_index_halves(table) or [table])
        pending.extend(after)
        i = end
    flush()
    return items


def _band_at(lines: list[Line], start: int):
    """(end, gutters) of the longest run from `start` whose lines leave a common
    gutter, when it is a table: 3+ lines, text on both sides in 3+ of them."""
    size = median(line.size for line in lines[start : start + 20])
    cover = _intervals(lines[start])
    end = start + 1
    while end < len(lines):
        merged = cover + _intervals(lines[end])
        if not _gutters(merged, size):
            break
        cover = merged
        end += 1
    if end - start < 3:
        return None
    run = lines[start:end]
    gutters = [g for g in _gutters(cover, size) if _support(run, g) >= MIN_GUTTER_SUPPORT]
    if not gutters:
        return None
    return end, gutters


def _borderless_table(lines: list[Line], gutters: list[tuple[float, float]]):
    """Cells of a gutter-separated run: columns between the gutters, rows where
    the fragments' vertical extents chain (a two-line cell beside a one-line
    cell stays one row). Leading and trailing one-cell rows that reach outside
    the table's columns (a date or a note above it) stay text."""
    bounds = [g[0] for g in gutters] + [float("inf")]
    fragments = []  # (top, bottom, column, chars, line)
    for line in lines:
        parts: dict[int, list[dict]] = {}
        for char in line.chars:
            centre = (char["x0"] + char["x1"]) / 2
            column = next(k for k, bound in enumerate(bounds) if centre <= bound)
            parts.setdefault(column, []).append(char)
        for column, chars in parts.items():
            fragments.append((line.top, line.bottom, column, chars, line))
    fragments.sort(key=lambda f: (f[0], f[2]))
    size = median(line.size for line in lines)
    rows: list[list] = []
    bottom = None
    for fragment in fragments:
        if bottom is None or fragment[0] > bottom + 0.3 * size:
            rows.append([])
            bottom = fragment[1]
        rows[-1].append(fragment)
        bottom = max(bottom, fragment[1])
    full = [r for r in rows if len({f[2] for f in r}) >= 2]
    if len(full) < 2:
        return lines, None, []
    core = (min(f[4].x0 for r in full for f in r), max(f[4].x1 for r in full for f in r))

    def outside(row) -> bool:
        if len({f[2] for f in row}) != 1:
            return False
        x0 = min(f[4].x0 for f in row)
        x1 = max(f[4].x1 for f in row)
        return x0 < core[0] - 2 * size or x1 > core[1] + 2 * size

    head = 0
    while head < len(rows) and outside(rows[head]):
        head += 1
    tail = len(rows)
    while tail > head and outside(rows[tail - 1]):
        tail -= 1
    body = rows[head:tail]
    if not any(len([f for f in row if f[2] == f2[2]]) >= 2 for row in body for f2 in row):
        columns = _prose_columns(body, len(gutters) + 1)
        if columns:  # two or more columns of running text: one column after the other
            return row_lines(rows[:head]) + columns, None, row_lines(rows[tail:])
        # Every cell one line: read as lines, row by row, nothing interleaves and
        # 「第１条　会議は…」 stays one paragraph.
        return lines, None, []
    groups = _field_groups(body, len(gutters) + 1)
    cells = []
    for row in body:
        texts = []
        for group in groups:
            chars = [c for f in row if f[2] in group for c in f[3]]
            texts.append(_cell_text(chars))
        cells.append(texts)
    table_rows = _trim(cells)
    if not table_rows or all(_MARKER.match(row[0]) or not row[0] for row in table_rows):
        return lines, None, []  # 「ア　…」 items with a hanging indent: a list, not a table

    top = min(f[0] for f in body[0])
    table = Table(table_rows, top, ruled=False)
    table.fragments = [(f, _group_of(groups, f[2])) for row in body for f in row]
    return row_lines(rows[:head]), table, row_lines(rows[tail:])


def _group_of(groups: list[list[int]], column: int) -> int:
    return next(k for k, group in enumerate(groups) if column in group)


# A page-number column of an index: entries start with a leader (「…18」「‥ 3」).
_LEADER = re.compile(r"^[…‥・.．]{1,}")
_KANA_HEAD = re.compile(r"^[ぁ-んァ-ンA-Za-zＡ-Ｚ]$")
_PAGE_NUMBER = re.compile(r"^[<＜(（\-－‐]?\s*[0-9０-９]{1,4}\s*[>＞)）\-－‐]?$")


def _split_mixed_columns(fragments: list) -> list:
    """Columns the gutter finder merged, one index column's pages with the next one's
    terms (pdf01 p.53: pages at x≈188, terms at x≈313): a column whose pieces start
    at two far-apart positions, the left ones pages (a leader) and the right ones
    not, is cut between them, character by character. Returns (fragment, column)."""
    if not fragments:
        return fragments
    width = max(g for _, g in fragments) + 1
    size = median(max(f[1] - f[0], 1.0) for f, _ in fragments)
    cuts: dict[int, float] = {}
    for g in range(width):
        starts = sorted((min(c["x0"] for c in f[3]), f) for f, gg in fragments if gg == g and f[3])
        if len(starts) < 6:
            continue
        gap, k = max((starts[i + 1][0] - starts[i][0], i) for i in range(len(starts) - 1))
        left, right = starts[: k + 1], starts[k + 1 :]
        if gap < 3 * size or len(left) < 3 or len(right) < 3:
            continue

        def leaders(side) -> float:
            return sum(bool(_LEADER.match(line_text(f[3]).strip())) for _, f in side) / len(side)

        if leaders(left) >= 0.6 and leaders(right) <= 0.2:
            cuts[g] = right[0][0] - 0.5
    if not cuts:
        return fragments
    out = []
    for fragment, g in fragments:
        column = g + sum(1 for cut in cuts if cut < g)
        if g not in cuts:
            out.append((fragment, column))
            continue
        top, bottom, index, chars, line = fragment
        for part, offset in (
            ([c for c in chars if c["x0"] < cuts[g]], 0),
            ([c for c in chars if c["x0"] >= cuts[g]], 1),
        ):
            if part:
                out.append(((top, bottom, index, part, line), column + offset))
    return out


def _index_halves(table: Table) -> list[Table | TextRun]:
    """A book index set in two (or more) columns, each a term and its pages (pdf01's
    索引): read as one table per column, left first, a row per entry (a line whose
    pages start with a leader), instead of rows across both columns. [] when the
    table is not such an index."""
    fragments = _split_mixed_columns(table.fragments)
    if not fragments:
        return []
    width = max(g for _, g in fragments) + 1
    starts: dict[int, list[bool]] = {}
    for fragment, group in fragments:
        text = line_text(fragment[3])
        starts.setdefault(group, []).append(bool(_LEADER.match(text.strip())))
    leader = [g for g in range(width) if starts.get(g) and sum(starts[g]) >= 0.6 * len(starts[g])]
    if len(leader) < 2 or leader[-1] != width - 1:
        return []
    tables: list[Table | TextRun] = []
    tail: list[TextRun] = []
    first = 0
    for last in leader:
        columns = list(range(first, last + 1))
        first = last + 1
        if len(columns) < 2:
            return []
        by_line: dict[int, dict[int, list]] = {}
        order: list[tuple[float, int]] = []
        for fragment, group in fragments:
            if group in columns:
                key = id(fragment[4])
                if key not in by_line:
                    by_line[key] = {}
                    order.append((fragment[0], key))
                by_line[key].setdefault(group, []).append(fragment)
        rows: list[dict[int, list]] = []
        heading: dict | None = None
        for _top, key in sorted(order):
            line = by_line[key]
            pages = " ".join(line_text(f[3]) for f in line.get(last, [])).strip()
            terms = " ".join(line_text(f[3]) for g in columns[:-1] for f in line.get(g, [])).strip()
            # An entry starts at a term of its own or at its pages' leader; a cross
            # reference (「⇒読み手」「＝標準字体」) or pages carried onto the next line
            # go on it, and so does the term or the pages an entry still lacks.
            new_term = bool(terms) and not terms.startswith(("⇒", "→", "＝", "="))
            has_term = bool(rows) and any(g != last for g in rows[-1])
            # a section's kana (「あ」「い」) heads its entries and takes no pages
            has_pages = bool(rows) and (last in rows[-1] or rows[-1] is heading)
            if not rows or (new_term and has_term) or (bool(_LEADER.match(pages)) and has_pages):
                rows.append({})
            for group, found in line.items():
                rows[-1].setdefault(group, []).extend(found)
            if len(terms) == 1 and not pages and _KANA_HEAD.match(terms):
                heading = rows[-1]
        cells = [
            [_cell_text([c for f in row.get(g, []) for c in f[3]]) for g in columns] for row in rows
        ]
        footer = [c for c in cells[-1] if c.strip()] if cells else []
        if len(footer) == 1 and _PAGE_NUMBER.match(footer[0].strip()):
            # the page's number under the column (「<2>」): a line after the tables,
            # where pdf.py drops page numbers
            tail.append(TextRun([footer[0].strip()], table.top + 0.5))
            cells.pop()
        trimmed = _trim(cells)
        if not trimmed:
            return []
        # one after the other in reading order, whatever their first line's height
        top = table.top + 0.001 * len(tables)
        tables.append(Table(trimmed, top, ruled=False))
    return tables + tail


def row_lines(rows) -> list[Line]:
    """The lines of these rows' fragments, each once, in order."""
    seen: list[Line] = []
    for row in rows:
        for fragment in row:
            if all(fragment[4] is not line for line in seen):
                seen.append(fragment[4])
    return seen


# Columns whose one-line cells average at least this many characters are running
# text (a two-column page), not a table of labels and values.
PROSE_COLUMN_CHARS = 12


def _prose_columns(rows: list[list], columns: int) -> list[Line]:
    """For a band of one-line rows that is running text in every column (4+ rows,
    long lines in each column): the lines column by column; else []."""
    if len(rows) < 4:
        return []
    per_column: list[list[Line]] = [[] for _ in range(columns)]
    for row in rows:
        for top, bottom, column, chars, _line in row:
            per_column[column].append(Line(top, bottom, sorted(chars, key=lambda c: c["x0"])))
    filled = [col for col in per_column if col]
    if len(filled) < 2:
        return []
    for col in filled:
        if sum(len(line.chars) for line in col) / len(col) < PROSE_COLUMN_CHARS:
            return []
    return [line for col in filled for line in col]


def _field_groups(rows: list[list], columns: int) -> list[list[int]]:
    """Columns that are one field spread wide (a justified name: 「藤 田　　友 敬」)
    are merged: two neighbours whose text always sits on the very same lines.
    Never down to one column: a table of one-line rows stays a table."""
    groups = [[k] for k in range(columns)]

    def lines_of(group: list[int]) -> list[set[int]]:
        return [{id(f[4]) for f in row if f[2] in group} for row in rows]

    k = 0
    while k + 1 < len(groups) and len(groups) > 2:
        left, right = lines_of(groups[k]), lines_of(groups[k + 1])
        together = any(left) and all(a == b for a, b in zip(left, right, strict=True))
        if together:
            groups[k] = groups[k] + groups.pop(k + 1)
        else:
            k += 1
    return groups
