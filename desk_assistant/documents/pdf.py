"""Read a PDF into paragraph and table-cell blocks.

pypdf opens the file and interprets every page under the work budgets (limits.py):
it decides what a page is (text, OCR layer, scan, garbled, damaged) and gives
the errors their words. Text pages are then laid out from character positions
(pdf_layout.py, pdfplumber): tables become `table_cell` blocks
(`pdf/page2/table1/r3c2`), columns no longer interleave and a title drawn last
comes first. A page pdfplumber cannot read keeps pypdf's text. We normalise
look-alike kanji, drop running headers/footers and page numbers, join the lines
of a paragraph again (no space between Japanese characters) and a paragraph cut
by a page break. Private-use and unmapped glyphs are dropped with a warning.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from .. import i18n
from ..errors import (
    BlankPdfError,
    DamagedPdfError,
    DeskError,
    DocumentTooComplexError,
    DocumentTooLongError,
    PasswordProtectedError,
    PdfEncryptionUnsupportedError,
    PdfLimitError,
    ScannedPdfError,
    Words,
)
from . import limits
from .garbled import looks_garbled
from .messages import invalid_characters
from .model import Block, Document, Segment
from .pdf_layout import Table
from .tags import escape_text
from .textnorm import is_cjk, normalize_cjk, replace_invalid, xml_safe

# A page image covering this share of the page is a scan.
SCAN_COVERAGE = 0.8
_EDGE_LINES = 3  # lines at the top and bottom of a page that may be header/footer
_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-－–—‐−ー()（）<＜]*(?:[0-9０-９]{1,4}|[ivxlcIVXLC]{1,6})(?:\s*/\s*[0-9]{1,4})?"
    r"[\s\-－–—‐−ー()（）>＞]*$"
)  # 「- 3 -」「(3)」「<3>」「iv」「3 / 40」
# Lines that start a new paragraph: article and list markers, headings, bullets.
_NEW_PARAGRAPH_RE = re.compile(
    r"^(?:第[0-9０-９一二三四五六七八九十百]+[条章節項款部編]"
    r"|[0-9０-９]{1,3}(?:[.．][0-9０-９]{1,3})*[.．、)）\s　]"
    r"|[(（][0-9０-９一二三四五六七八九十a-zA-Zア-ン]{1,3}[)）]"
    r"|[①-⑳⑴-⒇]"
    r"|[○〇●◎■□◆◇▼▽・※＊]"
    r"|[ア-ン][\s　]"
    r"|[【〔［]"
    r"|(?:Q|A|問|答)[0-9０-９]"
    r"|(?:[0-9]+\s?[.)]\s)"
    r")"
)
_CJK_GAP_RE = re.compile(
    r"(?<=[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]) (?=[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e])"
)
# A line standing for a table inside a page's lines (never a header or footer).
_TABLE_MARK = "\x00table"
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
# A paragraph ending in one of these is complete; others may go on over the page.
_CLOSED_END = "。．.！？!?：:」』）)"


def starts_new_paragraph(text: str) -> bool:
    """Whether a line starts an article, list item, heading or bullet (pdf_layout asks)."""
    return bool(_NEW_PARAGRAPH_RE.match(text))


_CELL_RE = re.compile(r"(pdf/page\d+/table\d+)/r(\d+)c(\d+)")
_IMAGE_PLACEMENT_RE = re.compile(
    rb"([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+[-\d.]+\s+[-\d.]+\s+cm\s*/([^\s/]+)\s+Do"
)


class PdfDocument(Document):
    format = "pdf"

    def __init__(self, path: Path, blocks: list[Block], warnings: list[str], pages: int):
        super().__init__(path, blocks, warnings)
        self.pages = pages
        self.ocr_pages = sorted({b.page for b in blocks if b.ocr and b.page})
        self.scanned_pages: list[int] = []
        self.garbled_pages: list[int] = []
        self.unreadable_pages: list[int] = []  # damaged or over the work budget: no text
        self.replaced_chars = 0  # invalid characters (lone surrogates) replaced by U+FFFD
        self.dropped_glyphs: dict[str, int] = {}  # "private_use" / "unmapped" -> count
        self.dropped_glyph_pages: list[int] = []
        self.layout_pages: list[int] = []  # pages read with positions (pdfplumber)

    def save_as(
        self,
        out_path,
        replacements=None,
        *,
        overwrite: bool = False,
        direction: tuple[str, str] | None = None,
    ) -> list[str]:
        """Write a new .docx: a paragraph per block, a Word table per table (its
        cells from the `table_cell` blocks), a page break where the page changes."""
        from .simple_docx import write_blocks_docx
        from .sniff import check_output
        from .tags import strip_tags

        check_output(out_path, self.path, overwrite)
        replacements = replacements or {}
        items: list = []
        breaks: set[int] = set()
        page = None
        table_of: dict[str, list[list[str]]] = {}
        for block in self.blocks:
            if page is not None and block.page != page:
                breaks.add(len(items))
            page = block.page
            text = strip_tags(replacements.get(block.location, block.tagged))
            cell = _CELL_RE.fullmatch(block.location)
            if cell is None:
                items.append(text)
                continue
            rows = table_of.get(cell.group(1))
            if rows is None:
                rows = table_of[cell.group(1)] = []
                items.append(rows)
            row, column = int(cell.group(2)), int(cell.group(3))
            while len(rows) < row:
                rows.append([])
            while len(rows[row - 1]) < column:
                rows[row - 1].append("")
            rows[row - 1][column - 1] = text
        write_blocks_docx(out_path, items, overwrite=overwrite, page_breaks_before=breaks)
        return self.unknown_locations(replacements)

    def to_dict(self) -> dict:
        data = super().to_dict()
        data.update(
            pages=self.pages,
            ocr_pages=self.ocr_pages,
            scanned_pages=self.scanned_pages,
            garbled_pages=self.garbled_pages,
            unreadable_pages=self.unreadable_pages,
        )
        if self.dropped_glyphs:
            data["dropped_glyphs"] = dict(self.dropped_glyphs)
        return data


class _WarningCatcher(logging.Handler):
    """pypdf logs (not raises) when it cannot decode a font; that means garbled text."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) < 1000:  # a hostile file can log millions of times
            self.messages.append(record.getMessage())
        else:
            self.dropped += 1


