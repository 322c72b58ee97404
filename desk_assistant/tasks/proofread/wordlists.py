"""Rule word lists: TSV files in resources/rules/ (data, not code).

Lines starting with '#' are comments; columns are tab-separated; missing
trailing columns read as ''.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ... import paths
from ...errors import DeskError


class RuleDataError(DeskError):
    ja = "校正ルールのデータファイルを読み込めません: {path}"
    en = "Cannot read the proofreading rule data file: {path}"


def rules_dir() -> Path:
    return paths.resources_dir() / "rules"


@lru_cache(maxsize=64)
def load_table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    path = rules_dir() / name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RuleDataError(detail=str(err), path=str(path)) from err
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        cells += [""] * (columns - len(cells))
        rows.append(tuple(c.strip() for c in cells[:columns]))
    return tuple(rows)


@lru_cache(maxsize=1)
def joyo_kanji() -> frozenset[str]:
    """The kanji of the 常用漢字表 (resources/rules/joyo_kanji.txt)."""
    chars: set[str] = set()
    for row in load_table("joyo_kanji.txt", 1):
        chars.update(row[0])
    return frozenset(chars)
