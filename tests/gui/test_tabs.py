"""Each task tab run in the real window on a corpus docx with the scripted engine."""

from __future__ import annotations

import zipfile

import docx
from PySide6.QtCore import Qt

from desk_assistant.gui.tabs.proofread_tab import ACCEPTED, IGNORED, PENDING
from desk_assistant.llm.fake import FakeEngine


def _summary_reply(prompt) -> str:
    return "・本書はよくある質問への回答をまとめたものである。\n・回答は2030年に改訂する。"


def _quoting_reply(window):
    """A summary whose first line quotes the document (so it gets a citation)."""

    def reply(prompt) -> str:
        quote = max((b.text for b in window.document.blocks), key=len)[:60]
        return f"・{quote}\n・回答は2030年に改訂する。"

    return reply


def test_summarize_streams_cites_sources_and_flags_ungrounded_figures(
    make_window, open_doc, corpus_docx, wait_job
):
    engine = FakeEngine("", piece_chars=3)
    window = make_window(engine)
    engine.reply_with(_quoting_reply(window))
    open_doc(window, corpus_docx)
    tab = window.summarize_tab
    assert tab.style_box.count() >= 2  # styles come from resources/styles
    pieces = []
    op = tab.run()
    op.piece.connect(pieces.append)
    wait_job(op)
    assert not window.last_error, window.last_error
    assert tab.summary_view.toPlainText().startswith("・")
    assert "".join(pieces)  # streamed
    # Citations are listed and clicking one scrolls the source view to its block.
    assert tab.citations.count() >= 1
    item = tab.citations.item(0)
    tab.citations.itemClicked.emit(item)
    cursor = tab.source_view.textCursor()
    location = tab.result.citations[0].location
    assert cursor.selectionStart() == tab.source_view.qt_pos(tab.source_view.block_starts[location])
    # "2030年" is nowhere in the source: flagged and highlighted in the summary.
    assert any("2030" in f.surface for f in tab.result.findings)
    assert tab.summary_view.extraSelections()
    assert "2030" in tab.notes.text()


def test_an_invented_summary_line_carries_a_warning_inline_and_in_the_file(
    make_window, open_doc, corpus_docx, wait_job, tmp_path
):
    """A line with no source behind it says so on the line itself (⚠ 原文に根拠が
    見つかりません), where a quoted line names its source; the saved file says the same."""
    engine = FakeEngine("", piece_chars=5)
    window = make_window(engine)

    def reply(prompt) -> str:
        quote = max((b.text for b in window.document.blocks), key=len)[:60]
        return f"・{quote}\n・月面基地の建設計画を火星探査機で進める。"

    engine.reply_with(reply)
    open_doc(window, corpus_docx)
    tab = window.summarize_tab
    wait_job(tab.run())
    assert any(f.kind == "unsupported" and f.unit == 1 for f in tab.result.findings)
    quoted, invented = tab.summary_view.toPlainText().splitlines()
    label = tab.result.citation_for(0).label
    assert quoted.endswith(f"［{label}］") and "⚠" not in quoted
    assert invented.startswith("・月面基地") and invented.endswith("⚠ 原文に根拠が見つかりません")
    # The ⚠ note is tinted, like the findings.
    text = tab.summary_view.toPlainText()
    flag = text.index("⚠")
    assert any(
        s.cursor.selectionStart() <= flag < s.cursor.selectionEnd()
        for s in tab.summary_view.extraSelections()
    )
    out = tmp_path / "s.txt"
    wait_job(tab.save(out))
    saved = out.read_text(encoding="utf-8")
    assert "月面基地の建設計画を火星探査機で進める。　⚠ 原文に根拠が見つかりません" in saved
    assert f"［{label}］" in saved


