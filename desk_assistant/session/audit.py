"""One task on one file in the audit log (監査ログ), whatever its outcome.

Shared by the CLI commands and the GUI tabs (it was in commands/common, which the
GUI must not import)."""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import Cancelled


class AuditedTask:
    """with AuditedTask(security, "summarize", path, model) as audit:
    ...; audit.output = out_path
    """

    def __init__(self, security, task: str, input_path: Path, model=None) -> None:
        self.security = security
        self.task = task
        self.input_path = input_path
        self.model = model  # llm.runtime.OpenModel
        self.output: Path | None = None
        self.outcome = "ok"

    def __enter__(self) -> AuditedTask:
        self.started = time.monotonic()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            outcome, error = self.outcome, None
        elif issubclass(exc_type, Cancelled):
            outcome, error = "cancelled", None
        else:
            outcome, error = "error", exc_type.__name__
        if self.security is None:
            return
        self.security.audit.append(
            task=self.task,
            outcome=outcome,
            input_path=self.input_path,
            model_id=self.model.info.id if self.model else None,
            model_sha256=self.model.sha256 if self.model else None,
            output_path=self.output,
            duration_s=time.monotonic() - self.started,
            error=error,
        )
