"""The first window, driven offscreen with a scripted engine."""

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from desk_assistant.gui.main_window import MainWindow  # noqa: E402
from desk_assistant.llm.catalog import ModelInfo  # noqa: E402
from desk_assistant.llm.engine import LoadOptions  # noqa: E402
from desk_assistant.llm.fake import FakeEngine  # noqa: E402
from desk_assistant.llm.runtime import OpenModel  # noqa: E402


def _window(qtbot, engine):
    window = MainWindow()
    qtbot.addWidget(window)
    info = ModelInfo(
        id="fake",
        path=Path("fake.gguf"),
        name="Fake",
        roles=("general",),
        prompt_format="few_shot",
        size=1,
    )
    runtime = engine.load("fake.gguf", LoadOptions(n_ctx=4096))
    window._model_loaded(OpenModel(info=info, engine=engine, runtime=runtime, sha256=""))
    window.source_path = Path("notice.docx")
    window.source_view.setPlainText("本庁舎は令和8年12月5日に停電する。")
    window.run_button.setEnabled(True)
    return window


def test_summary_streams_into_the_output_and_buttons_follow_the_job(qtbot):
    window = _window(
        qtbot, FakeEngine("・本庁舎は12月5日に停電する。\n・終日。\n・準備を。\n・余分")
    )
    window.run_summary()
    assert window.cancel_button.isEnabled() and not window.run_button.isEnabled()
    with qtbot.waitSignal(window.operation.finished, timeout=5000):
        pass
    assert window.output_view.toPlainText().splitlines() == [
        "・本庁舎は12月5日に停電する。",
        "・終日。",
        "・準備を。",
    ]
    assert window.run_button.isEnabled() and not window.cancel_button.isEnabled()
    assert "オフライン" in window.statusBar().currentMessage()


def test_cancel_is_quiet_not_an_error_dialog(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "desk_assistant.gui.main_window.QMessageBox.warning", lambda *a: shown.append(a)
    )
    window = _window(qtbot, FakeEngine("・" + "長い要約。" * 200, piece_chars=1, delay=0.005))
    window.run_summary()
    qtbot.wait(50)
    window.cancel()
    with qtbot.waitSignal(window.operation.finished, timeout=5000):
        pass
    assert shown == []
    assert "キャンセル" in window.statusBar().currentMessage()


def test_engine_crash_shows_a_message_and_keeps_the_window(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "desk_assistant.gui.main_window.QMessageBox.warning", lambda *a: shown.append(a[2])
    )
    window = _window(qtbot, FakeEngine("・abcdef", crash_after=1))
    window.run_summary()
    with qtbot.waitSignal(window.operation.finished, timeout=5000):
        pass
    assert shown and "推論プロセス" in shown[0]
    assert window.source_view.toPlainText()  # the document is still there
