"""PowerPoint charts (issue 18 leftover): series names and category labels are
translated in the chart AND in its embedded workbook, so PowerPoint's "Edit data" does
not bring the Japanese back; a chart whose data cannot follow is named in the notes.

The shared corpus's decks have no chart, so one is added to the real pptx04 with
python-pptx (the dev extra), the way PowerPoint stores one: a chart part with cached
text and an embedded .xlsx. openpyxl reads the written workbook back on its own."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from desk_assistant import documents
from desk_assistant.tasks.translate import translate_document
from desk_assistant.tasks.translate.languages import has_text_in

from .conftest import SOFFICE, libreoffice_pdf, make_engine

pptx = pytest.importorskip("pptx")  # python-pptx builds the test deck (dev extra)
openpyxl = pytest.importorskip("openpyxl")

OFFICE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "office"
pytestmark = pytest.mark.skipif(not OFFICE.is_dir(), reason="shared/corpus/office not available")
CATEGORIES = ["行政サービス", "販売", "製造"]
SERIES = {"令和5年度": (12.5, 30.1, 8.0), "令和6年度": (14.0, 28.2, 9.5)}


def _deck_with_chart(tmp_path: Path) -> Path:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    source = next(OFFICE.glob("pptx04*.pptx"))
    deck = pptx.Presentation(str(source))
    data = CategoryChartData()
    data.categories = CATEGORIES
    for name, values in SERIES.items():
        data.add_series(name, values)
    frame = deck.slides[2].shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(5), Inches(3), data
    )
    frame.chart.has_title = True
    frame.chart.chart_title.text_frame.text = "データ活用の件数"
    path = tmp_path / "deck.pptx"
    deck.save(str(path))
    return path


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _embedded(path: Path) -> str:
    return next(n for n in _members(path) if n.startswith("ppt/embeddings/"))


def _workbook_values(path: Path) -> list:
    book = openpyxl.load_workbook(io.BytesIO(_members(path)[_embedded(path)]))
    return [cell.value for row in book.active.iter_rows() for cell in row]


def _cache(path: Path) -> tuple[list[str], list[str]]:
    xml = _members(path)["ppt/charts/chart1.xml"].decode()
    strings = re.findall(r"<c:strCache>.*?</c:strCache>", xml, flags=re.S)
    numbers = re.findall(r"<c:numCache>.*?</c:numCache>", xml, flags=re.S)
    text = [v for s in strings for v in re.findall(r"<c:v>([^<]*)</c:v>", s)]
    return text, numbers


def _translate(path: Path):
    doc = documents.load(path)
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = path.with_name("deck.en.pptx")
    return doc, out, result.save(out)


def test_chart_labels_are_blocks_read_once(tmp_path):
    doc = documents.load(_deck_with_chart(tmp_path))
    data = [b for b in doc.blocks if b.location.startswith("chart1/data/")]
    assert all(b.kind == "chart" for b in data)
    # Two series share the categories: each label is one block, not one per series.
    assert sorted(b.text for b in data) == sorted([*CATEGORIES, *SERIES])
    assert doc.block("chart1/p1").text == "データ活用の件数"


def test_chart_text_and_its_embedded_workbook_are_translated_together(tmp_path):
    path = _deck_with_chart(tmp_path)
    before_text, before_numbers = _cache(path)
    before_values = _workbook_values(path)
    doc, out, notes = _translate(path)
    text, numbers = _cache(out)
    assert len(text) == len(before_text) and not any(has_text_in(t, "ja") for t in text)
    assert numbers == before_numbers  # the figures are not touched
    values = _workbook_values(out)
    assert not any(isinstance(v, str) and has_text_in(v, "ja") for v in values)
    # Each label in the workbook is the one the slide shows; the numbers stay.
    assert set(text) <= {v for v in values if isinstance(v, str)}
    assert [v for v in values if not isinstance(v, str)] == [
        v for v in before_values if not isinstance(v, str)
    ]
    assert not any("chart1" in n for n in notes)
    # The embedded workbook's other members are copied as they were.
    old = zipfile.ZipFile(io.BytesIO(_members(path)[_embedded(path)]))
    new = zipfile.ZipFile(io.BytesIO(_members(out)[_embedded(out)]))
    assert old.namelist() == new.namelist()
    assert [n for n in old.namelist() if old.read(n) != new.read(n)] == ["xl/sharedStrings.xml"]
    # The source deck is not changed.
    assert _cache(path)[0] == before_text


def test_a_chart_whose_data_cannot_follow_is_named(tmp_path):
    """A damaged embedded workbook: the slide shows the translation, and the writer
    says (JA/EN) that chart1's own data still holds the source text."""
    path = _deck_with_chart(tmp_path)
    parts = _members(path)
    parts[_embedded(path)] = b"PK\x03\x04 not a workbook"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    doc, out, notes = _translate(path)
    assert not any(has_text_in(t, "ja") for t in _cache(out)[0])
    assert any("chart1" in n for n in notes)
    assert _members(out)[_embedded(out)] == parts[_embedded(path)]  # left as it was


def test_data_notes_in_both_languages():
    from desk_assistant import i18n
    from desk_assistant.documents.pptx_charts import data_notes

    assert data_notes([]) == []
    before = i18n.language()
    try:
        i18n.set_language("en")
        assert "embedded workbook" in data_notes(["chart2"])[0]
        i18n.set_language("ja")
        assert (
            "埋め込みブック" in data_notes(["chart2"])[0] and "chart2" in data_notes(["chart2"])[0]
        )
    finally:
        i18n.set_language(before)


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_deck_with_the_translated_chart(tmp_path):
    _, out, _ = _translate(_deck_with_chart(tmp_path))
    pdf, done = libreoffice_pdf(out, tmp_path)
    assert pdf.exists() and pdf.stat().st_size > 1000, done.stderr


def test_a_proofread_note_on_chart_text_lands_on_the_slide_showing_the_chart(tmp_path):
    path = _deck_with_chart(tmp_path)
    doc = documents.load(path)
    label = next(b for b in doc.blocks if b.location.startswith("chart1/data/"))
    out = tmp_path / "commented.pptx"
    skipped = doc.save_commented(out, [(label.location, "表記を確認"), ("chart1/p1", "題名")])
    assert skipped == []
    members = _members(out)
    # The chart was added to the third slide: its comments part holds both notes.
    rels = members["ppt/slides/_rels/slide3.xml.rels"].decode()
    comments = re.search(r'Target="\.\./comments/([^"]+)"', rels).group(1)
    xml = members[f"ppt/comments/{comments}"].decode()
    assert "表記を確認" in xml and "題名" in xml and label.location in xml
