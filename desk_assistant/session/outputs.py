"""Output naming and the rules every written output follows, for CLI and GUI alike."""

from __future__ import annotations

from pathlib import Path

from ..errors import OutputExistsError


def refuse_source(out_path, document) -> None:
    """Outputs never replace the input document, whatever the save dialog allowed."""
    if document is not None and Path(out_path).resolve() == Path(document.path).resolve():
        raise OutputExistsError(path=str(out_path))


def output_name(source, *tags: str, suffix: str = ".docx", folder: Path | None = None) -> Path:
    """The one naming rule for results, CLI and GUI alike: report.docx with tags
    ("en", "bilingual") → report.en.bilingual.docx beside the source (or in `folder`);
    a free name, never an existing file: "report.en (2).docx"."""
    source = Path(source)
    stem = ".".join([source.stem, *tags])
    folder = folder or source.parent
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate
