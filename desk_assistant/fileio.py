"""Atomic writes: a reader sees the old file or the new one, never half of one.

Permissions: the app's own state (settings, audit, vault, caches) stays owner-only
(mkstemp's 0600). Files the user asked for (a translation, a summary, a
proofread copy) are `shared=True`: they follow the user's umask like any file
their other programs write, so colleagues on a shared folder can open them,
unless policy OwnerOnlyOutputs (`owner_only_outputs`) keeps them 0600.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from .errors import (
    DeskError,
    FileAccessDeniedError,
    FileNameTooLongError,
    OutputNotWritableError,
)

NAME_MAX = 255  # bytes per file name on ext4 and APFS (NTFS: 255 UTF-16 units)
_TEMP_PREFIX_BYTES = 60  # the temp file's name must fit even when the target's barely does


def _temp_prefix(name: str) -> str:
    """A short, recognisable prefix for the temp file: an 80-character Japanese name
    (240 bytes) plus the random part would pass the 255-byte limit."""
    raw = name.encode("utf-8")[:_TEMP_PREFIX_BYTES]
    return "." + raw.decode("utf-8", "ignore") + "."


def check_writable_target(target: Path) -> None:
    """Specific errors instead of a bare OSError for the usual reasons a save fails."""
    size = len(os.fsencode(target.name))
    if size > NAME_MAX:
        raise FileNameTooLongError(path=str(target), size=size, limit=NAME_MAX)
    parent = target.parent
    if parent.is_symlink() and not parent.exists():  # a dangling link as the folder
        raise OutputNotWritableError(path=str(parent))
    if parent.exists() and not parent.is_dir():
        raise OutputNotWritableError(path=str(parent))


def desk_error_for(err: OSError) -> DeskError | None:
    """The user's message for an OSError from any file operation (Path.exists() on a
    name over 255 bytes raises too), or None when it is not one of these."""
    if isinstance(err, DeskError):
        return err
    where = os.fsdecode(err.filename) if err.filename is not None else ""
    if err.errno == errno.ENAMETOOLONG:
        name = os.path.basename(where)
        return FileNameTooLongError(path=where, size=len(os.fsencode(name)), limit=NAME_MAX)
    if err.errno == errno.EROFS:
        return OutputNotWritableError(path=os.path.dirname(where) or where)
    if err.errno in (errno.EACCES, errno.EPERM):
        return FileAccessDeniedError(path=where)
    return None


def _translate(err: OSError, target: Path) -> OSError:
    if isinstance(err, (FileNameTooLongError, OutputNotWritableError)):
        return err
    if err.errno == errno.ENAMETOOLONG:
        size = len(os.fsencode(target.name))
        return FileNameTooLongError(path=str(target), size=size, limit=NAME_MAX)
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST):
        return OutputNotWritableError(path=str(target.parent))
    return err


owner_only_outputs = False  # policy OwnerOnlyOutputs, set at start-up
_umask_lock = threading.Lock()


def current_umask() -> int:
    with _umask_lock:  # os.umask can only be read by setting it
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def output_file_mode() -> int:
    """The mode a user-requested output file gets: umask-based, or 0600 under policy."""
    return 0o600 if owner_only_outputs else 0o666 & ~current_umask()


@contextlib.contextmanager
def atomic_writer(
    path: str | os.PathLike,
    mode: str = "wb",
    encoding: str | None = None,
    check: Callable[[Path], None] | None = None,
    shared: bool = False,
) -> Iterator[IO]:
    """Write to a temp file beside `path`, fsync, then rename over it.

    `check(temp_path)` runs on the finished temp file before the rename; if it
    raises, the temp file is removed and nothing at `path` changes.
    `shared`: an output the user asked for, with `output_file_mode()` permissions."""
    target = Path(path)
    check_writable_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=_temp_prefix(target.name), suffix=".tmp", dir=target.parent
        )
    except OSError as err:
        raise _translate(err, target) from None
    try:
        with os.fdopen(fd, mode, encoding=encoding if "b" not in mode else None) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if check is not None:
            check(Path(tmp))
        if shared:
            os.chmod(tmp, output_file_mode())
        os.replace(tmp, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if getattr(err, "filename", None) in (tmp, str(target)):  # the rename, not the caller
            raise _translate(err, target) from None
        raise
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes, shared: bool = False) -> None:
    with atomic_writer(path, "wb", shared=shared) as handle:
        handle.write(data)


def atomic_write_text(path: str | os.PathLike, text: str, shared: bool = False) -> None:
    with atomic_writer(path, "w", encoding="utf-8", shared=shared) as handle:
        handle.write(text)


def sha256_file(path: str | os.PathLike, progress=None, chunk: int = 4 * 1024 * 1024) -> str:
    """SHA-256 of a file, read in chunks. `progress(done_bytes, total_bytes)`."""
    import hashlib

    total = os.path.getsize(path)
    digest = hashlib.sha256()
    done = 0
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
            done += len(block)
            if progress:
                progress(done, total)
    return digest.hexdigest()


def human_size(size: int) -> str:
    """A byte count for messages: "512 B", "12.3 KB", "1.5 GB" (binary units).

    The one size formatter: document limits, model files and memory read alike."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover
