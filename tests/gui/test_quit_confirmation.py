"""Ctrl+Q (and the title bar's close) asks before losing work: a running task,
accept/ignore decisions or a summary nobody saved; it closes at once otherwise."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desk_assistant.gui.tabs.proofread_tab import IGNORED
from desk_assistant.llm.fake import FakeEngine


def _memo(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("会議を行なう予定です。\nまず最初に資料を確認する事。", encoding="utf-8")
    return path


def _answer(window, monkeypatch, agree: bool) -> list:
    asked = []

    def ask(reasons):
        asked.append(list(reasons))
        return agree

    monkeypatch.setattr(window, "ask_discard", ask)
    return asked


def test_quit_without_work_closes_without_asking(make_window, qtbot, monkeypatch):
    window = make_window()
    window.show()
    asked = _answer(window, monkeypatch, agree=False)
    assert window.quit()
    assert asked == [] and not window.isVisible()


def test_quit_with_unsaved_decisions_asks_and_cancel_keeps_them(
    make_window, open_doc, wait_job, qtbot, monkeypatch, tmp_path
):
    window = make_window()
    window.show()
    open_doc(window, _memo(tmp_path))
    tab = window.proofread_tab
    wait_job(tab.run())
    asked = _answer(window, monkeypatch, agree=False)
    assert window.quit() and asked == []  # findings alone: nothing decided, nothing lost
    window.show()
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    tab.set_status(IGNORED)
    assert not window.quit()
    assert window.isVisible() and tab.reviews[0].status == IGNORED
    assert any("校正" in reason for reason in asked[-1])
    reasons = window.unsaved_work()
    assert len(reasons) == 1 and "判断" in reasons[0]
    asked_yes = _answer(window, monkeypatch, agree=True)
    assert window.quit() and asked_yes and not window.isVisible()


def test_quit_mid_job_and_with_unsaved_summary_asks(
    make_window, open_doc, wait_job, qtbot, monkeypatch, tmp_path
):
    engine = FakeEngine("・会議を行う予定である。", delay=0.05)
    window = make_window(engine)
    window.show()
    open_doc(window, _memo(tmp_path))
    asked = _answer(window, monkeypatch, agree=False)
    op = window.summarize_tab.run()
    assert op is not None and window.busy()
    assert not window.quit() and window.isVisible()
    assert any("実行中" in reason for reason in asked[-1])
    wait_job(op)
    assert not window.quit()
    assert any("要約" in reason for reason in asked[-1])
    out = tmp_path / "summary.txt"
    wait_job(window.summarize_tab.save(out))
    assert out.exists() and window.unsaved_work() == []
    assert window.quit() and not window.isVisible()


def test_the_question_defaults_to_cancel(make_window, qtbot):
    window = make_window()
    seen = {}

    def press_default():
        box = QApplication.activeModalWidget()
        seen["text"] = box.text()
        box.defaultButton().click()

    QTimer.singleShot(0, press_default)
    assert window.ask_discard(["保存していない要約があります"]) is False
    assert "保存していない要約があります" in seen["text"]


def test_closing_during_a_model_load_waits_for_it_and_closes_what_it_loaded(
    make_window, fake_model, monkeypatch
):
    """Closing while a model loads (the load ignores cancel) used to wait 10 s and then
    destroy the running thread: Qt aborts the program. The window now hides, waits for
    the load, and closes the engine it brought."""
    import time

    from desk_assistant.gui import main_window
    from desk_assistant.llm.fake import FakeEngine

    engine = FakeEngine("")
    late = fake_model(engine)

    def slow_load(settings, policy, roles, progress, security=None):
        time.sleep(1.5)  # longer than the window's first wait; no cancel check
        return [], dict.fromkeys(roles, late)

    monkeypatch.setattr(main_window, "load_models", slow_load)
    monkeypatch.setattr(main_window, "CLOSE_WAIT_SECONDS", 30)
    window = make_window()
    window.show()
    op = window.load_model()
    window.close()
    assert not window.isVisible()
    assert not op.running()  # waited: no thread left behind
    assert engine.loaded is None  # the late engine was closed, not leaked
