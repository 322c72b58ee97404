"""Run fuzz cases through the real CLI and judge every run.

Each run is a fresh child process (forked from a parent that has already
imported the application, so 2,500 runs do not pay 2,500 interpreter start-ups;
`mode="exec"` starts `python -m desk_assistant` instead). The child gets its
own process group, its own DESK_ASSISTANT_HOME, stdout/stderr in files, a
wall-clock timeout and an address-space cap (a blow-up fails the run instead of
the machine). `os.wait4` gives the peak RSS.

A run is judged on: exit code, time, peak RSS, tracebacks and crash.log
(internal errors), the input's SHA-256 before/after, files left beside the
input or the output, processes left in its group, JSON validity of stdout, and
for `-o OUT.docx` the output itself (a valid package that our reader and
python-docx open, no DTD, nothing from /etc/passwd).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import shutil
import signal
import sys
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

TIMEOUT_S = 60.0
RSS_LIMIT_MB = 1024
AS_LIMIT = 6 * 1024**3  # address-space cap per run (RSS is judged separately)
COMMANDS = {
    "extract": ["extract", "--format", "json", "{in}"],
    "proofread_json": ["proofread", "--no-llm", "--format", "json", "{in}"],
    "proofread_out": ["proofread", "--no-llm", "-o", "{out}", "{in}"],
}
LEAK_MARKERS = (b"root:x:0:0", b"daemon:x:", b"[fonts]", b"for 16-bit app support")


@dataclass
class RunResult:
    case: str
    family: str
    command: str
    lang: str
    exit_code: int | None = None
    signal: int | None = None
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    outcome: str = ""  # ok | input_error | internal_error | hang | other
    problems: list[str] = field(default_factory=list)
    stderr_tail: str = ""
    crash_tail: str = ""  # the end of crash.log: where the internal error came from


def sha256(path: bytes) -> str:
    return hashlib.sha256(Path(os.fsdecode(path)).read_bytes()).hexdigest()


def preload() -> None:
    """Import what every run needs, so forked children start warm."""
    import lxml.etree  # noqa: F401
    import pypdf  # noqa: F401

    import desk_assistant.cli  # noqa: F401
    import desk_assistant.commands.extract  # noqa: F401
    import desk_assistant.commands.proofread  # noqa: F401
    import desk_assistant.documents.docx  # noqa: F401
    import desk_assistant.documents.pdf  # noqa: F401
    import desk_assistant.security.startup  # noqa: F401
    import desk_assistant.tasks.proofread  # noqa: F401
    from desk_assistant import cli

    cli.build_parser()  # imports every command module
    try:
        import keyring  # noqa: F401 - slow to import, needed by every run's start-up

        keyring.get_keyring()
    except Exception:  # noqa: BLE001 - no keyring: the runs fall back the same way
        pass


class Runner:
    def __init__(self, work: Path, *, jobs: int = 1, timeout: float = TIMEOUT_S, mode="fork"):
        self.work = work
        self.jobs = jobs
        self.timeout = timeout
        self.mode = mode
        self.results: list[RunResult] = []
        work.mkdir(parents=True, exist_ok=True)

    # -- scheduling ----------------------------------------------------------

    def run_cases(self, cases, commands=tuple(COMMANDS), progress=None) -> list[RunResult]:
        pending = []
        for index, case in enumerate(cases):
            lang = "en" if index % 2 else "ja"
            pending += [(case, command, lang) for command in commands]
        running: dict[int, tuple] = {}
        written: dict[str, tuple[bytes, str]] = {}
        done = 0
        while pending or running:
            while pending and len(running) < self.jobs:
                case, command, lang = pending.pop(0)
                if case.id not in written:
                    written[case.id] = self._write_case(case)
                path, digest = written[case.id]
                pid, job = self._start(case, command, lang, path, digest)
                running[pid] = job
            pid, status, usage = os.wait4(-1, os.WNOHANG)
            if pid == 0:
                now = time.monotonic()
                for child, job in list(running.items()):
                    if now - job["started"] > self.timeout:
                        job["timed_out"] = True
                        _kill_group(child)
                time.sleep(0.01)
                continue
            job = running.pop(pid, None)
            if job is None:
                continue
            result = self._judge(job, status, usage)
            self.results.append(result)
            done += 1
            if progress:
                progress(done, len(pending) + len(running) + done, result)
            if not any(c.id == job["case"].id for c, _, _ in pending) and not any(
                j["case"].id == job["case"].id for j in running.values()
            ):
                shutil.rmtree(self.work / job["case"].id, ignore_errors=True)
                written.pop(job["case"].id, None)
        return self.results

    def _write_case(self, case) -> tuple[bytes, str]:
        folder = self.work / case.id / "in"
        folder.mkdir(parents=True, exist_ok=True)
        path = os.path.join(bytes(folder), case.name)
        with open(path, "wb") as handle:
            handle.write(case.make())
        return path, sha256(path)

    def _start(self, case, command: str, lang: str, path: bytes, digest: str):
        run_dir = self.work / case.id / command
        shutil.rmtree(run_dir, ignore_errors=True)
        (run_dir / "home").mkdir(parents=True)
        (run_dir / "out").mkdir()
        out = run_dir / "out" / "OUT.docx"
        argv = ["--lang", lang] + [
            os.fsdecode(path) if a == "{in}" else str(out) if a == "{out}" else a
            for a in COMMANDS[command]
        ]
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(argv, run_dir, lang, self.mode)
        try:
            os.setpgid(pid, pid)  # both sides set it, so a kill never misses the group
        except (ProcessLookupError, PermissionError):
            pass
        job = {
            "pgid": pid,
            "case": case,
            "command": command,
            "lang": lang,
            "path": path,
            "digest": digest,
            "run_dir": run_dir,
            "out": out,
            "started": time.monotonic(),
            "timed_out": False,
        }
        return pid, job

    # -- judging -------------------------------------------------------------

    def _judge(self, job, status, usage) -> RunResult:
        seconds = time.monotonic() - job["started"]
        case, run_dir = job["case"], job["run_dir"]
        result = RunResult(case.id, case.family, job["command"], job["lang"])
        result.seconds = round(seconds, 2)
        result.peak_rss_mb = round(usage.ru_maxrss / 1024, 1)
        if os.WIFSIGNALED(status):
            result.signal = os.WTERMSIG(status)
        else:
            result.exit_code = os.WEXITSTATUS(status)
        problems = result.problems
        if _group_alive(job["pgid"]):
            problems.append("process-left")
            _kill_group(job["pgid"])
        stdout = (run_dir / "stdout").read_bytes()
        stderr = (run_dir / "stderr").read_bytes()
        result.stderr_tail = stderr[-600:].decode("utf-8", "replace")
        text = stdout + stderr
        crash = list((run_dir / "home").rglob("crash.log"))
        if job["timed_out"]:
            result.outcome = "hang"
        elif b"Traceback (most recent call last)" in text or crash or result.signal:
            result.outcome = "internal_error"
        elif result.exit_code in (0, 1):
            result.outcome = "ok"
        elif result.exit_code == 3:
            result.outcome = "input_error"
        elif result.exit_code == 4 and (
            b"internal error" in stderr or "内部エラー".encode() in stderr
        ):
            result.outcome = "internal_error"
        else:
            result.outcome = f"exit{result.exit_code}"
        if crash:
            problems.append("crash.log")
            result.crash_tail = crash[0].read_text("utf-8", "replace")[-800:]
        if result.peak_rss_mb > RSS_LIMIT_MB:
            problems.append(f"rss>{RSS_LIMIT_MB}MB")
        if result.outcome == "input_error" and not stderr.strip():
            problems.append("no-message")
        if any(marker in text for marker in LEAK_MARKERS):
            problems.append("xxe-leak")
        if "json" in job["command"] or job["command"] == "extract":
            problems.extend(_json_problems(stdout, result.exit_code))
        try:
            if sha256(job["path"]) != job["digest"]:
                problems.append("input-changed")
        except OSError:
            problems.append("input-missing")
        left = sorted(
            set(os.listdir(os.path.dirname(job["path"]))) - {os.path.basename(job["path"])}
        )
        if left:
            problems.append(f"left-beside-input:{len(left)}")
        problems.extend(_output_problems(job["out"], result.exit_code, job["command"]))
        shutil.rmtree(run_dir, ignore_errors=True)
        return result


def _child(argv: list[str], run_dir: Path, lang: str, mode: str) -> None:
    code = 70
    try:
        os.setpgid(0, 0)
        os.chdir(run_dir)
        for fd, name in ((1, "stdout"), (2, "stderr")):
            target = os.open(run_dir / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))
        os.environ["DESK_ASSISTANT_HOME"] = str(run_dir / "home")
        os.environ["DESK_ASSISTANT_LANG"] = lang
        os.environ.pop("PYTHONIOENCODING", None)
        if mode == "exec":
            os.execv(sys.executable, [sys.executable, "-m", "desk_assistant", *argv])
        # What a fresh interpreter writing to pipes would have.
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
        sys.stderr = io.TextIOWrapper(
            io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace"
        )
        sys.argv = ["desk-assistant", *argv]
        from desk_assistant import cli, i18n

        i18n.set_language(lang)
        code = cli.main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 2
    except BaseException:  # noqa: BLE001 - the harness reports it as a traceback
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code if isinstance(code, int) else 70)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _group_alive(pgid: int) -> bool:
    """Processes still in the finished run's group (the group id is the child's pid)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            return True
    return False


