"""documents/formats.py: one registry of formats; a new one is one entry (+ its reader)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desk_assistant import documents
from desk_assistant.documents import formats, sniff
from desk_assistant.documents.model import Block, Document
from desk_assistant.errors import UnsupportedFormatError

OFFICE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "office"


def test_the_registry_lists_what_the_app_reads(tmp_path):
    assert formats.input_suffixes() == (".docx", ".pdf", ".xlsx", ".pptx", ".txt")
    odd = tmp_path / "table.csv"
    odd.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError) as refused:
        sniff.sniff(odd)
    assert refused.value.facts["supported"] == ".docx .pdf .xlsx .pptx .txt"
    assert formats.for_suffix(".DOCX").can(formats.ANNOTATES)
    assert not formats.for_suffix(".pdf").can(formats.KEEPS_LAYOUT)
    assert formats.for_suffix(".xlsx").can(formats.KEEPS_LAYOUT)
    assert formats.for_suffix(".xlsm") is None  # macro packages are not scanned for


def test_content_not_the_suffix_decides(tmp_path):
    text = tmp_path / "memo.txt"
    text.write_text("本日は晴天なり。", encoding="utf-8")
    assert formats.detect(text).name == "txt"
    renamed = tmp_path / "really_text.docx"
    documents.write_text_docx(renamed, ["本文"])
    assert formats.detect(renamed).name == "docx"


def _xlsx(tmp_path) -> Path:
    sources = sorted(OFFICE.glob("xlsx*.xlsx")) if OFFICE.is_dir() else []
    if not sources:
        pytest.skip("shared/corpus/office not available")
    target = tmp_path / sources[0].name
    shutil.copy2(sources[0], target)
    return target


def test_a_new_ooxml_format_is_one_registry_entry(tmp_path, monkeypatch):
    book = _xlsx(tmp_path)
    # Issue 18 registered Excel; swap its entry for a stub to show one entry is enough.
    assert formats.detect(book).name == "xlsx"

    def read_book(path, max_uncompressed):
        return Document(path, [Block("body", "sheet1/A1", "セル", [])])

    xlsx = formats.DocumentFormat(
        "xlsx", (".xlsx",), ("Excel ブック", "Excel workbook"), read_book, zip_part="xl/"
    )
    others = tuple(f for f in formats.FORMATS if f.name != "xlsx")
    monkeypatch.setattr(formats, "FORMATS", (*others, xlsx))
    monkeypatch.setattr(formats, "BY_NAME", {f.name: f for f in formats.FORMATS})
    assert formats.detect(book) is xlsx
    assert documents.load(book).plain_text() == "セル"
    assert ".xlsx" in formats.input_suffixes()
    assert "*.xlsx" in formats.dialog_filter(lambda ja, en: en)
