import pytest

from desk_assistant.kanji_numbers import kanji_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三", 3),
        ("十二", 12),
        ("二十四", 24),
        ("百三十四", 134),
        ("二千二十六", 2026),
        ("二〇二六", 2026),
        ("一二", 12),
        ("三億五千万", 350_000_000),
        ("十万", 100_000),
    ],
)
def test_numbers(text, value):
    assert kanji_to_int(text) == value


@pytest.mark.parametrize("text", ["", "万", "億", "一般", "元", "3"])
def test_not_numbers(text):
    assert kanji_to_int(text) is None
