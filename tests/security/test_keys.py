"""Keys: keyring first; a visible, owner-only fallback file; refused when policy forbids."""

from __future__ import annotations

import os
import stat

import keyring
import pytest
from keyring.backends import null

from desk_assistant.errors import KeyMissingError, KeyringUnavailableError
from desk_assistant.security import keys
from desk_assistant.security.policy import Policy


def test_key_is_created_once_in_the_keyring(memory_keyring):
    first = keys.load_or_create_key(keys.VAULT_KEY)
    again = keys.load_or_create_key(keys.VAULT_KEY)
    assert first.source == "keyring" and first.warning is None
    assert len(first.key) == 32 and again.key == first.key
    assert (keys.KEYRING_SERVICE, keys.VAULT_KEY) in memory_keyring.store
    assert not keys.fallback_key_path(keys.VAULT_KEY).exists()
    assert keys.load_or_create_key(keys.AUDIT_KEY).key != first.key


def test_no_keyring_falls_back_to_an_owner_only_file_with_a_warning(no_keyring):
    result = keys.load_or_create_key(keys.VAULT_KEY)
    assert result.source == "file" and result.path == keys.fallback_key_path(keys.VAULT_KEY)
    assert result.warning and str(result.path) in result.warning
    if os.name == "posix":
        assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(result.path.parent.stat().st_mode) == 0o700
    assert keys.load_or_create_key(keys.VAULT_KEY).key == result.key


def test_fallback_refused_under_policy(no_keyring):
    with pytest.raises(KeyringUnavailableError) as info:
        keys.load_or_create_key(keys.VAULT_KEY, Policy(allow_keyring_fallback=False))
    assert "AllowKeyringFallback" in info.value.message("en")
    assert not keys.fallback_key_path(keys.VAULT_KEY).exists()


def test_a_keyring_that_forgets_counts_as_none(home):
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    try:
        result = keys.load_or_create_key(keys.VAULT_KEY)
    finally:
        keyring.set_keyring(previous)
    assert result.source == "file" and result.warning


def test_loosened_key_file_is_tightened(no_keyring):
    path = keys.load_or_create_key(keys.VAULT_KEY).path
    os.chmod(path, 0o644)
    keys.load_or_create_key(keys.VAULT_KEY)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_fallback_key_moves_into_a_keyring_that_appears(home, memory_keyring):
    previous = keyring.get_keyring()
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    file_key = keys.load_or_create_key(keys.VAULT_KEY).key
    keyring.set_keyring(previous)  # the memory keyring again
    moved = keys.load_or_create_key(keys.VAULT_KEY)
    assert moved.source == "keyring" and moved.key == file_key
    assert not keys.fallback_key_path(keys.VAULT_KEY).exists()


def test_create_false_never_invents_a_key(memory_keyring):
    with pytest.raises(KeyMissingError):
        keys.load_or_create_key(keys.AUDIT_KEY, create=False)
    assert memory_keyring.store == {}


def test_create_false_without_keyring(no_keyring):
    with pytest.raises(KeyMissingError):
        keys.load_or_create_key(keys.AUDIT_KEY, create=False)
