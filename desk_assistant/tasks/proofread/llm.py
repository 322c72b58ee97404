"""LLM suggestions on flow and clarity, anchored to spans and never applied.

One short model call per paragraph (long paragraphs in chunks of whole
sentences), asking for at most two rewrites in a fixed line format:

    「原文の語句」→「書き換え案」（理由）

Each quoted phrase is anchored in the chunk (exact, normalised, then fuzzy; see
anchor.py); a suggestion that cannot be anchored, or that changes nothing, is
dropped. What remains becomes an info finding with rule "llm-suggestion" and
source "LLM"; its `suggestion` is advice for the reader, and the Word writers
never turn it into a tracked change.

`LlmSuggester` plugs into `check_text(..., extra=...)`, so it sees the same text
and offsets as the rules. Cancelling stops it and keeps what it found; an
engine failure stops it with a warning, and the rule findings stand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ... import i18n
from ...errors import Cancelled, ContextOverflowError, EngineError
from ...llm.engine import (
    CancelToken,
    Engine,
    GenerationParams,
    generate,
    generate_batch,
    parallel_of,
)
from ...llm.prompts import TaskRequest, build_prompt
from .anchor import anchor_quote
from .checked_text import CheckedText
from .finding import INFO, LLM, Finding

RULE_ID = "llm-suggestion"
MAX_TOKENS = 96  # two short lines; keeps each call to a few seconds on a CPU
MIN_CHARS = 20  # headings, labels and table cells are not worth a call
CHUNK_CHARS = 200  # long paragraphs are sent in pieces of whole sentences
MAX_PER_CHUNK = 2

INSTRUCTION = (
    "あなたは日本の行政文書（公用文）の校正担当者です。次の文章の流れと分かりやすさを"
    "良くする書き換えを、多くて2つ提案してください。"
    "1行に1つ、「原文の語句」→「書き換え案」（理由）の形で書きます。"
    "原文の語句は文章からそのまま引用してください。直す所がなければ「なし」と書きます。"
)
EXAMPLES = (
    (
        "本件については、関係機関との調整を行うことを実施する予定である。",
        "「調整を行うことを実施する」→「調整する」（重複した言い方を簡潔にする）",
    ),
    ("申請書は、各課の窓口で受け付ける。", "なし"),
)

_LINE = re.compile(
    r"「(?P<quote>[^「」\n]+)」\s*(?:→|->|⇒|＞|=>)\s*「(?P<rewrite>[^「」\n]*)」"
    r"\s*(?:[（(](?P<reason>[^）)\n]*)[）)])?"
)


@dataclass(frozen=True)
class Suggestion:
    quote: str
    rewrite: str
    reason: str


def parse_reply(reply: str) -> list[Suggestion]:
    """Suggestions in the reply, in order, at most MAX_PER_CHUNK; anything else is ignored."""
    found = []
    for m in _LINE.finditer(reply):
        quote, rewrite = m.group("quote").strip(), m.group("rewrite").strip()
        if quote and quote != rewrite:
            found.append(Suggestion(quote, rewrite, (m.group("reason") or "").strip()))
        if len(found) == MAX_PER_CHUNK:
            break
    return found


def chunks(doc: CheckedText) -> Iterator[tuple[int, int]]:
    """(start, end) of the text sent per call: a paragraph, or whole sentences of it."""
    by_paragraph: dict[int, list] = {}
    for sentence in doc.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    for sentences in by_paragraph.values():
        start = end = sentences[0].start
        for sentence in sentences:
            if end > start and sentence.end - start > CHUNK_CHARS:
                yield from _worth(doc.text, start, end)
                start = sentence.start
            end = sentence.end
        yield from _worth(doc.text, start, end)


def _worth(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    if len(piece.strip()) >= MIN_CHARS and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", piece):
        yield start, end


def to_finding(s: Suggestion, start: int, end: int, surface: str) -> Finding:
    reason_ja = f"（{s.reason}）" if s.reason else ""
    reason_en = f" ({s.reason})" if s.reason else ""
    return Finding(
        RULE_ID,
        INFO,
        start,
        end,
        surface,
        f"LLM による提案（自動では適用しません）: 「{surface}」→「{s.rewrite}」{reason_ja}",
        f"LLM suggestion (not applied automatically): 「{surface}」→「{s.rewrite}」{reason_en}",
        s.rewrite,
        LLM,
    )


@dataclass
class LlmSuggester:
    """The `extra=` checker. Counters and warnings are read after the run."""

    engine: Engine
    prompt_format: str = "few_shot"
    cancel: CancelToken | None = None
    on_chunk: Callable[[int, int], None] | None = None  # (done, total)
    max_tokens: int = MAX_TOKENS
    calls: int = 0
    suggested: int = 0
    dropped: int = 0  # suggestions that could not be anchored
    cancelled: bool = False
    warnings: list[str] = field(default_factory=list)

    def __call__(self, doc: CheckedText) -> list[Finding]:
        pieces = list(chunks(doc))
        findings: list[Finding] = []
        if self.on_chunk:
            self.on_chunk(0, len(pieces))
        # An engine that decodes several prompts at once gets the pieces in windows
        # (issue 20); the replies are handled in document order either way.
        parallel = parallel_of(self.engine)
        window = parallel * 4 if parallel > 1 else 1
        done = 0
        for first in range(0, len(pieces), window):
            group = pieces[first : first + window]
            try:
                replies = self._replies([doc.text[start:end] for start, end in group])
            except Cancelled:
                self.cancelled = True
                break
            except EngineError as err:
                self._stopped(err)
                break
            failed = False
            for (start, end), reply in zip(group, replies, strict=True):
                done += 1
                if isinstance(reply, ContextOverflowError):
                    continue  # this piece only; the next one may fit
                if isinstance(reply, EngineError):
                    self._stopped(reply)
                    failed = True
                    break
                text = doc.text[start:end]
                for s in parse_reply(reply):
                    self.suggested += 1
                    span = anchor_quote(s.quote, text)
                    if span is None or text[span[0] : span[1]] == s.rewrite:
                        self.dropped += 1
                        continue
                    a, b = span
                    findings.append(to_finding(s, start + a, start + b, text[a:b]))
                if self.on_chunk:
                    self.on_chunk(done, len(pieces))
            if failed:
                break
        return findings

    def _stopped(self, err: EngineError) -> None:
        self.warnings.append(
            i18n.tr(
                f"LLM による提案を中止しました（ルールによる指摘はそのままです）: {err.message('ja')}",
                f"LLM suggestions stopped (the rule findings stand): {err.message('en')}",
            )
        )

    def _replies(self, texts: list[str]) -> list:
        """The model's reply to each text, or the error of that text alone."""
        if len(texts) == 1:
            try:
                return [self._ask(texts[0])]
            except ContextOverflowError as err:
                return [err]
        if self.cancel is not None and self.cancel.cancelled:
            raise Cancelled()
        built = [self._prompt(text) for text in texts]
        self.calls += len(texts)
        results = generate_batch(
            self.engine, [p for p, _ in built], [q for _, q in built], self.cancel
        )
        return [r.error if r.error is not None else r.text for r in results]

    def _ask(self, text: str) -> str:
        if self.cancel is not None and self.cancel.cancelled:
            raise Cancelled()
        prompt, params = self._prompt(text)
        self.calls += 1
        return generate(self.engine, prompt, params, self.cancel)

    def _prompt(self, text: str):
        request = TaskRequest(
            instruction=INSTRUCTION,
            text=text,
            examples=EXAMPLES,
            input_label="文章",
            output_label="提案",
        )
        return build_prompt(
            self.prompt_format,
            request,
            GenerationParams(max_tokens=self.max_tokens, repeat_penalty=1.1),
        )
