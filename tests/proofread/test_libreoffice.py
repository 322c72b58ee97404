"""The commented and tracked-changes copies open in LibreOffice (headless) with the
comments and the changes there. One conversion of both files (~3 s)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from desk_assistant import documents
from desk_assistant.tasks.proofread import (
    proofread_document,
    write_commented_docx,
    write_tracked_docx,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def _odt_content(path):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("content.xml"))


def test_libreoffice_opens_the_copies_with_comments_and_changes(corpus_copy, tmp_path):
    source = corpus_copy("docx08_cio_dp2020_01_ai_data_use.docx")
    doc = documents.load(source)
    findings = proofread_document(doc).findings
    commented = write_commented_docx(doc, findings, tmp_path / "commented.docx")
    tracked = write_tracked_docx(doc, findings, tmp_path / "tracked.docx")
    out = tmp_path / "odt"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(out),
            str(tmp_path / "commented.docx"),
            str(tmp_path / "tracked.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert (out / "commented.odt").exists() and (out / "tracked.odt").exists(), done.stderr
    # Comments: every one placed is an annotation, with our author.
    content = _odt_content(out / "commented.odt")
    notes = content.findall(f".//{{{OFFICE}}}annotation")
    assert len(notes) == commented.comments > 100
    assert {n.findtext(f"{{{DC}}}creator") for n in notes} == {"文書アシスタント"}
    # Tracked changes: LibreOffice lists a deletion and an insertion for each change.
    content = _odt_content(out / "tracked.odt")
    regions = content.findall(f".//{{{TEXT}}}tracked-changes/{{{TEXT}}}changed-region")
    deletions = [r for r in regions if r.find(f"{{{TEXT}}}deletion") is not None]
    insertions = [r for r in regions if r.find(f"{{{TEXT}}}insertion") is not None]
    assert len(deletions) == len(insertions) == tracked.changes > 40
    creators = {r.findtext(f".//{{{DC}}}creator") for r in regions}
    assert creators == {"文書アシスタント"}
