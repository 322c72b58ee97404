"""Helpers for the documents tests (imported by the test modules)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from lxml import etree

# The shared folder lives beside the repository root (CI clones it there too).
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def corpus_files(pattern: str) -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.glob(pattern))


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not available")


_LOADED: dict = {}
_COPIES: list = []


def loaded_corpus_document(name: str):
    """documents.load of a copy of one corpus file, once per test run (PDFs with the
    layout pass take seconds each): the Document, or the DeskError it raised.
    Callers must not change it."""
    import shutil
    import tempfile

    from desk_assistant import documents
    from desk_assistant.errors import DeskError

    if name not in _LOADED:
        if not _COPIES:
            _COPIES.append(tempfile.TemporaryDirectory(prefix="corpus-"))
        path = Path(_COPIES[0].name) / name
        shutil.copyfile(CORPUS / name, path)
        try:
            _LOADED[name] = documents.load(path)
        except DeskError as err:
            _LOADED[name] = err
    return _LOADED[name]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def story_parts(path: Path) -> list[str]:
    """Parts that hold text: main document, headers, footers, foot/endnotes."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    wanted = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
    return sorted(
        n
        for n in names
        if n in wanted or (n.startswith(("word/header", "word/footer")) and n.endswith(".xml"))
    )


def part_text(path: Path, part: str) -> str:
    """All text of a part in document order, read straight from the XML.

    Independent of the reader under test: every w:t, tab and break counts,
    text boxes and their VML copies included; each paragraph starts a line.
    """
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(part))
    out: list[str] = []
    for node in root.iter():
        tag = node.tag
        if tag == W + "p":
            out.append("\n")
        elif tag == W + "t":
            out.append(node.text or "")
        elif tag == W + "tab" and node.getparent().tag == W + "r":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("\u2011")
        elif tag == W + "softHyphen":
            out.append("\u00ad")
    return "".join(out)
