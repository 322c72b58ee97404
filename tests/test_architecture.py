"""House rules that code review alone would let slip."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desk_assistant"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_gui_imports_qt():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "gui" not in p.relative_to(PACKAGE).parts[:1]
        and _imports(p) & {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
    ]
    assert offenders == []


def test_rule_catches_a_qt_import(tmp_path):
    # Guard the guard: the scanner sees both import forms.
    sample = tmp_path / "x.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport PySide6.QtWidgets\n")
    assert "PySide6" in _imports(sample)


def test_parent_process_never_imports_llama_cpp_at_module_level():
    # llama.cpp belongs in the engine's child process (a native crash there must
    # not take the window down). Only the worker and hardware detection touch it,
    # and only inside functions.
    for path in (PACKAGE / "llm").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        for node in top_level:
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            assert not (module or "").startswith("llama_cpp"), path.name


# --- layers (tests/layers.py holds the contract) -------------------------------------

import shutil  # noqa: E402

from layers import LAYER_OF, violations  # noqa: E402


def test_imports_follow_the_layers():
    assert [str(v) for v in violations(PACKAGE)] == []


def test_every_top_level_module_has_a_layer():
    tops = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in PACKAGE.glob("*")}
    tops -= {"__pycache__", "py.typed"}
    assert sorted(tops - set(LAYER_OF)) == []


def _copy_package(tmp_path: Path) -> Path:
    root = tmp_path / "desk_assistant"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return root


def _plant(root: Path, relative: str, code: str) -> None:
    path = root / relative
    path.write_text(path.read_text(encoding="utf-8") + "\n" + code + "\n", encoding="utf-8")


def test_the_layer_check_fails_on_planted_imports(tmp_path):
    # Guard the guard: each planted import in a copy of the package is caught,
    # with the line it is on, including imports inside functions.
    root = _copy_package(tmp_path)
    _plant(root, "documents/model.py", "def f():\n    from ..gui import app")  # upward, lazy
    _plant(root, "security/policy.py", "from desk_assistant.llm import engine")  # upward, absolute
    _plant(root, "gui/app.py", "from ..commands import common")  # sideways between shells
    _plant(root, "tasks/translate/memory.py", "from ..summarize import styles")  # task to task
    _plant(root, "tasks/verdicts.py", "from .translate import memory")  # shared part to a task
    _plant(root, "tasks/summarize/styles.py", "from .. import verdicts")  # allowed: shared part
    _plant(root, "llm/prompts.py", "from ..documents import model")  # service to service
    _plant(root, "documents/annotate.py", "from .docx import _read_entries")  # private name
    found = {(v.importer, v.imported) for v in violations(root)}
    assert found == {
        ("desk_assistant.documents.model", "desk_assistant.gui"),
        ("desk_assistant.security.policy", "desk_assistant.llm"),
        ("desk_assistant.gui.app", "desk_assistant.commands"),
        ("desk_assistant.tasks.translate.memory", "desk_assistant.tasks.summarize"),
        ("desk_assistant.tasks.verdicts", "desk_assistant.tasks.translate"),
        ("desk_assistant.llm.prompts", "desk_assistant.documents"),
        ("desk_assistant.documents.annotate", "desk_assistant.documents.docx"),
    }


def test_a_package_without_a_layer_is_reported(tmp_path):
    root = _copy_package(tmp_path)
    (root / "office").mkdir()
    (root / "office" / "__init__.py").write_text("from ..errors import DeskError\n")
    assert any("has no layer" in v.why for v in violations(root))
