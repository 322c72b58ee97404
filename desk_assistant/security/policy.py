"""IT policy: read once at start-up, overrides user settings, never silently absent.

Sources, strongest first:
- Windows: HKLM\\SOFTWARE\\Policies\\DeskAssistant, then HKCU\\SOFTWARE\\Policies\\DeskAssistant.
- Elsewhere: policy.json in the system folder (/etc/desk-assistant/ or
  /Library/Application Support/DeskAssistant/). Never a file next to the
  interpreter or executable: a user-installed Python makes that user-writable.
- DESK_ASSISTANT_POLICY (a policy.json path, for tests and pilots) only where
  no machine policy exists and the app is not frozen; otherwise it is refused
  (and the refusal reported), so the user cannot fill keys IT left unset.

A value present in a stronger source wins key by key. A source that cannot be
parsed, or a value of the wrong type, is reported in `Policy.problems` and read
the safest way (see `_SAFEST`); a broken policy never means "no policy".
JSON nesting is bounded (MAX_DEPTH) and two spellings of one key
("RequireModelHash" and "requiremodelhash") make the source malformed.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import deployment, i18n
from ..errors import FeatureDisabledError
from ..settings import parse_font_map

REGISTRY_KEY = deployment.REGISTRY_POLICY_KEY
POLICY_FILE_NAME = deployment.POLICY_FILE_NAME
POLICY_ENV = "DESK_ASSISTANT_POLICY"
MAX_DEPTH = 8  # policy.json is flat: an object of scalars and lists of strings
MAX_POLICY_BYTES = 1024 * 1024

# Feature names for DisabledFeatures. Unknown names are kept (disabling something
# that does not exist harms nothing) but reported, since they are likely typos.
KNOWN_FEATURES = frozenset(
    {
        "translate",
        "summarize",
        "proofread",
        "llm_suggestions",
        "history",
        "translation_memory",
        "glossary",
        "export",
        "audit_export",
        "library",  # 答弁・文書ライブラリ: search, ask and indexing
        "laws",  # 法令調査: law import, lookup, search and ask
    }
)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Policy:
    model_directory: str | None = None
    allowed_models: tuple[str, ...] = ()  # lower-case SHA-256 hex
    require_model_hash: bool = False
    allow_catalog_models: bool = True  # catalog SHA-256s count as allowed under RequireModelHash
    log_directory: str | None = None
    retention_days: int | None = None  # None or 0: keep
    disabled_features: frozenset[str] = frozenset()
    allow_keyring_fallback: bool = True
    allow_external_links: bool = False  # keep external template/image links in outputs
    ui_language: str | None = None
    # 公用文チェッカー: an organization rule profile (JSON path) and whether users may
    # keep a personal exception list (tasks/proofread/profile.py reads both).
    proofread_profile: str | None = None
    allow_personal_exceptions: bool = True
    owner_only_outputs: bool = False  # outputs 0600 instead of following the user's umask
    # 答弁・文書検索: folders IT puts in every user's library (indexed, not removable).
    library_folders: tuple[str, ...] = ()
    # Fonts of translated text (settings.parse_font_map: "off" or "serif=…; sans=…; …").
    font_map: str | None = None
    # Shared inference server (security/remote_endpoint.py). Machine policy only:
    # without RemoteEndpoint the app stays fully local and the guard refuses everything.
    remote_endpoint: str | None = None  # https://host:port (http only for 127.0.0.1 / ::1)
    remote_ca_bundle: str | None = None  # PEM file of the CA that signed the server's certificate
    remote_certificate_pin: str | None = None  # SHA-256 of the server certificate (DER)
    remote_models: tuple[str, ...] = ()  # model ids the app may use on that server
    # Whether users choose: "user-choice" (default), "remote-only" or "local-only".
    remote_engine_use: str = "user-choice"
    # The model id each task uses on the server (each is allowed like RemoteModels).
    remote_model_translate: str | None = None
    remote_model_summarize: str | None = None
    remote_model_proofread: str | None = None
    sources: tuple[str, ...] = ()  # where the values came from, strongest first
    set_keys: frozenset[str] = frozenset()  # policy keys some source actually set
    problems: tuple[str, ...] = ()  # what was malformed, in the UI language

    @property
    def present(self) -> bool:
        return bool(self.sources)

    @property
    def malformed(self) -> bool:
        return bool(self.problems)

    def feature_enabled(self, feature: str) -> bool:
        return feature not in self.disabled_features

    def require_feature(self, feature: str) -> None:
        if not self.feature_enabled(feature):
            raise FeatureDisabledError(feature=feature)

    def as_dict(self) -> dict[str, Any]:
        """Policy in force, with the registry/JSON key names (for selftest reports)."""
        return {
            "ModelDirectory": self.model_directory,
            "AllowedModels": list(self.allowed_models),
            "RequireModelHash": self.require_model_hash,
            "AllowCatalogModels": self.allow_catalog_models,
            "LogDirectory": self.log_directory,
            "RetentionDays": self.retention_days,
            "DisabledFeatures": sorted(self.disabled_features),
            "AllowKeyringFallback": self.allow_keyring_fallback,
            "AllowExternalLinks": self.allow_external_links,
            "UILanguage": self.ui_language,
            "ProofreadProfile": self.proofread_profile,
            "LibraryFolders": list(self.library_folders),
            "FontMap": self.font_map,
            "AllowPersonalExceptions": self.allow_personal_exceptions,
            "OwnerOnlyOutputs": self.owner_only_outputs,
            "RemoteEndpoint": self.remote_endpoint,
            "RemoteCABundle": self.remote_ca_bundle,
            "RemoteCertificatePin": self.remote_certificate_pin,
            "RemoteModels": list(self.remote_models),
            "RemoteEngineUse": self.remote_engine_use,
            "RemoteModelTranslate": self.remote_model_translate,
            "RemoteModelSummarize": self.remote_model_summarize,
            "RemoteModelProofread": self.remote_model_proofread,
            "sources": list(self.sources),
            "problems": list(self.problems),
        }


# Policy key -> (Policy field, parser). Parsers raise ValueError on bad values.
def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):  # REG_DWORD
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("0", "1", "true", "false"):
        return value.strip().lower() in ("1", "true")
    raise ValueError("true/false")


def _text(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValueError("non-empty text")


def _days(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 36500:
        return value
    raise ValueError("0..36500")


def _strings(value: Any) -> list[str]:
    # JSON list, REG_MULTI_SZ list, or one string separated by ; , or newlines.
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;,\s]+", value) if part.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise ValueError("list of strings")


REMOTE_ENGINE_USES = ("user-choice", "remote-only", "local-only")


def _engine_use(value: Any) -> str:
    text = _text(value).lower()
    if text not in REMOTE_ENGINE_USES:
        raise ValueError("/".join(REMOTE_ENGINE_USES))
    return text


def _font_map(value: Any) -> str:
    text = _text(value)
    parse_font_map(text)  # ValueError names the accepted form
    return text


def _language(value: Any) -> str:
    text = _text(value).lower()
    if text not in i18n.SUPPORTED:
        raise ValueError("/".join(i18n.SUPPORTED))
    return text


_KEYS: dict[str, tuple[str, Any]] = {
    "ModelDirectory": ("model_directory", _text),
    "AllowedModels": ("allowed_models", _strings),
    "RequireModelHash": ("require_model_hash", _bool),
    "AllowCatalogModels": ("allow_catalog_models", _bool),
    "LogDirectory": ("log_directory", _text),
    "RetentionDays": ("retention_days", _days),
    "DisabledFeatures": ("disabled_features", _strings),
    "AllowKeyringFallback": ("allow_keyring_fallback", _bool),
    "AllowExternalLinks": ("allow_external_links", _bool),
    "UILanguage": ("ui_language", _language),
    "ProofreadProfile": ("proofread_profile", _text),
    "LibraryFolders": ("library_folders", _strings),
    "FontMap": ("font_map", _font_map),
    "AllowPersonalExceptions": ("allow_personal_exceptions", _bool),
    "OwnerOnlyOutputs": ("owner_only_outputs", _bool),
    "RemoteEndpoint": ("remote_endpoint", _text),
    "RemoteCABundle": ("remote_ca_bundle", _text),
    "RemoteCertificatePin": ("remote_certificate_pin", _text),
    "RemoteModels": ("remote_models", _strings),
    "RemoteEngineUse": ("remote_engine_use", _engine_use),
    "RemoteModelTranslate": ("remote_model_translate", _text),
    "RemoteModelSummarize": ("remote_model_summarize", _text),
    "RemoteModelProofread": ("remote_model_proofread", _text),
}
# Keys that send documents somewhere: read only from machine sources (HKLM, the
# system policy.json), never from HKCU or DESK_ASSISTANT_POLICY, which a user can set.
MACHINE_ONLY_KEYS = frozenset(
    {
        "RemoteEndpoint",
        "RemoteCABundle",
        "RemoteCertificatePin",
        "RemoteModels",
        "RemoteEngineUse",
        "RemoteModelTranslate",
        "RemoteModelSummarize",
        "RemoteModelProofread",
    }
)
# ADMX <list> elements: read from a subkey of the same name (read_registry).
LIST_KEYS = ("AllowedModels", "DisabledFeatures", "RemoteModels", "LibraryFolders")
_CANONICAL = {name.lower(): name for name in _KEYS}

# The safest reading of a key whose value is malformed. Keys absent here keep
# their default: e.g. a broken RetentionDays must not delete anyone's data.
_SAFEST: dict[str, Any] = {
    "require_model_hash": True,
    "allow_catalog_models": False,
    "allow_keyring_fallback": False,
    "allow_personal_exceptions": False,
    "allow_external_links": False,
    # A DisabledFeatures IT wrote but we cannot read: fail closed, every feature off.
    "disabled_features": sorted(KNOWN_FEATURES),
    "owner_only_outputs": True,
    # A RemoteEngineUse IT wrote but we cannot read: documents stay on the PC.
    "remote_engine_use": "local-only",
}
# A source that cannot be read at all: everything IT could have restricted is restricted.
_SAFEST_WHOLE = {"require_model_hash": True, "allow_keyring_fallback": False}


@dataclass
class _Source:
    name: str
    values: dict[str, Any] = field(default_factory=dict)  # Policy field -> parsed value
    problems: list[str] = field(default_factory=list)


def _problem(source: str, ja: str, en: str) -> str:
    return i18n.tr(f"ポリシー {source}: {ja}", f"policy {source}: {en}")


def parse_policy_mapping(raw: Any, source: str, *, machine: bool = True) -> _Source:
    """Parse one source's key/value mapping (JSON object or registry values).

    `machine`: False for sources a user can write (HKCU, DESK_ASSISTANT_POLICY);
    their MACHINE_ONLY_KEYS are ignored and reported."""
    parsed = _Source(source)
    if not isinstance(raw, dict):
        parsed.problems.append(
            _problem(source, "JSON オブジェクトではありません", "not a JSON object")
        )
        parsed.values.update(_SAFEST_WHOLE)
        return parsed
    for key, value in raw.items():
        if str(key).startswith(("_", "$")):
            continue  # "_comment", "$schema": documentation inside policy.json
        name = _CANONICAL.get(str(key).lower())
        if name is None:
            parsed.problems.append(
                _problem(
                    source, f"不明なキー {key}（無視しました）", f"unknown key {key} (ignored)"
                )
            )
            continue
        if name in MACHINE_ONLY_KEYS and not machine:
            parsed.problems.append(
                _problem(
                    source,
                    f"{name} はコンピューターのポリシーでのみ設定できます（無視しました）",
                    f"{name} is accepted from machine policy only (ignored)",
                )
            )
            continue
        attr, parse = _KEYS[name]
        try:
            parsed.values[attr] = parse(value)
        except ValueError as err:
            safest = _SAFEST.get(attr)
            if attr == "disabled_features":
                shown = i18n.tr("すべての機能が無効", "every feature disabled")
            else:
                shown = safest if safest is not None else i18n.tr("未設定", "unset")
            parsed.problems.append(
                _problem(
                    source,
                    f"{name} の値 {value!r} が不正です（{err} が必要）。{shown} として扱います",
                    f"{name} has an invalid value {value!r} (expected {err}); treated as {shown}",
                )
            )
            if safest is not None:
                parsed.values[attr] = safest
    _check_hashes_and_features(parsed)
    if "remote_models" in parsed.values:
        parsed.values["remote_models"] = tuple(parsed.values["remote_models"])
    return parsed


def _check_hashes_and_features(parsed: _Source) -> None:
    if "allowed_models" in parsed.values:
        good = []
        for item in parsed.values["allowed_models"]:
            digest = item.lower()
            if _SHA256.match(digest):
                good.append(digest)
            else:
                parsed.problems.append(
                    _problem(
                        parsed.name,
                        f"AllowedModels の {item!r} は SHA-256（16進64桁）ではありません（無視しました）",
                        f"AllowedModels entry {item!r} is not a SHA-256 (64 hex digits); ignored",
                    )
                )
        parsed.values["allowed_models"] = tuple(good)
    if "disabled_features" in parsed.values:
        features = frozenset(f.lower() for f in parsed.values["disabled_features"])
        for unknown in sorted(features - KNOWN_FEATURES):
            parsed.problems.append(
                _problem(
                    parsed.name,
                    f"DisabledFeatures の {unknown!r} は不明な機能名です",
                    f"DisabledFeatures entry {unknown!r} is not a known feature",
                )
            )
        parsed.values["disabled_features"] = features


def read_policy_file(path: Path, *, machine: bool = True) -> _Source | None:
    """None when the file does not exist; a source with problems when it is broken."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad writes a BOM
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        source = _Source(name, dict(_SAFEST_WHOLE))
        source.problems.append(
            _problem(name, f"読み込めません（{err}）", f"cannot be read ({err})")
        )
        return source
    try:
        if len(text) > MAX_POLICY_BYTES:
            raise ValueError(f"larger than {MAX_POLICY_BYTES} bytes")
        raw = _bounded_json(text)
    except _DuplicateKey as err:
        source = _Source(name, dict(_SAFEST_WHOLE))
        source.problems.append(
            _problem(
                name,
                f"キー {err.first} と {err.second} が重複しています（大文字小文字だけが違う同じキー）。"
                "最も安全な設定で動作します",
                f"keys {err.first} and {err.second} are the same key spelled twice; "
                "running with the safest settings",
            )
        )
        return source
    except ValueError as err:
        source = _Source(name, dict(_SAFEST_WHOLE))
        source.problems.append(
            _problem(
                name,
                f"JSON として読めません（{err}）。最も安全な設定で動作します",
                f"is not valid JSON ({err}); running with the safest settings",
            )
        )
        return source
    source = parse_policy_mapping(raw, name, machine=machine)
    if os.name == "posix" and _writable_by_others(path):
        source.problems.append(
            _problem(
                name,
                "管理者以外も書き換えられる権限になっています",
                "can be modified by users other than the administrator",
            )
        )
    return source


