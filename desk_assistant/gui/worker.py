"""One background-operation API: run a function off the GUI thread, with
progress/stream pieces, cancel, and success/failure delivered on the GUI thread.
Cancellation is a normal outcome (on_cancelled), never an error dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from ..errors import Cancelled, DeskError
from ..llm.engine import CancelToken


class _Runner(QObject):
    piece = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, fn: Callable, token: CancelToken) -> None:
        super().__init__()
        self.fn = fn
        self.token = token

    def run(self) -> None:
        try:
            result = self.fn(self.token, self.piece.emit)
        except Cancelled:
            self.cancelled.emit()
        except DeskError as err:
            self.failed.emit(err.message())
        except Exception as err:  # noqa: BLE001 - shown to the user, never a crash of the window
            self.failed.emit(f"{type(err).__name__}: {err}")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class Operation(QObject):
    """`Operation(fn).start()`; fn(cancel_token, emit_piece) runs on a worker thread.

    The signals below belong to this object, which lives on the GUI thread: the
    runner's signals are relayed through queued connections, so any slot or
    lambda connected here runs on the GUI thread."""

    piece = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # after succeeded/failed/cancelled

    def __init__(self, fn: Callable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self.thread = QThread(self)
        self.runner = _Runner(fn, self.token)
        self.runner.moveToThread(self.thread)
        self.thread.started.connect(self.runner.run)
        self.runner.piece.connect(self.piece)
        self.runner.succeeded.connect(self.succeeded)
        self.runner.failed.connect(self.failed)
        self.runner.cancelled.connect(self.cancelled)
        self.runner.finished.connect(self.finished)
        self.runner.finished.connect(self.thread.quit)

    def running(self) -> bool:
        return self.thread.isRunning()

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.token.cancel()

    def wait(self, ms: int = 10000) -> bool:
        return self.thread.wait(ms)