class _OverBudget(BaseException):
    """Raised from inside pypdf's content-stream loop to stop a page. A BaseException,
    so pypdf's own `except Exception` around form XObjects does not swallow it."""


class _WorkBudget:
    """Content-stream operators interpreted, per page and per document."""

    def __init__(self) -> None:
        self.document = 0
        self.page = 0

    def start_page(self) -> None:
        self.page = 0

    def visit(self, *_args) -> None:
        self.page += 1
        self.document += 1
        if self.page > limits.MAX_PAGE_OPERATIONS or self.document > limits.MAX_PDF_OPERATIONS:
            raise _OverBudget()


# pypdf log lines that mean a font's codes could not be mapped to characters (a
# broken filter is not one: "... filter not implemented" empties a page, see below).
_FONT_TROUBLE = ("rksj", "cmap", "encoding", "font")


def load_pdf(path: Path) -> PdfDocument:
    """Read the PDF, or say which of these it is: password-protected, damaged
    (unreadable structure, no pages, content that does not unpack), scanned
    (page images, no text layer) or blank. Garbled text is a warning, not an error."""
    import pypdf

    logger = logging.getLogger("pypdf")
    catcher = _WarningCatcher()
    logger.addHandler(catcher)
    propagate, logger.propagate = logger.propagate, False
    budget = _WorkBudget()
    unreadable: list[int] = []
    replaced = 0
    try:
        try:
            reader = pypdf.PdfReader(path, strict=False)
            if reader.is_encrypted:
                _decrypt(reader, path)
            count = len(reader.pages)
            if count > limits.MAX_PDF_PAGES:
                raise DocumentTooComplexError(
                    path=str(path),
                    what=Words("ページ数", "pages"),
                    size=f"{count:,}",
                    limit=f"{limits.MAX_PDF_PAGES:,}",
                )
            pages = list(reader.pages)
        except DeskError:
            raise
        except Exception as err:  # noqa: BLE001 - a hostile file can make pypdf raise anything
            raise _pdf_error(err, path) from None
        texts: list[str] = []
        operations: list[int] = []  # content-stream operators pypdf interpreted, per page
        page_kinds: list[str] = []
        garbled: list[int] = []
        undecodable: list[int] = []
        over: list[int] = []  # pages whose content is over the work budget
        for number, page in enumerate(pages, start=1):
            before = len(catcher.messages)
            try:
                text = _page_text(page, budget)
            except _OverBudget:
                if budget.document > limits.MAX_PDF_OPERATIONS:
                    raise DocumentTooLongError(
                        path=str(path),
                        what=Words("PDF の描画命令の数", "PDF drawing operations"),
                        limit=f"{limits.MAX_PDF_OPERATIONS:,}",
                    ) from None
                over.append(number)
                text = None
            except Exception:  # noqa: BLE001 - one broken page must not lose the others
                text = None
            if text is not None and not text.strip() and _content_unreadable(page):
                text = None  # say why: damage is not the same as a blank or scanned page
            if text is None:
                unreadable.append(number)
                text = ""
            said = [m.lower() for m in catcher.messages[before:]]
            if text.strip() and any(w in m for m in said for w in _FONT_TROUBLE):
                text, recovered = recover_sjis(text)
                if not recovered:
                    garbled.append(number)
            text, bad = replace_invalid(normalize_cjk(text))
            replaced += bad
            text = xml_safe(text)
            if number not in garbled and looks_garbled(text):
                garbled.append(number)  # e.g. a ToUnicode map that points at nonsense
            texts.append(text)
            operations.append(budget.page)
            page_kinds.append(_page_kind(page, bool(text.strip())))
            if not text.strip() and number not in unreadable and page_kinds[-1] != "scanned":
                if _draws_text(page):  # text is drawn, none comes out: broken font maps
                    undecodable.append(number)
    finally:
        logger.removeHandler(catcher)
        logger.propagate = propagate

    if not any(t.strip() for t in texts):
        if over and set(unreadable) <= set(over):
            pages = _page_list(over)
            raise PdfLimitError(
                path=str(path),
                what=Words(
                    f"ページの内容が大きすぎて解釈できません: {pages} ページ",
                    f"the content of page {pages} is too large to interpret",
                ),
            )
        raise _no_text_error(path, page_kinds, unreadable, undecodable)
    structured = _layout_pages(texts, operations, page_kinds, set(garbled) | set(unreadable))
    layouts = _read_layouts(path, structured, texts)
    dropped: Counter[str] = Counter()
    dropped_pages: set[int] = set()
    tables: dict[str, Table] = {}
    page_lines: list[list[str]] = []
    for number, text in enumerate(texts, start=1):
        layout = layouts.get(number)
        if layout is None:
            found = len(_PRIVATE_USE_RE.findall(text))
            if found:
                dropped["private_use"] += found
                dropped_pages.add(number)
                text = _PRIVATE_USE_RE.sub("", text)
            page_lines.append(text.splitlines())
            continue
        replaced += layout.dropped.pop("invalid", 0)  # kept as U+FFFD, said as before
        if layout.dropped:
            dropped.update(layout.dropped)
            dropped_pages.add(number)
        lines: list[str] = []
        for item in layout.items:
            if isinstance(item, Table):
                key = f"{_TABLE_MARK}{len(tables)}"
                item.rows = [[_clean(cell) for cell in row] for row in item.rows]
                tables[key] = item
                lines.extend(["", key, ""])
            else:
                lines.extend(_clean(line) for line in item.lines)
                lines.append("")
        page_lines.append(lines)
    blocks = _blocks(_drop_running_lines(page_lines), tables, page_kinds)
    document = PdfDocument(path, blocks, [], len(texts))
    document.scanned_pages = [n for n, kind in enumerate(page_kinds, start=1) if kind == "scanned"]
    document.garbled_pages = sorted(garbled)
    document.unreadable_pages = unreadable
    document.replaced_chars = replaced
    document.dropped_glyphs = dict(dropped)
    document.dropped_glyph_pages = sorted(dropped_pages)
    document.layout_pages = sorted(layouts)
    document.warnings.extend(_warnings(document))
    return document


