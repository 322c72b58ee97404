"""Output naming and the rules every written output follows, for CLI and GUI alike."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import OutputExistsError, UsageError
from ..i18n import tr


def refuse_source(out_path, document) -> None:
    """Outputs never replace the input document, whatever the save dialog allowed."""
    if document is not None and Path(out_path).resolve() == Path(document.path).resolve():
        raise OutputExistsError(path=str(out_path))


def named_output(
    path: str | Path,
    *,
    inputs: int = 1,
    suffixes: Sequence[str] = (),
    folder_ok: bool = False,
) -> Path:
    """The one rule for a result file the user names (-o, --report), before any work:
    one input only (`folder_ok`: several go to a folder instead), one of `suffixes`
    (any when empty), and never an existing file — nothing is overwritten."""
    path = Path(path)
    if inputs != 1:
        raise UsageError(
            what=tr(
                "入力が複数のとき -o には出力フォルダを指定してください",
                "with several inputs, -o must be an output folder",
            )
            if folder_ok
            else tr("-o は入力が 1 つのときだけ使えます", "-o needs exactly one input")
        )
    if suffixes and path.suffix.lower() not in suffixes:
        raise UsageError(
            what=tr(
                f"-o は {' か '.join(suffixes)} にしてください: {path}",
                f"-o must end in {' or '.join(suffixes)}: {path}",
            )
        )
    if path.exists():
        raise OutputExistsError(path=str(path))
    return path


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
