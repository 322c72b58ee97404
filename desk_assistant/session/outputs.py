"""Output naming and the rules every written output follows, for CLI and GUI alike."""

from __future__ import annotations

from pathlib import Path

from ..errors import OutputExistsError


def refuse_source(out_path, document) -> None:
    """Outputs never replace the input document, whatever the save dialog allowed."""
    if document is not None and Path(out_path).resolve() == Path(document.path).resolve():
        raise OutputExistsError(path=str(out_path))
