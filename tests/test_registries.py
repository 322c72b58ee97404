"""The registries are the one place a task (or a format) is declared; everything
that lists tasks elsewhere is generated from them or checked here."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from desk_assistant import cli
from desk_assistant.security.policy import KNOWN_FEATURES
from desk_assistant.session.registry import TASKS

POLICY_DIR = Path(__file__).resolve().parents[1] / "installer" / "policy"
ADMX = POLICY_DIR / "DeskAssistant.admx"
ADMLS = [POLICY_DIR / "en-US" / "DeskAssistant.adml", POLICY_DIR / "ja-JP" / "DeskAssistant.adml"]


def test_every_task_has_its_cli_subcommand():
    commands = {spec.name for spec in TASKS if spec.command}
    assert commands <= set(cli.COMMAND_MODULES)
    parser = cli.build_parser()
    choices = parser._subparsers._group_actions[0].choices
    assert commands <= set(choices)


def test_every_task_and_feature_it_honours_is_a_policy_key():
    for spec in TASKS:
        assert spec.name in KNOWN_FEATURES, spec.name
        assert set(spec.features) <= KNOWN_FEATURES, spec.name


def test_every_task_can_be_disabled_in_the_admx_and_is_named_in_both_admls():
    ns = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
    root = etree.parse(str(ADMX)).getroot()
    values = {e.get("valueName") for e in root.iterfind(".//p:boolean", ns)}
    for spec in TASKS:
        assert spec.name in values, spec.name
        for adml in ADMLS:
            assert f'refId="Disable_{spec.name}"' in adml.read_text(encoding="utf-8")


def test_the_main_window_has_one_tab_per_task_in_registry_order():
    from desk_assistant.gui.main_window import TAB_CLASSES

    assert set(TAB_CLASSES) == {spec.name for spec in TASKS if spec.tab}


def test_the_settings_dialog_takes_restart_keys_and_tooltips_from_the_schema(qtbot):
    from desk_assistant.gui.settings_dialog import RESTART_KEYS, SettingsDialog
    from desk_assistant.settings import SCHEMA, Settings

    assert RESTART_KEYS == {
        "ui.language",
        "engine.n_ctx",
        "engine.threads",
        "engine.parallel",  # issue 20: the batch context is sized at load
        "engine.gpu_layers",
    }
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    for setting in SCHEMA:
        if any(setting.description):
            assert dialog.editors[setting.key].toolTip() in setting.description
