"""The held-out title set (bench/data/title_references_heldout.json) is what it claims: real
segments of the shared Diet records, laws and corpus, each with a personal title, used by no
other bench or test file, each with a correct English reference and one wrong-title version
that differs from it only around the title."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "bench" / "data" / "title_references_heldout.json"
TITLE = re.compile(
    r"委員|議長|会長|大臣|政務官|参考人|局長|次長|長官|審議官|知事|市町村長|教授|所長|参与|課長|長\s*殿|様"
)


def _rows() -> list[dict]:
    return json.loads(HELDOUT.read_text(encoding="utf-8"))["segments"]


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _shared_text(doc: str) -> str:
    """The plain text of the shared file a row names ("diet/kokkai_….xml 1212…_019")."""
    path = SHARED / doc.split(" ")[0]
    if path.suffix == ".json":
        return _squeeze("".join(s["text"] for s in json.loads(path.read_text("utf-8"))["data"]))
    if path.suffix == ".docx":
        text = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return _squeeze(re.sub(r"<[^>]+>", "", text))


def _runs_in(segment: str, text: str) -> bool:
    runs = [segment[i : i + 15] for i in range(0, len(segment) - 15, 5)]
    found = sum(run in text for run in runs)
    return found >= max(2, len(runs) / 3)


def test_heldout_titles_have_enough_rows_from_each_kind_of_text():
    rows = _rows()
    assert len(rows) >= 35
    for origin in ("diet/", "laws/", "corpus/"):
        assert sum(r["doc"].startswith(origin) for r in rows) >= 3, origin
    assert len({r["source"] for r in rows}) == len(rows)
    for row in rows:
        assert TITLE.search(row["source"]), row["source"]
        for english in (row["reference"], row["wrong"]):
            assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", english), english
        assert row["wrong"] != row["reference"] and row["wrong_kind"]


def test_heldout_wrong_versions_change_only_a_few_words_of_the_reference():
    """A wrong version is the reference with its title changed: the words around it stay."""
    for row in _rows():
        right, wrong = row["reference"].split(), row["wrong"].split()
        kept = len(set(right) & set(wrong)) / len(set(right))
        assert kept >= 0.5 or len(right) <= 5, (row["reference"], row["wrong"])
        assert abs(len(right) - len(wrong)) <= 6, row["wrong"]


@pytest.mark.skipif(not (SHARED / "laws").is_dir(), reason="shared data not mounted")
def test_heldout_title_sources_are_verbatim_shared_segments():
    texts: dict[str, str] = {}
    for row in _rows():
        doc = row["doc"].split(" ")[0]
        if doc not in texts:
            texts[doc] = _shared_text(row["doc"])
        assert _squeeze(row["source"]) in texts[doc], row["source"][:30]


def test_heldout_titles_share_no_segment_with_another_bench_or_test_file():
    mine = [_squeeze(r["source"]) for r in _rows()]
    files = [*(ROOT / "bench").rglob("*.json"), *(ROOT / "bench").glob("*.py")]
    files += [p for p in (ROOT / "tests").rglob("*.py") if p.name != Path(__file__).name]
    for path in files:
        if path == HELDOUT:
            continue
        text = _squeeze(path.read_text(encoding="utf-8"))
        # A segment used elsewhere shares many of its 15-character runs with that file (two
        # and a third of them); a single run is law boilerplate that other sentences share
        # (厚生労働省令で定めるところにより). Short ones (「○○○○長殿」) must not appear whole.
        shared = [s[:20] for s in mine if (len(s) <= 15 and s in text) or _runs_in(s, text)]
        assert not shared, (path.name, shared)
