"""Writing changed text into a .docx the way a translation will: formatting and marks kept."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from doc_helpers import needs_corpus

from desk_assistant import documents

pytestmark = [needs_corpus, pytest.mark.usefixtures("english")]
DOCX08 = "docx08_cio_dp2020_01_ai_data_use.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def translate_groups(tagged: str, prefix: str = "EN") -> str:
    """Replace each group's text with a stand-in translation, keeping tags and placeholders."""
    return re.sub(
        r"<g(\d+)>.*?</g\1>",
        lambda m: f"<g{m[1]}>{prefix}{m[1]} text</g{m[1]}>",
        tagged,
        flags=re.S,
    )


def count(path, part: str, tag: str) -> int:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8").count(f"<w:{tag}")


def paragraph_with(path, needle: str):
    return next(p for p in docx.Document(str(path)).paragraphs if needle in p.text)


def test_translation_keeps_bold_where_it_was(corpus, tmp_path):
    source = corpus(DOCX08)
    doc = documents.load(source)
    block = doc.block("body/p84")  # bold heading line, then plain text with Latin runs
    assert block.tagged.startswith("<g1>アノテーション")
    before = paragraph_with(source, "アノテーション、ラベリングの定義・検証")
    assert before.runs[0].bold and not before.runs[-1].bold
    out = tmp_path / "en.docx"
    assert doc.save_as(out, {block.location: translate_groups(block.tagged)}) == []
    after = paragraph_with(out, "EN1 text")
    runs = {run.text: run for run in after.runs}
    assert runs["EN1 text"].bold is True
    assert not runs["EN2 text"].bold
    assert after.text.startswith("EN1 textEN2 text")


def test_footnote_marks_survive_a_translation_that_drops_them(corpus, tmp_path):
    source = corpus(DOCX08)
    doc = documents.load(source)
    block = doc.block("body/p44")
    assert "<x1/>" in block.tagged  # the footnote reference
    translated = translate_groups(block.tagged).replace("<x1/>", "")
    out = tmp_path / "en.docx"
    warnings = doc.save_as(out, {block.location: translated})
    assert any("body/p44" in w and "<x1/>" in w for w in warnings)
    part = "word/document.xml"
    assert count(out, part, "footnoteReference") == count(source, part, "footnoteReference")
    again = documents.load(out).block("body/p44")
    assert again.tagged == "<g1>EN1 text</g1><x1/><g2>EN2 text</g2>"


def test_lost_tags_put_the_text_in_the_first_run(corpus, tmp_path):
    source = corpus(DOCX08)
    doc = documents.load(source)
    block = doc.block("body/p84")
    out = tmp_path / "lost.docx"
    warnings = doc.save_as(out, {block.location: "A translation with every tag lost."})
    assert any("lost" in w for w in warnings)
    again = documents.load(out).block("body/p84")
    assert again.text == "A translation with every tag lost."
    assert paragraph_with(out, "every tag lost").runs[0].bold  # went into the first run


def test_hyperlinks_stay_links(corpus, tmp_path):
    source = corpus(DOCX08)
    doc = documents.load(source)
    out = tmp_path / "links.docx"
    doc.save_as(
        out,
        {
            s.id: translate_groups(s.tagged, "T") if "<g" in s.tagged else "T"
            for s in doc.segments()
        },
    )
    for part in ("word/document.xml", "word/footnotes.xml"):
        assert count(out, part, "hyperlink") == count(source, part, "hyperlink") > 0


def test_headers_footnotes_and_cells_are_addressable(corpus, tmp_path):
    doc = documents.load(corpus(DOCX08))
    kinds = {b.kind for b in doc.blocks}
    assert {"body", "table_cell", "header", "footer", "footnote", "textbox"} <= kinds
    header = doc.block("header/sec1/default/p1")
    cell = next(b for b in doc.blocks if b.kind == "table_cell" and b.segments)
    note = next(b for b in doc.blocks if b.kind == "footnote" and b.segments)
    out = tmp_path / "parts.docx"
    doc.save_as(out, {header.location: "HEADER", cell.location: "CELL", note.location: "<x1/>NOTE"})
    again = documents.load(out)
    assert again.block(header.location).text == "HEADER"
    assert again.block(cell.location).text == "CELL"
    assert again.block(note.location).text.endswith("NOTE")


def test_reordered_and_unknown_replacements_warn(corpus, tmp_path):
    doc = documents.load(corpus(DOCX08))
    block = doc.block("body/p84")
    swapped = "<g2>second</g2><g1>first</g1>"
    warnings = doc.save_as(tmp_path / "o.docx", {block.location: swapped, "body/p99999": "x"})
    assert any("reordered" in w for w in warnings)
    assert any("body/p99999" in w for w in warnings)


def test_plain_text_joins_blocks(corpus):
    doc = documents.load(corpus(DOCX08))
    assert doc.plain_text() == "\n".join(b.text for b in doc.blocks)
    assert "政府CIO補佐官等ディスカッションペーパー" in doc.plain_text()


def test_field_results_are_protected(corpus):
    doc = documents.load(corpus("docx03_gif_465-1_data_management_guidebook_intro.docx"))
    toc_line = doc.block("body/p20")
    assert toc_line.text.endswith("\t5")  # the page number is visible text...
    assert "5" not in toc_line.segments[0].text  # ...but not editable: Word updates it
