"""The job bar's remaining time after a resume: the task's own estimate, not the
window's arithmetic (5 of 19 segments resumed in no time gave "残り約 3 秒")."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desk_assistant.gui.eta import Eta
from desk_assistant.gui.job_bar import JobBar


class _Job(QObject):
    progress = Signal(int, int)
    estimate = Signal(float)

    def running(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_eta_after_resume_uses_the_task_estimate(qtbot):
    bar = JobBar()
    qtbot.addWidget(bar)
    job = _Job()
    bar.bind(job, "翻訳中")
    clock = _Clock()
    bar.eta = Eta(clock=clock)
    clock.now = 1.0
    job.progress.emit(5, 19)  # resumed: 5 segments done at once
    assert "残り約 3 秒" in bar.eta_label.text()  # the old arithmetic, without an estimate
    job.estimate.emit(-1.0)  # the pipeline: not known until the model translated one
    assert "残り" not in bar.eta_label.text() and "経過" in bar.eta_label.text()
    clock.now = 9.0
    job.progress.emit(6, 19)
    job.estimate.emit(104.0)
    assert bar.eta_label.text() == "6/19・残り約 1 分 44 秒"
    clock.now = 19.0  # between reports the estimate counts down
    bar._refresh()
    assert bar.eta_label.text() == "6/19・残り約 1 分 34 秒"


def test_a_one_pass_summary_shows_time_left_not_only_elapsed(
    make_window, open_doc, corpus_docx, wait_job, qtbot
):
    """The pipeline times the call as it streams: "残り約 …" inside the single call."""
    from desk_assistant.llm.fake import FakeEngine

    window = make_window(FakeEngine("・" + "会議を行う。" * 40, piece_chars=1, delay=0.01))
    open_doc(window, corpus_docx)
    op = window.summarize_tab.run()
    qtbot.waitUntil(lambda: "残り約" in window.job_bar.eta_label.text(), timeout=10000)
    assert window.job_bar.eta_label.text().startswith("0/1・残り約")
    op.cancel()
    wait_job(op)


def test_translate_tab_passes_the_pipeline_estimate_after_a_resume(monkeypatch):
    """The translate tab hands the pipeline's eta_seconds to the job bar as it is,
    resumed segments included (the window does no arithmetic of its own)."""
    from types import SimpleNamespace

    from desk_assistant.gui.tabs import translate_tab
    from desk_assistant.tasks.translate.pipeline import TranslationProgress

    said = []
    emit = SimpleNamespace(
        item=lambda segment: None,
        progress=lambda done, total: said.append(("progress", done, total)),
        estimate=lambda seconds: said.append(("estimate", seconds)),
    )
    session = SimpleNamespace(begin=lambda: None, glossary=lambda path: None, vault=lambda: None)
    opened = SimpleNamespace(engine=None, info=SimpleNamespace(prompt_format="few_shot", id="x"))

    def fake_translate(engine, prompt_format, document, *, on_segment, **kwargs):
        on_segment(TranslationProgress(5, 19, None, None))  # resumed: no estimate yet
        on_segment(TranslationProgress(6, 19, 104.0, None))  # the pipeline's own figure
        return "result"

    monkeypatch.setattr("desk_assistant.tasks.translate.translate_document", fake_translate)
    result = translate_tab.run_translation(opened, None, (None, "en"), None, session, None, emit)
    assert result == ("result", None)
    assert said == [
        ("progress", 5, 19),
        ("estimate", None),
        ("progress", 6, 19),
        ("estimate", 104.0),
    ]
