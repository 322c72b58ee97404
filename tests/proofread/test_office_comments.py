"""Proofreading Excel and PowerPoint files writes the findings into a copy (issue 18):
Excel cell comments (with the VML box Excel shows), PowerPoint slide comments. The
text is not changed, every finding is placed, an existing comment is kept, and
LibreOffice reads the comments back (two files by default; DESK_TEST_FULL=1: all ten)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from desk_assistant import documents
from desk_assistant.tasks.proofread import proofread_document
from desk_assistant.tasks.proofread.office import write_commented

from .test_cli import run

OFFICE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "office"
FILES = sorted(OFFICE.glob("*.xlsx")) + sorted(OFFICE.glob("*.pptx")) if OFFICE.is_dir() else []
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FULL = os.environ.get("DESK_TEST_FULL") == "1"
# xlsx05 already has a comment (its VML drawing is extended), pptx01 an author list.
SAMPLE = ("xlsx04", "xlsx05", "pptx04") + (() if not FULL else ("pptx01",))
pytestmark = pytest.mark.skipif(not FILES, reason="shared/corpus/office not available")


def _files(names):
    return [f for f in FILES if FULL or f.name.startswith(names)]


def _commented(source: Path, tmp_path: Path):
    path = tmp_path / source.name
    shutil.copy2(source, path)
    doc = documents.load(path)
    findings = proofread_document(doc).findings
    out = tmp_path / f"{path.stem}.commented{path.suffix}"
    return doc, findings, out, write_commented(doc, findings, out)


def _comment_texts(path: Path) -> list[str]:
    """The text of every comment in the package (Excel <comment>, PowerPoint <p:cm>)."""
    texts = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if re.match(r"(xl/comments\d*|ppt/comments/comment\d+)\.xml$", name):
                # raw CR LF in a part reads as LF in any XML parser (and in Excel)
                xml = z.read(name).decode("utf-8").replace("\r\n", "\n")
                for body in re.findall(r"<(?:comment|p:cm) .*?</(?:comment|p:cm)>", xml, re.S):
                    texts.append("".join(re.findall(r"<(?:t|p:text)(?:\s[^>]*)?>([^<]*)<", body)))
    return texts


@pytest.mark.parametrize("source", _files(SAMPLE), ids=lambda p: p.name[:6])
def test_every_finding_becomes_a_comment_and_the_text_stays(source, tmp_path):
    doc, findings, out, written = _commented(source, tmp_path)
    placeable = [f for f in findings if f.location]
    assert placeable, "the real file has findings"
    assert written.not_placed == [] and written.comments == len(placeable)
    before = _comment_texts(doc.path)
    after = _comment_texts(out)
    if source.suffix == ".pptx":  # one comment per finding
        assert len(after) == len(before) + len(placeable)
    else:  # one comment per cell; findings on one cell share it
        cells = {f.location.removesuffix("/comment") for f in placeable}
        assert max(len(before), len(cells)) <= len(after) <= len(before) + len(cells)
    # Each finding's quoted words and message are in a comment.
    joined = "\n".join(after)
    for f in placeable[:50]:
        assert f"「{f.surface}」" in joined and f.message() in joined
    # Existing comments are kept word for word.
    for text in before:
        assert any(t.startswith(text) for t in after)
    again = documents.load(out)
    assert [(b.location, b.text) for b in again.blocks if b.kind != "comment"] == [
        (b.location, b.text) for b in doc.blocks if b.kind != "comment"
    ]


def test_cli_writes_the_comments_in_the_input_format(tmp_path, capsys):
    book = tmp_path / "form.xlsx"
    shutil.copy2(next(f for f in FILES if f.name.startswith("xlsx04")), book)
    out = tmp_path / "form.校正.xlsx"
    code, stdout, _ = run([str(book), "--no-llm", "--format", "json", "-o", str(out)], capsys)
    data = json.loads(stdout)
    assert code == 1 and data["output"]["comments"] == len(data["findings"]) > 0
    assert data["output"]["not_placed"] == []
    assert len(_comment_texts(out)) >= len({f["location"] for f in data["findings"]})
    # Word's tracked changes and a Word file name are refused for a book, with a message.
    code, _, err = run([str(book), "--no-llm", "-o", str(tmp_path / "x.docx")], capsys)
    assert code == 2 and ".xlsx" in err and not (tmp_path / "x.docx").exists()
    code, _, err = run(
        [str(book), "--no-llm", "--track-changes", "-o", str(tmp_path / "x.xlsx")], capsys
    )
    assert code == 2 and "--track-changes" in err and not (tmp_path / "x.xlsx").exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("source", _files(("xlsx05", "pptx04")), ids=lambda p: p.name[:6])
def test_libreoffice_reads_the_comments(source, tmp_path):
    program = Path(SOFFICE).resolve().parent
    component = {".xlsx": "libsclo.so", ".pptx": "libsdlo.so"}[source.suffix]
    if not (program / component).exists():
        pytest.skip(f"LibreOffice without {component}")
    doc, findings, out, written = _commented(source, tmp_path)
    target = {".xlsx": "ods", ".pptx": "odp"}[source.suffix]
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "lo"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    converted = tmp_path / "lo" / f"{out.stem}.{target}"
    assert converted.exists(), done.stderr
    with zipfile.ZipFile(converted) as z:
        content = z.read("content.xml").decode("utf-8")
    annotations = len(re.findall(r"<(?:office|officeooo):annotation[ >]", content))
    assert annotations == len(_comment_texts(out)) > len(_comment_texts(doc.path))


def test_a_finding_in_a_shape_on_a_sheet_is_a_comment_on_the_cell_under_it(tmp_path):
    from desk_assistant.tasks.proofread.office import write_commented_office

    source = next(f for f in FILES if f.name.startswith("xlsx05"))  # 「入力ホームへ」 button
    path = tmp_path / source.name
    shutil.copy2(source, path)
    doc = documents.load(path)
    finding = next(f for f in proofread_document(doc).findings)
    finding.location, finding.start, finding.end = "sheet1/shape/p1", 0, 2
    finding.surface = "入力"
    out = tmp_path / "shape.xlsx"
    written = write_commented_office(doc, [finding], out)
    assert written.not_placed == [] and written.comments == 1
    texts = _comment_texts(out)
    assert any(
        t.startswith("「入力」（シート上の図形）") or "shape on the sheet" in t for t in texts
    )
