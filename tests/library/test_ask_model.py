"""`ask` on the real demo model (Gemma 3 270M base): its answers are poor; what is checked
is that every citation it writes is checked against the retrieved passages, that
sentences without one are flagged, and that the exit code, JSON and audit agree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desk_assistant import paths
from desk_assistant.tasks.library.verify import check_answer, citations_in

pytestmark = pytest.mark.model

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DIET_XML = SHARED / "diet" / "kokkai_api_meeting_session212_shugiin_monka_2023.xml"


def run_cli(*args):
    env = dict(os.environ, DESK_ASSISTANT_LANG="ja")
    done = subprocess.run(
        [sys.executable, "-m", "desk_assistant", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_ask_on_the_demo_model_checks_every_citation(installed_demo, tmp_path):
    if not DIET_XML.exists():
        pytest.skip("shared data not available")
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy2(DIET_XML, folder)
    assert run_cli("library", "add", folder).returncode == 0
    # Two passages and a short answer: the demo model runs on a shared 2-core machine.
    question = "部活動の地域移行はいつまでに進めるのか"
    done = run_cli("ask", question, "--limit", "2", "--max-tokens", "48", "--format", "json")
    answer = json.loads(done.stdout)
    assert answer["answered"] and answer["demo_model"]
    assert done.returncode == (1 if answer["findings"] else 0), done.stderr
    sources = answer["sources"]
    assert 1 <= len(sources) <= 2 and all(
        s["url"].startswith("https://kokkai.ndl.go.jp/") for s in sources
    )
    # The findings are exactly what the checks say about this answer and these passages.
    again = check_answer(
        answer["answer"], [s["text"] for s in sources], "資料には記載がありません。"
    )
    assert [f["kind"] for f in answer["findings"]] == [f.kind for f in again]
    unknown = {int(f["detail"]) for f in answer["findings"] if f["kind"] == "citation_unknown"}
    for n in citations_in(answer["answer"]):
        assert 1 <= n <= len(sources) or n in unknown
    log = "".join(p.read_text(encoding="utf-8") for p in paths.log_dir().rglob("*.jsonl"))
    records = [json.loads(line) for line in log.splitlines() if '"library.ask"' in line]
    assert [r["outcome"] for r in records] == [
        "started",
        "findings" if answer["findings"] else "ok",
    ]
    assert records[1]["model_sha256"]
