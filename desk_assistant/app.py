"""Start the desktop app, or explain why it cannot start here."""

from __future__ import annotations

import os
import sys

from . import i18n
from .errors import EXIT_USAGE


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True  # Windows and macOS always have a window system
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def start_gui() -> int:
    if not has_display():
        sys.stderr.write(
            i18n.tr(
                "画面（ディスプレイ）がないため、ウィンドウを開けません。\n"
                "コマンドラインで試すには `make demo` または `desk-assistant --help` を使ってください。\n",
                "No display is available, so the window cannot open.\n"
                "To try it from the command line use `make demo` or `desk-assistant --help`.\n",
            )
        )
        return EXIT_USAGE
    from .gui.app import run

    return run()
