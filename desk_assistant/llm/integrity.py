"""SHA-256 of model files, cached by (path, size, mtime, ctime, inode) so a 5 GB model
is hashed once for the catalog check.

The cache lives in the user's folder, so the user can edit it: it is a speed-up
for the catalog check only. Under policy RequireModelHash the allow-list
decision never reads it (`fresh_sha256`, llm/runtime.py hashes at every load).
ctime and inode are in the key because `touch -r` restores an mtime but not a
ctime: a same-size replacement with its mtime restored is hashed again.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from .. import paths
from ..errors import HashMismatchError, ModelNotFoundError
from ..fileio import atomic_write_text, sha256_file

_lock = threading.Lock()
CHUNK = 4 * 1024 * 1024


def _cache_file() -> Path:
    return paths.cache_dir() / "model_hashes.json"


def _load_cache() -> dict:
    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def file_identity(path: Path) -> tuple[int, int, int, int, int]:
    """(device, inode, size, mtime, ctime): changes when the file is replaced or written."""
    try:
        st = Path(path).stat()
    except OSError:
        raise ModelNotFoundError(path=str(path)) from None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _fingerprint(path: Path) -> tuple[str, int, int, int, int]:
    _dev, inode, size, mtime, ctime = file_identity(path)
    return str(path.resolve()), size, mtime, ctime, inode


def cached_sha256(path: Path) -> str | None:
    """The cached hash if the file is unchanged since it was hashed, else None."""
    key, size, mtime, ctime, inode = _fingerprint(Path(path))
    entry = _load_cache().get(key)
    if (
        entry
        and entry.get("size") == size
        and entry.get("mtime_ns") == mtime
        and entry.get("ctime_ns") == ctime
        and entry.get("inode") == inode
    ):
        return entry.get("sha256")
    return None


def fresh_sha256(path: Path, progress=None) -> str:
    """Hash the file now, whatever the cache says (the allow-list decision)."""
    path = Path(path)
    file_identity(path)  # ModelNotFoundError rather than a bare OSError
    return sha256_file(path, progress, CHUNK)


def file_sha256(path: Path, progress=None) -> str:
    """Hash the file (or take the cached value). `progress(done_bytes, total_bytes)`."""
    path = Path(path)
    cached = cached_sha256(path)
    if cached:
        return cached
    key, size, mtime, ctime, inode = _fingerprint(path)
    value = sha256_file(path, progress, CHUNK)
    with _lock:
        cache = _load_cache()
        cache[key] = {
            "size": size,
            "mtime_ns": mtime,
            "ctime_ns": ctime,
            "inode": inode,
            "sha256": value,
        }
        try:
            atomic_write_text(_cache_file(), json.dumps(cache, indent=1))
        except OSError:
            pass  # a read-only cache folder only costs a re-hash next time
    return value


def verify_sha256(path: Path, expected: str, progress=None) -> str:
    actual = file_sha256(path, progress)
    if actual.lower() != expected.lower():
        raise HashMismatchError(path=str(path), expected=expected.lower(), actual=actual)
    return actual


def forget(path: Path) -> None:
    """Drop a cache entry (tests, or after a file is replaced in place)."""
    with _lock:
        cache = _load_cache()
        if cache.pop(str(Path(path).resolve()), None) is not None:
            atomic_write_text(_cache_file(), json.dumps(cache, indent=1))


__all__ = ["file_sha256", "fresh_sha256", "verify_sha256", "cached_sha256", "forget"]
