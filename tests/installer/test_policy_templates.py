"""The ADMX/ADML templates name exactly the policy keys policy.py reads, with the
registry path and value types it parses; policy.example.json stays valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fake_winreg import FakeWinreg
from lxml import etree

from desk_assistant import i18n
from desk_assistant.security import policy as policy_mod
from desk_assistant.security.policy import load_policy

POLICY_DIR = Path(__file__).resolve().parents[2] / "installer" / "policy"
ADMX = POLICY_DIR / "DeskAssistant.admx"
ADMLS = [POLICY_DIR / "en-US" / "DeskAssistant.adml", POLICY_DIR / "ja-JP" / "DeskAssistant.adml"]
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
KEY = policy_mod.REGISTRY_KEY
LIST_KEYS = set(policy_mod.LIST_KEYS)  # read from subkeys by read_registry
ELEMENTS = ("text", "decimal", "boolean", "enum", "list")


def admx():
    return etree.parse(str(ADMX)).getroot()


def policies() -> dict[str, etree._Element]:
    return {p.get("name"): p for p in admx().iterfind("p:policies/p:policy", NS)}


def elements(policy) -> list[etree._Element]:
    return [e for e in policy.iterfind("p:elements/*", NS) if etree.QName(e).localname in ELEMENTS]


def parser_of(name: str):
    return policy_mod._KEYS[name][1]


def test_templates_are_well_formed_xml():
    for path in [ADMX, *ADMLS]:
        etree.parse(str(path))  # raises on malformed XML


def test_admx_names_exactly_the_keys_policy_py_reads():
    assert set(policies()) == set(policy_mod._KEYS)


def test_every_policy_writes_under_the_policy_key_with_its_own_name():
    for name, policy in policies().items():
        assert policy.get("key") == KEY, name
        # HKLM and HKCU are both read, except the keys that may send documents somewhere.
        expected = "Machine" if name in policy_mod.MACHINE_ONLY_KEYS else "Both"
        assert policy.get("class") == expected, name
        if name in LIST_KEYS:
            assert policy.get("valueName") is None, name
            assert elements(policy), name
            for element in elements(policy):
                assert element.get("key") == f"{KEY}\\{name}", (name, element.get("id"))
            continue
        written = [e.get("valueName") for e in elements(policy)]
        if policy.get("valueName") is not None:
            written.append(policy.get("valueName"))
        assert written == [name], name
        assert all(e.get("key") in (None, KEY) for e in elements(policy)), name


def test_value_types_match_the_parsers():
    for name, policy in policies().items():
        parse = parser_of(name)
        kinds = [etree.QName(e).localname for e in elements(policy)]
        if parse is policy_mod._bool:
            on = policy.find("p:enabledValue/p:decimal", NS)
            off = policy.find("p:disabledValue/p:decimal", NS)
            assert (on.get("value"), off.get("value")) == ("1", "0"), name
            assert kinds == [], name
        elif parse in (policy_mod._text, policy_mod._font_map):
            assert kinds == ["text"], name
            assert elements(policy)[0].get("expandable") != "true", name  # REG_SZ, not expanded
        elif parse is policy_mod._days:
            (days,) = elements(policy)
            assert kinds == ["decimal"], name
            assert (days.get("minValue"), days.get("maxValue")) == ("0", "36500"), name
        elif parse is policy_mod._language:
            (enum,) = elements(policy)
            values = [v.text for v in enum.iterfind("p:item/p:value/p:string", NS)]
            assert kinds == ["enum"] and sorted(values) == sorted(i18n.SUPPORTED), name
        elif parse is policy_mod._engine_use:
            (enum,) = elements(policy)
            values = [v.text for v in enum.iterfind("p:item/p:value/p:string", NS)]
            assert kinds == ["enum"], name
            assert sorted(values) == sorted(policy_mod.REMOTE_ENGINE_USES), name
        elif parse is policy_mod._strings:
            assert name in LIST_KEYS
        else:
            pytest.fail(f"no template check for the parser of {name}")


def test_disabled_features_offer_exactly_the_known_features():
    boxes = elements(policies()["DisabledFeatures"])
    names = {b.get("valueName") for b in boxes}
    assert names == set(policy_mod.KNOWN_FEATURES)
    for box in boxes:  # checked: the feature name as a string value; unchecked: deleted
        assert box.find("p:trueValue/p:string", NS).text == box.get("valueName")
        assert box.find("p:falseValue/p:delete", NS) is not None


def referenced(kind: str) -> set[str]:
    text = ADMX.read_text(encoding="utf-8")
    return set(re.findall(rf"\$\({kind}\.([A-Za-z0-9_]+)\)", text))


@pytest.mark.parametrize("adml", ADMLS, ids=lambda p: p.parent.name)
def test_adml_defines_every_string_and_presentation(adml):
    root = etree.parse(str(adml)).getroot()
    strings = {s.get("id"): s.text for s in root.iterfind(".//p:stringTable/p:string", NS)}
    shown = {p.get("id"): p for p in root.iterfind(".//p:presentationTable/p:presentation", NS)}
    assert referenced("string") <= set(strings), referenced("string") - set(strings)
    assert all(strings[s] and strings[s].strip() for s in referenced("string"))
    assert referenced("presentation") == set(shown)
    for name, policy in policies().items():
        ids = {e.get("id") for e in elements(policy)}
        if not ids:
            assert policy.get("presentation") is None, name
            continue
        assert policy.get("presentation") == f"$(presentation.{name})", name
        refs = {c.get("refId") for c in shown[name]}
        assert refs == ids, (adml.parent.name, name)  # every control has its element


def test_both_languages_define_the_same_ids():
    def ids(path):
        root = etree.parse(str(path)).getroot()
        return {e.get("id") for e in root.iterfind(".//p:stringTable/p:string", NS)}, {
            e.get("id") for e in root.iterfind(".//p:presentationTable/p:presentation", NS)
        }

    assert ids(ADMLS[0]) == ids(ADMLS[1])


def gpo_registry(sample: dict) -> dict:
    """The registry values Group Policy writes with every policy enabled, using the
    template's own value names, keys and value kinds."""
    tree: dict = {}

    def put(key, name, value):
        tree.setdefault(("HKLM", key), {})[name] = value

    for name, policy in policies().items():
        if policy.get("valueName"):  # enabledValue decimal
            put(KEY, policy.get("valueName"), 1)
        for element in elements(policy):
            kind = etree.QName(element).localname
            key = element.get("key") or KEY
            if kind == "list":  # valuePrefix="": values named 1, 2, ...
                tree.setdefault(("HKLM", key), {})
                for i, item in enumerate(sample[name], 1):
                    put(key, str(i), item)
            elif kind == "boolean":
                if element.get("valueName") in sample[name]:
                    put(
                        key, element.get("valueName"), element.find("p:trueValue/p:string", NS).text
                    )
            elif kind == "decimal":
                put(key, element.get("valueName"), int(sample[name]))
            elif kind == "enum":
                put(key, element.get("valueName"), sample[name])
            else:
                put(key, element.get("valueName"), sample[name])
    return tree


