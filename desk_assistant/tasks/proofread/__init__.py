"""公用文チェッカー: proofreading rules for Japanese official documents, LLM suggestions,
and Word output with comments or tracked changes. No Qt here.

For the GUI (all of it runs off the GUI thread; nothing touches the input file)::

    from desk_assistant import documents
    from desk_assistant.tasks.proofread import (
        proofread_document, write_commented_docx, write_tracked_docx)

    doc = documents.load(path)                     # .docx / .pdf (/ .txt)
    result = proofread_document(
        doc,
        config=None,                 # ProofreadConfig(max_sentence=80, disabled=..., ...)
        engine=opened.engine,        # llm.runtime.open_model(...).engine, or None: rules only
        prompt_format=opened.info.prompt_format,
        cancel=token,                # llm.engine.CancelToken; cancelling the LLM pass keeps
        on_progress=lambda done, total: ...,       #  the findings so far (result.cancelled)
    )
    for f in result.findings:       # Finding: rule, severity (error/warning/info), start, end,
        doc.block(f.location)        #  surface, message (UI language), message_ja/_en,
                                     #  suggestion, source (訓令/公用文作成の考え方/法令/一般/LLM),
                                     #  location = Block.location; start/end index Block.text
    out = write_commented_docx(doc, result.findings, "report.校正.docx")
    out = write_tracked_docx(doc, result.findings, "report.修正案.docx")
    out.comments, out.changes, out.not_placed        # [(finding, reason)] e.g. header comments

- Every finding cites its clause: `f.clause` (id in resources/rules/clauses.tsv) and
  `f.citation` (公用文における漢字使用等について（平成22年内閣訓令第1号）1(2)オ …); severity
  error = against the 訓令/法令, warning = 公用文作成の考え方 or a probable slip, info = style.
  Consistency findings stand at their first place and list all in `f.places`.
- Organization rules: `profile.configure(config, policy)` applies the ProofreadProfile
  policy (組織の規定, rule org-word) and the user's exceptions (unless policy forbids them).
- Rules: `check_text(text, config=None, extra=())` runs every registered rule (see
  `rules/`) over SudachiPy tokens; word lists live in resources/rules/.
  `check_blocks(blocks, ...)` checks the blocks of a document as one text
  (consistency rules see the whole document) and reports per block.
- LLM suggestions (`llm.py`): one short call per paragraph; each suggestion is
  anchored to the phrase the model quoted (`anchor.py`) or dropped; rule id
  "llm-suggestion", severity info, source "LLM". Never applied: the tracked-changes
  writer only turns rule findings (warning/error with a replacement) into changes.
- Word output (`word.py`, on `documents.annotate`): .docx input only; the copy is
  written atomically and never over the input or an existing file.
"""

from .config import ProofreadConfig
from .engine import check_text
from .finding import ERROR, INFO, LLM, WARNING, Finding, findings_to_json
from .pipeline import ProofreadResult, proofread_document
from .registry import RULES, Rule
from .word import WordOutput, write_commented_docx, write_tracked_docx

__all__ = [
    "ERROR",
    "INFO",
    "LLM",
    "RULES",
    "WARNING",
    "Finding",
    "ProofreadConfig",
    "ProofreadResult",
    "Rule",
    "WordOutput",
    "check_text",
    "findings_to_json",
    "proofread_document",
    "write_commented_docx",
    "write_tracked_docx",
]
