"""Fakes for the translate tests: a scripted "translator" engine that behaves like a model."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desk_assistant.llm.engine import LoadOptions
from desk_assistant.llm.fake import FakeEngine


def alarm_checks(source: str, translation: str) -> set[str]:
    """The checks that warn (warning or error, not info) on a ja → en segment."""
    from desk_assistant.tasks.translate.checks import check_segment

    found = check_segment(source, translation, (), "ja", "en")
    return {f.check for f in found if f.severity != "info"}


def prompt_input(prompt) -> str:
    """The text a few-shot or chat prompt asks to translate."""
    if not isinstance(prompt, str):
        return prompt[-1]["content"].rsplit("\n\n", 1)[-1]
    body = prompt.rsplit("### Japanese\n", 1)[-1]
    return body.rsplit("\n### English", 1)[0]


def pseudo_english(text: str) -> str:
    """Japanese letters become Latin ones, everything else (digits, tags, spaces) stays:
    a translation that keeps every figure and tag, like a good model's. Each letter
    becomes two, and 。、 become ". " ", ", so its length and sentences are those of
    English (the omission checks measure both)."""
    text = unicodedata.normalize("NFKC", text).replace("。", ". ").replace("、", ", ")
    return re.sub(
        r"[^\x00-\x7f]",
        lambda m: chr(ord("a") + ord(m.group(0)) % 26) + chr(ord("a") + ord(m.group(0)) // 26 % 26),
        text,
    ).rstrip()


def make_engine(reply=None, **kw) -> FakeEngine:
    engine = FakeEngine(reply or (lambda p: pseudo_english(prompt_input(p))), **kw)
    engine.load("fake.gguf", LoadOptions())
    return engine


@pytest.fixture
def engine():
    return make_engine()


def translate_list(tmp_path: Path, replies: dict[str, str]):
    """Each source a paragraph of a .docx, translated by a scripted engine giving its
    reply, with an empty translation memory: (result, memory)."""
    from desk_assistant.documents import load, write_text_docx
    from desk_assistant.tasks.translate import InMemoryStore, TranslationMemory, translate_document

    path = tmp_path / "list.docx"
    write_text_docx(path, list(replies))
    memory = TranslationMemory(InMemoryStore({"version": 1, "entries": {}}))
    engine = make_engine(lambda prompt: replies[prompt_input(prompt)])
    result = translate_document(
        engine, "few_shot", load(path), source_lang="ja", target_lang="en", memory=memory
    )
    return result, memory


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_pdf(path: Path, tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess]:
    """`path` converted to PDF by LibreOffice with a throwaway profile: (the PDF, the run)."""
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return tmp_path / "pdf" / f"{path.stem}.pdf", done


OFFICE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "office"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def copy_office(prefix: str, tmp_path: Path) -> Path:
    """A shared corpus Office file copied into tmp_path (the source stays read-only)."""
    source = next(OFFICE.glob(f"{prefix}*"))
    path = tmp_path / source.name
    shutil.copy2(source, path)
    return path


def part_xml(path: Path, name: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))
