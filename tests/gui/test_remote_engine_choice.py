"""The GUI's engine choice: one settings row (自動 / この PC / 組織の推論サーバー),
locked when IT's policy decides, and the window's models opened on the policy's
server through the task session (stub server in its own process)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtWidgets import QComboBox

from desk_assistant.gui.settings_dialog import SettingsDialog
from desk_assistant.security.policy import Policy, apply_policy
from desk_assistant.security.remote_endpoint import parse_endpoint
from desk_assistant.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))
from openai_stub import MODEL_ID, StubProcess  # noqa: E402


def test_engine_location_row_offers_three_choices_and_is_locked_by_policy(qtbot, tmp_path):
    dialog = SettingsDialog(Settings(path=tmp_path / "s.json"))
    qtbot.addWidget(dialog)
    combo = dialog.editors["engine.location"]
    assert isinstance(combo, QComboBox) and combo.isEnabled()
    assert [combo.itemData(i) for i in range(combo.count())] == ["auto", "local", "remote"]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "自動", "この PC", "組織の推論サーバー",
    ]  # fmt: skip
    locked = Settings(path=tmp_path / "t.json")
    apply_policy(
        Policy(remote_endpoint="https://llm.example.lg.jp", remote_engine_use="remote-only"),
        locked,
    )
    dialog = SettingsDialog(locked)
    qtbot.addWidget(dialog)
    combo = dialog.editors["engine.location"]
    assert not combo.isEnabled() and combo.currentData() == "remote"


def test_window_models_open_on_the_policy_server_and_name_it(qtbot):
    from desk_assistant.gui.main_window import load_models
    from desk_assistant.gui.model_bar import describe, details

    stub = StubProcess()
    try:
        endpoint = parse_endpoint(f"http://127.0.0.1:{stub.port}", models=(MODEL_ID,))
        security = SimpleNamespace(policy=Policy(), remote_endpoint=endpoint)
        _, opened = load_models(Settings(), None, ("translate", "general"), None, security)
        model = opened["translate"]
        assert model.endpoint == endpoint.url and model.info.id == MODEL_ID
        assert opened["general"] is model  # one model id on the server: one engine
        assert endpoint.url in describe(model) and endpoint.url in details(model)
        model.close()
    finally:
        stub.stop()
