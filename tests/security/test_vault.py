"""Vault: AES-GCM round trip, wrong key, tampering, names hidden, retention."""

from __future__ import annotations

import os
import time

import pytest

from desk_assistant.errors import VaultDecryptError, VaultNotFoundError
from desk_assistant.security.retention import purge_folder
from desk_assistant.security.vault import Vault

KEY = os.urandom(32)
SECRET = "人事異動案（機密性2）SENTINEL-42".encode()


@pytest.fixture
def vault(tmp_path) -> Vault:
    return Vault(tmp_path / "vault", KEY)


def test_round_trip_and_json(vault):
    vault.put("history/2026-11-28", SECRET)
    vault.put_json("jobs/1", {"segments": ["一", "二"], "done": 1})
    assert vault.get("history/2026-11-28") == SECRET
    assert vault.get_json("jobs/1") == {"segments": ["一", "二"], "done": 1}
    assert vault.names() == ["history/2026-11-28", "jobs/1"]


def test_nothing_readable_on_disk(vault):
    path = vault.put("history/人事異動", SECRET)
    raw = path.read_bytes()
    assert SECRET not in raw and "人事異動".encode() not in path.name.encode()
    assert not any(b"SENTINEL" in p.read_bytes() for p in vault.root.iterdir())


def test_wrong_key_fails_clearly(vault):
    vault.put("tm", SECRET)
    other = Vault(vault.root, os.urandom(32))
    # same file name is derived from the key, so look the file up with the right name
    other_path = vault.path_for("tm")
    with pytest.raises(VaultDecryptError) as info:
        other._open(other_path.read_bytes(), other_path, "tm")
    assert "tm" in info.value.message("en") and "wrong key" in info.value.message("en")
    assert other.names() == []  # unreadable blobs are skipped, not shown as garbage


def test_wrong_key_via_get(vault, tmp_path):
    vault.put("tm", SECRET)
    other = Vault(vault.root, os.urandom(32))
    other.path_for("tm").write_bytes(vault.path_for("tm").read_bytes())
    with pytest.raises(VaultDecryptError):
        other.get("tm")


def test_tampered_blob_fails(vault):
    path = vault.put("tm", SECRET)
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(VaultDecryptError):
        vault.get("tm")


def test_swapped_files_are_detected(vault):
    a = vault.put("a", b"one")
    b = vault.put("b", b"two")
    a_bytes = a.read_bytes()
    a.write_bytes(b.read_bytes())
    b.write_bytes(a_bytes)
    with pytest.raises(VaultDecryptError):
        vault.get("a")


def test_missing_and_delete(vault):
    with pytest.raises(VaultNotFoundError):
        vault.get("nothing")
    vault.put("x", b"1")
    assert vault.exists("x") and vault.delete("x") and not vault.exists("x")
    assert vault.delete("x") is False


def test_retention_purges_old_blobs_only(vault):
    old = vault.put("old", b"1")
    new = vault.put("new", b"2")
    now = time.time()
    os.utime(old, (now - 40 * 86400, now - 40 * 86400))
    os.utime(new, (now - 5 * 86400, now - 5 * 86400))
    deleted = vault.purge_older_than(30, now=now)
    assert deleted == [old]
    assert vault.names() == ["new"]


def test_retention_zero_keeps_everything_but_stale_temp_files(tmp_path):
    root = tmp_path / "v"
    root.mkdir()
    now = time.time()
    keep = root / "a.dav"
    keep.write_bytes(b"x")
    os.utime(keep, (now - 9999 * 86400,) * 2)
    stale = root / ".a.dav.123.tmp"
    stale.write_bytes(b"x")
    os.utime(stale, (now - 7200,) * 2)
    fresh = root / ".b.dav.456.tmp"
    fresh.write_bytes(b"x")
    assert purge_folder(root, 0, now=now) == [stale]
    assert keep.exists() and fresh.exists()