def bilingual_rows(entries) -> list[tuple]:
    """(location, source, translation) triples as 対訳 rows; the cells of one PDF
    table become one row holding the source table beside the translated table."""
    rows: list[tuple] = []
    current = None  # the table being filled: (prefix, source rows, target rows)
    for location, source, target in entries:
        cell = _CELL_RE.fullmatch(location)
        if cell is None:
            rows.append((source, target))
            current = None
            continue
        if current is None or current[0] != cell.group(1):
            current = (cell.group(1), [], [])
            rows.append((current[1], current[2]))
        row, column = int(cell.group(2)), int(cell.group(3))
        for grid, text in ((current[1], source), (current[2], target)):
            while len(grid) < row:
                grid.append([])
            while len(grid[row - 1]) < column:
                grid[row - 1].append("")
            grid[row - 1][column - 1] = text
    return rows


def _clean(text: str) -> str:
    text, _bad = replace_invalid(normalize_cjk(text))
    return xml_safe(text)


def _layout_pages(
    texts: list[str], operations: list[int], page_kinds: list[str], bad: set[int]
) -> list[int]:
    """Pages worth laying out: text pages pypdf read cleanly, each and all of them
    within the layout limits (pdfminer builds an object per character and path, so
    a page pypdf reads fast can still take minutes and a gigabyte there)."""
    numbers: list[int] = []
    total = 0
    for number, (text, work) in enumerate(zip(texts, operations, strict=True), start=1):
        if not text.strip() or page_kinds[number - 1] != "text" or number in bad:
            continue
        if len(text) > limits.MAX_LAYOUT_PAGE_CHARS or work > limits.MAX_LAYOUT_PAGE_OPERATIONS:
            continue
        total += len(text)
        if total > limits.MAX_LAYOUT_CHARS:
            break
        numbers.append(number)
    return numbers


