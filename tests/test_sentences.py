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


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # stray brackets are plain characters; the pairs around them still count
        ("例）（以下「基本計画」という。） 「決める。」と発言した。", None),
        (
            "「基本方針」（（平成30年決定。）に記載された原則に沿う。次。",
            ["「基本方針」（（平成30年決定。）に記載された原則に沿う。", "次。"],
        ),
        # a quoted sentence is part of the sentence that quotes it
        ("「方言と共通語は使い分ければよい。」と考える人が多い。", None),
        ("必要に応じて「？」「！」を用いる。", None),
        # numbered items and leaders are not sentence ends; a URL's ? is not either
        ("2. Other than as provided for in this Law, nothing applies.", None),
        ("1.1 背景と目的  ............ 4", None),
        ("see https://x.go.jp/doc?lawid=325 for details.", None),
        ("It costs 5. Then it ends.", ["It costs 5.", "Then it ends."]),
    ],
)
def test_brackets_quotes_numbers(text, sentences):
    assert split_sentences(text) == (sentences or [text])


def test_proofread_sentences_are_the_shared_ones_per_line_without_gaps():
    from desk_assistant.tasks.proofread.segment import split_sentences as proofread_sentences

    text = "　第一文です。 「引用です。」と述べた。\n\n二行目（注。）の文。"
    found = proofread_sentences(text)
    lines = text.split("\n")
    assert [s.paragraph for s in found] == [0, 0, 2]
    shared = [*split_sentences(lines[0]), *split_sentences(lines[2])]
    assert [s.text.strip() for s in found] == [x.strip() for x in shared]
    assert all(text[s.start : s.end] == s.text for s in found)
    assert found[0].end == found[1].start  # the space between belongs to the next one