class _DuplicateKey(ValueError):
    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"duplicate key {first} / {second}")
        self.first, self.second = first, second


def _json_depth(text: str) -> int:
    """Deepest [ / { nesting, outside strings; checked before json.loads can recurse."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, str] = {}
    for key, _value in pairs:
        folded = str(key).lower()
        if folded in seen:
            raise _DuplicateKey(seen[folded], key)
        seen[folded] = key
    return dict(pairs)


def _bounded_json(text: str) -> Any:
    if _json_depth(text) > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicates)
    except RecursionError:  # belt and braces: the depth scan should have caught it
        raise ValueError("nested too deeply") from None


def _writable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH))
    except OSError:
        return False


def read_registry(winreg_module: Any, hive_name: str) -> _Source | None:
    """Read one hive's policy key. `winreg_module` is injectable for tests."""
    hive = getattr(winreg_module, hive_name)
    name = f"{hive_name}\\{REGISTRY_KEY}"
    try:
        key = winreg_module.OpenKey(hive, REGISTRY_KEY)
    except OSError:
        return None
    raw: dict[str, Any] = {}
    try:
        index = 0
        while True:
            try:
                value_name, value, _kind = winreg_module.EnumValue(key, index)
            except OSError:
                break
            raw[value_name] = value
            index += 1
        # ADMX <list> elements store each entry as a value in a subkey.
        for list_key in LIST_KEYS:
            entries = _registry_list(winreg_module, key, list_key)
            if entries is not None:
                raw[list_key] = entries
    finally:
        winreg_module.CloseKey(key)
    return parse_policy_mapping(raw, name, machine=hive_name == "HKEY_LOCAL_MACHINE")


