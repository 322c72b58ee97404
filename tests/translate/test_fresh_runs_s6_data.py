"""The fresh real runs bench/data/fresh_runs_s6.json are what they claim: every segment of
real demo-model translations of corpus documents (the first segments of docx11 and of pdf13's pages 20-22), each
source verbatim the segment the document reader gives at that location; and the blind
labels bench/data/fresh_labels_s6.json are valid: a fixed-seed sample of translated segments,
each labelled loss / ok / debatable, a loss with its class and a note."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]
RUNS = ROOT / "bench" / "data" / "fresh_runs_s6.json"
LABELS = ROOT / "bench" / "data" / "fresh_labels_s6.json"
CLASSES = {"name", "sentence", "paragraph", "loop", "markup"}
CLASSES |= {"term", "list item", "clause", "polarity", "meaning"}


def _runs() -> dict:
    return json.loads(RUNS.read_text(encoding="utf-8"))["documents"]


def _labels() -> list[dict]:
    return json.loads(LABELS.read_text(encoding="utf-8"))["segments"]


def _short(name: str) -> str:
    return name.split("_", 1)[0]


def test_two_documents_translated_by_the_model():
    runs = _runs()
    assert {_short(n) for n in runs} == {"docx11", "pdf13"}
    for doc in runs.values():
        origins = Counter(s["origin"] for s in doc["segments"])
        assert origins["model"] >= 15, origins
        assert set(origins) <= {"model", "kept", "failed", "repeat"}, origins
        assert doc["wall_s"] and doc["wall_s"] <= 3600 and doc["part"].startswith("segments 1-")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not mounted")
def test_every_source_is_the_segment_the_reader_gives_at_its_location(tmp_path):
    from pypdf import PdfReader, PdfWriter

    from desk_assistant import documents

    for doc in _runs().values():
        path = next(CORPUS.glob(_short(doc["file"]) + "_*" + Path(doc["file"]).suffix))
        if doc["pages"]:  # pdf13 pages 20-22, copied to a PDF of their own as for the run
            first, last = (int(p) for p in doc["pages"].split("-"))
            writer = PdfWriter()
            for page in PdfReader(path).pages[first - 1 : last]:
                writer.add_page(page)
            path = tmp_path / doc["file"]
            writer.write(path)
        segments = [(s.id, s.text) for b in documents.load(path).blocks for s in b.segments]
        stored = [(s["location"], s["source"]) for s in doc["segments"]]
        first = segments[: len(stored) + len(doc["withheld"])]  # the run's first segments
        assert stored == [s for s in first if s[0] not in doc["withheld"]], doc["file"]


def test_labels_are_a_valid_blind_sample_of_checked_segments():
    runs = {_short(n): d["segments"] for n, d in _runs().items()}
    labels = _labels()
    assert 100 <= len(labels) <= 120  # 120 drawn, or the whole pool when smaller (105)
    assert len({(r["doc"], r["index"]) for r in labels}) == len(labels)
    assert set(Counter(r["doc"] for r in labels)) == {"docx11", "pdf13"}
    for r in labels:
        segment = runs[r["doc"]][r["index"]]
        assert segment["origin"] != "kept"
        assert (r["source"], r["translation"]) == (segment["source"], segment["translation"])
        assert r["label"] in ("loss", "ok", "debatable"), r
        if r["label"] == "loss":
            assert r["class"] in CLASSES and r["note"], r
    assert Counter(r["label"] for r in labels)["loss"] >= 10
