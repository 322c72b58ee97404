"""Organization rules (組織の規定) and personal exceptions.

IT distributes a JSON profile and points the ProofreadProfile policy at it
(installer/policy/proofread_profile.example.json)::

    {"name": "〇〇市文書事務の手引（令和7年4月）",
     "words": [{"match": "子供", "suggestion": "こども", "note": "…", "severity": "warning"}],
     "allow": ["エビデンス"],          # never flagged by the built-in word rules
     "disabled": ["gairaigo"],         # rule ids switched off
     "enabled": ["long-sentence"],     # rule ids a user may not switch off
     "severity": {"long-sentence": "warning"},
     "max_sentence": 80}

Profile words are reported by the rule org-word with source 組織の規定 and the
profile's name, and they override a built-in finding on the same words. A user
may keep a personal exception list (one word per line) unless the
AllowPersonalExceptions policy is off.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ... import paths
from ...errors import EXIT_USAGE, DeskError
from .finding import SEVERITIES

EXCEPTIONS_FILE = "proofread_exceptions.txt"


class ProfileError(DeskError):
    ja = "組織の校正プロファイルを読み込めません: {path}（{what}）"
    en = "Cannot read the organization's proofreading profile: {path} ({what})"
    exit_code = EXIT_USAGE


class PersonalExceptionsForbiddenError(DeskError):
    ja = "個人の校正例外リストは組織のポリシー（AllowPersonalExceptions）で使えません: {path}"
    en = "Personal proofreading exceptions are disabled by your organization's policy (AllowPersonalExceptions): {path}"
    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class OrgWord:
    match: str
    suggestion: str
    note: str = ""
    severity: str = "warning"


@dataclass(frozen=True)
class Profile:
    name: str
    words: tuple[OrgWord, ...] = ()
    allow: frozenset[str] = frozenset()
    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    max_sentence: int | None = None
    path: str = ""


_KEYS = {"name", "words", "allow", "disabled", "enabled", "severity", "max_sentence"}


def load_profile(path: str | os.PathLike) -> Profile:
    """The profile at `path`; anything malformed is an error naming the key (a silently
    ignored typo would leave the organization's rule unenforced)."""
    from .registry import RULES

    def bad(what: str) -> ProfileError:
        return ProfileError(path=str(path), what=what)

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise bad(err.strerror or str(err)) from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise bad(f"JSON: {err}") from err
    if not isinstance(data, dict):
        raise bad("{...}")
    data = {k: v for k, v in data.items() if not k.startswith("_")}
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise bad(", ".join(unknown))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise bad("name")
    words = []
    for item in data.get("words", []):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("match"), str)
            or not item["match"]
        ):
            raise bad("words: {match, suggestion}")
        severity = item.get("severity", "warning")
        if severity not in SEVERITIES:
            raise bad(f"words: severity {severity!r}")
        words.append(
            OrgWord(
                item["match"], str(item.get("suggestion", "")), str(item.get("note", "")), severity
            )
        )
    lists = {}
    for key in ("allow", "disabled", "enabled"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(f"{key}: [...]")
        lists[key] = frozenset(value)
    for key in ("disabled", "enabled"):
        unknown_ids = sorted(lists[key] - set(RULES))
        if unknown_ids:
            raise bad(f"{key}: {', '.join(unknown_ids)}")
    severity = data.get("severity", {})
    if not isinstance(severity, dict) or any(
        k not in RULES or v not in SEVERITIES for k, v in severity.items()
    ):
        raise bad("severity: {rule id: error|warning|info}")
    max_sentence = data.get("max_sentence")
    if max_sentence is not None and (not isinstance(max_sentence, int) or max_sentence < 10):
        raise bad("max_sentence")
    return Profile(
        name.strip(),
        tuple(words),
        lists["allow"],
        lists["disabled"],
        lists["enabled"],
        dict(severity),
        max_sentence,
        str(path),
    )


def default_exceptions_path() -> Path:
    return paths.config_dir() / EXCEPTIONS_FILE


def load_exceptions(path: str | os.PathLike) -> frozenset[str]:
    """Words the user does not want flagged: one per line, '#' starts a comment."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ProfileError(path=str(path), what=err.strerror or str(err)) from err
    except UnicodeDecodeError as err:
        raise ProfileError(path=str(path), what="UTF-8") from err
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def configure(config, policy: Any = None, exceptions: str | os.PathLike | None = None):
    """`config` with the organization's profile (policy ProofreadProfile) and the user's
    exceptions (`exceptions`, or the default file when it exists) applied.

    An exceptions file given explicitly while the policy forbids them is an error; the
    default file is then ignored."""
    profile_path = getattr(policy, "proofread_profile", None)
    allow_personal = getattr(policy, "allow_personal_exceptions", True)
    changes: dict[str, Any] = {}
    if profile_path:
        profile = load_profile(profile_path)
        changes["profile"] = profile
        if profile.max_sentence:
            changes["max_sentence"] = profile.max_sentence
    if exceptions is not None and not allow_personal:
        raise PersonalExceptionsForbiddenError(path=str(exceptions))
    path = Path(exceptions) if exceptions is not None else default_exceptions_path()
    if allow_personal and (exceptions is not None or path.is_file()):
        changes["exceptions"] = load_exceptions(path)
    return replace(config, **changes) if changes else config
