"""The layer contract of desk_assistant/, checked with `ast` (no import runs).

Layers, top to bottom; a module may import from its own layer's component and
from any layer below, never from above (napari's import-linter `layers` contract).
Components of one layer are independent siblings unless a pair is declared in
SIDEWAYS. Every import counts, also those inside functions: a lazy import is
still a dependency. A new top-level package must be given a layer here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LAYERS: list[tuple[str, frozenset[str]]] = [
    ("entry", frozenset({"__main__", "cli", "app"})),
    # The two shells over the session: the GUI never reaches into the CLI, nor back.
    ("shells", frozenset({"gui", "commands"})),
    ("session", frozenset({"session"})),
    # Each task package (tasks.translate, tasks.summarize, …) is its own component.
    ("tasks", frozenset({"tasks", "diagnostics"})),
    ("services", frozenset({"documents", "llm", "retrieval"})),
    ("security", frozenset({"security"})),
    (
        "base",
        frozenset(
            {
                "__init__",
                "errors",
                "settings",
                "paths",
                "i18n",
                "fileio",
                "kanji_numbers",
                "deployment",  # is this a managed install? (env overrides refused there)
                "timeouts",  # engine time limits (llm uses them, selftest reports them)
                "sudachi",  # the Sudachi tokenizer and its byte limit (proofread, retrieval)
            }
        ),
    ),
]
# Layers whose components may use each other freely (small shared modules).
FLAT = frozenset({"entry", "base"})
# Declared sideways imports between siblings (importer, imported).
SIDEWAYS: frozenset[tuple[str, str]] = frozenset(
    {
        # the 法令引用 proofreading rules check citations against the law store
        ("tasks.proofread", "tasks.laws"),
        # law citations in a summary are checked the same way (issue 17)
        ("tasks.summarize", "tasks.laws"),
    }
)
# Declared uses of another module's private names (module, name); each one a debt.
PRIVATE_OK: frozenset[tuple[str, str]] = frozenset(
    {
        # tasks/proofread's okurigana tables, shared inside the rules package.
        ("desk_assistant.tasks.proofread.rules.consistency", "_noun_tables"),
    }
)
LAYER_OF = {component: name for name, components in LAYERS for component in components}
RANK = {name: rank for rank, (name, _) in enumerate(LAYERS)}


@dataclass(frozen=True)
class Violation:
    importer: str  # dotted module
    imported: str
    line: int
    why: str

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} imports {self.imported} ({self.why})"


def module_name(path: Path, package_root: Path) -> str:
    parts = list(path.relative_to(package_root.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1 and path.parent != package_root:
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, module: str, package: str) -> Iterator[tuple[str, int, list[str]]]:
    """(imported module, line, imported names) for every import of our package in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    here = module.split(".") if is_package else module.split(".")[:-1]
    if module == f"{package}.__init__":
        here = [package]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == package or alias.name.startswith(package + "."):
                    yield alias.name, node.lineno, []
        elif isinstance(node, ast.ImportFrom):
            names = [a.name for a in node.names]
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target != package and not target.startswith(package + "."):
                continue
            if node.module is None:  # `from . import x`: each name is a module (or a name)
                for name in names:
                    yield f"{target}.{name}", node.lineno, []
            else:
                yield target, node.lineno, names


def component(module: str, task_packages: frozenset[str] = frozenset()) -> str:
    """desk_assistant.tasks.translate.memory -> tasks.translate; desk_assistant.llm.x -> llm.
    Modules directly in tasks/ (tasks/__init__, tasks/verdicts.py …) are the part every
    task shares: component "tasks"."""
    parts = module.split(".")[1:] or ["__init__"]
    if parts[0] == "tasks" and len(parts) > 1 and parts[1] in task_packages:
        return f"tasks.{parts[1]}"
    return parts[0]


def layer(comp: str) -> str | None:
    return LAYER_OF.get(comp.split(".")[0])


def check_edge(
    importer: str, imported: str, task_packages: frozenset[str] = frozenset()
) -> str | None:
    """Why importer may not import imported, or None when it may."""
    a, b = component(importer, task_packages), component(imported, task_packages)
    if a == b or (b == "tasks" and a.startswith("tasks.")):  # a task uses the shared part
        return None
    la, lb = layer(a), layer(b)
    if la is None:
        return f"package {a!r} has no layer: declare it in tests/layers.py"
    if lb is None:
        # `from desk_assistant import __version__` and the like resolve to a name.
        if imported.split(".")[1:2] and imported.split(".")[1].startswith("__"):
            return None
        return f"package {b!r} has no layer: declare it in tests/layers.py"
    if RANK[lb] < RANK[la]:
        return f"upward: {a} ({la}) -> {b} ({lb})"
    if la == lb and la not in FLAT and (a, b) not in SIDEWAYS:
        return f"sideways between siblings of layer {la}: {a} -> {b}"
    return None


def violations(package_root: Path, files: Iterable[Path] | None = None) -> list[Violation]:
    package = package_root.name
    tasks = package_root / "tasks"
    task_packages = frozenset(p.name for p in tasks.iterdir() if (p / "__init__.py").is_file())
    found: list[Violation] = []
    for path in sorted(files or package_root.rglob("*.py")):
        module = module_name(path, package_root)
        for imported, line, names in imports_of(path, module, package):
            why = check_edge(module, imported, task_packages)
            if why:
                found.append(Violation(module, imported, line, why))
            private = [
                n
                for n in names
                if n.startswith("_") and not n.startswith("__") and (module, n) not in PRIVATE_OK
            ]
            if private and not _same_module_family(module, imported):
                found.append(
                    Violation(module, imported, line, f"private names {private} of another module")
                )
    return found


def _same_module_family(importer: str, imported: str) -> bool:
    """A package may use the private names of its own modules' __init__ (re-exports)."""
    return importer == imported or importer.startswith(imported + ".")
