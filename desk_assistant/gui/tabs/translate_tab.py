"""翻訳 tab: source and translation side by side, one row per segment, filled in
as each segment is translated; consistency findings highlighted; save as docx or
bilingual (対訳) docx. What was translated stays on screen after a cancel or crash."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...documents.formats import output_suffix
from ...i18n import tr
from ...session.outputs import output_name

LANGS = (("ja", "日本語", "Japanese"), ("en", "英語", "English"))
FINDING_COLOUR = "#ffe08a"
ROW_SLICE_SECONDS = 0.008  # GUI-thread time per slice of row-height work


def segment_fields(segment) -> tuple[str | None, str, list]:
    """(location, translation as plain text, findings) of a SegmentResult."""
    return segment.location, segment.translation_text, list(segment.findings)


def run_translation(opened, document, languages, glossary_path, session, token, emit):
    """The translation; on the worker thread. Each finished segment goes to the GUI.
    The session applies the settings and IT policy (memory, glossary, history), as
    it does for the CLI."""
    from ...tasks.translate import detect_language, job_id_for, translate_document

    session.begin()
    source_lang, target_lang = languages
    glossary = session.glossary(glossary_path)
    memory = job = None
    if session.vault() is not None:
        source_lang = source_lang or detect_language(document.plain_text()[:20000])
        memory = session.memory(source_lang, target_lang)
        job = session.job(job_id_for(document, source_lang, target_lang, opened.info.id, glossary))

    def on_segment(progress) -> None:
        emit.item(progress.segment)
        emit.progress(progress.done, progress.total)
        emit.estimate(progress.eta_seconds)  # the pipeline's: right after a resume too

    result = translate_document(
        opened.engine,
        opened.info.prompt_format,
        document,
        source_lang=languages[0],
        target_lang=target_lang,
        glossary=glossary,
        memory=memory,
        job=job,
        cancel=token,
        on_segment=on_segment,
    )
    if getattr(opened.info, "demo", False):
        from ...tasks.translate.result import DEMO_NOTE

        result.note = DEMO_NOTE  # the saved file says it too, wherever it goes
    return result, job


def purge_pair(session, source: str, target: str) -> str:
    """On the worker: purge one language pair's memory; the sentence to show."""
    from ...tasks.translate.purge import purge_memory, purged_message

    if source == target:
        return tr("原文と訳文の言語が同じです", "Source and target are the same language")
    memory = session.memory(source, target)
    if memory is None:
        return tr(
            "翻訳メモリは使われていません（設定・管理者の方針・暗号鍵）",
            "The translation memory is not in use (settings, IT policy or vault key)",
        )
    return purged_message(source, target, *purge_memory(memory, source, target))


PARTIAL_NOTE = (
    "翻訳は途中で中断されました。未翻訳の段落は【未翻訳・原文のまま】と明記して保存されます。",
    "The translation was interrupted; untranslated paragraphs are saved marked NOT TRANSLATED.",
)


# First in a partial file, in both languages (whoever reads the file may read only one).
PARTIAL_BANNER = "【未完成の翻訳（途中で中断） / INCOMPLETE TRANSLATION (interrupted)】"


def partial_result(document, streamed: dict, languages: tuple, demo: bool = False):
    """A result from the segments finished before a cancel or crash: every other
    segment keeps its source with the NOT TRANSLATED mark, and the file starts with
    PARTIAL_BANNER (and the demo-model note when the demo model wrote it): the
    result's `note`, written first into the .docx and the 対訳 table's title."""
    from ...tasks.translate import detect_language
    from ...tasks.translate.pipeline import mark_kept
    from ...tasks.translate.result import DEMO_NOTE, SegmentResult, TranslationResult

    source_lang, target_lang = languages
    source_lang = source_lang or detect_language(document.plain_text()[:20000])
    segments = []
    for block in document.blocks:
        for segment in block.segments:
            done = streamed.get(segment.id)
            if done is not None:
                segments.append(done)
            elif segment.text.strip():
                tagged = mark_kept(segment.tagged)
                segments.append(
                    SegmentResult(segment.id, block.kind, segment.tagged, tagged, "failed")
                )
    result = TranslationResult(
        document, source_lang, target_lang, segments, warnings=[tr(*PARTIAL_NOTE)]
    )
    result.note = f"{PARTIAL_BANNER} {DEMO_NOTE}" if demo else PARTIAL_BANNER
    return result


