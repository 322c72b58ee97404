"""The UI language for core (non-Qt) text: Japanese by default, English on request.

Core code phrases every user-facing string in both languages with `tr(ja, en)`;
the GUI uses Qt's own translation machinery for widget text.
"""

from __future__ import annotations

import os

SUPPORTED = ("ja", "en")
_language = "ja"


def set_language(lang: str | None) -> str:
    """Set the language; unknown or empty values fall back to Japanese."""
    global _language
    lang = (lang or "").split("_")[0].split("-")[0].lower()
    _language = lang if lang in SUPPORTED else "ja"
    return _language


def language() -> str:
    return _language


def tr(ja: str, en: str, lang: str | None = None) -> str:
    """Pick the text for `lang`, by default the current UI language."""
    return en if (lang or _language) == "en" else ja


# DESK_ASSISTANT_LANG lets scripts and tests choose without a flag.
set_language(os.environ.get("DESK_ASSISTANT_LANG", "ja"))
