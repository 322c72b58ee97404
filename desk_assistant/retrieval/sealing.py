"""What the index file holds instead of plaintext: AES-GCM sealed passages and keyed-hash terms.

Why not SQLCipher: the stdlib `sqlite3` (with FTS5) ships in every CPython
including the Windows build the MSI packs, whereas SQLCipher needs a native
binding (`sqlcipher3` is source-only and needs libsqlcipher + OpenSSL to build;
the Windows wheels come from single-maintainer forks). Here SQLite never sees a
plaintext byte, so its journal, WAL and temp files cannot leak text either.

What an attacker holding the index file (not the key) learns: the number and
sizes of passages and sources, index dates, and for each passage the bag of
term hashes (no order: terms are stored sorted, FTS5 `detail=none` keeps no
positions). Repeated-hash statistics could hint at very common words; they do
not give the text. The key (32 bytes) is the vault key's sibling "library-key"
in the OS keyring (security.keys), or a key file IT distributes for a shared index.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
TERM_BYTES = 8  # 64-bit term ids: collisions among a million distinct terms are ~1e-7 likely


class SealError(Exception):
    """A sealed value did not open (wrong key or a changed file)."""


def _subkey(key: bytes, label: str) -> bytes:
    return hmac.new(key, b"desk-assistant retrieval " + label.encode(), hashlib.sha256).digest()


class Sealer:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("retrieval key must be 32 bytes")
        self._aead = AESGCM(_subkey(key, "passages"))
        self._term_key = _subkey(key, "terms")
        self._check = _subkey(key, "check")
        self._cache: dict[str, str] = {}

    @property
    def key_check(self) -> str:
        """Stored in the index to tell a wrong key from a damaged file."""
        return self._check.hex()[:32]

    def term(self, namespace: str, value: str) -> str:
        """The FTS token for a term: 't' + 16 hex of a keyed BLAKE2b (ASCII, no FTS5 operator)."""
        probe = namespace + "\x00" + value
        token = self._cache.get(probe)
        if token is None:
            digest = hashlib.blake2b(
                probe.encode("utf-8"), key=self._term_key, digest_size=TERM_BYTES
            ).hexdigest()
            token = "t" + digest
            if len(self._cache) < 500_000:
                self._cache[probe] = token
        return token

    def digest(self, value: str) -> str:
        """A keyed hash for exact lookups (source keys, content hashes)."""
        return hmac.new(self._term_key, value.encode("utf-8"), hashlib.sha256).hexdigest()

    def seal(self, value: Any, aad: str) -> bytes:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, data, aad.encode("utf-8"))

    def open(self, blob: bytes, aad: str) -> Any:
        try:
            data = self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad.encode("utf-8"))
        except (InvalidTag, ValueError):
            raise SealError(aad) from None
        return json.loads(data.decode("utf-8"))
