"""tools/make_model_manifest.py writes the `sha256sum` format models/README.md
documents, checks it back, and its first column is what AllowedModels takes."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desk_assistant.security.policy import load_policy

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "make_model_manifest.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("make_model_manifest", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = load_tool()


@pytest.fixture
def models(tmp_path) -> Path:
    folder = tmp_path / "Models"
    (folder / "plamo" / "deeper").mkdir(parents=True)
    (folder / "b-model.gguf").write_bytes(b"GGUF b")
    (folder / "plamo" / "翻訳 モデル.gguf").write_bytes(b"GGUF plamo")
    (folder / "plamo" / "deeper" / "ignored.gguf").write_bytes(b"two levels down")
    (folder / "notes.txt").write_text("not a model")
    return folder


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_is_sha256sum_format_for_where_the_app_looks(models):
    assert tool.main([str(models)]) == 0
    raw = (models / "SHA256SUMS").read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n")
    lines = raw.decode("utf-8").splitlines()
    assert lines == [
        f"{sha(models / 'b-model.gguf')}  b-model.gguf",
        f"{sha(models / 'plamo' / '翻訳 モデル.gguf')}  plamo/翻訳 モデル.gguf",
    ]
    assert all(re.fullmatch(r"[0-9a-f]{64}  \S.*", line) for line in lines)


@pytest.mark.skipif(not shutil.which("sha256sum"), reason="coreutils sha256sum not installed")
def test_sha256sum_checks_it(models):
    tool.main([str(models)])
    result = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=models, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_finds_changed_and_missing_files(models, capsys):
    tool.main([str(models)])
    manifest = models / "SHA256SUMS"
    assert tool.check(manifest) == 0
    (models / "b-model.gguf").write_bytes(b"GGUF b, altered on the USB stick")
    assert tool.check(manifest) == 1
    assert "NG  b-model.gguf: sha256" in capsys.readouterr().out
    (models / "b-model.gguf").unlink()
    assert tool.check(manifest) == 1
    assert "NG  b-model.gguf: missing" in capsys.readouterr().out


def test_manifest_elsewhere_checks_a_given_folder(models, tmp_path):
    outside = tmp_path / "usb" / "SHA256SUMS"
    outside.parent.mkdir()
    assert tool.main([str(models), "-o", str(outside)]) == 0
    assert tool.main(["--check", str(outside), str(models)]) == 0


def test_reads_binary_marker_upper_case_and_comments():
    digest = "AB" * 32
    text = f"# from IT\n{digest} *model.gguf\r\n\n{digest.lower()}  sub/m.gguf\n"
    assert tool.read_manifest(text) == [
        (digest.lower(), "model.gguf"),
        (digest.lower(), "sub/m.gguf"),
    ]
    with pytest.raises(ValueError, match="line 1"):
        tool.read_manifest("not-a-hash  model.gguf\n")


def test_first_column_is_what_allowed_models_takes(models, tmp_path):
    tool.main([str(models)])
    entries = tool.read_manifest((models / "SHA256SUMS").read_text(encoding="utf-8"))
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(
        json.dumps({"RequireModelHash": True, "AllowedModels": [h for h, _ in entries]})
    )
    result = load_policy(files=[policy_file])
    assert result.problems == ()
    assert result.allowed_models == tuple(h for h, _ in entries)


def test_empty_folder_is_an_error(tmp_path, capsys):
    assert tool.main([str(tmp_path)]) == 1
    assert "no *.gguf" in capsys.readouterr().err
    assert not (tmp_path / "SHA256SUMS").exists()


def test_models_readme_documents_this_format():
    readme = (REPO / "models" / "README.md").read_text(encoding="utf-8")
    assert tool.MANIFEST_NAME in readme and "make_model_manifest.py" in readme
    examples = [line for line in readme.splitlines() if re.match(r"^[0-9a-f]{64}  ", line)]
    assert len(examples) >= 2
    assert [name for _, name in tool.read_manifest("\n".join(examples))] == [
        line.split("  ", 1)[1] for line in examples
    ]
