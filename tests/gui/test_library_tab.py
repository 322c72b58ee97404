"""The 検索 tab: indexing, search with marked passages and ask, all as window jobs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desk_assistant.llm.fake import FakeEngine

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DIET_XML = SHARED / "diet" / "kokkai_api_meeting_session212_shugiin_monka_2023.xml"


@pytest.fixture
def folder(tmp_path):
    if not DIET_XML.exists():
        pytest.skip("shared data not available")
    src = tmp_path / "lib"
    src.mkdir()
    shutil.copy2(DIET_XML, src)
    (src / "memo.txt").write_text(
        "課内メモ\n電子決裁の移行は令和6年4月1日に完了した。\n", encoding="utf-8"
    )
    return src


def test_index_search_and_ask(make_window, wait_job, folder):
    from desk_assistant.security.startup import secure_startup

    security = secure_startup(on_warning=lambda text: None)
    window = make_window(
        FakeEngine("電子決裁の移行は令和6年4月1日に完了しました[1]。"), security=security
    )
    tab = window.library_tab
    op = tab.add_folder(folder)
    wait_job(op, 120000)
    assert "追加 2" in tab.notes.text()
    tab.query_box.setText("部活動の地域移行")
    tab.position_box.setText("文部科学大臣")
    wait_job(tab.run(), 60000)
    assert tab.results.count() > 0
    assert all(h.meta["position"] == "文部科学大臣" for h in tab.hits)
    assert "第212回国会" in tab.results.item(0).text() and "【" in tab.results.item(0).text()
    marked = tab.passage_view._marks
    assert marked and all(tab.hits[0].text[a:b] for a, b, _ in marked)
    assert any(tab.hits[0].text[a:b] in ("部活動", "地域移行", "地域") for a, b, _ in marked)
    assert not tab.open_button.isEnabled()  # a speech has no file to open
    tab.position_box.setText("")
    tab.query_box.setText("電子決裁の移行はいつ完了したか")
    wait_job(tab.ask(), 60000)
    assert "[1] memo.txt" in tab.answer_view.toPlainText()
    assert "問題なし" in tab.notes.text()
    assert window.last_error == ""
