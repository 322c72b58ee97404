"""Which task entry points exist in this build.

The task pipelines grow in parallel with the GUI; a tab asks here and falls back
(or explains) when the richer entry point has not landed yet. No Qt needed, but
it lives with the tabs because only they care."""

from __future__ import annotations

import importlib


def entry(module: str, name: str):
    """`desk_assistant.tasks.<module>.<name>`, or None when it does not exist (yet)."""
    try:
        mod = importlib.import_module(f"desk_assistant.tasks.{module}")
    except ImportError:
        return None
    return getattr(mod, name, None)


def refuse_source(out_path, document) -> None:
    """Outputs never replace the input document, whatever the save dialog allowed."""
    from pathlib import Path

    from ...errors import OutputExistsError

    if document is not None and Path(out_path).resolve() == Path(document.path).resolve():
        raise OutputExistsError(path=str(out_path))
