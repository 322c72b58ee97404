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
