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

# Markers a test gets from what it uses, so a new test cannot forget them
# (`make test-fast` deselects model, libreoffice, msi and slow).
MODEL_FIXTURES = {"demo_gguf", "installed_demo"}
# Test id prefix (path[::name]) -> markers. One table, so marking a test does not
# mean editing files other people work on. "slow": the biggest corpus files, measured
# with --durations (each well over 10 s of CPU); `make test` still runs them all.
MARKED = {
    "tests/gui/": ("gui",),
    "tests/installer/test_msi_build.py": ("msi",),
    "tests/proofread/test_libreoffice.py": ("libreoffice",),
    "tests/documents/test_docx_roundtrip.py::test_marked_files_open_in_libreoffice": (
        "libreoffice",
    ),
    "tests/documents/test_pdf.py::test_every_pdf_gives_text_or_a_specific_error[pdf03": ("slow",),
    "tests/documents/test_pdf.py::test_every_pdf_gives_text_or_a_specific_error[pdf06": ("slow",),
    "tests/documents/test_pdf.py::test_every_pdf_gives_text_or_a_specific_error[pdf07": ("slow",),
    "tests/documents/test_pdf.py::test_every_pdf_gives_text_or_a_specific_error[pdf13": ("slow",),
    "tests/documents/test_docx_roundtrip.py::test_unchanged_round_trip_keeps_every_part[docx01": (
        "slow",
    ),
    "tests/documents/test_docx_roundtrip.py::test_marked_round_trip_changes_every_segment_and_keeps_runs[docx01": (
        "slow",
    ),
    "tests/proofread/test_corpus.py::test_whole_docx_corpus_runs_with_few_errors": ("slow",),
    # Since the PDF layout pass (pdfplumber) reading the corpus PDFs costs ~3x pypdf:
    "tests/documents/test_pdf.py::test_text_pdfs_are_not_flagged_as_ocr": ("slow",),
    "tests/laws/test_citation_gold.py": ("slow",),
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(item.path).resolve()
        where = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.as_posix()
        test_id = where + item.nodeid[item.nodeid.find("::") :] if "::" in item.nodeid else where
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
        for prefix, markers in MARKED.items():
            if test_id.startswith(prefix):
                for name in markers:
                    item.add_marker(getattr(pytest.mark, name))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skip caused by our own package failing to import is a failure, not a skip:
    a broken import must never pass CI as "skipped"."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and call.excinfo is not None:
        reason = str(call.excinfo.value)
        if _hides_our_import_error(reason):
            report.outcome = "failed"
            report.longrepr = f"a skip hid an import error of desk_assistant: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """The same for a whole test module skipped at import time."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and _hides_our_import_error(str(report.longrepr)):
        report.outcome = "failed"


def _hides_our_import_error(reason: str) -> bool:
    return "desk_assistant" in reason and (
        "could not import" in reason or "No module named" in reason
    )


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DESK_ASSISTANT_HOME", str(home))
    monkeypatch.setenv("DESK_ASSISTANT_LANG", "ja")
    # A test that runs cli.main in this process installs the offline guard here for
    # good, and the guard exports its attempt log's path: without this, every later
    # subprocess (selftest) would inherit that log and report other tests' attempts.
    monkeypatch.delenv("DESK_ASSISTANT_GUARD_LOG", raising=False)
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
