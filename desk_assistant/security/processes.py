"""No child processes but the engine (production).

A program the app starts is outside every hook: its network use, its reads,
its own children. The red-team saw ctypes.util.find_library (probing keyring
backends) start ldconfig/gcc from PATH; a planted gcc opened TCP connections
while selftest counted none. In production (frozen build or machine policy)
an audit hook refuses every way Python starts a program, except the
multiprocessing spawn that starts the engine child:

- POSIX: multiprocessing uses _posixsubprocess.fork_exec directly, which
  raises no audit event, while subprocess.Popen raises "subprocess.Popen"
  first; so refusing the events below leaves the engine working.
- Windows: multiprocessing calls _winapi.CreateProcess; it is allowed only
  when called from the multiprocessing package.

Native code (llama.cpp, Qt) does not pass through audit hooks; see security.md.
Development and tests keep subprocess (DESK_ASSISTANT_PRODUCTION=1 turns the
hook on where a test needs it).
"""

from __future__ import annotations

import os
import sys
import threading

from ..errors import ProcessBlockedError

_REFUSED = frozenset(
    {
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.startfile",
        "pty.spawn",
    }
)
_WINDOWS_CREATE = "_winapi.CreateProcess"
_MULTIPROCESSING_DIR = os.path.dirname(__import__("multiprocessing").__file__)

_installed = False
_lock = threading.Lock()
refused: list[tuple[str, str]] = []  # (event, target) of every refusal in this process


def _hook(event: str, args: tuple) -> None:
    if event in _REFUSED or (event == _WINDOWS_CREATE and not _from_multiprocessing()):
        target = _describe(args)
        refused.append((event, target))
        raise ProcessBlockedError(event=event, target=target)


def _from_multiprocessing() -> bool:
    frame = sys._getframe(2)
    for _ in range(6):
        if frame is None:
            return False
        if frame.f_code.co_filename.startswith(_MULTIPROCESSING_DIR):
            return True
        frame = frame.f_back
    return False


def _describe(args: tuple) -> str:
    first = args[0] if args else ""
    if isinstance(first, (bytes, str, os.PathLike)):
        return os.fsdecode(first)[:200]
    return str(first)[:200]


def install_process_guard() -> bool:
    """Install the hook (idempotent; hooks cannot be removed). Returns True once installed."""
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True
    return True


def process_guard_active() -> bool:
    return _installed
