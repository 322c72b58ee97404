"""The settings dialog is generated from the one schema; policy-locked settings
are disabled and say who manages them."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox

from desk_assistant.gui.settings_dialog import SettingsDialog
from desk_assistant.settings import SCHEMA, Settings


def test_one_editor_per_setting_of_the_schema(qtbot, tmp_path):
    dialog = SettingsDialog(Settings(path=tmp_path / "s.json"))
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == {s.key for s in SCHEMA}
    assert isinstance(dialog.editors["ui.language"], QComboBox)
    assert isinstance(dialog.editors["engine.n_ctx"], QSpinBox)
    assert isinstance(dialog.editors["engine.verify_hash"], QCheckBox)
    assert isinstance(dialog.editors["models.directory"], QLineEdit)
    spin = dialog.editors["engine.n_ctx"]
    assert (spin.minimum(), spin.maximum()) == (512, 131072)


def test_locked_settings_are_disabled_and_marked_managed(qtbot, tmp_path):
    settings = Settings(path=tmp_path / "s.json", locked={"ui.language": "ja"})
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.editors["ui.language"].isEnabled()
    assert dialog.editors["engine.n_ctx"].isEnabled()
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert labels.count("組織により管理されています") == 1


def test_apply_saves_changes_and_says_when_a_restart_is_needed(qtbot, tmp_path):
    settings = Settings(path=tmp_path / "s.json")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.editors["ui.language"].setCurrentIndex(dialog.editors["ui.language"].findData("en"))
    dialog.editors["ui.font_size"].setValue(14)
    assert dialog.apply() == {"ui.language", "ui.font_size"}
    assert dialog.needs_restart()
    reloaded = Settings.load(tmp_path / "s.json")
    assert reloaded.get("ui.language") == "en" and reloaded.get("ui.font_size") == 14
    assert "再起動" in dialog.note.text()