def test_summary_saves_as_txt_and_docx(make_window, open_doc, corpus_docx, wait_job, tmp_path):
    window = make_window(FakeEngine(_summary_reply))
    open_doc(window, corpus_docx)
    wait_job(window.summarize_tab.run())
    txt, docx = tmp_path / "s.txt", tmp_path / "s.docx"
    wait_job(window.summarize_tab.save(txt))
    wait_job(window.summarize_tab.save(docx))
    assert "本書は" in txt.read_text(encoding="utf-8")
    assert "本書は" in zipfile.ZipFile(docx).read("word/document.xml").decode()
    # Never over the input.
    wait_job(window.summarize_tab.save(corpus_docx))
    assert window.last_error


def test_proofread_findings_sync_with_the_text_and_accept_ignore(
    make_window, open_doc, tmp_path, wait_job
):
    path = tmp_path / "memo.txt"
    path.write_text("会議を行なう予定です。\nまず最初に資料を確認する事。", encoding="utf-8")
    window = make_window()
    open_doc(window, path)
    tab = window.proofread_tab
    window.tabs.setCurrentWidget(tab)
    wait_job(tab.run())
    surfaces = [r.finding.surface for r in tab.reviews]
    assert "行なう" in surfaces and "まず最初に" in surfaces
    assert tab.tree.topLevelItemCount() == len(tab.reviews)
    # Select a finding: its span is selected in the text view.
    index = surfaces.index("まず最初に")
    tab.tree.setCurrentItem(tab.tree.topLevelItem(index))
    review = tab.reviews[index]
    text = tab.view.toPlainText()
    assert text[review.start : review.end] == "まず最初に"
    cursor = tab.view.textCursor()
    assert cursor.position() == review.start
    # Click in the text on another finding: the list follows.
    first = tab.reviews[0]
    cursor.setPosition(first.start + 1)
    tab.view.setTextCursor(cursor)
    assert tab.current_review() is first
    # Accept, ignore, and pressing again undoes.
    tab.set_status(ACCEPTED)
    assert first.status == ACCEPTED and tab.current_review() is tab.reviews[1]
    tab.set_status(IGNORED)
    assert tab.reviews[1].status == IGNORED
    tab.tree.setCurrentItem(tab.tree.topLevelItem(1))
    tab.set_status(IGNORED)
    assert tab.reviews[1].status == PENDING
    assert "採用 1" in tab.summary.text()
    # Columns: status, severity, rule, message, suggestion.
    item = tab.tree.topLevelItem(0)
    assert item.text(0) == "採用" and item.text(1) in ("エラー", "警告", "情報")
    assert item.text(4) == first.finding.suggestion


def test_proofread_a_docx_and_export_comments_and_tracked_changes(
    make_window, open_doc, corpus_docx, wait_job, tmp_path
):
    window = make_window()
    open_doc(window, corpus_docx)
    tab = window.proofread_tab
    wait_job(tab.run())
    assert tab.reviews, "the corpus FAQ has findings"
    assert all(r.finding.location for r in tab.reviews)
    # Each finding's span in the view is its surface in the document.
    text = tab.view.toPlainText()
    assert all(text[r.start : r.end] == r.finding.surface for r in tab.reviews)
    assert tab.comment_button.isEnabled()
    accepted = next(r for r in tab.reviews if r.finding.suggestion)
    tab.tree.setCurrentItem(tab.tree.topLevelItem(tab.reviews.index(accepted)))
    tab.set_status(ACCEPTED)
    commented, tracked = tmp_path / "c.docx", tmp_path / "t.docx"
    wait_job(tab.export("comments", commented))
    wait_job(tab.export("tracked", tracked))
    assert not window.last_error, window.last_error
    assert "word/comments.xml" in zipfile.ZipFile(commented).namelist()
    assert "<w:ins " in zipfile.ZipFile(tracked).read("word/document.xml").decode()


def _translate_reply(prompt) -> str:
    return "Translated text 2030."