def _json_problems(stdout: bytes, exit_code: int | None) -> list[str]:
    if exit_code not in (0, 1, 3):
        return []
    try:
        json.loads(stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ["invalid-json"]
    return []


def _output_problems(out: Path, exit_code: int | None, command: str) -> list[str]:
    problems = []
    leftovers = sorted(p.name for p in out.parent.iterdir() if p != out)
    if leftovers:
        problems.append(f"left-in-output:{len(leftovers)}")
    if command != "proofread_out":
        return problems
    if not out.exists():
        if exit_code in (0, 1):
            problems.append("output-missing")
        return problems
    if exit_code not in (0, 1):
        problems.append("output-after-error")
    problems.extend(validate_docx(out))
    return problems


def validate_docx(path: Path) -> list[str]:
    """Problems that would stop Word from opening `path`; [] when it is sound."""
    from lxml import etree

    problems = []
    data = path.read_bytes()
    if any(marker in data for marker in LEAK_MARKERS):
        problems.append("xxe-leak-in-output")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.testzip() is not None:
                return problems + ["invalid-output:crc"]
            names = set(archive.namelist())
            for part in ("[Content_Types].xml", "word/document.xml"):
                if part not in names:
                    problems.append(f"invalid-output:missing {part}")
            for name in sorted(names):
                if not name.endswith((".xml", ".rels")):
                    continue
                raw = archive.read(name)
                try:
                    root = etree.fromstring(raw, parser)
                except etree.XMLSyntaxError:
                    problems.append(f"invalid-output:xml {name}")
                    continue
                tree = root.getroottree()
                if tree.docinfo.doctype or any(
                    isinstance(n, etree._Entity) for n in root.iter(etree.Entity)
                ):
                    problems.append(f"invalid-output:dtd {name}")
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as err:
        return problems + [f"invalid-output:zip {type(err).__name__}"]
    if problems:
        return problems
    try:
        from desk_assistant import documents

        documents.load(path)
    except Exception as err:  # noqa: BLE001 - any failure means the output is unusable
        problems.append(f"invalid-output:reload {type(err).__name__}")
    try:
        import docx  # python-docx: what most other tools use

        docx.Document(str(path))
    except ImportError:
        pass
    except Exception as err:  # noqa: BLE001
        problems.append(f"invalid-output:python-docx {type(err).__name__}")
    return problems


def summarize(results: list[RunResult]) -> dict:
    by_outcome: dict[str, int] = {}
    by_command: dict[str, dict[str, int]] = {}
    for r in results:
        by_outcome[r.outcome] = by_outcome.get(r.outcome, 0) + 1
        by_command.setdefault(r.command, {})
        by_command[r.command][r.outcome] = by_command[r.command].get(r.outcome, 0) + 1
    problems: dict[str, int] = {}
    for r in results:
        for p in r.problems:
            key = p.split(":")[0] if not p.startswith("invalid-output") else "invalid-output"
            problems[key] = problems.get(key, 0) + 1
    slowest = max(results, key=lambda r: r.seconds, default=None)
    biggest = max(results, key=lambda r: r.peak_rss_mb, default=None)
    return {
        "runs": len(results),
        "cases": len({r.case for r in results}),
        "by_outcome": dict(sorted(by_outcome.items())),
        "by_command": by_command,
        "problems": problems,
        "internal_errors": by_outcome.get("internal_error", 0),
        "hangs": by_outcome.get("hang", 0),
        "max_seconds": slowest.seconds if slowest else 0,
        "max_seconds_run": f"{slowest.case} {slowest.command}" if slowest else "",
        "max_rss_mb": biggest.peak_rss_mb if biggest else 0,
        "max_rss_run": f"{biggest.case} {biggest.command}" if biggest else "",
    }


def failures(results: list[RunResult]) -> list[RunResult]:
    """Runs that break a rule: internal error, hang, other exits, or any problem."""
    return [r for r in results if r.outcome not in ("ok", "input_error") or r.problems]


def to_json(result: RunResult) -> str:
    return json.dumps(asdict(result), ensure_ascii=False)