def _read_layouts(path: Path, numbers: list[int], texts: list[str]) -> dict:
    """Page layouts (pdf_layout.PageLayout) by page number, for the pages pypdf
    read as text within its budgets. A page (or a file) pdfplumber fails on, or
    reads with much less text than pypdf found (a damaged xref pdfminer does not
    repair), is left out: pypdf's text stands for it."""
    if not numbers:
        return {}
    from .pdf_layout import page_layout

    quiet = logging.getLogger("pdfminer")
    level, quiet.level = quiet.level, logging.ERROR  # pdfminer warns per odd object
    layouts = {}
    try:
        import pdfplumber

        with pdfplumber.open(path, password="") as pdf:
            for number in numbers:
                try:
                    page = pdf.pages[number - 1]
                    layout = page_layout(page)
                    page.close()
                    if _reads_most_of(layout, texts[number - 1]):
                        layouts[number] = layout  # free the page's parsed objects
                except Exception:  # noqa: BLE001 - pypdf's text is the fallback
                    continue
    except Exception:  # noqa: BLE001 - pdfplumber cannot open what pypdf could
        return layouts
    finally:
        quiet.level = level
    return layouts


def _reads_most_of(layout, pypdf_text: str) -> bool:
    """Whether the layout pass kept at least half of the characters pypdf read
    (private-use glyphs it drops on purpose count as kept)."""
    found = len("".join(pypdf_text.split()))
    kept = layout.visible_chars() + sum(layout.dropped.values())
    return kept * 2 >= found


