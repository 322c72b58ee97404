"""The task session: what a CLI command and a GUI tab share around a task run
(policy checks, audit start/outcome, translation memory, job state, glossary,
output naming). Qt-free; below the two shells (gui/, commands/) and above the
tasks in the layers (see tests/layers.py)."""

from .audit import AuditedTask
from .outputs import refuse_source
from .task import TaskSession

__all__ = ["AuditedTask", "TaskSession", "refuse_source"]
