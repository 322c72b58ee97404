"""The held-out body names bench/data/bodies_heldout_s5.json are what they claim: real names
of bodies from the shared laws, Diet records and corpus, used by no other bench file nor by
the organisation lists, each with a correct English name and one wrong version that differs
from it by a word (swapped or dropped), as a small model gets it wrong."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "bench" / "data" / "bodies_heldout_s5.json"
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _rows() -> list[dict]:
    return json.loads(HELDOUT.read_text(encoding="utf-8"))["segments"]


def _words(english: str) -> Counter:
    words = re.findall(r"[A-Za-z'-]+", english)
    return Counter(w for w in words if w.lower() not in {"and", "of", "the", "for", "a", "an"})


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def test_enough_distinct_names_with_a_right_and_a_wrong_english():
    rows = _rows()
    assert len(rows) >= 40
    assert len({r["source"] for r in rows}) == len(rows)
    for row in rows:
        assert len(row["source"]) >= 6, row["source"]  # three content words and a kind
        for english in (row["english"], row["wrong"]):
            assert not _JAPANESE.search(english), english
        assert row["english"] != row["wrong"]
        assert row["fault"].startswith(("swap ", "drop ")), row["fault"]


def test_the_wrong_version_changes_one_word_and_keeps_the_rest():
    for row in _rows():
        right, wrong = _words(row["english"]), _words(row["wrong"])
        lost, added = right - wrong, wrong - right
        assert 1 <= lost.total() <= 2 and added.total() <= 1, (row["source"], lost, added)


def test_no_name_is_on_the_organisation_lists_or_in_another_bench_file():
    others = [p for p in (ROOT / "bench" / "data").iterdir() if p != HELDOUT]
    others += list((ROOT / "resources" / "organisations").iterdir())
    text = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in others if p.is_file())
    for row in _rows():
        assert row["source"] not in text, row["source"]


@pytest.mark.skipif(not (SHARED / "laws").is_dir(), reason="shared data not mounted")
def test_every_name_is_written_verbatim_in_the_shared_file_it_names():
    texts: dict[str, str] = {}
    for row in _rows():
        doc = row["doc"]
        if doc not in texts:
            path = SHARED / doc
            if path.suffix == ".json":
                data = json.loads(path.read_text(encoding="utf-8"))["data"]
                texts[doc] = _squeeze("".join(s["text"] for s in data))
            elif path.suffix == ".xml":
                texts[doc] = _squeeze(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
            else:  # docx/pptx: the text of every XML part
                import zipfile

                with zipfile.ZipFile(path) as z:
                    parts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")]
                texts[doc] = _squeeze(re.sub(r"<[^>]+>", "", "".join(parts)))
        assert row["source"] in texts[doc], row["source"]
