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
    # The model folder is a field with Browse… (issue 19: no hand-typed paths needed).
    assert isinstance(dialog.editors["models.directory"].edit, QLineEdit)
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


def test_models_are_picked_from_the_catalog_and_a_typed_id_still_works(qtbot, tmp_path):
    from desk_assistant.llm.catalog import load_catalog

    settings = Settings(path=tmp_path / "s.json")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    picker = dialog.editors["models.translate"]
    catalog = load_catalog()
    assert picker.value() == ""  # automatic
    assert picker.count() == 1 + len({e.id for e in catalog})
    picker.setCurrentIndex(picker.findData(catalog[0].id))
    assert catalog[0].name in picker.currentText()
    dialog.editors["models.general"].setEditText("my-own-model")
    assert dialog.apply() == {"models.translate", "models.general"}
    assert settings.get("models.translate") == catalog[0].id
    assert settings.get("models.general") == "my-own-model"


def test_folder_browse_fills_the_field(qtbot, tmp_path, monkeypatch):
    from desk_assistant.gui import settings_dialog

    monkeypatch.setattr(
        settings_dialog.QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path)
    )
    settings = Settings(path=tmp_path / "s.json")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.editors["models.directory"].browse.click()
    assert dialog.apply() == {"models.directory"}
    assert settings.get("models.directory") == str(tmp_path)


def test_restart_now_asks_about_unsaved_work_then_starts_again(make_window, monkeypatch):
    from PySide6.QtCore import QProcess

    started = []
    monkeypatch.setattr(QProcess, "startDetached", lambda *args: started.append(args) or True)
    window = make_window()
    window.show()
    monkeypatch.setattr(window, "unsaved_work", lambda: ["保存していない要約があります"])
    monkeypatch.setattr(window, "ask_discard", lambda reasons: False)
    assert not window.restart() and started == [] and window.isVisible()
    monkeypatch.setattr(window, "ask_discard", lambda reasons: True)
    assert window.restart() and len(started) == 1 and not window.isVisible()
