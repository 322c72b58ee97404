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


def test_start_up_does_not_import_the_law_store_or_the_search_index():
    """They and their crypto are ~0.1 s CPU the window does not need to show; the rules,
    the summary check and the search tab import them when first used
    (bench/gui_startup.py: start-up <= 1.5 s)."""
    import os
    import subprocess
    import sys

    heavy = ("desk_assistant.tasks.laws.store", "desk_assistant.retrieval.index")
    code = (
        "import sys, desk_assistant.gui.app\n"
        f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]", done.stdout