def test_what_the_templates_write_is_read_back_without_problems():
    digest = "ab" * 32
    sample = {
        "ModelDirectory": r"D:\Models",
        "AllowedModels": [digest, digest.upper()],
        "LogDirectory": r"\\server\logs\desk",
        "RetentionDays": 30,
        "DisabledFeatures": ["summarize", "export"],
        "UILanguage": "en",
        "ProofreadProfile": r"\\server\share\proofread_profile.json",
        "RemoteEndpoint": "https://llm.example.lg.jp:8443",
        "RemoteCABundle": r"C:\ProgramData\DeskAssistant\internal-ca.pem",
        "RemoteCertificatePin": "ab" * 32,
        "RemoteModels": ["plamo-2-translate", "llm-jp-3.1-instruct"],
        "RemoteEngineUse": "remote-only",
        "RemoteModelTranslate": "plamo-2-translate",
        "RemoteModelSummarize": "llm-jp-3.1-instruct",
        "RemoteModelProofread": "llm-jp-3.1-instruct",
        "LibraryFolders": [r"\\server\share\答弁", r"D:\通知"],
        "FontMap": "serif=Georgia; gothic=BIZ UDゴシック",
    }
    result = load_policy([], use_registry=True, winreg_module=FakeWinreg(gpo_registry(sample)))
    assert result.problems == (), result.problems
    assert result.set_keys == {attr for attr, _ in policy_mod._KEYS.values()}
    assert result.model_directory == r"D:\Models" and result.log_directory == r"\\server\logs\desk"
    assert result.allowed_models == (digest, digest)
    assert result.retention_days == 30 and result.ui_language == "en"
    assert result.disabled_features == {"summarize", "export"}
    assert result.require_model_hash and result.allow_catalog_models
    assert result.allow_keyring_fallback
    assert result.proofread_profile == r"\\server\share\proofread_profile.json"
    assert result.allow_personal_exceptions
    assert result.remote_endpoint == "https://llm.example.lg.jp:8443"
    assert result.remote_models == ("plamo-2-translate", "llm-jp-3.1-instruct")
    assert result.remote_engine_use == "remote-only"
    assert result.remote_model_translate == "plamo-2-translate"


def test_remote_server_keys_under_user_configuration_are_ignored():
    as_user = {
        ("HKCU", KEY): {"RemoteEndpoint": "https://attacker.example:443"},
        ("HKCU", KEY + "\\RemoteModels"): {"1": "m"},
    }
    result = load_policy([], use_registry=True, winreg_module=FakeWinreg(as_user))
    assert result.remote_endpoint is None and result.remote_models == ()
    assert [("Endpoint" in p, "Models" in p) for p in result.problems] == [(1, 0), (0, 1)]


def test_example_policy_json_is_valid_and_complete():
    example = POLICY_DIR / "policy.example.json"
    result = load_policy(files=[example])
    assert result.present and result.problems == (), result.problems
    keys = {k for k in json.loads(example.read_text(encoding="utf-8")) if not k.startswith("_")}
    assert keys == set(policy_mod._KEYS)
