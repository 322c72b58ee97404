"""Excel print headers and footers (issue 18): each section's words are a block, every
format code is written back as read and never reaches the model (xlsx_headers.py).
xlsx02 prints 「データマネジメント実践ガイドブック（導入編）別紙…」 on every page."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desk_assistant import documents
from desk_assistant.documents import xlsx as xlsx_module
from desk_assistant.documents.tags import escape_text
from desk_assistant.documents.xlsx_headers import HEADER_LOCATION, parse, render
from desk_assistant.settings import DEFAULT_FONT_MAP
from desk_assistant.tasks.translate import translate_document
from desk_assistant.tasks.translate.languages import has_text_in

from .conftest import libreoffice_pdf, make_engine
from .test_office import _PROGRAM, COMPONENT, FILES, SOFFICE, _counts

pytestmark = pytest.mark.skipif(not FILES, reason="shared/corpus/office not available")
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SOURCE_HEADER = '&L&"Meiryo UI,標準"データマネジメント実践ガイドブック（導入編）別紙'
FOOTER = '&C&"Meiryo UI,標準"&P / &N '
_CODES = re.compile(r'&(?:"[^"]*"|\d+|K[0-9A-F]{6}|[A-Z&])')


def _xlsx(name: str) -> Path:
    return next(f for f in FILES if f.name.startswith(name))


def _copy(tmp_path: Path, name: str = "xlsx02") -> Path:
    path = tmp_path / _xlsx(name).name
    shutil.copy2(_xlsx(name), path)
    return path


def _header_values(path: Path, sheet: str = "xl/worksheets/sheet1.xml") -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read(sheet))
    holder = root.find(f"{{{S}}}headerFooter")
    return {etree.QName(n).localname: n.text for n in holder}


def _with_header(tmp_path: Path, header: str) -> Path:
    """xlsx02 with sheet1's odd header set to `header`."""
    source = _copy(tmp_path)
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                root = etree.fromstring(data)
                root.find(f"{{{S}}}headerFooter").find(f"{{{S}}}oddHeader").text = header
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            out.writestr(info, data)
    return path


@pytest.mark.parametrize(
    "value",
    [
        SOURCE_HEADER + "\nデータの品質確保に係る調査票テンプレート例",
        FOOTER,
        "&R&12&KFF0000赤&B太字&B &&株式会社&G",
        "前置き&Lleft&C&K01+049x&P+1頁&Z&F",
        '&"MS 明朝,太字"&14&U&E&S&X&Y&O&H&D&T&A',
        "&",
        '&"unterminated',
    ],
)
def test_parsing_and_writing_back_an_unchanged_header_gives_the_same_bytes(value):
    assert render(parse(value)) == value


def test_the_header_words_are_blocks_without_format_codes(tmp_path):
    doc = documents.load(_copy(tmp_path))
    headers = [b for b in doc.blocks if b.kind in ("header", "footer")]
    assert [b.location for b in headers] == [f"sheet{n}!header.odd.L" for n in (1, 2, 3)]
    for block in headers:
        assert block.text == (
            "データマネジメント実践ガイドブック（導入編）別紙\nデータの品質確保に係る調査票テンプレート例"
        )
        assert "&" not in block.tagged and "Meiryo" not in block.tagged
        assert HEADER_LOCATION.match(block.location)
    # "&P / &N" has no words: no block; and the old "not translated" warning is gone
    assert not any("ヘッダー" in w or "header" in w for w in doc.warnings)


def test_codes_between_words_are_placeholders_and_come_back_as_read(tmp_path):
    path = _with_header(tmp_path, '&L&"Meiryo UI,標準"&12第&P頁&R&KFF0000&B機密&B &&社外秘&G')
    doc = documents.load(path)
    assert doc.block("sheet1!header.odd.L").tagged == "<g1>第</g1><x1/><g2>頁</g2>"
    right = doc.block("sheet1!header.odd.R")
    assert right.tagged == f"<g1>機密</g1><x1/><g2>{escape_text(' &社外秘')}</g2>"
    assert any("&G" in w for w in doc.warnings)  # a picture is not text: still said
    out = tmp_path / "book.en.xlsx"
    doc.save_as(
        out,
        {
            "sheet1!header.odd.L": "<g1>Page </g1><x1/><g2></g2>",
            "sheet1!header.odd.R": f"<g1>Secret</g1><x1/><g2>{escape_text(' & internal')}</g2>",
        },
    )
    assert _header_values(out)["oddHeader"] == (
        '&L&"Meiryo UI,標準"&12Page &P&R&KFF0000&BSecret&B && internal&G'
    )
    again = documents.load(out)
    assert again.block("sheet1!header.odd.R").text == "Secret & internal"


def test_a_translation_starting_with_a_digit_is_kept_apart_from_a_size_code(tmp_path):
    path = _with_header(tmp_path, "&C&12第一版")
    out = tmp_path / "book.en.xlsx"
    documents.load(path).save_as(out, {"sheet1!header.odd.C": "1st edition"})
    assert _header_values(out)["oddHeader"] == "&C&12 1st edition"  # not size 121


