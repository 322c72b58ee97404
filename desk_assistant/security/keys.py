"""Data keys: kept in the OS keyring; an explicit, visible key-file fallback when there is none.

Headless Linux has no keyring backend (keyring raises NoKeyringError). Then,
unless policy AllowKeyringFallback is false, the key lives in an owner-only
file (0600, folder 0700) in the config folder and the caller gets a warning to
show. A key created in the fallback file moves into the keyring once one
appears, so data stays readable.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from .. import i18n, paths
from ..errors import KeyFileError, KeyMissingError, KeyringUnavailableError
from .policy import Policy

KEYRING_SERVICE = "DeskAssistant"
KEY_BYTES = 32  # AES-256 / HMAC-SHA256

VAULT_KEY = "vault-key"
AUDIT_KEY = "audit-hmac-key"


@dataclass(frozen=True)
class KeyResult:
    key: bytes
    source: str  # "keyring" | "file"
    warning: str | None = None  # to show the user (stderr / GUI banner) when set
    path: Path | None = None  # the fallback file, when source == "file"


def fallback_key_path(name: str) -> Path:
    return paths.config_dir() / "keys" / f"{name}.key"


def keyring_backend_name() -> str:
    try:
        backend = _keyring().get_keyring()
    except Exception as err:  # reporting only
        return f"unavailable ({err})"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def load_or_create_key(
    name: str, policy: Policy | None = None, *, create: bool = True
) -> KeyResult:
    """The key called `name` (keyring first, then the fallback file), created on first use.

    `create=False` (verifying existing data) raises KeyMissingError instead of
    making a new key that could only report every record as tampered.
    """
    policy = policy or Policy()
    file_path = fallback_key_path(name)
    try:
        key = _keyring_get(name)
        if key is None and file_path.exists():
            key = _migrate_file_to_keyring(name, file_path)
        if key is None and not create:
            raise KeyMissingError(name=name)
        if key is None:
            key = secrets.token_bytes(KEY_BYTES)
            _keyring_set(name, key)
            if _keyring_get(name) != key:  # e.g. the null backend accepts and forgets
                raise _NoKeyring("the keyring did not keep the key")
        return KeyResult(key, "keyring")
    except _NoKeyring as err:
        if not policy.allow_keyring_fallback:
            raise KeyringUnavailableError(str(err), name=name) from None
        if not create and not file_path.exists():
            raise KeyMissingError(name=name) from None
        key = _read_or_create_key_file(file_path)
        return KeyResult(key, "file", _fallback_warning(file_path), file_path)


class _NoKeyring(Exception):
    pass


def _keyring():
    try:
        import keyring
    except ImportError as err:  # packaging mistake: treat like a missing backend
        raise _NoKeyring(f"keyring not installed: {err}") from None
    return keyring


def _keyring_get(name: str) -> bytes | None:
    keyring = _keyring()
    try:
        stored = keyring.get_password(KEYRING_SERVICE, name)
    except Exception as err:  # backends raise their own error types (dbus, Security.framework)
        raise _NoKeyring(f"{type(err).__name__}: {err}") from None
    if stored is None:
        return None
    return _decode(stored, f"keyring {KEYRING_SERVICE}/{name}")


def _keyring_set(name: str, key: bytes) -> None:
    keyring = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, name, _encode(key))
    except Exception as err:
        raise _NoKeyring(f"{type(err).__name__}: {err}") from None


def _migrate_file_to_keyring(name: str, file_path: Path) -> bytes:
    key = _read_key_file(file_path)
    _keyring_set(name, key)
    if _keyring_get(name) == key:
        with contextlib.suppress(OSError):
            file_path.unlink()
    return key


def _encode(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def _decode(text: str, where: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        raise KeyFileError(path=where) from None
    if len(key) != KEY_BYTES:
        raise KeyFileError(path=where)
    return key


def _read_key_file(path: Path) -> bytes:
    try:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # someone loosened it: tighten before use
        return _decode(path.read_text(encoding="ascii"), str(path))
    except (OSError, UnicodeDecodeError):
        raise KeyFileError(path=str(path)) from None


def _read_or_create_key_file(path: Path) -> bytes:
    if path.exists():
        return _read_key_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(path.parent, 0o700)
        key = secrets.token_bytes(KEY_BYTES)
        # O_EXCL: two processes starting at once must not each write a different key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key_file(path)
    except OSError:
        raise KeyFileError(path=str(path)) from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(_encode(key))
        handle.flush()
        os.fsync(handle.fileno())
    return key


def _fallback_warning(path: Path) -> str:
    return i18n.tr(
        f"警告: OS の資格情報ストア（キーリング）が使えないため、暗号鍵を本人だけが読めるファイル {path} に保存しています。"
        "同じ利用者として動くプログラムからは読めるため、キーリングより保護が弱くなります。",
        f"Warning: the OS credential store (keyring) is unavailable, so the encryption key is kept in "
        f"the owner-only file {path}. Programs running as the same user can read it; this is weaker "
        "than the keyring.",
    )