def _blocks(page_lines: list[list[str]], tables: dict[str, Table], page_kinds: list[str]):
    """Blocks of every page: paragraphs (`pdf/pageN/pK`) and table cells
    (`pdf/pageN/tableT/rRcC`); a paragraph cut by a page break is one block."""
    builder = _BlockBuilder()
    for number, lines in enumerate(page_lines, start=1):
        builder.start_page(number, page_kinds[number - 1] == "ocr")
        chunk: list[str] = []
        for line in lines:
            if line.startswith(_TABLE_MARK) and line in tables:
                builder.paragraphs(chunk)
                chunk = []
                builder.table(tables[line])
            else:
                chunk.append(line)
        builder.paragraphs(chunk)
    return builder.blocks


class _BlockBuilder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.open_block: Block | None = None  # the last paragraph, if it may go on
        # The last row of a table that ended its page: {column: block}, and its width.
        self.open_row: dict[int, Block] = {}
        self.open_width = 0
        self.number = 0
        self.ocr = False

    def start_page(self, number: int, ocr: bool) -> None:
        self.number, self.ocr = number, ocr
        self.paragraph_count = self.table_count = 0
        self.first = True  # nothing of this page written yet

    def _add(self, kind: str, location: str, text: str) -> Block:
        block = Block(
            kind,
            location,
            text,
            [Segment(location, escape_text(text), text)],
            self.number,
            self.ocr,
        )
        self.blocks.append(block)
        return block

    def paragraphs(self, lines: list[str]) -> None:
        found, continues, ends_open = join_lines_flags(lines)
        for index, paragraph in enumerate(found):
            previous = self.open_block
            if index == 0 and self.first and continues and previous and previous.ocr == self.ocr:
                previous.text = _join(previous.text, paragraph)  # cut by the page break
                previous.segments = [
                    Segment(previous.location, escape_text(previous.text), previous.text)
                ]
            else:
                self.paragraph_count += 1
                self._add("pdf_page", f"pdf/page{self.number}/p{self.paragraph_count}", paragraph)
            self.first = False
        if found:
            self.open_block = self.blocks[-1] if ends_open else None
            self.open_row = {}

    def table(self, table: Table) -> None:
        self.table_count += 1
        prefix = f"pdf/page{self.number}/table{self.table_count}"
        rows = table.rows
        if self.first and self._continues_row(rows):
            for c, cell in enumerate(rows[0], start=1):
                block = self.open_row.get(c)
                if block is None:
                    if cell.strip():
                        self._add("table_cell", f"{prefix}/r1c{c}", cell)
                elif cell.strip():  # the rest of a cell cut by the page break
                    block.text = _join(block.text, cell)
                    block.segments = [Segment(block.location, escape_text(block.text), block.text)]
            start = 2
        else:
            start = 1
        last: dict[int, Block] = {}
        for r, row in enumerate(rows[start - 1 :], start=start):
            last = {}
            for c, cell in enumerate(row, start=1):
                if cell.strip():
                    last[c] = self._add("table_cell", f"{prefix}/r{r}c{c}", cell)
        if len(rows) >= start:
            self.open_row, self.open_width = last, len(rows[-1])
        self.first = False
        self.open_block = None

    def _continues_row(self, rows: list[list[str]]) -> bool:
        """The page's first row goes on with the last row of the table that ended
        the page before: same columns, and its first (label) cell is empty."""
        return bool(
            self.open_row
            and rows
            and len(rows[0]) == self.open_width
            and not rows[0][0].strip()
            and any(cell.strip() for cell in rows[0])
        )


def _page_text(page, budget: _WorkBudget) -> str | None:
    """The page's text; _OverBudget when its content is too big to interpret."""
    contents = page.get_contents()
    if contents is not None:
        size = len(contents.get_data())
        if size > limits.MAX_PAGE_CONTENT:
            raise _OverBudget()
    budget.start_page()
    return page.extract_text(visitor_operand_before=budget.visit) or ""


def _content_unreadable(page) -> bool:
    """True when the page's content streams do not unpack: an unknown filter, a
    Flate stream cut short (pypdf returns what it got, silently), bytes that are
    not Flate at all."""
    try:
        refs = page.get("/Contents")
        if refs is None:
            return False
        from pypdf.generic import StreamObject

        refs = refs.get_object()
        for ref in list(refs) if isinstance(refs, list) else [refs]:
            stream = ref.get_object()
            if not isinstance(stream, StreamObject) or _stream_broken(stream):
                return True  # /Contents that is not a stream (null, a string, a loop)
    except Exception:  # noqa: BLE001 - any failure here is damage
        return True
    return False


