"""The tasks the app offers, declared once (qutebrowser's configdata, for tasks).

The main window builds its task tabs from TASKS (in this order); the CLI's task
subcommands, the policy's DisabledFeatures keys and the ADMX template are checked
against it (tests/test_registries.py). Adding a task: its package under tasks/,
its command under commands/, its tab under gui/tabs/, one entry here, and its
feature key in security/policy.py KNOWN_FEATURES with its ADMX/ADML check box.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TaskSpec:
    name: str  # the CLI subcommand, the audit log's task name and the policy feature key
    role: str | None  # the model role it needs (llm/catalog roles); None: none
    tab: bool = True  # has a tab in the main window (gui/tabs/<name>_tab.py)
    command: bool = True  # has a CLI subcommand (commands/<name>.py)
    # Other DisabledFeatures keys the task honours (through the session).
    features: tuple[str, ...] = ()


TASKS: tuple[TaskSpec, ...] = (
    TaskSpec(
        "translate",
        role="translate",
        features=("glossary", "translation_memory", "history", "export"),
    ),
    TaskSpec("summarize", role="general", features=("export",)),
    TaskSpec("proofread", role=None, features=("llm_suggestions", "export")),
    # 答弁・文書ライブラリ: `library`, `search` and `ask` (commands/library.py), 検索 tab.
    TaskSpec("library", role="general"),
    # 法令調査: `laws import|list|show|search|ask` (commands/laws.py) on local e-Gov data, 法令 tab.
    TaskSpec("laws", role="general"),
)

BY_NAME = {spec.name: spec for spec in TASKS}


def task(name: str) -> TaskSpec:
    return BY_NAME[name]
