"""proofread_document over every part of a real document, and the must-show sentences."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desk_assistant import documents
from desk_assistant.errors import Cancelled
from desk_assistant.llm.engine import CancelToken
from desk_assistant.tasks.proofread import (
    proofread_document,
    write_commented_docx,
    write_tracked_docx,
)
from desk_assistant.tasks.proofread.inputs import PlainText

from . import wordxml


def _plain(text: str):
    return proofread_document(PlainText(Path("a.txt"), text)).findings


def test_must_show_sentences():
    assert _plain("国及び地方公共団体は、必要な措置を講ずるものとする。") == []
    assert [f.rule for f in _plain("更に検討する。")] == []
    [f] = _plain("予算が不足している。従って、")
    assert (f.rule, f.surface, f.suggestion, f.location) == (
        "conjunction-kana",
        "従って",
        "したがって",
        None,
    )


def test_every_part_is_checked_with_block_locations(corpus_copy, tmp_path):
    """docx10 has findings in its header, footnotes, tables and body."""
    source = corpus_copy("docx10_cio_dp2021_02_it_asset_mgmt.docx")
    doc = documents.load(source)
    progress = []
    result = proofread_document(doc, on_progress=lambda d, t: progress.append((d, t)))
    assert progress == [(1, 1)] and not result.llm_used
    # Consistency findings stand at their first place and list the others (issue 13).
    places = [(f, loc, a, b) for f in result.findings for loc, a, b in f.places]
    kinds = {doc.block(f.location).kind for f in result.findings}
    kinds |= {doc.block(loc).kind for _f, loc, _a, _b in places}
    assert {"body", "table_cell", "header", "footnote"} <= kinds
    for f in result.findings:  # offsets index the block's own text
        assert doc.block(f.location).text[f.start : f.end] == f.surface
    for f, loc, a, b in places:  # every place is a real span of its own block
        assert 0 <= a < b <= len(doc.block(loc).text), (f.rule, loc)
    [(grouped, loc, a, b)] = [p for p in places if p[1].startswith("header/")]
    assert loc == "header/sec1/default/p2" and grouped.rule == "width-mixed"
    text = doc.block(loc).text
    header = replace(grouped, location=loc, start=a, end=b, surface=text[a:b], places=())
    # Word has no comments in headers: reported, not forced. A tracked change is fine.
    commented = write_commented_docx(doc, [*result.findings, header], tmp_path / "c.docx")
    assert [(f.location, why) for f, why in commented.not_placed] == [
        (header.location, "no-comments-here")
    ]
    tracked = write_tracked_docx(doc, [header], tmp_path / "t.docx")
    assert tracked.changes == 1
    parts = wordxml.parts(tmp_path / "t.docx")
    assert any(b"<w:ins " in data for name, data in parts.items() if "header" in name)


def test_pdf_blocks_carry_page_locations(corpus_copy):
    doc = documents.load(corpus_copy("pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf"))
    findings = proofread_document(doc).findings
    assert findings and all(f.location.startswith("pdf/page1/") for f in findings)
    for f in findings:
        assert doc.block(f.location).text[f.start : f.end] == f.surface


def test_empty_document_and_cancel_before_start():
    assert proofread_document(PlainText(Path("e.txt"), "  \n")).findings == []
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        proofread_document(PlainText(Path("a.txt"), "テスト。"), cancel=token)
