"""The real engine process killed mid-stream: a clear message, the job marked
failed, the window and the document still there, and the next run works."""

from __future__ import annotations

import os
import signal

import pytest


@pytest.mark.model
def test_killing_the_inference_process_mid_stream(
    make_window, open_doc, corpus_docx, installed_demo, qtbot, wait_job
):
    window = make_window()
    wait_job(window.load_model(("general",)), timeout=300000)
    opened = window.model("general")
    assert opened is not None, window.last_error
    assert opened.info.demo and not window.model_bar.selectors["general"].badge.isHidden()
    document = open_doc(window, corpus_docx)

    op = window.summarize_tab.run()
    pieces = []
    op.piece.connect(pieces.append)
    op.progress.connect(lambda *a: pieces.append(""))
    # Kill once the model is working on this job (first progress or piece).
    qtbot.waitUntil(lambda: bool(pieces) or not op.running(), timeout=120000)
    assert op.running(), "the job ended before the kill"
    os.kill(opened.engine.pid, signal.SIGKILL)
    wait_job(op, timeout=60000)

    assert "推論プロセスが異常終了しました" in window.last_error
    assert window.job_bar.label.text().startswith("失敗")
    assert window.document is document and window.summarize_tab.source_view.toPlainText()
    assert window.summarize_tab.run_button.isEnabled()

    # The next run restarts the child and works.
    wait_job(window.proofread_tab.run())  # the window still answers
    window.last_error = ""
    op = window.summarize_tab.run()
    wait_job(op, timeout=300000)
    assert window.last_error == "" and window.summarize_tab.result is not None
    window.close()
