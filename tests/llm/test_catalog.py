import os
import shutil
import struct
from pathlib import Path

import pytest
from fake_winreg import FakeWinreg

from desk_assistant import paths
from desk_assistant.errors import NoModelError, UnknownModelError
from desk_assistant.llm import catalog
from desk_assistant.llm.catalog import (
    ModelInfo,
    choose_for_role,
    discover,
    find_model,
    load_catalog,
)


def _link(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _tiny_gguf(path: Path, template: str | None = None, arch: str = "llama") -> None:
    kvs = [("general.architecture", arch)] + (
        [("tokenizer.chat_template", template)] if template else []
    )
    out = bytearray(b"GGUF") + struct.pack("<IQQ", 3, 0, len(kvs))
    for key, value in kvs:
        out += struct.pack("<Q", len(key)) + key.encode()
        out += struct.pack("<IQ", 8, len(value.encode())) + value.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))


def test_catalog_entries_are_complete():
    entries = load_catalog()
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    for e in entries:
        assert e.prompt_format in catalog.FORMATS
        assert set(e.roles) <= set(catalog.ROLES)
        assert e.license and e.filenames
    demo = next(e for e in entries if e.demo)
    assert demo.sha256 == "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
    assert any(e.prompt_format == "plamo_translate" for e in entries)


def test_discovery_matches_catalog_and_describes_unknown_files(installed_demo, tmp_path):
    extra = tmp_path / "it-models"
    _tiny_gguf(extra / "my-instruct.gguf", template="{{ bos_token }}{{ messages[0]['content'] }}")
    _tiny_gguf(extra / "sub" / "plamo-2-translate-Q4_K_M.gguf", arch="plamo2")
    (extra / "broken.gguf").write_bytes(b"not a model")
    (extra / "notes.txt").write_text("ignored")

    models = {m.id: m for m in discover([extra])}
    demo = models["gemma-3-270m-demo"]
    assert demo.demo and demo.prompt_format == "few_shot" and demo.architecture == "gemma3"
    assert demo.path == installed_demo
    unknown = models["my-instruct"]
    assert (
        unknown.entry is None
        and unknown.prompt_format == "chat_template"
        and unknown.has_chat_template
    )
    plamo = models["plamo-2-translate"]  # matched by file-name pattern, one folder down
    assert plamo.prompt_format == "plamo_translate" and plamo.roles == ("translate",)
    assert models["broken"].problems  # listed with its problem, not hidden, not a crash
    assert "notes" not in models


def test_choose_for_role_prefers_translation_model_then_general_then_demo(installed_demo, tmp_path):
    extra = tmp_path / "m"
    _tiny_gguf(extra / "general-chat.gguf", template="x")
    models = discover([extra])
    assert choose_for_role("general", models).id == "general-chat"
    _tiny_gguf(extra / "plamo-2-translate.gguf", arch="plamo2")
    models = discover([extra])
    assert choose_for_role("translate", models).id == "plamo-2-translate"
    assert choose_for_role("general", models, preferred="gemma-3-270m-demo").demo


def test_choose_with_no_models_names_the_folder():
    with pytest.raises(NoModelError) as info:
        choose_for_role("general", [])
    assert str(paths.user_model_dir()) in info.value.message("ja")


def test_find_model_by_id_path_and_unknown(installed_demo):
    models = discover()
    assert find_model("gemma-3-270m-demo", models).path == installed_demo
    assert find_model(str(installed_demo), models).id == "gemma-3-270m-demo"
    with pytest.raises(UnknownModelError):
        find_model("no-such-model", models)


def test_model_info_demo_property():
    info = ModelInfo(
        id="x", path=Path("x.gguf"), name="x", roles=("general",), prompt_format="few_shot", size=1
    )
    assert not info.demo and info.expected_sha256 is None


def test_msi_model_dir_is_read_from_hklm():
    reg = FakeWinreg({("HKLM", r"SOFTWARE\DeskAssistant"): {"ModelDirectory": r"D:\Models"}})
    assert paths.installed_model_dir(reg) == Path(r"D:\Models")
    assert paths.installed_model_dir(FakeWinreg({})) is None
    empty = FakeWinreg({("HKLM", r"SOFTWARE\DeskAssistant"): {"ModelDirectory": " "}})
    assert paths.installed_model_dir(empty) is None


def test_installed_model_dir_joins_discovery(installed_demo, tmp_path, monkeypatch):
    from desk_assistant.llm.runtime import available_models
    from desk_assistant.settings import Settings

    it_folder = tmp_path / "ProgramData" / "Models"
    _tiny_gguf(it_folder / "general-chat.gguf", template="x")
    monkeypatch.setattr(paths, "installed_model_dir", lambda: it_folder)
    ids = {m.id for m in available_models(Settings())}
    assert ids == {"gemma-3-270m-demo", "general-chat"}
