"""`remote key set|clear` and `remote status`: the inference server's API key lives in
the OS credential store only — never in settings, logs or output; headless Linux
(no keyring) is told so in Japanese and English."""

from __future__ import annotations

import io
import json

from desk_assistant import cli
from desk_assistant.llm.remote import keyring_api_key
from desk_assistant.security.keys import KEYRING_SERVICE
from desk_assistant.security.remote_credentials import API_KEY_NAME

SECRET = "sk-closed-network-4f9a1c7e2b"


def run(capsys, monkeypatch, *argv, stdin: str = ""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def files_holding(root, text: str) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def test_key_goes_to_the_keyring_only_and_is_never_shown(memory_keyring, home, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "remote", "key", "set", stdin=SECRET + "\n")
    assert code == 0 and "remote-engine-api-key" in out
    assert memory_keyring.store[(KEYRING_SERVICE, API_KEY_NAME)] == SECRET
    assert keyring_api_key() == SECRET  # what RemoteEngine sends as its Bearer token
    code, out, err = run(capsys, monkeypatch, "remote", "status", "--format", "json")
    assert code == 0 and json.loads(out)["api_key"] == "stored"
    code, out2, err2 = run(capsys, monkeypatch, "--lang", "en", "remote", "status")
    assert "API key: stored" in out2 and "Inference server: none" in out2
    for text in (out, err, out2, err2):
        assert SECRET not in text
    # Settings, audit log, logs, vault: the key is in none of the app's files.
    assert files_holding(home, SECRET) == []
    code, out, _ = run(capsys, monkeypatch, "--lang", "ja", "remote", "key", "clear")
    assert code == 0 and "削除しました" in out
    assert (KEYRING_SERVICE, API_KEY_NAME) not in memory_keyring.store
    code, out, _ = run(capsys, monkeypatch, "--lang", "en", "remote", "key", "clear")
    assert code == 0 and "No API key is stored" in out


def test_an_empty_key_is_refused(memory_keyring, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "--lang", "ja", "remote", "key", "set", stdin="\n")
    assert code == 2 and "API キー" in err and not memory_keyring.store


def test_headless_linux_without_a_keyring_is_told_so_and_nothing_is_written(
    no_keyring, home, capsys, monkeypatch
):
    code, out, err = run(
        capsys, monkeypatch, "--lang", "ja", "remote", "key", "set", stdin=SECRET + "\n"
    )
    assert code == 2 and "資格情報ストア" in err and "ファイルや設定に書くことはしません" in err
    code, _, err = run(
        capsys, monkeypatch, "--lang", "en", "remote", "key", "set", stdin=SECRET + "\n"
    )
    assert code == 2 and "keyring) is unavailable" in err and "never written to a file" in err
    assert SECRET not in out + err
    assert files_holding(home, SECRET) == []
    assert keyring_api_key() is None  # a run without a key: the server may need none
    code, out, _ = run(capsys, monkeypatch, "--lang", "en", "remote", "status")
    assert code == 0 and "credential store is unavailable" in out
