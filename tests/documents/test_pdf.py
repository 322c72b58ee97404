"""PDF reading on the real corpus: text or a specific error for every file, and the traps."""

from __future__ import annotations

import re

import docx
import pytest
from doc_helpers import CORPUS, corpus_files, loaded_corpus_document, needs_corpus, sha256

from desk_assistant.documents.pdf import join_lines
from desk_assistant.documents.textnorm import normalize_cjk
from desk_assistant.errors import DeskError

pytestmark = needs_corpus
PDFS = corpus_files("pdf*.pdf")
KANGXI = re.compile("[\u2f00-\u2fdf]")


@pytest.fixture(scope="module")
def loaded():
    """Each PDF loaded once per run (from a copy): name -> Document or the error it raised."""
    return loaded_corpus_document


@pytest.mark.parametrize("name", PDFS)
def test_every_pdf_gives_text_or_a_specific_error(loaded, name):
    result = loaded(name)
    if isinstance(result, DeskError):
        assert type(result) is not DeskError and result.message("en")
        return
    assert len(result.plain_text()) > 300
    locations = [b.location for b in result.blocks]
    assert len(locations) == len(set(locations))
    # Paragraphs, and since PDF tables are read (issue 18) table cells.
    assert all(re.fullmatch(r"pdf/page\d+/(p\d+|table\d+/r\d+c\d+)", loc) for loc in locations)
    assert all(
        b.kind == ("table_cell" if "/table" in b.location else "pdf_page") and b.text.strip()
        for b in result.blocks
    )
    assert not KANGXI.search(result.plain_text()), "look-alike radicals must be normalised"


def test_pdf01_aes_with_empty_password_opens(loaded):
    doc = loaded("pdf01_bunka_koyobun_sakusei_no_kangaekata_2022.pdf")
    assert not isinstance(doc, DeskError)
    assert doc.pages == 63
    assert "公用文" in doc.plain_text()


def test_pdf02_kangxi_radicals_are_normalised(loaded):
    raw = CORPUS / "pdf02_kunrei_koyobun_kanji_shiyo_2010.pdf"
    import pypdf

    first_page = pypdf.PdfReader(raw).pages[0].extract_text()
    assert KANGXI.search(first_page), "the trap is in the source"
    doc = loaded(raw.name)
    text = doc.plain_text()
    assert not KANGXI.search(text)
    assert "内閣総理大臣" in text and "各行政機関" in text


def test_pdf05_scanned_pages_are_flagged_as_ocr(loaded):
    doc = loaded("pdf05_BAD_scanned_ocr_gendai_kanazukai_1986.pdf")
    assert len(doc.ocr_pages) >= 10  # page 2 is real text, the others are scans with OCR
    assert any(b.ocr for b in doc.blocks)
    assert all(b.ocr == (b.page in doc.ocr_pages) for b in doc.blocks)
    assert any("OCR" in w for w in doc.warnings)
    assert doc.to_dict()["ocr_pages"] == doc.ocr_pages


def test_text_pdfs_are_not_flagged_as_ocr(loaded):
    for name in (
        "pdf03_naikaku_kokuji_joyo_kanji_hyo_2010.pdf",
        "pdf14_cio_dp2020_01_ai_data_use.pdf",
    ):
        doc = loaded(name)
        assert doc.ocr_pages == [] and not any(b.ocr for b in doc.blocks), name


def test_pdf04_shift_jis_fonts_are_decoded(loaded):
    doc = loaded("pdf04_BAD_kokuji_gairaigo_no_hyoki_1991.pdf")
    text = doc.plain_text()
    assert "外来語の表記" in text and "内閣総理大臣" in text
    assert doc.garbled_pages == []


def test_page_numbers_and_running_headers_are_removed(loaded):
    doc = loaded("pdf06_moj_hoseishingikai_shoho_bukai_dai3kai_gijiroku.pdf")
    assert not any(re.fullmatch(r"-\s*\d+\s*-", b.text) for b in doc.blocks)
    doc = loaded("pdf14_cio_dp2020_01_ai_data_use.pdf")
    header = [
        b for b in doc.blocks if b.text.startswith("政府 CIO 補佐官等ディスカッションペーパー")
    ]
    assert len(header) <= 1, "the running header stays at most once (title page)"


def test_lines_of_a_paragraph_are_joined_without_spaces(loaded):
    doc = loaded("pdf06_moj_hoseishingikai_shoho_bukai_dai3kai_gijiroku.pdf")
    text = doc.plain_text()
    # In the PDF this sentence breaks after "おそろいのよ".
    assert "もう皆さんおそろいのようですので、" in text


def test_letter_spaced_table_text_is_closed_up(loaded):
    doc = loaded("pdf12_moj_bukai_iin_meibo_1page.pdf")
    assert "東京大学大学院法学政治学研究科教授" in doc.plain_text()


def test_join_lines_rules():
    full = "あ" * 30
    lines = [
        full,
        "続きの行です。",
        "",
        "第１条 条文",
        "（１）号",
        "English words at the end of a line are",
        "joined with a space.",
    ]
    paragraphs = join_lines(lines)
    assert paragraphs[0] == full + "続きの行です。"
    assert "第１条 条文" in paragraphs and "（１）号" in paragraphs
    assert normalize_cjk("\u2f8f\u2f64\uf9dc") == "行用隆"


def test_pdf_translation_is_written_as_docx(tmp_path, loaded):
    source = CORPUS / "pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf"
    before = sha256(source)
    doc = loaded(source.name)
    first = doc.blocks[0]
    out = tmp_path / "translated.docx"
    warnings = doc.save_as(out, {first.location: "Rules of Proceedings of the Legislative Council"})
    assert warnings == []
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[0] == "Rules of Proceedings of the Legislative Council"
    assert paragraphs[1:] == [b.text for b in doc.blocks[1:]]
    assert sha256(source) == before


def test_pdf_pages_start_new_pages_in_the_docx(tmp_path, loaded):
    doc = loaded("pdf02_kunrei_koyobun_kanji_shiyo_2010.pdf")
    out = tmp_path / "kunrei.docx"
    doc.save_as(out)
    body = docx.Document(str(out)).element.body
    page_breaks = body.findall(
        ".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}br"
    )
    assert len(page_breaks) == len({b.page for b in doc.blocks}) - 1
