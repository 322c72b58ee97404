"""One message per problem: what is wrong with THIS file, in the user's language,
once, with the path once, and no library text (that is for `--verbose`).

Each case of issue 23 is built here (no shared data needed) and checked in
Japanese and English through the real CLI.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

import pdf_builder
import pytest

from desk_assistant import cli, documents, errors
from desk_assistant.documents.sniff import OLE_MAGIC

# Words that only a library says; none may reach a user's message without --verbose.
LIBRARY_TEXT = re.compile(
    r"Bad CRC|CRC-32|Stream has ended|ZipInfo|zlib|Error -\d|pypdf|PdfReadError|Traceback|"
    r"Errno|BadZipFile|XMLSyntaxError|NotImplementedError|RuntimeError|filename=|compress_type|"
    r"not implemented|\bunknown\b|EOF marker|startxref|endstream",
    re.IGNORECASE,
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _key_notice(line: str) -> bool:
    """The key-file notice (no keyring on this machine): not about the file."""
    from desk_assistant.security.keys import fallback_key_path

    return str(fallback_key_path("x").parent) in line


def _docx_bytes(members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOC_XML = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>本文です。</w:t></w:r></w:p></w:body></w:document>"
).encode()
MINIMAL = {"[Content_Types].xml": b"<Types/>", "word/document.xml": DOC_XML}


def bad_crc(path):
    data = bytearray(_docx_bytes(MINIMAL))
    at = data.find("本文".encode())
    data[at] ^= 0x01  # stored member: the bytes read fine, the CRC does not match
    path.write_bytes(bytes(data))


def encrypted_member(path):
    data = bytearray(_docx_bytes(MINIMAL))
    # Set the "encrypted" flag bit on every local and central header.
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := data.find(sig, start)) >= 0:
            data[at + flag_at] |= 0x01
            start = at + 4
    path.write_bytes(bytes(data))


def many_entries(path):
    members = dict(MINIMAL)
    members.update({f"word/media/x{i}.bin": b"" for i in range(9_999)})  # 10,001 in all
    path.write_bytes(_docx_bytes(members))


def one_byte_over(path):
    with open(path, "wb") as handle:  # sparse: costs nothing on disk
        handle.truncate(documents.DEFAULT_MAX_BYTES + 1)
    with open(path, "r+b") as handle:
        handle.write(b"%PDF-1.4\n")


def fifo(path):
    os.mkfifo(path)


def link_to_dev_zero(path):
    os.symlink("/dev/zero", path)


def ole_encrypted(path):
    path.write_bytes(OLE_MAGIC + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)


def writer(data: bytes):
    return lambda path: path.write_bytes(data)


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
HTML = b"<!DOCTYPE html><html><body>hello</body></html>"
RTF = b"{\\rtf1\\ansi hello}"

# name, file name, maker, error class, a Japanese fragment, an English fragment
CASES = [
    (
        "bad_crc",
        "a.docx",
        bad_crc,
        errors.ZipChecksumError,
        "word/document.xml",
        "word/document.xml",
    ),
    (
        "encrypted_member",
        "a.docx",
        encrypted_member,
        errors.PasswordProtectedError,
        "パスワード",
        "password-protected Word document",
    ),
    (
        "ole_encrypted",
        "a.docx",
        ole_encrypted,
        errors.PasswordProtectedError,
        "Word 文書",
        "password-protected Word document",
    ),
    (
        "many_entries",
        "a.docx",
        many_entries,
        errors.TooManyZipEntriesError,
        "10,001 個",
        "10,001 parts",
    ),
    (
        "one_byte_over",
        "a.pdf",
        one_byte_over,
        errors.FileTooLargeError,
        "104,857,601 B",
        "104,857,601 B",
    ),
    ("fifo", "pipe.pdf", fifo, errors.NotRegularFileError, "名前付きパイプ", "named pipe"),
    ("dev_zero", "zero.pdf", link_to_dev_zero, errors.NotRegularFileError, "デバイス", "device"),
    ("png_as_pdf", "a.pdf", writer(PNG), errors.NotPdfError, "PNG 画像", "PNG image"),
    ("html_as_pdf", "a.pdf", writer(HTML), errors.NotPdfError, "HTML", "HTML"),
    ("zip_as_pdf", "a.pdf", writer(_docx_bytes(MINIMAL)), errors.NotPdfError, "ZIP", "ZIP"),
    ("rtf_as_pdf", "a.pdf", writer(RTF), errors.NotPdfError, "RTF", "RTF"),
    (
        "binary_as_docx",
        "a.docx",
        writer(bytes(range(256)) * 4),
        errors.NotDocxError,
        "判別できない形式",
        "unrecognized format",
    ),
    (
        "pdf_unknown_filter",
        "a.pdf",
        writer(pdf_builder.unknown_filter_pdf()),
        errors.DamagedPdfError,
        "展開できません",
        "cannot be unpacked",
    ),
    (
        "pdf_truncated_stream",
        "a.pdf",
        writer(pdf_builder.truncated_flate_pdf()),
        errors.DamagedPdfError,
        "壊れて",
        "damaged",
    ),
    (
        "pdf_corrupt_stream",
        "a.pdf",
        writer(pdf_builder.corrupt_flate_pdf()),
        errors.DamagedPdfError,
        "壊れて",
        "damaged",
    ),
    (
        "pdf_empty_page_tree",
        "a.pdf",
        writer(pdf_builder.empty_page_tree_pdf()),
        errors.DamagedPdfError,
        "ページがありません",
        "no pages",
    ),
    (
        "pdf_page_tree_loop",
        "a.pdf",
        writer(pdf_builder.page_tree_loop_pdf()),
        errors.DamagedPdfError,
        "壊れて",
        "damaged",
    ),
    (
        "pdf_text_without_font",
        "a.pdf",
        writer(pdf_builder.text_without_font_pdf()),
        errors.DamagedPdfError,
        "文字に変換できません",
        "cannot be turned into characters",
    ),
    (
        "pdf_contents_not_a_stream",
        "a.pdf",
        writer(pdf_builder.contents_not_a_stream_pdf()),
        errors.DamagedPdfError,
        "展開できません",
        "cannot be unpacked",
    ),
    ("pdf_blank", "a.pdf", writer(pdf_builder.blank_pdf()), errors.BlankPdfError, "白紙", "blank"),
    (
        "pdf_scanned",
        "a.pdf",
        writer(pdf_builder.scanned_pdf()),
        errors.ScannedPdfError,
        "OCR",
        "OCR",
    ),
]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(
    ("name", "filename", "make", "error", "ja", "en"), CASES, ids=[c[0] for c in CASES]
)
def test_each_problem_has_its_own_message(
    tmp_path, capsys, lang, name, filename, make, error, ja, en
):
    path = tmp_path / filename
    make(path)
    with pytest.raises(error) as info:
        documents.load(path)
    assert type(info.value) is error
    code = cli.main(["--lang", lang, "extract", str(path)])
    captured = capsys.readouterr()
    assert code == info.value.exit_code == errors.EXIT_INPUT
    lines = [line for line in captured.err.splitlines() if line.strip() and not _key_notice(line)]
    assert len(lines) == 1, captured.err  # said once
    line = lines[0]
    assert line.count(str(path)) == 1  # the path once
    assert (ja if lang == "ja" else en) in line
    assert not LIBRARY_TEXT.search(line.replace(str(path), "")), line
    if lang == "en":
        assert not JAPANESE.search(line.replace(str(path), "")), line
    else:
        assert JAPANESE.search(line)
    if error is not errors.ScannedPdfError:
        assert "OCR" not in line and "スキャン" not in line


def test_library_text_only_with_verbose(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(errors, "show_detail", False)  # restored after the test
    path = tmp_path / "a.docx"
    path.write_bytes(
        _docx_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><x>"})
    )
    cli.main(["--lang", "en", "extract", str(path)])
    plain = [line for line in capsys.readouterr().err.splitlines() if not _key_notice(line)]
    assert plain == [
        f"The file is damaged and cannot be read: {path} (the XML of word/document.xml is broken)"
    ]
    cli.main(["--lang", "en", "--verbose", "extract", str(path)])
    assert "line 1" in capsys.readouterr().err  # lxml's own words, on request
    cli.main(["--lang", "en", "extract", "--verbose", str(path)])
    assert "line 1" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_error_message_carries_library_text(tmp_path, lang):
    """Every case above, as the message a GUI would show (err.message())."""
    errors.show_detail = False
    for name, filename, make, _error, _ja, _en in CASES:
        path = tmp_path / name / filename
        path.parent.mkdir()
        make(path)
        with pytest.raises(errors.DeskError) as info:
            documents.load(path)
        text = info.value.message(lang).replace(str(path), "")
        assert not LIBRARY_TEXT.search(text), (name, text)
        assert "{" not in text and "}" not in text, (name, text)
        if lang == "en":
            assert not JAPANESE.search(text), (name, text)


def test_damaged_page_beside_good_ones_is_damage_not_garbled_font(tmp_path, english):
    path = tmp_path / "mixed.pdf"
    path.write_bytes(pdf_builder.good_and_broken_pages_pdf())
    document = documents.load(path)
    assert "quick brown fox" in document.plain_text()
    assert document.unreadable_pages == [2] and document.garbled_pages == []
    (warning,) = document.warnings
    assert "damaged" in warning and "garbled" not in warning


def test_wrong_length_is_read_or_called_damaged_never_scanned(tmp_path):
    path = tmp_path / "len.pdf"
    path.write_bytes(pdf_builder.wrong_length_pdf())
    try:
        document = documents.load(path)
    except errors.DeskError as err:
        assert not isinstance(err, errors.ScannedPdfError)
    else:
        assert "quick brown fox" in document.plain_text()


def test_garbage_tounicode_gives_a_warning(tmp_path, capsys):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(pdf_builder.garbage_tounicode_pdf())
    document = documents.load(path)
    assert document.garbled_pages == [1]
    assert cli.main(["--lang", "en", "extract", str(path)]) == errors.EXIT_OK
    assert "note: Some pages look garbled (1)" in capsys.readouterr().out
    # The clean text PDF gets no such warning: the detector can tell them apart.
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(pdf_builder.text_pdf())
    assert documents.load(clean).warnings == []


@pytest.mark.parametrize("command", ["extract", "proofread"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_empty_folder_is_the_same_usage_error_everywhere(tmp_path, capsys, command, lang):
    folder = tmp_path / "empty"
    folder.mkdir()
    extra = ["--no-llm"] if command == "proofread" else []
    code = cli.main(["--lang", lang, command, *extra, str(folder)])
    err = capsys.readouterr().err
    assert code == errors.EXIT_USAGE
    assert str(folder) in err
    assert ("フォルダに対象のファイル" if lang == "ja" else "The folder has no files") in err


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_fifo_given_directly_is_not_called_missing(tmp_path, capsys, lang):
    path = tmp_path / "pipe.docx"
    os.mkfifo(path)
    code = cli.main(["--lang", lang, "proofread", "--no-llm", str(path)])
    err = capsys.readouterr().err
    assert code == errors.EXIT_INPUT
    assert "見つかりません" not in err and "not found" not in err
    assert ("名前付きパイプ" if lang == "ja" else "named pipe") in err


def test_argparse_errors_are_in_japanese(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["extract"])
    err = capsys.readouterr().err
    assert info.value.code == errors.EXIT_USAGE
    assert "次の引数が必要です: IN" in err and "使い方:" in err
    assert "the following" not in err and "usage:" not in err
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "extract"])
    err = capsys.readouterr().err
    assert "the following arguments are required: IN" in err
    with pytest.raises(SystemExit):
        cli.main(["--lang", "ja", "extract", "--format", "xml", "a.docx"])
    err = capsys.readouterr().err
    assert "'xml' は選べません" in err and "invalid choice" not in err


def test_sizes_in_a_message_never_look_equal(tmp_path):
    from desk_assistant.documents.sniff import size_and_limit

    assert size_and_limit(100 * 1024 * 1024 + 1, 100 * 1024 * 1024) == (
        "104,857,601 B",
        "104,857,600 B",
    )
    assert size_and_limit(200 * 1024 * 1024, 100 * 1024 * 1024) == ("200.0 MB", "100.0 MB")


def test_the_hostile_file_sample_gets_no_misleading_message(tmp_path):
    """Issue 22's fuzz cases (the CI sample; bench/classify_fuzz.py runs all of them):
    no 'scanned' advice without a page image, no library text, English stays English."""
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    corpus = repo.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("shared corpus not available")
    sys.path[:0] = [str(repo / "bench"), str(repo / "tests" / "fuzz")]
    try:
        import classify_fuzz
        import fuzz_cases
    finally:
        del sys.path[:2]
    cases = fuzz_cases.sample(fuzz_cases.all_cases(corpus), 3)
    rows = [classify_fuzz.classify(case, tmp_path, 60) for case in cases]
    assert len(rows) >= 60
    assert [r for r in rows if r.get("problems")] == []
    assert any(r["outcome"] == "DamagedPdfError" for r in rows)
