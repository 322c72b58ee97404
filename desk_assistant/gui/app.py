"""QApplication start-up."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from ..security.startup import secure_startup
from ..settings import Settings
from .main_window import MainWindow


def run(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("DeskAssistant")
    settings = Settings.load()
    warnings: list[str] = []
    security = secure_startup(settings, on_warning=warnings.append)
    window = MainWindow(settings, security)
    for text in warnings:  # e.g. the keyring fallback: visible, not buried in a log
        window.statusBar().showMessage(text)
    window.show()
    window.load_model()
    return app.exec()
