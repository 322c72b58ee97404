"""secure_startup: policy applied, retention run, key warnings surfaced; no Qt in security/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from desk_assistant import i18n
from desk_assistant.errors import KeyringUnavailableError
from desk_assistant.security import startup
from desk_assistant.security.policy import load_policy
from desk_assistant.security.vault import default_vault_dir
from desk_assistant.settings import Settings


@pytest.fixture
def no_hook(monkeypatch):
    # The real guard is permanent for the process; test_offline runs it in a child.
    monkeypatch.setattr(startup, "install_offline_guard", lambda: "guard")
    previous = i18n.language()
    yield
    i18n.set_language(previous)


def policy_file(tmp_path, data) -> str:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def test_startup_applies_policy_and_purges_old_data(home, memory_keyring, no_hook, tmp_path):
    policy = load_policy([policy_file(tmp_path, {"RetentionDays": 10, "UILanguage": "en"})])
    ctx = startup.secure_startup(Settings.load(), policy=policy, on_warning=lambda t: None)
    ctx.vault.put("history/old", b"x")
    ctx.vault.put("history/new", b"y")
    old = ctx.vault.path_for("history/old")
    os.utime(old, (time.time() - 11 * 86400,) * 2)
    settings = Settings.load()
    again = startup.secure_startup(settings, policy=policy, on_warning=lambda t: None)
    assert again.purged == [old]
    assert again.vault.names() == ["history/new"]
    assert settings.get("data.retention_days") == 10 and i18n.language() == "en"
    assert again.warnings == []
    assert default_vault_dir().is_relative_to(home)


def test_startup_shows_policy_problems_and_key_fallback(home, no_keyring, no_hook, tmp_path):
    shown: list[str] = []
    policy = load_policy([policy_file(tmp_path, "{broken")])
    ctx = startup.secure_startup(None, policy=policy, on_warning=shown.append)
    assert len(shown) == 1 and "policy.json" in shown[0]
    # The broken policy is read as "no key fallback": keys are refused, loudly.
    with pytest.raises(KeyringUnavailableError):
        ctx.vault  # noqa: B018


def test_startup_with_fallback_allowed_warns_once(home, no_keyring, no_hook, tmp_path):
    shown: list[str] = []
    ctx = startup.secure_startup(None, policy=load_policy([]), on_warning=shown.append)
    ctx.vault.put("a", b"1")
    ctx.audit.append(task="translate", outcome="ok")
    assert ctx.audit.verify().ok
    assert len(shown) == 2  # one per key file: vault key and audit key
    assert all(".key" in text and ("keyring" in text or "キーリング" in text) for text in shown)


def test_security_package_never_imports_qt():
    code = (
        "import sys, desk_assistant.security.startup, desk_assistant.security.allowlist, "
        "desk_assistant.commands.audit; "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_report_for_selftest(home, memory_keyring, no_hook, tmp_path):
    policy = load_policy([policy_file(tmp_path, {"RequireModelHash": True})])
    ctx = startup.secure_startup(None, policy=policy, on_warning=lambda t: None)
    ctx.audit.append(task="translate", outcome="ok")
    report = ctx.report()
    assert report["policy"]["RequireModelHash"] is True and report["policy"]["present"]
    assert report["keys"]["audit-hmac-key"] == "keyring"
    assert report["audit"]["ok"] is True and report["audit"]["records"] == 1
    assert "network_attempts" in report["offline"]
    json.dumps(report)  # IT files it as JSON
