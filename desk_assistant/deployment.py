"""Is this a managed installation? Decides whether environment overrides count.

Developer and test conveniences (DESK_ASSISTANT_HOME, DESK_ASSISTANT_POLICY,
DESK_ASSISTANT_RESOURCES, DESK_ASSISTANT_GUARD_LOG) are set by whoever starts
the process, i.e. the user at the keyboard. On a machine IT manages (a machine
policy exists) or in the frozen MSI build they would let that user move the
audit log and its key, swap the model catalog or fill policy keys IT left
unset, so there they are ignored.

Base layer: no imports from security/ (policy.py builds on this module).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

POLICY_FILE_NAME = "policy.json"
REGISTRY_POLICY_KEY = r"SOFTWARE\Policies\DeskAssistant"

# Machine policy folders outside Windows (writable only by an administrator).
LINUX_POLICY_DIR = Path("/etc/desk-assistant")
MAC_POLICY_DIR = Path("/Library/Application Support/DeskAssistant")

# Tightening only: set by IT or by a test that spawns the app, never loosens anything.
PRODUCTION_ENV = "DESK_ASSISTANT_PRODUCTION"


def system_policy_files() -> list[Path]:
    """policy.json locations outside Windows, strongest first. Never next to the
    interpreter or the executable: a user-installed Python would make that user-writable."""
    if sys.platform == "darwin":
        return [MAC_POLICY_DIR / POLICY_FILE_NAME]
    if os.name == "posix":
        return [LINUX_POLICY_DIR / POLICY_FILE_NAME]
    return []


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def _registry_policy_present() -> bool:
    if sys.platform != "win32":
        return False
    import winreg  # noqa: PLC0415 - Windows only

    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            winreg.CloseKey(winreg.OpenKey(hive, REGISTRY_POLICY_KEY))
            return True
        except OSError:
            continue
    return False


def machine_policy_present() -> bool:
    if _registry_policy_present():
        return True
    return any(path.exists() for path in system_policy_files())


def production() -> bool:
    """True in the MSI build, on a machine with a machine policy, or when forced by env."""
    forced = os.environ.get(PRODUCTION_ENV, "").strip().lower() in ("1", "true", "yes")
    return forced or is_frozen() or machine_policy_present()


def env_override(name: str) -> str | None:
    """The value of a developer/test override variable, or None where overrides are refused."""
    value = os.environ.get(name)
    if not value or production():
        return None
    return value
