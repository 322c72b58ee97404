"""Summarize a document in a style, within the model's context window.

    result = summarize_document(engine, prompt_format, document, style, n_ctx=4096,
                                length=None, cancel=None, on_piece=None, on_progress=None)

1. Budget: n_ctx minus the style prompt (instruction + examples) and the output
   tokens the target length needs, all counted with the engine's tokenizer.
2. One pass when the whole document fits that budget.
3. Otherwise map-reduce: the document is cut into chunks along its structure
   (chunking.py), each chunk's facts are noted with its section/page label
   (map), notes are merged while they are still too long (collapse), and the
   style is applied once to the notes (reduce). Only the final call streams
   to `on_piece`; `on_progress(done, total)` follows every model call
   (total grows when collapse rounds are needed).
4. The answer is shaped to the style (bullets, item cap, length), split into
   units (bullets or sentences), each unit cited to a source block, and every
   number/date/name checked against the source (grounding.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ...documents import Block, Document
from ...errors import Cancelled, ContextOverflowError, NothingToSummarizeError
from ...llm.engine import CancelToken, Engine, GenerationParams, PromptInput
from ...llm.prompts import TaskRequest, build_prompt
from ..verdicts import Verdict, verdict_of
from .chunking import SKIPPED_KINDS, Chunk, build_chunks, sections_of, split_sentences
from .citations import BlockIndex, Citation, cite_units, evidence_grams
from .eta import SummaryEta, expected_chars
from .grounding import SourceIndex, check_grounding
from .stages import collapse_request, map_request
from .styles import Style
from .support import check_support, rejected

# The second try after a rejected answer (repeats, copied example, wrong language).
RETRY_SAMPLING = {"temperature": 0.7, "top_p": 0.9, "repeat_penalty": 1.3, "seed": 7}

BULLET = re.compile(r"^\s*(?:[・\-*•●◆■○]|\d+[\.．\)）])\s*")
MAP_OUTPUT_TOKENS = 256  # at most; n_ctx // 8 on small contexts
MAX_COLLAPSE_ROUNDS = 3
_NOTE_LABEL = re.compile(r"^\s*(?:[・\-*]\s*)?【(?:p\.\d|[a-z]+/)")  # 【p.3–5 …】, 【body/p4】
MIN_TEXT_BUDGET = 64  # a chunk smaller than this would be mostly label

ProgressCallback = Callable[[int, int], None]  # (model calls done, calls planned)
EstimateCallback = Callable[[float], None]  # seconds left (eta.py)


@dataclass
class SummaryResult:
    text: str  # the summary as shaped to the style, without citation marks
    style_id: str
    raw: str  # the model's final answer as generated
    units: list[str] = field(default_factory=list)  # bullets or sentences of `text`
    citations: list[Citation] = field(default_factory=list)
    findings: list = field(default_factory=list)  # GroundingFinding, LawCitationFinding
    chunks: int = 1  # map chunks (1: one pass)
    mode: str = "one_pass"  # "one_pass" | "map_reduce"
    model_calls: int = 0
    prompt_tokens: int = 0  # of the final prompt
    stats: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    retried: bool = False  # the first answer was rejected and asked for again

    @property
    def verdict(self) -> Verdict:
        """問題なし / 要確認 N 件: summary lines (or the whole summary) with a finding."""
        by_unit: dict[int, list] = {}
        for finding in self.findings:
            by_unit.setdefault(finding.unit, []).append(finding)
        return verdict_of(by_unit.values())

    def citation_for(self, unit: int) -> Citation | None:
        return next((c for c in self.citations if c.unit == unit), None)

    def cited_units(self) -> list[str]:
        """Each unit followed by its source, e.g. "・工事費は約3億円である。［p.4］"."""
        out = []
        for n, unit in enumerate(self.units):
            citation = self.citation_for(n)
            out.append(f"{unit}［{citation.label}］" if citation else unit)
        return out

    def cited_text(self, bullets: bool | None = None) -> str:
        joiner = "\n" if bullets or bullets is None and "\n" in self.text else ""
        return joiner.join(self.cited_units())

    def to_dict(self) -> dict:
        return {
            "summary": self.text,
            "summary_cited": self.cited_text(),
            "units": self.units,
            "citations": [c.to_dict() for c in self.citations],
            "findings": [f.to_dict() for f in self.findings],
            "chunks": self.chunks,
            "mode": self.mode,
            "model_calls": self.model_calls,
            "warnings": self.warnings,
            "retried": self.retried,
            "verdict": self.verdict.to_dict(),
        }


# --- shaping ---------------------------------------------------------------------


def item_cap(style: Style, length: int | None) -> int:
    """How many bullets to keep: the asked length, else the style's own target, else its cap."""
    if style.length_unit == "bullets" and (length or style.default_length):
        return length or style.default_length
    return style.max_items


