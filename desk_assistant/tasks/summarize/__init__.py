"""Summaries in a chosen style, within the model's context, with citations and a grounding check.

For the GUI and the CLI::

    from desk_assistant.tasks.summarize import load_styles, find_style, summarize_document
    result = summarize_document(
        engine, prompt_format, document, style,   # document: documents.load(path)
        n_ctx=opened.runtime.n_ctx,
        length=None,          # target in the style's unit: bullets, characters or words
        cancel=token,         # CancelToken; raises errors.Cancelled when it fires
        on_piece=emit,        # str pieces of the final answer as they stream
        on_progress=report,   # (done, total) model calls: map chunks, collapses, the reduce
        on_estimate=eta,      # seconds left, from the calls' timing (eta.py); optional
    )
    result.text        # the summary in the style's shape (no citation marks)
    result.units       # its bullets / sentences
    result.citations   # [Citation(unit, location, page, section, score)]: unit index → real
                       # Block.location (and PDF page) it comes from; .label "p.12" / "第5段落"
    result.cited_text()  # the summary with "［p.12］" after each unit, for files
    result.findings    # [GroundingFinding(kind number|date|term, surface, unit)]: not in the
                       # source, possible hallucinations; .message() in the UI language
    result.chunks, result.mode   # map chunks (1 for one pass), "one_pass" | "map_reduce"
    result.to_dict()   # what `summarize --format json` prints per file

Errors: ContextOverflowError (n_ctx too small even for the style prompt),
NothingToSummarizeError (no text), Cancelled (the token fired), engine errors as raised.

`summarize(engine, prompt_format, text, style, n_ctx=...)` does the same for plain text.
Styles are data (resources/styles/*.json, plus the user's config/styles folder;
see styles.py for the file format). One pass when the document fits n_ctx minus
the prompt and the output; else map-reduce with collapse over structure-following,
token-counted chunks (pipeline.py, chunking.py). No Qt here.
"""

from .citations import Citation, describe_location
from .grounding import GroundingFinding, check_grounding
from .pipeline import SummaryResult, summarize, summarize_document, text_document
from .styles import Style, find_style, load_styles

__all__ = [
    "Citation",
    "GroundingFinding",
    "Style",
    "SummaryResult",
    "check_grounding",
    "describe_location",
    "find_style",
    "load_styles",
    "summarize",
    "summarize_document",
    "text_document",
]