class TranslateTab(QWidget):
    title = ("翻訳(&N)", "Tra&nslate")
    role = "translate"

    def __init__(self, main) -> None:
        super().__init__()
        self.main = main
        self._unsaved = False
        self.result = None
        self.partial = False  # the result holds only what was done before a cancel/crash
        self.streamed: dict = {}  # location -> finished segment of the running job
        self.rows: dict[str, int] = {}
        self.source_box, self.target_box = QComboBox(), QComboBox()
        self.source_box.addItem(tr("自動判定", "Detect"), None)
        for box in (self.source_box, self.target_box):
            for code, ja, en in LANGS:
                box.addItem(tr(ja, en), code)
        self.target_box.setCurrentIndex(1)
        self.glossary_path: Path | None = None
        self.glossary_button = QPushButton(tr("用語集(&L)…", "G&lossary…"))
        self.glossary_button.setToolTip(
            tr("CSV・TSV・TMX の用語集を選びます", "Choose a CSV, TSV or TMX glossary")
        )
        self.job = None
        source_label = QLabel(tr("原文(&I)", "&Input"))
        source_label.setBuddy(self.source_box)
        target_label = QLabel(tr("訳文(&O)", "T&o"))
        target_label.setBuddy(self.target_box)
        self.run_button = QPushButton(tr("翻訳を実行(&R)", "&Run translation"))
        self.save_button = QPushButton(tr("訳文を保存(&S)…", "&Save translation…"))
        self.bilingual_button = QPushButton(tr("対訳で保存(&B)…", "Save &bilingual…"))
        self.purge_button = QPushButton(tr("翻訳メモリを点検(&K)", "Chec&k memory"))
        self.purge_button.setToolTip(
            tr(
                "今の検査で問題のある訳を翻訳メモリ（選んだ言語の組）から削除します",
                "Remove the entries that fail today's checks from the translation memory "
                "of the chosen language pair",
            )
        )
        self.notice = QLabel()  # the last run's verdict; hidden when empty (no gap)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([tr("原文", "Source"), tr("訳文", "Translation")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)

        bar = QHBoxLayout()
        for widget in (
            source_label,
            self.source_box,
            target_label,
            self.target_box,
            self.glossary_button,
            self.run_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.purge_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.bilingual_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)

        self.glossary_button.clicked.connect(self.choose_glossary)
        self.run_button.clicked.connect(self.run)
        self.save_button.clicked.connect(lambda: self.choose_save(bilingual=False))
        self.bilingual_button.clicked.connect(lambda: self.choose_save(bilingual=True))
        self.purge_button.clicked.connect(self.purge_memory)
        self.update_actions(False)

    def unsaved(self) -> str | None:
        """What closing now would lose (the window asks first), or None."""
        if self._unsaved:
            return tr("保存していない翻訳があります", "A translation has not been saved")
        return None

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:  # Ctrl++ / Ctrl+0: rows follow the text size
            self.resize_rows()

    def resize_rows(self) -> None:
        """Row heights to their wrapped text, a slice per event-loop turn: all 796 rows
        of a long PDF at once held the window ~110 ms. The first slice (the rows on
        screen) is done at once."""
        self._next_row = 0
        self._resize_some()

    def _resize_some(self) -> None:
        started = time.perf_counter()
        rows = self.table.rowCount()
        while self._next_row < rows and time.perf_counter() - started < ROW_SLICE_SECONDS:
            self.table.resizeRowToContents(self._next_row)
            self._next_row += 1
        if self._next_row < rows:
            QTimer.singleShot(0, self, self._resize_some)  # dropped if the tab is gone

    def set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def document_changed(self, document) -> None:
        self._unsaved = False
        self.result = None
        self.set_notice("")
        self.rows.clear()
        segments = [s for s in document.segments() if s.text.strip()]
        self.table.setRowCount(len(segments))
        for row, segment in enumerate(segments):
            self.rows[segment.id] = row
            self.table.setItem(row, 0, QTableWidgetItem(segment.text))
            self.table.setItem(row, 1, QTableWidgetItem(""))
        # Row heights once, now, rather than on every streamed segment.
        self.resize_rows()
        self.table.scrollToTop()  # a new document starts at its beginning

    def policy_buttons(self) -> dict[str, list]:
        """The buttons each policy feature key switches off (main window applies them)."""
        return {
            "glossary": [self.glossary_button],
            "export": [self.save_button, self.bilingual_button],
            "translation_memory": [self.purge_button],
        }

    def update_actions(self, busy: bool) -> None:
        ready = self.main.document is not None and self.main.model(self.role) is not None
        self.run_button.setEnabled(ready and not busy)
        self.purge_button.setEnabled(not busy)
        for button in (self.save_button, self.bilingual_button):
            button.setEnabled(self.result is not None and not busy)

    def choose_glossary(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("用語集を選ぶ", "Choose a glossary"),
            self.main.dialog_path("glossary"),
            tr("用語集 (*.csv *.tsv *.tmx)", "Glossaries (*.csv *.tsv *.tmx)"),
        )
        if path:
            self.main.remember_folder("glossary", path)
        self.set_glossary(Path(path) if path else None)

    def memory_pair(self) -> tuple[str, str]:
        target = self.target_box.currentData()
        source = self.source_box.currentData() or ("ja" if target != "ja" else "en")
        return source, target

    def purge_memory(self):
        """Remove bad entries from the translation memory (the same rule as
        `desk-assistant memory purge`); on a worker: every entry is re-checked."""
        source, target = self.memory_pair()
        session = self.main.session("translate")
        return self.main.start_job(
            lambda token, emit: purge_pair(session, source, target),
            tr("翻訳メモリを点検中", "Checking the translation memory"),
            on_success=lambda message: self.set_notice(message),
            uses_document=False,
        )

    def set_glossary(self, path: Path | None) -> None:
        self.glossary_path = path
        self.glossary_button.setText(
            tr(f"用語集: {path.name}", f"Glossary: {path.name}")
            if path
            else tr("用語集(&L)…", "G&lossary…")
        )

    def run(self):
        opened, document = self.main.model(self.role), self.main.document
        if opened is None or document is None:
            return None
        self.result = None
        self.partial = False
        self.streamed = {}
        self.set_notice("")
        self.job = None
        for row in range(self.table.rowCount()):
            self.table.setItem(row, 1, QTableWidgetItem(""))
        languages = (self.source_box.currentData(), self.target_box.currentData())
        glossary, session = self.glossary_path, self.main.session("translate")
        op = self.main.start_job(
            lambda token, emit: run_translation(
                opened, document, languages, glossary, session, token, emit
            ),
            tr("翻訳中", "Translating"),
            on_item=self._streamed,
            on_success=self._finished,
            task="translate",
            role=self.role,
        )
        if op is not None:
            demo = bool(getattr(opened.info, "demo", False))
            interrupted = lambda *_a: self._interrupted(document, languages, demo)  # noqa: E731
            op.cancelled.connect(interrupted)
            op.failed.connect(interrupted)
        return op

    def _streamed(self, segment) -> None:
        location = getattr(segment, "location", None)
        if location is not None:
            self.streamed[location] = segment
        self.show_segment(segment)

    def _interrupted(self, document, languages, demo: bool = False) -> None:
        """Cancelled or crashed: what was translated can still be saved, marked partial."""
        if not self.streamed or document is not self.main.document:
            return
        self.result = partial_result(document, self.streamed, languages, demo)
        self.partial = True
        self._unsaved = True
        self.main.add_notice(tr(*PARTIAL_NOTE))  # after the outcome, not instead of it
        self.update_actions(self.main.busy())

    def show_segment(self, segment, scroll: bool = True) -> None:
        location, translation, findings = segment_fields(segment)
        row = self.rows.get(location)
        if row is None:
            return
        item = QTableWidgetItem(translation)
        if findings:
            item.setBackground(QColor(FINDING_COLOUR))
            item.setToolTip("\n".join(f.message() for f in findings))
        self.table.setItem(row, 1, item)
        self.table.resizeRowToContents(row)
        if scroll:
            self.table.scrollToItem(item)

    def _finished(self, outcome) -> None:
        result, self.job = outcome
        self.result = result
        self._unsaved = True
        for segment in result.segments:  # memory hits and repeats never streamed a row
            self.show_segment(segment, scroll=False)
        findings = len(result.findings)
        verdict = getattr(result, "verdict", None)  # 問題なし / 要確認 N 件 (segments)
        if verdict is not None:
            said = tr(
                f"翻訳完了: 判定 {verdict.label()}（指摘 {findings} 件）",
                f"Translated: verdict {verdict.label()} ({findings} findings)",
            )
            self.main.status(said)
            # The verdict stays above the table (the status bar's message passes).
            hint = tr(
                "（色付きの行にポインタを合わせると理由が出ます）",
                " (hover over a coloured row for the reason)",
            )
            self.set_notice(said + (hint if findings else ""))
        elif findings:
            self.main.status(
                tr(f"翻訳完了: 確認事項 {findings} 件", f"Translated: {findings} findings to check")
            )
        else:
            self.main.status(tr("翻訳が完了しました", "Translation finished"))

    def choose_save(self, bilingual: bool) -> None:
        document = self.main.document
        if document is None:
            return
        tags = [self.target_box.currentData(), *(["bilingual"] if bilingual else [])]
        suffix = output_suffix(document.path, bilingual=bilingual)  # Excel stays Excel
        suggested = str(output_name(document.path, *tags, suffix=suffix))  # the CLI's names too
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("保存", "Save"),
            self.main.dialog_path("save", suggested),
            tr(f"出力 (*{suffix})", f"Output (*{suffix})"),
        )
        if path:
            self.main.remember_folder("save", path)
            self.save(Path(path), bilingual)

    def save(self, out_path: Path, bilingual: bool = False):
        result, job, partial = self.result, self.job, self.partial
        if result is None:
            return None

        session = self.main.session("translate")

        def work(token, emit):
            session.check_output(out_path, result.document)
            # The save dialog already asked before replacing an existing file.
            notes = result.save(
                out_path, bilingual=bilingual, overwrite=True, font_map=session.font_map()
            )
            if job is not None and not bilingual and not partial:
                job.finish()  # written: the resume state is no longer needed
            return out_path, notes

        return self.main.start_job(
            work,
            tr("保存中", "Saving"),
            on_success=self._saved,
        )

    def _saved(self, saved) -> None:
        path, notes = saved
        self._unsaved = False
        if not notes:
            self.main.status(tr(f"保存しました: {path}", f"Saved: {path}"))
            return
        # What the writer changed besides the text (a vertical label merged or turned) or
        # could not place: listed under the verdict, where it stays.
        self.main.status(
            tr(
                f"保存しました: {path}（注意 {len(notes)} 件、一覧は表の上）",
                f"Saved: {path} ({len(notes)} notes, listed above the table)",
            ),
            0,
        )
        shown = notes[-MAX_SAVE_NOTES:]  # the writer's own notes come last
        more = len(notes) - len(shown)
        header = tr("保存時の注意:", "Notes from saving:")
        lines = [header, *shown]
        if more:
            lines.append(tr(f"ほか {more} 件", f"and {more} more"))
        verdict = self.notice.text().split(header)[0].rstrip("\n")  # an earlier save's notes go
        self.set_notice("\n".join(([verdict] if verdict else []) + lines))


MAX_SAVE_NOTES = 5

# The main window finds each task's tab here (gui/tabs/<task>_tab.py: Tab).
Tab = TranslateTab
