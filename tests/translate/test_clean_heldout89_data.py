"""The clean held-out sets heldout8 and heldout9 (bench/data/clean_references_heldout8/9.json)
are what they claim: real sentences of the shared laws, Diet records and Legislative Council
PDFs, used by no other bench or test file, each with an English reference, covering the kinds
of sentence a law/Diet translator meets, so their false-alarm rates measure fresh text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
SETS = {n: ROOT / "bench" / "data" / f"clean_references_heldout{n}.json" for n in (8, 9)}
# Sentences quoted since a set's first measurement, for the fixes it led to (heldout8 is
# tuned on; heldout9 is measured once, at the end, and is quoted nowhere).
SEEN_AFTER = {8: {"test_fresh_text_alarms.py"}, 9: set()}


def _rows(n: int) -> list[dict]:
    return json.loads(SETS[n].read_text(encoding="utf-8"))["segments"]


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _shared_text(doc: str, tmp_path: Path) -> str:
    """The plain text of the shared file a row names ("diet/kokkai_….xml (speaker)")."""
    path = SHARED / doc.split(" ")[0]
    if path.suffix == ".json":
        return _squeeze("".join(s["text"] for s in json.loads(path.read_text("utf-8"))["data"]))
    if path.suffix == ".pdf":
        from desk_assistant.documents import load

        copy = tmp_path / path.name
        shutil.copy(path, copy)
        return _squeeze("".join(s.text for b in load(copy).blocks for s in b.segments))
    return _squeeze(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("n", [8, 9])
def test_sets_cover_law_diet_and_council_text_with_english_references(n):
    rows = _rows(n)
    assert len(rows) >= 45
    kinds = [r["kind"] for r in rows]
    for kind, least in [("law/proviso", 5), ("law/definition", 4), ("diet/name", 7)]:
        assert kinds.count(kind) >= least, kind
    assert sum(k.startswith("diet/") for k in kinds) >= 15
    assert sum(r["doc"].startswith("corpus/pdf") for r in rows) >= 6
    assert len({r["source"] for r in rows}) == len(rows)
    for row in rows:
        assert row["split"] == f"heldout{n}"
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", row["reference"]), row["reference"]
        assert row["reference"][-1] in '.?"', row["reference"]


def test_the_two_sets_share_no_sentence():
    eight = {_squeeze(r["source"]) for r in _rows(8)}
    assert not eight & {_squeeze(r["source"]) for r in _rows(9)}


def _check_verbatim(n: int, pdf: bool, tmp_path: Path) -> None:
    texts: dict[str, str] = {}
    for row in _rows(n):
        doc = row["doc"].split(" ")[0]
        if doc.endswith(".pdf") != pdf:
            continue
        if doc not in texts:
            texts[doc] = _shared_text(row["doc"], tmp_path)
        assert _squeeze(row["source"]) in texts[doc], row["source"][:30]


@pytest.mark.skipif(not (SHARED / "laws").is_dir(), reason="shared data not mounted")
@pytest.mark.parametrize("n", [8, 9])
def test_law_and_diet_sources_are_verbatim_shared_sentences(n, tmp_path):
    _check_verbatim(n, False, tmp_path)


@pytest.mark.slow  # reads four PDFs (pdf06 alone takes ~30 s)
@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="shared data not mounted")
@pytest.mark.parametrize("n", [8, 9])
def test_pdf_sources_are_verbatim_segments_of_the_loaded_pdfs(n, tmp_path):
    _check_verbatim(n, True, tmp_path)


@pytest.mark.parametrize("n", [8, 9])
def test_no_sentence_is_used_by_another_bench_or_test_file(n):
    mine = [_squeeze(r["source"]) for r in _rows(n)]
    files = [*(ROOT / "bench").rglob("*.json"), *(ROOT / "bench").glob("*.py")]
    skip = {Path(__file__).name, *SEEN_AFTER[n]}
    files += [p for p in (ROOT / "tests").rglob("*.py") if p.name not in skip]
    for path in files:
        if path in SETS.values():  # the sibling set: exact sentences are compared above
            continue  # (boilerplate such as おそれがあると認めるときは runs 15 characters)
        text = _squeeze(path.read_text(encoding="utf-8"))
        # Any 15-character run of a source in another file means the sentence was used.
        shared = [
            s[:20] for s in mine if any(s[i : i + 15] in text for i in range(0, len(s) - 15, 5))
        ]
        assert not shared, (path.name, shared)
