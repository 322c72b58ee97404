"""tasks/sentences.py: the one sentence splitter (translate and summarize use it)."""

import pytest

from desk_assistant.tasks.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("会議を開く。議事を進める。", ["会議を開く。", "議事を進める。"]),
        # The unit translate used to send: cut inside the brackets and the quote.
        (
            "申請できる（ただし、期限内に限る。）。「以上です。」と述べた。次に進む。",
            ["申請できる（ただし、期限内に限る。）。", "「以上です。」と述べた。", "次に進む。"],
        ),
        ("本当ですか？！ はい。", ["本当ですか？！", "はい。"]),
        (
            "The rule applies (see Art. 3.). It ends here. Next",
            ["The rule applies (see Art. 3.).", "It ends here.", "Next"],
        ),
        ("Version 1.5 is out.", ["Version 1.5 is out."]),
        # A stray bracket does not glue the rest together.
        ("注（未完。本文は続く。次の文。", ["注（未完。", "本文は続く。", "次の文。"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split(text, sentences):
    assert split_sentences(text) == sentences


def test_spans_point_into_the_text():
    text = "一つ目。 二つ目。"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["一つ目。", "二つ目。"]


def test_translate_units_never_start_inside_a_bracket_or_quote():
    from desk_assistant.tasks.translate.pipeline import split_sentences as translate_units

    text = "申請できる（ただし、期限内に限る。）。「以上です。」と述べた。" * 4
    units = translate_units(text, max_chars=40)
    assert len(units) > 1 and "".join(units) == text
    assert not any(u.startswith(("）", "」")) for u in units)


def test_summary_chunks_use_the_same_splitter():
    from desk_assistant.tasks.summarize.chunking import split_sentences as summary_sentences

    text = "申請できる（ただし、期限内に限る。）。「以上です。」と述べた。"
    assert summary_sentences(text) == split_sentences(text)