def test_translate_fills_rows_as_segments_stream_and_saves(
    make_window, open_doc, corpus_docx, wait_job, tmp_path
):
    window = make_window(FakeEngine(_translate_reply))
    open_doc(window, corpus_docx)
    tab = window.translate_tab
    assert tab.notice.isHidden()  # no empty line above the table
    rows = []
    op = tab.run()
    op.item.connect(rows.append)
    progress = []
    op.progress.connect(lambda d, t: progress.append((d, t)))
    wait_job(op, timeout=60000)
    assert not window.last_error, window.last_error
    assert rows and progress and progress[-1][0] == progress[-1][1]
    filled = [tab.table.item(r, 1).text() for r in range(tab.table.rowCount())]
    assert sum(bool(t) for t in filled) >= len(filled) // 2
    # The invented "2030" is a consistency finding: the row is tinted with a tooltip.
    tinted = [
        tab.table.item(r, 1) for r in range(tab.table.rowCount()) if tab.table.item(r, 1).toolTip()
    ]
    assert tinted
    # The verdict stays above the table after the status bar's message has passed.
    assert not tab.notice.isHidden() and "判定 要確認" in tab.notice.text()
    out, both = tmp_path / "en.docx", tmp_path / "bi.docx"
    wait_job(tab.save(out))
    wait_job(tab.save(both, bilingual=True))
    assert not window.last_error, window.last_error
    assert "Translated text" in zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "Translated text" in zipfile.ZipFile(both).read("word/document.xml").decode()


def test_translate_crash_keeps_finished_rows(make_window, open_doc, corpus_docx, wait_job):
    engine = FakeEngine([_translate_reply(None)] * 3 + ["x" * 50], crash_after=2, piece_chars=1)
    engine.crash_after = None  # first replies fine; the 4th crashes
    replies = iter(range(10_000))

    def reply(prompt):
        n = next(replies)
        engine.crash_after = 2 if n >= 3 else None
        return "Done segment."

    engine.reply_with(reply)
    window = make_window(engine)
    open_doc(window, corpus_docx)
    tab = window.translate_tab
    wait_job(tab.run(), timeout=60000)
    assert "推論プロセス" in window.last_error
    filled = [tab.table.item(r, 1).text() for r in range(tab.table.rowCount())]
    assert "Done segment." in filled  # what was finished stays on screen
    assert window.document is not None
    # The finished part can be saved; the file marks every untranslated paragraph.
    from desk_assistant.gui.tabs.translate_tab import PARTIAL_NOTE
    from desk_assistant.tasks.translate.pipeline import KEPT_MARK

    assert tab.partial and tab.save_button.isEnabled() and window.unsaved_work()
    assert PARTIAL_NOTE[0] in window.notice.text()
    out = corpus_docx.parent / "partial_en.docx"
    wait_job(tab.save(out), timeout=60000)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any("Done segment." in t for t in texts)
    assert any(KEPT_MARK in t for t in texts)
    assert not any(KEPT_MARK in t and "Done segment." in t for t in texts)
    # The file says at its top that it is incomplete, in both languages; so does the
    # bilingual table's title.
    from desk_assistant.gui.tabs.translate_tab import PARTIAL_BANNER

    assert next(t for t in texts if t.strip()).startswith(PARTIAL_BANNER)
    assert sum(PARTIAL_BANNER in t for t in texts) == 1
    both = corpus_docx.parent / "partial_bi.docx"
    wait_job(tab.save(both, bilingual=True), timeout=60000)
    bilingual = docx.Document(str(both))
    assert PARTIAL_BANNER in bilingual.paragraphs[0].text  # the title, above the table


def test_translate_with_the_vault_uses_memory_and_resumable_job(
    make_window, open_doc, corpus_docx, wait_job, tmp_path
):
    from desk_assistant.security.startup import secure_startup
    from desk_assistant.settings import Settings

    settings = Settings(path=tmp_path / "settings.json")
    security = secure_startup(settings, on_warning=lambda text: None)
    engine = FakeEngine(_translate_reply)
    window = make_window(engine, settings=settings, security=security)
    open_doc(window, corpus_docx)
    tab = window.translate_tab
    wait_job(tab.run(), timeout=60000)
    assert not window.last_error, window.last_error
    calls = len(engine.prompts)
    assert calls and tab.job is not None
    # Same document again: the translation memory answers, the model is not asked.
    wait_job(tab.run(), timeout=60000)
    assert len(engine.prompts) == calls
    assert tab.result.stats and not window.last_error


