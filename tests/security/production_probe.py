"""Run as a separate process in production mode (DESK_ASSISTANT_PRODUCTION=1) by
test_hardening.py: prints one JSON object with what the process could and could not do.

argv: machine-policy-folder. The caller sets HOME/XDG_* to a temp folder, and may set
PYTHON_KEYRING_BACKEND, a keyringrc.cfg, DESK_ASSISTANT_GUARD_LOG, a gcc on PATH.
"""

from __future__ import annotations

import json
import os
import sys

spawned: list[str] = []


def _count(event, args):
    if event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
        spawned.append(f"{event} {str(args[0])[:80]}")


def main() -> None:
    sys.addaudithook(_count)  # first, so it sees attempts even when the guard refuses them

    from pathlib import Path  # noqa: PLC0415

    from desk_assistant import deployment  # noqa: PLC0415

    deployment.LINUX_POLICY_DIR = Path(sys.argv[1])
    deployment.MAC_POLICY_DIR = Path(sys.argv[1])

    from desk_assistant.errors import DeskError  # noqa: PLC0415
    from desk_assistant.security import keys  # noqa: PLC0415
    from desk_assistant.security.offline import current_guard  # noqa: PLC0415
    from desk_assistant.security.startup import secure_startup  # noqa: PLC0415

    out: dict = {"production": deployment.production()}
    ctx = secure_startup(None, on_warning=lambda text: None)
    try:
        ctx.key(keys.AUDIT_KEY)
        out["key"] = ctx.key_sources.get(keys.AUDIT_KEY)
    except DeskError as err:
        out["key"] = type(err).__name__
    out["backend"] = keys.keyring_backend_name()
    out["spawned_at_startup"] = list(spawned)

    import ctypes.util  # noqa: PLC0415

    out["find_library"] = ctypes.util.find_library("Security")
    for name, attempt in (
        ("subprocess", lambda: __import__("subprocess").run(["true"], check=False)),
        ("os.system", lambda: os.system("true")),
    ):
        try:
            attempt()
            out[name] = "ran"
        except OSError as err:
            out[name] = type(err).__name__

    from desk_assistant.llm.host import ProcessEngine  # noqa: PLC0415

    engine = ProcessEngine(start_timeout=120)
    try:
        out["engine_pid"] = engine.start().get("pid")
    finally:
        engine.close()
    guard = current_guard()
    out["guard_log"] = str(guard.attempt_log) if guard else None
    out["env_guard_log"] = os.environ.get("DESK_ASSISTANT_GUARD_LOG")
    out["spawned_total"] = list(spawned)
    out["user_backend_loaded"] = "evil_keyring" in sys.modules
    print(json.dumps(out))


if __name__ == "__main__":  # the engine child re-imports this file under spawn
    main()