def _registry_list(winreg_module: Any, key: Any, subkey: str) -> list[str] | None:
    try:
        sub = winreg_module.OpenKey(key, subkey)
    except OSError:
        return None
    entries: list[str] = []
    try:
        index = 0
        while True:
            try:
                _name, value, _kind = winreg_module.EnumValue(sub, index)
            except OSError:
                break
            if isinstance(value, str):
                entries.append(value)
            index += 1
    finally:
        winreg_module.CloseKey(sub)
    return entries


def system_policy_files() -> list[Path]:
    """policy.json locations outside Windows, strongest first (machine locations only)."""
    return deployment.system_policy_files()


def merge_sources(sources: Sequence[_Source], extra_problems: Sequence[str] = ()) -> Policy:
    """Merge parsed sources given strongest first; each key from the strongest that set it."""
    values: dict[str, Any] = {}
    set_keys: set[str] = set()
    problems: list[str] = []
    for source in reversed(sources):  # weakest first, stronger ones overwrite
        values.update(source.values)
        set_keys.update(source.values)
    for source in sources:
        problems.extend(source.problems)
    problems.extend(extra_problems)
    return Policy(
        **values,
        sources=tuple(s.name for s in sources),
        set_keys=frozenset(set_keys),
        problems=tuple(problems),
    )


