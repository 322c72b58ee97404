"""The offline guard: the process refuses, and records, every attempt to reach a network.

Installed first thing at start-up (CLI, GUI, and the engine's spawned child):
an audit hook (PEP 578) raises `NetworkBlockedError` for DNS look-ups, IP
connects/binds/sends, and urllib / http.client / ftplib / smtplib ... opens.
Local IPC keeps working: AF_UNIX sockets, os pipes, multiprocessing pipes
(AF_UNIX or Windows named pipes) and the loopback socketpair that
`socket.socketpair()` builds on Windows.

Audit hooks cannot be removed, so the guard lives for the whole process.
Native code (llama.cpp, Qt's own networking) does not pass through Python's
audit hooks; the guard cannot see it. The `unshare -n` end-to-end run and
llama.cpp built without curl cover that side.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import socket
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import NetworkBlockedError

# Offline switches for libraries that may be imported by the engine (Hugging Face
# hub, transformers) and generic "no telemetry" conventions. Forced, not defaulted:
# a user's HF_HUB_OFFLINE=0 must not turn the network back on.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "DO_NOT_TRACK": "1",
    "DESK_ASSISTANT_OFFLINE": "1",
}

# Children inherit this variable, so attempts refused in the engine's spawned
# process are appended to the same file and the parent can count them. In
# production the main process ignores a value the user set (it could point the
# record of refused attempts at /dev/null) and sets its own for the child.
ATTEMPT_LOG_ENV = "DESK_ASSISTANT_GUARD_LOG"

# Events refused whatever their arguments (name resolution and client libraries).
_ALWAYS_REFUSED = frozenset(
    {
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyname_ex",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "http.client.connect",
        "ftplib.connect",
        "smtplib.connect",
        "nntplib.connect",
        "poplib.connect",
        "imaplib.open",
        "telnetlib.Telnet.open",
    }
)
# Of those, the ones an allowed inference server passes (host, port arguments).
_NAME_EVENTS = frozenset({"socket.getaddrinfo", "http.client.connect"})
# Events whose first argument is a socket: allowed only for local families.
_SOCKET_EVENTS = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"})
# Events whose first argument is a URL: local schemes stay allowed.
_URL_EVENTS = frozenset({"urllib.Request", "webbrowser.open"})
_LOCAL_URL_SCHEMES = ("file:", "data:")

_LOCAL_FAMILIES = frozenset(f for f in (getattr(socket, "AF_UNIX", None),) if f is not None)
_INET_FAMILIES = frozenset(
    f for f in (socket.AF_INET, getattr(socket, "AF_INET6", None)) if f is not None
)
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
_SOCKET_MODULE_FILE = socket.__file__


@dataclass(frozen=True)
class Attempt:
    """One refused network attempt."""

    time: str
    event: str
    target: str
    pid: int
    thread: str


class OfflineGuard:
    """The installed guard; `attempts` lists what this process tried and was refused."""

    def __init__(self, attempt_log: Path | None) -> None:
        self.attempts: list[Attempt] = []
        self.installed_at = _now()
        self.pid = os.getpid()
        self.attempt_log = attempt_log
        self._lock = threading.Lock()
        # The inference server machine policy names (allow_endpoint): (host, port)
        # for look-ups and http.client, (address, port) resolved once for connects.
        self.allowed_names: frozenset[tuple[str, int]] = frozenset()
        self.allowed_addresses: frozenset[tuple[str, int]] = frozenset()

    @property
    def active(self) -> bool:
        return _GUARD is self

    @property
    def count(self) -> int:
        return len(self.attempts)

    # -- the hook ----------------------------------------------------------

    def allow_endpoint(self, host: str, port: int) -> list[str]:
        """Allow exactly host:port (the policy's inference server) from now on.

        The name is resolved here, once; later connects must go to one of these
        addresses on this port, so a changed DNS answer cannot redirect documents.
        Returns the resolved addresses. Every other address stays refused."""
        host = host.lower()
        with self._lock:
            self.allowed_names = self.allowed_names | {(host, int(port))}
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = sorted({_plain_address(info[4][0]) for info in infos})
        with self._lock:
            self.allowed_addresses = self.allowed_addresses | {
                (address, int(port)) for address in addresses
            }
        return addresses

    def _allowed_name(self, args: tuple) -> bool:
        if not self.allowed_names:
            return False
        plain = [a for a in args if isinstance(a, (str, int)) and not isinstance(a, bool)]
        if len(plain) < 2:
            return False
        try:
            return (str(plain[0]).lower(), int(plain[1])) in self.allowed_names
        except (TypeError, ValueError):
            return False

    def _allowed_address(self, address: object) -> bool:
        if not self.allowed_addresses or not isinstance(address, tuple) or len(address) < 2:
            return False
        try:
            return (_plain_address(str(address[0])), int(address[1])) in self.allowed_addresses
        except (TypeError, ValueError):
            return False

    def _hook(self, event: str, args: tuple) -> None:
        # Called for every audit event in the process: keep the common path cheap.
        if event in _ALWAYS_REFUSED:
            if event in _NAME_EVENTS and self._allowed_name(args):
                return
            self._refuse(event, _describe_args(args))
        elif event in _SOCKET_EVENTS:
            self._check_socket(event, args)
        elif event in _URL_EVENTS:
            url = _url_of(args[0]) if args else ""
            if not url.lower().startswith(_LOCAL_URL_SCHEMES):
                self._refuse(event, url)

    def _check_socket(self, event: str, args: tuple) -> None:
        sock, address = args[0], args[1] if len(args) > 1 else None
        family = getattr(sock, "family", None)
        if family in _LOCAL_FAMILIES:
            return
        if event == "socket.sendmsg" and address is None:
            return  # a send on an already connected socket; the connect was checked
        if (
            family in _INET_FAMILIES
            and event == "socket.connect"
            and self._allowed_address(address)
        ):
            return  # the policy's inference server, at an address resolved once
        if (
            family in _INET_FAMILIES
            and event in ("socket.connect", "socket.bind")
            and _is_loopback(address)
            and _called_from_stdlib_socketpair()
        ):
            return  # Windows socketpair(): a loopback pair, the engine's local pipe
        self._refuse(event, _describe_address(address))

    def _refuse(self, event: str, target: str) -> None:
        attempt = Attempt(_now(), event, target[:200], os.getpid(), threading.current_thread().name)
        with self._lock:
            self.attempts.append(attempt)
        self._write_attempt(attempt)
        raise NetworkBlockedError(event=event, target=attempt.target)

    def _write_attempt(self, attempt: Attempt) -> None:
        if self.attempt_log is None:
            return
        try:
            self.attempt_log.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
            with open(os.open(self.attempt_log, flags, 0o600), "a", encoding="utf-8") as handle:
                handle.write(json.dumps(asdict(attempt), ensure_ascii=False) + "\n")
        except OSError:
            pass  # recording must never turn a refusal into a different error

    # -- reporting ---------------------------------------------------------

    def recorded_attempts(self) -> list[dict]:
        """Attempts of this process and of guarded child processes (from the shared file)."""
        if self.attempt_log is not None and self.attempt_log.exists():
            found = []
            try:
                lines = self.attempt_log.read_text(encoding="utf-8").splitlines()
            except OSError:
                lines = []
            for line in lines:
                try:
                    found.append(json.loads(line))
                except ValueError:
                    continue
            # Attempts the file could not take (disk full, read-only) still count.
            written = {(f.get("time"), f.get("event"), f.get("pid")) for f in found}
            missing = [asdict(a) for a in self.attempts if (a.time, a.event, a.pid) not in written]
            return found + missing
        return [asdict(a) for a in self.attempts]


_GUARD: OfflineGuard | None = None
_INSTALL_LOCK = threading.Lock()


def install_offline_guard(attempt_log: str | os.PathLike | None = None) -> OfflineGuard:
    """Install the guard (idempotent) and force the offline environment variables.

    Call it before anything else in `main()` and at the top of the engine child's
    entry function (spawned children start without the parent's hooks).
    `attempt_log`: where refused attempts are appended; by default the inherited
    DESK_ASSISTANT_GUARD_LOG, else a per-session file in the log folder.
    """
    global _GUARD
    os.environ.update(OFFLINE_ENV)
    from .. import deployment

    if deployment.production():  # no child processes but the engine (processes.py)
        from .processes import install_process_guard

        install_process_guard()
    with _INSTALL_LOCK:
        if _GUARD is not None:
            return _GUARD
        log_path = _attempt_log_path(attempt_log)
        if log_path is not None:
            os.environ[ATTEMPT_LOG_ENV] = str(log_path)
        else:
            os.environ.pop(ATTEMPT_LOG_ENV, None)  # the child must not inherit the user's value
        guard = OfflineGuard(log_path)
        sys.addaudithook(guard._hook)
        _GUARD = guard
        return guard


def current_guard() -> OfflineGuard | None:
    return _GUARD


def offline_report() -> dict:
    """What selftest files for IT: is the guard on, what was refused, offline variables."""
    guard = _GUARD
    attempts = guard.recorded_attempts() if guard else []
    return {
        "guard_active": guard is not None,
        "installed_at": guard.installed_at if guard else None,
        "pid": os.getpid(),
        "network_attempts": len(attempts),
        "network_attempts_this_process": guard.count if guard else 0,
        "attempts": attempts,
        "attempt_log": str(guard.attempt_log) if guard and guard.attempt_log else None,
        "offline_env": {key: os.environ.get(key) for key in OFFLINE_ENV},
        "proxy_env_present": sorted(
            key for key in os.environ if key.lower() in ("http_proxy", "https_proxy", "all_proxy")
        ),
    }


class GuardedTarget:
    """Wrap a module-level function so a spawned child installs the guard before running it.

    `ctx.Process(target=GuardedTarget(engine_main), args=(conn,))` — picklable as
    long as the wrapped function is importable by name.
    """

    def __init__(self, func) -> None:
        self.func = func

    def __call__(self, *args, **kwargs):
        install_offline_guard()
        return self.func(*args, **kwargs)


# -- helpers -----------------------------------------------------------------


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def _attempt_log_path(explicit: str | os.PathLike | None) -> Path | None:
    if explicit is not None:
        return Path(explicit)
    inherited = os.environ.get(ATTEMPT_LOG_ENV)
    if inherited and _inherited_log_trusted():
        return Path(inherited)
    try:
        from .. import paths

        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return paths.log_dir() / "offline-guard" / f"attempts-{stamp}-{os.getpid()}.jsonl"
    except Exception:  # no log folder (odd platform): keep the in-memory record only
        return None


def _inherited_log_trusted() -> bool:
    """Outside production, or in the engine child (its parent set the variable)."""
    import multiprocessing

    from .. import deployment

    return not deployment.production() or multiprocessing.parent_process() is not None


def _url_of(value: object) -> str:
    return str(getattr(value, "full_url", value))


def _describe_args(args: tuple) -> str:
    # (host, port, ...) for look-ups, (self, host, port) for client libraries.
    plain = [str(a) for a in args if isinstance(a, (str, bytes, int)) and not isinstance(a, bool)]
    return ":".join(plain[:2])


def _describe_address(address: object) -> str:
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0]}:{address[1]}"
    return str(address)


def _plain_address(address: str) -> str:
    return address.split("%", 1)[0].lower()  # drop an IPv6 scope id


def _is_loopback(address: object) -> bool:
    return isinstance(address, tuple) and bool(address) and address[0] in _LOOPBACK_HOSTS


def _called_from_stdlib_socketpair() -> bool:
    frame = sys._getframe(3)  # _hook -> _check_socket -> this; 3 = the Python caller
    for _ in range(4):
        if frame is None:
            return False
        code = frame.f_code
        if code.co_filename == _SOCKET_MODULE_FILE and code.co_name in (
            "socketpair",
            "_fallback_socketpair",
        ):
            return True
        frame = frame.f_back
    return False
