"""Vertical labels in Excel and PowerPoint translations (issue 18): English is never
stacked letter under letter, and the writer says where it changed the direction.

Real files: xlsx04's 「開発行為の概要」 written one character per cell down A12:A18,
xlsx05's stacked cells (textRotation 255, 「設　計　の　内　容」 in C16:C32) and
pptx01's eaVert text boxes (slides 18 and 38)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desk_assistant import documents
from desk_assistant.documents.xlsx_vertical import find_stacks, reads_across
from desk_assistant.tasks.translate import translate_document
from desk_assistant.tasks.translate.languages import has_text_in

from .conftest import OFFICE, A, S, make_engine
from .conftest import copy_office as _copy
from .conftest import part_xml as _xml

pytestmark = pytest.mark.skipif(not OFFICE.is_dir(), reason="shared/corpus/office not available")


def _translate(path: Path):
    doc = documents.load(path)
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = path.with_name(f"{path.stem}.en{path.suffix}")
    return doc, result, out, result.save(out)


def _alignment(path: Path, ref: str):
    styles = _xml(path, "xl/styles.xml")
    xfs = styles.find(f"{{{S}}}cellXfs").findall(f"{{{S}}}xf")
    cell = next(
        c for c in _xml(path, "xl/worksheets/sheet1.xml").iter(f"{{{S}}}c") if c.get("r") == ref
    )
    return xfs[int(cell.get("s", "0"))].find(f"{{{S}}}alignment")


def test_a_label_written_one_character_per_cell_is_one_block(tmp_path):
    path = _copy("xlsx04", tmp_path)
    doc = documents.load(path)
    label = doc.block("sheet1!A12:A18")
    assert label.text == "開発行為の概要" and label.kind == "cell"
    # The single characters are not blocks of their own any more.
    assert not any(b.location in ("sheet1!A12", "sheet1!A13", "sheet1!A18") for b in doc.blocks)
    assert doc.block("sheet1!B12").text.startswith("１")  # neighbours unchanged


def test_the_label_is_translated_as_one_text_into_its_first_cell_merged(tmp_path):
    path = _copy("xlsx04", tmp_path)
    doc, result, out, warnings = _translate(path)
    source_merges = _xml(path, "xl/worksheets/sheet1.xml").find(f"{{{S}}}mergeCells")
    sheet = _xml(out, "xl/worksheets/sheet1.xml")
    merges = sheet.find(f"{{{S}}}mergeCells")
    refs = [m.get("ref") for m in merges]
    assert "A12:A18" in refs and len(refs) == len(source_merges) + 1
    assert merges.get("count") == str(len(refs))
    shown = {b.location: b.text for b in documents.load(out).blocks}
    first = shown["sheet1!A12"]
    assert first and not has_text_in(first, "ja")
    assert not any(shown.get(f"sheet1!A{r}") for r in range(13, 19))  # emptied
    # The model saw the whole label once, not seven characters.
    sources = [s.source for s in result.segments]
    assert "開発行為の概要" in sources and "発" not in sources
    assert any("A12:A18" in w for w in warnings)
    # The source file is not changed.
    assert documents.load(path).block("sheet1!A12:A18").text == "開発行為の概要"


def test_a_proofread_note_on_the_label_lands_on_its_first_cell(tmp_path):
    path = _copy("xlsx04", tmp_path)
    doc = documents.load(path)
    out = tmp_path / "commented.xlsx"
    skipped = doc.save_commented(out, [("sheet1!A12:A18", "表記を確認")])
    assert skipped == []
    with zipfile.ZipFile(out) as z:
        name = next(n for n in z.namelist() if re.match(r"xl/comments\d*\.xml$", n))
        comments = etree.fromstring(z.read(name))
    assert [c.get("ref") for c in comments.iter(f"{{{S}}}comment")] == ["A12"]


def test_a_string_shown_in_other_cells_too_is_not_read_into_a_label(tmp_path):
    """Emptying 「発」 would empty every cell showing it: the label stops there."""
    path = _copy("xlsx04", tmp_path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    index = re.search(r'<c r="A13"[^>]*t="s"[^>]*><v>(\d+)</v>', sheet).group(1)
    sheet = re.sub(
        r'<c r="G2"[^>]*/>|</row>', f'<c r="G2" t="s"><v>{index}</v></c></row>', sheet, count=1
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    doc = documents.load(path)
    assert doc.block("sheet1!A12").text == "開"
    assert doc.block("sheet1!A14:A18").text == "行為の概要"


def test_what_is_and_is_not_a_stacked_label():
    cells = [(f"A{r}", ch, r) for r, ch in zip(range(3, 8), "開発行為の", strict=True)]
    assert [[ref for ref, _ in stack] for stack in find_stacks(cells)] == [
        ["A3", "A4", "A5", "A6", "A7"]
    ]
    # marks repeated down a column, two letters, a gap, words: no label
    assert (
        find_stacks([(f"B{r}", ch, r) for r, ch in zip(range(1, 5), "有無有無", strict=True)]) == []
    )
    assert find_stacks([("C1", "開", 0), ("C2", "発", 0)]) == []
    assert find_stacks([("D1", "開", 0), ("D2", "発", 0), ("D4", "行", 0), ("D5", "為", 0)]) == []
    assert find_stacks([("E1", "開発", 0), ("E2", "行為", 0), ("E3", "概要", 0)]) == []
    # full-width spaces around the letter (letter-spaced forms) are allowed
    assert len(find_stacks([("F1", "\u3000設", 0), ("F2", "計\u3000", 0), ("F3", "書", 0)])) == 1
    assert reads_across("Design details") and not reads_across("設計の内容")
    assert not reads_across("   ")


def test_stacked_excel_cells_turn_to_read_bottom_to_top_in_english(tmp_path):
    path = _copy("xlsx05", tmp_path)
    assert _alignment(path, "C16").get("textRotation") == "255"
    doc, result, out, warnings = _translate(path)
    assert doc.block("sheet1!C16").text.replace("\u3000", "") == "設計の内容"
    align = _alignment(out, "C16")
    assert align.get("textRotation") == "90" and align.get("wrapText") == "1"
    assert not has_text_in(documents.load(out).block("sheet1!C16").text, "ja")
    turned = next(w for w in warnings if "sheet1!C16" in w)
    assert "90" in turned and "sheet1!AC14" in turned
    # Cells sharing the source format keep stacking (the format was copied, not edited).
    styles = _xml(out, "xl/styles.xml")
    xfs = styles.find(f"{{{S}}}cellXfs").findall(f"{{{S}}}xf")
    source_xfs = _xml(path, "xl/styles.xml").find(f"{{{S}}}cellXfs").findall(f"{{{S}}}xf")
    assert all(
        etree.tostring(old) == etree.tostring(new)
        for old, new in zip(source_xfs, xfs[: len(source_xfs)], strict=True)
    )


def test_stacked_cells_left_untranslated_stay_stacked(tmp_path):
    path = _copy("xlsx05", tmp_path)
    doc = documents.load(path)
    out = tmp_path / "x.xlsx"
    warnings = doc.save_as(out, {"sheet1!C16": "設計の内容（変更後）"})
    assert _alignment(out, "C16").get("textRotation") == "255"
    assert not any("C16" in w for w in warnings)


def test_vertical_powerpoint_text_turns_for_english_and_is_reported(tmp_path):
    path = _copy("pptx01", tmp_path)
    doc = documents.load(path)
    assert doc.block("slide38/p22").text == "想定する利用者"
    out = tmp_path / "deck.en.pptx"
    warnings = doc.save_as(out, {"slide38/p22": "Intended users of the framework"})
    slide = _xml(out, "ppt/slides/slide38.xml")
    bodies = [
        (bp.get("vert"), "".join(t.text or "" for t in bp.getparent().iter(f"{{{A}}}t")))
        for bp in slide.iter(f"{{{A}}}bodyPr")
        if bp.get("vert") not in (None, "horz")
    ]
    assert ("vert", "Intended users of the framework") in bodies
    assert ("eaVert", "") in bodies  # the empty vertical box is left as it was
    assert any("slide38/p22" in w for w in warnings)
    turned = next(bp for bp in slide.iter(f"{{{A}}}bodyPr") if bp.get("vert") == "vert")
    assert turned.find(f"{{{A}}}normAutofit") is not None
    # Japanese kept vertical: the box is not touched.
    same = tmp_path / "deck.ja.pptx"
    assert not any("slide38" in w for w in doc.save_as(same, {"slide38/p22": "想定利用者"}))
    assert 'vert="eaVert"' in zipfile.ZipFile(same).read("ppt/slides/slide38.xml").decode()
