"""One problem found in a translation: which check, how bad, what, in both languages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ... import i18n
from ..verdicts import ERROR, INFO, WARNING

__all__ = ["ERROR", "INFO", "WARNING", "Finding"]


@dataclass(frozen=True)
class Finding:
    # number | amount | date | article | glossary | tags | untranslated | too_long |
    # omission.* | names.* | degeneration.* | kept_source
    check: str
    severity: str  # error | warning | info (verdicts.py)
    surface: str  # the text the finding is about, as written
    expected: str  # what should be there (a normalized figure, a glossary term)
    message_ja: str
    message_en: str
    # The finding rests on one weak signal alone (a word of the source whose dictionary
    # English is not in the translation): tiers.py tells it as worth a look (info) unless
    # a second signal agrees. Not part of the JSON output.
    weak: bool = field(default=False, compare=False)

    def message(self, lang: str | None = None) -> str:
        return i18n.tr(self.message_ja, self.message_en, lang)

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["weak"]
        data["message"] = self.message()
        return data
