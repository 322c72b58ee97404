"""The main window: three task tabs (翻訳 / 要約 / 校正), a model selector per
task role, the document, and the one job area in the status bar.

Every long job (model load, document load, tasks, saving) runs through
`worker.Operation`; one engine job at a time, since the engine serves one
request at a time. Tabs talk to the window through: `document`, `model(role)`,
`start_job(...)`, `busy()`, `status(...)`, `show_error(...)`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..documents.formats import dialog_filter, input_suffixes
from ..errors import EngineCrashedError, NoModelError
from ..i18n import tr
from ..llm.runtime import OpenModel
from ..security.policy import MANAGED_LABEL
from ..session.registry import BY_NAME, TASKS
from ..settings import Settings
from .job_bar import JobBar
from .model_bar import ModelBar
from .notice_bar import NoticeBar
from .recent import RecentFiles
from .worker import Operation


def _tab_class(name: str):
    """A task's tab: `Tab` in gui/tabs/<name>_tab.py (so a new task adds no line here)."""
    return importlib.import_module(f"{__package__}.tabs.{name}_tab").Tab


# The tab of each task in session.registry.TASKS that has one, in registry order.
TAB_CLASSES = {spec.name: _tab_class(spec.name) for spec in TASKS if spec.tab}

SUFFIXES = input_suffixes()  # documents/formats.py
ROLES = ("translate", "general")
OFFLINE_ON = "color:#1b7f3b;font-weight:bold;"
OFFLINE_OFF = "color:#b35900;font-weight:bold;"


def no_model_message() -> str:
    """What a user of the window can do without a model: no command line, no make."""
    from ..paths import user_model_dir

    folder = user_model_dir()
    return tr(
        "使えるモデルがありません。情報システム担当者に連絡するか、モデルファイル（.gguf）を"
        f"次のフォルダに置いてから［処理］→［モデルを再読み込み］を選んでください: {folder}",
        "No model is available. Contact your IT department, or put a model file (.gguf) in "
        f"this folder and choose Job → Reload models: {folder}",
    )


# The task whose policy model a role's model is on the inference server (the GUI's
# summary and proofreading share the general model).
ROLE_TASKS = {"translate": "translate", "general": "summarize"}


def load_models(settings, policy, roles, progress, security=None) -> tuple[list, dict]:
    """(available models, {role: OpenModel}) — on the worker thread. Roles that
    resolve to the same file share one engine (one child process, one copy in memory).
    Through the task session (its policy is `security`'s; `policy` is kept for callers),
    so the policy's inference server is used when it says so."""
    from ..errors import DeskError
    from ..llm.runtime import available_models
    from ..session import TaskSession

    models = available_models(settings)
    opened: dict[str, OpenModel | None] = {}
    by_path: dict[tuple, OpenModel] = {}
    errors: list[DeskError] = []
    for role in roles:
        try:
            session = TaskSession(ROLE_TASKS.get(role, role), security, settings)
            info = session.resolve_model(None, role)
            key = (info.remote, info.path)
            if key not in by_path:
                by_path[key] = session.open_model(info, progress=progress)
            opened[role] = by_path[key]
        except DeskError as err:
            opened[role] = None
            errors.append(err)
    if errors and not by_path:
        raise errors[0]
    return models, opened