def load_policy(
    files: Iterable[str | os.PathLike] | None = None,
    *,
    use_registry: bool | None = None,
    winreg_module: Any = None,
) -> Policy:
    """The policy in force. Never raises: problems are listed in `Policy.problems`.

    With no arguments: the registry on Windows, the system policy.json files
    elsewhere; DESK_ASSISTANT_POLICY only when neither exists and the app is not
    frozen. `files` replaces the file list (strongest first) for tests.
    """
    sources: list[_Source] = []
    if use_registry is None:
        use_registry = files is None and os.name == "nt"
    if use_registry:
        if winreg_module is None:
            import winreg as winreg_module  # Windows only
        for hive in ("HKEY_LOCAL_MACHINE", "HKEY_CURRENT_USER"):
            found = read_registry(winreg_module, hive)
            if found is not None:
                sources.append(found)
    paths = [Path(p) for p in files] if files is not None else []
    if files is None and os.name != "nt":
        paths = system_policy_files()
    for path in paths:
        found = read_policy_file(path)
        if found is not None:
            sources.append(found)
    refused: list[str] = []
    if files is None:
        refused = _env_policy(sources)
    return merge_sources(sources, refused)


def _env_policy(sources: list[_Source]) -> list[str]:
    """DESK_ASSISTANT_POLICY: for tests and pilots on unmanaged machines only."""
    override = os.environ.get(POLICY_ENV)
    if not override:
        return []
    if sources or deployment.production():
        return [
            _problem(
                f"{POLICY_ENV}={override}",
                "組織のポリシーがある PC、または配布版では環境変数のポリシーは使えません（無視しました）",
                "a policy from an environment variable is not accepted where a machine "
                "policy exists or in the installed build (ignored)",
            )
        ]
    found = read_policy_file(Path(override), machine=False)
    if found is not None:
        sources.append(found)
    return []


# -- applying policy to settings ---------------------------------------------


def apply_policy(policy: Policy, settings: Any) -> Any:
    """Lock the settings that the policy decides, so they win and the GUI shows them as managed."""
    locked = settings.locked
    if policy.ui_language:
        locked["ui.language"] = policy.ui_language
    if policy.model_directory:
        locked["models.directory"] = policy.model_directory
    if policy.require_model_hash:
        locked["engine.verify_hash"] = True  # an allow-list is meaningless without hashing
    if "retention_days" in policy.set_keys and policy.retention_days is not None:
        locked["data.retention_days"] = policy.retention_days
    if policy.font_map:
        locked["translate.font_map"] = policy.font_map
    if policy.remote_endpoint and policy.remote_engine_use != "user-choice":
        # IT decided where inference runs: the engine choice shows as managed.
        locked["engine.location"] = (
            "local" if policy.remote_engine_use == "local-only" else "remote"
        )
    return settings


MANAGED_LABEL = ("組織により管理されています", "Managed by your organization")
