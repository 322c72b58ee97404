"""The inference server's API key: in the OS credential store, nowhere else.

Windows: the Credential Manager (its secrets are DPAPI-protected for the user);
macOS: the Keychain; Linux: Secret Service. Service DeskAssistant, name
remote-engine-api-key. There is deliberately no file fallback (unlike the data
keys in keys.py): a server key in a file would be a credential anyone copying
the profile could use from another PC, and the server can always be reached
without one where IT does not require it. Headless Linux (no keyring backend)
gets RemoteKeyringUnavailableError, which says so in JA/EN.
"""

from __future__ import annotations

from ..errors import RemoteKeyringUnavailableError
from . import keys

API_KEY_NAME = "remote-engine-api-key"
MAX_KEY_CHARS = 4096  # a bearer token; anything longer is a paste mistake


def _backend():
    try:
        return keys._backend()
    except keys._NoKeyring as err:
        raise RemoteKeyringUnavailableError(reason=str(err)) from None


def store_api_key(key: str) -> None:
    """Store (or replace) the key; checked by reading it back."""
    backend = _backend()
    try:
        backend.set_password(keys.KEYRING_SERVICE, API_KEY_NAME, key)
        kept = backend.get_password(keys.KEYRING_SERVICE, API_KEY_NAME)
    except Exception as err:  # backends raise their own types (dbus, NoKeyringError)
        raise RemoteKeyringUnavailableError(reason=type(err).__name__) from None
    if kept != key:  # the null backend accepts and forgets
        raise RemoteKeyringUnavailableError(reason="the keyring did not keep the key")


def clear_api_key() -> bool:
    """Remove the key; False when none was stored."""
    backend = _backend()
    try:
        if backend.get_password(keys.KEYRING_SERVICE, API_KEY_NAME) is None:
            return False
        backend.delete_password(keys.KEYRING_SERVICE, API_KEY_NAME)
    except Exception as err:
        raise RemoteKeyringUnavailableError(reason=type(err).__name__) from None
    return True


def read_api_key() -> str | None:
    """The stored key, or None (none stored, or no keyring: the server may need none)."""
    try:
        return _backend().get_password(keys.KEYRING_SERVICE, API_KEY_NAME) or None
    except Exception:  # noqa: BLE001 - reading never stops a run; the server says 401
        return None


def api_key_state() -> str:
    """ "stored", "none" or "no-keyring" (for status reports; never the key)."""
    try:
        stored = _backend().get_password(keys.KEYRING_SERVICE, API_KEY_NAME)
    except Exception:  # noqa: BLE001
        return "no-keyring"
    return "stored" if stored else "none"
