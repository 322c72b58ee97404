"""Remaining-time estimate for the progress bar: plain arithmetic, no Qt."""

from __future__ import annotations

import time

from ..i18n import tr


class Eta:
    """Linear estimate from the work done so far; None until something is done."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.started = clock()

    def remaining(self, done: int, total: int) -> float | None:
        if total <= 0 or done <= 0:
            return None
        elapsed = self.clock() - self.started
        return elapsed * (total - done) / done

    def elapsed(self) -> float:
        return self.clock() - self.started


def format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return tr(f"{seconds} 秒", f"{seconds} s")
    minutes, rest = divmod(seconds, 60)
    return tr(f"{minutes} 分 {rest:02d} 秒", f"{minutes} min {rest:02d} s")


def eta_text(done: int, total: int, remaining: float | None, elapsed: float) -> str:
    if remaining is None:
        return tr(f"経過 {format_seconds(elapsed)}", f"{format_seconds(elapsed)} elapsed")
    return tr(
        f"{done}/{total}・残り約 {format_seconds(remaining)}",
        f"{done}/{total} · about {format_seconds(remaining)} left",
    )
