"""One store of the 13 shared laws per test session (import takes seconds), copied
into each test that changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

LAWS = Path("/work/shared/laws")


@pytest.fixture(scope="session")
def law_store_file(tmp_path_factory) -> Path:
    if not LAWS.is_dir():
        pytest.skip("shared law XML not available")
    from desk_assistant.tasks.laws.store import LawStore

    path = tmp_path_factory.mktemp("laws") / "laws.sqlite3"
    with LawStore(path) as store:
        report = store.import_paths([LAWS])
    assert not report.errors, report.errors
    return path


@pytest.fixture
def law_store(law_store_file):
    from desk_assistant.tasks.laws.store import LawStore

    store = LawStore(law_store_file)
    yield store
    store.close()


@pytest.fixture
def default_law_store(law_store_file, app_home):
    """The session store copied to where the app looks (the user's data folder)."""
    from desk_assistant.tasks.laws.store import default_path

    target = default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    for source in law_store_file.parent.glob("laws*.sqlite3"):  # the store and its index
        shutil.copyfile(source, target.parent / source.name)
    return target