def test_proofread_an_excel_book_exports_cell_comments_not_tracked_changes(
    make_window, open_doc, wait_job, tmp_path
):
    import re
    import shutil
    import zipfile
    from pathlib import Path

    import pytest

    office = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "office"
    books = sorted(office.glob("xlsx04*.xlsx"))
    if not books:
        pytest.skip("shared/corpus/office not available")
    book = tmp_path / books[0].name
    shutil.copy2(books[0], book)
    window = make_window()
    open_doc(window, book)
    tab = window.proofread_tab
    wait_job(tab.run())
    assert tab.reviews, "the form has findings"
    # Issue 18: an Excel book carries findings as cell comments; tracked changes are Word's.
    assert tab.comment_button.isEnabled() and not tab.tracked_button.isEnabled()
    out = tmp_path / "form.commented.xlsx"
    wait_job(tab.export("comments", out))
    assert not window.last_error, window.last_error
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if re.match(r"xl/comments\d+", n))
    assert xml.count("<comment ") == len({r.finding.location for r in tab.reviews})


def test_translating_an_excel_form_says_where_a_vertical_label_was_merged(
    make_window, open_doc, wait_job, tmp_path
):
    import shutil
    from pathlib import Path

    import pytest

    office = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "office"
    books = sorted(office.glob("xlsx04*.xlsx"))
    if not books:
        pytest.skip("shared/corpus/office not available")
    book = tmp_path / books[0].name
    shutil.copy2(books[0], book)
    window = make_window(FakeEngine(lambda prompt: "Outline of the development activity"))
    open_doc(window, book)
    tab = window.translate_tab
    wait_job(tab.run(), timeout=60000)
    out = tmp_path / "form.en.xlsx"
    wait_job(tab.save(out), timeout=60000)
    assert not window.last_error, window.last_error
    assert out.exists()
    # The writer's note (the label 「開発行為の概要」 read across A12:A18) stays on screen.
    assert "注意" in window.last_status
    assert "A12:A18" in tab.notice.text() and not tab.notice.isHidden()


def test_proofread_rerun_keeps_decisions_and_locks_them_during_the_run(
    make_window, open_doc, tmp_path, wait_job
):
    path = tmp_path / "memo.txt"
    path.write_text("会議を行なう予定です。\nまず最初に資料を確認する事。", encoding="utf-8")
    window = make_window()
    open_doc(window, path)
    tab = window.proofread_tab
    wait_job(tab.run())
    assert len(tab.reviews) >= 2
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    first = tab.reviews[0].finding.surface
    tab.set_status(IGNORED)
    second = tab.current_review().finding.surface
    tab.set_status(ACCEPTED if tab.accept_button.isEnabled() else IGNORED)
    decided = {r.finding.surface: r.status for r in tab.reviews if r.status != PENDING}
    assert set(decided) == {first, second}
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    op = tab.run()
    # During the run: no decision can be made (the list is replaced at the end).
    assert window.busy()
    assert not tab.accept_button.isEnabled() and not tab.ignore_button.isEnabled()
    tab.set_status(ACCEPTED)
    wait_job(op)
    after = {r.finding.surface: r.status for r in tab.reviews if r.status != PENDING}
    assert after == decided
    assert tab.tree.topLevelItem(0).text(0) == "無視"
    assert "無視" in tab.summary.text()


def test_proofread_rule_column_shows_the_rule_title_not_its_id(
    make_window, open_doc, tmp_path, wait_job
):
    from desk_assistant import i18n
    from desk_assistant.tasks.proofread import RULES

    path = tmp_path / "memo.txt"
    path.write_text(
        "会議を行なう予定です。\nまず最初に資料を確認する事。ＡＢＣとabc。", encoding="utf-8"
    )
    for lang in ("ja", "en"):
        i18n.set_language(lang)
        window = make_window()
        open_doc(window, path)
        tab = window.proofread_tab
        wait_job(tab.run())
        assert tab.reviews
        for index, review in enumerate(tab.reviews):
            item = tab.tree.topLevelItem(index)
            rule = RULES[review.finding.rule]
            assert item.text(2) == (rule.title_ja if lang == "ja" else rule.title_en)
            assert item.text(2) != review.finding.rule and item.toolTip(2) == rule.id


