"""The vault: named blobs (history, translation memory, job state) encrypted with AES-GCM.

One file per blob. The file name is an HMAC of the blob's name, so a folder
listing reveals nothing; the name is also inside the ciphertext, so swapping
two files is detected. Writes are atomic and the temp file holds ciphertext only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
import time
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .. import paths
from ..errors import VaultDecryptError, VaultNotFoundError, VaultQuarantinedError
from ..fileio import atomic_write_bytes

MAGIC_V1 = b"DAV1"  # read only: no write time inside
MAGIC = b"DAV2"  # the write time is inside the ciphertext (retention never trusts file times)
NONCE_BYTES = 12
SUFFIX = ".dav"
QUARANTINE = "quarantine"


def default_vault_dir() -> Path:
    return paths.data_dir() / "vault"


class Vault:
    def __init__(self, root: str | os.PathLike, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("vault key must be 32 bytes")
        self.root = Path(root)
        self._aead = AESGCM(key)
        self._name_key = hmac.new(key, b"desk-assistant vault file names", hashlib.sha256).digest()

    def path_for(self, name: str) -> Path:
        digest = hmac.new(self._name_key, name.encode("utf-8"), hashlib.sha256).hexdigest()
        return self.root / f"{digest[:40]}{SUFFIX}"

    def put(self, name: str, data: bytes) -> Path:
        encoded = name.encode("utf-8")
        stamp = struct.pack(">Q", int(time.time()))
        plaintext = struct.pack(">H", len(encoded)) + encoded + stamp + data
        nonce = os.urandom(NONCE_BYTES)
        blob = MAGIC + nonce + self._aead.encrypt(nonce, plaintext, MAGIC)
        path = self.path_for(name)
        atomic_write_bytes(path, blob)
        return path

    def get(self, name: str) -> bytes:
        path = self.path_for(name)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise VaultNotFoundError(name=name) from None
        try:
            stored_name, data = self._open(blob, path, name)
            if stored_name != name:  # a file renamed onto another blob's name
                raise VaultDecryptError(name=name, path=str(path))
        except VaultDecryptError:
            # One bad blob must not make every later task fail: move it aside (never
            # delete: the right key may come back) and say where it went.
            moved = self.quarantine(path)
            if moved is None:
                raise
            raise VaultQuarantinedError(
                name=name,
                path=str(path),
                quarantine=str(moved),
                folder=str(self.root),
                original=path.name,
            ) from None
        return data

    def quarantine(self, path: Path) -> Path | None:
        """Move an unreadable blob into root/quarantine; None if it cannot be moved."""
        folder = self.root / QUARANTINE
        target = folder / f"{path.name}.{time.strftime('%Y%m%d-%H%M%S')}"
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            os.replace(path, target)
        except OSError:
            return None
        return target

    def delete(self, name: str) -> bool:
        try:
            self.path_for(name).unlink()
            return True
        except FileNotFoundError:
            return False

    def exists(self, name: str) -> bool:
        return self.path_for(name).exists()

    def names(self) -> list[str]:
        """Names of readable blobs (unreadable ones are skipped; `get` reports them)."""
        found = []
        for path in sorted(self.root.glob(f"*{SUFFIX}")):
            try:
                found.append(self._open(path.read_bytes(), path, path.name)[0])
            except (OSError, VaultDecryptError):
                continue
        return sorted(found)

    def put_json(self, name: str, value: Any) -> Path:
        return self.put(name, json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def get_json(self, name: str) -> Any:
        return json.loads(self.get(name).decode("utf-8"))

    def purge_older_than(self, days: int, now: float | None = None) -> list[Path]:
        """Delete blobs not written for `days` days; needs no key (see retention.py)."""
        from .retention import purge_folder

        return purge_folder(self.root, days, now=now)

    def _open(self, blob: bytes, path: Path, name: str) -> tuple[str, bytes]:
        stored, _written, data = self._open_meta(blob, path, name)
        return stored, data

    def _open_meta(self, blob: bytes, path: Path, name: str) -> tuple[str, int | None, bytes]:
        """(stored name, write time from inside the ciphertext or None for DAV1, data)."""
        magic = blob[: len(MAGIC)]
        head = len(MAGIC) + NONCE_BYTES
        if len(blob) < head + 16 or magic not in (MAGIC, MAGIC_V1):
            raise VaultDecryptError(name=name, path=str(path))
        try:
            plaintext = self._aead.decrypt(blob[len(MAGIC) : head], blob[head:], magic)
        except InvalidTag:
            raise VaultDecryptError(name=name, path=str(path)) from None
        (length,) = struct.unpack(">H", plaintext[:2])
        stored = plaintext[2 : 2 + length].decode("utf-8")
        rest = plaintext[2 + length :]
        if magic == MAGIC_V1:
            return stored, None, rest
        (written,) = struct.unpack(">Q", rest[:8])
        return stored, written, rest[8:]

    def apply_retention(self, days: int | None, now: float | None = None) -> list[str]:
        """Retention by the times inside the ciphertext, entry by entry (F12).

        The keyless start-up purge goes by file times, which every rewrite renews
        (the translation memory is rewritten by each translation) and `touch` sets.
        Here: a blob whose JSON keeps per-entry times ({"entries": {k: {"time": t}}},
        the translation memory) loses its old entries; a job state goes by its
        "updated"; any other blob by its write time inside the ciphertext (DAV1
        blobs: the older of mtime and ctime; ctime cannot be set back by the user).
        Returns the names of the blobs deleted or pruned."""
        if not days:
            return []
        now = time.time() if now is None else now
        cutoff = now - days * 86400
        changed: list[str] = []
        for path in sorted(self.root.glob(f"*{SUFFIX}")):
            try:
                name, written, data = self._open_meta(path.read_bytes(), path, path.name)
                if written is None:
                    info = path.stat()
                    written = int(min(info.st_mtime, info.st_ctime))
            except (OSError, VaultDecryptError):
                continue  # unreadable blobs are reported (and quarantined) by get()
            if self._retain(name, written, data, cutoff):
                changed.append(name)
        return changed

    def _retain(self, name: str, written: int, data: bytes, cutoff: float) -> bool:
        try:
            value = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            value = None
        if isinstance(value, dict) and isinstance(value.get("entries"), dict):
            entries = value["entries"]
            kept = {
                key: entry
                for key, entry in entries.items()
                if not (isinstance(entry, dict) and isinstance(entry.get("time"), (int, float)))
                or entry["time"] >= cutoff
            }
            if len(kept) == len(entries):
                return False
            self.put_json(name, {**value, "entries": kept})
            return True
        if isinstance(value, dict) and isinstance(value.get("updated"), (int, float)):
            stamp = value["updated"]
        else:
            stamp = written
        if stamp < cutoff:
            self.delete(name)
            return True
        return False
