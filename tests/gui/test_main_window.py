"""The real main window, driven offscreen: open, models, jobs, cancel, crash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel, QPushButton

from desk_assistant.llm.fake import FakeEngine


def test_three_task_tabs_in_japanese_with_mnemonics(make_window):
    window = make_window()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [
        "翻訳(&N)",
        "要約(&U)",
        "校正(&P)",
        "検索(&E)",
        "法令(&W)",
    ]  # 検索: issue 16, 法令: 17
    assert window.windowTitle() == "文書アシスタント"
    # Keyboard access: every menu action has a mnemonic, the common ones a shortcut.
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text()
        for action in menu_action.menu().actions():
            if not action.isSeparator():
                assert "&" in action.text(), action.text()
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.run_action.shortcut().toString() == "F5"
    assert window.cancel_action.shortcut().toString() == "Esc"


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text or "")
    return found.group(1).lower() if found else None


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_mnemonics_do_not_clash_within_what_is_on_screen(make_window, lang):
    from desk_assistant import i18n

    i18n.set_language(lang)
    window = make_window()
    shared = [a.text() for a in window.menuBar().actions()]
    shared += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    shared += [s.label.text() for s in window.model_bar.selectors.values()]
    for tab in window.task_tabs:
        widgets = tab.findChildren(QPushButton) + tab.findChildren(QLabel)
        texts = shared + [w.text() for w in widgets]
        keys = [k for k in map(_mnemonic, texts) if k]
        assert len(keys) == len(set(keys)), (tab.title, sorted(keys))


def test_english_ui(make_window, monkeypatch):
    from desk_assistant import i18n

    i18n.set_language("en")
    window = make_window()
    assert window.tabs.tabText(0) == "Tra&nslate" and window.windowTitle() == "Desk Assistant"


def test_open_a_corpus_docx_shows_it_in_every_tab(make_window, open_doc, corpus_docx):
    window = make_window(FakeEngine("x"))
    document = open_doc(window, corpus_docx)
    assert document.blocks
    first = next(b.text for b in document.blocks if b.text.strip())
    assert first in window.summarize_tab.source_view.toPlainText()
    assert first in window.proofread_tab.view.toPlainText()
    assert window.translate_tab.table.rowCount() > 0
    assert corpus_docx.name in window.windowTitle()
    # Recent files: remembered and offered in the menu.
    assert [a.toolTip() for a in window.recent_menu.actions()] == [str(corpus_docx.resolve())]


def test_drop_a_file_opens_it(make_window, qtbot, corpus_docx, wait_job):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(corpus_docx))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    wait_job(window.doc_operation)
    assert window.document is not None and Path(window.document.path) == corpus_docx


def test_a_bad_file_gives_a_message_not_a_traceback(make_window, tmp_path, wait_job):
    window = make_window()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    wait_job(window.open_document(bad))
    assert window.document is None and window.last_error
    assert "Traceback" not in window.last_error


def test_model_bar_shows_name_size_hardware_and_demo_badge(make_window):
    window = make_window(FakeEngine("x"), demo=True)
    selector = window.model_bar.selectors["general"]
    assert "Fake" in selector.info.text() and "CPU" in selector.info.text()
    assert " B" in selector.info.text()  # the size, human readable
    assert not selector.badge.isHidden() and selector.badge.text() == "デモモデル"
    plain = make_window(FakeEngine("x"))
    assert plain.model_bar.selectors["translate"].badge.isHidden()


def test_model_details_tooltip_names_file_license_and_hash_state(make_window):
    window = make_window(FakeEngine("x"), demo=True)
    tip = window.model_bar.selectors["general"].info.toolTip()
    assert "fake.gguf" in tip and "ライセンス: test" in tip and "SHA-256 未確認" in tip
    assert "few_shot" in tip


def test_offline_indicator(make_window):
    class Guard:
        active, count = True, 0

    class Security:
        guard, policy = Guard(), None

    on = make_window(security=Security())
    assert on.offline_label.text() == "● オフライン"
    off = make_window()
    assert "オフライン保護なし" in off.offline_label.text()


def test_summary_job_streams_with_progress_and_buttons_follow(
    make_window, open_doc, corpus_docx, wait_job
):
    reply = "・本書はよくある質問をまとめたものである。\n・回答を示す。\n・以上。"
    window = make_window(FakeEngine(reply, piece_chars=1, delay=0.002))
    open_doc(window, corpus_docx)
    window.tabs.setCurrentWidget(window.summarize_tab)
    seen = []
    op = window.summarize_tab.run()
    op.piece.connect(seen.append)
    assert window.busy() and window.cancel_action.isEnabled()
    assert not window.summarize_tab.run_button.isEnabled()
    assert not window.job_bar.cancel_button.isHidden()
    wait_job(op)
    assert seen  # streamed piece by piece
    assert window.summarize_tab.summary_view.toPlainText().startswith("・本書は")
    assert window.summarize_tab.run_button.isEnabled() and not window.busy()
    assert window.job_bar.cancel_button.isHidden()


def test_cancel_is_quiet_and_keeps_what_was_streamed(make_window, open_doc, corpus_docx, qtbot):
    window = make_window(FakeEngine("・" + "長い要約。" * 300, piece_chars=1, delay=0.005))
    open_doc(window, corpus_docx)
    op = window.summarize_tab.run()
    qtbot.waitUntil(lambda: bool(window.summarize_tab.summary_view.toPlainText()), timeout=5000)
    with qtbot.waitSignal(op.finished, timeout=10000):
        window.job_bar.cancel_button.click()
    op.wait()
    assert window.last_error == ""  # no error dialog
    assert window.job_bar.label.text() == "キャンセルしました"
    assert "キャンセル" in window.last_status
    assert window.summarize_tab.summary_view.toPlainText()  # what streamed stays


def test_cancelled_is_said_once(make_window, open_doc, corpus_docx, qtbot):
    """キャンセルしました in the job area only; the notice line adds what matters (the
    summary is incomplete), not the outcome again."""
    window = make_window(FakeEngine("・" + "長い要約。" * 300, piece_chars=1, delay=0.005))
    open_doc(window, corpus_docx)
    op = window.summarize_tab.run()
    qtbot.waitUntil(lambda: bool(window.summarize_tab.summary_view.toPlainText()), timeout=5000)
    with qtbot.waitSignal(op.finished, timeout=10000):
        window.job_bar.cancel_button.click()
    op.wait()
    shown = [window.job_bar.label.text(), window.statusBar().currentMessage(), window.notice.text()]
    assert sum(text.count("キャンセル") for text in shown) == 1, shown
    assert "未完成" in window.notice.text()


def test_document_warnings_show_in_the_notice_line_one_per_line(make_window, tmp_path):
    """Whatever the reader warns about (OCR text, private-use glyphs shown as 〓…) stays
    readable above the tabs, each warning on its own line."""
    from desk_assistant.documents import load

    path = tmp_path / "memo.txt"
    path.write_text("会議を行う。", encoding="utf-8")
    document = load(path)
    document.warnings += ["外字（私用領域の文字）が 3 文字あります。", "OCR の文字です。"]
    window = make_window()
    window._document_loaded(path, document)
    assert window.notice.text() == "⚠ 外字（私用領域の文字）が 3 文字あります。\n⚠ OCR の文字です。"
    window.menuBar().actions()[0].hover()  # a menu's hover tip does not wipe it
    assert "外字" in window.notice.text()
    # The next document without warnings: the last one's are not about it.
    clean = tmp_path / "clean.txt"
    clean.write_text("資料を確認する。", encoding="utf-8")
    window._document_loaded(clean, load(clean))
    assert window.notice.text() == ""
    # Another notice (an error) is not the document's to clear.
    window._document_loaded(path, document)
    window.status("エラーです", 0)
    window._document_loaded(clean, load(clean))
    assert window.notice.text() == "エラーです"


def test_escape_cancels_the_job(make_window, open_doc, corpus_docx, qtbot):
    window = make_window(FakeEngine("・" + "長い要約。" * 300, piece_chars=1, delay=0.005))
    open_doc(window, corpus_docx)
    op = window.summarize_tab.run()
    qtbot.wait(30)
    with qtbot.waitSignal(op.finished, timeout=10000):
        window.cancel_action.trigger()
    op.wait()
    assert window.job_bar.label.text() == "キャンセルしました" and not window.last_error


def test_engine_crash_shows_a_message_marks_failed_and_keeps_the_window(
    make_window, open_doc, corpus_docx, wait_job
):
    window = make_window(FakeEngine("・abcdef" * 20, crash_after=3))
    document = open_doc(window, corpus_docx)
    op = window.summarize_tab.run()
    wait_job(op)
    assert "推論プロセス" in window.last_error
    assert window.job_bar.label.text().startswith("失敗")
    assert window.summarize_tab.summary_view.toPlainText()  # the pieces before the crash
    assert window.document is document  # the document stays
    assert window.summarize_tab.run_button.isEnabled()  # the next run restarts the engine


def test_one_job_at_a_time(make_window, open_doc, corpus_docx, wait_job):
    window = make_window(FakeEngine("・" + "長い。" * 100, piece_chars=1, delay=0.005))
    open_doc(window, corpus_docx)
    op = window.summarize_tab.run()
    assert window.proofread_tab.run() is None and "ほかの処理" in window.last_status
    assert window.open_document(corpus_docx) is None  # no document swap under a running task
    op.cancel()
    wait_job(op)


def test_font_size_zoom_is_saved(make_window):
    window = make_window()
    before = window.font().pointSizeF()
    window.zoom(1)
    assert window.font().pointSizeF() == round(before) + 1
    assert window.settings.get("ui.font_size") == round(before) + 1
    window.zoom(0)
    assert window.font().pointSizeF() == before


def test_load_model_runs_as_a_job_and_reports_a_missing_model(make_window, wait_job):
    window = make_window()
    op = window.load_model()
    assert op is not None
    wait_job(op)
    # No model in this test's home: a clear message, no crash, selectors say so.
    assert window.last_error
    assert window.model_bar.selectors["general"].info.text() == "読み込めません"
    # Said for a civil servant: no command line, no `make run`; where to put a model.
    assert "make" not in window.last_error and "desk-assistant" not in window.last_error
    from desk_assistant.paths import user_model_dir

    assert str(user_model_dir()) in window.last_error and "再読み込み" in window.last_error


@pytest.mark.parametrize("suffix", [".txt"])
def test_open_plain_text(make_window, open_doc, tmp_path, suffix):
    path = tmp_path / f"memo{suffix}"
    path.write_text("会議を行なう。\n以上。", encoding="utf-8")
    window = make_window()
    open_doc(window, path)
    assert "会議を行なう。" in window.proofread_tab.view.toPlainText()


def test_features_disabled_by_policy_are_shown_locked(make_window):
    from desk_assistant.security.policy import Policy

    class Security:
        guard = None
        policy = Policy(disabled_features=frozenset({"translate", "llm_suggestions"}))

    window = make_window(security=Security())
    assert not window.translate_tab.isEnabled() and window.summarize_tab.isEnabled()
    assert window.tabs.tabToolTip(0) == "組織により管理されています"
    assert window.proofread_tab.llm_box.isHidden()


def test_proofread_with_model_suggestions(make_window, open_doc, tmp_path, wait_job):
    path = tmp_path / "memo.txt"
    path.write_text("会議を行なう予定です。", encoding="utf-8")
    window = make_window(FakeEngine("[]"))
    open_doc(window, path)
    tab = window.proofread_tab
    assert tab.llm_box.isEnabled()
    tab.llm_box.setChecked(True)
    wait_job(tab.run())
    assert not window.last_error, window.last_error
    assert any(r.finding.surface == "行なう" for r in tab.reviews)


def test_recent_files_are_kept_encrypted_in_the_vault(tmp_path):
    import os

    from desk_assistant.gui.recent import RecentFiles
    from desk_assistant.security.vault import Vault

    vault = Vault(tmp_path / "vault", os.urandom(32))
    secret = tmp_path / "人事案_機密.docx"
    recent = RecentFiles(lambda: vault)
    assert recent.add(secret) == [secret.resolve()]
    assert RecentFiles(lambda: vault).load() == [secret.resolve()]  # persists across windows
    on_disk = b"".join(p.read_bytes() for p in (tmp_path / "vault").iterdir())
    assert "人事案".encode() not in on_disk and b"docx" not in on_disk
    memory_only = RecentFiles()
    memory_only.add(secret)
    assert memory_only.load() == [secret.resolve()]


def test_dropping_an_unsupported_file_says_so_and_copies(make_window, tmp_path, wait_job):
    from PySide6.QtGui import QDragEnterEvent

    window = make_window()
    old_word = tmp_path / "report.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(old_word))])
    actions = Qt.CopyAction | Qt.MoveAction  # what a file manager offers
    enter = QDragEnterEvent(QPoint(10, 10), actions, mime, Qt.LeftButton, Qt.NoModifier)
    enter.setDropAction(Qt.MoveAction)  # as proposed by the source
    enter.ignore()
    window.dragEnterEvent(enter)
    assert enter.isAccepted() and enter.dropAction() == Qt.CopyAction  # never a move
    drop = QDropEvent(QPointF(10, 10), actions, mime, Qt.LeftButton, Qt.NoModifier)
    drop.setDropAction(Qt.MoveAction)
    window.dropEvent(drop)
    assert drop.dropAction() == Qt.CopyAction
    wait_job(window.doc_operation)
    assert window.document is None
    assert "report.doc" in window.last_error and "Traceback" not in window.last_error
    assert old_word.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # the source is untouched


def test_recent_files_locked_during_a_job_and_old_errors_cleared(
    make_window, open_doc, wait_job, tmp_path
):
    path = tmp_path / "memo.txt"
    path.write_text("会議を行なう。\n以上。", encoding="utf-8")
    window = make_window()
    open_doc(window, path)
    assert window.recent_menu.isEnabled()
    window.show_error("古いエラー")
    assert window.notice.text() == "古いエラー"  # stays, wrapped, above the tabs
    op = window.proofread_tab.run()
    assert not window.recent_menu.isEnabled()  # opening another file now would be refused
    assert window.notice.text() != "古いエラー"
    wait_job(op)
    assert window.recent_menu.isEnabled()


def test_the_open_dialog_starts_in_the_last_documents_folder(
    make_window, open_doc, tmp_path, monkeypatch
):
    from desk_assistant.gui import main_window

    folder = tmp_path / "案件"
    folder.mkdir()
    path = folder / "memo.txt"
    path.write_text("会議を行う。", encoding="utf-8")
    seen = []

    def fake_dialog(parent, title, start, filters):
        seen.append(start)
        return "", ""

    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileName", fake_dialog)
    window = make_window()
    window.choose_file()
    open_doc(window, path)
    window.choose_file()
    assert seen == ["", str(folder)]


def test_save_and_glossary_dialogs_start_where_the_user_chose_last(
    make_window, open_doc, tmp_path, monkeypatch, wait_job
):
    """The first save goes next to the document; after the user saved into another
    folder, the next save dialog (any tab) proposes that folder, with its own name."""
    from PySide6.QtWidgets import QFileDialog

    source, outputs, glossaries = tmp_path / "案件", tmp_path / "提出用", tmp_path / "用語"
    for folder in (source, outputs, glossaries):
        folder.mkdir()
    path = source / "memo.txt"
    path.write_text("会議を行なう予定です。", encoding="utf-8")
    (glossaries / "g.csv").write_text("会議,meeting\n", encoding="utf-8")
    seen = []

    def save_dialog(parent, title, start, *rest):
        seen.append(start)
        return str(outputs / "mine.docx"), ""

    def open_dialog(parent, title, start, *rest):
        seen.append(start)
        return str(glossaries / "g.csv"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    window = make_window()
    open_doc(window, path)
    proofread = window.proofread_tab
    wait_job(proofread.run())
    monkeypatch.setattr(proofread, "export", lambda kind, out: None)
    proofread.choose_export("comments")
    assert Path(seen[-1]).parent == source  # next to the document
    proofread.choose_export("comments")
    assert seen[-1] == str(outputs / Path(seen[0]).name)  # where the user saved
    monkeypatch.setattr(window.summarize_tab, "save", lambda out: None)
    window.summarize_tab.choose_save()
    assert Path(seen[-1]).parent == outputs and "summary" in Path(seen[-1]).name
    window.translate_tab.choose_glossary()
    assert seen[-1] == ""
    window.translate_tab.choose_glossary()
    assert seen[-1] == str(glossaries)


def test_a_lasting_notice_survives_menu_hover_and_can_be_dismissed(make_window, qtbot):
    window = make_window()
    window.show()
    long = (
        "鍵をOSの鍵ストアに保存できないため、翻訳メモリは暗号化したファイルの鍵で保護しています。"
        * 2
    )
    window.status(long, 0)
    assert window.notice.text() == long and window.notice.label.wordWrap()
    window.statusBar().showMessage("メニューのヒント", 2000)  # what a menu hover does
    assert window.notice.text() == long
    assert window.minimumSizeHint().width() <= 1280  # wraps, does not widen the window
    window.notice.close_button.click()
    assert window.notice.text() == "" and not window.notice.isVisible()


def test_the_done_message_stays_in_the_job_area(make_window, open_doc, wait_job, tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("会議を行なう。", encoding="utf-8")
    window = make_window()
    open_doc(window, path)
    wait_job(window.proofread_tab.run())
    assert window.job_bar.label.text().startswith("完了: 校正（")
