"""Shared fixtures. Every test runs with its own DESK_ASSISTANT_HOME so no test
reads or writes the real user folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DESK_ASSISTANT_HOME", str(home))
    monkeypatch.setenv("DESK_ASSISTANT_LANG", "ja")
    from desk_assistant import i18n

    i18n.set_language("ja")
    return home


@pytest.fixture(scope="session")
def demo_gguf(tmp_path_factory) -> Path:
    """The real demo model, assembled once per test session (SHA-256 checked)."""
    from desk_assistant.llm import demo_model

    folder = tmp_path_factory.mktemp("demo-model")
    old = os.environ.get("DESK_ASSISTANT_HOME")
    os.environ["DESK_ASSISTANT_HOME"] = str(folder / "home")
    try:
        return demo_model.install(folder)
    finally:
        if old is None:
            os.environ.pop("DESK_ASSISTANT_HOME", None)
        else:
            os.environ["DESK_ASSISTANT_HOME"] = old


@pytest.fixture
def installed_demo(app_home, demo_gguf) -> Path:
    """The demo model placed in this test's user model folder (a link, not a copy)."""
    from desk_assistant import paths

    target = paths.user_model_dir() / demo_gguf.name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(demo_gguf, target)
    except OSError:
        shutil.copy2(demo_gguf, target)
    return target


@pytest.fixture
def corpus_copy(tmp_path):
    """Copy one corpus file into tmp_path; the corpus itself stays read-only."""

    def copy(name: str) -> Path:
        source = CORPUS / name
        if not source.exists():
            pytest.skip(f"corpus file {name} not available")
        target = tmp_path / name
        shutil.copy2(source, target)
        return target

    return copy
