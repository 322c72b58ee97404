"""Law names no longer in force → the current law: mined from the imported laws' own 附則
(「次に掲げる法律は、廃止する。」「行政事件訴訟特例法（…）は、廃止する。」: the law that
repeals them took their place) plus a curated list with sources (resources/laws/old_names.tsv)
for renames the shared data cannot show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ... import paths
from .model import SUPPL
from .store import LawStore

_REPEALED_ONE = re.compile(
    r"^(?P<name>[^、。（）]{2,60}?)（(?P<num>[^（）]*?第[^（）]*?号)[^（）]*）は、廃止する。"
)
_REPEALED_LIST = re.compile(
    r"^次に掲げる(?:法律|政令|命令|省令|規則)(?:及び[^、。]+)?は、廃止する。"
)
_ITEM = re.compile(r"^(?P<name>[^、。（）]{2,60}?)（(?P<num>[^（）]*?第[^（）]*?号)）$")


@dataclass(frozen=True)
class OldName:
    old: str
    current: str  # the official title of the law that took its place
    how: str  # repealed / renamed …
    source: str  # where that is said: 「感染症の…法律附則第三条」 or the curated row's source


def repealed_by_imported_laws(store: LawStore) -> dict[str, OldName]:
    """Old names from the 附則 of every imported law (its original 附則 only)."""
    found: dict[str, OldName] = {}
    for law in store.laws():
        for unit in store.units(law.law_num, SUPPL):
            for para in unit.paragraphs:
                where = f"{law.title}附則{unit.title if unit.num else ''}"
                one = _REPEALED_ONE.match(para.text)
                if one:
                    found[one["name"]] = OldName(one["name"], law.title, "repealed", where)
                if _REPEALED_LIST.match(para.text):
                    for item in para.items:
                        match = _ITEM.match(item.text.strip())
                        if match:
                            found[match["name"]] = OldName(
                                match["name"], law.title, "repealed", where
                            )
    return found


@lru_cache(maxsize=1)
def curated() -> dict[str, OldName]:
    out = {}
    path = paths.resources_dir() / "laws" / "old_names.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "old\t")):
            continue
        old, current, how, by, source = (line.split("\t") + [""] * 5)[:5]
        out[old] = OldName(old, current, how, f"{by} {source}".strip())
    return out


_MEMO: dict[tuple, dict[str, OldName]] = {}


def old_names(store: LawStore) -> dict[str, OldName]:
    """Every known old name; the imported laws' own 附則 win over the curated list.
    Mined once per store state (its laws and their digests), not per check."""
    state = (str(store.path), tuple(store.db.execute("SELECT law_num, digest FROM laws")))
    if state not in _MEMO:
        _MEMO.clear()
        _MEMO[state] = curated() | repealed_by_imported_laws(store)
    return _MEMO[state]
