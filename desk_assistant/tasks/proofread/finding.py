"""What a rule reports: one span of the checked text, with a bilingual message."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ... import i18n

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

# Where a rule comes from; the JSON carries these Japanese labels as they are.
KUNREI = "訓令"  # 公用文における漢字使用等について (平成22年内閣訓令第1号)
KANGAEKATA = "公用文作成の考え方"  # 文化審議会建議 (2022)
HOREI = "法令"  # 法令における漢字使用等について / 法制執務の慣行
GENERAL = "一般"
ORG = "組織の規定"  # the organization's profile (profile.py), distributed by IT
LAW_CITATION = "法令引用"  # citations checked against the imported e-Gov law data (tasks/laws)
SOURCES = (KUNREI, KANGAEKATA, HOREI, GENERAL, ORG, LAW_CITATION)  # of the deterministic rules
LLM = "LLM"  # suggestions of the local model (llm.py): advice, never applied automatically
SOURCE_EN = {
    KUNREI: "Cabinet directive",
    KANGAEKATA: "Kobunsho guide 2022",
    HOREI: "legislation",
    GENERAL: "general",
    ORG: "organization rule",
    LAW_CITATION: "law citation",
    LLM: "LLM",
}


@dataclass
class Finding:
    """One finding. `start`/`end` are code-point offsets into the checked text."""

    rule: str
    severity: str
    start: int
    end: int
    surface: str
    message_ja: str
    message_en: str
    suggestion: str | None
    source: str
    location: str | None = None  # block id for docx input; set by the caller
    clause: str | None = None  # id in resources/rules/clauses.tsv (clauses.py)
    profile: str | None = None  # the organization profile's name (source 組織の規定)
    places: tuple[tuple[str | None, int, int], ...] = ()  # consistency rules: every place

    @property
    def citation(self) -> str:
        """Document + section this finding rests on, e.g. 公用文作成の考え方（令和4年）Ⅰ-5-(1)ア."""
        from .clauses import citation

        return citation(self.clause, self.profile)

    def message(self, lang: str | None = None) -> str:
        """The message in `lang`, by default the current UI language."""
        return i18n.tr(self.message_ja, self.message_en, lang)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        message = self.message(lang)
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "message": message,
            "suggestion": self.suggestion,
            "source": self.source,
            "clause": self.citation,
            "clause_id": self.clause,
        }
        if self.profile:
            data["profile"] = self.profile
        if self.location is not None:
            data["location"] = self.location
        if self.places:
            data["places"] = [
                {"location": loc, "start": a, "end": b}
                if loc is not None
                else {"start": a, "end": b}
                for loc, a, b in self.places
            ]
        return data

    def shifted(self, offset: int, location: str | None = None) -> Finding:
        """The same finding with offsets moved (a callers' helper for multi-block documents)."""
        return replace(
            self,
            start=self.start + offset,
            end=self.end + offset,
            location=location if location is not None else self.location,
        )


def findings_to_json(findings: list[Finding], lang: str | None = None) -> dict[str, Any]:
    return {"findings": [f.to_dict(lang) for f in findings]}
