"""法令 tab (法令調査): import e-Gov law XML (files, folders, the bulk zip), search the
articles, show an article by its citation (「行政手続法第5条」), and ask with an answer
whose citations are verified against the law text.

Every operation runs as the window's job, off the GUI thread; the law store (SQLite) is
opened inside each job and closed there, so no connection crosses threads.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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

TASK = "laws"


class Tab(QWidget):
    title = ("法令(&W)", "La&ws")
    role = "general"

    def __init__(self, main) -> None:
        super().__init__()
        self.main = main
        self.hits: list[dict] = []
        self.query_box = QLineEdit()
        self.query_box.setPlaceholderText(
            tr("例: 行政手続法第5条 / 審査基準 / 不利益処分とは", "e.g. 行政手続法第5条 or a word")
        )
        self.run_button = QPushButton(tr("検索(&S)", "&Search"))
        self.ask_button = QPushButton(tr("質問して回答(&A)", "&Ask"))
        self.import_button = QPushButton(tr("法令XMLを取込(&I)…", "&Import law XML…"))
        self.import_folder_button = QPushButton(tr("フォルダを取込(&D)…", "Import fol&der…"))
        self.results = QListWidget()
        self.article_view = TextView()
        self.answer_view = TextView()
        self.answer_view.setPlaceholderText(
            tr("回答は条文の引用付きでここに表示されます", "The cited answer appears here")
        )
        self.notes = QLabel()
        self.notes.setWordWrap(True)

        query_row = QHBoxLayout()
        query_row.addWidget(self.query_box, 1)
        query_row.addWidget(self.run_button)
        query_row.addWidget(self.ask_button)
        import_row = QHBoxLayout()
        import_row.addStretch(1)
        import_row.addWidget(self.import_button)
        import_row.addWidget(self.import_folder_button)
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.article_view)
        right.addWidget(self.answer_view)
        split = QSplitter()
        split.addWidget(self.results)
        split.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addLayout(query_row)
        layout.addLayout(import_row)
        layout.addWidget(split, 1)
        layout.addWidget(self.notes)

        self.run_button.clicked.connect(self.run)
        self.query_box.returnPressed.connect(self.run)
        self.ask_button.clicked.connect(self.ask)
        self.import_button.clicked.connect(self.choose_files)
        self.import_folder_button.clicked.connect(self.choose_folder)
        self.results.currentRowChanged.connect(self._show_hit)
        self.update_actions(False)

    # --- the window's hooks -------------------------------------------------------------

    def document_changed(self, document) -> None:  # law research does not use the open file
        return None

    def update_actions(self, busy: bool) -> None:
        for button in (self.run_button, self.import_button, self.import_folder_button):
            button.setEnabled(not busy)
        self.ask_button.setEnabled(not busy and self.main.model(self.role) is not None)

    def policy_buttons(self) -> dict:
        return {}

    # --- work on the worker thread -----------------------------------------------------

    def _job(
        self, action: str, fn, title, path: Path | None = None, question=None, model=None, **kwargs
    ):
        """The audit record is the CLI's: a question is kept as its SHA-256 only."""
        session, security = self.main.session(TASK), self.main.security
        store_path = getattr(self, "store_path", None)  # tests point it elsewhere

        def work(token, emit):
            from ...tasks.laws.store import LawStore

            session.begin()  # policy (DisabledFeatures "laws") and the audit log
            with AuditedTask(security, f"{TASK}.{action}", path, model, input_text=question):
                with LawStore(store_path, with_index=True) as store:
                    return fn(store, token, emit)

        return self.main.start_job(work, title, uses_document=False, **kwargs)

    def run(self):
        """Search (the tab's main action): a citation shows that article first, then the
        articles that match the words (BM25, a defined term's definition first)."""
        query = self.query_box.text().strip()
        self.results.clear()
        self.article_view.set_text("")
        return self._job(
            "search",
            lambda store, token, emit: _search(store, query),
            tr("法令を検索中", "Searching the laws"),
            on_success=self._show_hits,
        )

    def ask(self):
        opened = self.main.model(self.role)
        if opened is None:
            return None
        question = self.query_box.text().strip()
        self.answer_view.set_text("")
        self.notes.clear()

        def work(store, token, emit):
            from ...tasks.laws.ask import NO_ARTICLE, Answer, ask, find_articles

            if not question or not find_articles(store, question):
                no = tr("関連する条文が見つかりませんでした。", "No relevant article was found.")
                return Answer(question, no, NO_ARTICLE)
            return ask(
                store, question, opened.engine, opened.info.prompt_format,
                cancel=token, n_ctx=opened.runtime.n_ctx,
            )  # fmt: skip

        return self._job(
            "ask",
            work,
            tr("回答を作成中", "Answering"),
            question=question,
            model=opened,
            on_success=self._show_answer,
        )

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            tr("取り込む法令XML・一括ダウンロードzip", "Law XML files or the bulk zip"),
            self.main.dialog_path("laws"),
            tr("法令データ (*.xml *.zip)", "Law data (*.xml *.zip)"),
        )
        if files:
            self.main.remember_folder("laws", str(Path(files[0]).parent))
            self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("法令XMLのフォルダ", "Folder of law XML"), self.main.dialog_path("laws")
        )
        if folder:
            self.main.remember_folder("laws", folder)
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]):
        return self._job(
            "import",
            lambda store, token, emit: store.import_paths(paths),
            tr("法令データを取込中", "Importing law data"),
            path=paths[0],
            on_success=self._imported,
        )

    # --- results on the GUI thread -------------------------------------------------------

    def _imported(self, report) -> None:
        counts = {s: report.count(s) for s in ("added", "updated", "unchanged")}
        text = tr(
            f"取込: 追加 {counts['added']}・更新 {counts['updated']}・変更なし {counts['unchanged']}",
            f"import: {counts['added']} added, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged",
        )
        failed = [f"⚠ {source}: {error}" for source, error in report.errors]
        self.notes.setText("\n".join([text, *failed]))
        self.main.status(text)

    def _show_hits(self, hits: list[dict]) -> None:
        self.hits = list(hits)
        for hit in self.hits:
            self.results.addItem(QListWidgetItem(f"{hit['label']}\n{hit['snippet']}"))
        if not self.hits:
            self.notes.setText(tr("該当する条文はありません。", "No article found."))
        else:
            self.notes.setText(tr(f"{len(self.hits)} 件", f"{len(self.hits)} results"))
            self.results.setCurrentRow(0)
        self.update_actions(self.main.busy())

    def _show_hit(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            self.article_view.set_text(self.hits[row]["text"])

    def _show_answer(self, answer) -> None:
        lines = [answer.text, ""]
        lines += [f"・{h.citation()}" for h in answer.sources]
        self.answer_view.set_text("\n".join(lines))
        notes = [f"⚠ {s.text}: {'／'.join(s.problems)}" for s in answer.sentences if s.problems]
        versions = answer.versions()
        if versions:
            notes.append(tr("使用した版: ", "versions used: ") + "、".join(versions))
        notes.append(tr("判定: ", "verdict: ") + answer.verdict)
        opened = self.main.model(self.role)
        if opened is not None and opened.info.demo:
            notes.append(tr("※ デモモデルの出力です。", "Note: demo model output."))
        self.notes.setText("\n".join(notes))


def _search(store, query: str) -> list[dict]:
    """Plain rows for the GUI thread: label, snippet, the text to show."""
    if not query or store.is_empty():
        return []
    from ...tasks.laws.resolver import CitationResolver

    rows: list[dict] = []
    citation = CitationResolver(store).resolve_one(query)
    if citation is not None and citation.ok and citation.unit is not None:
        head = f"{citation.canonical()}　（{citation.law.law_num}・{citation.law.version_label()}）"
        path = " > ".join(citation.unit.path)
        body = citation.text() if citation.part else citation.unit.text()
        rows.append(
            {
                "label": citation.canonical(),
                "snippet": tr("引用された条文", "the cited article"),
                "text": "\n".join(x for x in (head, path, body) if x),
            }
        )
    for hit in store.search(query, limit=30):
        label = hit.citation() + (tr("（定義）", " (definition)") if hit.definition else "")
        rows.append(
            {
                "label": label,
                "snippet": " ".join((hit.snippet or hit.unit.plain()[:100]).split()),
                "text": f"{hit.citation()}　（{hit.law.version_label()}）\n"
                + " > ".join(hit.unit.path)
                + "\n"
                + hit.unit.text(),
            }
        )
    return rows
