import struct

import pytest

from desk_assistant.errors import ModelNotFoundError, NotGGUFError
from desk_assistant.llm import gguf


def _write_gguf(path, kvs):
    """A minimal GGUF v3 header with string/uint32 values."""
    out = bytearray(b"GGUF") + struct.pack("<IQQ", 3, 0, len(kvs))
    for key, value in kvs:
        kb = key.encode()
        out += struct.pack("<Q", len(kb)) + kb
        if isinstance(value, str):
            vb = value.encode()
            out += struct.pack("<IQ", 8, len(vb)) + vb
        elif isinstance(value, list):  # array of strings, may be long
            out += struct.pack("<IIQ", 9, 8, len(value))
            for item in value:
                ib = item.encode()
                out += struct.pack("<Q", len(ib)) + ib
        else:
            out += struct.pack("<II", 4, value)
    path.write_bytes(bytes(out))


def test_reads_demo_model_metadata(demo_gguf):
    meta = gguf.read_metadata(demo_gguf)
    assert meta["general.architecture"] == "gemma3"
    assert meta["gemma3.context_length"] == 32768
    assert meta["tokenizer.ggml.bos_token_id"] == 2
    # the 262k-entry vocabulary is skipped, not decoded
    assert meta["tokenizer.ggml.tokens"] == "<array of 262144>"
    assert "tokenizer.chat_template" not in meta  # base model: few-shot only


def test_crafted_header_with_chat_template_and_long_array(tmp_path):
    path = tmp_path / "m.gguf"
    _write_gguf(
        path,
        [
            ("general.architecture", "llama"),
            ("tokenizer.ggml.tokens", [f"t{i}" for i in range(1000)]),
            ("tokenizer.chat_template", "{{ messages }}"),
            ("llama.context_length", 8192),
        ],
    )
    meta = gguf.read_metadata(path)
    assert meta["tokenizer.chat_template"] == "{{ messages }}"
    assert meta["llama.context_length"] == 8192
    assert meta["tokenizer.ggml.tokens"] == "<array of 1000>"


@pytest.mark.parametrize(
    "content",
    [b"", b"PK\x03\x04 a zip, not a model", b"GGUF\x03\x00\x00\x00\x00"],
    ids=["empty", "zip", "truncated"],
)
def test_not_gguf(tmp_path, content):
    path = tmp_path / "bad.gguf"
    path.write_bytes(content)
    with pytest.raises(NotGGUFError) as info:
        gguf.read_metadata(path)
    assert "GGUF" in info.value.message("ja") and "GGUF" in info.value.message("en")
    assert gguf.is_gguf(path) is (content.startswith(b"GGUF"))


def test_missing_file(tmp_path):
    with pytest.raises(ModelNotFoundError):
        gguf.read_metadata(tmp_path / "none.gguf")
