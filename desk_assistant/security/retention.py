"""Retention: at start-up, delete stored data older than RetentionDays (0 or unset: keep)."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

DAY_SECONDS = 86400


def purge_folder(root: str | os.PathLike, days: int | None, now: float | None = None) -> list[Path]:
    """Delete files under `root` last written more than `days` days ago.

    Uses the modification time, so no key is needed and a store that is still
    being updated (translation memory) is kept. Leftover temp files of
    interrupted atomic writes are removed once an hour old (younger ones may
    belong to a write in progress in another process).
    """
    root = Path(root)
    if not root.is_dir():
        return []
    now = time.time() if now is None else now
    cutoff = now - days * DAY_SECONDS if days else None
    deleted: list[Path] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        try:
            mtime = path.stat().st_mtime
            is_temp = path.name.startswith(".") and path.name.endswith(".tmp")
            if (is_temp and mtime < now - 3600) or (cutoff is not None and mtime < cutoff):
                path.unlink()
                deleted.append(path)
        except OSError:
            continue  # in use (Windows) or gone: try again next start
    return deleted


def apply_retention(days: int | None, folders: list[Path], now: float | None = None) -> list[Path]:
    deleted: list[Path] = []
    for folder in folders:
        with contextlib.suppress(OSError):
            deleted.extend(purge_folder(folder, days, now=now))
    return deleted
