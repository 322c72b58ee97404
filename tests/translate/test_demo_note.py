"""The demo-model note travels inside the translated file (docx and 対訳 table), not only on
screen: the file is read later, by someone who never saw the program's report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from desk_assistant import cli
from desk_assistant.documents import write_text_docx
from desk_assistant.llm import runtime
from desk_assistant.llm.catalog import ModelInfo
from desk_assistant.llm.engine import ModelRuntimeInfo
from desk_assistant.llm.runtime import OpenModel
from desk_assistant.tasks.translate.result import DEMO_NOTE

from .conftest import make_engine


@dataclass
class DemoInfo(ModelInfo):
    demo: bool = True  # the catalog says so for the embedded Gemma model


def model(monkeypatch, demo: bool):
    kind = DemoInfo if demo else ModelInfo
    info = kind(
        id="fake-translator",
        path=Path("fake.gguf"),
        name="Fake",
        roles=("translate",),
        prompt_format="few_shot",
        size=0,
    )

    def open_model(info, settings, engine=None, progress=None, policy=None):
        return OpenModel(
            info, make_engine(), ModelRuntimeInfo(path="fake.gguf", n_ctx=4096), "0" * 64
        )

    monkeypatch.setattr(runtime, "resolve_model", lambda model, role, settings: info)
    monkeypatch.setattr(runtime, "open_model", open_model)


def texts(path: Path) -> list[str]:
    document = DocxDocument(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


@pytest.mark.parametrize("bilingual", [False, True])
def test_the_demo_note_is_inside_the_saved_file(monkeypatch, tmp_path, capsys, bilingual):
    model(monkeypatch, demo=True)
    source = tmp_path / "a.docx"
    write_text_docx(source, ["申請書を提出する。", "手数料は三百円です。"])
    out = tmp_path / "out.docx"
    argv = ["translate", str(source), "--to", "en", "-o", str(out)]
    cli.main(argv + (["--bilingual"] if bilingual else []))
    capsys.readouterr()
    found = texts(out)
    assert any(DEMO_NOTE in t for t in found)
    assert sum(DEMO_NOTE in t for t in found) == 1


def test_no_note_for_a_real_model(monkeypatch, tmp_path, capsys):
    model(monkeypatch, demo=False)
    source = tmp_path / "a.docx"
    write_text_docx(source, ["申請書を提出する。"])
    out = tmp_path / "out.docx"
    cli.main(["translate", str(source), "--to", "en", "-o", str(out)])
    capsys.readouterr()
    assert out.exists() and not any(DEMO_NOTE in t for t in texts(out))
