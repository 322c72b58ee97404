"""The real demo model (Gemma 3 270M base) summarizing corpus documents: short runs.

Its summaries are poor; what is checked is the machinery around them: a file is
written, every citation names a real block, findings and exit code agree, the
audit log has the record, and a document over the context is map-reduced
without any prompt overflowing the real tokenizer's budget.
"""

import json
import os
import subprocess
import sys

import pytest

from desk_assistant import paths
from desk_assistant.documents import load
from desk_assistant.llm.engine import LoadOptions
from desk_assistant.llm.host import ProcessEngine
from desk_assistant.tasks.summarize import find_style, summarize_document

pytestmark = pytest.mark.model


def run_cli(*args):
    env = dict(os.environ, DESK_ASSISTANT_LANG="ja")
    done = subprocess.run(
        [sys.executable, "-m", "desk_assistant", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def check_result(result, document, done):
    assert done.returncode == (1 if result["findings"] else 0), done.stderr
    assert result["summary"].strip() and result["units"]
    locations = {b.location: b for b in document.blocks}
    for citation in result["citations"]:
        block = locations[citation["location"]]
        assert citation["page"] == block.page
        assert 0 <= citation["unit"] < len(result["units"])
    for finding in result["findings"]:
        assert finding["surface"] in result["units"][finding["unit"]] or finding["kind"] == "date"


def test_docx_summary_file_with_citations_and_audit(installed_demo, corpus_copy, tmp_path):
    source = corpus_copy("docx07_gif_499_faq_short.docx")
    before = source.read_bytes()
    out = tmp_path / "faq_summary.docx"
    done = run_cli("summarize", str(source), "--style", "bullets", "--length", "3", "-o", str(out), "--format", "json")  # fmt: skip
    [result] = json.loads(done.stdout)["results"]
    document = load(source)
    check_result(result, document, done)
    assert result["mode"] == "one_pass" and len(result["units"]) <= 3
    written = [b.text for b in load(out).blocks]
    assert all(line in written for line in result["summary_cited"].splitlines())
    assert source.read_bytes() == before
    log_text = "".join(p.read_text(encoding="utf-8") for p in paths.log_dir().rglob("*.jsonl"))
    started, record = [json.loads(line) for line in log_text.splitlines()]
    assert started["outcome"] == "started" and started["job"] == record["job"]  # issue 14 F5
    assert record["task"] == "summarize" and record["outcome"] in ("ok", "findings")


def test_pdf_summary_text_file_cites_pages(installed_demo, corpus_copy, tmp_path):
    source = corpus_copy("pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf")
    out = tmp_path / "kisoku.txt"
    done = run_cli("summarize", str(source), "--style", "3lines", "-o", str(out), "--format", "json")  # fmt: skip
    [result] = json.loads(done.stdout)["results"]
    check_result(result, load(source), done)
    text = out.read_text(encoding="utf-8")
    assert text.startswith(result["summary_cited"])
    assert all(c["label"] == "p.1" for c in result["citations"])


def test_a_pdf_over_a_small_context_is_map_reduced_by_the_real_model(demo_gguf, corpus_copy):
    document = load(corpus_copy("pdf10_moj_hoseishingikai_rei_seirei.pdf"))  # 3 pages
    engine = ProcessEngine()
    try:
        engine.load(demo_gguf, LoadOptions(n_ctx=1024))
        progress = []
        result = summarize_document(
            engine,
            "few_shot",
            document,
            find_style("3lines"),
            n_ctx=1024,
            on_progress=lambda done, total: progress.append((done, total)),
        )
    finally:
        engine.close()
    assert result.mode == "map_reduce" and result.chunks >= 2
    assert progress[-1] == (result.model_calls, result.model_calls)
    assert result.text and len(result.units) <= 3
    locations = {b.location for b in document.blocks}
    assert all(c.location in locations and c.page in (1, 2, 3) for c in result.citations)
