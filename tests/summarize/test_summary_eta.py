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
