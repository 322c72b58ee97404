"""Helpers for driving the real window offscreen: a window with a scripted model
injected, and waiting for its background operations so no thread outlives a test."""

from __future__ import annotations

import shutil
from pathlib import Path

# PySide6 and pytest-qt are dependencies: a missing one is a broken install, which
# must fail here rather than skip every GUI test.
import PySide6  # noqa: E402, F401
import pytest
import pytestqt  # noqa: E402, F401

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
DOCX = "docx07_gif_499_faq_short.docx"


def fake_model(engine, *, demo: bool = False, name: str = "Fake", size: int = 1):
    from desk_assistant.llm.catalog import CatalogEntry, ModelInfo
    from desk_assistant.llm.engine import LoadOptions
    from desk_assistant.llm.runtime import OpenModel

    entry = None
    if demo:
        entry = CatalogEntry(
            id="fake-demo",
            name=name,
            family="fake",
            roles=("translate", "general"),
            prompt_format="few_shot",
            license="test",
            sha256=None,
            size=size,
            filenames=("fake.gguf",),
            demo=True,
        )
    info = ModelInfo(
        id="fake-demo" if demo else "fake",
        path=Path("fake.gguf"),
        name=name,
        roles=("translate", "general"),
        prompt_format="few_shot",
        size=size,
        entry=entry,
    )
    runtime = engine.load("fake.gguf", LoadOptions(n_ctx=4096))
    return OpenModel(info=info, engine=engine, runtime=runtime, sha256="")


def wait_job(qtbot, op, timeout: int = 20000) -> None:
    """Wait until the operation's `finished` reached the GUI thread and its thread ended."""
    if op is None:
        return
    qtbot.waitUntil(lambda: op.done, timeout=timeout)
    assert op.wait(timeout)


@pytest.fixture
def corpus_docx(tmp_path) -> Path:
    source = CORPUS / DOCX
    if not source.exists():
        pytest.skip(f"corpus file {DOCX} not available")
    target = tmp_path / DOCX
    shutil.copy2(source, target)
    return target


@pytest.fixture
def make_window(qtbot):
    """make_window(engine=None, **kw) -> MainWindow with a scripted model for both roles."""
    from desk_assistant.gui.main_window import MainWindow

    windows = []

    def make(engine=None, *, demo=False, **kwargs):
        window = MainWindow(**kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        if engine is not None:
            window.set_model(fake_model(engine, demo=demo))
        return window

    yield make
    for window in windows:  # no thread may outlive the test
        if window.operation is not None:
            window.operation.cancel()
        window.wait_idle(20000)
        for op in (window.operation, window.doc_operation):
            assert op is None or not op.running(), "a background thread outlived the test"


@pytest.fixture
def open_doc(qtbot):
    def open_(window, path: Path):
        op = window.open_document(path)
        wait_job(qtbot, op)
        assert window.document is not None, window.last_error
        return window.document

    return open_


@pytest.fixture(name="fake_model")
def fake_model_fixture():
    return fake_model


@pytest.fixture(name="wait_job")
def wait_job_fixture(qtbot):
    return lambda op, timeout=20000: wait_job(qtbot, op, timeout)
