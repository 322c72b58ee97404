"""Data keys: kept in the OS keyring; an explicit, visible key-file fallback when there is none.

Headless Linux has no keyring backend (keyring raises NoKeyringError). Then,
unless policy AllowKeyringFallback is false, the key lives in an owner-only
file (0600, folder 0700) in the config folder and the caller gets a warning to
show. A key created in the fallback file moves into the keyring once one
appears, so data stays readable.

The backend is chosen here, by platform (Windows Credential Manager, macOS
Keychain, Secret Service), never by keyring's own discovery: that reads the
user's keyringrc.cfg and PYTHON_KEYRING_BACKEND (either can load the user's
code into the app and report "keyring" for a store that is not one) and, while
probing every installed backend, starts ldconfig/gcc through
ctypes.util.find_library. Outside production a backend set in-process with
keyring.set_keyring() (tests) is honoured; in production only the platform's.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import deployment, i18n, paths
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
        backend = _backend()
    except _NoKeyring as err:  # reporting only
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


_PLATFORM_BACKEND = None


def _platform_backend_class():
    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring

        return WinVaultKeyring
    if sys.platform == "darwin":
        from keyring.backends.macOS import Keyring

        return Keyring
    from keyring.backends.SecretService import Keyring

    return Keyring


def _backend():
    """The keyring backend: one set in-process, else the platform's own; never the
    user's configuration (see the module docstring)."""
    global _PLATFORM_BACKEND
    try:
        import keyring.core
    except ImportError as err:  # packaging mistake: treat like a missing backend
        raise _NoKeyring(f"keyring not installed: {err}") from None
    chosen = getattr(keyring.core, "_keyring_backend", None)  # keyring.set_keyring()
    if chosen is not None and not deployment.production():
        return chosen
    if _PLATFORM_BACKEND is None:
        try:
            cls = _platform_backend_class()
            if cls.priority <= 0:  # raises RuntimeError where the store cannot work
                raise RuntimeError(f"{cls.__name__} not usable here")
        except Exception as err:  # ImportError, RuntimeError from priority, dbus errors
            raise _NoKeyring(f"{type(err).__name__}: {err}") from None
        _PLATFORM_BACKEND = cls()
    return _PLATFORM_BACKEND


def _keyring_get(name: str) -> bytes | None:
    backend = _backend()
    try:
        stored = backend.get_password(KEYRING_SERVICE, name)
    except Exception as err:  # backends raise their own error types (dbus, Security.framework)
        raise _NoKeyring(f"{type(err).__name__}: {err}") from None
    if stored is None:
        return None
    return _decode(stored, f"keyring {KEYRING_SERVICE}/{name}")


def _keyring_set(name: str, key: bytes) -> None:
    backend = _backend()
    try:
        backend.set_password(KEYRING_SERVICE, name, _encode(key))
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
        return _decode(_unwrap(path.read_text(encoding="ascii"), path), str(path))
    except (OSError, UnicodeDecodeError, ValueError):
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
        handle.write(_wrap(_encode(key)))
        handle.flush()
        os.fsync(handle.fileno())
    return key


# -- DPAPI (Windows): the key file is sealed to the user's logon credentials -------
# Copied to another account or PC, or read while the user is not logged on, it is
# useless; a plain file would not be. Not a defence against code running as the
# user (it can call CryptUnprotectData too): see security.md.

DPAPI_PREFIX = "dpapi:"


def dpapi_available() -> bool:
    return os.name == "nt"


def _wrap(text: str) -> str:
    if not dpapi_available():
        return text
    return DPAPI_PREFIX + base64.b64encode(dpapi_protect(text.encode("ascii"))).decode("ascii")


def _unwrap(text: str, path: Path) -> str:
    text = text.strip()
    if text.startswith(DPAPI_PREFIX):
        if not dpapi_available():
            raise ValueError("a DPAPI-sealed key file can only be opened on Windows")
        return dpapi_unprotect(base64.b64decode(text[len(DPAPI_PREFIX) :])).decode("ascii")
    return text  # a plain key file (Linux/macOS fallback, or written by an older version)


def _blob_type():
    import ctypes
    from ctypes import wintypes

    class DataBlob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    return DataBlob


def _dpapi_call(function_name: str, data: bytes) -> bytes:  # pragma: no cover - Windows only
    import ctypes

    blob_type = _blob_type()
    buffer = ctypes.create_string_buffer(data, len(data))
    source = blob_type(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
    result = blob_type()
    crypt32 = ctypes.windll.crypt32
    function = getattr(crypt32, function_name)
    # (in, description, entropy, reserved, prompt, flags=CRYPTPROTECT_UI_FORBIDDEN, out)
    if not function(ctypes.byref(source), None, None, None, None, 0x1, ctypes.byref(result)):
        raise OSError(f"{function_name} failed")
    try:
        return ctypes.string_at(result.pbData, result.cbData)
    finally:
        ctypes.windll.kernel32.LocalFree(result.pbData)


def dpapi_protect(data: bytes) -> bytes:
    """CryptProtectData, user scope (no CRYPTPROTECT_LOCAL_MACHINE flag)."""
    return _dpapi_call("CryptProtectData", data)


def dpapi_unprotect(data: bytes) -> bytes:
    return _dpapi_call("CryptUnprotectData", data)


def _fallback_warning(path: Path) -> str:
    return i18n.tr(
        f"警告: OS の資格情報ストア（キーリング）が使えないため、暗号鍵を本人だけが読めるファイル {path} に保存しています。"
        "同じ利用者として動くプログラムからは読めるため、キーリングより保護が弱くなります。",
        f"Warning: the OS credential store (keyring) is unavailable, so the encryption key is kept in "
        f"the owner-only file {path}. Programs running as the same user can read it; this is weaker "
        "than the keyring.",
    )


# -- one fallback warning per login session ------------------------------------


def login_session_id() -> str:
    """Changes at each login (Linux audit session) or at least at each boot."""
    for source in ("/proc/self/sessionid", "/proc/sys/kernel/random/boot_id"):
        try:
            value = Path(source).read_text(encoding="ascii").strip()
        except OSError:
            continue
        if value and value != "4294967295":  # "unset" audit session
            return f"{source}:{value}"
    if sys.platform == "win32":
        import ctypes

        uptime_ms = ctypes.windll.kernel32.GetTickCount64
        uptime_ms.restype = ctypes.c_ulonglong
        import time

        return f"boot:{int((time.time() - uptime_ms() / 1000) // 60)}"
    return f"pid-session:{os.getsid(0) if hasattr(os, 'getsid') else os.getpid()}"


def fallback_warning_due(name: str) -> bool:
    """True the first time in this login session that key `name` comes from the file:
    the warning is shown then, not at every command (it is always in selftest's report)."""
    marker = paths.cache_dir() / "keyring-fallback-warned.txt"
    entry = f"{login_session_id()} {name}"
    try:
        seen = marker.read_text(encoding="utf-8").splitlines()
    except OSError:
        seen = []
    if entry in seen:
        return False
    session = login_session_id()
    kept = [line for line in seen if line.startswith(session + " ")]  # drop old sessions
    with contextlib.suppress(OSError):
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text("\n".join([*kept, entry]) + "\n", encoding="utf-8")
    return True
