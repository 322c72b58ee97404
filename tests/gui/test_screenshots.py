"""Screenshots of each tab with real Japanese text, for people to look at.

Saved into DESK_ASSISTANT_SCREENSHOTS when set, else the test's temp folder."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from desk_assistant.llm.fake import FakeEngine


def test_screenshot_of_each_tab(make_window, open_doc, corpus_docx, wait_job, tmp_path):
    folder = Path(os.environ.get("DESK_ASSISTANT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    engine = FakeEngine("")
    window = make_window(engine, demo=True)
    engine.reply_with(
        lambda prompt: (
            "・"
            + max((b.text for b in window.document.blocks), key=len)[:50]
            + "\n・令和9年に改訂する。"
            if "要約" in str(prompt)
            else "This is the translation."
        )
    )
    window.resize(1280, 720)  # a 1920 px screen at 150 % (issue 19)
    window.show()
    open_doc(window, corpus_docx)
    wait_job(window.translate_tab.run(), timeout=60000)
    wait_job(window.summarize_tab.run())
    wait_job(window.proofread_tab.run())
    window.proofread_tab.tree.setCurrentItem(window.proofread_tab.tree.topLevelItem(0))
    saved = []
    for index, tab in enumerate(window.task_tabs):  # every tab, 検索 too
        name = tab.spec.name
        window.tabs.setCurrentIndex(index)
        path = folder / f"tab_{name}.png"
        assert window.grab().save(str(path))
        saved.append(path)
    assert all(p.stat().st_size > 10_000 for p in saved)
    assert window.width() <= 1280 and window.height() <= 720  # nothing forced it larger
    families = QFontDatabase.families(QFontDatabase.Japanese)
    print("screenshots:", *saved, "Japanese fonts:", len(families))