def _stream_broken(stream) -> bool:
    import zlib

    filters = stream.get("/Filter")
    if filters is None:
        return False
    filters = filters.get_object()
    names = [str(f) for f in (filters if isinstance(filters, list) else [filters])]
    if names[:1] != ["/FlateDecode"]:
        try:
            stream.get_data()
        except Exception:  # noqa: BLE001 - an unknown or failing filter
            return True
        return False
    raw = stream._data or b""  # the bytes as stored, before decoding
    if not raw:
        return False
    unpacker = zlib.decompressobj()
    try:
        unpacker.decompress(raw[: limits.MAX_PAGE_CONTENT])
    except zlib.error:
        return True
    return not unpacker.eof and len(raw) <= limits.MAX_PAGE_CONTENT  # cut short: truncated


def _handler_name(err: BaseException) -> Words:
    """The encryption method in our words ("V=9"), pypdf's sentence only in the detail."""
    version = re.search(r"V=(\d+)", str(err))
    if version:
        return Words(f"暗号化方式 V={version.group(1)}", f"encryption V={version.group(1)}")
    return Words("標準以外の暗号化方式", "a non-standard security handler")


_TEXT_OPERATORS = re.compile(rb"(?:\)|\]|>)\s*(?:Tj|TJ|'|\")")


def _draws_text(page) -> bool:
    """The page's content asks to draw text (Tj/TJ), whatever the extraction gave."""
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:  # noqa: BLE001 - damaged content is reported elsewhere
        return False
    return bool(_TEXT_OPERATORS.search(data[: limits.MAX_PAGE_CONTENT]))


def _no_text_error(
    path: Path, page_kinds: list[str], broken: list[int], undecodable: list[int]
) -> DeskError:
    """Why a PDF gave no text at all: damaged, scanned or blank. Only real scans say OCR."""
    if not page_kinds:
        return DamagedPdfError(
            path=str(path),
            what=Words(
                "ページがありません。ページの一覧が空か壊れています",
                "it has no pages; its page list is empty or broken",
            ),
        )
    if broken:
        pages = _page_list(broken)
        return DamagedPdfError(
            path=str(path),
            what=Words(
                f"ページの内容を展開できません: {pages} ページ",
                f"the content of page {pages} cannot be unpacked",
            ),
        )
    if undecodable:
        pages = _page_list(undecodable)
        return DamagedPdfError(
            path=str(path),
            what=Words(
                f"文字を描く命令はありますが文字に変換できません（フォントの文字対応表が壊れています）: {pages} ページ",
                f"page {pages} draws text that cannot be turned into characters (broken font maps)",
            ),
        )
    if "scanned" in page_kinds:
        return ScannedPdfError(path=str(path), pages=len(page_kinds))
    return BlankPdfError(path=str(path), pages=len(page_kinds))


def _pdf_error(err: BaseException, path: Path) -> DeskError:
    """pypdf's failures in our words: locked, unsupported encryption, over a limit, damaged."""
    from pypdf.errors import LimitReachedError

    detail = f"{type(err).__name__}: {err}"[:300]
    if isinstance(err, NotImplementedError) and "ncrypt" in str(err):
        return PdfEncryptionUnsupportedError(detail, path=str(path), handler=_handler_name(err))
    if isinstance(err, LimitReachedError):  # pypdf's words stay in the detail (--verbose)
        return PdfLimitError(
            detail,
            path=str(path),
            what=Words("読み取りの上限に達しました", "a reading limit was reached"),
        )
    if isinstance(err, RecursionError):
        return PdfLimitError(path=str(path), what=Words("入れ子が深すぎます", "nesting too deep"))
    if isinstance(err, MemoryError):
        return PdfLimitError(path=str(path), what=Words("メモリ不足", "out of memory"))
    return DamagedPdfError(
        detail,
        path=str(path),
        what=Words("PDF の構造を読めません", "its structure cannot be read"),
    )


def recover_sjis(text: str) -> tuple[str, bool]:
    """Undo pypdf's fallback for Shift_JIS CMaps (90msp-RKSJ-H and friends).

    pypdf decodes those two-byte codes as UTF-16BE, so each wrong character still
    holds the Shift_JIS bytes; re-decoding them gives the text back. Kept only
    when the result reads as Japanese (more kana), since a page may mix fonts.
    """
    out = []
    for char in text:
        if ord(char) > 0xFF:
            try:
                out.append(char.encode("utf-16-be").decode("cp932"))
                continue
            except UnicodeError:
                pass
        out.append(char)
    fixed = "".join(out).replace("\ufffd", "")
    return (fixed, True) if _kana_share(fixed) > _kana_share(text) + 0.1 else (text, False)


def _kana_share(text: str) -> float:
    letters = [ch for ch in text if not ch.isspace()]
    kana = sum(1 for ch in letters if "\u3040" <= ch <= "\u30ff")
    return kana / len(letters) if letters else 0.0


def _decrypt(reader, path: Path) -> None:
    from pypdf.errors import DependencyError

    try:
        ok = reader.decrypt("")
    except DependencyError as err:  # AES needs the cryptography package
        raise PdfEncryptionUnsupportedError(str(err), path=str(path), handler="AES") from None
    except NotImplementedError as err:  # a security handler pypdf does not know
        raise PdfEncryptionUnsupportedError(
            str(err), path=str(path), handler=_handler_name(err)
        ) from None
    except Exception:  # noqa: BLE001 - damaged encryption data: treat as locked
        ok = 0
    if not ok:
        raise PasswordProtectedError(path=str(path), kind="PDF")


def _page_kind(page, has_text: bool) -> str:
    """Classify a page: text, ocr (scan image with a text layer) or scanned (image only)."""
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        images = {
            str(name).lstrip("/")
            for name, ref in xobjects.items()
            if ref.get_object().get("/Subtype") == "/Image"
        }
        if not images:
            return "text"
        box = page.mediabox
        page_area = abs(float(box.width) * float(box.height)) or 1.0
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:  # noqa: BLE001 - odd page dictionaries: assume ordinary text
        return "text"
    covered = 0.0
    for a, b, c, d, name in _IMAGE_PLACEMENT_RE.findall(data):
        if name.decode("latin-1") in images:
            try:
                covered = max(covered, abs(float(a) * float(d) - float(b) * float(c)) / page_area)
            except ValueError:
                continue
    if covered < SCAN_COVERAGE:
        return "text"
    return "ocr" if has_text else "scanned"


