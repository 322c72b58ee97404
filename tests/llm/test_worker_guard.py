"""The engine child fails closed: without its offline guard it serves nothing."""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from desk_assistant.llm import worker


@pytest.fixture
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(worker._Worker, "serve", lambda self: calls.append(self))
    return calls


def _run_child():
    parent, child = multiprocessing.Pipe()
    worker.child_main(child, quiet=False)
    return parent.recv()


def test_child_refuses_when_the_guard_cannot_be_imported(monkeypatch, served):
    monkeypatch.setitem(sys.modules, "desk_assistant.security.offline", None)
    kind, what, detail = _run_child()
    assert (kind, what) == ("error", "offline_guard")
    assert "desk_assistant.security.offline" in detail
    assert served == []


def test_child_refuses_when_the_guard_fails_to_install(monkeypatch, served):
    from desk_assistant.security import offline

    def broken():
        raise RuntimeError("audit hook refused")

    monkeypatch.setattr(offline, "install_offline_guard", broken)
    kind, what, detail = _run_child()
    assert (kind, what) == ("error", "offline_guard")
    assert "audit hook refused" in detail
    assert served == []


def test_child_serves_once_the_guard_is_in(monkeypatch, served):
    from desk_assistant.security import offline

    installed = []
    monkeypatch.setattr(offline, "install_offline_guard", lambda: installed.append(True))
    worker.child_main(multiprocessing.Pipe()[1], quiet=False)
    assert installed == [True] and len(served) == 1
