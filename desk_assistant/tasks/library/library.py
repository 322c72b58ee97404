"""The library: folders of documents and Diet records, kept in one sealed index.

    lib = Library.open(path, key)                # or Library.open_default(security)
    lib.add_folder("/share/答弁"); lib.reindex(progress=cb, cancel=token)
    lib.search("部活動の地域移行", Filters(...))

Re-indexing is incremental: a file whose size and time are unchanged is skipped,
one whose content hash is unchanged only gets its new time, a changed or new
file is read again, a vanished file is dropped. Each file is one transaction, so
a cancelled or crashed run resumes where it stopped when run again.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import i18n, paths
from ...errors import Cancelled, DeskError
from ...llm.engine import CancelToken
from ...retrieval import Filters, Hit, Index, NotAnIndexError, WrongKeyError
from ...retrieval import ReadOnlyIndexError as _ReadOnly
from .errors import (
    LibraryIndexDamagedError,
    LibraryReadOnlyError,
    LibraryWrongKeyError,
    NotAFolderError,
    PolicyFolderError,
)
from .sources import SUFFIXES, is_candidate, read_passages

LIBRARY_KEY = "library-key"
FOLDERS = "folders"
FAILED = "failed"

# progress(done_bytes, total_bytes, files_done, files_total, current_path, eta_seconds)
ProgressFn = Callable[[int, int, int, int, str, float | None], None]


def default_index_path() -> Path:
    return paths.data_dir() / "library" / "library.db"


@dataclass
class ReindexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    passages: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)  # {"path", "reason"}
    cancelled: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "passages": self.passages,
            "failed": self.failed,
            "cancelled": self.cancelled,
            "seconds": round(self.seconds, 2),
        }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def source_key(path: Path) -> str:
    return "file:" + str(path)


class Library:
    def __init__(self, index: Index) -> None:
        self.index = index

    @classmethod
    def open(cls, path: str | os.PathLike, key: bytes, *, read_only: bool = False) -> Library:
        try:
            return cls(Index.open(path, key, read_only=read_only))
        except WrongKeyError:
            raise LibraryWrongKeyError(path=str(path)) from None
        except NotAnIndexError as err:
            raise LibraryIndexDamagedError(str(err), path=str(path)) from None

    @property
    def read_only(self) -> bool:
        return self.index.read_only

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- folders ---------------------------------------------------------------

    # Folders IT names in policy (LibraryFolders): part of every scan, never removable.
    policy_folders: tuple[str, ...] = ()

    def user_folders(self) -> list[str]:
        return list(self.index.get_value(FOLDERS, []))

    def folders(self) -> list[str]:
        return list(dict.fromkeys([*self.user_folders(), *self.policy_folders]))

    def add_folder(self, folder: str | os.PathLike) -> str:
        path = Path(folder).expanduser()
        if not path.exists():
            raise NotAFolderError(path=str(path))
        resolved = str(path.resolve())
        folders = self.user_folders()
        if resolved not in folders:
            self._write(lambda: self.index.put_value(FOLDERS, [*folders, resolved]))
        return resolved

    def remove_folder(self, folder: str | os.PathLike) -> int:
        """Forget a folder and drop its files from the index; returns how many files went."""
        resolved = str(Path(folder).expanduser().resolve())
        if resolved in self.policy_folders:
            raise PolicyFolderError(path=resolved)
        folders = self.user_folders()
        if resolved not in folders:
            raise NotAFolderError(path=resolved)
        self._write(lambda: self.index.put_value(FOLDERS, [f for f in folders if f != resolved]))
        gone = 0
        for source in self.index.sources():
            path = source.info.get("path")
            if path and _under(Path(path), Path(resolved)) and not self._covered(path):
                self.index.remove_source(source.key)
                gone += 1
        return gone

    def failed(self) -> list[dict[str, str]]:
        return list(self.index.get_value(FAILED, []))

    def _covered(self, path: str, folders: list[str] | None = None) -> bool:
        return any(_under(Path(path), Path(f)) for f in (folders or self.folders()))

    def _write(self, action):
        try:
            return action()
        except _ReadOnly:
            raise LibraryReadOnlyError(path=str(self.index.path)) from None

    # --- indexing ----------------------------------------------------------------

    def scan(self, folders: list[str] | None = None) -> list[Path]:
        found: list[Path] = []
        for folder in folders or self.folders():
            root = Path(folder)
            if root.is_file():
                candidates = [root]
            else:
                candidates = sorted(p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES)
            found.extend(p for p in candidates if p.is_file() and is_candidate(p))
        return list(dict.fromkeys(found))

    def reindex(
        self,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
        max_bytes: int | None = None,
    ) -> ReindexReport:
        if self.read_only:
            raise LibraryReadOnlyError(path=str(self.index.path))
        started = time.monotonic()
        report = ReindexReport()
        folders = self.folders()
        files = self.scan(folders)
        known = {s.key: s for s in self.index.sources()}
        # Vanished files and files of folders no longer in the library.
        on_disk = {source_key(p) for p in files}
        for key in known:
            if key.startswith("file:") and key not in on_disk:
                self.index.remove_source(key)
                report.removed += 1
        work: list[tuple[Path, os.stat_result]] = []
        for path in files:
            try:
                st = path.stat()
            except OSError as err:
                report.failed.append({"path": str(path), "reason": _os_reason(err)})
                continue
            old = known.get(source_key(path))
            if old and old.info.get("size") == st.st_size and old.info.get("mtime") == st.st_mtime:
                self.index.touch_source(source_key(path))
                report.unchanged += 1
            else:
                work.append((path, st))
        total_bytes = sum(st.st_size for _, st in work) or 1
        done_bytes = 0
        work_started = time.monotonic()
        for n, (path, st) in enumerate(work):
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
                break
            if progress:
                progress(
                    done_bytes,
                    total_bytes,
                    n,
                    len(work),
                    str(path),
                    _eta(work_started, done_bytes, total_bytes),
                )
            self._index_file(path, st, known.get(source_key(path)), report, max_bytes)
            done_bytes += st.st_size
        if progress and not report.cancelled:
            progress(total_bytes, total_bytes, len(work), len(work), "", 0.0)
        self.index.put_value(FAILED, report.failed)
        report.seconds = time.monotonic() - started
        return report

    def _index_file(self, path: Path, st, old, report: ReindexReport, max_bytes) -> None:
        key = source_key(path)
        info = {"path": str(path), "size": st.st_size, "mtime": st.st_mtime}
        try:
            digest = file_sha256(path)
            if old is not None and old.content_hash == digest:
                self.index.touch_source(key, {**old.info, **info})
                report.unchanged += 1
                return
            kwargs = {"max_bytes": max_bytes} if max_bytes else {}
            kind, passages = read_passages(path, **kwargs)
        except DeskError as err:
            report.failed.append({"path": str(path), "reason": err.message()})
            return
        except OSError as err:
            report.failed.append({"path": str(path), "reason": _os_reason(err)})
            return
        except Cancelled:
            raise
        except Exception as err:  # a reader bug or a malformed record: listed, never a traceback
            report.failed.append({"path": str(path), "reason": _bad_file_reason(err)})
            return
        if not passages:
            report.failed.append(
                {"path": str(path), "reason": i18n.tr("本文がありません", "no text found")}
            )
            if old is not None:
                self.index.remove_source(key)
            return
        info["kind"] = kind
        self.index.replace_source(key, passages, content_hash=digest, info=info)
        report.passages += len(passages)
        if old is None:
            report.added += 1
        else:
            report.updated += 1

    def apply_retention(self, days: int | None, now: float | None = None) -> int:
        """Drop sources not checked for `days` days (policy RetentionDays); returns how many."""
        if not days or self.read_only:
            return 0
        cutoff = (time.time() if now is None else now) - days * 86400
        gone = 0
        for source in self.index.sources():
            if source.indexed_at < cutoff:
                self.index.remove_source(source.key)
                gone += 1
        return gone

    # --- searching ---------------------------------------------------------------

    def search(self, query: str, filters: Filters | None = None, **kwargs) -> list[Hit]:
        return self.index.search(query, filters, **kwargs)


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _eta(started: float, done: int, total: int) -> float | None:
    if done <= 0:
        return None
    elapsed = time.monotonic() - started
    return elapsed / done * (total - done)


def _os_reason(err: OSError) -> str:
    return i18n.tr(
        f"読み込めません（{err.strerror or type(err).__name__}）",
        f"cannot read ({err.strerror or type(err).__name__})",
    )


def _bad_file_reason(err: Exception) -> str:
    return i18n.tr(
        f"形式が正しくないため読み込めません（{type(err).__name__}）",
        f"malformed file ({type(err).__name__})",
    )
