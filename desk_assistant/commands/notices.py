"""Start-up notices, shown so that they are read: one key-file notice per run, not two.

When there is no keyring, both data keys (vault, audit) fall back to files in
the same folder, and each would bring its own two-line warning. The security
layer decides *when* a warning is due (keys.fallback_warning_due: once per login
session); this presentation layer only makes sure one run shows one notice of
that kind. Other notices (a policy problem) are shown as they come.
"""

from __future__ import annotations

import sys

_shown_this_run: set[str] = set()


def _kind(text: str) -> str:
    from ..security.keys import fallback_key_path

    if str(fallback_key_path("x").parent) in text:
        return "key-file-fallback"
    return text


def show_notice(text: str, stream=None) -> bool:
    """Write `text` to stderr unless a notice of its kind was shown in this run."""
    kind = _kind(text)
    if kind in _shown_this_run:
        return False
    _shown_this_run.add(kind)
    (stream or sys.stderr).write(text + "\n")
    return True


def new_run() -> None:
    """Each CLI run (and each test calling cli.main) starts with nothing shown."""
    _shown_this_run.clear()
