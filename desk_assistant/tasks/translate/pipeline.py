"""The document translation pipeline.

For each segment, in document order: skip it if there is nothing to translate;
split it if it is too long for one prompt; then for each piece: this document's
earlier pieces (repeats) → the resumed job → translation memory (exact) →
the model, with the closest fuzzy match and the glossary hits in the prompt →
tag repair. The joined translation is checked against the source (figures,
glossary) and the findings are attached, never applied.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ...documents import Document
from ...documents.tags import strip_tags
from ...errors import Cancelled, ContextOverflowError, EngineCrashedError
from ...llm.engine import (
    CancelToken,
    Engine,
    GenerationParams,
    PromptInput,
    generate_batch,
    parallel_of,
)
from ...llm.prompts import language_name
from ..sentences import CLOSERS
from ..sentences import split_sentences as sentences_of
from ..verdicts import hard_failures
from .checks import Finding, check_segment, kept_source, too_long, untranslated
from .collapse import check_collapsed
from .degeneration import loop_cut
from .glossary import Glossary
from .jobs import Job
from .languages import check_language, check_pair, detect_language, has_text_in
from .memory import TranslationMemory
from .prompting import translation_prompt
from .result import SegmentResult, TranslationResult
from .tagfix import frame, repair_tags
from .tiers import memory_clean

MAX_UNIT_CHARS = 400  # longer untagged paragraphs are translated a few sentences at a time
NO_SPACE_TARGETS = ("ja", "zh", "th")
_LOOP = re.compile(r"(.{4,60}?)\1{2,}$", re.S)  # the same text three times running
_FORM_BLANK = re.compile(r"([ \u3000]{2,}|\t)")
# What a segment that failed its checks twice carries in the output, before the source text.
KEPT_MARK = "【未翻訳・原文のまま / NOT TRANSLATED】"
RETRY_PARAMS = {"temperature": 0.7, "top_p": 0.9, "repeat_penalty": 1.3, "seed": 7}


@dataclass(frozen=True)
class TranslationProgress:
    """Sent to `on_segment` after each segment."""

    done: int
    total: int
    eta_seconds: float | None  # None until the model has translated something
    segment: SegmentResult


@dataclass
class _Unit:
    translation: str
    origin: str
    findings: list[Finding] = field(default_factory=list)
    score: float | None = None
    key: str = ""  # the text the model saw (the translation memory's key)


def mark_kept(tagged: str) -> str:
    """The source text with the kept mark inside its first formatting (so it is visible)."""
    opening = re.match(r"<g\d+>", tagged)
    at = opening.end() if opening else 0
    return f"{tagged[:at]}{KEPT_MARK}{tagged[at:]}"


def split_sentences(text: str, max_chars: int = MAX_UNIT_CHARS) -> list[str]:
    """A long paragraph as chunks of whole sentences, each at most about `max_chars`."""
    if len(text) <= max_chars:
        return [text]
    chunks: list[str] = []
    current = ""
    for sentence in sentences_of(text):
        if current and len(current) + len(sentence) > max_chars:
            chunks.append(current)
            current = ""
        japanese_end = current.rstrip(CLOSERS).endswith(tuple("。！？"))  # 。」 too
        current += sentence if not current or japanese_end else " " + sentence
    if current:
        chunks.append(current)
    return chunks


def plan_segment(tagged: str, source_lang: str, joiner: str) -> list[tuple[str, bool]]:
    """The segment as (text, translate?) parts whose translations are joined back as they are.

    Forms leave blanks as runs of spaces ("＜実施の希望日＞　　　年　　月　　日"):
    the blanks stay exactly as they are and only the words between them are
    translated. A long paragraph goes a few sentences at a time. Tagged text is
    kept whole, since its tags may span the pieces.
    """
    if "<g" in tagged or "<x" in tagged:
        return [(tagged, True)]
    plan: list[tuple[str, bool]] = []
    for index, part in enumerate(_FORM_BLANK.split(tagged)):
        if index % 2 or not has_text_in(part, source_lang):
            plan.append((part, False))
            continue
        for number, chunk in enumerate(split_sentences(part)):
            if number:
                plan.append((joiner, False))
            plan.append((chunk, True))
    return [(text, translate) for text, translate in plan if text]


class _UnitTranslator:
    def __init__(
        self,
        engine: Engine,
        prompt_format: str,
        source_lang: str,
        target_lang: str,
        glossary: Glossary | None,
        memory: TranslationMemory | None,
        job: Job | None,
        cancel: CancelToken | None,
    ) -> None:
        self.engine = engine
        self.prompt_format = prompt_format
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.glossary = glossary
        self.memory = memory
        self.job = job
        self.cancel = cancel
        self.cache: dict[str, _Unit] = {}
        self.looped: str | None = None  # the piece the last answer was repeating, if cut
        # First answers of upcoming pieces, decoded together (see prefetch), by prompt.
        self.prefetched: dict[str, tuple[str, str | None, dict, float]] = {}
        self.stats = {
            "model_calls": 0,
            "model_seconds": 0.0,
            "memory_exact": 0,
            "memory_fuzzy": 0,
            "repeats": 0,
            "resumed": 0,
            "prompt_tokens": 0,
            "completion_tokens": 0,
            "loops_cut": 0,
            "retries": 0,
            "kept_source": 0,
            "check_seconds": 0.0,
            "batched": 0,
        }

    def translate(self, piece: str) -> _Unit:
        """The translation of one piece; layout spacing around it is kept as it is."""
        parts = frame(piece)
        key = parts.model_text
        if key in self.cache:
            self.stats["repeats"] += 1
            unit = replace(self.cache[key], origin="repeat")
        else:
            unit = replace(self._from_job(key) or self._fresh(key), key=key)
            self.cache[key] = unit
        return replace(unit, translation=parts.rebuild(unit.translation))

    def remember(self, units: list[_Unit], *, clean: bool) -> None:
        """Only segments without a warning, an error or a content finding told as worth a
        look (tiers.memory_clean) go into the translation memory; a
        memory entry that now fails the checks is taken out, so it is not served again."""
        if self.memory is None:
            return
        for unit in units:
            core = self.cache.get(unit.key)
            if core is None or not unit.key:
                continue
            if clean and core.origin == "model":
                self.memory.add(unit.key, core.translation)
            elif not clean and core.origin == "memory":
                self.memory.forget(unit.key)

    def forget(self, units: list[_Unit]) -> None:
        """Take these units out of the translation memory (a finding came later)."""
        if self.memory is None:
            return
        for unit in units:
            if unit.key:
                self.memory.forget(unit.key)

    def _from_job(self, piece: str) -> _Unit | None:
        saved = self.job.get(piece) if self.job else None
        if saved is None:
            return None
        self.stats["resumed"] += 1
        findings = [Finding(**f) for f in saved.get("f", [])]
        return _Unit(saved["t"], "resumed", findings)

    def _fresh(self, piece: str) -> _Unit:
        if self.cancel is not None and self.cancel.cancelled:
            raise Cancelled()
        match = self.memory.lookup(piece) if self.memory else None
        if match and match.exact:
            self.stats["memory_exact"] += 1
            unit = _Unit(match.target, "memory", score=match.score)
        else:
            if match:
                self.stats["memory_fuzzy"] += 1
            unit = self._model(piece, (match.source, match.target) if match else None)
            if match:
                unit.score = match.score
        if self.job is not None:
            self.job.record(piece, unit.translation, unit.origin, unit.findings)
        return unit

    def check(self, source: str, translation: str, hits) -> list[Finding]:
        started = time.perf_counter()
        try:
            return check_segment(source, translation, hits, self.source_lang, self.target_lang)
        finally:
            self.stats["check_seconds"] += time.perf_counter() - started

    def _model(self, piece: str, closest: tuple[str, str] | None) -> _Unit:
        """The model's translation; a hard check failure is retried once (a smaller unit,
        else other sampling), then the source is kept, marked, with the reasons."""
        source_text = strip_tags(piece)
        hits = self.glossary.hits(source_text) if self.glossary else []
        try:
            tagged, findings = self._ask(piece, closest, hits)
        except ContextOverflowError:
            return _Unit(piece, "failed", [too_long(source_text)])
        if not strip_tags(tagged).strip():
            return _Unit(piece, "failed", untranslated(source_text, ""))
        hard = hard_failures(findings + self.check(source_text, strip_tags(tagged), hits))
        if not hard:
            return _Unit(tagged, "model", findings)
        self.stats["retries"] += 1
        try:
            retried = self._retry(piece, closest, hits)
        except ContextOverflowError:
            retried = None
        if retried is not None:
            again = hard_failures(
                retried[1] + self.check(source_text, strip_tags(retried[0]), hits)
            )
            if not again and strip_tags(retried[0]).strip():
                return _Unit(retried[0], "model", retried[1])
        self.stats["kept_source"] += 1
        return _Unit(mark_kept(piece), "failed", [*hard, kept_source(hard)])

    def _ask(self, piece: str, closest, hits, **sampling) -> tuple[str, list[Finding]]:
        prompt, params = translation_prompt(
            self.prompt_format,
            piece,
            self.source_lang,
            self.target_lang,
            glossary=hits,
            closest=closest,
        )
        if sampling:
            params = replace(params, **sampling)
        self.looped = None
        raw = self._generate(prompt, params, piece)
        tagged, findings = repair_tags(piece, self._clean(raw))
        if self.looped:
            # The model was repeating itself when its output was cut: a hard failure.
            findings.append(loop_cut(self.looped))
        return tagged, findings

    def _retry(self, piece: str, closest, hits) -> tuple[str, list[Finding]] | None:
        """The second try: sentence by sentence when the piece has several, else with
        other sampling (the greedy answer would only repeat the failure)."""
        sentences = sentences_of(piece)
        if len(sentences) > 1 and "<" not in piece:
            joiner = "" if self.target_lang in NO_SPACE_TARGETS else " "
            parts = [self._ask(sentence.strip(), None, hits) for sentence in sentences]
            return joiner.join(t for t, _ in parts), [f for _, fs in parts for f in fs]
        return self._ask(piece, closest, hits, **RETRY_PARAMS)

    def prefetch(self, pieces: list[str]) -> None:
        """Decode the first try of every piece that will need the model together
        (the engine's batched decoding); `_generate` then takes the answer for the
        same prompt from here. Retries and pieces whose prompt changed meanwhile (a
        new fuzzy match) still go one at a time."""
        self.prefetched.clear()  # answers for pieces already done another way
        prompts: list[PromptInput] = []
        params: list[GenerationParams] = []
        sources: list[str] = []
        seen: set[str] = set()
        for piece in pieces:
            key = frame(piece).model_text
            if key in self.cache or key in seen or (self.job and self.job.get(key) is not None):
                continue
            seen.add(key)
            match = self.memory.lookup(key) if self.memory else None
            if match and match.exact:
                continue
            hits = self.glossary.hits(strip_tags(key)) if self.glossary else []
            prompt, param = translation_prompt(
                self.prompt_format,
                key,
                self.source_lang,
                self.target_lang,
                glossary=hits,
                closest=(match.source, match.target) if match else None,
            )
            prompts.append(prompt)
            params.append(param)
            sources.append(key)
        if len(prompts) < 2:
            return
        loops: dict[int, re.Match] = {}

        def watch(index: int, text: str) -> bool:
            loop = runaway(text, sources[index])
            if loop is not None:
                loops[index] = loop
            return loop is not None

        started = time.monotonic()
        try:
            results = generate_batch(self.engine, prompts, params, self.cancel, watch)
        except EngineCrashedError:
            return  # the pieces go one at a time (the engine restarts its child)
        share = (time.monotonic() - started) / len(prompts)
        for index, result in enumerate(results):
            if result.error is not None:
                continue  # asked again one at a time, where the error is handled
            text, looped = result.text, None
            if index in loops:
                loop = loops[index]
                looped = loop.group(1)
                text = text[: len(text) - len(loop.group(0)) + len(loop.group(1))]
            key = _prompt_key(prompts[index], params[index])
            self.prefetched[key] = (text, looped, result.stats, share)
        self.stats["batched"] += len(self.prefetched)

    def _generate(self, prompt: PromptInput, params: GenerationParams, source: str) -> str:
        ready = self.prefetched.pop(_prompt_key(prompt, params), None)
        if ready is not None:
            text, looped, last, seconds = ready
            if looped:
                self.stats["loops_cut"] += 1
                self.looped = looped
            self._count(seconds, last)
            return text
        started = time.monotonic()
        try:
            text = self._stream(prompt, params, source)
        except EngineCrashedError:
            # The engine restarts its child on the next call; one retry, then give up.
            text = self._stream(prompt, params, source)
        self._count(time.monotonic() - started, getattr(self.engine, "last_stats", None) or {})
        return text

    def _count(self, seconds: float, last: dict) -> None:
        self.stats["model_calls"] += 1
        self.stats["model_seconds"] += seconds
        self.stats["prompt_tokens"] += int(last.get("prompt_tokens", 0))
        self.stats["completion_tokens"] += int(last.get("completion_tokens", 0))

    def _stream(self, prompt: PromptInput, params: GenerationParams, source: str) -> str:
        """The completion, cut short when small models start repeating themselves."""
        pieces = self.engine.stream(prompt, params, self.cancel)
        text = ""
        try:
            for piece in pieces:
                text += piece
                loop = runaway(text, source)
                if loop is not None:
                    self.stats["loops_cut"] += 1
                    self.looped = loop.group(1)
                    return text[: len(text) - len(loop.group(0)) + len(loop.group(1))]
        finally:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()  # stops the engine when we leave early
        return text

    def _clean(self, raw: str) -> str:
        text = raw.strip()
        label = f"{language_name(self.target_lang)}:"
        if text.startswith(label):
            text = text[len(label) :].strip()
        return text.split("\n###", 1)[0].strip()


def runaway(text: str, source: str) -> re.Match | None:
    """The repetition a small model's answer has started looping on, if any."""
    loop = _LOOP.search(text[-240:]) if len(text) > 24 else None
    # A run of one character ("……", "――") is layout; "○○○○" copied from the source is fine.
    if loop and len(set(loop.group(1))) > 1 and loop.group(0) not in source:
        return loop
    return None


def _prompt_key(prompt: PromptInput, params: GenerationParams) -> str:
    return repr((prompt, params))


# Pieces handed to one batched call: enough to keep every sequence busy while
# finished ones make room, few enough that a cancel or a crash loses little.
PIECES_PER_SEQUENCE = 4


def translate_document(
    engine: Engine,
    prompt_format: str,
    document: Document,
    *,
    source_lang: str | None = None,
    target_lang: str,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    cancel: CancelToken | None = None,
    on_segment: Callable[[TranslationProgress], None] | None = None,
    job: Job | None = None,
) -> TranslationResult:
    """Translate every segment of `document`; see the package docstring."""
    started = time.monotonic()
    target_lang = check_language(target_lang)
    if source_lang:
        source_lang = check_language(source_lang)
    else:
        source_lang = detect_language(document.plain_text()[:20000])
    check_pair(source_lang, target_lang)
    if glossary:
        glossary = glossary.for_direction(source_lang, target_lang)
    translator = _UnitTranslator(
        engine, prompt_format, source_lang, target_lang, glossary, memory, job, cancel
    )
    pairs = [(block, segment) for block in document.blocks for segment in block.segments]
    joiner = "" if target_lang in NO_SPACE_TARGETS else " "
    plans = [
        plan_segment(segment.tagged, source_lang, joiner)
        if has_text_in(segment.text, source_lang)
        else []
        for _, segment in pairs
    ]
    total_units = len({frame(text).model_text for plan in plans for text, go in plan if go})
    results: list[SegmentResult] = []
    units_of: list[list[_Unit]] = []  # each result's units, for the document-level check
    parallel = parallel_of(engine)
    prefetched_upto = 0
    try:
        for index, ((block, segment), plan) in enumerate(zip(pairs, plans, strict=True)):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            if parallel > 1 and index >= prefetched_upto:
                upcoming: list[str] = []
                while (
                    prefetched_upto < len(plans) and len(upcoming) < parallel * PIECES_PER_SEQUENCE
                ):
                    upcoming += [text for text, go in plans[prefetched_upto] if go]
                    prefetched_upto += 1
                translator.prefetch(upcoming)
            result, units = _translate_segment(translator, block.kind, segment, plan, glossary)
            results.append(result)
            units_of.append(units)
            if on_segment is not None:
                stats = translator.stats
                per_call = (
                    stats["model_seconds"] / stats["model_calls"] if stats["model_calls"] else None
                )
                left = total_units - len(translator.cache)
                eta = per_call * left if per_call is not None else None
                on_segment(TranslationProgress(index + 1, len(pairs), eta, result))
        _check_document(translator, results, units_of)
    finally:
        if memory is not None:
            memory.save()
    stats = dict(translator.stats)
    stats.update(
        segments=len(results),
        units=total_units,
        kept=sum(r.origin == "kept" for r in results),
        failed=sum(r.origin == "failed" for r in results),
        findings=sum(len(r.findings) for r in results),
        seconds=round(time.monotonic() - started, 3),
        model_seconds=round(stats["model_seconds"], 3),
        check_seconds=round(stats["check_seconds"], 3),
    )
    return TranslationResult(
        document, source_lang, target_lang, results, stats, list(document.warnings)
    )


def _check_document(translator, results: list[SegmentResult], units_of) -> None:
    """Checks that need the whole document, once every segment is translated: distinct
    sources that came out as one translation. Their findings join the segments' own, and
    those segments leave the translation memory (it keeps only clean ones)."""
    started = time.perf_counter()
    checked = [i for i, r in enumerate(results) if r.origin not in ("kept", "failed")]
    found = check_collapsed([(results[i].source, results[i].translation_text) for i in checked])
    for at, finding in found.items():
        index = checked[at]
        results[index].findings.append(finding)
        translator.forget(units_of[index])
    translator.stats["check_seconds"] += time.perf_counter() - started


def _translate_segment(translator, kind, segment, plan, glossary):
    if not any(translate for _, translate in plan):
        return SegmentResult(segment.id, kind, segment.tagged, segment.tagged, "kept"), []
    units = [translator.translate(text) for text, translate in plan if translate]
    done = iter(units)
    translation = "".join(next(done).translation if go else text for text, go in plan)
    origins = {u.origin for u in units}
    origin = origins.pop() if len(origins) == 1 else "model"
    findings = [f for u in units for f in u.findings]
    if "failed" not in {u.origin for u in units}:
        hits = glossary.hits(segment.text) if glossary else []
        findings += translator.check(segment.text, strip_tags(translation), hits)
    translator.remember(units, clean=memory_clean(findings))
    scores = [u.score for u in units if u.score is not None]
    result = SegmentResult(
        segment.id,
        kind,
        segment.tagged,
        translation,
        origin,
        findings,
        max(scores) if scores else None,
    )
    return result, units
