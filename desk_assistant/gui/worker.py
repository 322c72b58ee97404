"""One background-operation API: run a function off the GUI thread, with
progress/stream pieces, cancel, and success/failure delivered on the GUI thread.
Cancellation is a normal outcome (on_cancelled), never an error dialog.

`fn(cancel_token, emit)` gets `emit`, a `Reporter`: `emit(text)` streams a piece,
`emit.progress(done, total)` drives the progress bar (total 0: unknown), and
`emit.item(obj)` hands a finished unit (a translated segment) to the GUI, and
`emit.estimate(seconds)` passes the task's own remaining-time estimate (it knows
what was resumed or came from memory; the window's arithmetic does not).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal

from ..errors import Cancelled, DeskError
from ..llm.engine import CancelToken


class Reporter:
    """What the work function calls to report; each call becomes a queued signal."""

    def __init__(
        self, piece: Callable, progress: Callable, item: Callable, estimate: Callable = None
    ) -> None:
        self._piece, self._progress, self._item = piece, progress, item
        self._estimate = estimate

    def __call__(self, text: str) -> None:
        self._piece(text)

    def progress(self, done: int, total: int) -> None:
        self._progress(int(done), int(total))

    def item(self, obj: object) -> None:
        self._item(obj)

    def estimate(self, seconds: float | None) -> None:
        """The task's remaining seconds (None: not known yet)."""
        if self._estimate is not None:
            self._estimate(-1.0 if seconds is None else float(seconds))


def _outcome(fn: Callable, token: CancelToken, emit: Reporter, owner) -> tuple[str, object]:
    """Run fn; return (kind, payload) with kind in succeeded/failed/cancelled."""
    try:
        result = fn(token, emit)
    except Cancelled:
        return "cancelled", None
    except DeskError as err:
        owner.error = err
        return "failed", err.message()
    except Exception as err:  # noqa: BLE001 - shown to the user, never a crash of the window
        owner.error = err
        return "failed", f"{type(err).__name__}: {err}"
    if token.cancelled:  # the task returned partial work after a cancel: still a cancel
        owner.result = result
        return "cancelled", None
    return "succeeded", result


class _Runner(QObject):
    piece = Signal(str)
    progress = Signal(int, int)
    item = Signal(object)
    estimate = Signal(float)  # remaining seconds from the task; -1: unknown
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, fn: Callable, token: CancelToken, owner) -> None:
        super().__init__()
        self.fn = fn
        self.token = token
        self.owner = owner

    def run(self) -> None:
        emit = Reporter(self.piece.emit, self.progress.emit, self.item.emit, self.estimate.emit)
        try:
            kind, payload = _outcome(self.fn, self.token, emit, self.owner)
            if kind == "succeeded":
                self.succeeded.emit(payload)
            elif kind == "failed":
                self.failed.emit(payload)
            else:
                self.cancelled.emit()
        finally:
            self.fn = None  # drop the closure (documents, results) as soon as it is done
            self.finished.emit()


class Operation(QObject):
    """`Operation(fn).start()`; fn(cancel_token, emit) runs on a worker thread.

    The signals below belong to this object, which lives on the GUI thread: the
    runner's signals are relayed through queued connections, so any slot or
    lambda connected here runs on the GUI thread. After `failed`, `error` holds
    the exception (the GUI tells an engine crash from other failures by it)."""

    piece = Signal(str)
    progress = Signal(int, int)
    item = Signal(object)
    estimate = Signal(float)  # remaining seconds from the task; -1: unknown
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # after succeeded/failed/cancelled

    def __init__(self, fn: Callable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self.error: BaseException | None = None
        self.result: object = None
        self.thread = QThread(self)
        self.runner = _Runner(fn, self.token, self)
        self.runner.moveToThread(self.thread)
        self.thread.started.connect(self.runner.run)
        for name in (
            *("piece", "progress", "item", "estimate"),
            *("succeeded", "failed", "cancelled", "finished"),
        ):
            getattr(self.runner, name).connect(getattr(self, name))
        # Direct: the QThread object lives on the GUI thread, so a queued quit would
        # wait for the GUI event loop, and wait() called from there would deadlock.
        self.runner.finished.connect(self.thread.quit, Qt.DirectConnection)
        self.done = False  # True once `finished` has been delivered on the GUI thread
        self.finished.connect(self._mark_done)

    def _mark_done(self) -> None:
        self.done = True

    def running(self) -> bool:
        return self.thread.isRunning()

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.token.cancel()

    def wait(self, ms: int = 10000) -> bool:
        return self.thread.wait(ms)


class SyncOperation(QObject):
    """The same interface, run inline on the calling thread when `start()` is called.

    For unit tests of widgets (no threads, deterministic order); never used for real
    work in the app, since it would block the GUI thread."""

    piece = Signal(str)
    progress = Signal(int, int)
    item = Signal(object)
    estimate = Signal(float)  # remaining seconds from the task; -1: unknown
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, fn: Callable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.token = CancelToken()
        self.error: BaseException | None = None
        self.result: object = None
        self._running = False
        self.done = False

    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        emit = Reporter(self.piece.emit, self.progress.emit, self.item.emit, self.estimate.emit)
        try:
            kind, payload = _outcome(self.fn, self.token, emit, self)
            if kind == "succeeded":
                self.succeeded.emit(payload)
            elif kind == "failed":
                self.failed.emit(payload)
            else:
                self.cancelled.emit()
        finally:
            self._running = False
            self.done = True
            self.finished.emit()

    def cancel(self) -> None:
        self.token.cancel()

    def wait(self, ms: int = 10000) -> bool:
        return True
