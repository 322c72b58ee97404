"""Glossary: import CSV/TSV/TMX, only the terms of a segment in its prompt, targets checked."""

import pytest

from desk_assistant.documents import load
from desk_assistant.errors import GlossaryFileError
from desk_assistant.tasks.translate import (
    Glossary,
    GlossaryEntry,
    load_glossary,
    translate_document,
)

from .conftest import make_engine, prompt_input, pseudo_english

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ja" datatype="plaintext" segtype="phrase"
  adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="none"/>
<body>
  <tu><tuv xml:lang="ja"><seg>保有個人情報</seg></tuv>
      <tuv xml:lang="en-US"><seg>retained personal information</seg></tuv>
      <note>個人情報保護法の用語</note></tu>
  <tu><tuv xml:lang="ja"><seg>開示請求</seg></tuv>
      <tuv xml:lang="en"><seg>request for disclosure</seg></tuv></tu>
  <tu><tuv xml:lang="ja"><seg>片言語だけ</seg></tuv></tu>
</body></tmx>
"""


def test_csv_with_header_and_bom(tmp_path):
    path = tmp_path / "用語集.csv"
    path.write_text(
        "原語,訳語,備考\n保有個人情報,retained personal information,法律用語\n"
        '"開示請求","request for disclosure",\n,空の行,\n',
        encoding="utf-8-sig",
    )
    glossary = load_glossary(path)
    assert [(e.source, e.target, e.note) for e in glossary.entries] == [
        ("保有個人情報", "retained personal information", "法律用語"),
        ("開示請求", "request for disclosure", ""),
    ]


def test_cp932_csv_from_japanese_excel(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_bytes("手数料,fee\n収入印紙,revenue stamp\n".encode("cp932"))
    assert [e.target for e in load_glossary(path).entries] == ["fee", "revenue stamp"]


def test_tsv(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("本人確認書類\tidentity document\tnote, with comma\n", encoding="utf-8")
    [entry] = load_glossary(path).entries
    assert entry == GlossaryEntry("本人確認書類", "identity document", "note, with comma")


def test_tmx(tmp_path):
    path = tmp_path / "terms.tmx"
    path.write_text(TMX, encoding="utf-8")
    glossary = load_glossary(path, "ja", "en")
    assert [(e.source, e.target) for e in glossary.entries] == [
        ("保有個人情報", "retained personal information"),
        ("開示請求", "request for disclosure"),
    ]
    assert glossary.entries[0].note == "個人情報保護法の用語"


@pytest.mark.parametrize(
    "name,content",
    [("missing.csv", None), ("empty.csv", b""), ("broken.tmx", b"<tmx><body><tu>")],
)
def test_bad_glossary_files_say_what_is_wrong(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(GlossaryFileError) as err:
        load_glossary(path)
    assert str(path) in err.value.message("ja") and str(path) in err.value.message("en")


def test_hits_are_the_terms_in_the_segment_longest_first():
    glossary = Glossary(
        [
            GlossaryEntry("個人情報", "personal information"),
            GlossaryEntry("保有個人情報", "retained personal information"),
            GlossaryEntry("手数料", "fee"),
            GlossaryEntry("ＡＰＩ", "API"),
        ]
    )
    hits = glossary.hits("保有個人情報の開示にはapiを使い、個人情報を守る。")
    assert [e.source for e in hits] == ["保有個人情報", "ＡＰＩ", "個人情報"]
    assert glossary.hits("関係のない文") == []


def test_ja_en_glossary_serves_an_en_ja_job_reversed():
    glossary = Glossary([GlossaryEntry("手数料", "fee"), GlossaryEntry("請求書", "request form")])
    reverse = glossary.for_direction("en", "ja")
    assert [(e.source, e.target) for e in reverse.entries] == [
        ("fee", "手数料"),
        ("request form", "請求書"),
    ]
    assert glossary.for_direction("ja", "en") is glossary


def test_only_the_segments_terms_go_into_its_prompt_and_targets_are_checked(corpus_copy):
    doc = load(corpus_copy("docx12_moj_form_hoyu_kojinjoho_kaiji_seikyusho.docx"))
    glossary = Glossary(
        [
            GlossaryEntry("手数料", "handling fee"),
            GlossaryEntry("収入印紙", "revenue stamp"),
            GlossaryEntry("人工衛星", "satellite"),  # not in the document
        ]
    )

    def reply(prompt):
        text = prompt_input(prompt)
        out = pseudo_english(text)
        return out + " handling fee" if "手数料" in text else out  # 収入印紙 never honoured

    engine = make_engine(reply)
    result = translate_document(engine, "few_shot", doc, target_lang="en", glossary=glossary)
    shared = engine.prompts[0][: engine.prompts[0].rfind("### Japanese")]
    for prompt in engine.prompts:
        text = prompt_input(prompt)
        block = prompt[len(shared) :]
        assert ("手数料 = handling fee" in block) == ("手数料" in text)
        assert ("収入印紙 = revenue stamp" in block) == ("収入印紙" in text)
        assert "人工衛星" not in prompt
    stamp = [f for s in result.segments for f in s.findings if f.check == "glossary"]
    assert stamp and all(f.expected == "revenue stamp" for f in stamp)
    fee_segments = [s for s in result.segments if "手数料" in s.source]
    assert fee_segments and not any(
        f.check == "glossary" and f.expected == "handling fee"
        for s in fee_segments
        for f in s.findings
    )


def test_the_sample_glossary_loads(tmp_path):
    from desk_assistant import paths

    glossary = load_glossary(paths.resources_dir() / "glossaries" / "sample_gyosei_ja_en.csv")
    assert len(glossary) >= 10
    assert [e.target for e in glossary.hits("保有個人情報の開示請求書")] == [
        "retained personal information",
        "request for disclosure form",
    ]
