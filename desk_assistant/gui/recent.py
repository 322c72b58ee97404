"""Recently opened files, newest first, kept in the user config folder."""

from __future__ import annotations

import json
from pathlib import Path

from .. import paths
from ..fileio import atomic_write_text

LIMIT = 10


class RecentFiles:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.config_dir() / "recent.json"

    def load(self) -> list[Path]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [Path(p) for p in raw if isinstance(p, str)][:LIMIT] if isinstance(raw, list) else []

    def add(self, file: Path) -> list[Path]:
        file = Path(file).resolve()
        items = [file] + [p for p in self.load() if p != file]
        items = items[:LIMIT]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, json.dumps([str(p) for p in items], ensure_ascii=False))
        except OSError:
            pass  # a read-only profile must not stop the user from working
        return items
