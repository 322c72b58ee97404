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
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .. import paths
from ..errors import VaultDecryptError, VaultNotFoundError, VaultQuarantinedError
from ..fileio import atomic_write_bytes

MAGIC = b"DAV1"
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
        plaintext = struct.pack(">H", len(encoded)) + encoded + data
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
        import time

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
        head = len(MAGIC) + NONCE_BYTES
        if len(blob) < head + 16 or not blob.startswith(MAGIC):
            raise VaultDecryptError(name=name, path=str(path))
        try:
            plaintext = self._aead.decrypt(blob[len(MAGIC) : head], blob[head:], MAGIC)
        except InvalidTag:
            raise VaultDecryptError(name=name, path=str(path)) from None
        (length,) = struct.unpack(">H", plaintext[:2])
        return plaintext[2 : 2 + length].decode("utf-8"), plaintext[2 + length :]
