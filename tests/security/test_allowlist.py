"""Model allow-list under RequireModelHash."""

from __future__ import annotations

import hashlib

import pytest

from desk_assistant import i18n
from desk_assistant.errors import ModelNotAllowedError, ModelNotFoundError
from desk_assistant.security.allowlist import check_model_allowed
from desk_assistant.security.policy import Policy

LISTED = "1" * 64
CATALOG = "C" * 64
OTHER = "f" * 64


def test_without_policy_anything_loads(tmp_path):
    assert check_model_allowed(tmp_path / "m.gguf", OTHER, Policy()) == "no-policy"


def test_listed_hash_loads():
    policy = Policy(require_model_hash=True, allowed_models=(LISTED,))
    assert check_model_allowed("m.gguf", LISTED.upper(), policy) == "allowed-list"


def test_catalog_hash_loads_unless_policy_says_otherwise():
    policy = Policy(require_model_hash=True)
    assert check_model_allowed("m.gguf", CATALOG, policy, catalog_hashes=[CATALOG]) == "catalog"
    strict = Policy(require_model_hash=True, allow_catalog_models=False)
    with pytest.raises(ModelNotAllowedError):
        check_model_allowed("m.gguf", CATALOG, strict, catalog_hashes=[CATALOG])


def test_unlisted_model_is_refused_naming_file_and_hash(tmp_path):
    policy = Policy(require_model_hash=True, allowed_models=(LISTED,))
    path = tmp_path / "rogue-model.Q4_K_M.gguf"
    with pytest.raises(ModelNotAllowedError) as info:
        check_model_allowed(path, OTHER, policy, catalog_hashes=[CATALOG])
    for lang in ("ja", "en"):
        text = info.value.message(lang)
        assert str(path) in text and OTHER in text and "AllowedModels" in text
    assert info.value.exit_code == 4


def test_hash_is_computed_when_not_given(tmp_path):
    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF fake")
    digest = hashlib.sha256(b"GGUF fake").hexdigest()
    assert (
        check_model_allowed(path, None, Policy(require_model_hash=True, allowed_models=(digest,)))
        == "allowed-list"
    )
    with pytest.raises(ModelNotAllowedError):
        check_model_allowed(path, None, Policy(require_model_hash=True))
    with pytest.raises(ModelNotFoundError):
        check_model_allowed(tmp_path / "gone.gguf", None, Policy(require_model_hash=True))


def test_message_language_follows_ui():
    err = ModelNotAllowedError(path="x.gguf", sha256=OTHER)
    previous = i18n.language()
    try:
        i18n.set_language("ja")
        assert "許可されていないモデル" in str(err)
    finally:
        i18n.set_language(previous)
