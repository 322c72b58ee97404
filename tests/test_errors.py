import inspect

import pytest

from desk_assistant import errors, i18n


def _concrete_errors():
    return [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.DeskError)
    ]


@pytest.mark.parametrize("cls", _concrete_errors(), ids=lambda c: c.__name__)
def test_every_error_has_both_languages_and_formats(cls):
    fields = {name for text in (cls.ja, cls.en) for name in _placeholders(text)}
    err = cls(**{name: f"<{name}>" for name in fields})
    ja, en = err.message("ja"), err.message("en")
    assert ja and en and ja != en
    for name in fields:
        assert f"<{name}>" in ja and f"<{name}>" in en
    assert err.exit_code in (
        errors.EXIT_OK,
        errors.EXIT_USAGE,
        errors.EXIT_INPUT,
        errors.EXIT_ENGINE,
    )


def _placeholders(text):
    import string

    return [f for _, f, _, _ in string.Formatter().parse(text) if f]


def test_message_follows_ui_language():
    err = errors.ModelNotFoundError(path="/m.gguf")
    i18n.set_language("en")
    try:
        assert str(err) == "Model file not found: /m.gguf"
    finally:
        i18n.set_language("ja")
    assert str(err) == "モデルファイルが見つかりません: /m.gguf"


def test_detail_is_appended_only_when_verbose(monkeypatch):
    # Issue 23: a library's own words ("bad tensor", "Bad CRC-32 …") are not part of the
    # user's message; `--verbose` (errors.show_detail) adds them.
    err = errors.ModelLoadError("bad tensor", path="x")
    assert err.message("en") == "Could not load the model: x"
    monkeypatch.setattr(errors, "show_detail", True)
    assert err.message("en").endswith("(bad tensor)")


def test_facts_in_both_languages_follow_the_message_language():
    err = errors.NotPdfError(path="a.pdf", kind=errors.Words("PNG 画像", "a PNG image"))
    assert "PNG 画像" in err.message("ja") and "a PNG image" in err.message("en")
    assert "画像" not in err.message("en")
