"""The status-bar job area: what runs, a progress bar with ETA, and Cancel.

Every long job in the window is bound here, so the user always finds the same
Cancel button in the same place (Esc also cancels)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ..i18n import tr
from .eta import Eta, eta_text


class JobBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(False)
        self.eta_label = QLabel()
        self.cancel_button = QPushButton(tr("キャンセル", "Cancel"))
        self.cancel_button.setToolTip(
            tr("実行中の処理を止めます（Esc）", "Stop the running job (Esc)")
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.bar, self.eta_label, self.cancel_button):
            layout.addWidget(widget)
        self.operation = None
        self.eta: Eta | None = None
        self._done = self._total = 0
        self._estimate = None
        self._task_estimates = False  # the task reports its own estimate
        # The elapsed/ETA text is refreshed on a timer, not per token: cheap and steady.
        self.ticker = QTimer(self)
        self.ticker.setInterval(500)
        self.ticker.timeout.connect(self._refresh)
        self.cancel_button.clicked.connect(self.cancel)
        self.idle()

    def idle(self, text: str = "") -> None:
        self.operation = None
        self.ticker.stop()
        self.label.setText(text)
        self.bar.hide()
        self.eta_label.hide()
        self.cancel_button.hide()

    def bind(self, operation, title: str) -> None:
        self.operation = operation
        self.eta = Eta()
        self._done = self._total = 0
        self._estimate = None  # (seconds left, when said) from the task itself
        self._task_estimates = False
        self.label.setText(title)
        self.bar.setRange(0, 0)  # busy until the job reports a total
        self.eta_label.setText("")
        for widget in (self.bar, self.eta_label, self.cancel_button):
            widget.show()
        self.cancel_button.setEnabled(True)
        operation.progress.connect(self.set_progress)
        if hasattr(operation, "estimate"):
            operation.estimate.connect(self.set_estimate)
        self.ticker.start()

    def set_progress(self, done: int, total: int) -> None:
        self._done, self._total = done, total
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        self._refresh()

    def set_estimate(self, seconds: float) -> None:
        """The task's own estimate wins over the linear one (which, after a resume,
        counts resumed segments as done in no time)."""
        self._task_estimates = True
        self._estimate = None if seconds < 0 else (seconds, self.eta.elapsed() if self.eta else 0)
        self._refresh()

    def _refresh(self) -> None:
        if self.eta is None:
            return
        remaining = self.eta.remaining(self._done, self._total)
        if self._task_estimates:  # not known yet is better than wrong
            remaining = None
        if self._estimate is not None:
            seconds, said_at = self._estimate
            remaining = max(0.0, seconds - (self.eta.elapsed() - said_at))
        self.eta_label.setText(eta_text(self._done, self._total, remaining, self.eta.elapsed()))

    def cancel(self) -> None:
        if self.operation is not None and self.operation.running():
            self.cancel_button.setEnabled(False)
            self.label.setText(tr("キャンセルしています…", "Cancelling…"))
            self.operation.cancel()
