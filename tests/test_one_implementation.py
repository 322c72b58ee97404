"""Helpers that used to be written twice now have one implementation; these tests
pin it, so a new copy (or a caller going back to its own) fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import desk_assistant
from desk_assistant import fileio
from desk_assistant.documents.sniff import size_and_limit

PACKAGE = Path(desk_assistant.__file__).parent


def _defined_functions(name: str) -> list[str]:
    """Modules of the package that define a top-level function `name`."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.FunctionDef) and n.name == name for n in tree.body):
            found.append(str(path.relative_to(PACKAGE)))
    return found


def test_one_size_formatter_for_documents_models_and_memory():
    assert fileio.human_size(512) == "512 B"
    assert fileio.human_size(12_595) == "12.3 KB"
    assert fileio.human_size(270 * 1024 * 1024) == "270.0 MB"
    assert fileio.human_size(int(1.5 * 1024**3)) == "1.5 GB"
    assert fileio.human_size(3 * 1024**4) == "3.0 TB"
    assert size_and_limit(200 * 1024 * 1024, 100 * 1024 * 1024) == ("200.0 MB", "100.0 MB")
    for twin in ("human_bytes", "format_size", "_human_size"):
        assert _defined_functions(twin) == []
    assert _defined_functions("human_size") == ["fileio.py"]


def test_one_text_decoder_for_text_documents_glossaries_and_proofreading(tmp_path):
    from desk_assistant.documents import load
    from desk_assistant.documents.textfile import decode_text
    from desk_assistant.errors import DeskError
    from desk_assistant.tasks.proofread.inputs import read_document
    from desk_assistant.tasks.translate.glossary import load_glossary

    text = "手数料,fee\n収入印紙,revenue stamp\n"
    for encoding in ("utf-8", "utf-8-sig", "cp932", "utf-16"):
        data = text.encode(encoding)
        assert decode_text(data) == text
        for suffix in (".txt", ".csv"):
            (tmp_path / f"{encoding}{suffix}").write_bytes(data)
        assert load(tmp_path / f"{encoding}.txt").blocks[0].text.startswith("手数料,fee")
        assert read_document(str(tmp_path / f"{encoding}.txt")).blocks[0].text == text
        assert len(load_glossary(tmp_path / f"{encoding}.csv")) == 2
    bad = b"\x82\x20\x82"  # not UTF-8, not cp932 (a lead byte without its pair), odd length
    assert decode_text(bad) is None
    for suffix in (".txt", ".csv"):
        (tmp_path / f"bad{suffix}").write_bytes(bad)
    for read in (
        lambda: load(tmp_path / "bad.txt"),
        lambda: read_document(str(tmp_path / "bad.txt")),
        lambda: load_glossary(tmp_path / "bad.csv"),
    ):
        try:
            read()
        except DeskError as err:
            assert "bad" in str(err)
        else:
            raise AssertionError("undecodable text was read")
    assert _defined_functions("decode_text") == ["documents/textfile.py"]
    assert "for encoding in" not in (PACKAGE / "tasks/translate/glossary.py").read_text("utf-8")
    assert "for encoding in" not in (PACKAGE / "tasks/proofread/inputs.py").read_text("utf-8")


def test_one_document_class():
    """documents.Document is the only class named Document; proofread's parsed text
    is CheckedText, and its plain-text input a Document subclass."""
    from desk_assistant import documents
    from desk_assistant.tasks.proofread.inputs import PlainText

    named = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named += [
            str(path.relative_to(PACKAGE))
            for n in ast.walk(tree)
            if isinstance(n, ast.ClassDef) and n.name == "Document"
        ]
    assert named == ["documents/model.py"]
    assert issubclass(PlainText, documents.Document)


def test_every_task_finding_follows_the_one_finding_protocol():
    """message is a method with a language everywhere (it was a property in
    proofread): the GUI tabs call finding.message() with no adapter."""
    from desk_assistant.tasks.laws.summary_check import LawCitationFinding
    from desk_assistant.tasks.library.verify import AnswerFinding
    from desk_assistant.tasks.proofread.finding import Finding as ProofreadFinding
    from desk_assistant.tasks.summarize.grounding import GroundingFinding
    from desk_assistant.tasks.translate.finding import Finding as TranslateFinding
    from desk_assistant.tasks.verdicts import FindingProtocol

    findings = [
        TranslateFinding("number", "error", "3", "5", "数値が違います", "The number differs"),
        ProofreadFinding(
            "r", "warning", 0, 2, "出来", "「できる」と書く", "Write it in kana", None, "訓令"
        ),
        GroundingFinding("number", "42", 0),
        AnswerFinding("no_citation", 0, "文。"),
        LawCitationFinding("law", "Art. 9999", 0, "その条はありません", "no such article"),
    ]
    declared = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        declared |= {
            f"{path.relative_to(PACKAGE)}:{n.name}"
            for n in ast.walk(tree)
            if isinstance(n, ast.ClassDef) and n.name.endswith("Finding")
        }
    tested = {
        f"{Path(__import__(type(f).__module__, fromlist=['_']).__file__).relative_to(PACKAGE)}"
        f":{type(f).__name__}"
        for f in findings
    }
    assert declared == tested, "a new finding class: add it here (and follow the protocol)"
    for finding in findings:
        assert isinstance(finding, FindingProtocol), type(finding)
        assert not isinstance(type(finding).message, property), type(finding)
        ja, en = finding.message("ja"), finding.message("en")
        assert ja != en and any("\u3040" <= c <= "\u9fff" for c in ja) and en.isascii()
        assert finding.to_dict()["message"] == finding.message()
        assert finding.severity in ("error", "warning", "info")
    for tab in ("translate_tab.py", "summarize_tab.py", "proofread_tab.py"):
        source = (PACKAGE / "gui" / "tabs" / tab).read_text(encoding="utf-8")
        assert "_plain" not in source and "callable(" not in source, tab
        assert "isinstance(segment, dict)" not in source  # no "whatever shape" adapters
        assert "isinstance(citation, dict)" not in source


def test_every_named_output_goes_through_the_one_output_policy(tmp_path):
    """-o of translate, summarize, proofread and audit export, and selftest --report:
    one input, a suffix the command writes, never an existing file."""
    import pytest

    from desk_assistant.errors import OutputExistsError, UsageError
    from desk_assistant.session.outputs import named_output

    taken = tmp_path / "taken.docx"
    taken.write_bytes(b"x")
    assert named_output(tmp_path / "new.docx", suffixes=(".docx",)) == tmp_path / "new.docx"
    with pytest.raises(OutputExistsError):
        named_output(taken)
    with pytest.raises(UsageError, match=r"\.txt"):
        named_output(tmp_path / "a.pdf", suffixes=(".txt", ".docx"))
    with pytest.raises(UsageError, match="1 つ|one input"):
        named_output(tmp_path / "a.docx", inputs=2)
    with pytest.raises(UsageError, match="フォルダ|folder"):
        named_output(tmp_path / "a.docx", inputs=2, folder_ok=True)
    commands = PACKAGE / "commands"
    for name in ("translate", "summarize", "proofread", "audit", "selftest"):
        source = (commands / f"{name}.py").read_text(encoding="utf-8")
        assert "named_output(" in source, name
        assert "OutputExistsError(" not in source, name
