"""Which index the library opens, and with which key.

Per user (default): `<data dir>/library/library.db`, key "library-key" in the OS
keyring (security.keys; the owner-only key file where there is no keyring).

A shared index built by IT (design §11, scale):
1. On a server, create a key file once and keep it where only the department can read it:
       desk-assistant library keygen --key-file \\\\srv\\keys\\lib.key
2. Build and refresh the index there (a scheduled task):
       desk-assistant library --index \\\\srv\\lib\\library.db --key-file \\\\srv\\keys\\lib.key add \\\\srv\\share\\答弁
       desk-assistant library --index … --key-file … reindex
   The index uses a rollback journal (not WAL), so readers on a share need no write access.
3. Clients open it read-only: settings `library.index`, `library.key_file` and
   `library.read_only = true` (or the CLI's --index/--key-file/--read-only). Searching
   and asking work; add/remove/reindex are refused (LibraryReadOnlyError).
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from ...security.keys import KEY_BYTES
from .errors import LibraryKeyFileError
from .library import LIBRARY_KEY, Library, default_index_path


def read_key_file(path: str | os.PathLike) -> bytes:
    try:
        key = base64.b64decode(Path(path).read_text(encoding="ascii").strip(), validate=True)
    except (OSError, ValueError, UnicodeDecodeError):
        raise LibraryKeyFileError(path=str(path)) from None
    if len(key) != KEY_BYTES:
        raise LibraryKeyFileError(path=str(path))
    return key


def write_key_file(path: str | os.PathLike) -> Path:
    """A new random key in an owner-only file (refuses to overwrite: that would orphan an index)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as err:
        raise LibraryKeyFileError(err.strerror or "", path=str(target)) from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii"))
    return target


def open_library(
    security=None,
    settings=None,
    *,
    index: str | None = None,
    key_file: str | None = None,
    read_only: bool | None = None,
    key: bytes | None = None,
) -> Library:
    """The library as the settings (or the arguments, which win) say; retention applied."""

    def setting(name, default):
        return settings.get(name) if settings is not None else default

    path = Path(index or setting("library.index", "") or default_index_path())
    key_file = key_file or setting("library.key_file", "")
    if read_only is None:
        read_only = bool(setting("library.read_only", False))
    if key is None:
        if key_file:
            key = read_key_file(key_file)
        elif security is not None:
            key = security.key(LIBRARY_KEY)
        else:
            from ...security.keys import load_or_create_key

            key = load_or_create_key(LIBRARY_KEY).key
    library = Library.open(path, key, read_only=read_only)
    policy = getattr(security, "policy", None)
    if policy is not None and policy.library_folders:
        library.policy_folders = tuple(
            str(Path(f).expanduser().resolve()) for f in policy.library_folders
        )
    days = getattr(security, "retention_days", None)
    if days and not read_only:
        library.apply_retention(days)
    return library
