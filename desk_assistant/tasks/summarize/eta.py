"""How long a summary job has left, from the timing of its model calls so far.

A summary is a few model calls (one pass, or map chunks + collapses + the reduce),
each a prompt read then text generated. The window's done/total arithmetic knows
nothing inside a call, so a one-pass summary showed only elapsed time. Here the
running call is timed as it streams:
- the final call (the summary itself) is expected to write about what the style
  asks for (expected_chars: 3 bullets ≈ 150 characters), so its time left is the
  characters still expected at the rate seen so far. Its output budget in tokens
  is the ceiling, used once the answer is longer than expected (a looping model runs
  to it); with the budget alone the demo model's estimate stayed at "2 分 40 秒"
  until the answer ended (a model stops when the bullets are written);
- a map or collapse call: the tokens left in its budget at the rate seen, until a
  call has finished; then the mean finished call;
- before a call's first piece: the mean of the finished calls (unknown on the first);
- calls still to come: the mean finished call, else this call's projected length.
No Qt; the pipeline reports through `on_estimate(seconds)` at most twice a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable

MIN_PIECES = 3  # fewer pieces give no rate worth showing
REPORT_EVERY = 0.5  # seconds between reports while a call streams
JA_CHARS_PER_BULLET, EN_CHARS_PER_BULLET = 50, 110
EN_CHARS_PER_WORD = 6


def expected_chars(length_unit: str, length: int | None, language: str) -> int | None:
    """About how many characters a summary of this target is (None: no target)."""
    if not length:
        return None
    if length_unit == "bullets":
        return length * (EN_CHARS_PER_BULLET if language == "en" else JA_CHARS_PER_BULLET)
    if length_unit == "words":
        return length * EN_CHARS_PER_WORD
    return length


class SummaryEta:
    def __init__(
        self, on_estimate: Callable[[float], None] | None = None, clock=time.monotonic
    ) -> None:
        self.on_estimate = on_estimate
        self.clock = clock
        self.finished: list[float] = []  # seconds each finished call took
        self.call_started = 0.0
        self.first_piece: float | None = None
        self.pieces = 0
        self.chars = 0
        self.max_tokens = 0
        self.expected: int | None = None  # characters the running call should write
        self.last_report = float("-inf")

    def start_call(self, max_tokens: int, expected_chars: int | None = None) -> None:
        self.call_started = self.clock()
        self.first_piece = None
        self.pieces = self.chars = 0
        self.max_tokens = max_tokens
        self.expected = expected_chars

    def piece(self, calls_after: int, text: str = "") -> None:
        now = self.clock()
        self.pieces += 1
        self.chars += len(text)
        if self.first_piece is None:
            self.first_piece = now
        if now - self.last_report >= REPORT_EVERY:
            self.report(calls_after)

    def end_call(self, calls_after: int) -> None:
        self.finished.append(self.clock() - self.call_started)
        self.first_piece = None
        self.pieces = self.chars = 0
        self.report(calls_after)

    def current_left(self) -> float | None:
        """Seconds the running call still needs, or None when there is no basis yet."""
        now = self.clock()
        streaming = self.first_piece is not None and self.pieces >= MIN_PIECES
        if streaming and now > self.first_piece:
            seconds = now - self.first_piece
            # The ceiling: every token of the budget at the rate seen.
            ceiling = max(0, self.max_tokens - self.pieces) * seconds / (self.pieces - 1)
            if self.expected and self.chars < self.expected:
                left = (self.expected - self.chars) * seconds / max(1, self.chars)
                return min(left, ceiling)
            if self.expected or not self.finished:
                # Longer than the style asks (a model repeating itself runs to its budget).
                return ceiling
        if self.finished:
            return max(0.0, self.mean() - (now - self.call_started))
        return None

    def mean(self) -> float:
        return sum(self.finished) / len(self.finished)

    def remaining(self, calls_after: int, in_call: bool = True) -> float | None:
        """Seconds left: the running call (if any) plus `calls_after` calls after it."""
        left = self.current_left() if in_call else 0.0
        if left is None:
            return None
        if self.finished:
            per_call = self.mean()
        elif in_call:
            per_call = self.clock() - self.call_started + left
        else:
            return None
        return left + max(0, calls_after) * per_call

    def report(self, calls_after: int) -> None:
        in_call = self.pieces > 0 or self.first_piece is not None
        seconds = self.remaining(calls_after, in_call)
        if seconds is not None and self.on_estimate is not None:
            self.last_report = self.clock()
            self.on_estimate(seconds)
