"""Bad input gets its own message (Japanese and English), never a traceback or a changed file."""

from __future__ import annotations

import io
import zipfile

import pytest
from doc_helpers import CORPUS, needs_corpus, sha256

from desk_assistant import cli, documents
from desk_assistant.errors import (
    EXIT_INPUT,
    BlankPdfError,
    CorruptFileError,
    CorruptZipError,
    EmptyFileError,
    FileTooLargeError,
    InputFileError,
    InputNotFoundError,
    NotDocxError,
    OutputExistsError,
    PasswordProtectedError,
    UnsupportedFormatError,
    ZipBombError,
)

BAD01 = "bad01_moj_meigi_shiyo_shinsei_RTF_named_as.doc"
BAD02 = "bad02_moj_gyosei_bunsho_kaiji_seikyusho_legacy.doc"
SMALL_DOCX = "docx13_moj_form_hoyu_kojinjoho_teisei_seikyusho.docx"


def expect(error_type, path, **kwargs):
    before = sha256(path) if path.exists() else None
    with pytest.raises(error_type) as info:
        documents.load(path, **kwargs)
    err = info.value
    assert isinstance(err, InputFileError) and err.exit_code == EXIT_INPUT
    ja, en = err.message("ja"), err.message("en")
    assert str(path) in ja and str(path) in en and ja != en
    if before is not None:
        assert sha256(path) == before
    return err


@needs_corpus
def test_rtf_named_doc_is_not_a_docx(corpus):
    err = expect(NotDocxError, corpus(BAD01))
    assert "RTF" in err.message("en")


@needs_corpus
def test_word97_doc_is_not_a_docx(corpus):
    err = expect(NotDocxError, corpus(BAD02))
    assert "Word 97-2003" in err.message("ja")


@needs_corpus
@pytest.mark.parametrize("name", [BAD01, BAD02])
def test_cli_reports_not_a_docx_without_traceback(corpus, capsys, name):
    path = corpus(name)
    code = cli.main(["--lang", "en", "extract", str(path)])
    captured = capsys.readouterr()
    assert code == EXIT_INPUT
    assert "Not a Word document in .docx format" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    expect(EmptyFileError, path)


def test_missing_file(tmp_path):
    with pytest.raises(InputNotFoundError):
        documents.load(tmp_path / "nothing.docx")


@needs_corpus
def test_too_large_with_a_configurable_limit(corpus):
    path = corpus(SMALL_DOCX)
    expect(FileTooLargeError, path, max_bytes=1000)
    assert documents.load(path, max_bytes=10**6).blocks


@needs_corpus
def test_truncated_docx_is_a_corrupt_zip(corpus):
    path = corpus(SMALL_DOCX)
    path.write_bytes(path.read_bytes()[:5000])
    expect(CorruptZipError, path)


@needs_corpus
def test_damaged_member_is_a_corrupt_zip(corpus, tmp_path):
    path = corpus(SMALL_DOCX)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + 60):  # scramble compressed bytes: CRC or inflate fails
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    expect(CorruptZipError, path)


def test_broken_xml_is_a_corrupt_file(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><unclosed>")
    expect(CorruptFileError, path)


def test_xml_entity_bomb_is_refused(tmp_path):
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    body = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", body)
    expect(CorruptFileError, path)


def test_zip_bomb_is_refused_before_expanding(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))  # 20 MB -> ~20 KB
    assert path.stat().st_size < 100_000
    err = expect(ZipBombError, path, max_uncompressed=10 * 1024 * 1024)
    assert "zip bomb" in err.message("en")


def test_zip_bomb_default_limit(tmp_path):
    # Declared sizes are checked, so a forged header is refused without inflating anything.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<x/>")
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")  # last central directory entry: word/document.xml
    data[central + 24 : central + 28] = (4 * 1024**3 - 1).to_bytes(4, "little")
    path = tmp_path / "forged.docx"
    path.write_bytes(bytes(data))
    expect(ZipBombError, path)


def test_password_protected_docx(tmp_path):
    # Word saves a password-protected .docx as an OLE compound file holding an
    # "EncryptedPackage" stream; this builds the signature parts of one.
    path = tmp_path / "secret.docx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    names = "".join(n.ljust(32, "\0") for n in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    path.write_bytes(header + names.encode("utf-16-le") + b"\0" * 1024)
    err = expect(PasswordProtectedError, path)
    assert "password" in err.message("en")


def test_excel_package_is_not_a_docx(tmp_path):
    # Issue 18: Excel is read now (content decides); a broken book says it is Excel's.
    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/styles.xml", "<styleSheet/>")
    assert "Excel" in expect(CorruptFileError, path).message("en")


def test_html_renamed_docx_is_not_a_docx(tmp_path):
    path = tmp_path / "page.docx"
    path.write_text("<!DOCTYPE html><html><body>x</body></html>")
    assert "HTML" in expect(NotDocxError, path).message("en")


def test_unknown_binary_is_unsupported(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    expect(UnsupportedFormatError, path)


def _blank_pdf(password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if password:
        writer.encrypt(password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_blank_pdf(password="secret"))
    err = expect(PasswordProtectedError, path)
    assert "PDF" in err.message("en")


def test_pdf_without_any_text_is_reported(tmp_path):
    path = tmp_path / "blank.pdf"
    path.write_bytes(_blank_pdf())
    # Issue 23: a page without text and without any image is blank, not "scanned: run OCR".
    err = expect(BlankPdfError, path)
    assert "OCR" not in err.message("en")


def test_truncated_pdf_is_corrupt_or_reported(tmp_path):
    source = CORPUS / "pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf"
    if not source.exists():
        pytest.skip("corpus not available")
    path = tmp_path / "cut.pdf"
    path.write_bytes(source.read_bytes()[:3000])
    with pytest.raises(InputFileError):
        documents.load(path)


@needs_corpus
def test_output_never_overwrites(corpus, tmp_path):
    source = corpus(SMALL_DOCX)
    before = sha256(source)
    doc = documents.load(source)
    existing = tmp_path / "exists.docx"
    existing.write_bytes(b"keep me")
    with pytest.raises(OutputExistsError):
        doc.save_as(existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(OutputExistsError):
        doc.save_as(source, overwrite=True)  # the input, never
    assert sha256(source) == before
    doc.save_as(existing, overwrite=True)
    assert zipfile.is_zipfile(existing)
    assert not [p for p in tmp_path.rglob(".*.tmp")], "no temp files left behind"
