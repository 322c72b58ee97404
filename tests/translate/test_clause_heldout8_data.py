"""The eighth hand-dropped clause set (bench/data/clause_references_heldout8.json) is what it
claims: real sentences of the shared corpus guidebooks, laws and Diet records, each with a
reference and the same reference with one clause taken out, used by no other bench or test
file, so the bench measures the clause check on input it was not tuned on."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SHARED

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "bench" / "data"
HELDOUT8 = DATA / "clause_references_heldout8.json"


def _rows() -> list[dict]:
    return json.loads(HELDOUT8.read_text(encoding="utf-8"))["segments"]


def _shared_text(doc: str) -> str:
    """The plain text of the shared file a row names ("corpus/docx04_….docx (…)")."""
    name = doc.split(" ")[0]
    folder, _, stem = name.partition("/")
    path = SHARED / name
    if folder == "laws":
        path = next((SHARED / "laws").glob(f"{stem.removesuffix('.xml')}*.xml"))
        text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))
    elif name.endswith(".docx"):
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        text = html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))
    elif name.endswith(".xml"):
        text = html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
    else:
        speeches = json.loads(path.read_text(encoding="utf-8"))["data"]
        text = "".join(s["text"] for s in speeches)
    return re.sub(r"[\s\u3000]+", "", text)


def test_heldout8_has_enough_rows_each_with_one_clause_dropped():
    rows = _rows()
    assert len(rows) >= 35
    assert {r["split"] for r in rows} == {"heldout8"}
    kinds = {r["doc"].split("/")[0] for r in rows}
    assert kinds == {"corpus", "laws", "diet"}
    for row in rows:
        assert row["source"].endswith("。"), row["source"][:20]
        assert row["dropped_part"] in row["reference"], row["source"][:20]
        assert row["dropped_part"] not in row["dropped"], row["source"][:20]
        assert len(row["dropped"]) < len(row["reference"]) - 8
        assert not re.search(r",\s*[,.]|\s{2}|\band and\b", row["dropped"]), row["dropped"]


@pytest.mark.skipif(not (SHARED / "laws").is_dir(), reason="shared data not mounted")
def test_heldout8_sources_are_verbatim_shared_sentences():
    texts: dict[str, str] = {}
    for row in _rows():
        doc = row["doc"].split(" ")[0]
        if doc not in texts:
            texts[doc] = _shared_text(row["doc"])
        assert re.sub(r"\s+", "", row["source"]) in texts[doc], row["source"][:30]


def test_heldout8_uses_no_sentence_of_another_bench_or_test_file():
    mine = {r["source"] for r in _rows()}
    others = [p for p in DATA.glob("*.json") if p != HELDOUT8]
    others += [p for p in (REPO / "tests").rglob("*.py") if p.name != Path(__file__).name]
    for path in others:
        text = path.read_text(encoding="utf-8")
        assert not [s for s in mine if s[:30] in text], path.name
