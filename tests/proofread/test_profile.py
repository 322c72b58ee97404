"""Organization rules (組織の規定) from the IT-distributed profile, and personal exceptions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk_assistant.security.policy import Policy
from desk_assistant.tasks.proofread import ProofreadConfig, check_text
from desk_assistant.tasks.proofread.profile import (
    PersonalExceptionsForbiddenError,
    ProfileError,
    configure,
    load_profile,
)

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "installer" / "policy" / "proofread_profile.example.json"
)


def _profile(tmp_path, **data) -> Path:
    base = {"name": "テスト市文書規程"}
    base.update(data)
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
    return path


def test_example_profile_loads():
    profile = load_profile(EXAMPLE)
    assert profile.name and any(w.match == "子供" for w in profile.words)


def test_profile_words_say_organization_rule_and_override_builtin(tmp_path):
    path = _profile(
        tmp_path,
        words=[
            {"match": "子供", "suggestion": "こども", "note": "こども基本法に合わせる"},
            {"match": "ウィルス", "suggestion": "ウイルス"},
            {"match": "従って", "suggestion": "従って", "severity": "info"},
        ],
    )
    config = configure(ProofreadConfig(), Policy(proofread_profile=str(path)))
    found = check_text("子供の数を数える。従って、ウィルスに注意する。", config=config)
    org = [f for f in found if f.rule == "org-word"]
    assert [f.surface for f in org] == ["子供", "従って", "ウィルス"]
    for f in org:
        assert f.source == "組織の規定" and f.profile == "テスト市文書規程"
        assert f.citation == "組織の規定（テスト市文書規程）"
        assert "組織の規定（テスト市文書規程）" in f.message_ja
        assert f.to_dict()["profile"] == "テスト市文書規程"
    # The organization's word overrides the built-in conjunction rule on the same span.
    assert not [f for f in found if f.rule == "conjunction-kana"]
    # Without the profile the built-in rule applies.
    assert any(f.rule == "conjunction-kana" for f in check_text("従って、注意する。"))


def test_profile_turns_rules_off_allows_words_and_sets_severity(tmp_path):
    text = "コンプライアンスを守る。エビデンスを示す。" + "あ" * 85 + "。"
    path = _profile(
        tmp_path,
        allow=["エビデンス"],
        disabled=["double-negative"],
        enabled=["long-sentence"],
        severity={"long-sentence": "warning"},
    )
    config = configure(
        ProofreadConfig(disabled=frozenset({"long-sentence"})), Policy(proofread_profile=str(path))
    )
    found = check_text(text, config=config)
    assert [f.surface for f in found if f.rule == "gairaigo"] == ["コンプライアンス"]
    [long] = [f for f in found if f.rule == "long-sentence"]  # kept on by the organization
    assert long.severity == "warning"
    assert not config.enabled("double-negative")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        ({"name": ""}, "name"),
        ({"wordz": []}, "wordz"),
        ({"disabled": ["no-such-rule"]}, "no-such-rule"),
        ({"words": [{"match": "子供", "severity": "fatal"}]}, "fatal"),
        ({"severity": {"gairaigo": "loud"}}, "severity"),
    ],
)
def test_malformed_profile_is_a_clear_error(tmp_path, data, what):
    path = _profile(tmp_path, **data)
    with pytest.raises(ProfileError) as err:
        configure(ProofreadConfig(), Policy(proofread_profile=str(path)))
    assert what in err.value.message() and str(path) in err.value.message()


def test_personal_exceptions_and_policy_forbidding_them(tmp_path):
    words = tmp_path / "mine.txt"
    words.write_text("# 私の例外\nコンプライアンス\n", encoding="utf-8")
    text = "コンプライアンスを守る。"
    allowed = configure(ProofreadConfig(), Policy(), words)
    assert not [f for f in check_text(text, config=allowed) if f.rule == "gairaigo"]
    with pytest.raises(PersonalExceptionsForbiddenError) as err:
        configure(ProofreadConfig(), Policy(allow_personal_exceptions=False), words)
    assert "AllowPersonalExceptions" in err.value.message()
    # The default file is ignored (not an error) when the policy forbids it.
    from desk_assistant import paths

    paths.config_dir().mkdir(parents=True, exist_ok=True)
    (paths.config_dir() / "proofread_exceptions.txt").write_text(
        "コンプライアンス\n", encoding="utf-8"
    )
    try:
        assert configure(ProofreadConfig(), Policy()).exceptions == {"コンプライアンス"}
        forbidden = configure(ProofreadConfig(), Policy(allow_personal_exceptions=False))
        assert forbidden.exceptions == frozenset()
        assert [f.rule for f in check_text(text, config=forbidden)] == ["gairaigo"]
    finally:
        (paths.config_dir() / "proofread_exceptions.txt").unlink()


def test_cli_applies_the_policy_profile(tmp_path):
    profile = _profile(tmp_path, words=[{"match": "子供", "suggestion": "こども"}])
    policy = tmp_path / "policy.json"
    policy.write_text(
        json.dumps({"ProofreadProfile": str(profile), "AllowPersonalExceptions": False}),
        encoding="utf-8",
    )
    src = tmp_path / "a.txt"
    src.write_text("子供の数を数える。", encoding="utf-8")
    env = dict(os.environ, DESK_ASSISTANT_POLICY=str(policy))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desk_assistant",
            "proofread",
            str(src),
            "--no-llm",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    [f] = json.loads(done.stdout)["findings"]
    assert (f["rule"], f["source"], f["clause"]) == (
        "org-word",
        "組織の規定",
        "組織の規定（テスト市文書規程）",
    )
    mine = tmp_path / "mine.txt"
    mine.write_text("子供\n", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desk_assistant",
            "proofread",
            str(src),
            "--no-llm",
            "--exceptions",
            str(mine),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2 and "AllowPersonalExceptions" in done.stderr
    assert "Traceback" not in done.stderr
