"""A first, minimal main window: open a document, summarize it with the active
model, streamed, cancellable. The full three-tab app comes with the GUI issue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr
from ..llm.hardware import human_bytes
from ..llm.runtime import OpenModel, open_model, resolve_model
from ..settings import Settings
from ..tasks.summarize import load_styles, summarize
from .worker import Operation

SUFFIXES = (".docx", ".pdf", ".txt")


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, security=None) -> None:
        super().__init__()
        self.settings = settings or Settings.load()
        self.security = security
        self.model: OpenModel | None = None
        self.operation: Operation | None = None
        self.source_path: Path | None = None
        self.setWindowTitle(tr("文書アシスタント", "Desk Assistant"))
        self.setAcceptDrops(True)
        self.resize(1100, 700)

        self.model_label = QLabel(tr("モデル: 読み込み中…", "Model: loading…"))
        self.open_button = QPushButton(tr("ファイルを開く(&O)…", "&Open file…"))
        self.style_box = QComboBox()
        for style in load_styles().values():
            self.style_box.addItem(style.name, style.id)
        self.run_button = QPushButton(tr("要約(&S)", "&Summarize"))
        self.cancel_button = QPushButton(tr("キャンセル", "Cancel"))
        self.cancel_button.setEnabled(False)
        self.run_button.setEnabled(False)
        self.source_view = QPlainTextEdit(readOnly=True)
        self.source_view.setPlaceholderText(
            tr(
                "Word・PDF・テキストを開くか、ここにドロップしてください。",
                "Open or drop a Word, PDF or text file here.",
            )
        )
        self.output_view = QPlainTextEdit(readOnly=True)

        bar = QHBoxLayout()
        for widget in (self.open_button, self.style_box, self.run_button, self.cancel_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.source_view)
        split.addWidget(self.output_view)
        layout = QVBoxLayout()
        layout.addWidget(self.model_label)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            tr(
                "オフライン: 文書はこの PC の外に送信されません",
                "Offline: documents never leave this PC",
            )
        )

        self.open_button.clicked.connect(self.choose_file)
        self.run_button.clicked.connect(self.run_summary)
        self.cancel_button.clicked.connect(self.cancel)

    # --- model -------------------------------------------------------------------

    def load_model(self) -> Operation:
        def work(token, emit):
            info = resolve_model(None, "general", self.settings)
            policy = self.security.policy if self.security else None
            return open_model(info, self.settings, policy=policy)

        op = Operation(work, self)
        op.succeeded.connect(self._model_loaded)
        op.failed.connect(lambda msg: self._show_error(msg, model=True))
        self.operation = op
        op.start()
        return op

    def _model_loaded(self, opened: OpenModel) -> None:
        self.model = opened
        info, rt = opened.info, opened.runtime
        badge = (
            tr(
                "  [デモモデル: 品質は実用水準ではありません]",
                "  [demo model: not production quality]",
            )
            if info.demo
            else ""
        )
        self.model_label.setText(
            f"{tr('モデル', 'Model')}: {info.name}  {human_bytes(info.size)}  {rt.backend}{badge}"
        )
        self.run_button.setEnabled(self.source_path is not None)

    # --- documents ------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("ファイルを開く", "Open file"), "", "Documents (*.docx *.pdf *.txt)"
        )
        if path:
            self.open_document(Path(path))

    def open_document(self, path: Path) -> None:
        from ..documents import load
        from ..errors import DeskError

        try:
            text = load(path).plain_text()
        except DeskError as err:
            self._show_error(err.message())
            return
        self.source_path = path
        self.source_view.setPlainText(text)
        self.run_button.setEnabled(self.model is not None)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        urls = event.mimeData().urls()
        if urls and Path(urls[0].toLocalFile()).suffix.lower() in SUFFIXES:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.open_document(Path(event.mimeData().urls()[0].toLocalFile()))

    # --- summary -------------------------------------------------------------------

    def run_summary(self) -> None:
        if not self.model or (self.operation and self.operation.running()):
            return
        style = load_styles()[self.style_box.currentData()]
        text = self.source_view.toPlainText()
        opened = self.model

        def work(token, emit):
            return summarize(
                opened.engine,
                opened.info.prompt_format,
                text,
                style,
                n_ctx=opened.runtime.n_ctx,
                cancel=token,
                on_piece=emit,
            )

        self.output_view.clear()
        op = Operation(work, self)
        op.piece.connect(self.output_view.insertPlainText)
        op.succeeded.connect(lambda result: self.output_view.setPlainText(result.text))
        op.failed.connect(self._show_error)
        op.cancelled.connect(
            lambda: self.statusBar().showMessage(tr("キャンセルしました", "Cancelled"), 5000)
        )
        op.finished.connect(self._job_finished)
        self.operation = op
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        op.start()

    def cancel(self) -> None:
        if self.operation:
            self.operation.cancel()

    def _job_finished(self) -> None:
        self.cancel_button.setEnabled(False)
        self.run_button.setEnabled(self.model is not None and self.source_path is not None)

    def _show_error(self, message: str, model: bool = False) -> None:
        if model:
            self.model_label.setText(tr("モデル: 読み込めません", "Model: not available"))
        QMessageBox.warning(self, tr("文書アシスタント", "Desk Assistant"), message)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.operation:
            self.operation.cancel()
            self.operation.wait(5000)
        if self.model:
            self.model.close()
        super().closeEvent(event)
