"""The summary's remaining time comes from the pipeline's timing of its model calls:
inside a one-pass call (from its generation rate and output budget) and across the
calls of a map-reduce (from the mean finished call)."""

from desk_assistant.llm.engine import LoadOptions
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.tasks.summarize import find_style, summarize_document, text_document
from desk_assistant.tasks.summarize.eta import SummaryEta


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_one_call_is_timed_from_its_generation_rate():
    clock, said = Clock(), []
    eta = SummaryEta(said.append, clock=clock)
    eta.start_call(max_tokens=100)
    clock.now = 2.0  # the prompt is read: nothing to go on yet
    assert eta.remaining(0) is None
    for _ in range(11):  # 11 pieces, 0.1 s apart
        eta.piece(calls_after=0)
        clock.now += 0.1
    clock.now -= 0.1
    # 10 intervals in 1.0 s: 10 tokens/s; 89 tokens of the budget left.
    assert abs(eta.remaining(0) - 8.9) < 1e-6
    # Reported while it streams, at most twice a second, counting down.
    assert 1 <= len(said) <= 3 and said == sorted(said, reverse=True) and said[-1] < 10
    assert abs(eta.remaining(2) - (8.9 + 2 * (3.0 + 8.9))) < 1e-6  # two more such calls
    clock.now = 5.0
    eta.end_call(calls_after=2)
    assert said[-1] == 2 * 5.0  # two calls of the one finished call's length


def test_the_summary_call_is_projected_to_the_styles_length_not_its_token_budget():
    """The demo model's 3 bullets end long before the 242-token budget: the estimate
    follows the characters the style asks for (3 × 50) at the rate seen."""
    from desk_assistant.tasks.summarize.eta import expected_chars

    assert expected_chars("bullets", 3, "ja") == 150
    assert expected_chars("chars", 400, "ja") == 400
    assert expected_chars("bullets", None, "ja") is None
    clock = Clock()
    eta = SummaryEta(clock=clock)
    eta.start_call(max_tokens=242, expected_chars=150)
    clock.now = 30.0  # the prompt read
    for _ in range(50):  # 50 pieces of 1 character, 0.2 s apart: 5 characters/s
        eta.piece(calls_after=0, text="会")
        clock.now += 0.2
    # 100 characters to go at 50 characters per 10 s: 20 s (the budget said 38 s).
    assert abs(eta.remaining(0) - 20.0) < 0.5
    for _ in range(110):  # past the expected length: the budget is the ceiling left
        eta.piece(calls_after=0, text="会")
        clock.now += 0.2
    # 160 pieces, 32 s since the first; 82 tokens of the budget left.
    assert abs(eta.remaining(0) - 82 * 32.0 / 159) < 0.01


def test_a_retry_shows_as_a_second_call(monkeypatch):
    """A rejected first answer is asked again: progress says 1/2 while it is written."""

    replies = iter(["・同じ。\n・同じ。\n・同じ。", "・委員会は予算案を審議する。"])
    engine = FakeEngine(lambda prompt: next(replies))
    engine.load("fake.gguf", LoadOptions(n_ctx=4096))
    progress = []
    result = summarize_document(
        engine,
        "few_shot",
        text_document("委員会は予算案を審議する。"),
        find_style("3lines"),
        n_ctx=4096,
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert result.retried and progress == [(0, 1), (1, 1), (1, 2), (2, 2)]


def test_before_its_first_piece_a_call_takes_the_mean_of_the_finished_ones():
    clock = Clock()
    eta = SummaryEta(clock=clock)
    for _ in range(2):
        eta.start_call(64)
        clock.now += 4.0
        eta.end_call(calls_after=3)
    eta.start_call(64)
    clock.now += 1.0
    assert eta.remaining(calls_after=1) == 3.0 + 4.0


def test_the_pipeline_reports_estimates_that_end_at_zero():
    text = "\n".join(
        f"第{n}条 委員会は第{n}回の会議で予算案{n}件を審議する。" * 3 for n in range(60)
    )
    engine = FakeEngine(lambda prompt: "・委員会は会議で予算案を審議する。", piece_chars=2)
    engine.load("fake.gguf", LoadOptions(n_ctx=1024))
    said, progress = [], []
    result = summarize_document(
        engine,
        "few_shot",
        text_document(text),
        find_style("3lines"),
        n_ctx=1024,
        on_estimate=said.append,
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert result.mode == "map_reduce" and result.model_calls > 2
    assert len(said) >= result.model_calls  # at least once per finished call
    assert all(s >= 0 for s in said) and said[-1] == 0
