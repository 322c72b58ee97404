"""The audit log (監査ログ): one JSON line per task, chained with HMAC-SHA256.

Each record holds who ran which task on what (the input's SHA-256, never its
content), with which model, where the output went, how it ended and how long it
took. Its `mac` is HMAC(key, previous mac + canonical JSON of the record), and
it carries `seq` and `prev`, so `verify()` finds the first record that was
modified, deleted, inserted or moved. A sidecar `.head` file (MACed too) holds
the last seq/mac, so cutting records off the end is detected as well.

A job writes two records: `start()` at job start (outcome "started", before
any work, so a job killed half-way still left a trace and an unwritable log
stops the job before it reads anything) and `AuditJob.finish()` with the
outcome; both carry the same `job` id.

Limit: someone with the key (the same OS user) can rewrite the whole chain, and
restoring an older copy of both files looks like a shorter log. Hence the
mirror (audit_mirror.py): every record's seq, time, user, task, outcome and MAC
also go to the OS event log (syslog/journald, Windows Event Log), which the
user cannot rewrite; `verify()` compares the chain with it where readable.

Files are owner-only (0600), opened without following symlinks, and a log
file or lock owned by another user (a shared LogDirectory) is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import hmac
import json
import os
import platform
import re
import secrets
import stat
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .. import __version__, i18n, paths
from ..errors import (
    AuditLogError,
    AuditLogForeignOwnerError,
    AuditLogLockFolderError,
    AuditLogMissingError,
    AuditLogSymlinkError,
    Cancelled,
)
from ..fileio import atomic_write_text, sha256_file
from .audit_mirror import AuditMirror, mirror_entry
from .policy import Policy

GENESIS = "0" * 64
_REQUIRED = {"seq": int, "prev": str, "mac": str}


def os_user() -> str:
    """The account the process runs as, from the OS (never LOGNAME/USER/USERNAME,
    which the user sets at will)."""
    try:
        if os.name == "nt":
            return _windows_user()
        import pwd  # noqa: PLC0415 - POSIX only

        return pwd.getpwuid(os.geteuid()).pw_name
    except (KeyError, OSError, AttributeError):  # uid without a passwd entry (container)
        return f"uid-{os.geteuid()}" if hasattr(os, "geteuid") else "unknown"


def _windows_user() -> str:
    # GetUserNameW reads the process token; %USERNAME% is just an environment variable.
    import ctypes  # noqa: PLC0415
    from ctypes import wintypes  # noqa: PLC0415

    size = wintypes.DWORD(257)
    buffer = ctypes.create_unicode_buffer(size.value)
    if not ctypes.windll.advapi32.GetUserNameW(buffer, ctypes.byref(size)):
        raise OSError("GetUserNameW failed")
    return buffer.value


def default_audit_path(policy: Policy | None = None) -> Path:
    """Policy LogDirectory (may be shared by many users, hence the user in the name) or the log folder."""
    folder = (
        Path(policy.log_directory) if policy and policy.log_directory else paths.log_dir() / "audit"
    )
    user = re.sub(r"[^\w.-]", "_", os_user()) or "unknown"
    return folder / f"audit-{user}.jsonl"


def canonical(record: dict[str, Any]) -> bytes:
    body = {k: v for k, v in record.items() if k != "mac"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class VerifyResult:
    ok: bool
    path: str
    records: int  # records that verified before the first break (all, when ok)
    line: int | None = None  # 1-based line of the first broken record
    seq: int | None = None  # the seq expected at that point
    # malformed | modified | sequence | chain | truncated | head | mirror | rolled_back | deleted
    reason: str | None = None
    message: str = ""
    mirror: int | None = None  # OS event log entries compared; None: mirror not readable

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class AuditJob:
    """One job between its "started" record and its outcome record.

    with log.start(task="translate", input_path=src) as job:
        ...; job.output_path = out
    An exception leaves "cancelled" (Cancelled) or "error" (its class name);
    `finish()` may also be called directly (the GUI's session does).
    """

    def __init__(self, log: AuditLog, job: str, task: str, started: dict[str, Any]) -> None:
        self.log = log
        self.job = job
        self.task = task
        self.started_record = started
        self.input_sha256 = started.get("input_sha256")
        self.model_id = started.get("model_id")
        self.model_sha256 = started.get("model_sha256")
        self.endpoint = started.get("endpoint")  # the inference server, when not local
        self.output_path: str | os.PathLike | None = None
        self.outcome = "ok"
        self.verdict: str | None = None  # 問題なし / 要確認 N 件 of a task with checks
        self.record: dict[str, Any] | None = None
        self._t0 = time.monotonic()

    @property
    def finished(self) -> bool:
        return self.record is not None

    def finish(
        self,
        outcome: str | None = None,
        *,
        output_path: str | os.PathLike | None = None,
        error: str | None = None,
        model_id: str | None = None,
        model_sha256: str | None = None,
    ) -> dict[str, Any]:
        """Write the outcome record (once; a second call returns the first record)."""
        if self.record is not None:
            return self.record
        self.record = self.log.append(
            task=self.task,
            outcome=outcome or self.outcome,
            input_sha256=self.input_sha256,
            model_id=model_id or self.model_id,
            model_sha256=model_sha256 or self.model_sha256,
            output_path=output_path if output_path is not None else self.output_path,
            duration_s=time.monotonic() - self._t0,
            error=error,
            job=self.job,
            verdict=self.verdict if (outcome or self.outcome) in ("ok", "findings") else None,
            endpoint=self.endpoint,
        )
        return self.record

    def __enter__(self) -> AuditJob:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.finished:
            return
        if exc_type is None:
            self.finish()
        elif issubclass(exc_type, (Cancelled, KeyboardInterrupt)):
            self.finish("cancelled")
        else:
            self.finish("error", error=exc_type.__name__)


class AuditLog:
    def __init__(
        self, path: str | os.PathLike, key: bytes, mirror: AuditMirror | None = None
    ) -> None:
        self.path = Path(path)
        self.head_path = self.path.with_name(self.path.name + ".head")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._key = key
        self.mirror = mirror

    @property
    def log_id(self) -> str:
        """How mirror entries name this log: its absolute path (unique per user and machine)."""
        return str(self.path.absolute())

    # -- writing -------------------------------------------------------------

    def start(
        self,
        *,
        task: str,
        input_path: str | os.PathLike | None = None,
        input_sha256: str | None = None,
        model_id: str | None = None,
        model_sha256: str | None = None,
        endpoint: str | None = None,
    ) -> AuditJob:
        """Write the "started" record now, before any work; raises AuditLogError when
        the log cannot be written, so the job does not run unrecorded."""
        job = secrets.token_hex(8)
        record = self.append(
            task=task,
            outcome="started",
            input_path=input_path,
            input_sha256=input_sha256,
            model_id=model_id,
            model_sha256=model_sha256,
            job=job,
            endpoint=endpoint,
        )
        return AuditJob(self, job, task, record)

    def append(
        self,
        *,
        task: str,
        outcome: str,
        input_path: str | os.PathLike | None = None,
        input_sha256: str | None = None,
        model_id: str | None = None,
        model_sha256: str | None = None,
        output_path: str | os.PathLike | None = None,
        duration_s: float | None = None,
        error: str | None = None,
        job: str | None = None,
        verdict: str | None = None,
        endpoint: str | None = None,
    ) -> dict[str, Any]:
        """Append one record. outcome: "started" | "ok" | "findings" | "error" |
        "cancelled" | "refused".

        `input_path` is hashed here (its content never enters the log) unless the
        caller passes `input_sha256`; `error` is an error class name, not a message.
        """
        if input_sha256 is None and input_path is not None:
            try:
                input_sha256 = sha256_file(input_path)
            except OSError:
                input_sha256 = None  # gone already; the record still says the task ran
        try:
            with self._lock():
                seq, prev = self._tail()
                record: dict[str, Any] = {
                    "seq": seq + 1,
                    "time": dt.datetime.now().astimezone().isoformat(timespec="milliseconds"),
                    "user": os_user(),
                    "host": platform.node(),
                    "app_version": __version__,
                    "task": task,
                    "input_sha256": input_sha256,
                    "model_id": model_id,
                    "model_sha256": model_sha256,
                    "output_path": str(output_path) if output_path is not None else None,
                    "outcome": outcome,
                    "duration_s": round(duration_s, 3) if duration_s is not None else None,
                    "error": error,
                    "prev": prev,
                }
                if job is not None:
                    record["job"] = job
                if verdict is not None:  # 問題なし / 要確認 N 件 (tasks with checks)
                    record["verdict"] = verdict
                if endpoint is not None:  # the inference server the documents went to
                    record["endpoint"] = endpoint
                record["mac"] = self._mac(prev, record)
                line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
                fd = _open_private(self.path, os.O_WRONLY | os.O_APPEND)
                with os.fdopen(fd, "ab") as handle:
                    handle.write(line.encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
                self._write_head(record["seq"], record["mac"])
        except AuditLogError:
            raise
        except OSError as err:
            raise AuditLogError(str(err), path=str(self.path)) from None
        if self.mirror is not None:
            self.mirror.emit(mirror_entry(self.log_id, record))
        return record

    def _mac(self, prev: str, record: dict[str, Any]) -> str:
        return hmac.new(self._key, prev.encode() + canonical(record), hashlib.sha256).hexdigest()

    def _head_mac(self, seq: int, mac: str) -> str:
        return hmac.new(self._key, f"head:{seq}:{mac}".encode(), hashlib.sha256).hexdigest()

    def _write_head(self, seq: int, mac: str) -> None:
        head = {"seq": seq, "mac": mac, "head_mac": self._head_mac(seq, mac)}
        atomic_write_text(self.head_path, json.dumps(head))

    def _read_head(self) -> tuple[int, str] | None:
        """(seq, mac) from a head file whose own MAC checks; None if missing or invalid."""
        try:
            head = json.loads(self.head_path.read_text(encoding="utf-8"))
            seq, mac = int(head["seq"]), str(head["mac"])
            if hmac.compare_digest(str(head["head_mac"]), self._head_mac(seq, mac)):
                return seq, mac
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def _tail(self) -> tuple[int, str]:
        # The head is authoritative: if records were cut off the end, the next
        # record still chains to the real last one and verify() shows the gap.
        head = self._read_head()
        if head is not None:
            return head
        last = None
        for _line_no, record in self._iter_lines():
            if isinstance(record, dict) and isinstance(record.get("seq"), int):
                last = record
        if last is None:
            return 0, GENESIS
        return last["seq"], str(last.get("mac", GENESIS))

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        # The GUI and a CLI run may append at the same time.
        if not self.path.parent.is_dir():
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.lock_path.is_dir():  # planted or left over: never "no lock, no record"
            raise AuditLogLockFolderError(path=str(self.lock_path))
        fd = _open_private(self.lock_path, os.O_RDWR)
        with os.fdopen(fd, "r+b") as handle:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                try:
                    yield
                finally:
                    handle.seek(0)
                    msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    # -- reading -------------------------------------------------------------

    def _iter_lines(self) -> Iterator[tuple[int, Any]]:
        """(line number, parsed record or None if unparseable); a missing final newline
        marks a cut-off last line as unparseable."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as err:
            raise AuditLogError(str(err), path=str(self.path)) from None
        lines = data.split(b"\n")
        complete = lines[:-1]
        partial = lines[-1]
        for number, raw in enumerate(complete, 1):
            yield number, _parse(raw)
        if partial:
            yield len(complete) + 1, None

    def records(self) -> list[dict[str, Any]]:
        """Parsed records (unparseable lines skipped), for export and display."""
        if not self.path.exists():
            raise AuditLogMissingError(path=str(self.path))
        return [r for _n, r in self._iter_lines() if isinstance(r, dict)]

    def mirror_entries(self) -> list[dict[str, Any]] | None:
        """This log's entries in the OS event log mirror; None where it cannot be read."""
        if self.mirror is None:
            return None
        entries = self.mirror.read()
        if entries is None:
            return None
        return [e for e in entries if e.get("log") == self.log_id]

    def verify(self) -> VerifyResult:
        mirrored = self.mirror_entries()
        if not self.path.exists():
            if mirrored:  # the OS event log saw records that are gone
                last = max(int(e.get("seq", 0)) for e in mirrored)
                return self._broken(1, 1, "deleted", head_seq=last)
            raise AuditLogMissingError(path=str(self.path))
        macs: dict[int, str] = {}
        prev, before_prev, expected, line = GENESIS, GENESIS, 1, 0
        for line, record in self._iter_lines():
            broken = self._check(record, prev, expected)
            if broken:
                return self._broken(line, expected, broken)
            macs[expected] = record["mac"]
            before_prev, prev, expected = prev, record["mac"], expected + 1
        last_seq = expected - 1
        head = self._read_head()
        if head is None:
            if self.head_path.exists() or last_seq > 1:
                return self._broken(line + 1, last_seq + 1, "head")
        else:
            head_seq, head_mac = head
            # A crash between writing a record and its head leaves the head one behind.
            if head_seq > last_seq or (head_seq == last_seq and head_mac != prev):
                return self._broken(line + 1, last_seq + 1, "truncated", head_seq=head_seq)
            if head_seq < last_seq - 1 or (head_seq == last_seq - 1 and head_mac != before_prev):
                return self._broken(line + 1, last_seq + 1, "head")
        if mirrored is not None:
            broken_mirror = self._compare_mirror(macs, last_seq, mirrored)
            if broken_mirror is not None:
                return broken_mirror
        checked = (
            i18n.tr(
                f"、OS のイベントログ（{len(mirrored)} 件）と一致",
                f", matches the OS event log ({len(mirrored)} entries)",
            )
            if mirrored is not None
            else ""
        )
        return VerifyResult(
            True,
            str(self.path),
            last_seq,
            mirror=len(mirrored) if mirrored is not None else None,
            message=i18n.tr(
                f"監査ログは正常です（{last_seq} 件、改ざんは検出されませんでした{checked}）: {self.path}",
                f"Audit log intact ({last_seq} records, no tampering detected{checked}): {self.path}",
            ),
        )

    def _compare_mirror(
        self, macs: dict[int, str], last_seq: int, mirrored: list[dict[str, Any]]
    ) -> VerifyResult | None:
        """The local chain must hold every mirrored record with the same MAC: a chain
        re-computed with the key, a deleted log or an older copy restored all differ."""
        for entry in sorted(mirrored, key=lambda e: int(e.get("seq", 0))):
            seq = int(entry.get("seq", 0))
            if seq > last_seq:
                top = max(int(e.get("seq", 0)) for e in mirrored)
                return self._broken(last_seq + 1, last_seq + 1, "rolled_back", head_seq=top)
            if seq >= 1 and not hmac.compare_digest(str(entry.get("mac")), macs.get(seq, "")):
                return self._broken(seq, seq, "mirror")
        return None

    def _check(self, record: Any, prev: str, expected: int) -> str | None:
        if not isinstance(record, dict) or any(
            not isinstance(record.get(k), t) or isinstance(record.get(k), bool)
            for k, t in _REQUIRED.items()
        ):
            return "malformed"
        if not hmac.compare_digest(record["mac"], self._mac(record["prev"], record)):
            return "modified"
        if record["seq"] != expected:
            return "sequence"
        if record["prev"] != prev:
            return "chain"
        return None

    def _broken(
        self, line: int, seq: int, reason: str, head_seq: int | None = None
    ) -> VerifyResult:
        texts = {
            "malformed": (
                "記録として読めません（破損または改ざん）",
                "is not a readable record (corrupt or tampered)",
            ),
            "modified": ("内容が改ざんされています", "was modified"),
            "sequence": (
                "順序が正しくありません（記録の削除・挿入・入れ替え）",
                "is out of sequence (a record was deleted, inserted or moved)",
            ),
            "chain": ("直前の記録とつながっていません", "does not chain to the record before it"),
            "truncated": (
                f"がありません（末尾が切り取られています。記録は {head_seq} 件あるはずです）",
                f"is missing (records were cut off the end; there should be {head_seq})",
            ),
            "head": (
                "の確認用ファイル（.head）がないか改ざんされています",
                "cannot be confirmed: the .head file is missing or was tampered with",
            ),
            "mirror": (
                "が OS のイベントログの控えと一致しません（書き換えられています）",
                "differs from its copy in the OS event log (the log was rewritten)",
            ),
            "rolled_back": (
                f"以降がありません（OS のイベントログには {head_seq} 件あります。古い控えに戻されたか削除されています）",
                f"onwards is missing (the OS event log has {head_seq}; an older copy was restored or records were deleted)",
            ),
            "deleted": (
                f"がありません（ログが削除されています。OS のイベントログには {head_seq} 件あります）",
                f"is missing (the log was deleted; the OS event log has {head_seq})",
            ),
        }
        ja, en = texts[reason]
        return VerifyResult(
            False,
            str(self.path),
            seq - 1,
            line=line,
            seq=seq,
            reason=reason,
            message=i18n.tr(
                f"監査ログの {line} 行目（{seq} 件目の記録）{ja}: {self.path}",
                f"Audit log line {line} (record {seq}) {en}: {self.path}",
            ),
        )


def _open_private(path: Path, flags: int) -> int:
    """Open (creating 0600) without following a symlink; refuse a file another user owns.

    In a shared LogDirectory another user could plant a symlink or pre-create
    someone's log to read it or feed it records."""
    flags |= os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as err:
        if err.errno in (errno.ELOOP, errno.EMLINK) or path.is_symlink():
            raise AuditLogSymlinkError(path=str(path)) from None
        if isinstance(err, IsADirectoryError):
            raise AuditLogLockFolderError(path=str(path)) from None
        raise
    if os.name == "posix":
        info = os.fstat(fd)
        if info.st_uid != os.geteuid() or not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise AuditLogForeignOwnerError(path=str(path))
        if info.st_mode & 0o077:
            os.fchmod(fd, 0o600)  # a log of file names is confidential
    return fd


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