def _edge_key(line: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", line))


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    edges: list[list[int]] = []
    for lines in pages:
        filled = [
            i for i, line in enumerate(lines) if line.strip() and not line.startswith(_TABLE_MARK)
        ]
        edges.append(sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])))
    counts: Counter[str] = Counter()
    for lines, idx in zip(pages, edges, strict=True):
        counts.update({_edge_key(lines[i]) for i in idx})
    threshold = max(3, (len(pages) + 1) // 2)
    repeated = {key for key, n in counts.items() if n >= threshold and key}
    cleaned = []
    for lines, idx in zip(pages, edges, strict=True):
        drop = {
            i
            for i in idx
            if _PAGE_NUMBER_RE.match(lines[i].strip()) or _edge_key(lines[i]) in repeated
        }
        cleaned.append([line for i, line in enumerate(lines) if i not in drop])
    return cleaned


def _width(text: str) -> int:
    return sum(2 if is_cjk(ch) else 1 for ch in text)


def join_lines(lines: list[str]) -> list[str]:
    """Join the visual lines of a page into paragraphs."""
    return join_lines_flags(lines)[0]


def join_lines_flags(lines: list[str]) -> tuple[list[str], bool, bool]:
    """`join_lines`, and whether the first paragraph may continue one from the
    page before (its first line is not indented and starts no list item or
    heading) and whether the last one may go on over the page (it ends at a
    full line, not at a short line, a gap or a closing punctuation mark)."""
    lines = [_unspace(line.rstrip()) for line in lines]
    widths = sorted(_width(line.strip()) for line in lines if line.strip())
    full = widths[int(len(widths) * 0.9)] if widths else 0
    paragraphs: list[str] = []
    current = ""
    filled = [line for line in lines if line.strip()]
    continues = bool(filled) and not (
        filled[0].startswith(("\u3000", "  ")) or _NEW_PARAGRAPH_RE.match(filled[0].strip())
    )
    ends_open = False

    def flush() -> None:
        nonlocal current
        if current.strip():
            paragraphs.append(current.strip())
        current = ""

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()  # a gap; trailing ones (above a dropped page number) keep ends_open
            continue
        ends_open = False
        indented = line.startswith(("\u3000", "  "))
        if current and (indented or _NEW_PARAGRAPH_RE.match(stripped)):
            flush()
        current = _join(current, stripped) if current else stripped
        # A line clearly shorter than a full line ends its paragraph.
        if full and _width(stripped) < 0.8 * full:
            flush()
        else:
            ends_open = stripped[-1] not in _CLOSED_END
    flush()
    return paragraphs, continues, ends_open


def _join(left: str, right: str) -> str:
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[:1].islower():
        return left[:-1] + right  # a word hyphenated at the line end
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return left + " " + right


def _unspace(line: str) -> str:
    """Undo letter-spacing ("東 京 大 学") that justified table cells produce."""
    cjk = sum(1 for ch in line if is_cjk(ch))
    gaps = len(_CJK_GAP_RE.findall(line))
    if cjk >= 4 and gaps >= 0.6 * (cjk - 1):
        return _CJK_GAP_RE.sub("", line)
    return line


def _warnings(document: PdfDocument) -> list[str]:
    out = []
    if document.ocr_pages:
        pages = _page_list(document.ocr_pages)
        out.append(
            i18n.tr(
                f"スキャン画像の OCR 文字です（{pages} ページ）。文字の認識誤りが含まれている可能性があります。",
                f"Text comes from OCR of scanned pages ({pages}); it may contain recognition errors.",
            )
        )
    if document.scanned_pages:
        pages = _page_list(document.scanned_pages)
        out.append(
            i18n.tr(
                f"文字情報のないスキャンページがあります（{pages} ページ）。その内容は読み込まれていません。",
                f"Scanned pages without a text layer ({pages}) were not read.",
            )
        )
    if document.unreadable_pages:
        pages = _page_list(document.unreadable_pages)
        out.append(
            i18n.tr(
                f"壊れているか内容が大きすぎるため、文字を読み取れなかったページがあります（{pages} ページ）。",
                f"Some pages are damaged or too large to interpret; their text was not read ({pages}).",
            )
        )
    if document.replaced_chars:
        out.append(invalid_characters(document.replaced_chars))
    if document.dropped_glyphs:
        count = sum(document.dropped_glyphs.values())
        pages = _page_list(document.dropped_glyph_pages)
        out.append(
            i18n.tr(
                f"文字に変換できない記号・外字が {count} 字ありました（{pages} ページ。私用領域の文字や、"
                "フォントに文字の対応がないもの）。本文からは除いています。元の PDF で該当箇所を確認してください。",
                f"{count} symbols or custom characters could not be turned into text (page {pages}: "
                "private-use characters or glyphs with no character mapping). They were left out; "
                "check those places in the original PDF.",
            )
        )
    if document.garbled_pages:
        pages = _page_list(document.garbled_pages)
        out.append(
            i18n.tr(
                f"文字化けしているページがあります（{pages} ページ）。フォントの文字対応表を解読できないため、読み取った文字が正しくない可能性があります。元の文書から PDF を作り直してください。",
                f"Some pages look garbled ({pages}): their fonts' character maps cannot be decoded, so the text read may be wrong. Re-create the PDF from the original document.",
            )
        )
    return out


def _page_list(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages)
