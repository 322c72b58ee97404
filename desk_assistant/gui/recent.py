"""Recently opened files, newest first.

File names can be as confidential as the documents (「○○課人事案.docx」), so the
list is kept encrypted in the vault like the rest of the history. Without a
vault (tests, or a key the policy will not let us store) it lives only in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import DeskError

LIMIT = 10
VAULT_NAME = "recent-files"


class RecentFiles:
    def __init__(self, vault: Callable[[], object | None] | None = None) -> None:
        self._vault_provider = vault
        self._memory: list[Path] = []

    def _vault(self):
        if self._vault_provider is None:
            return None
        try:
            return self._vault_provider()
        except DeskError:  # no key available: keep the list for this session only
            return None

    def load(self) -> list[Path]:
        vault = self._vault()
        if vault is None:
            return list(self._memory)
        try:
            raw = vault.get_json(VAULT_NAME)
        except DeskError:  # none yet, or unreadable: start afresh rather than fail
            return []
        return [Path(p) for p in raw if isinstance(p, str)][:LIMIT] if isinstance(raw, list) else []

    def add(self, file: Path) -> list[Path]:
        file = Path(file).resolve()
        items = ([file] + [p for p in self.load() if p != file])[:LIMIT]
        vault = self._vault()
        if vault is None:
            self._memory = items
            return items
        try:
            vault.put_json(VAULT_NAME, [str(p) for p in items])
        except (DeskError, OSError):
            self._memory = items  # a read-only profile must not stop the user from working
        return items
