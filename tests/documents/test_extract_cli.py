"""`desk-assistant extract`, the simple .docx writers, and the layer's import rules."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import docx
import pytest
from doc_helpers import needs_corpus

from desk_assistant import cli, documents
from desk_assistant.errors import EXIT_INPUT, EXIT_OK, OutputExistsError

DOCX08 = "docx08_cio_dp2020_01_ai_data_use.docx"


@needs_corpus
def test_extract_json_lists_blocks_with_locations(corpus, capsys):
    path = corpus(DOCX08)
    assert cli.main(["extract", str(path), "--format", "json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == []
    (document,) = data["documents"]
    assert document["format"] == "docx" and document["path"] == str(path)
    by_location = {b["location"]: b for b in document["blocks"]}
    assert (
        by_location["header/sec1/default/p1"]["text"] == "政府CIO補佐官等ディスカッションペーパー"
    )
    assert by_location["header/sec1/default/p1"]["kind"] == "header"
    assert by_location["body/p84"]["segments"][0]["tagged"].startswith("<g1>")
    assert {b["kind"] for b in document["blocks"]} >= {"body", "table_cell", "footnote", "textbox"}


@needs_corpus
def test_extract_text_and_a_batch_with_one_bad_file(corpus, capsys):
    good = corpus("pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf")
    bad = corpus("bad02_moj_gyosei_bunsho_kaiji_seikyusho_legacy.doc")
    code = cli.main(["--lang", "en", "extract", str(good.parent), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == EXIT_INPUT
    assert [d["path"] for d in data["documents"]] == [str(good)]
    assert data["errors"][0]["path"] == str(bad)
    assert "Not a Word document" in data["errors"][0]["error"]
    assert cli.main(["extract", str(good)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "[pdf/page1/p1] 法制審議会議事規則" in out


@needs_corpus
def test_extract_marks_ocr_blocks(corpus, capsys):
    path = corpus("pdf05_BAD_scanned_ocr_gendai_kanazukai_1986.pdf")
    assert cli.main(["--lang", "en", "extract", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "note: Text comes from OCR" in out
    assert "[pdf/page1/p1] [OCR]" in out


def test_write_text_docx(tmp_path):
    out = tmp_path / "summary.docx"
    documents.write_text_docx(out, ["一つ目の段落。", "二つ目\n改行あり"], title="要約")
    d = docx.Document(str(out))
    assert [p.text for p in d.paragraphs] == ["要約", "一つ目の段落。", "二つ目\n改行あり"]
    with pytest.raises(OutputExistsError):
        documents.write_text_docx(out, ["x"])
    documents.write_text_docx(out, ["bad \x00 char removed"], overwrite=True)
    assert docx.Document(str(out)).paragraphs[0].text == "bad  char removed"


def test_write_bilingual_docx(tmp_path):
    out = tmp_path / "taiyaku.docx"
    documents.write_bilingual_docx(out, [("原文です。", "This is the source.")], title="対訳")
    table = docx.Document(str(out)).tables[0]
    assert [c.text for c in table.rows[1].cells] == ["原文です。", "This is the source."]


def test_plain_text_files_load(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_bytes("第一段落です。\n続き。\n\n第二段落。\n".encode("cp932"))
    doc = documents.load(path)
    assert [b.text for b in doc.blocks] == ["第一段落です。\n続き。", "第二段落。"]
    out = tmp_path / "memo.docx"
    doc.save_as(out, {doc.blocks[1].location: "Second."})
    assert docx.Document(str(out)).paragraphs[1].text == "Second."


def test_documents_layer_imports_no_qt_and_no_llm():
    package = Path(documents.__file__).parent
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            else:
                continue
            for name in names:
                assert not name.startswith(("PySide6", "PyQt", "llama_cpp")), (source.name, name)
                assert "llm" not in name.split(".") and "gui" not in name.split("."), (
                    source.name,
                    name,
                )
