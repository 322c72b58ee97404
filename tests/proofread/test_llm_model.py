"""The LLM path end to end with the real demo model, through the CLI.

The demo model's suggestions may be poor or absent; this asserts the structure:
the model was called, each suggestion is anchored on the text it quotes, marked
as an LLM info suggestion, and nothing was applied to the Word copy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desk_assistant import documents, paths

pytestmark = pytest.mark.model

PARAGRAPHS = [
    "本市においては、地域の防災体制の強化を図ることを目的として、自主防災組織の活動に対する支援を行うこととする。",
    "予算が不足している。従って、事業計画の見直しを行うことについて検討を行う。",
]


def test_demo_model_suggestions_are_anchored_and_never_applied(installed_demo, tmp_path):
    import docx

    source = tmp_path / "memo.docx"
    d = docx.Document()
    for text in PARAGRAPHS:
        d.add_paragraph(text)
    d.save(source)
    out = tmp_path / "memo.校正.docx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desk_assistant",
            "proofread",
            str(source),
            "-o",
            str(out),
            "--track-changes",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    data = json.loads(done.stdout)
    assert data["llm"]["used"] and data["llm"]["model"] == "gemma-3-270m-demo"
    assert data["llm"]["calls"] == len(PARAGRAPHS)  # one short call per paragraph
    doc = documents.load(source)
    suggestions = [f for f in data["findings"] if f["rule"] == "llm-suggestion"]
    for f in suggestions:
        assert (f["severity"], f["source"]) == ("info", "LLM")
        assert doc.block(f["location"]).text[f["start"] : f["end"]] == f["surface"]
    # Rule fixes became tracked changes; suggestions only comments: rejecting every
    # change gives back the input's text, so no suggestion was written into it.
    from .wordxml import comments, settle

    settle(out, tmp_path / "rejected.docx", accept=False)
    assert [b.text for b in documents.load(tmp_path / "rejected.docx").blocks] == PARAGRAPHS
    assert len(comments(out)) == len(data["findings"])
    log = "".join(p.read_text(encoding="utf-8") for p in paths.log_dir().rglob("*.jsonl"))
    # One job: its "started" record, then its outcome (issue 14 F5).
    started, record = [json.loads(line) for line in log.splitlines()]
    assert (started["task"], started["outcome"]) == ("proofread", "started")
    assert record["task"] == "proofread" and record["outcome"] == "findings"
    assert record["model_sha256"]
