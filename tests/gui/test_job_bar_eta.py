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