CLOSE_WAIT_SECONDS = 300  # at most, for a running job to end when the window closes


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: Settings | None = None,
        security=None,
        *,
        operation_class: Callable = Operation,
    ) -> None:
        super().__init__()
        self.settings = settings or Settings.load()
        self.security = security
        self.operation_class = operation_class  # tests may pass worker.SyncOperation
        self.models: dict[str, OpenModel | None] = dict.fromkeys(ROLES)
        self.available: list = []
        self.document = None
        self.operation = None  # the running job, if any
        self._job_uses_document = False
        self.doc_operation = None
        self.recent = RecentFiles(lambda: getattr(self.security, "vault", None))
        self.last_error = ""
        self.last_status = ""
        self._closing = False
        self._close_confirmed = False  # Ctrl+Q asked already: the close event must not ask again
        self._finished: list = []  # finished operations, deleted when the next job starts
        # Folders the user chose in file dialogs, per purpose; this session only (paths
        # can be confidential: what lasts goes to the encrypted recent-files list).
        self._dialog_folders: dict[str, Path] = {}
        self._document_notice = ""  # the open document's reader warnings, as shown
        self.setWindowTitle(tr("文書アシスタント", "Desk Assistant"))
        self.setAcceptDrops(True)
        self.resize(1200, 780)
        self._base_point_size = self.font().pointSizeF()
        self._unzoomed_size = None  # the window's size before Ctrl++ (Ctrl+0 restores it)

        self.model_bar = ModelBar()
        self.doc_label = QLabel(
            tr(
                "Word・PDF・テキストを開くか、ウィンドウにドロップしてください（Ctrl+O）。",
                "Open or drop a Word, PDF or text file onto the window (Ctrl+O).",
            )
        )
        # One tab per task of the registry, in its order; `self.<name>_tab` for each.
        self.task_tabs = []
        for spec in TASKS:
            if spec.tab:
                tab = TAB_CLASSES[spec.name](self)
                tab.spec = spec
                setattr(self, f"{spec.name}_tab", tab)
                self.task_tabs.append(tab)
        self.tabs = QTabWidget()
        for tab in self.task_tabs:
            self.tabs.addTab(tab, tr(*tab.title))
        self._apply_disabled_features()
        layout = QVBoxLayout()
        layout.addWidget(self.model_bar)
        layout.addWidget(self.doc_label)
        self.notice = NoticeBar()  # messages that stay (status(text, 0)): errors, warnings
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        self.job_bar = JobBar()
        self.offline_label = QLabel()
        self.statusBar().addPermanentWidget(self.job_bar)
        self.statusBar().addPermanentWidget(self.offline_label)
        self._show_offline_state()
        self._build_menus()
        for selector in self.model_bar.selectors.values():
            selector.chosen.connect(self.choose_model)
        self.apply_font_size(self.settings.get("ui.font_size"))
        self.update_actions()

    # --- menus and shortcuts -----------------------------------------------------------

    def _action(self, menu, text: tuple[str, str], slot, shortcut=None) -> QAction:
        action = QAction(tr(*text), self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("ファイル(&F)", "&File"))
        self.open_action = self._action(
            file_menu, ("開く(&O)…", "&Open…"), self.choose_file, QKeySequence.Open
        )
        self.recent_menu = file_menu.addMenu(tr("最近使ったファイル(&R)", "&Recent files"))
        self._fill_recent()
        file_menu.addSeparator()
        self._action(file_menu, ("終了(&X)", "E&xit"), self.quit, QKeySequence.Quit)

        job_menu = bar.addMenu(tr("処理(&J)", "&Job"))
        self.run_action = self._action(
            job_menu, ("このタブの処理を実行(&R)", "&Run this tab's task"), self.run_current, "F5"
        )
        self.cancel_action = self._action(
            job_menu, ("キャンセル(&C)", "&Cancel"), self.cancel, Qt.Key_Escape
        )
        job_menu.addSeparator()
        self._action(job_menu, ("モデルを再読み込み(&M)", "Reload &models"), self.load_model)

        view_menu = bar.addMenu(tr("表示(&V)", "&View"))
        for index, tab in enumerate(self.task_tabs):
            self._action(
                view_menu,
                tab.title,
                lambda _=False, i=index: self.tabs.setCurrentIndex(i),
                f"Ctrl+{index + 1}",
            )
        view_menu.addSeparator()
        self._action(
            view_menu,
            ("文字を大きく(&L)", "&Larger text"),
            lambda: self.zoom(1),
            QKeySequence.ZoomIn,
        )
        self._action(
            view_menu,
            ("文字を小さく(&S)", "&Smaller text"),
            lambda: self.zoom(-1),
            QKeySequence.ZoomOut,
        )
        self._action(
            view_menu, ("標準の大きさ(&N)", "&Normal size"), lambda: self.zoom(0), "Ctrl+0"
        )

        tools_menu = bar.addMenu(tr("ツール(&T)", "&Tools"))
        self._action(tools_menu, ("設定(&S)…", "&Settings…"), self.open_settings, "Ctrl+,")

        help_menu = bar.addMenu(tr("ヘルプ(&H)", "&Help"))
        self._action(
            help_menu, ("使い方とショートカット(&M)", "&Manual and shortcuts"), self.show_help, "F1"
        )
        self._action(help_menu, ("このアプリについて(&A)", "&About"), self.about)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent.load()
        for number, path in enumerate(files, 1):
            label = f"&{number % 10} {path.name}"
            action = self.recent_menu.addAction(label)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_document(p))
        self.recent_menu.setEnabled(bool(files))

    def _apply_disabled_features(self) -> None:
        """Tasks IT switched off (policy DisabledFeatures) stay visible, disabled, and say why."""
        policy = getattr(self.security, "policy", None)
        if policy is None:
            return
        for index, tab in enumerate(self.task_tabs):
            if not policy.feature_enabled(tab.spec.name):
                tab.setEnabled(False)
                self.tabs.setTabToolTip(index, tr(*MANAGED_LABEL))
                self.tabs.setTabText(index, f"{tr(*tab.title)} 🔒")
        if not policy.feature_enabled("llm_suggestions"):
            self.proofread_tab.llm_box.hide()
        if not policy.feature_enabled("history"):
            self.recent = RecentFiles(None)  # this session only, never kept

    def _policy_locked_buttons(self) -> list:
        """Buttons IT policy keeps disabled whatever the tab's state (re-applied after
        every update_actions; the session refuses the action anyway). Each tab names
        its buttons per feature in `policy_buttons()`."""
        policy = getattr(self.security, "policy", None)
        if policy is None:
            return []
        return [
            button
            for tab in self.task_tabs
            for feature, buttons in getattr(tab, "policy_buttons", dict)().items()
            if not policy.feature_enabled(feature)
            for button in buttons
        ]

    # --- state --------------------------------------------------------------------------

    def session(self, task: str):
        """The task session a tab runs under: IT policy, audit, memory, job state.
        Without the vault's key the window goes on, without memory and resume."""
        from ..session import TaskSession

        return TaskSession(task, self.security, self.settings, vault_required=False)

    def model(self, role: str) -> OpenModel | None:
        return self.models.get(role)

    def busy(self) -> bool:
        return self.operation is not None

    def update_actions(self) -> None:
        busy = self.busy()
        for tab in self.task_tabs:
            tab.update_actions(busy)
        for button in self._policy_locked_buttons():
            button.setEnabled(False)
            button.setToolTip(tr(*MANAGED_LABEL))
        self.cancel_action.setEnabled(busy)
        can_open = not (busy and self._job_uses_document)
        self.open_action.setEnabled(can_open)
        # Recent files open a document too: not while a job works on the current one.
        self.recent_menu.setEnabled(can_open and bool(self.recent_menu.actions()))

    def status(self, text: str, ms: int = 10000) -> None:
        """A passing message in the status bar; ms=0: one that stays (the notice line)."""
        self.last_status = text
        if ms == 0:
            self.notice.show_text(text)
        else:
            self.statusBar().showMessage(text, ms)

    def show_error(self, message: str) -> None:
        """A clear, non-blocking message; the window stays usable behind it."""
        self.last_error = message
        self.status(message, 0)
        box = QMessageBox(
            QMessageBox.Warning,
            tr("文書アシスタント", "Desk Assistant"),
            message,
            QMessageBox.Ok,
            self,
        )
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()

    def _show_offline_state(self) -> None:
        guard = getattr(self.security, "guard", None)
        if guard is not None and guard.active:
            self.offline_label.setText(tr("● オフライン", "● Offline"))
            self.offline_label.setStyleSheet(OFFLINE_ON)
            self.offline_label.setToolTip(
                tr(
                    f"通信は遮断されています。文書はこの PC の外に送信されません（遮断した通信: {guard.count} 件）",
                    f"Network is blocked; documents never leave this PC (blocked attempts: {guard.count})",
                )
            )
        else:
            self.offline_label.setText(tr("● オフライン保護なし", "● Offline guard off"))
            self.offline_label.setStyleSheet(OFFLINE_OFF)
            self.offline_label.setToolTip(
                tr("通信遮断が有効になっていません", "The network guard is not installed")
            )

    # --- jobs ---------------------------------------------------------------------------

    def start_job(
        self,
        fn: Callable,
        title: str,
        *,
        on_piece: Callable | None = None,
        on_item: Callable | None = None,
        on_success: Callable | None = None,
        task: str | None = None,
        role: str | None = None,
        uses_document: bool = True,
    ):
        """Run `fn(token, emit)` as the window's job; None when another job runs."""
        if self.busy():
            self.status(tr("ほかの処理が実行中です", "Another job is running"))
            return None
        work = self._audited(fn, task, role) if task else fn
        if self.last_error and self.notice.text() == self.last_error:
            self.notice.clear()  # an old error must not stay next to a new job
        self._release_finished()
        op = self.operation_class(work, self)
        if on_piece:
            op.piece.connect(on_piece)
        if on_item:
            op.item.connect(on_item)
        # The outcome stays in the job area until the next job (a status message
        # vanishes within seconds, often before the user looks back).
        op.succeeded.connect(lambda _result, title=title: self._job_succeeded(title))
        if on_success:
            op.succeeded.connect(on_success)
        op.failed.connect(lambda message, op=op: self._job_failed(op, message))
        op.cancelled.connect(lambda: self._job_cancelled())
        op.finished.connect(lambda op=op: self._job_finished(op))
        self.operation = op
        self._job_uses_document = uses_document
        self._outcome_text = ""
        self.job_bar.bind(op, title)
        self.update_actions()
        op.start()
        return op

    def _audited(self, fn: Callable, task: str, role: str | None) -> Callable:
        """Every task on a document leaves an audit record (監査ログ), whatever its outcome."""
        security, document = self.security, self.document
        model = self.model(role) if role else None
        if document is None:
            return fn

        session = self.session(task)

        def work(token, emit):
            from ..session.audit import AuditedTask

            if task in BY_NAME:  # policy first: a refused task leaves no record, as in the CLI
                session.require(task)
            with AuditedTask(security, task, Path(document.path), model):
                return fn(token, emit)

        return work

    def _job_failed(self, op, message: str) -> None:
        from ..llm.demo_model import DemoPackageMissingError  # here: not on the start-up path

        if isinstance(op.error, (NoModelError, DemoPackageMissingError)):
            message = no_model_message()  # the CLI's advice (`make run`…) is not for this window
        if isinstance(op.error, EngineCrashedError):
            self._outcome_text = tr(
                "失敗: 推論プロセスが停止しました", "Failed: the inference process stopped"
            )
        else:
            self._outcome_text = tr("失敗しました", "Failed")
        self.show_error(message)

    def _job_succeeded(self, title: str) -> None:
        import time

        when = time.strftime("%H:%M")
        what = title.removesuffix("中")  # 校正中 → 校正
        self._outcome_text = tr(f"完了: {what}（{when}）", f"Done: {title} ({when})")

    def _job_cancelled(self) -> None:
        # Said once, in the job area (a status-bar message too showed it twice).
        self._outcome_text = tr("キャンセルしました", "Cancelled")
        self.last_status = self._outcome_text

    def add_notice(self, text: str) -> None:
        """A lasting note about the job just ended (e.g. "the result is partial"): next
        to a failure's message when that is shown, alone after a cancel (the job area
        already says キャンセルしました)."""
        current = self.notice.text()
        self.notice.show_text(
            f"{current}\n{text}" if current and current == self.last_error else text
        )

    def _release_finished(self) -> None:
        """Delete the Qt objects of jobs finished earlier: a window open all day
        must not keep every job's thread object and result."""
        for op in self._finished:
            if not op.running():
                op.deleteLater()
        self._finished = [op for op in self._finished if op.running()]

    def _job_finished(self, op) -> None:
        self._finished.append(op)
        if self.operation is op:
            self.operation = None
        self.job_bar.idle(self._outcome_text)
        self.update_actions()

    def cancel(self) -> None:
        self.job_bar.cancel()

    def run_current(self) -> None:
        tab = self.tabs.currentWidget()
        if tab.run_button.isEnabled():
            tab.run()

    def wait_idle(self, ms: int = 30000) -> None:
        """Block until background threads end (closing, tests)."""
        for op in (self.operation, self.doc_operation):
            if op is not None:
                op.wait(ms)

    # --- models -------------------------------------------------------------------------

    def load_model(self, roles: tuple[str, ...] = ROLES):
        settings = self.settings
        policy = self.security.policy if self.security else None
        for role in roles:
            self.model_bar.selectors[role].show_loading()

        def work(token, emit):
            return load_models(settings, policy, roles, emit.progress, self.security)

        op = self.start_job(
            work,
            tr("モデルを読み込み中", "Loading model"),
            on_success=lambda result: self._models_loaded(*result),
            uses_document=False,
        )
        if op is not None:
            op.failed.connect(lambda _m: [self.model_bar.selectors[r].show_failed() for r in roles])
        return op

    def _models_loaded(self, available: list, opened: dict) -> None:
        if self._closing:  # the load outlived the window: do not leave engines behind
            for model in {id(m): m for m in opened.values() if m is not None}.values():
                model.close()
            return
        self.available = available
        for role, model in opened.items():
            self.set_model(model, role)

    def set_model(self, opened: OpenModel | None, role: str | None = None) -> None:
        """Make `opened` the model of `role` (both roles when None); closes what it replaces."""
        for name in (role,) if role else ROLES:
            old = self.models.get(name)
            self.models[name] = opened
            if old is not None and old is not opened and old not in self.models.values():
                old.close()
            selector = self.model_bar.selectors[name]
            current = opened.info.id if opened else self.settings.get(f"models.{name}")
            selector.set_models(self.available, current)
            selector.show_model(opened)
        self.update_actions()

    _model_loaded = set_model  # the first window's name, kept for callers

    def choose_model(self, role: str, model_id: str) -> None:
        if self.models.get(role) and self.models[role].info.id == model_id:
            return
        if self.settings.is_locked(f"models.{role}"):
            return
        self.settings.set(f"models.{role}", model_id)
        if self.settings.path is not None:
            self.settings.save()
        self.load_model((role,))

    # --- documents ----------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("ファイルを開く", "Open file"),
            self.last_folder(),
            dialog_filter(tr),
        )
        if path:
            self.open_document(Path(path))

    def dialog_path(self, purpose: str, suggested: str | Path = "") -> str:
        """Where a file dialog for `purpose` ("save", "glossary", "library") starts: the
        folder the user last chose for it in this session (with the suggested file
        name), else the suggestion (a save goes next to the document by default)."""
        folder = self._dialog_folders.get(purpose)
        if folder is None:
            return str(suggested)
        name = Path(suggested).name if suggested else ""
        return str(folder / name) if name else str(folder)

    def remember_folder(self, purpose: str, chosen: str | Path) -> None:
        """The folder of what the user chose in a dialog (a folder itself for folder
        pickers); the next dialog for the same purpose starts there."""
        chosen = Path(chosen)
        self._dialog_folders[purpose] = chosen if chosen.is_dir() else chosen.parent

    def last_folder(self) -> str:
        """Where the open dialog starts: the folder of the last document (recent files,
        or this session's when history is off)."""
        if self.document is not None:
            return str(Path(self.document.path).parent)
        files = self.recent.load()
        return str(files[0].parent) if files else ""

    def open_document(self, path: Path):
        """Load `path` off the GUI thread; returns the operation (tests wait on it)."""
        if self.busy() and self._job_uses_document:
            self.status(
                tr("処理中は別の文書を開けません", "Cannot open another file while a job runs")
            )
            return None
        if self.doc_operation is not None and self.doc_operation.running():
            return None
        from ..documents import load

        path = Path(path)
        op = self.operation_class(lambda token, emit: load(path), self)
        op.succeeded.connect(lambda document: self._document_loaded(path, document))
        op.failed.connect(self.show_error)
        self.doc_operation = op
        self.status(tr(f"開いています: {path.name}", f"Opening {path.name}"))
        op.start()
        return op

    def _document_loaded(self, path: Path, document) -> None:
        self.document = document
        self._fill_recent_after(path)
        blocks = len(document.blocks)
        self.doc_label.setText(f"{path.name}  ({tr(f'{blocks} 段落', f'{blocks} paragraphs')})")
        self.setWindowTitle(f"{path.name} — {tr('文書アシスタント', 'Desk Assistant')}")
        for tab in self.task_tabs:
            tab.document_changed(document)
        # "開いています…" gives way to the outcome, whatever the notice line says.
        self.status(tr(f"開きました: {path.name}", f"Opened {path.name}"))
        if self._document_notice and self.notice.text() == self._document_notice:
            self.notice.clear()  # the last document's warnings are not about this one
        self._document_notice = ""
        if document.warnings:  # OCR text, private-use glyphs…: the user must see it
            self._document_notice = "\n".join(f"⚠ {warning}" for warning in document.warnings)
            self.status(self._document_notice, 0)
        self.update_actions()

    def _fill_recent_after(self, path: Path) -> None:
        self.recent.add(path)
        self._fill_recent()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Any local file is taken, so an unsupported one (.doc) gets the same clear
        # message as 開く rather than silence. Always a copy: the source stays where it is.
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.setDropAction(Qt.CopyAction)
            event.accept()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        urls = event.mimeData().urls()
        if not (urls and urls[0].isLocalFile()):
            return
        event.setDropAction(Qt.CopyAction)
        event.accept()
        self.open_document(Path(urls[0].toLocalFile()))

    # --- view ---------------------------------------------------------------------------

    def apply_font_size(self, points: int) -> None:
        font = self.font()
        font.setPointSizeF(points if points else self._base_point_size)
        self.setFont(font)

    def zoom(self, step: int) -> None:
        current = round(self.font().pointSizeF())
        points = 0 if step == 0 else max(6, min(48, current + step))
        if step and self._unzoomed_size is None:
            self._unzoomed_size = self.size()  # larger text may grow the window
        self.apply_font_size(points)
        if step == 0 and self._unzoomed_size is not None:
            # Normal size gives the window back the size it had before zooming, once
            # the layouts took the smaller font (until then the old minimum holds).
            size = self._unzoomed_size
            QTimer.singleShot(0, lambda: self._restore_size(size))
            self._unzoomed_size = None
        self.settings.set("ui.font_size", points)
        if self.settings.path is not None:
            self.settings.save()

    def _restore_size(self, size, tries: int = 10) -> None:
        """Resize to `size` once the layouts follow the font (a few event-loop turns)."""
        for widget in (self, *self.findChildren(QWidget)):
            if widget.layout() is not None:
                widget.layout().activate()
        target = size.expandedTo(self.minimumSizeHint())
        self.resize(target)
        if self.size() != size and tries > 0:  # the minimum may still be the large one
            QTimer.singleShot(20, lambda: self._restore_size(size, tries - 1))

    def open_settings(self) -> None:
        from ..llm.catalog import load_catalog
        from .settings_dialog import SettingsDialog

        # Models found on disk (last load) first, then the catalog's.
        dialog = SettingsDialog(self.settings, self, models=[*self.available, *load_catalog()])
        if dialog.exec():
            self.apply_font_size(self.settings.get("ui.font_size"))
            if dialog.needs_restart():
                self.offer_restart()

    def offer_restart(self) -> bool:
        """Some settings need a restart: offer it now (asks first when work would be lost)."""
        box = QMessageBox(
            QMessageBox.Question,
            tr("文書アシスタント", "Desk Assistant"),
            tr(
                "一部の設定はアプリの再起動後に反映されます。今すぐ再起動しますか？",
                "Some settings take effect after a restart. Restart now?",
            ),
            QMessageBox.NoButton,
            self,
        )
        restart = box.addButton(tr("今すぐ再起動(&R)", "&Restart now"), QMessageBox.AcceptRole)
        box.addButton(tr("あとで(&L)", "&Later"), QMessageBox.RejectRole)
        box.exec()
        if box.clickedButton() is restart:
            return self.restart()
        self.status(
            tr(
                "一部の設定はアプリの再起動後に反映されます",
                "Some settings take effect after a restart",
            ),
            0,
        )
        return False

    def restart(self) -> bool:
        """Close (asking first when work would be lost) and start the app again."""
        import sys

        from PySide6.QtCore import QProcess

        if not self.quit():
            return False
        return bool(QProcess.startDetached(sys.executable, sys.argv))

    def show_help(self):
        """The bundled help (offline); one window, raised again when already open."""
        from .help_window import HelpWindow

        if getattr(self, "help_window", None) is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
        return self.help_window

    def about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            tr("文書アシスタント", "Desk Assistant"),
            tr(
                f"文書アシスタント {__version__}\n文書はこの PC の中だけで処理されます。",
                f"Desk Assistant {__version__}\nDocuments are processed on this PC only.",
            ),
        )

    def unsaved_work(self) -> list[str]:
        """What closing now would lose: a running task, results nobody saved."""
        reasons = []
        if self.busy() and self._job_uses_document:
            reasons.append(
                tr("処理を実行中です（中止されます）", "A job is running (it will stop)")
            )
        for tab in self.task_tabs:
            reason = getattr(tab, "unsaved", lambda: None)()
            if reason:
                reasons.append(reason)
        return reasons

    def ask_discard(self, reasons: list[str]) -> bool:
        """True when the user agrees to lose `reasons` (Cancel is the default)."""
        box = QMessageBox(
            QMessageBox.Warning,
            tr("文書アシスタント", "Desk Assistant"),
            tr("終了すると次の作業が失われます:", "Closing now loses:")
            + "\n\n"
            + "\n".join(f"・{reason}" for reason in reasons),
            QMessageBox.Discard | QMessageBox.Cancel,
            self,
        )
        box.button(QMessageBox.Discard).setText(tr("破棄して終了(&D)", "&Discard and quit"))
        box.setDefaultButton(QMessageBox.Cancel)
        return box.exec() == QMessageBox.Discard

    def confirm_close(self) -> bool:
        reasons = self.unsaved_work()
        return not reasons or self.ask_discard(reasons)

    def quit(self) -> bool:
        """Ctrl+Q / 終了: asks first when work would be lost; True when the window closed."""
        if not self.confirm_close():
            return False
        self._close_confirmed = True
        return self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # The title bar's ✕ (a spontaneous close) asks like Ctrl+Q; a programmatic
        # close (session end, tests) does not.
        if event.spontaneous() and not self._close_confirmed and not self.confirm_close():
            event.ignore()
            return
        self._closing = True
        op = self.operation
        if op is not None:
            op.cancel()
        # A model load does not stop on cancel (a 8 GB file is being checked or read):
        # the window goes at once and the process waits for it, since Qt aborts the
        # program when a thread object is destroyed while it runs.
        self.hide()
        for _ in range(CLOSE_WAIT_SECONDS):
            self.wait_idle(1000)
            if not any(o is not None and o.running() for o in (op, self.doc_operation)):
                break
        leftover = getattr(op, "result", None)  # a load that ended after the cancel
        loaded = leftover[1] if isinstance(leftover, tuple) and len(leftover) == 2 else {}
        models = [*self.models.values(), *(loaded.values() if isinstance(loaded, dict) else ())]
        for model in {id(m): m for m in models if isinstance(m, OpenModel)}.values():
            model.close()
        self.models = dict.fromkeys(ROLES)
        super().closeEvent(event)
