"""Fonts by translation direction (issue 18): JA→EN runs get Latin fonts mapped from the
source (明朝 → serif, ゴシック → sans) in w:rFonts ascii/hAnsi and a:latin; EN→JA gets
明朝/ゴシック in the East Asian slots; switch_fonts=False leaves the fonts alone."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from desk_assistant import documents
from desk_assistant.documents import fonts
from desk_assistant.tasks.translate import translate_document

from .conftest import make_engine

OFFICE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "office"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_the_mapping_by_family():
    assert fonts.latin_for("ＭＳ 明朝") == "Times New Roman"
    assert fonts.latin_for("游ゴシック") == "Arial"
    assert fonts.latin_for("MS Mincho") == "Times New Roman"
    assert fonts.latin_for("Century") is None  # already a Latin font: kept
    assert fonts.east_asian_for("Times New Roman") == "ＭＳ 明朝"
    assert fonts.east_asian_for("Calibri") == "ＭＳ ゴシック"
    assert fonts.east_asian_for("ＭＳ 明朝") is None


def _word_with_fonts(path: Path, runs: list[tuple[str, str | None]]) -> None:
    """A .docx whose paragraphs each hold one run in the given font (None: no rFonts)."""
    documents.write_text_docx(path, [text for text, _ in runs])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    for text, face in runs:
        if face:
            props = (
                f'<w:rPr><w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}"/></w:rPr>'
            )
            xml = xml.replace(f"<w:r><w:t>{text}</w:t>", f"<w:r>{props}<w:t>{text}</w:t>", 1)
            xml = xml.replace(
                f'<w:r><w:t xml:space="preserve">{text}</w:t>',
                f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t>',
                1,
            )
    parts["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _rfonts(path: Path) -> list[dict]:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    found = []
    for run in root.iter(f"{{{W}}}r"):
        node = run.find(f"{{{W}}}rPr/{{{W}}}rFonts")
        found.append({} if node is None else {k.split("}")[1]: v for k, v in node.attrib.items()})
    return found


def test_ja_to_en_word_runs_get_latin_fonts_in_the_xml(tmp_path):
    source = tmp_path / "通知.docx"
    _word_with_fonts(
        source,
        [
            ("本日は晴天です。", "ＭＳ 明朝"),
            ("会議を開きます。", "ＭＳ ゴシック"),
            ("予定です。", "Century"),
        ],
    )
    doc = documents.load(source)
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = tmp_path / "通知.en.docx"
    result.save(out)
    mincho, gothic, century = _rfonts(out)
    assert (mincho["ascii"], mincho["hAnsi"], mincho["eastAsia"]) == (
        "Times New Roman",
        "Times New Roman",
        "ＭＳ 明朝",  # the East Asian slot keeps the source's font
    )
    assert gothic["ascii"] == gothic["hAnsi"] == "Arial"
    assert century["ascii"] == "Century"  # a Latin font stays
    kept = tmp_path / "kept.en.docx"
    result.save(kept, switch_fonts=False)
    assert _rfonts(kept)[0]["ascii"] == "ＭＳ 明朝"


@pytest.mark.skipif(not OFFICE.is_dir(), reason="shared/corpus/office not available")
def test_ja_to_en_slides_get_a_latin_font_for_each_translated_run(tmp_path):
    source = next(OFFICE.glob("pptx04*.pptx"))
    path = tmp_path / source.name
    shutil.copy2(source, path)
    doc = documents.load(path)
    result = translate_document(make_engine(), "few_shot", doc, source_lang="ja", target_lang="en")
    out = tmp_path / "deck.en.pptx"
    result.save(out)
    with zipfile.ZipFile(path) as z:
        theme = z.read("ppt/theme/theme1.xml").decode()
        before = z.read("ppt/slides/slide1.xml").decode()
    with zipfile.ZipFile(out) as z:
        after = z.read("ppt/slides/slide1.xml").decode()
    # The deck's theme fonts are Japanese, so translated runs must name a Latin face.
    assert re.search(r'<a:latin typeface="(游|メイリオ|Meiryo|BIZ|ＭＳ|MS)', theme)
    faces = re.findall(r'<a:latin typeface="([^"]+)"', after)
    assert faces.count("Arial") + faces.count("Times New Roman") > before.count("<a:latin")
    assert not any(fonts.is_japanese_font(face) for face in faces)
