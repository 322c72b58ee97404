"""installer/build_msi.sh + check_msi.sh: the MSI builds with wixl and passes its
checks, and the checks catch a .wxs that lost what IT relies on."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
INSTALLER = REPO / "installer"
WXS = INSTALLER / "desk_assistant.wxs"

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("wixl", "wixl-heat", "msiinfo")),
    reason="wixl/msitools not installed (Debian: apt-get install wixl msitools, "
    "or `make system-tools` as root)",
)


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=60, check=False
    )


def build(out: Path, *extra: str | Path) -> subprocess.CompletedProcess:
    return run(INSTALLER / "build_msi.sh", "-o", out, *extra)


def msi_rows(msi: Path, table: str) -> list[list[str]]:
    text = run("msiinfo", "export", msi, table).stdout
    return [line.split("\t") for line in text.replace("\r", "").splitlines()[3:] if line]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("msi") / "desk_assistant.msi"
    result = build(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def small_payload(tmp_path_factory) -> Path:
    """A stand-in for a PyInstaller onedir: quick to build for the mutation cases."""
    root = tmp_path_factory.mktemp("payload") / "DeskAssistant"
    (root / "_internal" / "resources").mkdir(parents=True)
    (root / "DeskAssistant.exe").write_bytes(b"MZ stand-in")
    (root / "_internal" / "resources" / "catalog.json").write_text("{}")
    return root


def test_project_payload_builds_and_passes_the_checks(built):
    result = run(INSTALLER / "check_msi.sh", built)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed" in result.stdout


def test_msi_packs_exactly_the_staged_payload(built):
    payload = built.with_suffix(".work") / "payload"
    staged = sorted(p.name for p in payload.rglob("*") if p.is_file())
    packed = sorted(row[2].split("|")[-1] for row in msi_rows(built, "File"))
    assert packed == staged
    assert (payload / "desk_assistant" / "cli.py").is_file()
    assert (payload / "resources" / "models" / "catalog.json").is_file()
    assert not any(p.suffix in (".pyc", ".gguf") for p in payload.rglob("*"))


def test_msi_properties_for_it(built):
    props = dict(row[:2] for row in msi_rows(built, "Property"))
    assert props["ALLUSERS"] == "1"
    assert props["UpgradeCode"] == "{2854B673-FD00-41D4-A852-A7FE3D1F054D}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", props["ProductVersion"])
    registry = {(r[1], r[2], r[3]): r[4] for r in msi_rows(built, "Registry")}
    assert registry[("2", "SOFTWARE\\DeskAssistant", "ModelDirectory")] == "[MODELDIR]"
    assert not any("polic" in key.lower() for _, key, _ in registry)


def test_external_payload_is_packed_as_is(tmp_path, small_payload):
    out = tmp_path / "x.msi"
    assert build(out, "--payload", small_payload).returncode == 0
    result = run(INSTALLER / "check_msi.sh", out, small_payload)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(msi_rows(out, "File")) == 2


def _add_gguf(root: Path) -> None:
    (root / "model.gguf").write_bytes(b"GGUF")
    (root / "sub").mkdir()
    (root / "sub" / "second.GGUF").write_bytes(b"GGUF")


def _add_japanese_name(root: Path) -> None:
    (root / "_internal" / "説明.txt").write_text("x")


def _add_link(root: Path) -> None:
    (root / "link.exe").symlink_to(root / "DeskAssistant.exe")


PAYLOAD_DEFECTS = {  # what build_msi.sh must refuse, and the word its message uses
    "models_never_go_inside": (_add_gguf, "gguf"),
    "non_ascii_file_name": (_add_japanese_name, "non-ASCII"),
    "symbolic_link": (_add_link, "symbolic links"),
}


@pytest.mark.parametrize("name", sorted(PAYLOAD_DEFECTS))
def test_payload_defects_stop_the_build(name, tmp_path, small_payload):
    add, words = PAYLOAD_DEFECTS[name]
    payload = tmp_path / "p"
    shutil.copytree(small_payload, payload)
    add(payload)
    result = build(tmp_path / "x.msi", "--payload", payload)
    assert result.returncode != 0 and words in result.stderr, result.stderr
    assert not (tmp_path / "x.msi").exists()


# (what to change in the .wxs, where it must fail, words expected in the message)
BUILD_FAILS = {
    # wixl 0.101 ignores these attributes with only a warning: the build must stop.
    "permanent": (
        ('<Component Id="ModelFolder"', '<Component Id="ModelFolder" Permanent="yes"'),
        "warnings",
    ),
    "secure": (
        ('<Property Id="ARPNOMODIFY" Value="1" />', '<Property Id="X" Value="1" Secure="yes" />'),
        "warnings",
    ),
    "same_version_upgrades": (
        ("<MajorUpgrade ", '<MajorUpgrade AllowSameVersionUpgrades="yes" '),
        "warnings",
    ),
    # wixl would store an empty ProductName without a word.
    "non_ascii": (('Name="DeskAssistant"\n', 'Name="文書アシスタント"\n'), "non-ASCII"),
}
CHECK_FAILS = {
    "no_allusers": (('InstallScope="perMachine"', ""), "ALLUSERS"),
    "no_major_upgrade": ((re.compile(r"<MajorUpgrade[^>]*/>", re.S), ""), "MajorUpgrade"),
    "no_modeldir": (("MODELDIR", "MODELFOLDER"), "MODELDIR"),
    "no_modeldir_registry": (
        (re.compile(r'<RegistryValue[^>]*Name="ModelDirectory"[^>]*/>', re.S), ""),
        "ModelDirectory",
    ),
    "under_policies": (
        ("SOFTWARE\\DeskAssistant", "SOFTWARE\\Policies\\DeskAssistant"),
        "Policies",
    ),
    "no_shortcut": ((re.compile(r"<Shortcut .*?/>", re.S), ""), "shortcut"),
    "not_win64": (
        ('B201-4857-98BB-519B98034C03" Win64="yes"', 'B201-4857-98BB-519B98034C03"'),
        "Win64",
    ),
}


def mutated_wxs(tmp_path: Path, change) -> Path:
    old, new = change
    text = WXS.read_text(encoding="utf-8")
    changed = old.sub(new, text) if isinstance(old, re.Pattern) else text.replace(old, new)
    assert changed != text, f"mutation {old!r} no longer applies to the .wxs"
    path = tmp_path / "mutated.wxs"
    path.write_text(changed, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(BUILD_FAILS))
def test_build_fails_on_what_wixl_would_silently_drop(name, tmp_path, small_payload):
    change, words = BUILD_FAILS[name]
    out = tmp_path / "x.msi"
    result = build(out, "--payload", small_payload, "--wxs", mutated_wxs(tmp_path, change))
    assert result.returncode != 0
    assert words in result.stderr, result.stderr
    assert not out.exists()


@pytest.mark.parametrize("name", sorted(CHECK_FAILS))
def test_check_fails_when_the_wxs_loses_it(name, tmp_path, small_payload):
    change, words = CHECK_FAILS[name]
    out = tmp_path / "x.msi"
    result = build(out, "--payload", small_payload, "--wxs", mutated_wxs(tmp_path, change))
    assert result.returncode == 0, result.stderr
    checked = run(INSTALLER / "check_msi.sh", out, small_payload)
    assert checked.returncode != 0
    assert words in checked.stderr, checked.stderr


def test_check_fails_on_a_file_count_mismatch(tmp_path, small_payload):
    out = tmp_path / "x.msi"
    assert build(out, "--payload", small_payload).returncode == 0
    bigger = tmp_path / "bigger"
    shutil.copytree(small_payload, bigger)
    (bigger / "extra.txt").write_text("x")
    checked = run(INSTALLER / "check_msi.sh", out, bigger)
    assert checked.returncode != 0 and "File table has 2 files" in checked.stderr
