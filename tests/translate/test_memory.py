"""Translation memory: exact reuse, fuzzy examples, encrypted storage, only clean entries."""

from desk_assistant.documents import load as load_document
from desk_assistant.documents import write_text_docx
from desk_assistant.security.vault import Vault
from desk_assistant.tasks.translate import (
    InMemoryStore,
    TranslationMemory,
    VaultStore,
    memory_name,
    translate_document,
)

from .conftest import make_engine, prompt_input, pseudo_english


def doc_with(tmp_path, paragraphs, name="in.docx"):
    path = tmp_path / name
    write_text_docx(path, paragraphs)
    return load_document(path)


def test_exact_match_is_reused_without_the_model(tmp_path):
    memory = TranslationMemory.in_memory({"手数料は300円です。": "The fee is 300 yen."})
    engine = make_engine()
    doc = doc_with(tmp_path, ["手数料は300円です。", "請求書を提出する。"])
    result = translate_document(engine, "few_shot", doc, target_lang="en", memory=memory)
    [fee, other] = result.segments
    assert fee.origin == "memory" and fee.translation == "The fee is 300 yen."
    assert fee.memory_score == 100 and other.origin == "model"
    assert [prompt_input(p) for p in engine.prompts] == ["請求書を提出する。"]


def test_fuzzy_match_goes_into_the_prompt_as_the_closest_example(tmp_path):
    memory = TranslationMemory.in_memory(
        {"開示請求の手数料は300円です。": "The fee for a disclosure request is 300 yen."}
    )
    engine = make_engine()
    doc = doc_with(tmp_path, ["開示請求の手数料は400円です。"])
    [segment] = translate_document(
        engine, "few_shot", doc, target_lang="en", memory=memory
    ).segments
    assert segment.origin == "model" and 85 <= segment.memory_score < 100
    prompt = engine.prompts[0]
    example = (
        "開示請求の手数料は300円です。\n### English\nThe fee for a disclosure request is 300 yen."
    )
    # After the shared examples, right before the segment.
    assert example in prompt and prompt.index(example) > prompt.index("以上")


def test_unrelated_text_gets_no_fuzzy_match():
    memory = TranslationMemory.in_memory({"開示請求の手数料は300円です。": "x"})
    assert memory.lookup("本日は晴天なり。") is None


def test_clean_translations_are_remembered_and_bad_ones_are_not(tmp_path):
    store = InMemoryStore()
    memory = TranslationMemory(store)

    def reply(prompt):
        text = prompt_input(prompt)
        return "The cost is 1 billion yen." if "12億円" in text else pseudo_english(text)

    doc = doc_with(tmp_path, ["費用は12億円。", "請求書を提出する。"])
    translate_document(make_engine(reply), "few_shot", doc, target_lang="en", memory=memory)
    assert store.saves == 1  # saved once, at the end of the document
    assert list(store.data["entries"]) == ["請求書を提出する。"]


def test_vault_store_is_encrypted_and_survives_a_restart(tmp_path):
    vault = Vault(tmp_path / "vault", bytes(range(32)))
    name = memory_name("ja", "en")
    memory = TranslationMemory(VaultStore(vault, name))
    memory.add("保有個人情報開示請求書", "Request for Disclosure of Retained Personal Information")
    memory.save()
    [blob] = (tmp_path / "vault").glob("*.dav")
    raw = blob.read_bytes()
    assert "保有個人情報".encode() not in raw and b"Disclosure" not in raw
    again = TranslationMemory(VaultStore(Vault(tmp_path / "vault", bytes(range(32))), name))
    assert again.lookup("保有個人情報開示請求書").exact