def shape_output(raw: str, style: Style, length: int | None = None) -> str:
    """Keep the answer to the style's shape: bullets, at most the cap, about the length.
    A 【…】 title line (press style) is kept and not counted as a bullet."""
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
    if style.output_shape == "bullets":
        mark = "- " if style.language == "en" else "・"
        shaped = [
            line if line.startswith("【") else f"{mark}{BULLET.sub('', line)}"
            for line in lines
            if line.startswith("【") or (BULLET.match(line) and BULLET.sub("", line))
        ]
        lines = shaped or lines
    cap = item_cap(style, length)
    if cap:
        kept, count = [], 0
        for line in lines:
            titled = line.startswith("【")
            if not titled and count == cap:
                break
            kept.append(line)
            count += not titled
        lines = kept
    if style.output_shape == "prose" and style.length_unit == "chars":
        limit = int((length or style.default_length or 0) * 1.3)
        return _cut_to_length("".join(lines) if style.language == "ja" else " ".join(lines), limit)
    return "\n".join(lines)


def _cut_to_length(text: str, limit: int) -> str:
    if not limit or len(text) <= limit:
        return text
    kept: list[str] = []
    for sentence in split_sentences(text):
        if kept and len("".join(kept)) + len(sentence) > limit:
            break
        kept.append(sentence)
    return "".join(kept)


def split_units(text: str, style: Style) -> list[str]:
    """The pieces that get a citation each: bullet lines, or sentences of prose."""
    if style.output_shape == "bullets" or "\n" in text:
        return [line for line in text.splitlines() if line.strip()]
    return [s.strip() for s in split_sentences(text) if s.strip()]


