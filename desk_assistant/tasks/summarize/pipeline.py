"""One-pass summary: the style's instruction and examples, the document, the model."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...errors import ContextOverflowError
from ...llm.engine import CancelToken, Engine, GenerationParams
from ...llm.prompts import TaskRequest, build_prompt
from .styles import Style

BULLET = re.compile(r"^\s*[・\-*•●]\s*")


@dataclass
class SummaryResult:
    text: str
    style_id: str
    raw: str
    prompt_tokens: int = 0
    stats: dict = field(default_factory=dict)


def shape_output(raw: str, style: Style) -> str:
    """Keep the answer to the style's shape: bullets, at most max_items of them."""
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
    if style.output_shape == "bullets":
        bullets = [BULLET.sub("", line) for line in lines if BULLET.match(line)]
        lines = [f"・{b}" for b in bullets if b] or lines
    if style.max_items:
        lines = lines[: style.max_items]
    return "\n".join(lines)


def summarize(
    engine: Engine,
    prompt_format: str,
    text: str,
    style: Style,
    *,
    n_ctx: int,
    max_tokens: int = 400,
    cancel: CancelToken | None = None,
    on_piece: Callable[[str], None] | None = None,
) -> SummaryResult:
    request = TaskRequest(
        instruction=style.instruction,
        text=text,
        examples=style.examples,
        input_label="文書",
        output_label="要約",
    )
    prompt, params = build_prompt(
        prompt_format, request, GenerationParams(max_tokens=max_tokens, repeat_penalty=1.1)
    )
    prompt_text = prompt if isinstance(prompt, str) else "\n".join(m["content"] for m in prompt)
    prompt_tokens = engine.count_tokens(prompt_text)
    if prompt_tokens + max_tokens > n_ctx:
        raise ContextOverflowError(detail_tokens=f"{prompt_tokens} + {max_tokens} > {n_ctx}")
    pieces = []
    for piece in engine.stream(prompt, params, cancel):
        pieces.append(piece)
        if on_piece:
            on_piece(piece)
    raw = "".join(pieces)
    return SummaryResult(
        text=shape_output(raw, style),
        style_id=style.id,
        raw=raw,
        prompt_tokens=prompt_tokens,
        stats=dict(getattr(engine, "last_stats", {}) or {}),
    )
