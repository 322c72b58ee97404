"""Word output: comments on the exact spans, tracked changes that accept to the fixes
and reject to the original, the input never touched, nothing overwritten."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from desk_assistant import documents
from desk_assistant.documents.annotate import Mark, annotate_docx
from desk_assistant.errors import OutputExistsError, WordOutputNeedsDocxError
from desk_assistant.tasks.proofread import (
    proofread_document,
    write_commented_docx,
    write_tracked_docx,
)
from desk_assistant.tasks.proofread.word import trackable

from . import wordxml

RICH = "docx08_cio_dp2020_01_ai_data_use.docx"  # body, tables, text boxes, headers, footnotes


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def rich(corpus_copy):
    path = corpus_copy(RICH)
    doc = documents.load(path)
    return path, doc, proofread_document(doc).findings


def test_comments_sit_on_the_finding_spans(rich, tmp_path):
    path, doc, findings = rich
    before = _sha(path)
    out = write_commented_docx(doc, findings, tmp_path / "commented.docx")
    assert _sha(path) == before  # the input is never modified
    kinds = {f.location: doc.block(f.location).kind for f in findings}
    assert {"body", "table_cell", "textbox", "footnote"} <= set(kinds.values())
    assert out.comments == len(findings) - len(out.not_placed) and out.comments > 100
    assert all(kinds[f.location] in ("header", "footer") for f, _ in out.not_placed)
    texts = wordxml.comments(tmp_path / "commented.docx")
    ranges = wordxml.comment_ranges(tmp_path / "commented.docx")
    assert len(texts) == len(ranges) == out.comments
    # Each finding in the text has a comment with its message, anchored on its surface;
    # a footnote finding's comment sits on the note mark and quotes the span.
    pairs = {(texts[i].split("\n")[0], ranges[i]) for i in texts}
    for f in findings:
        if kinds[f.location] in ("body", "table_cell", "textbox"):
            span = doc.block(f.location).text[f.start : f.end]
            assert any(m.endswith(f.message()) and r == span for m, r in pairs), f
        elif kinds[f.location] == "footnote":
            assert any(f"「{f.surface}」" in m and f.message() in m for m, _ in pairs), f
    # The copy reads back with the same text in every block.
    again = documents.load(tmp_path / "commented.docx")
    assert [b.text for b in again.blocks] == [b.text for b in doc.blocks]


def test_tracked_changes_accept_to_the_fixes_and_reject_to_the_original(rich, tmp_path):
    path, doc, findings = rich
    out = write_tracked_docx(doc, findings, tmp_path / "tracked.docx")
    tracked = [f for f in findings if trackable(f)]
    not_tracked = {id(f) for f, _ in out.not_tracked}
    applied = [f for f in tracked if id(f) not in not_tracked]
    assert out.changes == len(applied) >= 40
    assert not any(f.rule == "llm-suggestion" for f in applied)
    data = wordxml.parts(tmp_path / "tracked.docx")["word/document.xml"].decode()
    assert 'w:author="文書アシスタント"' in data and "<w:del " in data and "<w:ins " in data
    assert "w:date=" in data
    wordxml.settle(tmp_path / "tracked.docx", tmp_path / "rejected.docx", accept=False)
    rejected = documents.load(tmp_path / "rejected.docx")
    assert [b.text for b in rejected.blocks] == [b.text for b in doc.blocks]
    wordxml.settle(tmp_path / "tracked.docx", tmp_path / "accepted.docx", accept=True)
    accepted = {b.location: b.text for b in documents.load(tmp_path / "accepted.docx").blocks}
    for block in doc.blocks:
        expected = block.text
        for f in sorted(
            (f for f in applied if f.location == block.location), key=lambda f: -f.start
        ):
            expected = expected[: f.start] + f.suggestion + expected[f.end :]
        assert accepted[block.location] == expected, block.location


def test_run_split_keeps_formatting_and_overlaps_are_refused(tmp_path):
    import docx  # python-docx builds the input

    source = tmp_path / "in.docx"
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("予算が不足している。")
    bold = p.add_run("従って、計画を見直す。")
    bold.bold = True
    d.save(source)
    doc = documents.load(source)
    [block] = doc.blocks
    at = block.text.index("従って")
    report = annotate_docx(
        doc,
        tmp_path / "out.docx",
        [
            Mark(block.location, at, at + 3, comment="接続詞", replacement="したがって"),
            Mark(block.location, at + 1, at + 2, replacement="X"),  # overlaps the first
            Mark(block.location, 0, 2, comment="先頭"),
        ],
    )
    assert (report.comments, report.changes) == (2, 1)
    assert [reason for _, reason in report.skipped] == ["overlap"]
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        from lxml import etree

        root = etree.fromstring(z.read("word/document.xml"))
    ns = wordxml.NS
    deleted = root.xpath("//w:del//w:r", namespaces=ns)
    inserted = root.xpath("//w:ins//w:r", namespaces=ns)
    assert len(root.xpath("//w:del", namespaces=ns)) == 1
    assert "".join("".join(r.itertext()) for r in deleted) == "従って"
    assert ["".join(r.itertext()) for r in inserted] == ["したがって"]
    assert deleted[0].xpath("w:rPr/w:b", namespaces=ns) and inserted[0].xpath(
        "w:rPr/w:b", namespaces=ns
    )
    # The bold run was cut in two at the span; the rest keeps its bold face.
    rest = [
        r
        for r in root.xpath("//w:p/w:r", namespaces=ns)
        if "".join(r.itertext()) == "、計画を見直す。"
    ]
    assert rest and rest[0].xpath("w:rPr/w:b", namespaces=ns)
    # The comment with a change spans the deletion and the insertion.
    assert sorted(wordxml.comment_ranges(tmp_path / "out.docx").values()) == [
        "予算",
        "従ってしたがって",
    ]


def test_never_overwrites_and_refuses_non_docx(rich, corpus_copy, tmp_path):
    path, doc, findings = rich
    existing = tmp_path / "exists.docx"
    existing.write_bytes(b"keep me")
    with pytest.raises(OutputExistsError):
        write_commented_docx(doc, findings, existing)
    with pytest.raises(OutputExistsError):
        write_tracked_docx(doc, findings, path)  # the input itself
    assert existing.read_bytes() == b"keep me"
    pdf = documents.load(corpus_copy("pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf"))
    with pytest.raises(WordOutputNeedsDocxError) as err:
        write_commented_docx(pdf, proofread_document(pdf).findings, tmp_path / "pdf.docx")
    assert ".docx" in err.value.message("ja") and not (tmp_path / "pdf.docx").exists()
