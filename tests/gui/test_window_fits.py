"""The window fits a 1280x720 screen (a 1920 px display at 150 %, a 1366x768 laptop):
in Japanese and English, with the longest model name of the catalog loaded, and at
1.5x the normal font size; Ctrl+0 gives back the size it had before zooming."""

from __future__ import annotations

import pytest

from desk_assistant.llm.catalog import load_catalog
from desk_assistant.llm.fake import FakeEngine

SCREEN_W, SCREEN_H = 1280, 720


def _longest_catalog_name() -> str:
    return max((entry.name for entry in load_catalog()), key=len)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_minimum_size_fits_1280x720(make_window, fake_model, qtbot, lang, scale):
    from desk_assistant import i18n

    i18n.set_language(lang)
    window = make_window()
    name = _longest_catalog_name()
    window.set_model(fake_model(FakeEngine(), demo=True, name=name, size=8_500_000_000))
    window.apply_font_size(window._base_point_size * scale)
    window.show()
    qtbot.waitExposed(window)
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN_W and hint.height() <= SCREEN_H, (lang, scale, hint)
    # Each tab on its own, whoever added it (the registry's tabs: laws, search …),
    # leaves room for the window's frame around it.
    assert len(window.task_tabs) == window.tabs.count() >= 4
    for tab in window.task_tabs:
        tab_hint = tab.minimumSizeHint()
        assert tab_hint.width() <= SCREEN_W - 40, (tab.spec.name, lang, scale, tab_hint)
        assert tab_hint.height() <= SCREEN_H - 200, (tab.spec.name, lang, scale, tab_hint)
    # The full model name stays reachable (tooltip), though the label may elide it.
    info = window.model_bar.selectors["translate"].info
    assert name in info.toolTip()


def test_larger_text_then_ctrl0_gives_back_the_size(make_window, fake_model, qtbot, tmp_path):
    window = make_window()
    window.set_model(fake_model(FakeEngine(), name=_longest_catalog_name()))
    window.resize(900, 560)
    window.show()
    qtbot.waitExposed(window)
    before = window.size()
    for _ in range(10):
        window.zoom(1)
    qtbot.waitUntil(lambda: window.size() != before)  # larger text grew the window
    window.zoom(0)
    qtbot.waitUntil(lambda: window.size() == before)
    assert window.minimumSizeHint().width() <= SCREEN_W


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_longest_model_name_shows_whole_at_1280(make_window, fake_model, qtbot, lang):
    """With room to spare the model list is as wide as the name (it was cut at 16
    characters: "Llama 3.1 Swallo…"), and the window still fits."""
    from desk_assistant import i18n

    i18n.set_language(lang)
    window = make_window()
    name = _longest_catalog_name()
    model = fake_model(FakeEngine(), demo=True, name=name, size=8_500_000_000)
    window.resize(SCREEN_W, SCREEN_H)
    window.show()  # as at start-up: the window is up before the model has loaded
    qtbot.waitExposed(window)
    window.available = [model.info]  # found on disk: the list is filled before it is chosen
    window.set_model(model)
    qtbot.wait(50)
    for selector in window.model_bar.selectors.values():
        combo = selector.combo
        assert combo.currentText() == name
        assert combo.width() >= combo.fontMetrics().horizontalAdvance(name) + 20, combo.width()
        assert selector.info.isVisible() and selector.badge.isVisible()
    assert window.width() <= SCREEN_W


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_settings_dialog_fits_and_no_title_is_clipped(make_window, qtbot, lang, scale):
    """translate.font_map's long title made the dialog 1317 px wide; wrapped titles were
    then clipped in the scroll area. Long text titles give their explanation to the
    field's placeholder and tooltip; every title shows whole."""
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

    from desk_assistant import i18n
    from desk_assistant.gui.settings_dialog import SettingsDialog

    i18n.set_language(lang)
    window = make_window()
    app = QApplication.instance()
    normal = app.font()
    font = app.font()
    font.setPointSizeF(normal.pointSizeF() * scale)
    app.setFont(font)
    try:
        dialog = SettingsDialog(window.settings, window, models=[])
        dialog.show()
        qtbot.waitExposed(dialog)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= SCREEN_W and hint.height() <= SCREEN_H, hint
        assert dialog.width() <= SCREEN_W and dialog.height() <= SCREEN_H
        for label in dialog.findChildren(QLabel):
            if label.buddy() is not None and label.isVisible():
                assert label.height() >= label.sizeHint().height(), label.text()
                assert label.width() >= label.sizeHint().width(), label.text()
        font_map = dialog.editors["translate.font_map"]
        edit = font_map if isinstance(font_map, QLineEdit) else font_map.edit
        assert "serif" in edit.placeholderText()  # the explanation moved, not lost
    finally:
        app.setFont(normal)
