"""Options of the rule engine. Defaults follow 公用文作成の考え方 (2022)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import RulesFileError, UsageError, Words


@dataclass
class ProofreadConfig:
    max_sentence: int = 80  # characters; the guide asks for one point per sentence
    disabled: frozenset[str] = field(default_factory=frozenset)  # rule ids switched off
    only: frozenset[str] | None = None  # when set, run just these rule ids
    joshi_min_interval: int = 1  # doubled particles closer than this (in particles) are flagged
    prefer_style: str | None = None  # "desumasu" | "dearu" | None (the majority wins)
    profile: Any = None  # profile.Profile: the organization's rules (組織の規定), from policy
    exceptions: frozenset[str] = field(default_factory=frozenset)  # the user's own allow list

    def __post_init__(self) -> None:
        if self.max_sentence < 10:
            raise UsageError(
                what=Words(
                    f"--max-sentence {self.max_sentence}（10 以上にしてください）",
                    f"--max-sentence {self.max_sentence} (at least 10)",
                )
            )
        if self.prefer_style not in (None, "desumasu", "dearu"):
            raise UsageError(what=f"prefer_style={self.prefer_style!r}")
        self.disabled = frozenset(self.disabled)
        self.exceptions = frozenset(self.exceptions)
        if self.only is not None:
            self.only = frozenset(self.only)

    def enabled(self, rule_id: str) -> bool:
        if self.profile is not None:
            if rule_id in self.profile.disabled:
                return False
            if rule_id in self.profile.enabled:
                return True  # the organization keeps it on, whatever the user disabled
        if rule_id in self.disabled:
            return False
        return self.only is None or rule_id in self.only


_KEYS = {"max_sentence", "disabled", "only", "prefer_style", "joshi_min_interval"}


def load_config(path: str | os.PathLike, **overrides) -> ProofreadConfig:
    """A `ProofreadConfig` from a JSON file (the CLI's --rules FILE), e.g.
    {"max_sentence": 100, "disabled": ["gairaigo"], "prefer_style": "dearu"}.
    Unknown keys or rule ids are errors: a silently ignored typo would hide findings."""
    from .registry import RULES

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise RulesFileError(path=str(path), what=err.strerror or str(err)) from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise RulesFileError(path=str(path), what=f"JSON: {err}") from err
    if not isinstance(data, dict):
        raise RulesFileError(path=str(path), what="{...}")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise RulesFileError(path=str(path), what=", ".join(unknown))
    for key in ("disabled", "only"):
        ids = data.get(key)
        if ids is None:
            continue
        if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
            raise RulesFileError(path=str(path), what=f"{key}: [rule ids]")
        bad = sorted(set(ids) - set(RULES))
        if bad:
            raise RulesFileError(path=str(path), what=f"{key}: {', '.join(bad)}")
        data[key] = frozenset(ids)
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return ProofreadConfig(**data)
    except (TypeError, UsageError) as err:
        raise RulesFileError(path=str(path), what=str(err)) from err
