"""One task on one file in the audit log (監査ログ), whatever its outcome.

Shared by the CLI commands and the GUI tabs (it was in commands/common, which the
GUI must not import). A "started" record is written on entry, before any work
(an unwritable log stops the task; a job killed half-way still left a trace),
and the outcome on exit: security.audit.AuditLog.start / AuditJob.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


class AuditedTask:
    """with AuditedTask(security, "summarize", path, model) as audit:
    ...; audit.output = out_path

    A task whose input is a typed text (a question, a search query) passes
    `input_text`: it may be confidential, so the log keeps its SHA-256 only.
    """

    def __init__(
        self,
        security,
        task: str,
        input_path: Path | None,
        model=None,
        input_text: str | None = None,
    ) -> None:
        self.security = security
        self.task = task
        self.input_path = input_path
        self.input_sha256 = (
            hashlib.sha256(input_text.encode("utf-8")).hexdigest()
            if input_text is not None
            else None
        )
        self.model = model  # llm.runtime.OpenModel
        self.output: Path | None = None
        self.outcome = "ok"
        self.job = None  # security.audit.AuditJob once started
        self.verdict: str | None = None  # 問題なし / 要確認 N 件, when the task has checks

    def __enter__(self) -> AuditedTask:
        if self.security is not None:
            self.job = self.security.audit.start(
                task=self.task,
                input_path=self.input_path,
                input_sha256=self.input_sha256,
                model_id=self.model.info.id if self.model else None,
                model_sha256=self.model.sha256 if self.model else None,
                # The inference server, when the model runs on one (None: this PC).
                endpoint=getattr(self.model, "endpoint", None),
            )
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.job is None:
            return
        self.job.output_path = self.output
        self.job.outcome = self.outcome
        self.job.verdict = self.verdict
        self.job.__exit__(exc_type, exc, tb)
