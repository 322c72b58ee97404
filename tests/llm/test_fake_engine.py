import pytest

from desk_assistant.errors import Cancelled, EngineCrashedError, EngineNotLoadedError
from desk_assistant.llm.engine import CancelToken, GenerationParams, LoadOptions, generate
from desk_assistant.llm.fake import FakeEngine


def loaded(engine):
    engine.load("fake.gguf", LoadOptions(n_ctx=512))
    return engine


def test_scripted_replies_in_order_and_prompts_recorded():
    engine = loaded(FakeEngine(["first answer", lambda p: f"echo:{p}"]))
    assert generate(engine, "a") == "first answer"
    assert generate(engine, "b") == "echo:b"
    assert generate(engine, "c") == ""  # script exhausted
    assert engine.prompts == ["a", "b", "c"]


def test_stop_strings_cut_the_reply_like_llama_cpp():
    engine = loaded(FakeEngine("answer\n### next"))
    assert generate(engine, "x", GenerationParams(stop=("\n###",))) == "answer"


def test_cancel_between_pieces():
    engine = loaded(FakeEngine("abcdefghij", piece_chars=1))
    token = CancelToken()
    got = []
    with pytest.raises(Cancelled):
        for piece in engine.stream("x", cancel=token):
            got.append(piece)
            if len(got) == 3:
                token.cancel()
    assert "".join(got) == "abc"


def test_crash_and_not_loaded():
    engine = loaded(FakeEngine("abcdef", piece_chars=1, crash_after=2))
    with pytest.raises(EngineCrashedError):
        list(engine.stream("x"))
    engine.unload()
    with pytest.raises(EngineNotLoadedError):
        list(engine.stream("x"))
    assert loaded(FakeEngine()).count_tokens("四文字だ") == 4
