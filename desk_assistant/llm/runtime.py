"""From a model choice to a loaded engine: find, verify, load.

Tasks, the CLI and the GUI all open models through here, so every load gets the
same checks (file present, GGUF, SHA-256 against the catalog, memory).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import i18n, paths
from ..errors import HashMismatchError, ModelLoadError
from ..settings import Settings
from . import integrity
from .catalog import ModelInfo, choose_for_role, discover, load_catalog
from .engine import Engine, LoadOptions, ModelRuntimeInfo
from .host import ProcessEngine


@dataclass
class OpenModel:
    info: ModelInfo
    engine: Engine
    runtime: ModelRuntimeInfo
    sha256: str
    # The inference server's URL when the engine is remote; the audit log names it.
    endpoint: str | None = None

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> OpenModel:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def extra_model_dirs(settings: Settings) -> list[Path]:
    """The setting (or IT policy ModelDirectory), then the MSI's MODELDIR."""
    folders = []
    folder = settings.get("models.directory")
    if folder:
        folders.append(Path(folder))
    installed = paths.installed_model_dir()
    if installed is not None:
        folders.append(installed)
    return folders


def available_models(settings: Settings) -> list[ModelInfo]:
    return discover(extra_model_dirs(settings))


def resolve_model(model: str | None, role: str, settings: Settings) -> ModelInfo:
    """--model wins, then the per-role setting, then the best model for the role."""
    preferred = model or settings.get(f"models.{role}") or ""
    return choose_for_role(role, available_models(settings), preferred)


def verify_model(info: ModelInfo, progress: Callable[[int, int], None] | None = None) -> str:
    """SHA-256 of the file; raises HashMismatchError when the catalog knows another hash."""
    if info.expected_sha256:
        return integrity.verify_sha256(info.path, info.expected_sha256, progress)
    return integrity.file_sha256(info.path, progress)


def load_options(settings: Settings) -> LoadOptions:
    return LoadOptions(
        n_ctx=settings.get("engine.n_ctx"),
        n_threads=settings.get("engine.threads"),
        n_gpu_layers=settings.get("engine.gpu_layers"),
        n_seq=settings.get("engine.parallel"),
    )


def open_model(
    info: ModelInfo,
    settings: Settings,
    engine: Engine | None = None,
    progress: Callable[[int, int], None] | None = None,
    policy=None,
) -> OpenModel:
    """Verify (hash, IT allow-list), then load. `policy`: security.policy.Policy or None."""
    if policy is not None and policy.require_model_hash:
        return _open_enforced(info, settings, engine, progress, policy)
    sha = verify_model(info, progress) if settings.get("engine.verify_hash") else ""
    engine = engine or ProcessEngine()
    try:
        runtime = engine.load(info.path, load_options(settings))
    except BaseException:
        engine.close()
        raise
    return OpenModel(info=info, engine=engine, runtime=runtime, sha256=sha)


def _open_enforced(
    info: ModelInfo,
    settings: Settings,
    engine: Engine | None,
    progress: Callable[[int, int], None] | None,
    policy,
) -> OpenModel:
    """RequireModelHash: hash the whole file at this load (never the user-writable
    cache), streamed on a thread while the child loads, and refuse before any token.

    The file's identity (inode, size, mtime, ctime) must be the same before the
    hash and after the load, so a file swapped or rewritten meanwhile is refused.
    """
    from ..security.allowlist import check_model_allowed

    before = integrity.file_identity(info.path)
    result: dict = {}
    stop = threading.Event()  # a failed load need not wait for a 5 GB hash

    def report(done: int, total: int) -> None:
        if stop.is_set():
            raise InterruptedError("model hash stopped: the load failed")
        if progress is not None:
            progress(done, total)

    def hash_file() -> None:
        try:
            result["sha"] = integrity.fresh_sha256(info.path, report)
        except BaseException as err:  # noqa: BLE001 - handed to the caller below
            result["error"] = err

    hasher = threading.Thread(target=hash_file, name="model-hash", daemon=True)
    hasher.start()
    engine = engine or ProcessEngine()
    try:
        runtime = engine.load(info.path, load_options(settings))
        hasher.join()
        if "error" in result:
            raise result["error"]
        sha = result["sha"]
        if integrity.file_identity(info.path) != before:
            raise ModelLoadError(
                i18n.tr(
                    "読み込み中にファイルが置き換えられました",
                    "the file was replaced while it was loading",
                ),
                path=str(info.path),
            )
        if info.expected_sha256 and sha.lower() != info.expected_sha256.lower():
            raise HashMismatchError(
                path=str(info.path), expected=info.expected_sha256.lower(), actual=sha
            )
        catalog_hashes = [e.sha256 for e in load_catalog() if e.sha256]
        check_model_allowed(info.path, sha, policy, catalog_hashes)
    except BaseException:
        stop.set()
        engine.close()
        hasher.join()
        raise
    return OpenModel(info=info, engine=engine, runtime=runtime, sha256=sha)
