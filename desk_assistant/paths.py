"""Where things live: user data, models, cache, resources.

DESK_ASSISTANT_HOME puts every user folder under one root (tests, development).
It and DESK_ASSISTANT_RESOURCES are ignored in production (frozen build or a
machine policy present): there they would let the user move the audit log and
its key, or swap the model catalog (see deployment.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from .deployment import env_override

APP_NAME = "DeskAssistant"


def _home() -> Path | None:
    root = env_override("DESK_ASSISTANT_HOME")
    return Path(root) if root else None


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    home = _home()
    return (
        home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )


def cache_dir() -> Path:
    home = _home()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def user_model_dir() -> Path:
    """The per-user model folder; the demo model is assembled here."""
    return data_dir() / "models"


def installed_model_dir(winreg_module=None) -> Path | None:
    """The MSI's MODELDIR (HKLM\\SOFTWARE\\DeskAssistant\\ModelDirectory) on Windows, else None.
    The installer records it there; IT side-loads models into it."""
    if winreg_module is None:
        if sys.platform != "win32":
            return None
        import winreg as winreg_module  # noqa: PLC0415 - Windows only
    try:
        key = winreg_module.OpenKey(winreg_module.HKEY_LOCAL_MACHINE, r"SOFTWARE\DeskAssistant")
        try:
            value, _kind = winreg_module.QueryValueEx(key, "ModelDirectory")
        finally:
            winreg_module.CloseKey(key)
    except OSError:
        return None
    return Path(value) if isinstance(value, str) and value.strip() else None


def resources_dir() -> Path:
    """resources/ from the source tree, or from the PyInstaller bundle."""
    override = env_override("DESK_ASSISTANT_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
