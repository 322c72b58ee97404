"""SHA-256 of model files, cached by (path, size, mtime) so a 5 GB model is hashed once."""

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


def _fingerprint(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        raise ModelNotFoundError(path=str(path)) from None
    return str(path.resolve()), st.st_size, st.st_mtime_ns


def cached_sha256(path: Path) -> str | None:
    """The cached hash if the file is unchanged since it was hashed, else None."""
    key, size, mtime = _fingerprint(Path(path))
    entry = _load_cache().get(key)
    if entry and entry.get("size") == size and entry.get("mtime_ns") == mtime:
        return entry.get("sha256")
    return None


def file_sha256(path: Path, progress=None) -> str:
    """Hash the file (or take the cached value). `progress(done_bytes, total_bytes)`."""
    path = Path(path)
    cached = cached_sha256(path)
    if cached:
        return cached
    key, size, mtime = _fingerprint(path)
    value = sha256_file(path, progress, CHUNK)
    with _lock:
        cache = _load_cache()
        cache[key] = {"size": size, "mtime_ns": mtime, "sha256": value}
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


__all__ = ["file_sha256", "verify_sha256", "cached_sha256", "forget"]
