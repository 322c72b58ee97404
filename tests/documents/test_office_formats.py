"""Excel and PowerPoint as document formats (issue 18): every shared office file reads,
with furigana kept out, hidden sheets marked, comments, tables and SmartArt found;
bad packages end in a message, never a traceback."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desk_assistant import documents
from desk_assistant.errors import (
    CorruptFileError,
    MacroEnabledError,
    PasswordProtectedError,
    UnsafeXmlError,
    ZipBombError,
)

OFFICE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "office"
FILES = sorted(OFFICE.glob("*.xlsx")) + sorted(OFFICE.glob("*.pptx")) if OFFICE.is_dir() else []
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
pytestmark = pytest.mark.skipif(not FILES, reason="shared/corpus/office not available")


def _copy(tmp_path, prefix: str) -> Path:
    source = next(f for f in FILES if f.name.startswith(prefix))
    target = tmp_path / source.name
    shutil.copy2(source, target)
    return target


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name[:6])
def test_every_shared_office_file_extracts(source, tmp_path):
    path = tmp_path / source.name
    shutil.copy2(source, path)
    doc = documents.load(path)
    assert doc.format == source.suffix[1:]
    assert len(doc.blocks) > 40
    # Locations are unique and stable (a second read gives the same ones).
    locations = [b.location for b in doc.blocks]
    assert len(set(locations)) == len(locations)
    assert locations == [b.location for b in documents.load(path).blocks]
    assert sum(len(b.text) for b in doc.blocks) > 500


def test_the_cli_extracts_an_excel_book_as_json(tmp_path):
    book = _copy(tmp_path, "xlsx05")
    done = subprocess.run(
        [sys.executable, "-m", "desk_assistant", "extract", str(book), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["documents"][0]
    assert data["format"] == "xlsx"
    comment = [b for b in data["blocks"] if b["kind"] == "comment"]
    assert [(b["location"], b["text"]) for b in comment] == [
        ("sheet1!Y25/comment", "作成者:\n盛土か構造かを記入")
    ]


def test_furigana_is_never_glued_onto_the_text(tmp_path):
    book = _copy(tmp_path, "xlsx01")
    with zipfile.ZipFile(book) as z:
        sst = etree.fromstring(z.read("xl/sharedStrings.xml"))
    readings = {}
    for si in sst.findall(f"{{{S}}}si"):
        rph = si.findall(f"{{{S}}}rPh")
        if rph:
            base = "".join(t.text or "" for t in si.iterfind(f"{{{S}}}t")) + "".join(
                t.text or "" for t in si.iterfind(f"{{{S}}}r/{{{S}}}t")
            )
            readings[base] = "".join(t.text or "" for r in rph for t in r.iter(f"{{{S}}}t"))
    assert len(readings) > 50
    texts = {b.text for b in documents.load(book).blocks}
    with_reading = [base for base in readings if base in texts]
    assert len(with_reading) > 50  # the texts were found, and found without their readings
    assert not any(base + reading in texts for base, reading in readings.items())


def test_hidden_sheets_are_marked_and_said(tmp_path):
    doc = documents.load(_copy(tmp_path, "xlsx01"))
    hidden = [b for b in doc.blocks if b.hidden]
    assert hidden and all(b.location.startswith("sheet5!") for b in hidden)
    assert not any(b.hidden for b in doc.blocks if b.location.startswith("sheet1!"))
    assert any("選択項目" in w for w in doc.warnings)


def test_rich_text_runs_become_tags(tmp_path):
    doc = documents.load(_copy(tmp_path, "xlsx04"))
    tagged = [s.tagged for s in doc.segments()]
    assert "<g1>別記様式第二</g1><g2>(</g2><g3>第十六条関係</g3><g4>)</g4>" in tagged


def test_slides_tables_and_smartart_are_read(tmp_path):
    doc = documents.load(_copy(tmp_path, "pptx03"))
    kinds = {b.kind for b in doc.blocks}
    assert {"slide", "table_cell", "smartart"} <= kinds
    smart = "".join(b.text for b in doc.blocks if b.kind == "smartart")
    with zipfile.ZipFile(doc.path) as z:
        data = "".join(
            z.read(n).decode() for n in z.namelist() if re.match(r"ppt/diagrams/data\d+\.xml", n)
        )
    letters = re.findall(r"<a:t>([^<]+)</a:t>", data)
    assert letters and all(t in smart for t in letters)
    # The drawn copy of the SmartArt is not read a second time.
    assert not any("drawing" in b.location for b in doc.blocks)


# --- bad input: a message, never a traceback -------------------------------------


def test_a_damaged_book_is_a_damaged_excel_file(tmp_path):
    book = _copy(tmp_path, "xlsx04")
    data = book.read_bytes()
    book.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError) as refused:
        documents.load(book)
    assert "Excel" in refused.value.message("en") and "Excel" in refused.value.message("ja")


def test_a_macro_book_is_refused_with_its_reason(tmp_path):
    book = _copy(tmp_path, "xlsx04")
    macro = tmp_path / "macro.xlsm"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(macro, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("xl/vbaProject.bin", b"\x00" * 64)
    with pytest.raises(MacroEnabledError) as refused:
        documents.load(macro)
    assert "マクロ" in refused.value.message("ja") and ".xlsm" in refused.value.message("en")


def test_an_encrypted_deck_names_powerpoint(tmp_path):
    locked = tmp_path / "locked.pptx"
    # An OLE compound file holding "EncryptedPackage" (what Office writes with a password).
    locked.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(PasswordProtectedError) as refused:
        documents.load(locked)
    assert "PowerPoint" in refused.value.message("en")


def test_a_book_that_expands_past_the_limit_is_a_zip_bomb(tmp_path):
    book = _copy(tmp_path, "xlsx02")
    with pytest.raises(ZipBombError):
        documents.load(book, max_uncompressed=200_000)


def _repack(book: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                out.writestr(info.filename, data)
    return target


def test_hostile_parts_end_in_messages_that_name_the_office_format(tmp_path):
    book = _copy(tmp_path, "xlsx04")
    dtd = _repack(
        book,
        tmp_path / "dtd.xlsx",
        lambda name, data: (
            data.replace(b"<sst ", b'<!DOCTYPE sst [<!ENTITY x "y">]><sst ', 1)
            if name == "xl/sharedStrings.xml"
            else data
        ),
    )
    with pytest.raises(UnsafeXmlError):
        documents.load(dtd)
    broken = _repack(
        book,
        tmp_path / "broken.xlsx",
        lambda name, data: data[:200] if name == "xl/worksheets/sheet1.xml" else data,
    )
    with pytest.raises(CorruptFileError):
        documents.load(broken)
    # A member flagged as encrypted (a zip password, not Office's): "password-protected Excel".
    raw = bytearray(book.read_bytes())
    raw[6] |= 0x1  # general-purpose flag of the first local header
    central = raw.rfind(b"PK\x01\x02", 0, raw.rfind(b"PK\x05\x06"))
    first = raw.find(b"PK\x01\x02")
    raw[first + 8] |= 0x1
    assert central > 0
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(bytes(raw))
    with pytest.raises(PasswordProtectedError) as refused:
        documents.load(locked)
    assert "Excel" in refused.value.message("en")
