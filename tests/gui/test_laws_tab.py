"""The 法令 tab: import e-Gov XML, search, show an article by its citation and ask with
verified citations, all as window jobs (off the GUI thread)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desk_assistant.llm.fake import FakeEngine

LAWS = Path("/work/shared/laws")
FILES = ("h05_088_gyosei_tetsuzuki.xml", "s22_125_kokka_baisho.xml")


@pytest.fixture
def law_files(tmp_path):
    if not LAWS.is_dir():
        pytest.skip("shared law XML not available")
    out = []
    for name in FILES:
        shutil.copy2(LAWS / name, tmp_path / name)
        out.append(tmp_path / name)
    return out


def test_import_search_show_and_ask(make_window, wait_job, law_files, tmp_path):
    answer = "行政庁は、審査基準を定めるものとする（行政手続法第5条第1項）。"
    window = make_window(FakeEngine(answer))
    tab = window.laws_tab
    tab.store_path = tmp_path / "laws.sqlite3"
    wait_job(tab.import_paths(law_files), 120000)
    assert "追加 2" in tab.notes.text(), tab.notes.text()
    # a citation: the article itself first, with its heading path and exact text
    tab.query_box.setText("行政手続法第五条")
    wait_job(tab.run(), 60000)
    assert tab.results.item(0).text().startswith("行政手続法第5条")
    shown = tab.article_view.toPlainText()
    assert (
        "第二章　申請に対する処分" in shown
        and "第五条　行政庁は、審査基準を定めるものとする。" in shown
    )
    # a defined term: its definition among the hits
    tab.query_box.setText("不利益処分")
    wait_job(tab.run(), 60000)
    labels = [tab.results.item(k).text() for k in range(tab.results.count())]
    assert any(label.startswith("行政手続法第2条（定義）") for label in labels), labels
    # ask: the answer with its sources, each sentence checked, the verdict shown
    tab.query_box.setText("審査基準は誰が定めるのか")
    wait_job(tab.ask(), 60000)
    assert answer in tab.answer_view.toPlainText()
    assert "・行政手続法第5条" in tab.answer_view.toPlainText()
    assert "判定: " in tab.notes.text() and "使用した版" in tab.notes.text()
    assert window.last_error == ""


def test_a_broken_file_is_a_clear_note(make_window, wait_job, tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<Law><LawBody>", encoding="utf-8")
    window = make_window(FakeEngine("x"))
    tab = window.laws_tab
    tab.store_path = tmp_path / "laws.sqlite3"
    wait_job(tab.import_paths([bad]), 60000)
    assert "⚠" in tab.notes.text() and "broken.xml" in tab.notes.text()
    assert "Traceback" not in tab.notes.text()


def test_the_summary_tab_shows_law_citation_findings(make_window, open_doc, wait_job, tmp_path):
    """A summary line citing an article the law does not have: the summarize tab shows the
    finding (common finding shape) like its other findings, the cited words tinted."""
    from docx import Document as DocxDocument

    from desk_assistant.tasks.laws.store import LawStore, default_path

    with LawStore(default_path()) as store:
        store.import_paths([LAWS / "h05_088_gyosei_tetsuzuki.xml"])
    source = tmp_path / "memo.docx"
    doc = DocxDocument()
    doc.add_paragraph("行政手続法第五条により、行政庁は審査基準を定める。")
    doc.save(source)
    window = make_window(FakeEngine("・行政手続法第五十条により、行政庁は審査基準を定める。"))
    open_doc(window, source)
    tab = window.summarize_tab
    wait_job(tab.run(), 60000)
    law = [f for f in tab.result.findings if getattr(f, "kind", "") == "law"]
    assert [(f.unit, f.check) for f in law] == [(0, "no-article")]
    assert "行政手続法第50条は存在しません" in tab.notes.text()  # the tab's findings list
    assert "要確認" in tab.notes.text()
    text = tab.summary_view.toPlainText()
    start = text.find("行政手続法第五十条")
    assert any(a <= start < b for a, b, _ in tab.summary_view._marks), tab.summary_view._marks
