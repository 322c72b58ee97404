import hashlib
import os

import pytest

from desk_assistant.errors import HashMismatchError
from desk_assistant.llm import integrity


def test_hash_is_cached_by_path_size_and_mtime(tmp_path, monkeypatch):
    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF" + b"x" * 1000)
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    assert integrity.cached_sha256(path) is None
    assert integrity.file_sha256(path) == expected
    assert integrity.cached_sha256(path) == expected

    # A cached answer must not read the file again.
    calls = []
    real_open = open

    def counting_open(*args, **kwargs):
        calls.append(args[0])
        return real_open(*args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    assert integrity.file_sha256(path) == expected
    assert str(path) not in [str(c) for c in calls]
    monkeypatch.undo()

    # Same size, new content and mtime: the cache entry no longer applies.
    path.write_bytes(b"GGUF" + b"y" * 1000)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    assert integrity.cached_sha256(path) is None
    assert integrity.file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_mismatch_names_file_and_both_hashes(tmp_path):
    path = tmp_path / "tampered.gguf"
    path.write_bytes(b"GGUF tampered")
    with pytest.raises(HashMismatchError) as info:
        integrity.verify_sha256(path, "ab" * 32)
    actual = hashlib.sha256(b"GGUF tampered").hexdigest()
    for lang in ("ja", "en"):
        text = info.value.message(lang)
        assert str(path) in text and "ab" * 32 in text and actual in text
    assert "SHA-256" in info.value.message("ja")


def test_progress_reports_bytes(tmp_path):
    path = tmp_path / "big.gguf"
    path.write_bytes(b"0" * (integrity.CHUNK + 10))
    seen = []
    integrity.file_sha256(path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (integrity.CHUNK + 10, integrity.CHUNK + 10) and len(seen) == 2
