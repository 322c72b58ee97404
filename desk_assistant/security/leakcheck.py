"""Find plaintext left behind: used by end-to-end tests and selftest to prove that a
sentinel planted in a document appears nowhere under the app's own folders."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .. import paths

# Encodings a Japanese document's text could be written in by some library.
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "cp932", "euc-jp")


def app_folders() -> list[Path]:
    return [paths.data_dir(), paths.config_dir(), paths.cache_dir(), paths.log_dir()]


def find_plaintext(
    needle: str, roots: Iterable[str | os.PathLike] | None = None
) -> list[tuple[Path, str]]:
    """(file, encoding) for every file under `roots` (default: the app folders) that
    contains `needle` in one of ENCODINGS."""
    patterns = {}
    for encoding in ENCODINGS:
        try:
            patterns.setdefault(needle.encode(encoding), encoding)
        except UnicodeEncodeError:
            continue
    found: list[tuple[Path, str]] = []
    for root in app_folders() if roots is None else [Path(r) for r in roots]:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.is_symlink():
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            for pattern, encoding in patterns.items():
                if pattern in data:
                    found.append((path, encoding))
                    break
    return found
