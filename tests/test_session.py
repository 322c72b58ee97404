"""session/: the rules the CLI and the GUI share, without either shell."""

from __future__ import annotations

import pytest

from desk_assistant.errors import DeskError, FeatureDisabledError, OutputExistsError
from desk_assistant.security.policy import Policy
from desk_assistant.session import TaskSession
from desk_assistant.session.outputs import output_name


def test_output_names_are_one_rule_and_never_an_existing_file(tmp_path):
    source = tmp_path / "報告.docx"
    source.write_bytes(b"x")
    assert output_name(source, "en") == tmp_path / "報告.en.docx"
    assert output_name(source, "en", "bilingual").name == "報告.en.bilingual.docx"
    (tmp_path / "報告.summary.txt").write_text("")
    assert output_name(source, "summary", suffix=".txt").name == "報告.summary (2).txt"
    out = tmp_path / "out"
    assert output_name(source, "en", folder=out) == out / "報告.en.docx"


class _NoKey:
    """A security context whose vault key cannot be had."""

    policy = Policy()

    @property
    def vault(self):
        raise DeskError("no key")


def test_without_a_key_the_gui_goes_on_and_the_cli_stops():
    gui = TaskSession("translate", _NoKey(), vault_required=False)
    assert gui.vault() is None and gui.memory("ja", "en") is None and gui.job("j") is None
    with pytest.raises(DeskError):
        TaskSession("translate", _NoKey()).memory("ja", "en")


def test_policy_checks_name_the_feature(tmp_path):
    class Security(_NoKey):
        policy = Policy(disabled_features=frozenset({"export", "glossary"}))

    session = TaskSession("translate", Security(), vault_required=False)
    assert session.allows("translate") and not session.allows("export")
    with pytest.raises(FeatureDisabledError) as refused:
        session.check_output(tmp_path / "out.docx")
    assert refused.value.facts["feature"] == "export"
    with pytest.raises(FeatureDisabledError):
        session.glossary(tmp_path / "g.csv")
    assert session.glossary(None) is None


def test_outputs_never_replace_the_source(tmp_path):
    class Doc:
        path = tmp_path / "a.docx"

    Doc.path.write_bytes(b"x")
    with pytest.raises(OutputExistsError):
        TaskSession("translate").check_output(tmp_path / "." / "a.docx", Doc())
    TaskSession("translate").check_output(tmp_path / "b.docx", Doc())


def test_a_typed_question_is_audited_by_its_hash_only(tmp_path):
    """laws ask and library search/ask share one AuditedTask (was _HashedAudit twice)."""
    import hashlib
    import json
    from types import SimpleNamespace

    from desk_assistant.security.audit import AuditLog
    from desk_assistant.session import AuditedTask

    question = "機密の質問XYZZY：第五条の期限は？"
    log = AuditLog(tmp_path / "audit.jsonl", bytes(range(32)))
    with AuditedTask(SimpleNamespace(audit=log), "laws.ask", None, input_text=question):
        pass
    with AuditedTask(SimpleNamespace(audit=log), "library.list", None):
        pass
    started, done, plain, _ = [json.loads(line) for line in log.path.read_text().splitlines()]
    digest = hashlib.sha256(question.encode("utf-8")).hexdigest()
    assert (started["outcome"], done["outcome"]) == ("started", "ok")
    assert started["input_sha256"] == digest and started["task"] == "laws.ask"
    assert plain.get("input_sha256") is None
    assert question.encode() not in log.path.read_bytes()
