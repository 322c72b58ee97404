"""The one background-operation API: signals on the GUI thread, progress, cancel,
errors kept, and the synchronous twin used by widget tests."""

from __future__ import annotations

import subprocess
import sys
import threading

from PySide6.QtCore import QThread

from desk_assistant.errors import Cancelled, EngineCrashedError
from desk_assistant.gui.eta import Eta, eta_text
from desk_assistant.gui.worker import Operation, SyncOperation


def test_pieces_progress_items_and_result_arrive_on_the_gui_thread(qtbot, wait_job):
    gui = threading.get_ident()
    seen = []

    def work(token, emit):
        assert threading.get_ident() != gui  # the work itself is off the GUI thread
        emit("a")
        emit.progress(1, 2)
        emit.item({"n": 1})
        return 42

    op = Operation(work)
    for name in ("piece", "progress", "item", "succeeded"):
        getattr(op, name).connect(lambda *a, n=name: seen.append((n, a, threading.get_ident())))
    op.start()
    wait_job(op)
    assert [(n, a) for n, a, _ in seen] == [
        ("piece", ("a",)),
        ("progress", (1, 2)),
        ("item", ({"n": 1},)),
        ("succeeded", (42,)),
    ]
    assert {t for *_, t in seen} == {gui}


def test_cancel_is_its_own_outcome(qtbot, wait_job):
    started = threading.Event()

    def work(token, emit):
        started.set()
        while not token.cancelled:
            QThread.msleep(5)
        raise Cancelled()

    op = Operation(work)
    outcomes = []
    op.cancelled.connect(lambda: outcomes.append("cancelled"))
    op.failed.connect(lambda m: outcomes.append("failed"))
    op.start()
    started.wait(5)
    op.cancel()
    wait_job(op)
    assert outcomes == ["cancelled"]


def test_failure_keeps_the_exception_for_the_window(qtbot, wait_job):
    def work(token, emit):
        raise EngineCrashedError(how="SIGKILL")

    op = Operation(work)
    messages = []
    op.failed.connect(messages.append)
    op.start()
    wait_job(op)
    assert isinstance(op.error, EngineCrashedError) and "推論プロセス" in messages[0]


def test_sync_operation_runs_inline_with_the_same_signals():
    op = SyncOperation(lambda token, emit: (emit("x"), emit.progress(1, 1), "done")[-1])
    seen = []
    op.piece.connect(seen.append)
    op.succeeded.connect(seen.append)
    op.finished.connect(lambda: seen.append("finished"))
    op.start()
    assert seen == ["x", "done", "finished"] and not op.running()


def test_eta_is_linear_in_the_work_done():
    now = [100.0]
    eta = Eta(clock=lambda: now[0])
    assert eta.remaining(0, 10) is None
    now[0] = 110.0
    assert eta.remaining(5, 10) == 10.0
    assert eta_text(5, 10, 10.0, 10.0) == "5/10・残り約 10 秒"
    assert eta_text(0, 0, None, 75.0) == "経過 1 分 15 秒"


def test_many_qt_calls_do_not_exhaust_none():
    # PySide6 6.12.0 on Python 3.11 drops a reference to None on each void call
    # and aborts the process after a few thousand; pyproject.toml pins below 6.12.
    code = (
        "import desk_assistant.gui\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([]); label = QLabel()\n"
        "for _ in range(100000): label.setText('x')\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]
