"""Excel and PowerPoint translate into the same format (issue 18), with the scripted
engine: every text part changes, formulas / cached values / charts / pictures do not,
furigana of replaced strings is dropped, and LibreOffice opens the result (one book and
one deck by default; DESK_TEST_FULL=1 converts every shared office file)."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from desk_assistant import documents
from desk_assistant.tasks.translate import translate_document
from desk_assistant.tasks.translate.languages import has_text_in

from .conftest import SOFFICE, libreoffice_pdf, make_engine

OFFICE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "office"
FILES = sorted(OFFICE.glob("*.xlsx")) + sorted(OFFICE.glob("*.pptx")) if OFFICE.is_dir() else []
FULL = os.environ.get("DESK_TEST_FULL") == "1"
# LibreOffice's Calc and Impress are packages of their own (libsclo / libsdlo).
_PROGRAM = Path(SOFFICE).resolve().parent if SOFFICE else None
COMPONENT = {".xlsx": "libsclo.so", ".pptx": "libsdlo.so"}
SAMPLE = ("xlsx04", "pptx04")  # the smallest book and deck: one LibreOffice run each
pytestmark = pytest.mark.skipif(not FILES, reason="shared/corpus/office not available")


def _translate(source: Path, tmp_path: Path) -> tuple[Path, Path, object]:
    path = tmp_path / source.name
    shutil.copy2(source, path)
    doc = documents.load(path)
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = tmp_path / f"{path.stem}.en{path.suffix}"
    result.save(out)
    return path, out, doc


def _counts(path: Path) -> dict[str, object]:
    """What translation must not change: formulas, cached values, charts, pictures, and
    every part that holds no text (byte for byte)."""
    counts: dict[str, object] = {"formulas": 0, "values": 0}
    untouched = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            if re.match(r"xl/worksheets/sheet\d+\.xml$", name):
                xml = data.decode("utf-8")
                counts["formulas"] += len(re.findall(r"<f[ >/]", xml))
                # numbers and formula results; shared-string cells keep their index
                counts["values"] += len(re.findall(r"<v>[^<]*</v>", xml))
            elif re.search(r"charts?/chart\d+\.xml$", name):
                # A chart's text (typed titles, cached copies of translated cells) follows
                # the translation (issue 18); everything else in it stays byte for byte.
                untouched[name] = _chart_without_text(data)
            elif re.search(r"(charts?/|media/|embeddings/|drawings/(?!.*\.xml$))", name) or not (
                name.endswith(".xml")
            ):
                untouched[name] = data
    counts["untouched"] = untouched
    counts["charts"] = sum(1 for n in untouched if re.search(r"charts?/chart\d+\.xml$", n))
    return counts


def _chart_without_text(data: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(data)
    for node in root.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/chart}v",
        "{http://schemas.openxmlformats.org/drawingml/2006/main}t",
    ):
        node.text = ""
    return etree.tostring(root, method="c14n")


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name[:6])
def test_translation_writes_the_same_format_with_only_the_text_changed(source, tmp_path):
    path, out, doc = _translate(source, tmp_path)
    before, after = _counts(path), _counts(out)
    assert after["formulas"] == before["formulas"]
    assert after["values"] == before["values"]
    assert after["charts"] == before["charts"]
    assert after["untouched"] == before["untouched"]  # charts but their text, images, media
    translated = documents.load(out)
    assert translated.format == doc.format
    new = {b.location: b.text for b in translated.blocks}
    source_parts = [b for b in doc.blocks if b.segments and has_text_in(b.text, "ja")]
    assert source_parts
    unchanged = [b.location for b in source_parts if new.get(b.location) == b.text]
    assert unchanged == []
    assert not any(has_text_in(text, "ja") for text in new.values() if re.search("[ぁ-ん]", text))


def test_charts_show_the_translated_cells_and_typed_titles_are_translated(tmp_path):
    source = next(f for f in FILES if f.name.startswith("xlsx01"))  # 6 charts fed by cells
    path = tmp_path / source.name
    shutil.copy2(source, path)
    # Give chart1 a typed title too (the corpus's charts take theirs from cells).
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    title = (
        "<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>品質の評価</a:t></a:r></a:p>"
        '</c:rich></c:tx><c:overlay val="0"/></c:title>'
    ).encode()
    chart = parts["xl/charts/chart1.xml"]
    parts["xl/charts/chart1.xml"] = re.sub(
        rb"<c:title>.*?</c:title>", title, chart, count=1, flags=re.S
    )
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    doc = documents.load(path)
    assert doc.block("chart1/p1").text == "品質の評価" and doc.block("chart1/p1").kind == "chart"
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = tmp_path / "book.en.xlsx"
    result.save(out)

    def cached(path):
        with zipfile.ZipFile(path) as z:
            xml = "".join(
                z.read(n).decode() for n in z.namelist() if re.match(r"xl/charts/chart\d+", n)
            )
        return re.findall(r"<c:v>([^<]*)</c:v>", xml), re.findall(r"<a:t>([^<]*)</a:t>", xml)

    (values, titles), (new_values, new_titles) = cached(path), cached(out)
    japanese = [v for v in values if has_text_in(v, "ja")]
    assert len(japanese) > 50 and len(new_values) == len(values)
    assert [v for v in new_values if has_text_in(v, "ja")] == []
    assert "品質の評価" in titles and not any(has_text_in(t, "ja") for t in new_titles)
    # Sheet names stay (formulas refer to them) and the reader is told so.
    assert any("シート名" in w or "sheet names" in w for w in doc.warnings)


def test_furigana_of_replaced_strings_is_dropped(tmp_path):
    source = next(f for f in FILES if f.name.startswith("xlsx01"))
    path, out, _ = _translate(source, tmp_path)
    with zipfile.ZipFile(path) as z:
        assert z.read("xl/sharedStrings.xml").count(b"<rPh") > 1000
    with zipfile.ZipFile(out) as z:
        assert z.read("xl/sharedStrings.xml").count(b"<rPh") == 0


def test_smartart_drawing_copy_gets_the_translation_too(tmp_path):
    source = next(f for f in FILES if f.name.startswith("pptx04"))
    _, out, _ = _translate(source, tmp_path)
    with zipfile.ZipFile(out) as z:
        drawn = "".join(
            z.read(n).decode() for n in z.namelist() if re.match(r"ppt/diagrams/drawing\d+", n)
        )
    texts = re.findall(r"<a:t>([^<]*)</a:t>", drawn)
    assert texts and not any(re.search("[ぁ-んァ-ン一-龥]", t) for t in texts)


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize(
    "source", [f for f in FILES if FULL or f.name.startswith(SAMPLE)], ids=lambda p: p.name[:6]
)
def test_libreoffice_opens_the_translation(source, tmp_path):
    if not (_PROGRAM / COMPONENT[source.suffix]).exists():
        pytest.skip(f"LibreOffice without {COMPONENT[source.suffix]} (Calc / Impress)")
    _, out, _ = _translate(source, tmp_path)
    pdf, done = libreoffice_pdf(out, tmp_path)
    assert pdf.exists() and pdf.stat().st_size > 1000, done.stderr


def test_the_output_keeps_the_office_format_and_the_bilingual_table_is_word(tmp_path):
    from desk_assistant.commands.translate import default_output

    assert default_output(tmp_path / "表.xlsx", "en", False, None).name == "表.en.xlsx"
    assert default_output(tmp_path / "deck.pptx", "en", False, None).name == "deck.en.pptx"
    assert default_output(tmp_path / "表.xlsx", "en", True, None).name == "表.en.bilingual.docx"
    assert default_output(tmp_path / "memo.pdf", "en", False, None).name == "memo.en.docx"


def test_a_typed_powerpoint_chart_title_is_translated(tmp_path):
    source = next(f for f in FILES if f.name.startswith("pptx04"))
    path = tmp_path / "deck.pptx"
    chart = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title>'
        "<c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>利用者数の推移</a:t></a:r></a:p></c:rich></c:tx>"
        "</c:title></c:chart></c:chartSpace>"
    )
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("ppt/charts/chart1.xml", chart)
    doc = documents.load(path)
    assert doc.block("chart1/p1").text == "利用者数の推移"
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out_path = tmp_path / "deck.en.pptx"
    result.save(out_path)
    translated = documents.load(out_path).block("chart1/p1").text
    assert translated != "利用者数の推移" and not has_text_in(translated, "ja")


def test_text_drawn_on_a_sheet_is_translated_and_print_headers_are_blocks(tmp_path):
    source = next(
        f for f in FILES if f.name.startswith("xlsx05")
    )  # a 「入力ホームへ」 button shape
    path = tmp_path / source.name
    shutil.copy2(source, path)
    doc = documents.load(path)
    shape = doc.block("sheet1/shape/p1")
    assert shape.text == "入力ホームへ" and shape.kind == "textbox"
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = tmp_path / "book.en.xlsx"
    result.save(out)
    assert not has_text_in(documents.load(out).block("sheet1/shape/p1").text, "ja")
    with zipfile.ZipFile(out) as z:
        drawing = z.read("xl/drawings/drawing1.xml").decode()
    # Its Latin font is the theme's Aptos Narrow already: nothing Japanese was put there.
    assert not re.search(r'<a:latin typeface="[^"]*(ゴシック|明朝)', drawing)
    # Print headers are translated now (test_office_headers.py): no warning for their words.
    headers = documents.load(next(f for f in FILES if f.name.startswith("xlsx02")))
    assert not any("ヘッダー・フッター" in w or "headers/footers" in w for w in headers.warnings)
    assert headers.block("sheet1!header.odd.L").kind == "header"
