"""Every corpus .docx survives a write-back: unchanged text, and marked text with formatting kept."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from doc_helpers import CORPUS, corpus_files, needs_corpus, part_text, sha256, story_parts
from lxml import etree

from desk_assistant import documents
from desk_assistant.documents import wordml
from desk_assistant.documents.docx import _Package, _read_entries, _stories

pytestmark = needs_corpus
DOCX = corpus_files("docx*.docx")
LOCATION = re.compile(
    r"(body|table\d+/r\d+c\d+|(header|footer)/sec\d+/(default|first|even)|(footnote|endnote)/-?\d+)"
    r"(/table\d+/r\d+c\d+|/p\d+/textbox\d+)*/p\d+"
)
OPEN, CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: not used anywhere in the corpus


def structure(path: Path) -> dict:
    d = docx.Document(str(path))
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return {
        "paragraphs": len(d.paragraphs),
        "tables": len(d.tables),
        "sections": len(d.sections),
        "all_p": len(root.findall(f".//{wordml.P}")),
        "all_tbl": len(root.findall(f".//{wordml.TBL}")),
        # Things the writer must never add, drop or move out of the part.
        **{
            tag: len(root.findall(f".//{wordml.w(tag)}"))
            for tag in (
                "hyperlink",
                "fldChar",
                "instrText",
                "drawing",
                "footnoteReference",
                "endnoteReference",
                "bookmarkStart",
                "sectPr",
                "txbxContent",
                "tab",
            )
        },
    }


def mark(tagged: str) -> str:
    if "<g" in tagged:
        return re.sub(r"<g(\d+)>(.*?)</g\1>", rf"<g\1>{OPEN}\2{CLOSE}</g\1>", tagged, flags=re.S)
    return OPEN + tagged + CLOSE


def group_formats(path: Path) -> dict[str, list[tuple[bytes, str]]]:
    """location -> [(formatting, text)] for each formatting group of each paragraph."""
    pkg = _Package(path, _read_entries(path, documents.DEFAULT_MAX_UNCOMPRESSED))
    out = {}
    for _part, found in _stories(pkg):
        model = wordml.analyse_paragraph(found.element, found.fields)
        key = found.location + ("#twin" if found.twin else "")
        out[key] = [(wordml.format_key(g.runs[0]), g.text) for g in model.groups]
    return out


@pytest.mark.parametrize("name", DOCX)
def test_unchanged_round_trip_keeps_every_part(corpus, tmp_path, name):
    source = corpus(name)
    before = sha256(source)
    doc = documents.load(source)
    locations = [b.location for b in doc.blocks]
    assert len(locations) == len(set(locations))
    assert all(LOCATION.fullmatch(loc) for loc in locations), locations
    out = tmp_path / "out.docx"
    # Hand every segment back as it was: the writer parses the tags and rewrites every paragraph.
    warnings = doc.save_as(out, {s.id: s.tagged for s in doc.segments()})
    assert warnings == []
    assert sha256(source) == before, "the input file must never change"
    for part in story_parts(source):
        assert part_text(out, part) == part_text(source, part), part
    assert structure(out) == structure(source)
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        text_parts = set(story_parts(source))
        for info in a.infolist():
            if info.filename not in text_parts:
                assert a.read(info) == b.read(info.filename), info.filename
    again = documents.load(out)
    assert [(b.location, b.text) for b in again.blocks] == [
        (b.location, b.text) for b in doc.blocks
    ]


@pytest.mark.parametrize("name", DOCX)
def test_marked_round_trip_changes_every_segment_and_keeps_runs(corpus, tmp_path, name):
    source = corpus(name)
    doc = documents.load(source)
    out = tmp_path / "marked.docx"
    assert doc.save_as(out, {s.id: mark(s.tagged) for s in doc.segments()}) == []
    marked = documents.load(out)
    old = {b.location: b for b in doc.blocks}
    kinds = set()
    assert [b.location for b in marked.blocks] == list(old)
    for block in marked.blocks:
        if not old[block.location].segments:
            assert block.text == old[block.location].text
            continue
        kinds.add(block.kind)
        assert OPEN in block.text and CLOSE in block.text, block.location
        assert block.text.replace(OPEN, "").replace(CLOSE, "") == old[block.location].text
    # Same formatting groups in the same order, each group's own text wrapped in markers.
    expected_groups = {
        location: [(fmt, OPEN + text + CLOSE) for fmt, text in groups]
        for location, groups in group_formats(source).items()
    }
    assert group_formats(out) == expected_groups
    assert structure(out) == structure(source)
    expected = {b.kind for b in doc.blocks if b.segments}
    assert kinds == expected


def test_textbox_vml_copy_is_changed_too(corpus, tmp_path):
    # Word stores a text box twice (DrawingML and a VML fallback); both must carry the new text.
    source = corpus("docx08_cio_dp2020_01_ai_data_use.docx")
    doc = documents.load(source)
    box = next(b for b in doc.blocks if b.kind == "textbox" and b.segments)
    out = tmp_path / "box.docx"
    doc.save_as(out, {box.location: "BOX-TEXT-CHANGED"})
    assert part_text(out, "word/document.xml").count("BOX-TEXT-CHANGED") == 2


# LibreOffice takes ~3 s a file here; a sample with text boxes, notes, forms and
# sections by default, every file with DESK_TEST_LIBREOFFICE_ALL=1 (~45 s).
LO_SAMPLE = [n for n in DOCX if n.startswith(("docx04", "docx06", "docx08", "docx12"))]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_marked_files_open_in_libreoffice(tmp_path):
    names = DOCX if os.environ.get("DESK_TEST_LIBREOFFICE_ALL") == "1" else LO_SAMPLE
    marked_dir = tmp_path / "marked"
    marked_dir.mkdir()
    for name in names:
        source = tmp_path / name
        shutil.copyfile(CORPUS / name, source)
        doc = documents.load(source)
        doc.save_as(marked_dir / name, {s.id: mark(s.tagged) for s in doc.segments()})
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *sorted(marked_dir.glob("*.docx")),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stdout + result.stderr
    for name in names:
        pdf = tmp_path / "pdf" / (Path(name).stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, name
        rendered = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
        assert rendered.count(OPEN) >= 10, name  # the marked text is what LibreOffice laid out


@pytest.mark.parametrize("name", DOCX)
def test_body_text_agrees_with_python_docx(corpus, name):
    # An independent reader: python-docx's body paragraphs must all appear, in
    # order, among ours (we also read content controls such as a TOC, which it skips).
    source = corpus(name)
    ours = [
        b.text.replace("\u2011", "-")
        for b in documents.load(source).blocks
        if b.kind == "body" and "/textbox" not in b.location
    ]
    position = 0
    for paragraph in docx.Document(str(source)).paragraphs:
        while position < len(ours) and ours[position] != paragraph.text:
            position += 1
        assert position < len(ours), f"missing: {paragraph.text!r}"
        position += 1
