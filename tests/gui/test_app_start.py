"""The real start-up path: settings, security, the window shown, the model load
started as a background job (no model here: a message, not a crash)."""

from __future__ import annotations


def test_start_shows_the_window_with_the_offline_guard_on(qtbot, wait_job, monkeypatch):
    from desk_assistant.gui import app as gui_app

    monkeypatch.setattr("sys.argv", ["desk-assistant"])
    monkeypatch.delenv("DESK_ASSISTANT_LANG", raising=False)
    import gc

    gc.unfreeze()
    _app, window = gui_app.start()
    qtbot.addWidget(window)
    try:
        # Start-up's objects are out of the cyclic GC's reach: a full collection while a
        # job runs must not walk them on the GUI's time (bench/gui_startup.py: GC pauses).
        assert gc.get_freeze_count() > 10_000
        assert window.isVisible() and window.windowTitle() == "文書アシスタント"
        assert window.offline_label.text() == "● オフライン"
        wait_job(window.operation, timeout=60000)  # the model load
        assert window.last_error  # no model in this test's home: said plainly
    finally:
        window.close()
        gc.unfreeze()  # the rest of the test run collects as usual
