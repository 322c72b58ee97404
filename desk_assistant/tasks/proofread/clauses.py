"""The clauses findings cite: data in resources/rules/clauses.tsv and clause_sources.tsv.

A finding carries a clause id ("kunrei-1-2-o"); the citation a reader sees is the
source's short title plus the section: 公用文における漢字使用等について（平成22年内閣訓令第1号）1(2)オ.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .wordlists import load_table


@dataclass(frozen=True)
class Clause:
    id: str
    source: str  # key in clause_sources.tsv
    section: str
    title: str
    text: str
    source_short: str
    source_full: str

    @property
    def citation(self) -> str:
        """Document + section, e.g. 公用文作成の考え方（令和4年）Ⅰ-5-(1)ア."""
        return self.source_short + self.section


@lru_cache(maxsize=1)
def clauses() -> dict[str, Clause]:
    sources = {key: (short, full) for key, short, full in load_table("clause_sources.tsv", 3)}
    out = {}
    for cid, source, section, title, text in load_table("clauses.tsv", 5):
        short, full = sources[source]
        out[cid] = Clause(cid, source, section, title, text, short, full)
    return out


def clause(cid: str | None) -> Clause | None:
    return clauses().get(cid) if cid else None


def citation(cid: str | None, profile: str | None = None) -> str:
    """The citation of a clause id; an organization rule names its profile."""
    if cid == "org":
        return f"組織の規定（{profile}）" if profile else "組織の規定"
    c = clause(cid)
    return c.citation if c else ""
