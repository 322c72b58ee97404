"""Every DisabledFeatures value holds through both shells, the CLI and the GUI.

The task session (desk_assistant/session) enforces them in one place; each check
here runs the shell twice, without and with the policy, so it can fail both ways
(a feature that stopped working, or a policy that stopped holding). A feature
added to the policy without a check here fails `test_every_feature_has_both_checks`.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from desk_assistant import cli
from desk_assistant.llm.catalog import ModelInfo
from desk_assistant.llm.engine import LoadOptions, ModelRuntimeInfo
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.llm.runtime import OpenModel
from desk_assistant.security.policy import KNOWN_FEATURES, Policy

TEXT = (
    "本日は、来年度の予算編成に関する会議を行なう予定であり、関係各課の出席を求める。\n\n"
    "令和九年四月一日から施行する。\n\n以上のとおり報告する。\n"
)
REFUSED = "組織のポリシーで無効"


# --- fixtures --------------------------------------------------------------------------


@pytest.fixture
def doc(tmp_path) -> Path:
    path = tmp_path / "memo.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def policy_file(tmp_path, monkeypatch):
    """policy(*features): the CLI's next run sees DisabledFeatures = features."""
    path = tmp_path / "policy.json"

    def policy(*features: str) -> None:
        path.write_text(json.dumps({"DisabledFeatures": list(features)}), encoding="utf-8")
        monkeypatch.setenv("DESK_ASSISTANT_POLICY", str(path))

    return policy


def _reply(prompt) -> str:
    text = prompt if isinstance(prompt, str) else prompt[-1]["content"]
    if "要約" in text:
        return "・本日は会議を行なう。"
    if "校正" in text or "JSON" in text:
        return "[]"
    return "This is the translation."


def _open_fake(engine: FakeEngine, *, roles=("translate", "general")) -> OpenModel:
    info = ModelInfo(
        id="fake",
        path=Path("fake.gguf"),
        name="Fake",
        roles=roles,
        prompt_format="few_shot",
        size=0,
    )
    runtime = engine.load("fake.gguf", LoadOptions(n_ctx=4096))
    return OpenModel(info, engine, runtime or ModelRuntimeInfo("fake.gguf", 4096), "0" * 64)


@pytest.fixture
def cli_model(monkeypatch):
    """The CLI's model, a scripted engine; `opened` lists every model the CLI opened."""
    from desk_assistant.llm import runtime

    state: dict = {"opened": [], "reply": _reply}

    def open_model(info, settings, engine=None, progress=None, policy=None):
        opened = _open_fake(FakeEngine(state["reply"]))
        state["opened"].append(opened)
        return opened

    def resolve_model(model, role, settings):
        return _open_fake(FakeEngine()).info

    # The commands open models through the task session, which calls llm.runtime.
    monkeypatch.setattr(runtime, "open_model", open_model)
    monkeypatch.setattr(runtime, "resolve_model", resolve_model)
    return state