def test_proofread_findings_sort_filter_and_bulk_per_rule(
    make_window, open_doc, tmp_path, wait_job
):
    from collections import Counter

    from desk_assistant.gui.tabs.proofread_tab import SEVERITY_ORDER

    path = tmp_path / "memo.txt"
    path.write_text(
        "会議を行なう予定です。打合せを行なう。\n"
        "まず最初に資料を確認する事。ＡＢＣとabc。一番最初に行なう事。",
        encoding="utf-8",
    )
    window = make_window()
    open_doc(window, path)
    tab = window.proofread_tab
    wait_job(tab.run())
    rules = Counter(r.finding.rule for r in tab.reviews)
    rule, many = rules.most_common(1)[0]
    assert many >= 2 and len(rules) >= 2

    def shown():
        return [
            tab.tree.topLevelItem(i)
            for i in range(tab.tree.topLevelItemCount())
            if not tab.tree.topLevelItem(i).isHidden()
        ]

    # Filter by rule: only that rule's rows; the filter lists each rule once, with a count.
    tab.rule_filter.setCurrentIndex(tab.rule_filter.findData(rule))
    assert len(shown()) == many
    assert all(tab.reviews[tab._index(item)].finding.rule == rule for item in shown())
    assert f"({many})" in tab.rule_filter.currentText()
    # Bulk: ignore every shown finding of the selected finding's rule, and nothing else.
    tab.tree.setCurrentItem(shown()[0])
    assert tab.ignore_rule_button.isEnabled()
    assert tab.set_rule_status("ignored") == many
    assert all((r.status == "ignored") == (r.finding.rule == rule) for r in tab.reviews)
    assert f"無視 {many}" in tab.summary.text()
    # Filter by severity (the rule filter back to all).
    tab.rule_filter.setCurrentIndex(0)
    tab.severity_filter.setCurrentIndex(tab.severity_filter.findData("warning"))
    assert shown() and all(
        tab.reviews[tab._index(item)].finding.severity == "warning" for item in shown()
    )
    tab.severity_filter.setCurrentIndex(0)
    assert len(shown()) == len(tab.reviews)
    # Sort by severity (weight, not word): rows map to their own finding after sorting.
    tab.tree.sortByColumn(1, Qt.DescendingOrder)
    weights = [SEVERITY_ORDER[tab.reviews[tab._index(item)].finding.severity] for item in shown()]
    assert weights == sorted(weights, reverse=True) and weights[0] > weights[-1]
    first = tab.tree.topLevelItem(0)
    tab.tree.setCurrentItem(first)
    review = tab.current_review()
    assert review is tab.reviews[tab._index(first)] and review is not tab.reviews[0]
    tab.set_status(ACCEPTED)  # acts on the selected row's finding, not on row 0 of the text
    assert review.status == ACCEPTED and first.text(0) == "採用"
    text = tab.view.toPlainText()
    assert text[review.start : review.end] == review.finding.surface  # the text follows


def test_a_cancelled_summary_saves_marked_incomplete(
    make_window, open_doc, tmp_path, wait_job, qtbot
):
    from desk_assistant.gui.tabs.summarize_tab import PARTIAL_NOTE

    path = tmp_path / "memo.txt"
    path.write_text("会議を行う予定である。\n資料を確認すること。", encoding="utf-8")
    engine = FakeEngine("・会議を行う予定である。" * 40, delay=0.02)
    window = make_window(engine)
    open_doc(window, path)
    tab = window.summarize_tab
    op = tab.run()
    qtbot.waitUntil(lambda: len(tab.summary_view.toPlainText()) > 4, timeout=10000)
    window.cancel()
    wait_job(op)
    assert tab.partial and tab.save_button.isEnabled()
    assert window.unsaved_work()  # closing would ask
    out = tmp_path / "partial.txt"
    wait_job(tab.save(out))
    saved = out.read_text(encoding="utf-8")
    assert saved.startswith(PARTIAL_NOTE[0]) and "会議を行う" in saved
    # A complete run is not marked.
    engine.reply_with("・会議を行う予定である。")
    wait_job(tab.run())
    assert not tab.partial
    done = tmp_path / "done.txt"
    wait_job(tab.save(done))
    assert PARTIAL_NOTE[0] not in done.read_text(encoding="utf-8")


