"""What a document translation returns: each segment with its translation and findings."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...documents import Document, write_bilingual_docx
from ...documents.fonts import FontSwitch
from ...documents.pdf import bilingual_rows
from ...documents.tags import strip_tags
from ...errors import UsageError
from ...llm.prompts import language_name
from ...settings import parse_font_map
from ..verdicts import Verdict, verdict_of
from .checks import Finding

# First in a file translated by the demo model, in both languages: the file travels
# without the program's screen or report that says so.
DEMO_NOTE = (
    "【デモモデルによる翻訳：品質は実用水準ではありません / "
    "Translated by the demo model: not production quality】"
)

# Where a segment's translation came from.
ORIGINS = (
    "model",  # translated by the model in this run
    "memory",  # exact translation-memory match, no model call
    "repeat",  # the same text earlier in this document
    "resumed",  # finished by an earlier, interrupted run of the same job
    "kept",  # nothing to translate (numbers, URLs, already in the target language)
    "failed",  # the model gave nothing usable, or failed a hard check twice: the source is
    # kept (marked KEPT_MARK after a failed check), with findings saying why
)


def with_note(tagged: str, note: str) -> str:
    """`note` in front of a tagged translation, inside its first formatting run so it shows."""
    opening = re.match(r"<g\d+>", tagged)
    at = opening.end() if opening else 0
    return f"{tagged[:at]}{note} {tagged[at:]}"


@dataclass
class SegmentResult:
    location: str
    kind: str
    source_tagged: str
    translation: str  # tagged text, as it goes into the document
    origin: str
    findings: list[Finding] = field(default_factory=list)
    memory_score: float | None = None  # the translation memory's best score, when it had one

    @property
    def source(self) -> str:
        return strip_tags(self.source_tagged)

    @property
    def translation_text(self) -> str:
        return strip_tags(self.translation)

    def to_dict(self) -> dict:
        return {
            "location": self.location,
            "kind": self.kind,
            "source": self.source,
            "translation": self.translation_text,
            "source_tagged": self.source_tagged,
            "translation_tagged": self.translation,
            "origin": self.origin,
            "memory_score": self.memory_score,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class TranslationResult:
    document: Document
    source_lang: str
    target_lang: str
    segments: list[SegmentResult]
    stats: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    note: str = ""  # written first into the saved file (DEMO_NOTE for the demo model)

    @property
    def findings(self) -> list[tuple[SegmentResult, Finding]]:
        return [(s, f) for s in self.segments for f in s.findings]

    @property
    def verdict(self) -> Verdict:
        """問題なし / 要確認 N 件: segments with a warning or error finding."""
        return verdict_of(s.findings for s in self.segments)

    def replacements(self) -> dict[str, str]:
        written = {s.location: s.translation for s in self.segments if s.origin != "kept"}
        if self.note and written:
            first = next(iter(written))
            written[first] = with_note(written[first], self.note)
        return written

    def save(
        self,
        out_path: str | os.PathLike,
        *,
        bilingual: bool = False,
        overwrite: bool = False,
        switch_fonts: bool = True,
        font_map: str = "",
    ) -> list[str]:
        """Write the translated .docx (layout of the source kept; PDF gives a new .docx),
        or with `bilingual` a 対訳 table. Atomic; never over the source or an existing file
        unless `overwrite`. Returns warnings from writing (tags that could not be placed).
        `switch_fonts`: translated runs get fonts of the target script (documents/fonts.py),
        from `font_map` (the translate.font_map setting / FontMap policy: "" built-in, "off")."""
        if not bilingual:
            try:
                fonts = parse_font_map(font_map) if switch_fonts else None
            except ValueError as err:
                raise UsageError(what=f"translate.font_map: {err}") from None
            return self.document.save_as(
                out_path,
                self.replacements(),
                overwrite=overwrite,
                direction=FontSwitch(self.source_lang, self.target_lang, fonts) if fonts else None,
            )
        title = (
            f"対訳 / Bilingual: {Path(self.document.path).name} "
            f"({language_name(self.source_lang)} → {language_name(self.target_lang)})"
        )
        if self.note:
            title += f"\n{self.note}"
        # Source and translation only: block ids like "body/p1" mean nothing to a reader.
        # A PDF table's cells stay a table (source table beside translated table).
        rows = bilingual_rows((s.location, s.source, s.translation_text) for s in self.segments)
        write_bilingual_docx(out_path, rows, title=title, overwrite=overwrite)
        return []

    def to_dict(self) -> dict:
        return {
            "input": str(self.document.path),
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "stats": dict(self.stats),
            "warnings": list(self.warnings),
            "findings_count": len(self.findings),
            "verdict": self.verdict.to_dict(),
            "segments": [s.to_dict() for s in self.segments],
        }
