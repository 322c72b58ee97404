"""Each hostile-file failure the fuzz harness found ends in its own translatable error
(exit 3) or a correct result with a warning; the inputs come from the fuzz generators."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))

import fuzz_cases as fc  # noqa: E402

from desk_assistant import documents  # noqa: E402
from desk_assistant.documents import limits  # noqa: E402
from desk_assistant.errors import (  # noqa: E402
    EXIT_INPUT,
    DocumentTooComplexError,
    DocumentTooLongError,
    InputFileError,
    InvalidOutputError,
    PasswordProtectedError,
    PdfEncryptionUnsupportedError,
    UnsafeXmlError,
    UnsupportedCompressionError,
    ZipChecksumError,
)

SIMPLE = fc.minimal_docx(fc.body(fc.para("申請書を提出します。")))


def write(tmp_path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def expect(error_type, path):
    before = path.read_bytes()
    with pytest.raises(error_type) as info:
        documents.load(path)
    err = info.value
    assert isinstance(err, InputFileError) and err.exit_code == EXIT_INPUT
    assert err.message("ja") != err.message("en") and str(path) in err.message("en")
    assert path.read_bytes() == before
    return err


@pytest.mark.parametrize("method, name", [(14, "LZMA"), (12, "bzip2"), (99, "AES")])
def test_compression_methods_word_never_writes(tmp_path, method, name):
    path = write(tmp_path, "m.docx", fc.patch_member(SIMPLE, "word/document.xml", method=method))
    assert name in expect(UnsupportedCompressionError, path).message("en")


def test_real_lzma_member(tmp_path):
    buffer = fc.io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in fc.read_zip(SIMPLE):
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_LZMA)
    expect(UnsupportedCompressionError, write(tmp_path, "lzma.docx", buffer.getvalue()))


def test_bad_crc(tmp_path):
    path = write(tmp_path, "crc.docx", fc.patch_member(SIMPLE, "word/document.xml", crc=1))
    assert "word/document.xml" in expect(ZipChecksumError, path).message("ja")


def test_encrypted_member(tmp_path):
    path = write(tmp_path, "enc.docx", fc.patch_member(SIMPLE, "word/document.xml", flags=1))
    expect(PasswordProtectedError, path)


def test_size_is_counted_while_decompressing(tmp_path, monkeypatch):
    """An XML part over its budget is stopped while it is being decompressed."""
    monkeypatch.setattr(limits, "MAX_XML_PART", 64 * 1024)
    doc = fc.body(fc.para("本文" * 50_000))
    path = write(tmp_path, "big.docx", fc.minimal_docx(doc))
    expect(DocumentTooComplexError, path)


def test_element_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ELEMENTS", 1000)
    path = write(tmp_path, "many.docx", fc.minimal_docx(fc.body("<w:p/>" * 5000)))
    expect(DocumentTooComplexError, path)


@pytest.mark.parametrize("kind", sorted(fc.XXE_PROLOGS))
def test_dtd_in_document_is_refused(tmp_path, kind):
    doc = fc.body(fc.para("本文"), fc.XXE_PROLOGS[kind])
    err = expect(UnsafeXmlError, write(tmp_path, f"{kind}.docx", fc.minimal_docx(doc)))
    assert "word/document.xml" in err.message("en")


def test_dtd_in_relationships_is_refused(tmp_path):
    prolog = fc.XXE_PROLOGS["file"].replace("w:document", "Relationships")
    rels = (
        f'<?xml version="1.0"?>{prolog}<Relationships xmlns="{fc.PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{fc.OFFICE_DOC}" Target="word/document.xml"/>'
        "</Relationships>"
    ).encode()
    path = write(tmp_path, "rels.docx", fc.replace_parts(SIMPLE, {"_rels/.rels": rels}))
    expect(UnsafeXmlError, path)


@pytest.mark.parametrize("code", ["110000", "FFFFFFFFFFFFFFFFFFFF", "D800", "DFFF", "-1", "zz"])
def test_invalid_symbol_codes_become_replacement_chars(tmp_path, english, code):
    p = f'<w:p><w:r><w:t>記号</w:t></w:r><w:r><w:sym w:char="{code}"/></w:r></w:p>'
    document = documents.load(write(tmp_path, "sym.docx", fc.minimal_docx(fc.body(p))))
    assert document.blocks[0].text == "記号\ufffd"
    assert any("invalid character" in w for w in document.warnings)
    json.dumps(document.to_dict(), ensure_ascii=False).encode("utf-8")  # encodable


def test_valid_symbol_is_kept(tmp_path):
    p = '<w:p><w:r><w:sym w:font="Wingdings" w:char="F041"/></w:r></w:p>'
    document = documents.load(write(tmp_path, "sym.docx", fc.minimal_docx(fc.body(p))))
    assert document.blocks[0].text == "A" and not document.warnings


def test_pdf_unknown_encryption_handler(tmp_path):
    data = fc.text_pdf(
        extra={9: b"<< /Filter /Standard /V 9 /R 9 /O <00> /U <00> /P -4 >>"},
        trailer=b"/Encrypt 9 0 R /ID [<00> <00>]",
    )
    expect(PdfEncryptionUnsupportedError, write(tmp_path, "enc.pdf", data))


def test_pdf_surrogates_from_tounicode_are_replaced(tmp_path, english):
    data = fc.type0_pdf(fc.cmap(b"2 beginbfchar <0001> <D800> <0002> <6587> endbfchar"))
    document = documents.load(write(tmp_path, "s.pdf", data))
    assert "\ufffd" in document.plain_text() and "文" in document.plain_text()
    assert any("invalid character" in w for w in document.warnings)


def test_pdf_page_over_the_work_budget_is_reported(tmp_path, english, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PAGE_OPERATIONS", 100)
    unit = b"BT /F1 12 Tf 72 720 Td (abc) Tj ET\n"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: fc.stream(unit * 200),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>",
        7: fc.stream(b"BT /F1 12 Tf 72 720 Td (The second page reads fine.) Tj ET"),
    }
    document = documents.load(write(tmp_path, "ops.pdf", fc.build_pdf(objects)))
    assert document.unreadable_pages == [1]
    assert "second page" in document.plain_text()
    assert any("(1)" in w for w in document.warnings)


def test_pdf_document_over_the_work_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_OPERATIONS", 50)
    data = fc.text_pdf(b"BT /F1 12 Tf 72 720 Td (abc) Tj ET\n" * 100)
    expect(DocumentTooLongError, write(tmp_path, "ops.pdf", data))


def test_proofread_document_budget(tmp_path, monkeypatch):
    from desk_assistant.tasks.proofread import pipeline

    monkeypatch.setattr(pipeline, "MAX_CHARS", 100)
    document = documents.load(
        write(tmp_path, "long.docx", fc.minimal_docx(fc.body(fc.para("あ" * 200))))
    )
    with pytest.raises(DocumentTooLongError) as info:
        pipeline.proofread_document(document)
    assert info.value.exit_code == EXIT_INPUT


def test_annotate_budget_skips_marks_it_cannot_afford(tmp_path, monkeypatch):
    from desk_assistant.documents import annotate

    monkeypatch.setattr(annotate, "MAX_MARKS_PER_PARAGRAPH", 2)
    document = documents.load(write(tmp_path, "a.docx", SIMPLE))
    marks = [annotate.Mark("body/p1", k, k + 1, comment=f"c{k}") for k in range(4)]
    report = annotate.annotate_docx(document, tmp_path / "out.docx", marks)
    assert report.comments == 2
    assert [reason for _, reason in report.skipped] == [annotate.SKIP_BUDGET] * 2


def test_output_is_validated_before_it_replaces_anything(tmp_path):
    """A damaged part copied from the source would make an invalid file: refused, nothing left."""
    data = fc.replace_parts(SIMPLE, {"docProps/core.xml": b"<cp:coreProperties><broken"})
    document = documents.load(write(tmp_path, "in.docx", data))
    out = tmp_path / "out" / "OUT.docx"
    with pytest.raises(InvalidOutputError) as info:
        document.save_as(out)
    assert "docProps/core.xml" in info.value.message("en")
    assert list(out.parent.iterdir()) == []


def test_json_output_with_a_file_name_that_is_not_utf8(capsys):
    from desk_assistant.commands.common import emit_json

    emit_json({"path": "caf\udce9.docx", "text": "a\ud800b"})
    out = capsys.readouterr().out
    out.encode("utf-8")
    assert json.loads(out) == {"path": "caf\\xe9.docx", "text": "a\ufffdb"}


def test_output_with_relationships_that_point_nowhere_is_refused(tmp_path):
    """Reading stays lenient (the text is there); the copy would not open, so it is refused."""
    rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{fc.PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{fc.OFFICE_DOC}" Target="word/missing.xml"/>'
        "</Relationships>"
    ).encode()
    document = documents.load(
        write(tmp_path, "in.docx", fc.replace_parts(SIMPLE, {"_rels/.rels": rels}))
    )
    assert document.blocks[0].text == "申請書を提出します。"
    with pytest.raises(InvalidOutputError):
        document.save_as(tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_media_parts_are_streamed_from_the_source(tmp_path):
    image = bytes(range(256)) * 4096
    data = fc.replace_parts(SIMPLE, {"word/media/image1.png": image})
    path = write(tmp_path, "img.docx", data)
    document = documents.load(path)
    document.save_as(tmp_path / "out.docx")
    with zipfile.ZipFile(tmp_path / "out.docx") as archive:
        assert archive.read("word/media/image1.png") == image


def test_source_changed_before_writing(tmp_path):
    from desk_assistant.errors import SourceChangedError

    data = fc.replace_parts(SIMPLE, {"word/media/image1.png": b"\x89PNG" + bytes(100)})
    path = write(tmp_path, "img.docx", data)
    document = documents.load(path)
    path.write_bytes(data + b"\0")  # edited in Word meanwhile
    with pytest.raises(SourceChangedError):
        document.save_as(tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_many_formatting_runs_in_one_paragraph_read_in_linear_time(tmp_path):
    runs = "<w:r><w:rPr><w:b/></w:rPr><w:t>あい</w:t></w:r><w:r><w:t>うえ</w:t></w:r>" * 5000
    document = documents.load(
        write(tmp_path, "runs.docx", fc.minimal_docx(fc.body(f"<w:p>{runs}</w:p>")))
    )
    assert document.blocks[0].text == "あいうえ" * 5000
    assert document.blocks[0].tagged.endswith("<g10000>うえ</g10000>")


def test_paragraph_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PARAGRAPHS", 100)
    path = write(tmp_path, "many.docx", fc.minimal_docx(fc.body(fc.para("段落") * 101)))
    expect(DocumentTooComplexError, path)


@pytest.mark.parametrize("target", ["../_rels/.rels", "media/x.bin", "document.xml#frag"])
def test_output_relationship_to_a_part_no_reader_accepts(tmp_path, target):
    """A relationship to a .rels part, to a part without a content type, or with a fragment."""
    doc = fc.body(fc.para("本文"))
    rels = (  # a relationship the reader does not follow: only the output check sees it
        f'<?xml version="1.0"?><Relationships xmlns="{fc.PKG_REL_NS}">'
        f'<Relationship Id="rId7" Type="{fc.R_NS}/image" Target="{target}"/></Relationships>'
    ).encode()
    data = fc.minimal_docx(doc, {"word/_rels/document.xml.rels": rels, "word/media/x.bin": b"\0"})
    document = documents.load(write(tmp_path, "in.docx", data))
    with pytest.raises(InvalidOutputError):
        document.save_as(tmp_path / "out.docx")


def test_proofreading_many_findings_on_one_line_stays_linear():
    """100,000 findings on one 200,000-character line took minutes (a line scan per finding)."""
    import time

    from desk_assistant.tasks.proofread import check_text

    started = time.process_time()
    small = check_text("行う" * 2_000)
    small_s = time.process_time() - started
    started = time.process_time()
    big = check_text("行う" * 20_000)
    big_s = time.process_time() - started
    assert len(big) >= 10 * len(small) > 0
    assert big_s < 30 * max(small_s, 0.05)  # linear would be ~10x; quadratic was ~100x


def test_pdf_whose_only_page_is_over_the_budget(tmp_path, monkeypatch):
    from desk_assistant.errors import PdfLimitError

    monkeypatch.setattr(limits, "MAX_PAGE_CONTENT", 1000)
    data = fc.text_pdf(b"BT /F1 12 Tf 72 720 Td (abc) Tj ET\n" * 100)
    err = expect(PdfLimitError, write(tmp_path, "big.pdf", data))
    assert "too large" in err.message("en")
