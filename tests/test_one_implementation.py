"""Helpers that used to be written twice now have one implementation; these tests
pin it, so a new copy (or a caller going back to its own) fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import desk_assistant
from desk_assistant import fileio
from desk_assistant.documents.sniff import size_and_limit

PACKAGE = Path(desk_assistant.__file__).parent


def _defined_functions(name: str) -> list[str]:
    """Modules of the package that define a top-level function `name`."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.FunctionDef) and n.name == name for n in tree.body):
            found.append(str(path.relative_to(PACKAGE)))
    return found


def test_one_size_formatter_for_documents_models_and_memory():
    assert fileio.human_size(512) == "512 B"
    assert fileio.human_size(12_595) == "12.3 KB"
    assert fileio.human_size(270 * 1024 * 1024) == "270.0 MB"
    assert fileio.human_size(int(1.5 * 1024**3)) == "1.5 GB"
    assert fileio.human_size(3 * 1024**4) == "3.0 TB"
    assert size_and_limit(200 * 1024 * 1024, 100 * 1024 * 1024) == ("200.0 MB", "100.0 MB")
    for twin in ("human_bytes", "format_size", "_human_size"):
        assert _defined_functions(twin) == []
    assert _defined_functions("human_size") == ["fileio.py"]