def test_translation_writes_english_into_every_header_with_the_codes_unchanged(tmp_path):
    path = _copy(tmp_path)
    doc = documents.load(path)
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = tmp_path / "book.en.xlsx"
    result.save(out)
    before, after = _counts(path), _counts(out)
    for key in ("formulas", "values", "charts", "untouched"):
        assert after[key] == before[key], key
    sans = DEFAULT_FONT_MAP["sans"]
    for n in (1, 2, 3):
        source = _header_values(path, f"xl/worksheets/sheet{n}.xml")
        written = _header_values(out, f"xl/worksheets/sheet{n}.xml")
        assert written["oddFooter"] == source["oddFooter"] == FOOTER  # no words: as read
        header = written["oddHeader"]
        # JA→EN: the Japanese face of the &"font" code becomes the Latin sans, style kept
        assert header.startswith(f'&L&"{sans},標準"'), header
        words = _CODES.sub("", header)
        assert not has_text_in(words, "ja") and re.search("[a-z]{3}", words), header
        assert [c for c in _CODES.findall(header) if not c.startswith('&"')] == ["&L"]
    block = documents.load(out).block("sheet1!header.odd.L")
    assert block.text != doc.block("sheet1!header.odd.L").text


def test_without_font_switching_every_code_is_kept_byte_for_byte(tmp_path):
    path = _copy(tmp_path)
    doc = documents.load(path)
    out = tmp_path / "book.en.xlsx"
    doc.save_as(out, {"sheet2!header.odd.L": "Data management guide (appendix)"})
    assert _header_values(out, "xl/worksheets/sheet2.xml")["oddHeader"] == (
        '&L&"Meiryo UI,標準"Data management guide (appendix)'
    )
    # the other sheets' headers were not named: unchanged
    assert _header_values(out)["oddHeader"] == _header_values(path)["oddHeader"]


@pytest.mark.parametrize(
    "source", [f for f in FILES if f.suffix == ".xlsx"], ids=lambda p: p.name[:6]
)
def test_other_blocks_are_the_same_as_without_headers(source, tmp_path, monkeypatch):
    path = tmp_path / source.name
    shutil.copy2(source, path)
    with_headers = [b.to_dict() for b in documents.load(path).blocks]
    monkeypatch.setattr(xlsx_module, "header_units", lambda *a, **k: iter(()))
    without = [b.to_dict() for b in documents.load(path).blocks]
    assert [b for b in with_headers if b["kind"] not in ("header", "footer")] == without
    extra = [b for b in with_headers if b["kind"] in ("header", "footer")]
    assert all(HEADER_LOCATION.match(b["location"]) for b in extra)
    assert len(extra) == (3 if source.name.startswith("xlsx02") else 0)


def test_proofread_comments_never_attach_to_a_header(tmp_path):
    path = _copy(tmp_path)
    doc = documents.load(path)
    cell = next(b for b in doc.blocks if b.kind == "cell" and "!" in b.location)
    notes = [("sheet1!header.odd.L", "ヘッダーへの指摘"), (cell.location, "セルへの指摘")]
    out = tmp_path / "book.commented.xlsx"
    skipped = doc.save_commented(out, notes)
    assert skipped == [notes[0]]
    with zipfile.ZipFile(out) as z:
        comments = "".join(
            z.read(n).decode() for n in z.namelist() if re.match(r"xl/comments\d+\.xml$", n)
        )
    assert "セルへの指摘" in comments and "ヘッダーへの指摘" not in comments


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_prints_the_translated_header(tmp_path):
    if not (_PROGRAM / COMPONENT[".xlsx"]).exists():
        pytest.skip("LibreOffice without Calc")
    path = _copy(tmp_path)
    doc = documents.load(path)
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = tmp_path / "book.en.xlsx"
    result.save(out)
    header = _CODES.sub("", _header_values(out)["oddHeader"]).split("\n")[0]
    pdf, _ = libreoffice_pdf(out, tmp_path)
    assert pdf.exists() and pdf.stat().st_size > 1000
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60
        ).stdout
        assert header[:20] in text and "データマネジメント実践ガイドブック" not in text


def test_a_translation_longer_than_excel_takes_is_written_with_a_warning(tmp_path):
    path = _with_header(tmp_path, "&L見出し")
    warnings = documents.load(path).save_as(
        tmp_path / "long.xlsx", {"sheet1!header.odd.L": "word " * 60}
    )
    assert any("255" in w and w.startswith("sheet1!header.odd.L") for w in warnings)
    assert _header_values(tmp_path / "long.xlsx")["oddHeader"].startswith("&Lword word")


def test_any_header_string_is_written_back_as_read():
    import random

    rng = random.Random(18)
    alphabet = [
        "&",
        '"',
        "L",
        "C",
        "R",
        "P",
        "N",
        "K",
        "G",
        "1",
        "0",
        "F",
        "+",
        "-",
        ",",
        "あ",
        " ",
        "\n",
    ]
    for _ in range(3000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert render(parse(value)) == value, repr(value)
