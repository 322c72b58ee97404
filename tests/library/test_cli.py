"""The library commands as a user runs them (in-process CLI, scripted model for `ask`)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from desk_assistant import cli, paths
from desk_assistant.llm.catalog import ModelInfo
from desk_assistant.llm.engine import LoadOptions
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.llm.runtime import OpenModel

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DIET_XML = SHARED / "diet" / "kokkai_api_meeting_session212_shugiin_monka_2023.xml"
SENTINEL = "機密保持試験語ZQX4711"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def folder(tmp_path):
    if not DIET_XML.exists():
        pytest.skip("shared data not available")
    src = tmp_path / "library"
    src.mkdir()
    shutil.copy2(DIET_XML, src)
    (src / "memo.txt").write_text(
        f"課内メモ\n{SENTINEL}は外部に出さない。電子決裁の移行は令和6年4月1日に完了した。\n",
        encoding="utf-8",
    )
    return src


def test_add_list_search(folder, capsys):
    code, out, _ = run(capsys, "library", "add", folder)
    assert code == 0 and "追加 2" in out
    code, out, _ = run(capsys, "library", "list", "--format", "json")
    listed = json.loads(out)
    assert listed["files"] == 2 and listed["passages"] > 300 and listed["failed"] == []
    code, out, _ = run(capsys, "search", "部活動の地域移行", "--position", "文部科学大臣", "--format", "json")  # fmt: skip
    results = json.loads(out)["results"]
    assert code == 0 and results
    assert all(r["meta"]["position"] == "文部科学大臣" for r in results)  # not 文部科学副大臣
    assert results[0]["label"].startswith("第212回国会 衆議院 文部科学委員会")
    assert "【" in results[0]["snippet"]
    code, out, _ = run(capsys, "search", "--like", results[0]["id"], "--format", "json")
    similar = json.loads(out)["results"]
    assert code == 0 and similar and results[0]["id"] not in [r["id"] for r in similar]
    assert run(capsys, "search", "--like", 999999)[0] == 2
    assert run(capsys, "search", "")[0] == 2
    code, out, _ = run(capsys, "search", "電子決裁", "--type", "txt")
    assert code == 0 and "【電子決裁】" in out and "memo.txt" in out
    code, out, _ = run(capsys, "search", "電子決裁", "--type", "diet", "--all-words")
    assert "該当する箇所はありません" in out


def test_bad_input_is_a_message(folder, capsys, tmp_path):
    code, _, err = run(capsys, "search", "x", "--from", "2024-13-01")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run(capsys, "library", "add", tmp_path / "missing")
    assert code == 3 and "フォルダ" in err
    code, _, err = run(capsys, "library", "remove", folder)
    assert code == 3


def test_no_plaintext_in_the_app_folders_and_no_query_in_the_audit_log(folder, capsys, app_home):
    run(capsys, "library", "add", folder)
    code, out, _ = run(capsys, "search", SENTINEL)
    assert code == 0 and "memo.txt" in out  # it is in the index …
    files = [p for p in app_home.rglob("*") if p.is_file()]
    assert any(p.name == "library.db" for p in files)
    assert not any(p.name.endswith(("-journal", "-wal")) for p in files)  # no leftovers
    for path in files:  # … but no file of the app holds it, nor the file's words
        data = path.read_bytes()
        for probe in (SENTINEL, "電子決裁の移行", "memo.txt"):
            assert probe.encode("utf-8") not in data, (path, probe)
    log = "".join(p.read_text(encoding="utf-8") for p in paths.log_dir().rglob("*.jsonl"))
    records = [json.loads(line) for line in log.splitlines()]
    search = [r for r in records if r["task"] == "library.search"]
    assert [r["outcome"] for r in search] == ["started", "ok"]
    assert search[0]["input_sha256"] == hashlib.sha256(SENTINEL.encode()).hexdigest()
    assert {"library.add"} <= {r["task"] for r in records}


def test_shared_index_read_only(folder, capsys, tmp_path):
    key = tmp_path / "keys" / "lib.key"
    shared = tmp_path / "share" / "library.db"
    assert run(capsys, "library", "keygen", "--key-file", key)[0] == 0
    assert run(capsys, "library", "keygen", "--key-file", key)[0] == 3  # never overwritten
    code, out, _ = run(capsys, "library", "--index", shared, "--key-file", key, "add", folder)
    assert code == 0, out
    ro = ["--index", shared, "--key-file", key, "--read-only"]
    code, out, _ = run(capsys, "search", "電子決裁", *ro)
    assert code == 0 and "memo.txt" in out
    code, _, err = run(capsys, "library", *ro, "reindex")
    assert code == 2 and "読み取り専用" in err
    other = tmp_path / "other.key"
    run(capsys, "library", "keygen", "--key-file", other)
    code, _, err = run(capsys, "search", "電子決裁", "--index", shared, "--key-file", other, "--read-only")  # fmt: skip
    assert code == 3 and "別の鍵" in err


@pytest.fixture
def fake_model(monkeypatch):
    from desk_assistant.llm import runtime

    state = {"reply": "", "engine": None}

    def open_model(info, settings, engine=None, progress=None, policy=None):
        state["engine"] = FakeEngine(state["reply"])
        runtime_info = state["engine"].load("fake.gguf", LoadOptions())
        return OpenModel(info, state["engine"], runtime_info, "0" * 64)

    def resolve_model(model, role, settings):
        return ModelInfo(id="fake", path=Path("fake.gguf"), name="Fake", roles=("general",), prompt_format="few_shot", size=0)  # fmt: skip

    monkeypatch.setattr(runtime, "open_model", open_model)
    monkeypatch.setattr(runtime, "resolve_model", resolve_model)
    return state


def test_ask_json_with_findings_and_exit_code(folder, capsys, fake_model):
    run(capsys, "library", "add", folder)
    fake_model["reply"] = "電子決裁の移行は令和6年4月1日に完了しました[1]。費用は3億円でした[1]。"
    code, out, _ = run(capsys, "ask", "電子決裁の移行はいつ完了したか", "--format", "json")
    answer = json.loads(out)
    assert code == 1 and answer["answered"]
    assert answer["sources"][0]["file"].endswith("memo.txt")
    found = [(f["kind"], f["sentence"], f["detail"]) for f in answer["findings"]]
    assert found == [("figure_unsupported", 1, "3"), ("unsupported", 1, "")]
    fake_model["reply"] = "電子決裁の移行は令和6年4月1日に完了しました[1]。"
    code, out, _ = run(capsys, "ask", "電子決裁の移行はいつ完了したか")
    assert code == 0 and "[1] memo.txt" in out and "問題なし" in out


def test_folders_it_names_in_policy_are_indexed_and_cannot_be_removed(
    folder, tmp_path, capsys, monkeypatch
):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"LibraryFolders": [str(folder)]}), encoding="utf-8")
    monkeypatch.setenv("DESK_ASSISTANT_POLICY", str(policy))
    code, out, _ = run(capsys, "library", "reindex", "--format", "json")
    assert code == 0, out
    code, out, _ = run(capsys, "library", "list", "--format", "json")
    listed = json.loads(out)
    assert str(folder.resolve()) in listed["folders"] and listed["files"] == 2
    code, out, err = run(capsys, "library", "remove", folder)
    assert code == 2 and "LibraryFolders" in err
    code, out, _ = run(capsys, "search", "電子決裁の移行", "--format", "json")
    assert code == 0 and json.loads(out)["results"]
