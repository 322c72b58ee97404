"""Policy: precedence, locked settings, malformed input read the safest way."""

from __future__ import annotations

import json
import os

import pytest
from fake_winreg import FakeWinreg

from desk_assistant import i18n
from desk_assistant.errors import FeatureDisabledError, UsageError
from desk_assistant.security import policy as policy_mod
from desk_assistant.security.policy import Policy, apply_policy, load_policy
from desk_assistant.settings import Settings

HASH_A = "a" * 64
HASH_B = "B" * 64


def write(path, data) -> str:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture(autouse=True)
def english():
    previous = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(previous)


def test_no_policy_is_defaults(tmp_path):
    result = load_policy([tmp_path / "missing.json"])
    assert result == Policy() and not result.present and not result.malformed


def test_full_policy_is_read(tmp_path):
    result = load_policy(
        [
            write(
                tmp_path / "p.json",
                {
                    "ModelDirectory": "/srv/models",
                    "AllowedModels": [HASH_A, HASH_B],
                    "RequireModelHash": True,
                    "LogDirectory": "/var/log/da",
                    "RetentionDays": 30,
                    "DisabledFeatures": ["Summarize"],
                    "AllowKeyringFallback": False,
                    "UILanguage": "en",
                },
            )
        ]
    )
    assert result.model_directory == "/srv/models"
    assert result.allowed_models == (HASH_A, HASH_B.lower())
    assert result.require_model_hash and not result.allow_keyring_fallback
    assert (result.log_directory, result.retention_days, result.ui_language) == (
        "/var/log/da",
        30,
        "en",
    )
    assert not result.feature_enabled("summarize") and result.feature_enabled("translate")
    with pytest.raises(FeatureDisabledError):
        result.require_feature("summarize")
    assert result.problems == ()


def test_stronger_source_wins_key_by_key(tmp_path):
    strong = write(tmp_path / "strong.json", {"RetentionDays": 7, "RequireModelHash": True})
    weak = write(tmp_path / "weak.json", {"RetentionDays": 365, "LogDirectory": "/weak"})
    result = load_policy([strong, weak])
    assert result.retention_days == 7 and result.require_model_hash
    assert result.log_directory == "/weak"  # only the weak source set it
    assert result.sources == (strong, weak)


@pytest.mark.skipif(os.name == "nt", reason="Windows reads the registry, not system files")
def test_env_policy_cannot_override_the_system_file(tmp_path, monkeypatch):
    # Issue 14 (F3): with a machine policy present the environment policy is refused
    # entirely, not merged as the weakest source (it could fill keys IT left unset).
    system = write(tmp_path / "system.json", {"AllowKeyringFallback": False})
    user = write(tmp_path / "user.json", {"AllowKeyringFallback": True, "RetentionDays": 3})
    monkeypatch.setattr(policy_mod, "system_policy_files", lambda: [tmp_path / "system.json"])
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", user)
    result = load_policy()
    assert result.allow_keyring_fallback is False
    assert result.retention_days is None
    assert result.sources == (system,)
    assert any("DESK_ASSISTANT_POLICY" in p for p in result.problems)


@pytest.mark.skipif(os.name == "nt", reason="Windows reads the registry, not system files")
def test_env_policy_alone_is_used(tmp_path, monkeypatch):
    monkeypatch.setattr(policy_mod, "system_policy_files", lambda: [])
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", write(tmp_path / "p.json", {"RequireModelHash": 1}))
    assert load_policy().require_model_hash is True


def test_invalid_json_gives_the_safest_reading_not_no_policy(tmp_path):
    result = load_policy([write(tmp_path / "p.json", '{"RequireModelHash": false,')])
    assert result.present and result.malformed
    assert result.require_model_hash is True and result.allow_keyring_fallback is False
    assert "not valid JSON" in result.problems[0] and "p.json" in result.problems[0]


def test_broken_strong_source_still_restricts_a_weak_one(tmp_path):
    strong = write(tmp_path / "strong.json", "[not json")
    weak = write(tmp_path / "weak.json", {"RequireModelHash": False, "AllowKeyringFallback": True})
    result = load_policy([strong, weak])
    assert result.require_model_hash is True and result.allow_keyring_fallback is False


def test_not_an_object_is_malformed(tmp_path):
    result = load_policy([write(tmp_path / "p.json", "[1, 2]")])
    assert result.malformed and result.require_model_hash is True


