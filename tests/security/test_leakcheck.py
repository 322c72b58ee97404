"""The plaintext finder the end-to-end tests rely on must itself find plaintext."""

from __future__ import annotations

from desk_assistant.security.leakcheck import app_folders, find_plaintext
from desk_assistant.security.vault import Vault

SENTINEL = "機密センチネル-7Q"


def test_finds_the_sentinel_in_any_common_encoding(home, tmp_path):
    folders = app_folders()
    assert all(f.is_relative_to(home) for f in folders)
    for folder, encoding in zip(folders, ("utf-8", "utf-16-le", "cp932", "euc-jp"), strict=True):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"leak-{encoding}.bin").write_bytes(b"xx" + SENTINEL.encode(encoding) + b"yy")
    found = find_plaintext(SENTINEL)
    assert sorted(enc for _p, enc in found) == sorted(["utf-8", "utf-16-le", "cp932", "euc-jp"])


def test_encrypted_vault_leaves_no_plaintext(home):
    vault = Vault(home / "data" / "vault", bytes(32))
    vault.put("history/1", SENTINEL.encode("utf-8") * 50)
    assert find_plaintext(SENTINEL) == []
    (home / "cache").mkdir()
    (home / "cache" / "oops.txt").write_text(SENTINEL, encoding="utf-8")
    assert [p.name for p, _e in find_plaintext(SENTINEL)] == ["oops.txt"]
