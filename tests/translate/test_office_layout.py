"""Excel and PowerPoint translations: fonts by direction and room for longer text
(issue 18), read back from the written XML; the font map is a setting IT locks by
policy (FontMap)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desk_assistant import documents
from desk_assistant.documents.fonts import FontSwitch
from desk_assistant.security.policy import apply_policy, load_policy
from desk_assistant.settings import Settings, parse_font_map
from desk_assistant.tasks.translate import translate_document

from .conftest import OFFICE, A, S, make_engine
from .conftest import copy_office as _copy
from .conftest import part_xml as _xml

LONG = "The applicant shall submit the completed form together with the required documents "
pytestmark = pytest.mark.skipif(not OFFICE.is_dir(), reason="shared/corpus/office not available")


def _cells(path: Path, sheet: str = "xl/worksheets/sheet1.xml") -> dict[str, etree._Element]:
    return {c.get("r"): c for c in _xml(path, sheet).iter(f"{{{S}}}c")}


def _cell_format(path: Path, ref: str):
    """(font name, wrapText) of a cell, through its cell format in styles.xml."""
    styles = _xml(path, "xl/styles.xml")
    xfs = styles.find(f"{{{S}}}cellXfs").findall(f"{{{S}}}xf")
    fonts = styles.find(f"{{{S}}}fonts").findall(f"{{{S}}}font")
    xf = xfs[int(_cells(path)[ref].get("s", "0"))]
    font = fonts[int(xf.get("fontId", "0"))]
    align = xf.find(f"{{{S}}}alignment")
    wrap = align is not None and align.get("wrapText") == "1"
    return font.find(f"{{{S}}}name").get("val"), wrap, font


def test_excel_ja_to_en_cells_get_latin_fonts_and_wrap_with_taller_rows(tmp_path):
    path = _copy("xlsx04", tmp_path)
    doc = documents.load(path)
    texts = {b.location: b.text for b in doc.blocks}
    assert texts["sheet1!A4"] == "開発行為許可申請書"  # bold 16pt ＭＳ 明朝, merged A4:E4
    assert _cell_format(path, "A4")[0] == "ＭＳ 明朝"
    before_rows = {
        r.get("r"): r.get("ht") for r in _xml(path, "xl/worksheets/sheet1.xml").iter(f"{{{S}}}row")
    }
    replacements = {b.location: LONG * 2 for b in doc.blocks if b.segments}
    out = tmp_path / "form.en.xlsx"
    doc.save_as(out, replacements, direction=FontSwitch("ja", "en"))
    name, wrap, font = _cell_format(out, "A4")
    assert name == "Times New Roman" and wrap  # 明朝 → serif, the long title wraps
    assert font.find(f"{{{S}}}charset") is None and font.find(f"{{{S}}}scheme") is None
    rows = {r.get("r"): r for r in _xml(out, "xl/worksheets/sheet1.xml").iter(f"{{{S}}}row")}
    assert float(rows["4"].get("ht")) > 40 and rows["4"].get("customHeight") == "1"
    assert before_rows["4"] is None  # it had the default height
    # ゴシック → sans; the source's other cells with the same format keep theirs.
    # (a label read across cells, "sheet1!A12:A18", is formatted in its first cell)
    gothic = [
        b.location.split("!")[1].split(":")[0]
        for b in doc.blocks
        if b.location.startswith("sheet1!")
    ]
    faces = {_cell_format(out, ref)[0] for ref in gothic}
    assert faces <= {"Times New Roman", "Arial", "Century"}, faces
    assert _cell_format(path, "A4")[0] == "ＭＳ 明朝"  # the source is not touched
    # Formulas and values stay, and a cell that is not text keeps its format index.
    assert documents.load(out).blocks[0].text.startswith("The applicant")


def test_excel_rich_text_runs_get_the_target_font(tmp_path):
    path = _copy("xlsx04", tmp_path)  # rich strings in ＭＳ 明朝 and Century
    doc = documents.load(path)
    si_fonts = [f.get("val") for f in _xml(path, "xl/sharedStrings.xml").iter(f"{{{S}}}rFont")]
    assert any("ゴシック" in f or "明朝" in f for f in si_fonts)
    out = tmp_path / "book.en.xlsx"
    doc.save_as(
        out,
        {b.location: "Text" for b in doc.blocks if b.segments and b.kind == "cell"},
        direction=FontSwitch("ja", "en"),
    )
    after = [f.get("val") for f in _xml(out, "xl/sharedStrings.xml").iter(f"{{{S}}}rFont")]
    assert after and not any("ゴシック" in f or "明朝" in f for f in after)
    assert "Times New Roman" in after and "Century" in after  # a Latin face is kept


def test_without_a_direction_excel_fonts_stay(tmp_path):
    path = _copy("xlsx04", tmp_path)
    doc = documents.load(path)
    out = tmp_path / "same-fonts.xlsx"
    doc.save_as(out, {"sheet1!A4": "Application"}, direction=None)
    assert _cell_format(out, "A4")[0] == "ＭＳ 明朝"


def test_powerpoint_overflowing_text_shrinks_on_overflow(tmp_path):
    path = _copy("pptx04", tmp_path)
    doc = documents.load(path)
    out = tmp_path / "deck.en.pptx"
    doc.save_as(
        out,
        {b.location: LONG * 3 for b in doc.blocks if b.kind == "slide"},
        direction=FontSwitch("ja", "en"),
    )
    assert doc.layout["shrunk"] > 10
    scales = []
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if re.match(r"ppt/slides/slide\d+\.xml$", name):
                root = etree.fromstring(z.read(name))
                for fit in root.iter(f"{{{A}}}normAutofit"):
                    if fit.get("fontScale"):
                        scales.append(int(fit.get("fontScale")))
                # a one-line label that now wraps inside its box, never runs over
                for body in root.iter(f"{{{A}}}bodyPr"):
                    if body.get("wrap") == "none":
                        assert body.find(f"{{{A}}}normAutofit") is None
    assert scales and all(25000 <= s < 100000 for s in scales)
    with zipfile.ZipFile(path) as z:  # the source had no shrink settings of ours
        assert not any(b"fontScale" in z.read(n) for n in z.namelist() if "slides/slide" in n)


def test_short_text_keeps_its_size(tmp_path):
    path = _copy("pptx04", tmp_path)
    doc = documents.load(path)
    out = tmp_path / "short.pptx"
    doc.save_as(out, {b.location: "A" for b in doc.blocks if b.kind == "slide"})
    assert doc.layout["shrunk"] == 0


def test_font_map_parses_and_refuses_what_it_cannot_read():
    assert parse_font_map("")["serif"] == "Times New Roman"
    assert parse_font_map("OFF") is None
    custom = parse_font_map("serif=Georgia; gothic=BIZ UDゴシック")
    assert custom["serif"] == "Georgia" and custom["gothic"] == "BIZ UDゴシック"
    assert custom["sans"] == "Arial"
    for bad in ("serif", "cursive=Comic Sans", "sans="):
        with pytest.raises(ValueError):
            parse_font_map(bad)


def test_policy_font_map_locks_the_setting_and_is_used_by_translation(tmp_path):
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(json.dumps({"FontMap": "serif=Georgia"}), encoding="utf-8")
    policy = load_policy([policy_file], use_registry=False)
    assert policy.problems == () and policy.font_map == "serif=Georgia"
    settings = apply_policy(policy, Settings(path=tmp_path / "settings.json"))
    assert settings.is_locked("translate.font_map")
    assert settings.get("translate.font_map") == "serif=Georgia"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"FontMap": "cursive=x"}), encoding="utf-8")
    assert load_policy([bad], use_registry=False).problems  # reported, not used
    # The translation writes the policy's face.
    path = _copy("xlsx04", tmp_path)
    doc = documents.load(path)
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = tmp_path / "policy.en.xlsx"
    result.save(out, font_map=settings.get("translate.font_map"))
    assert _cell_format(out, "A4")[0] == "Georgia"
    off = tmp_path / "off.en.xlsx"
    result.save(off, font_map="off")
    assert _cell_format(off, "A4")[0] == "ＭＳ 明朝"


def test_damaged_column_widths_and_formats_do_not_stop_the_layout_pass(tmp_path):
    source = next(OFFICE.glob("xlsx04*"))
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<col min="1" max="1"', b'<col min="x" max="1"')
                data = data.replace(b'<c r="A4" s="45"', b'<c r="A4" s="-7"')
            out.writestr(info, data)
    doc = documents.load(path)
    out_path = tmp_path / "damaged.en.xlsx"
    doc.save_as(
        out_path,
        {b.location: LONG for b in doc.blocks if b.segments},
        direction=FontSwitch("ja", "en"),
    )
    assert documents.load(out_path).block("sheet1!A4").text.startswith("The applicant")
