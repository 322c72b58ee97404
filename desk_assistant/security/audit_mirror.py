"""A copy of every audit record's evidence in the OS event log, out of the user's reach.

The local audit chain is MACed with a key the same OS user can read (keyring or
key file), so that user could rewrite it consistently. The mirror closes that:
each record's seq, time, user, host, task, outcome, job and MAC (no file names,
no hashes of inputs) also goes to

- Linux/macOS: syslog (journald picks it up from /dev/log), ident
  `desk-assistant-audit`, facility LOG_USER, one line "DESKAUDIT {json}";
- Windows: the Application event log, source "DeskAssistant", event 1000,
  through advapi32 ReportEventW (ctypes, no pywin32).

IT's event forwarding keeps the copy. `audit verify` reads it back where the
user may read it: on Linux/macOS from MIRROR_FILES (IT routes the ident there
with one rsyslog line, see security.md). Reading the Windows Event Log back is
not implemented (untestable on the Linux build machines): verify there
reports the mirror as not readable, and IT compares with forwarded events.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Protocol

MARKER = "DESKAUDIT "
SYSLOG_IDENT = "desk-assistant-audit"
EVENT_SOURCE = "DeskAssistant"
EVENT_ID = 1000
# Where IT's syslog writes our ident (readable by users if IT chooses so).
MIRROR_FILES = (Path("/var/log/desk-assistant/audit-mirror.log"),)
MIRRORED_FIELDS = ("seq", "time", "user", "host", "task", "outcome", "job", "mac")


class AuditMirror(Protocol):
    name: str

    def emit(self, entry: dict[str, Any]) -> None: ...

    def read(self) -> list[dict[str, Any]] | None: ...


def mirror_entry(log_id: str, record: dict[str, Any]) -> dict[str, Any]:
    entry = {"log": log_id}
    entry.update({k: record.get(k) for k in MIRRORED_FIELDS if k in record})
    return entry


def _line(entry: dict[str, Any]) -> str:
    return MARKER + json.dumps(entry, ensure_ascii=True, separators=(",", ":"), sort_keys=True)


def parse_lines(lines: list[str]) -> list[dict[str, Any]]:
    """Mirror entries from syslog-formatted lines (any prefix before the marker)."""
    found = []
    for line in lines:
        at = line.find(MARKER)
        if at < 0:
            continue
        try:
            entry = json.loads(line[at + len(MARKER) :])
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("seq"), int):
            found.append(entry)
    return found


def _read_files(files: tuple[Path, ...] | list[Path]) -> list[dict[str, Any]] | None:
    entries: list[dict[str, Any]] | None = None
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        entries = (entries or []) + parse_lines(text.splitlines())
    return entries


class SyslogMirror:
    name = "syslog"

    def __init__(self, read_files: tuple[Path, ...] | list[Path] | None = None) -> None:
        self.read_files = tuple(read_files) if read_files is not None else None

    def emit(self, entry: dict[str, Any]) -> None:
        import syslog  # noqa: PLC0415 - POSIX only; libc writes to /dev/log (AF_UNIX)

        syslog.openlog(SYSLOG_IDENT, syslog.LOG_PID, syslog.LOG_USER)
        syslog.syslog(syslog.LOG_INFO, _line(entry))

    def read(self) -> list[dict[str, Any]] | None:
        return _read_files(self.read_files if self.read_files is not None else MIRROR_FILES)


class WindowsEventLogMirror:
    name = "windows-event-log"

    def emit(self, entry: dict[str, Any]) -> None:  # pragma: no cover - Windows only
        import ctypes  # noqa: PLC0415
        from ctypes import wintypes  # noqa: PLC0415

        advapi = ctypes.windll.advapi32
        advapi.RegisterEventSourceW.restype = wintypes.HANDLE
        handle = advapi.RegisterEventSourceW(None, EVENT_SOURCE)
        if not handle:
            return  # no event log service: the local chain still holds
        try:
            strings = (wintypes.LPCWSTR * 1)(_line(entry))
            # EVENTLOG_INFORMATION_TYPE = 4
            advapi.ReportEventW(wintypes.HANDLE(handle), 4, 0, EVENT_ID, None, 1, 0, strings, None)
        finally:
            advapi.DeregisterEventSource(wintypes.HANDLE(handle))

    def read(self) -> list[dict[str, Any]] | None:
        return None  # reading the Event Log back is left to IT's forwarding


class FileMirror:
    """A mirror in a plain file: for tests (standing in for a sink the user cannot write)."""

    name = "file"

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)

    def emit(self, entry: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(_line(entry) + "\n")

    def read(self) -> list[dict[str, Any]] | None:
        return _read_files([self.path])


def default_mirror() -> AuditMirror:
    if sys.platform == "win32":
        return WindowsEventLogMirror()
    return SyslogMirror()
