"""The audit log (監査ログ): one JSON line per task, chained with HMAC-SHA256.

Each record holds who ran which task on what (the input's SHA-256, never its
content), with which model, where the output went, how it ended and how long it
took. Its `mac` is HMAC(key, previous mac + canonical JSON of the record), and
it carries `seq` and `prev`, so `verify()` finds the first record that was
modified, deleted, inserted or moved. A sidecar `.head` file (MACed too) holds
the last seq/mac, so cutting records off the end is detected as well.

Limit: someone with the key (the same OS user) can rewrite the whole chain, and
restoring an older copy of both files looks like a shorter log. IT keeps
`audit export` outputs as the external anchor.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import hmac
import json
import os
import platform
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .. import __version__, i18n, paths
from ..errors import AuditLogError, AuditLogMissingError
from ..fileio import atomic_write_text, sha256_file
from .policy import Policy

GENESIS = "0" * 64
_REQUIRED = {"seq": int, "prev": str, "mac": str}


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service account, odd container)
        return "unknown"


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
    reason: str | None = None  # malformed | modified | sequence | chain | truncated | head
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class AuditLog:
    def __init__(self, path: str | os.PathLike, key: bytes) -> None:
        self.path = Path(path)
        self.head_path = self.path.with_name(self.path.name + ".head")
        self._key = key

    # -- writing -------------------------------------------------------------

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
    ) -> dict[str, Any]:
        """Append one record. outcome: "ok" | "findings" | "error" | "cancelled" | "refused".

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
                record["mac"] = self._mac(prev, record)
                line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
                with open(self.path, "ab") as handle:
                    handle.write(line.encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
                self._write_head(record["seq"], record["mac"])
        except OSError as err:
            raise AuditLogError(str(err), path=str(self.path)) from None
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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(self.path.name + ".lock")
        with open(lock_path, "a+b") as handle:
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

    def verify(self) -> VerifyResult:
        if not self.path.exists():
            raise AuditLogMissingError(path=str(self.path))
        prev, before_prev, expected, line = GENESIS, GENESIS, 1, 0
        for line, record in self._iter_lines():
            broken = self._check(record, prev, expected)
            if broken:
                return self._broken(line, expected, broken)
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
        return VerifyResult(
            True,
            str(self.path),
            last_seq,
            message=i18n.tr(
                f"監査ログは正常です（{last_seq} 件、改ざんは検出されませんでした）: {self.path}",
                f"Audit log intact ({last_seq} records, no tampering detected): {self.path}",
            ),
        )

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


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
