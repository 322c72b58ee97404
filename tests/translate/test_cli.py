"""`desk-assistant translate` with a scripted engine: outputs, JSON, exit codes, audit, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk_assistant import cli
from desk_assistant.documents import write_text_docx
from desk_assistant.errors import EngineCrashedError
from desk_assistant.llm import runtime
from desk_assistant.llm.catalog import ModelInfo
from desk_assistant.llm.engine import ModelRuntimeInfo
from desk_assistant.llm.runtime import OpenModel
from desk_assistant.security.audit import default_audit_path

from .conftest import make_engine, prompt_input, pseudo_english


@pytest.fixture
def fake_model(monkeypatch):
    """The CLI's model, replaced by a scripted engine; `state["reply"]` decides the answers."""
    state: dict = {"reply": None, "engines": []}
    info = ModelInfo(
        id="fake-translator",
        path=Path("fake.gguf"),
        name="Fake",
        roles=("translate",),
        prompt_format="few_shot",
        size=0,
    )

    def open_model(info, settings, engine=None, progress=None, policy=None):
        engine = make_engine(state["reply"])
        state["engines"].append(engine)
        return OpenModel(info, engine, ModelRuntimeInfo(path="fake.gguf", n_ctx=4096), "0" * 64)

    monkeypatch.setattr(runtime, "resolve_model", lambda model, role, settings: info)
    monkeypatch.setattr(runtime, "open_model", open_model)
    return state


def run(argv, capsys):
    code = cli.main(["translate", *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def audit_records() -> list[dict]:
    path = default_audit_path()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_registered_in_cli():
    assert "translate" in cli.COMMAND_MODULES


def test_json_has_every_segment_and_the_file_is_written_and_audited(
    fake_model, corpus_copy, capsys
):
    source = corpus_copy("docx07_gif_499_faq_short.docx")
    before = source.read_bytes()
    code, out, _ = run([source, "--to", "en", "--format", "json"], capsys)
    [result] = json.loads(out)["results"]
    assert code == (1 if result["findings_count"] else 0)
    assert result["source_lang"] == "ja" and result["model"] == "fake-translator"
    first = result["segments"][0]
    assert {"location", "source", "translation", "findings", "origin"} <= set(first)
    assert first["location"] == "body/p1" and first["source"].startswith("政府相互運用性")
    out_path = Path(result["output"])
    assert out_path.name == "docx07_gif_499_faq_short.en.docx" and out_path.exists()
    assert source.read_bytes() == before
    started, record = [r for r in audit_records() if r["task"] == "translate"]
    assert started["outcome"] == "started" and started["job"] == record["job"]  # issue 14 F5
    assert record["model_id"] == "fake-translator" and record["output_path"] == str(out_path)
    assert record["outcome"] in ("ok", "findings")


def test_a_dropped_amount_exits_1_with_the_finding_shown(fake_model, tmp_path, capsys):
    source = tmp_path / "budget.docx"
    write_text_docx(source, ["事業費の総額は12億円とする。"])
    fake_model["reply"] = "The total cost is 1 billion yen."
    code, out, _ = run([source, "--to", "en", "-o", tmp_path / "budget-en.docx"], capsys)
    assert code == 1 and "12億円" in out and (tmp_path / "budget-en.docx").exists()
    fake_model["reply"] = "The total cost is 1.2 billion yen."
    code, out, _ = run([source, "--to", "en", "-o", tmp_path / "budget-en2.docx"], capsys)
    assert code == 0


def test_outputs_never_overwrite(fake_model, tmp_path, capsys):
    source = tmp_path / "a.docx"
    write_text_docx(source, ["申請書を提出する。"])
    for _ in range(2):
        assert run([source, "--to", "en", "--bilingual"], capsys)[0] == 0
    assert (tmp_path / "a.en.bilingual.docx").exists()
    assert (tmp_path / "a.en.bilingual (2).docx").exists()
    taken = tmp_path / "taken.docx"
    taken.write_bytes(b"mine")
    code, _, err = run([source, "--to", "en", "-o", taken], capsys)
    assert code == 3 and "既にあります" in err and taken.read_bytes() == b"mine"


def test_folder_input_and_output_folder(fake_model, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("one.docx", "two.docx"):
        write_text_docx(folder / name, ["申請書を提出する。"])
    code, out, _ = run([folder, "--to", "en", "-o", f"{tmp_path / 'out'}/"], capsys)
    assert code == 0 and "2 件中 2 件成功" in out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["one.en.docx", "two.en.docx"]


@pytest.mark.parametrize(
    "argv,code,words",
    [
        (["--to", "xx"], 2, "xx"),
        (["--to", "ja", "--from", "ja"], 2, "同じ言語"),
        (["--to", "en", "--glossary", "missing.csv"], 3, "用語集"),
        (["--to", "en", "-o", "out.txt"], 2, ".docx"),
    ],
)
def test_usage_errors_are_clear(fake_model, tmp_path, capsys, monkeypatch, argv, code, words):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "a.docx"
    write_text_docx(source, ["申請書を提出する。"])
    got, _, err = run([source, *argv], capsys)
    assert got == code and words in err
    assert not fake_model["engines"]  # refused before any model was opened


def test_a_crashed_run_resumes_where_it_stopped(fake_model, tmp_path, capsys):
    source = tmp_path / "long.docx"
    write_text_docx(source, [f"第{n}条の規定による。" for n in range(1, 11)])
    calls = {"n": 0}

    def crash_after_four(prompt):
        calls["n"] += 1
        if calls["n"] > 4:
            raise EngineCrashedError(how="test")
        return pseudo_english(prompt_input(prompt))

    fake_model["reply"] = crash_after_four
    code, _, err = run([source, "--to", "en"], capsys)
    assert code == 4 and "異常終了" in err and not (tmp_path / "long.en.docx").exists()
    fake_model["reply"] = None
    code, _, err = run([source, "--to", "en"], capsys)
    assert code in (0, 1) and "再開" in err and (tmp_path / "long.en.docx").exists()
    assert len(fake_model["engines"][-1].prompts) == 6  # the four finished ones were kept


def test_a_document_without_text_is_refused_clearly(fake_model, tmp_path, capsys):
    source = tmp_path / "empty.docx"
    write_text_docx(source, [])
    code, _, err = run([source, "--to", "en"], capsys)
    assert code == 3 and "翻訳する文がありません" in err
