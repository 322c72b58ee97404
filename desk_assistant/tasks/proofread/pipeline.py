"""Proofread a loaded document: the rules over every block, then LLM suggestions.

This is the entry point for the GUI and the CLI; see the package docstring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ... import i18n
from ...documents import Document
from ...errors import Cancelled, DocumentTooLongError
from ...llm.engine import CancelToken, Engine
from .blocks import check_blocks
from .config import ProofreadConfig
from .finding import INFO, Finding
from .llm import LlmSuggester

# Work budget: the rules cost ~30 µs per character, so this keeps one document
# under half a minute; longer text (a 5 MB paragraph) is refused, not left to hang.
MAX_CHARS = 800_000


def _check_budget(document: Document) -> None:
    total = sum(len(b.text) for b in document.blocks)
    if total > MAX_CHARS:
        raise DocumentTooLongError(
            path=str(document.path),
            what=i18n.tr(f"本文 {total:,} 文字", f"{total:,} characters of text"),
            limit=i18n.tr(f"{MAX_CHARS:,} 文字", f"{MAX_CHARS:,} characters"),
        )


@dataclass
class ProofreadResult:
    findings: list[Finding]  # sorted by block, then offset; `location` set for docx/PDF blocks
    llm_used: bool = False
    llm_calls: int = 0
    llm_dropped: int = 0  # model suggestions that could not be anchored in the text
    cancelled: bool = False  # cancelled during the LLM pass: the findings so far are kept
    warnings: list[str] = field(default_factory=list)

    def by_location(self) -> dict[str | None, list[Finding]]:
        out: dict[str | None, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.location, []).append(f)
        return out


def proofread_document(
    document: Document,
    *,
    config: ProofreadConfig | None = None,
    engine: Engine | None = None,
    prompt_format: str | None = None,
    cancel: CancelToken | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ProofreadResult:
    """Findings for every block of `document`. With an `engine` (a loaded general-role
    model), LLM suggestions are added as info findings; nothing is ever applied.

    `on_progress(done, total)`: the rule pass counts as one step, each model call one more.
    Cancelling before the rules ran raises `Cancelled`; during the LLM pass it stops
    the model and returns the findings so far with `cancelled=True`.
    """
    if cancel is not None and cancel.cancelled:
        raise Cancelled()
    _check_budget(document)
    extra = []
    suggester = None
    if engine is not None:
        suggester = LlmSuggester(
            engine,
            prompt_format or "few_shot",
            cancel=cancel,
            on_chunk=(lambda done, total: on_progress(1 + done, 1 + total))
            if on_progress
            else None,
        )
        extra.append(suggester)
    blocks = [b for b in document.blocks if b.text.strip()] or document.blocks[:1]
    findings = check_blocks(blocks, config=config, extra=extra) if blocks else []
    if on_progress and suggester is None:
        on_progress(1, 1)
    for f in findings:
        if f.rule == "unbalanced-brackets" and (f.location or "").startswith("pdf/"):
            # PDF text extraction splits lines at ruby and layout: a bracket may close
            # in text the extractor put elsewhere. Shown, but as a hint.
            f.severity = INFO
            f.message_ja += "（PDF から取り出した文字のため、原本で確認してください）"
            f.message_en += " (text extracted from a PDF: check the original)"
    order = {b.location: k for k, b in enumerate(document.blocks)}
    findings.sort(key=lambda f: (order.get(f.location, 0), f.start, f.end, f.rule))
    result = ProofreadResult(findings, warnings=list(document.warnings))
    if suggester is not None:
        result.llm_used = True
        result.llm_calls = suggester.calls
        result.llm_dropped = suggester.dropped
        result.cancelled = suggester.cancelled
        result.warnings += suggester.warnings
    return result
