"""Start-up notices (e.g. "the key is kept in a file, not the keyring"), shown
so that they are read: at most once per session, not on every command.

A "session" is NOTICE_REPEAT_S of wall time: the first command of a working day
shows the notice, the next ones in the same half-day do not. `desk-assistant
doctor` always shows the state. Notices other than the key-file fallback (a
policy problem, say) are shown every time: they ask someone to act.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time

from .. import paths
from ..fileio import atomic_write_text

NOTICE_REPEAT_S = 12 * 3600
_shown_this_run: set[str] = set()


def _key_folder() -> str:
    from ..security.keys import fallback_key_path

    return str(fallback_key_path("x").parent)


def _state_file():
    return paths.cache_dir() / "notices-shown.json"


def _kind(text: str) -> str:
    # Both data keys (vault, audit) fall back to the same folder: one notice for both.
    if _key_folder() in text:
        return "key-file-fallback"
    return "other:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def show_notice(text: str, stream=None, now: float | None = None) -> bool:
    """Write `text` to stderr unless a notice of its kind was shown this session."""
    stream = stream or sys.stderr
    kind = _kind(text)
    if kind in _shown_this_run:
        return False
    _shown_this_run.add(kind)
    if kind == "key-file-fallback" and not _due(kind, time.time() if now is None else now):
        return False
    stream.write(text + "\n")
    return True


def _due(kind: str, now: float) -> bool:
    state_file = _state_file()
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
        if not isinstance(state, dict):
            state = {}
    except (OSError, ValueError):
        state = {}
    last = state.get(kind)
    if isinstance(last, (int, float)) and 0 <= now - last < NOTICE_REPEAT_S:
        return False
    state[kind] = now
    try:
        atomic_write_text(state_file, json.dumps(state))
    except OSError:
        pass  # cannot remember: showing it again next time is the safe side
    return True


def new_run() -> None:
    """Each CLI run (and each test calling cli.main) starts with nothing shown."""
    _shown_this_run.clear()
