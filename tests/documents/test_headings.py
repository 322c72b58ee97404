"""Heading levels come from Word's markup (styles, outline levels), not from text shape."""

from docx import Document as WordDocument

from desk_assistant import documents


def test_heading_styles_and_outline_levels(tmp_path):
    path = tmp_path / "h.docx"
    word = WordDocument()
    word.add_heading("はじめに", level=1)  # no 第1/(1) shape: only the style says heading
    word.add_paragraph("本文です。")
    word.add_heading("背景", level=2)
    word.add_paragraph("本文です。")
    word.save(path)
    blocks = documents.load(path).blocks
    levels = {b.text: b.heading_level for b in blocks}
    assert levels == {"はじめに": 1, "本文です。": None, "背景": 2}
    assert documents.load(path).blocks[0].to_dict()["heading_level"] == 1


def test_corpus_headings(corpus_copy):
    blocks = documents.load(corpus_copy("docx08_cio_dp2020_01_ai_data_use.docx")).blocks
    top = [b.text.strip() for b in blocks if b.heading_level == 1]
    assert "はじめに" in top
    assert all(b.heading_level is None for b in blocks if b.kind != "body")
