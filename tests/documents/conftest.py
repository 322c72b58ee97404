"""Fixtures for the documents layer: the real corpus, copied before use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from doc_helpers import CORPUS


@pytest.fixture
def corpus(tmp_path):
    """copy(name) -> a private copy of one corpus file (the corpus is read-only)."""

    def copy(name: str) -> Path:
        source = CORPUS / name
        if not source.exists():
            pytest.skip(f"corpus file {name} not available")
        target = tmp_path / "in" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        return target

    return copy


@pytest.fixture
def english():
    """Warnings and messages in English for the assertions (the default is Japanese)."""
    from desk_assistant import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("ja")