def test_proofread_status_column_fits_its_words_in_english(
    make_window, open_doc, tmp_path, wait_job
):
    from desk_assistant import i18n

    i18n.set_language("en")
    path = tmp_path / "memo.txt"
    path.write_text("会議を行なう予定です。", encoding="utf-8")
    window = make_window()
    open_doc(window, path)
    tab = window.proofread_tab
    wait_job(tab.run())
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    tab.set_status(ACCEPTED)
    item = tab.tree.topLevelItem(0)
    assert item.text(0) == "Accepted"
    assert tab.tree.columnWidth(0) > tab.tree.fontMetrics().horizontalAdvance("Accepted")


def test_proofread_shows_the_current_finding_in_full_below_the_table(
    make_window, open_doc, corpus_docx, wait_job
):
    """At 1280 px in English the message column elides ("The document mi…"): the line
    under the table gives the current finding whole, and the rule column is capped."""
    from desk_assistant import i18n

    i18n.set_language("en")
    window = make_window()
    window.resize(1280, 720)
    window.show()
    open_doc(window, corpus_docx)
    tab = window.proofread_tab
    wait_job(tab.run())
    assert tab.detail.text() == ""
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    review = tab.current_review()
    detail = tab.detail.text()
    assert review.finding.message() in detail and detail.startswith("【")
    if review.finding.suggestion:
        assert f"Suggestion: {review.finding.suggestion}" in detail
    cap = 24 * tab.tree.fontMetrics().averageCharWidth()
    assert tab.tree.columnWidth(2) <= cap
    assert tab.tree.columnWidth(3) > tab.tree.columnWidth(2)  # the message gets the room


