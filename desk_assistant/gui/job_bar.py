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
        self.label.setText(title)
        self.bar.setRange(0, 0)  # busy until the job reports a total
        self.eta_label.setText("")
        for widget in (self.bar, self.eta_label, self.cancel_button):
            widget.show()
        self.cancel_button.setEnabled(True)
        operation.progress.connect(self.set_progress)
        self.ticker.start()

    def set_progress(self, done: int, total: int) -> None:
        self._done, self._total = done, total
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        self._refresh()

    def _refresh(self) -> None:
        if self.eta is None:
            return
        remaining = self.eta.remaining(self._done, self._total)
        self.eta_label.setText(eta_text(self._done, self._total, remaining, self.eta.elapsed()))

    def cancel(self) -> None:
        if self.operation is not None and self.operation.running():
            self.cancel_button.setEnabled(False)
            self.label.setText(tr("キャンセルしています…", "Cancelling…"))
            self.operation.cancel()
