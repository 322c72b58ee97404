"""The hand-dropped clause sets (bench/data/clause_references_heldout6.json) are what they
claim: real sentences of the shared laws and Diet records, each with a reference and the
same reference with one clause taken out, so the bench measures on real input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import SHARED

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"
HELDOUT6 = DATA / "clause_references_heldout6.json"


def _rows() -> list[dict]:
    return json.loads(HELDOUT6.read_text(encoding="utf-8"))["segments"]


def _shared_text(doc: str) -> str:
    """The plain text of the shared file a row names ("laws/m29_089_minpo.xml (民法)")."""
    name = doc.split(" ")[0]
    folder, _, stem = name.partition("/")
    if folder == "laws":
        path = next((SHARED / "laws").glob(f"{stem.removesuffix('.xml')}*.xml"))
        text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))
    else:
        path = SHARED / name
        speeches = json.loads(path.read_text(encoding="utf-8"))["data"]
        text = "".join(s["text"] for s in speeches)
    return re.sub(r"[\s\u3000]+", "", text)


def test_heldout6_has_enough_rows_each_with_one_clause_dropped():
    rows = _rows()
    assert len(rows) >= 30
    for row in rows:
        assert row["dropped_part"] in row["reference"], row["source"][:20]
        assert row["dropped_part"] not in row["dropped"], row["source"][:20]
        assert len(row["dropped"]) < len(row["reference"]) - 8
        assert not re.search(r",\s*[,.]|\s{2}", row["dropped"]), row["dropped"]


@pytest.mark.skipif(not (SHARED / "laws").is_dir(), reason="shared data not mounted")
def test_heldout6_sources_are_verbatim_shared_sentences():
    rows = _rows()
    texts: dict[str, str] = {}
    for row in rows:
        doc = row["doc"].split(" ")[0]
        if doc not in texts:
            texts[doc] = _shared_text(row["doc"])
        assert re.sub(r"\s+", "", row["source"]) in texts[doc], row["source"][:30]


def test_heldout6_uses_no_sentence_of_another_bench_file():
    mine = {r["source"] for r in _rows()}
    for path in DATA.glob("*.json"):
        if path == HELDOUT6:
            continue
        text = path.read_text(encoding="utf-8")
        assert not [s for s in mine if s[:30] in text], path.name
