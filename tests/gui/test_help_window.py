"""F1 opens the bundled help: tasks, the highlight colours, every shortcut of the
menus, and where data is kept, in the UI language; nothing online."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QPushButton

from desk_assistant.gui.text_view import SEVERITY_COLOURS


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_help_window_explains_tasks_colours_shortcuts_and_data(make_window, lang):
    from desk_assistant import i18n, paths

    i18n.set_language(lang)
    window = make_window()
    help_action = next(
        a
        for m in window.menuBar().actions()
        for a in m.menu().actions()
        if a.shortcut().toString() == "F1"
    )
    help_action.trigger()
    dialog = window.help_window
    assert dialog.isVisible()
    html = dialog.browser.toHtml()
    text = dialog.browser.toPlainText()
    for keys in ("Ctrl+O", "F5", "F1", "Esc", "Ctrl+0"):
        assert keys in text
    for colour in SEVERITY_COLOURS.values():
        assert colour in html.lower()
    assert str(paths.user_model_dir()) in text and str(paths.log_dir()) in text
    japanese = re.search(r"[\u3040-\u30ff]", text.replace(str(paths.data_dir()), ""))
    assert bool(japanese) == (lang == "ja")
    assert not re.search(r"https?://", html.replace("http://www.w3.org", ""))
    assert window.show_help() is dialog  # one window, raised again
    # Every tab of the window is described, a tab added later (laws) included.
    for tab in window.task_tabs:
        title = re.sub(r"\(&.\)|&", "", i18n.tr(*tab.title))
        assert title in text
    assert "原文に根拠が見つかりません" in text or lang == "en"
    close = dialog.findChild(QPushButton)
    assert close.text() == ("閉じる" if lang == "ja" else "Close")
