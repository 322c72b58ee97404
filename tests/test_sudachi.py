"""The one Sudachi access point: proofreading, the library index and the name check
share its tokenizer and its byte-limited pieces."""

from __future__ import annotations

import pytest

from desk_assistant import sudachi
from desk_assistant.retrieval import analysis
from desk_assistant.tasks.proofread import tokens
from desk_assistant.tasks.translate import added, bodywords, collapse, names


def _check_cover(text: str, pieces: list[tuple[int, str]], limit: int) -> None:
    assert "".join(p for _, p in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece.encode("utf-8")) <= limit


def test_pieces_stay_under_the_limit_and_cut_after_the_preferred_mark():
    text = ("第一条　この法律は、国民の健康の保持に寄与することを目的とする。" * 800) + "終わり"
    pieces = sudachi.byte_pieces(text, 16_000, ("。\n", "、"))
    _check_cover(text, pieces, 16_000)
    assert len(pieces) > 4
    assert all(p.endswith("。") for _, p in pieces[:-1])
    commas = sudachi.byte_pieces(text, 16_000, ("、",))
    _check_cover(text, commas, 16_000)
    assert all(p.endswith("、") for _, p in commas[:-1])


def test_text_without_a_cut_mark_is_cut_hard_at_the_limit():
    text = "あ" * 20_000  # 60,000 bytes
    pieces = sudachi.byte_pieces(text, 48_000)
    _check_cover(text, pieces, 48_000)
    assert [len(p) for _, p in pieces] == [16_000, 4_000]
    assert sudachi.byte_pieces("短い文。", 48_000) == [(0, "短い文。")]
    with pytest.raises(ValueError):
        sudachi.byte_pieces(text, sudachi.MAX_BYTES + 1)


def test_every_caller_reads_japanese_through_the_one_module():
    assert tokens.MAX_BYTES == sudachi.MAX_BYTES == 49_149
    assert tokens.byte_pieces is sudachi.byte_pieces
    assert analysis.byte_pieces is sudachi.byte_pieces
    # The translation checks take theirs through tokenizers_or_none (this thread's own).
    for module in (names, added, bodywords, collapse):
        assert module.tokenizers_or_none is sudachi.tokenizers_or_none
    for module in (tokens, analysis, names, added, bodywords, collapse):
        assert "sudachipy" not in open(module.__file__, encoding="utf-8").read()


def test_text_over_the_limit_tokenizes_with_offsets_into_the_whole_text():
    text = "本日は晴天なり、" * 3_000  # 72,000 bytes: more than one call
    assert len(text.encode("utf-8")) > sudachi.MAX_BYTES
    found = tokens.tokenize(text)
    assert found[-1].end == len(text)
    assert all(text[t.start : t.end] == t.surface for t in found)
    terms = analysis.terms(text)
    assert [text[t.start : t.end] for t in terms[:2]] == ["本日", "晴天"]
    assert len(terms) == 2 * 3_000  # every repeat indexed, none lost at a cut
    assert names.proper_names("山田太郎は東京都に住む。")


def test_checks_get_their_own_threads_tokenizers_or_none_without_sudachi(monkeypatch):
    # A tokenizer cached across threads would be shared by two translations at once.
    import threading

    from desk_assistant import sudachi

    here = sudachi.tokenizers_or_none("C", "A")
    assert here is not None and len(here) == 3
    assert sudachi.tokenizers_or_none("C", "A")[0] is here[0]
    there = []
    worker = threading.Thread(target=lambda: there.append(sudachi.tokenizers_or_none("C")))
    worker.start()
    worker.join()
    assert there[0][0] is not here[0]

    def missing(mode="C", fields=None):
        raise sudachi.TokenizerUnavailableError(detail="no dictionary")

    monkeypatch.setattr(sudachi, "tokenizer", missing)
    assert sudachi.tokenizers_or_none("A") is None


def test_readings_lists_every_reading_of_a_word_and_none_without_sudachi(monkeypatch):
    from desk_assistant import sudachi

    # 柚木 (the Diet member Yunoki) is read ユズキ first: the name check needs both.
    assert {"ユズキ", "ユノキ"} <= set(sudachi.readings("柚木", proper_only=True))
    assert "モリ" in sudachi.readings("盛")  # kanji by kanji: 盛山大臣 is Moriyama
    assert sudachi.readings("盛山", proper_only=True) == ["サカリヤマ"]  # only the place

    def missing(mode="C", fields=None):
        raise sudachi.TokenizerUnavailableError(detail="no dictionary")

    monkeypatch.setattr(sudachi, "tokenizer", missing)
    assert sudachi.readings("柚木") == []


def test_morphemes_reads_long_text_in_pieces_and_nothing_without_sudachi(monkeypatch):
    text = "本日は晴天なり、" * 3_000  # over SudachiPy's limit for one call
    words = sudachi.morphemes(text)
    assert "".join(m.surface() for m in words) == text
    assert [m.surface() for m in sudachi.morphemes("保有者", "A")] == ["保有", "者"]

    def missing(mode="C", fields=None):
        raise sudachi.TokenizerUnavailableError(detail="no dictionary")

    monkeypatch.setattr(sudachi, "tokenizer", missing)
    assert sudachi.morphemes("本日は晴天なり") == []