def run_cli(capsys, *argv) -> tuple[int, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out + err


def vault_names() -> list[str]:
    from desk_assistant.security.startup import secure_startup

    return secure_startup(on_warning=lambda text: None).vault.names()


# --- the CLI ---------------------------------------------------------------------------


def cli_task(feature: str, argv_of):
    def check(ctx) -> None:
        ctx.policy()
        code, said = run_cli(ctx.capsys, *argv_of(ctx))
        assert code in (0, 1), said
        ctx.policy(feature)
        code, said = run_cli(ctx.capsys, *argv_of(ctx))
        assert code == 2 and REFUSED in said and feature in said

    return check


def _fresh(ctx, name: str) -> Path:
    ctx.count += 1
    return ctx.tmp_path / f"{ctx.count}-{name}"


def cli_llm_suggestions(ctx) -> None:
    ctx.policy()
    run_cli(ctx.capsys, "proofread", ctx.doc)
    assert len(ctx.model["opened"]) == 1
    ctx.policy("llm_suggestions")
    code, said = run_cli(ctx.capsys, "proofread", ctx.doc)
    assert code in (0, 1), said
    assert len(ctx.model["opened"]) == 1  # no model this time


def cli_history(ctx) -> None:
    # The engine fails on the second unit: the first one's job state would be kept
    # so the same command can resume.
    def flaky(prompt):
        text = prompt if isinstance(prompt, str) else prompt[-1]["content"]
        if "令和九年" in text.rsplit("###", 2)[-2]:
            from desk_assistant.errors import EngineCrashedError

            raise EngineCrashedError(how="test")
        return (
            "Today, a meeting on the budget for the next fiscal year will be held, "
            "and all divisions concerned are asked to attend."
        )

    ctx.model["reply"] = flaky
    for features, kept in (((), True), (("history",), False)):
        ctx.policy(*features)
        code, said = run_cli(
            ctx.capsys, "translate", ctx.doc, "--to", "en", "-o", _fresh(ctx, "out.docx")
        )
        assert code == 4, said
        jobs = [n for n in vault_names() if n.startswith("translate-job/")]
        assert bool(jobs) == kept, (features, jobs)
        for name in jobs:  # start the second run clean
            from desk_assistant.security.startup import secure_startup

            secure_startup(on_warning=lambda text: None).vault.delete(name)


def cli_translation_memory(ctx) -> None:
    for features, kept in ((("translation_memory",), False), ((), True)):
        ctx.policy(*features)
        code, said = run_cli(
            ctx.capsys, "translate", ctx.doc, "--to", "en", "-o", _fresh(ctx, "out.docx")
        )
        assert code in (0, 1), said
        memory = [n for n in vault_names() if n.startswith("translation-memory/")]
        assert bool(memory) == kept, (features, memory)


def cli_glossary(ctx) -> None:
    glossary = ctx.tmp_path / "glossary.csv"
    glossary.write_text("会議,meeting\n", encoding="utf-8")
    ctx.policy()
    out = _fresh(ctx, "out.docx")
    code, said = run_cli(
        ctx.capsys, "translate", ctx.doc, "--to", "en", "--glossary", glossary, "-o", out
    )
    assert code in (0, 1) and out.exists(), said
    ctx.policy("glossary")
    out = _fresh(ctx, "out.docx")
    code, said = run_cli(
        ctx.capsys, "translate", ctx.doc, "--to", "en", "--glossary", glossary, "-o", out
    )
    assert code == 2 and REFUSED in said and "glossary" in said
    assert not out.exists() and ctx.model["opened"][-1:] == ctx.model["opened"][:1]


def cli_export(ctx) -> None:
    for features, allowed in (((), True), (("export",), False)):
        ctx.policy(*features)
        summary, translation = _fresh(ctx, "summary.txt"), _fresh(ctx, "out.docx")
        code, said = run_cli(ctx.capsys, "summarize", ctx.doc, "-o", summary)
        assert (code in (0, 1)) == allowed and summary.exists() == allowed, said
        code, said = run_cli(ctx.capsys, "translate", ctx.doc, "--to", "en", "-o", translation)
        assert (code in (0, 1)) == allowed and translation.exists() == allowed, said
        if not allowed:
            assert REFUSED in said and "export" in said


def cli_audit_export(ctx) -> None:
    today = datetime.date.today().isoformat()
    ctx.policy()
    run_cli(ctx.capsys, "proofread", ctx.doc, "--no-llm")  # one record to export
    for features, allowed in (((), True), (("audit_export",), False)):
        ctx.policy(*features)
        out = _fresh(ctx, "audit.csv")
        argv = ["audit", "export", "--from", today, "--to", today, "--format", "csv", "-o", out]
        code, said = run_cli(ctx.capsys, *argv)
        assert (code == 0) == allowed, said
        if not allowed:
            assert REFUSED in said and not out.exists()


def cli_not_offered_yet(feature: str):
    """A feature key the policy knows before its shell exists (declared first so IT
    can switch it off from day one). Nothing to enforce while the CLI has no such
    command; fails as soon as one appears, so its real check gets written."""

    def check(ctx) -> None:
        assert feature not in cli.COMMAND_MODULES, f"write the CLI check for {feature!r}"

    return check


CLI_CHECKS = {
    "translate": cli_task(
        "translate", lambda c: ["translate", c.doc, "--to", "en", "-o", _fresh(c, "o.docx")]
    ),
    "summarize": cli_task("summarize", lambda c: ["summarize", c.doc]),
    "proofread": cli_task("proofread", lambda c: ["proofread", c.doc, "--no-llm"]),
    "llm_suggestions": cli_llm_suggestions,
    "history": cli_history,
    "translation_memory": cli_translation_memory,
    "glossary": cli_glossary,
    "export": cli_export,
    "audit_export": cli_audit_export,
    "library": cli_task("library", lambda c: ["library", "list"]),
    "laws": cli_task("laws", lambda c: ["laws", "list"]),
}


# --- the GUI ---------------------------------------------------------------------------


class GuiRun:
    """A window under a policy, with a scripted model and the real vault and audit log."""

    def __init__(self, ctx, *features: str) -> None:
        from desk_assistant.security.startup import secure_startup

        self.ctx = ctx
        self.security = secure_startup(
            policy=Policy(disabled_features=frozenset(features)), on_warning=lambda text: None
        )
        self.engine = FakeEngine(_reply)
        self.window = ctx.make_window(security=self.security)
        self.window.set_model(_open_fake(self.engine))
        ctx.open_doc(self.window, ctx.doc)

    def do(self, op) -> str:
        self.window.last_error = ""
        self.ctx.wait_job(op)
        return self.window.last_error

    def vault_names(self) -> list[str]:
        return self.security.vault.names()


def gui_task(feature: str, tab_name: str):
    def check(ctx) -> None:
        allowed = GuiRun(ctx)
        assert getattr(allowed.window, tab_name).isEnabled()
        assert allowed.do(getattr(allowed.window, tab_name).run()) == ""
        refused = GuiRun(ctx, feature)
        tab = getattr(refused.window, tab_name)
        assert not tab.isEnabled()
        prompts = len(refused.engine.prompts)
        records = len(refused.security.audit.records())
        # A curious user (or a bug) gets past the disabled tab: the session still refuses,
        # before any work and before the audit's "started" record (as the CLI does).
        error = refused.do(tab.run())
        assert REFUSED in error and feature in error
        assert len(refused.engine.prompts) == prompts
        assert len(refused.security.audit.records()) == records

    return check


def gui_llm_suggestions(ctx) -> None:
    for features, used in (((), True), (("llm_suggestions",), False)):
        run = GuiRun(ctx, *features)
        tab = run.window.proofread_tab
        assert tab.llm_box.isHidden() != used
        tab.llm_box.setChecked(True)  # even when hidden
        assert run.do(tab.run()) == ""
        assert bool(run.engine.prompts) == used


def gui_history(ctx) -> None:
    for features, kept in (((), True), (("history",), False)):
        run = GuiRun(ctx, *features)
        assert run.do(run.window.translate_tab.run()) == ""
        names = run.vault_names()
        assert any(n.startswith("translate-job/") for n in names) == kept, names
        assert ("recent-files" in names) == kept, names
        for name in names:
            run.security.vault.delete(name)


def gui_translation_memory(ctx) -> None:
    for features, kept in ((("translation_memory",), False), ((), True)):
        run = GuiRun(ctx, *features)
        assert run.do(run.window.translate_tab.run()) == ""
        names = run.vault_names()
        assert any(n.startswith("translation-memory/") for n in names) == kept, names
        for name in names:  # the job state would make the next run resume, not translate
            run.security.vault.delete(name)


def gui_glossary(ctx) -> None:
    glossary = ctx.tmp_path / "glossary.csv"
    glossary.write_text("会議,meeting\n", encoding="utf-8")
    for features, allowed in (((), True), (("glossary",), False)):
        run = GuiRun(ctx, *features)
        tab = run.window.translate_tab
        assert tab.glossary_button.isEnabled() == allowed
        tab.set_glossary(glossary)
        error = run.do(tab.run())
        assert (error == "") == allowed, error
        if not allowed:
            assert REFUSED in error and "glossary" in error and tab.result is None


def gui_export(ctx) -> None:
    for features, allowed in (((), True), (("export",), False)):
        run = GuiRun(ctx, *features)
        window = run.window
        assert run.do(window.translate_tab.run()) == ""
        assert run.do(window.summarize_tab.run()) == ""
        assert run.do(window.proofread_tab.run()) == ""
        buttons = run.window._policy_locked_buttons() if not allowed else []
        assert all(not b.isEnabled() for b in buttons) and (allowed or buttons)
        outputs = [
            (window.translate_tab.save, _fresh(ctx, "t.docx")),
            (window.summarize_tab.save, _fresh(ctx, "s.txt")),
        ]
        for save, out in outputs:
            error = run.do(save(out))
            assert out.exists() == allowed, error
            if not allowed:
                assert REFUSED in error and "export" in error


def gui_audit_export(ctx) -> None:
    # The window offers no audit export at all (IT exports with the CLI, under the
    # same policy); should one appear, it must be checked here.
    from PySide6.QtGui import QAction

    run = GuiRun(ctx, "audit_export")
    texts = [a.text() for a in run.window.findChildren(QAction)]
    assert texts and not any("監査" in t or "audit" in t.lower() for t in texts)


def gui_not_offered_yet(feature: str):
    """As cli_not_offered_yet, for the window: no tab for the feature yet."""

    def check(ctx) -> None:
        from desk_assistant.gui.main_window import TAB_CLASSES

        assert feature not in TAB_CLASSES, f"write the GUI check for {feature!r}"

    return check


GUI_CHECKS = {
    "translate": gui_task("translate", "translate_tab"),
    "summarize": gui_task("summarize", "summarize_tab"),
    "proofread": gui_task("proofread", "proofread_tab"),
    "llm_suggestions": gui_llm_suggestions,
    "history": gui_history,
    "translation_memory": gui_translation_memory,
    "glossary": gui_glossary,
    "export": gui_export,
    "audit_export": gui_audit_export,
    "library": gui_task("library", "library_tab"),
    "laws": gui_task("laws", "laws_tab"),
}


# --- the tests -------------------------------------------------------------------------


class Ctx:
    def __init__(self, **kw) -> None:
        self.__dict__.update(kw)
        self.count = 0


def test_every_feature_has_both_checks():
    assert set(CLI_CHECKS) == set(KNOWN_FEATURES) == set(GUI_CHECKS)


@pytest.mark.parametrize("feature", sorted(KNOWN_FEATURES))
def test_policy_holds_in_the_cli(feature, doc, policy_file, cli_model, capsys, tmp_path):
    CLI_CHECKS[feature](
        Ctx(doc=doc, policy=policy_file, model=cli_model, capsys=capsys, tmp_path=tmp_path)
    )


@pytest.mark.parametrize("feature", sorted(KNOWN_FEATURES))
def test_policy_holds_in_the_gui(feature, doc, make_window, open_doc, wait_job, tmp_path):
    GUI_CHECKS[feature](
        Ctx(
            doc=doc,
            make_window=make_window,
            open_doc=open_doc,
            wait_job=wait_job,
            tmp_path=tmp_path,
        )
    )


def test_a_typed_question_is_audited_by_its_hash_in_the_gui_as_in_the_cli(
    doc, make_window, open_doc, wait_job, tmp_path
):
    """laws ask and library search/ask: the window's "started" record holds the
    question's SHA-256 and the model, never the text (the CLI's record, one AuditedTask)."""
    import hashlib

    ctx = Ctx(doc=doc, make_window=make_window, open_doc=open_doc, wait_job=wait_job)
    run = GuiRun(ctx)
    run.window.laws_tab.store_path = tmp_path / "laws.sqlite3"
    question = "機密XYZZY 審査基準は誰が定めるのか"
    for tab, action in (
        (run.window.library_tab, "run"),
        (run.window.library_tab, "ask"),
        (run.window.laws_tab, "ask"),
    ):
        tab.query_box.setText(question)
        assert run.do(getattr(tab, action)()) == ""
    started = [r for r in run.security.audit.records() if r["outcome"] == "started"]
    digest = hashlib.sha256(question.encode("utf-8")).hexdigest()
    tasks = {r["task"]: r for r in started if r.get("input_sha256") == digest}
    assert set(tasks) == {"library.search", "library.ask", "laws.ask"}, started
    assert tasks["library.ask"]["model_id"] == tasks["laws.ask"]["model_id"] == "fake"
    assert question.encode("utf-8") not in run.security.audit.path.read_bytes()
