"""The main window's task tabs come from session.registry.TASKS."""

from desk_assistant.session.registry import TASKS


def test_tabs_follow_the_task_registry(make_window):
    window = make_window()
    names = [spec.name for spec in TASKS if spec.tab]
    assert [tab.spec.name for tab in window.task_tabs] == names
    assert [window.tabs.widget(i) for i in range(window.tabs.count())] == window.task_tabs
    assert all(getattr(window, f"{name}_tab").spec.name == name for name in names)