def output_tokens(style: Style, length: int | None, n_ctx: int) -> int:
    n = length or style.default_length or 5
    if style.length_unit == "bullets":
        wanted = n * (50 if style.language == "en" else 70) + 32
    elif style.length_unit == "words":
        wanted = n * 2 + 32
    else:
        wanted = int(n * 1.5) + 32
    return max(64, min(wanted, n_ctx // 4))


# --- token budget ----------------------------------------------------------------


class TokenCounter:
    """The engine's count_tokens, remembered (chunking counts the same text more than once)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.cache: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if text not in self.cache:
            self.cache[text] = self.engine.count_tokens(text) if text else 0
        return self.cache[text]

    def prompt(self, prompt: PromptInput) -> int:
        if isinstance(prompt, str):
            return self(prompt)
        # Chat templates add role markers around every message.
        return sum(self(m["content"]) + 8 for m in prompt) + 16


def safety_margin(n_ctx: int) -> int:
    return 16 + n_ctx // 64


def text_budget(
    count: TokenCounter, prompt_format: str, request: TaskRequest, out_tokens: int, n_ctx: int
) -> int:
    """Tokens left for the request's text once its fixed prompt and the output are paid for."""
    empty, _ = build_prompt(prompt_format, replace(request, text=""), GenerationParams())
    return n_ctx - count.prompt(empty) - out_tokens - safety_margin(n_ctx)


# --- the pipeline ----------------------------------------------------------------


class _Run:
    """One summary job: the engine calls, their progress and cancellation."""

    def __init__(self, engine, prompt_format, n_ctx, cancel, on_progress, on_estimate=None):
        self.engine = engine
        self.prompt_format = prompt_format
        self.n_ctx = n_ctx
        self.cancel = cancel
        self.on_progress = on_progress
        self.count = TokenCounter(engine)
        self.calls = 0
        self.total = 1
        self.last_prompt_tokens = 0
        self.map_tokens = min(MAP_OUTPUT_TOKENS, n_ctx // 8)
        self.eta = SummaryEta(on_estimate)

    def calls_after(self) -> int:
        """Calls planned after the running one."""
        return max(0, self.total - self.calls - 1)

    def progress(self) -> None:
        if self.on_progress:
            self.on_progress(self.calls, max(self.total, self.calls))

    def call(
        self,
        request: TaskRequest,
        max_tokens: int,
        on_piece: Callable[[str], None] | None = None,
        sampling: dict | None = None,
        expected: int | None = None,
    ) -> str:
        """One model call; `expected`: about how many characters it should write (eta.py)."""
        if self.cancel is not None and self.cancel.cancelled:
            raise Cancelled()
        prompt, params = build_prompt(
            self.prompt_format,
            request,
            GenerationParams(max_tokens=max_tokens, repeat_penalty=1.1),
        )
        if sampling:
            params = replace(params, **sampling)
        tokens = self.count.prompt(prompt)
        if tokens + max_tokens > self.n_ctx:  # the budget should make this impossible
            raise ContextOverflowError(detail_tokens=f"{tokens} + {max_tokens} > {self.n_ctx}")
        self.last_prompt_tokens = tokens
        pieces = []
        self.eta.start_call(max_tokens, expected)
        for piece in self.engine.stream(prompt, params, self.cancel):
            pieces.append(piece)
            self.eta.piece(self.calls_after(), piece)
            if on_piece:
                on_piece(piece)
        self.calls += 1
        self.eta.end_call(max(0, self.total - self.calls))
        self.progress()
        return "".join(pieces)


def usable_blocks(document: Document) -> list[Block]:
    return [b for b in document.blocks if b.kind not in SKIPPED_KINDS and b.text.strip()]


def source_text_of(blocks: Sequence[Block]) -> str:
    """The text a one-pass prompt carries (and the grounding check searches)."""
    return "\n".join(b.text.strip() for b in blocks)


def final_request(style: Style, length: int | None) -> TaskRequest:
    """The style's prompt (one pass, or the reduce over map notes), text left empty."""
    instruction = " ".join(x for x in (style.instruction, style.length_instruction(length)) if x)
    return TaskRequest(
        instruction=instruction,
        text="",
        examples=style.examples,
        input_label="文書",
        output_label="要約",
    )


def one_pass_budget(
    engine: Engine, prompt_format: str, style: Style, *, n_ctx: int, length: int | None = None
) -> int:
    """Tokens of document text one pass can take; a longer document is map-reduced."""
    request = final_request(style, length)
    out_tokens = output_tokens(style, length, n_ctx)
    return text_budget(TokenCounter(engine), prompt_format, request, out_tokens, n_ctx)


def note_lines(raw: str) -> list[str]:
    """A map/collapse answer as note bullets. 【…】 lines are dropped: labels are ours
    (a small model imitates them, and their page numbers are not source text)."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    return [
        f"・{BULLET.sub('', line)}"
        for line in lines
        if BULLET.sub("", line) and not BULLET.sub("", line).startswith("【")
    ]


def summarize_document(
    engine: Engine,
    prompt_format: str,
    document: Document,
    style: Style,
    *,
    n_ctx: int,
    length: int | None = None,
    cancel: CancelToken | None = None,
    on_piece: Callable[[str], None] | None = None,
    on_progress: ProgressCallback | None = None,
    max_tokens: int | None = None,
    on_estimate: EstimateCallback | None = None,
) -> SummaryResult:
    """Summarize `document` in `style`; see the module docstring for the stages.

    `length`: the target in the style's unit (bullets, characters or words);
    `max_tokens` overrides the output tokens the length implies.
    `on_estimate(seconds)`: the time left, from the calls' timing (eta.py).
    Raises ContextOverflowError when even the style prompt does not fit n_ctx,
    NothingToSummarizeError for a document without text, Cancelled when `cancel` fires.
    """
    blocks = usable_blocks(document)
    if not blocks:
        raise NothingToSummarizeError(path=str(document.path))
    source_text = source_text_of(blocks)
    run = _Run(engine, prompt_format, n_ctx, cancel, on_progress, on_estimate)
    final = final_request(style, length)
    out_tokens = max_tokens or output_tokens(style, length, n_ctx)
    final_budget = text_budget(run.count, prompt_format, final, out_tokens, n_ctx)
    if final_budget < MIN_TEXT_BUDGET:
        raise ContextOverflowError(detail_tokens=f"{n_ctx - final_budget} > {n_ctx}")
    warnings: list[str] = []
    chunks: list[Chunk] = []
    if run.count(source_text) <= final_budget:
        text = source_text
    else:
        chunks, text = _map_reduce(run, blocks, final_budget, warnings)
    if not chunks:
        run.progress()  # (0, 1): a one-pass job announces its single call
    source_grams = evidence_grams(source_text)

    expected = expected_chars(style.length_unit, length or style.default_length, style.language)

    def answer(sampling=None, stream=None) -> SummaryResult:
        raw = run.call(replace(final, text=text), out_tokens, stream, sampling, expected)
        if chunks:  # the reduce may echo the notes' 【p.3–5 …】 labels: not part of a summary
            raw = "\n".join(line for line in raw.splitlines() if not _NOTE_LABEL.match(line))
        return _finish(
            raw, style, length, blocks, source_text, run, chunks, list(warnings), source_grams
        )

    result = answer(stream=on_piece)
    if rejected(result.findings):
        # Once more with other sampling; the answer with fewer rejections is kept, and
        # what is left is reported (never shown as a clean summary).
        run.total += 1
        run.progress()  # "1/2" while the second answer is written
        again = answer(RETRY_SAMPLING)
        if _rejections(again) <= _rejections(result):
            result = again
        result.retried = True
        result.model_calls = run.calls
        result.warnings.append(
            "the first answer was rejected (repeats, a copied example or the wrong language) "
            "and generated again"
        )
    return result


def _rejections(result: SummaryResult) -> int:
    return sum(f.kind in ("repeat", "example", "language", "empty") for f in result.findings)


def _map_reduce(run: _Run, blocks: list[Block], final_budget: int, warnings: list[str]):
    # The chunk's label ("【p.3–5 第2 …】") shares the budget: reserve the longest one.
    label_reserve = run.count(map_request("p.9999–9999 " + "見" * 30, "").text)
    map_budget = (
        text_budget(run.count, run.prompt_format, map_request("", ""), run.map_tokens, run.n_ctx)
        - label_reserve
    )
    if map_budget < MIN_TEXT_BUDGET:
        raise ContextOverflowError(detail_tokens=f"{run.n_ctx - map_budget} > {run.n_ctx}")
    chunks = build_chunks(blocks, map_budget, run.count)
    run.total = len(chunks) + 1
    run.progress()
    notes: list[tuple[str, list[str]]] = []
    for chunk in chunks:
        raw = run.call(map_request(chunk.label, chunk.text), run.map_tokens)
        notes.append((chunk.label, note_lines(raw) or _extract_fallback(chunk)))
    text = _render_notes(notes)
    for _ in range(MAX_COLLAPSE_ROUNDS):
        if run.count(text) <= final_budget:
            return chunks, text
        notes = _collapse(run, notes)
        shorter = _render_notes(notes)
        if run.count(shorter) >= run.count(text):
            break
        text = shorter
    if run.count(text) > final_budget:
        notes = _truncate_notes(run, notes, final_budget)
        text = _render_notes(notes)
        warnings.append("notes truncated to fit the context window")
    return chunks, text


def _extract_fallback(chunk: Chunk) -> list[str]:
    """A map call that returned nothing keeps the chunk's first sentence, so no part is lost."""
    sentences = split_sentences(chunk.text)
    return [f"・{sentences[0][:120]}"] if sentences else []


def _render_notes(notes: Sequence[tuple[str, list[str]]]) -> str:
    return "\n".join(f"【{label}】\n" + "\n".join(lines) for label, lines in notes if lines)


def _collapse(run: _Run, notes: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    budget = text_budget(
        run.count, run.prompt_format, collapse_request(""), run.map_tokens, run.n_ctx
    )
    batches: list[list[tuple[str, list[str]]]] = [[]]
    for note in notes:
        if batches[-1] and run.count(_render_notes([*batches[-1], note])) > budget:
            batches.append([])
        batches[-1].append(note)
    run.total += len(batches)
    merged = []
    for batch in batches:
        labels = [label for label, _ in batch]
        label = labels[0] if len(labels) == 1 else f"{labels[0]} 〜 {labels[-1]}"
        text = _render_notes(batch)
        if run.count(text) > budget:  # one note alone over budget: keep it as it is
            merged.append((label, [line for _, lines in batch for line in lines]))
            continue
        raw = run.call(collapse_request(text), run.map_tokens)
        merged.append((label, note_lines(raw) or [line for _, lines in batch for line in lines]))
    return merged


def _truncate_notes(run: _Run, notes, budget: int):
    """Keep notes, in document order, while they fit (the last resort; a warning says so)."""
    kept: list[tuple[str, list[str]]] = []
    for label, lines in notes:
        kept.append((label, []))
        for line in lines:
            kept[-1][1].append(line)
            if run.count(_render_notes(kept)) > budget:
                kept[-1][1].pop()
                return [note for note in kept if note[1]]
    return kept


def _finish(
    raw, style, length, blocks, source_text, run, chunks, warnings, source_grams=None
) -> SummaryResult:
    text = shape_output(raw, style, length)
    units = split_units(text, style)
    sections = {b.location: s.title for s in sections_of(blocks) for b in s.blocks}
    stats = getattr(run.engine, "last_stats", {}) or {}
    citations = cite_units(units, BlockIndex(blocks, sections))
    findings = check_grounding(units, SourceIndex(source_text), style.language)
    flagged = {f.unit for f in findings}
    # A line already flagged for an invented figure or name needs no second "no source".
    findings += [
        f
        for f in check_support(units, citations, style, source_text, source_grams)
        if not (f.kind == "unsupported" and f.unit in flagged)
    ]
    # Here, not at the top: the law store, its index and their crypto are ~300 ms of
    # imports the window's start-up must not pay (bench/gui_startup.py).
    from ..laws.summary_check import summary_law_findings

    findings += summary_law_findings(units)  # cited laws, articles exist (local law data)
    return SummaryResult(
        text=text,
        style_id=style.id,
        raw=raw,
        units=units,
        citations=citations,
        findings=findings,
        chunks=len(chunks) or 1,
        mode="map_reduce" if chunks else "one_pass",
        model_calls=run.calls,
        prompt_tokens=run.last_prompt_tokens,
        stats=dict(stats),
        warnings=warnings,
    )


def text_document(text: str, name: str = "text") -> Document:
    """Plain text as a document: one body block per non-empty line."""
    lines = [line for line in text.splitlines() if line.strip()]
    blocks = [Block("body", f"body/p{n}", line) for n, line in enumerate(lines, 1)]
    return Document(Path(name), blocks)


def summarize(
    engine: Engine,
    prompt_format: str,
    text: str,
    style: Style,
    *,
    n_ctx: int,
    length: int | None = None,
    max_tokens: int | None = None,
    cancel: CancelToken | None = None,
    on_piece: Callable[[str], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> SummaryResult:
    """Summarize plain text (the GUI's text view); same pipeline as summarize_document."""
    return summarize_document(
        engine,
        prompt_format,
        text_document(text),
        style,
        n_ctx=n_ctx,
        length=length,
        max_tokens=max_tokens,
        cancel=cancel,
        on_piece=on_piece,
        on_progress=on_progress,
    )
