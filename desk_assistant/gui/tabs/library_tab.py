"""検索 tab (答弁・文書ライブラリ): search past Diet answers and documents, see the passage
with the query words marked, open the source file, and ask with a cited, checked answer.

Every library operation (indexing, search, ask) runs as the window's job, off the GUI
thread; the library's SQLite connection is opened on the worker and used only there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...i18n import tr
from ...session.audit import AuditedTask
from ..text_view import TextView

TASK = "library"


def _filters(position: str, speaker: str, house: str, date_from: str, date_to: str):
    # Imported here: the retrieval index and its crypto are not needed to show the window.
    from ...retrieval import Filters

    fields = {k: v for k, v in (("position", position), ("speaker", speaker)) if v}
    return Filters(
        date_from=date_from or None,
        date_to=date_to or None,
        tags={"house": house} if house else {},
        fields=fields,
    )


class Tab(QWidget):
    title = ("検索(&E)", "S&earch")
    role = "general"

    def __init__(self, main) -> None:
        super().__init__()
        self.main = main
        self._library = None  # opened on the worker thread, used only there
        self.hits: list = []
        self.query_box = QLineEdit()
        self.query_box.setPlaceholderText(
            tr("例: 部活動の地域移行について大臣の答弁", "e.g. the minister's answers on 部活動")
        )
        self.position_box = QLineEdit()
        self.position_box.setPlaceholderText(tr("肩書（例: 文部科学大臣）", "position"))
        # Wide enough for its example when the window has room (it showed "肩書（例: 文部科学…").
        hint = self.position_box.fontMetrics().horizontalAdvance(
            self.position_box.placeholderText()
        )
        self.position_box.setMinimumWidth(
            min(hint + 16, 14 * self.position_box.fontMetrics().averageCharWidth() * 2)
        )
        self.speaker_box = QLineEdit()
        self.speaker_box.setPlaceholderText(tr("発言者", "speaker"))
        self.house_box = QComboBox()
        for label, value in (
            (tr("両院", "both houses"), ""),
            ("衆議院", "衆議院"),
            ("参議院", "参議院"),
        ):
            self.house_box.addItem(label, value)
        self.from_box = QLineEdit()
        self.from_box.setPlaceholderText("YYYY-MM-DD")
        self.to_box = QLineEdit()
        self.to_box.setPlaceholderText("YYYY-MM-DD")
        self.run_button = QPushButton(tr("検索(&S)", "&Search"))
        self.ask_button = QPushButton(tr("質問して回答(&A)", "&Ask"))
        self.add_button = QPushButton(tr("フォルダを追加(&D)…", "A&dd folder…"))
        self.reindex_button = QPushButton(tr("索引を更新(&X)", "Update inde&x"))
        self.open_button = QPushButton(tr("原文を開く(&O)", "&Open source"))
        self.results = QListWidget()
        self.passage_view = TextView()
        self.answer_view = TextView()
        self.answer_view.setPlaceholderText(
            tr("回答は資料番号 [1] 付きでここに表示されます", "The cited answer appears here")
        )
        self.notes = QLabel()
        self.notes.setWordWrap(True)

        query_row = QHBoxLayout()
        query_row.addWidget(self.query_box, 1)
        query_row.addWidget(self.run_button)
        query_row.addWidget(self.ask_button)
        filter_row = QHBoxLayout()
        for widget in (self.position_box, self.speaker_box, self.house_box):
            filter_row.addWidget(widget)
        filter_row.addWidget(QLabel(tr("期間", "dates")))
        filter_row.addWidget(self.from_box)
        filter_row.addWidget(QLabel("–"))
        filter_row.addWidget(self.to_box)
        filter_row.addStretch(1)
        filter_row.addWidget(self.add_button)
        filter_row.addWidget(self.reindex_button)
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.passage_view)
        right.addWidget(self.answer_view)
        split = QSplitter()
        split.addWidget(self.results)
        split.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addLayout(query_row)
        layout.addLayout(filter_row)
        layout.addWidget(split, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notes, 1)
        bottom.addWidget(self.open_button)
        layout.addLayout(bottom)

        self.run_button.clicked.connect(self.run)
        self.query_box.returnPressed.connect(self.run)
        self.ask_button.clicked.connect(self.ask)
        self.add_button.clicked.connect(self.choose_folder)
        self.reindex_button.clicked.connect(self.reindex)
        self.open_button.clicked.connect(self.open_source)
        self.results.currentRowChanged.connect(self._show_hit)
        self.update_actions(False)

    # --- the window's hooks -------------------------------------------------------------

    def document_changed(self, document) -> None:  # the library does not use the open file
        return None

    def update_actions(self, busy: bool) -> None:
        for button in (self.run_button, self.add_button, self.reindex_button):
            button.setEnabled(not busy)
        self.ask_button.setEnabled(not busy and self.main.model(self.role) is not None)
        self.open_button.setEnabled(not busy and self._current_file() is not None)

    def policy_buttons(self) -> dict:
        return {}

    # --- work on the worker thread -----------------------------------------------------

    def _open(self):
        if self._library is None:
            from ...tasks.library.store import open_library

            self._library = open_library(self.main.security, self.main.settings)
        return self._library

    def _job(self, action: str, fn, title, query=None, model=None, **kwargs):
        """The audit record is the CLI's: a query is kept as its SHA-256 only."""
        session, security = self.main.session(TASK), self.main.security

        def work(token, emit):
            session.begin()  # policy (DisabledFeatures "library") and the audit log
            with AuditedTask(security, f"{TASK}.{action}", None, model, input_text=query):
                return fn(self._open(), token, emit)

        return self.main.start_job(work, title, uses_document=False, **kwargs)

    def run(self):
        """Search (the tab's main action)."""
        query = self.query_box.text()
        filters = _filters(
            self.position_box.text().strip(),
            self.speaker_box.text().strip(),
            self.house_box.currentData(),
            self.from_box.text().strip(),
            self.to_box.text().strip(),
        )
        self.results.clear()
        self.passage_view.set_text("")
        return self._job(
            "search",
            lambda library, token, emit: library.search(query, filters, limit=30),
            tr("検索中", "Searching"),
            query=query,
            on_success=self._show_hits,
        )

    def ask(self):
        opened = self.main.model(self.role)
        if opened is None:
            return None
        question = self.query_box.text()
        filters = _filters(
            self.position_box.text().strip(), self.speaker_box.text().strip(),
            self.house_box.currentData(), self.from_box.text().strip(), self.to_box.text().strip(),
        )  # fmt: skip
        self.answer_view.set_text("")
        self.notes.clear()

        def work(library, token, emit):
            from ...tasks.library.ask import ask

            return ask(
                library, question, opened.engine, opened.info.prompt_format,
                filters=filters, on_text=emit, cancel=token,
            )  # fmt: skip

        return self._job(
            "ask",
            work,
            tr("回答を作成中", "Answering"),
            query=question,
            model=opened,
            on_piece=self._append_answer,
            on_success=self._show_answer,
        )

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            tr("ライブラリに追加するフォルダ", "Folder to add"),
            self.main.dialog_path("library"),
        )
        if folder:
            self.main.remember_folder("library", folder)
            self.add_folder(Path(folder))

    def add_folder(self, folder: Path):
        def work(library, token, emit):
            library.add_folder(folder)
            return library.reindex(progress=lambda d, t, *_: emit.progress(d, t), cancel=token)

        return self._job("add", work, tr("索引を作成中", "Indexing"), on_success=self._indexed)

    def reindex(self):
        def work(library, token, emit):
            return library.reindex(progress=lambda d, t, *_: emit.progress(d, t), cancel=token)

        return self._job(
            "reindex", work, tr("索引を更新中", "Updating the index"), on_success=self._indexed
        )

    # --- results on the GUI thread -------------------------------------------------------

    def _indexed(self, report) -> None:
        data = report.to_dict()
        text = tr(
            f"索引: 追加 {data['added']}・更新 {data['updated']}・削除 {data['removed']} ファイル",
            f"index: {data['added']} added, {data['updated']} updated, {data['removed']} removed",
        )
        failed = [f"⚠ {f['path']}: {f['reason']}" for f in data["failed"]]
        self.notes.setText("\n".join([text, *failed]))
        self.main.status(text)

    def _show_hits(self, hits) -> None:
        from ...tasks.library.sources import citation_label

        self.hits = list(hits)
        for hit in self.hits:
            snippet = " ".join(hit.snippet.marked().split()) if hit.snippet else hit.text[:120]
            self.results.addItem(QListWidgetItem(f"{citation_label(hit.meta)}\n{snippet}"))
        self.notes.setText(tr(f"{len(self.hits)} 件", f"{len(self.hits)} results"))
        if self.hits:
            self.results.setCurrentRow(0)
        self.update_actions(self.main.busy())

    def _show_hit(self, row: int) -> None:
        if not 0 <= row < len(self.hits):
            return
        hit = self.hits[row]
        self.passage_view.set_text(hit.text)
        if hit.snippet:
            start = hit.snippet.start - (1 if hit.snippet.text.startswith("…") else 0)
            self.passage_view.set_marks(
                [(a + start, b + start, "info") for a, b in hit.snippet.spans]
            )
        self.update_actions(self.main.busy())

    def _current_file(self) -> str | None:
        row = self.results.currentRow()
        if 0 <= row < len(self.hits):
            return (
                self.hits[row].meta.get("file")
                if self.hits[row].meta.get("kind") == "document"
                else None
            )
        return None

    def open_source(self) -> None:
        """A document opens in the main window's view (its passage's location is shown in
        the list); the app never opens a web address (closed network)."""
        path = self._current_file()
        if path:
            self.main.open_document(Path(path))

    def open_externally(self) -> None:
        path = self._current_file()
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _append_answer(self, piece: str) -> None:
        cursor = self.answer_view.textCursor()
        cursor.movePosition(QTextCursor.End)
        cursor.insertText(piece)

    def _show_answer(self, answer) -> None:
        lines = [answer.text, ""]
        lines += [f"[{s.number}] {s.label}" for s in answer.sources]
        self.answer_view.set_text("\n".join(lines))
        notes = [f"⚠ {f.message()}: {f.text}" for f in answer.findings]
        notes.append(tr("判定: ", "verdict: ") + answer.verdict)
        opened = self.main.model(self.role)
        if opened is not None and opened.info.demo:
            notes.append(tr("※ デモモデルの出力です。", "Note: demo model output."))
        self.notes.setText("\n".join(notes))