def test_translate_rows_follow_the_text_size(make_window, open_doc, tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("会議を行う予定である。\n資料を確認すること。", encoding="utf-8")
    window = make_window()
    open_doc(window, path)
    table = window.translate_tab.table
    before = table.rowHeight(0)
    for _ in range(6):
        window.zoom(1)
    assert table.rowHeight(0) > before
    window.zoom(0)
    assert table.rowHeight(0) == before


def test_a_long_document_sizes_its_translation_rows_a_slice_at_a_time(
    make_window, open_doc, tmp_path, qtbot
):
    """All rows of a long PDF at once held the window ~110 ms (796 rows): the rows on
    screen are sized at once, the rest a slice per event-loop turn."""
    path = tmp_path / "long.txt"
    long_line = "本件は、関係機関との調整を踏まえて検討を進めるものである。" * 6
    path.write_text("\n\n".join([long_line] * 2000), encoding="utf-8")
    window = make_window()
    window.resize(1280, 720)
    window.show()
    open_doc(window, path)
    tab = window.translate_tab
    table = tab.table
    assert table.rowCount() == 2000
    assert 0 < tab._next_row < 2000  # on screen now, the rest later
    one_line = table.fontMetrics().height() * 1.5
    assert table.rowHeight(0) > one_line  # the first rows are already wrapped
    qtbot.waitUntil(lambda: tab._next_row == 2000, timeout=20000)
    assert table.rowHeight(1999) == table.rowHeight(0)


def test_summary_citations_wrap_instead_of_scrolling(make_window):
    from PySide6.QtCore import Qt

    citations = make_window().summarize_tab.citations
    assert citations.wordWrap()
    assert citations.horizontalScrollBarPolicy() == Qt.ScrollBarAlwaysOff


def test_a_saved_demo_model_summary_keeps_the_demo_note(make_window, open_doc, tmp_path, wait_job):
    from desk_assistant.gui.tabs.summarize_tab import DEMO_NOTE

    path = tmp_path / "memo.txt"
    path.write_text("会議を行う予定である。\n資料を確認すること。", encoding="utf-8")
    window = make_window(FakeEngine("・会議を行う予定である。"), demo=True)
    open_doc(window, path)
    wait_job(window.summarize_tab.run())
    out = tmp_path / "summary.txt"
    wait_job(window.summarize_tab.save(out))
    assert DEMO_NOTE[0] in out.read_text(encoding="utf-8")


def test_translate_tab_purges_bad_memory_entries(make_window, wait_job, tmp_path):
    """Issue 12: the GUI can purge bad translation-memory entries (the CLI's rule)."""
    from desk_assistant.security.startup import secure_startup
    from desk_assistant.settings import Settings

    settings = Settings(path=tmp_path / "settings.json")
    security = secure_startup(settings, on_warning=lambda text: None)
    window = make_window(FakeEngine("x"), settings=settings, security=security)
    tab = window.translate_tab
    memory = window.session("translate").memory("ja", "en")
    memory.add("申請書を提出する。", "Submit the application form.")
    memory.add("法務大臣　殿", "Mr. Mr")  # the addressee lost: a bad entry
    memory.save()
    assert tab.purge_button.isEnabled()
    wait_job(tab.purge_memory())
    assert not window.last_error, window.last_error
    assert "1" in tab.notice.text() and "2" in tab.notice.text()  # removed 1 of 2
    again = window.session("translate").memory("ja", "en")
    assert len(again) == 1 and again.lookup("申請書を提出する。") is not None


def test_the_summary_pipelines_warnings_are_said_in_the_ui_language():
    """The pipeline's warnings are English (logs, JSON); the Japanese window showed one
    as it was ("the first answer was rejected …")."""
    from desk_assistant import i18n
    from desk_assistant.gui.tabs.summarize_tab import warning_text

    said = (
        "the first answer was rejected (repeats, a copied example or the wrong language) "
        "and generated again"
    )
    i18n.set_language("ja")
    assert warning_text(said).startswith("最初の回答に問題")
    assert "要点メモの一部を省いて" in warning_text("notes truncated to fit the context window")
    assert warning_text("something new") == "something new"  # never hidden
    i18n.set_language("en")
    assert warning_text(said).startswith("The first answer was rejected")


def test_a_partial_demo_translation_file_says_both(corpus_docx):
    """Interrupted and written by the demo model: the file's first words say both."""
    from desk_assistant.documents import load
    from desk_assistant.gui.tabs.translate_tab import PARTIAL_BANNER, partial_result
    from desk_assistant.tasks.translate.result import DEMO_NOTE

    document = load(corpus_docx)
    result = partial_result(document, {}, ("ja", "en"), demo=True)
    first = next(iter(result.replacements().values()))
    assert PARTIAL_BANNER in first and DEMO_NOTE in first
    assert partial_result(document, {}, ("ja", "en")).note == PARTIAL_BANNER


def test_a_law_citation_finding_is_flagged_on_its_summary_line():
    """The summary's law check (tasks/laws/summary_check.py) flags its line like the
    other checks: ⚠ and what is wrong, after the line; the cited words tinted."""
    from types import SimpleNamespace

    from desk_assistant.gui.tabs.summarize_tab import annotated_summary
    from desk_assistant.tasks.laws.summary_check import LawCitationFinding

    line = "・行政手続法第五十条により、行政庁は審査基準を定める。"
    finding = LawCitationFinding(
        "law", "行政手続法第五十条", 0, "第50条は存在しません。", "there is no Article 50."
    )
    result = SimpleNamespace(text=line, units=[line], citations=[], findings=[finding])
    text, marks = annotated_summary(result)
    assert text == f"{line}　⚠ 第50条は存在しません。"
    start = text.index("行政手続法第五十条")
    assert (start, start + len("行政手続法第五十条"), "error") in marks
