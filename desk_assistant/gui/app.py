"""QApplication start-up: language, high-DPI, security, then the window.

The window shows before the model loads (the load is a background job), so the
user sees the app at once on a slow PC."""

from __future__ import annotations

import gc
import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .. import i18n
from ..security.startup import secure_startup
from ..settings import Settings
from .main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Fractional scaling (125 %, 150 % on Windows laptops) without rounding blur.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("DeskAssistant")
    app.setApplicationDisplayName(i18n.tr("文書アシスタント", "Desk Assistant"))
    return app


def install_qt_translations(app: QApplication) -> None:
    """Qt's own texts (file dialog buttons, context menus) in the UI language."""
    if i18n.language() == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Japanese), "qtbase", "_", folder):
        app.installTranslator(translator)


def _language_given(argv: list[str]) -> bool:
    flag = any(arg == "--lang" or arg.startswith("--lang=") for arg in argv)
    return flag or "DESK_ASSISTANT_LANG" in os.environ


def start(argv: list[str] | None = None) -> tuple[QApplication, MainWindow]:
    """Everything up to the window on screen and the model load started."""
    settings = Settings.load()
    # Language as in the CLI: IT policy (secure_startup), else --lang, else
    # DESK_ASSISTANT_LANG (both already applied by cli.main), else the user's setting.
    if not _language_given(sys.argv[1:]):
        i18n.set_language(settings.get("ui.language"))
    warnings: list[str] = []
    security = secure_startup(settings, on_warning=warnings.append)  # policy may fix the language
    app = make_application(argv)
    install_qt_translations(app)
    window = MainWindow(settings, security)
    for text in warnings:  # e.g. the keyring fallback: visible, not buried in a log
        window.status(text, 0)
    window.show()
    window.load_model()
    # What start-up built (modules, Qt wrappers, settings: ~46,000 objects) lives as long
    # as the app: out of the cyclic GC's reach, a full collection no longer walks it (it
    # held the GIL ~30 ms CPU, 100-150 ms on a busy PC, stalling the window mid-job).
    # Refcounting still frees these objects; only cycles among them would stay.
    gc.freeze()
    return app, window


def run(argv: list[str] | None = None) -> int:
    app, _window = start(argv)
    return app.exec()