def test_bad_values_are_reported_and_read_safely(tmp_path):
    result = load_policy(
        [
            write(
                tmp_path / "p.json",
                {
                    "RequireModelHash": "maybe",
                    "AllowKeyringFallback": 7,
                    "AllowCatalogModels": None,
                    "RetentionDays": -5,
                    "UILanguage": "fr",
                    "AllowedModels": [HASH_A, "not-a-hash"],
                    "DisabledFeatures": ["translate", "teleport"],
                    "RequireModelHashes": True,
                },
            )
        ]
    )
    assert result.require_model_hash is True
    assert result.allow_keyring_fallback is False and result.allow_catalog_models is False
    assert result.retention_days is None  # a broken retention must not delete data
    assert result.ui_language is None
    assert result.allowed_models == (HASH_A,)
    assert result.disabled_features == frozenset({"translate", "teleport"})
    text = "\n".join(result.problems)
    for fragment in (
        "RequireModelHash has an invalid value",
        "RetentionDays",
        "UILanguage",
        "'not-a-hash'",
        "'teleport'",
        "unknown key RequireModelHashes",
    ):
        assert fragment in text
    assert len(result.problems) == 8


def test_bom_and_case_insensitive_keys(tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(
        "\ufeff".encode()
        + b'{"requiremodelhash": true, "ALLOWEDMODELS": "'
        + HASH_A.encode()
        + b'"}'
    )
    result = load_policy([path])
    assert result.require_model_hash and result.allowed_models == (HASH_A,) and not result.malformed


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_world_writable_policy_file_is_reported(tmp_path):
    path = write(tmp_path / "p.json", {"RetentionDays": 1})
    os.chmod(path, 0o666)
    result = load_policy([path])
    assert result.retention_days == 1
    assert any("other than the administrator" in p for p in result.problems)


# -- Windows registry (with a stand-in for winreg) ----------------------------


def test_registry_hklm_beats_hkcu_and_reads_admx_lists():
    key = policy_mod.REGISTRY_KEY
    fake = FakeWinreg(
        {
            ("HKLM", key): {"RequireModelHash": 1, "RetentionDays": 14},
            ("HKLM", key + "\\AllowedModels"): {"1": HASH_A, "2": HASH_B},
            ("HKCU", key): {
                "RequireModelHash": 0,
                "RetentionDays": 90,
                "UILanguage": "en",
                "DisabledFeatures": ["proofread"],
            },
        }
    )
    result = load_policy([], use_registry=True, winreg_module=fake)
    assert result.require_model_hash is True and result.retention_days == 14
    assert result.allowed_models == (HASH_A, HASH_B.lower())
    assert result.ui_language == "en" and result.disabled_features == {"proofread"}
    assert result.sources[0].startswith("HKEY_LOCAL_MACHINE")


def test_registry_absent_is_no_policy():
    result = load_policy([], use_registry=True, winreg_module=FakeWinreg({}))
    assert not result.present and result == Policy()


# -- locked settings ---------------------------------------------------------


def test_policy_locks_settings(home, tmp_path):
    settings = Settings.load()
    settings.set("ui.language", "ja")
    settings.set("engine.verify_hash", False)
    settings.set("data.retention_days", 365)
    policy = load_policy(
        [
            write(
                tmp_path / "p.json",
                {
                    "UILanguage": "en",
                    "RequireModelHash": True,
                    "RetentionDays": 30,
                    "ModelDirectory": "/srv/m",
                },
            )
        ]
    )
    apply_policy(policy, settings)
    assert settings.get("ui.language") == "en" and settings.is_locked("ui.language")
    assert settings.get("engine.verify_hash") is True
    assert settings.get("data.retention_days") == 30
    assert settings.get("models.directory") == "/srv/m"
    with pytest.raises(UsageError) as info:
        settings.set("data.retention_days", 1)
    assert "managed by your organization" in info.value.message("en")
    assert not settings.is_locked("engine.n_ctx")


def test_unset_policy_locks_nothing(home):
    settings = apply_policy(Policy(), Settings.load())
    assert settings.locked == {}


def test_comment_keys_are_documentation(tmp_path):
    result = load_policy(
        [write(tmp_path / "p.json", {"_comment": "IT note", "$schema": "x", "RetentionDays": 5})]
    )
    assert result.retention_days == 5 and result.problems == ()


def test_example_policy_in_the_installer_is_valid():
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "installer" / "policy" / "policy.example.json"
    result = load_policy([example])
    assert result.present and result.problems == (), result.problems
    assert result.require_model_hash and len(result.allowed_models) >= 1
