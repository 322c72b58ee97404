"""校正 tab: findings list synced with highlighted spans; accept / ignore each;
export a commented copy (Word, Excel cell comments, PowerPoint slide comments) or a
tracked-changes copy of the docx.

Findings are kept block-relative with a location (as a docx writer needs them);
the view maps them to its own offsets with the block starts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...documents.formats import ANNOTATES, BY_NAME, COMMENTS
from ...i18n import tr
from ...session.outputs import output_name
from ...tasks.proofread import proofread_document, write_tracked_docx
from ...tasks.proofread.office import write_commented

PENDING, ACCEPTED, IGNORED = "pending", "accepted", "ignored"
STATUS_TEXT = {
    PENDING: ("未処理", "Open"),
    ACCEPTED: ("採用", "Accepted"),
    IGNORED: ("無視", "Ignored"),
}
SEVERITY_TEXT = {
    "error": ("エラー", "Error"),
    "warning": ("警告", "Warning"),
    "info": ("情報", "Info"),
}
ACCEPTED_COLOUR = "#c8f0c8"
REVIEW_ROLE = Qt.UserRole  # an item's index in `reviews`
SORT_ROLE = Qt.UserRole + 1  # what a column sorts by (severity by weight, not by its word)
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
STATUS_ORDER = {PENDING: 0, ACCEPTED: 1, IGNORED: 2}
ALL = ""  # the filters' "all" entry
# Findings whose rule is not in the rule registry (model suggestions).
OTHER_RULE_TITLES = {"llm-suggestion": ("モデルの提案", "Model suggestion")}


def rule_title(rule_id: str) -> str:
    """The rule's title in the UI language (its data), never the internal id."""
    from ...tasks.proofread import RULES

    rule = RULES.get(rule_id)
    if rule is not None:
        return tr(rule.title_ja, rule.title_en)
    return tr(*OTHER_RULE_TITLES.get(rule_id, (rule_id, rule_id)))


def finding_detail(finding) -> str:
    """The finding in full for the line under the table: rule, message, suggestion and
    the clause or source it rests on."""
    lines = [f"【{rule_title(finding.rule)}】 {finding.message()}"]
    if finding.suggestion:
        lines.append(tr(f"修正案: {finding.suggestion}", f"Suggestion: {finding.suggestion}"))
    basis = finding.citation or finding.source
    if basis:
        lines.append(tr(f"根拠: {basis}", f"Basis: {basis}"))
    return "\n".join(lines)


class FindingItem(QTreeWidgetItem):
    """A row that sorts by SORT_ROLE: 重要度 by weight, then by place in the text."""

    def __lt__(self, other) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else -1
        if column < 0:
            return self.data(0, REVIEW_ROLE) < other.data(0, REVIEW_ROLE)
        return (self.data(column, SORT_ROLE), self.data(0, REVIEW_ROLE)) < (
            other.data(column, SORT_ROLE),
            other.data(0, REVIEW_ROLE),
        )


@dataclass
class Review:
    finding: object  # tasks.proofread.Finding, block-relative, with location
    start: int  # offsets in the view's text
    end: int
    status: str = PENDING


def decision_key(finding) -> tuple:
    """What identifies a finding across re-runs: where it is, which rule, which text
    (offsets move when the text before it changes; the decision should not)."""
    return (finding.location or "", finding.rule, finding.surface)


def run_proofread(document, session, opened, token, emit) -> list:
    """Findings for `document` (block-relative, located). Runs on the worker thread.
    With `opened` (the general model), its suggestions are added as info findings."""
    session.begin()
    if not session.allows("llm_suggestions"):
        opened = None
    from ...tasks.proofread import ProofreadConfig
    from ...tasks.proofread.profile import configure

    result = proofread_document(
        document,
        config=configure(ProofreadConfig(), session.policy),  # 組織の規定 + exceptions
        engine=opened.engine if opened else None,
        prompt_format=opened.info.prompt_format if opened else None,
        cancel=token,
        on_progress=emit.progress,
    )
    return list(result.findings)


class ProofreadTab(QWidget):
    title = ("校正(&P)", "&Proofread")

    def __init__(self, main) -> None:
        super().__init__()
        self.main = main
        self._unsaved = False
        self.reviews: list[Review] = []
        self.items: list[QTreeWidgetItem] = []  # the row of each review, whatever the sort
        self._syncing = False
        from ..text_view import TextView

        self.view = TextView()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                tr("状態", "Status"),
                tr("重要度", "Severity"),
                tr("規則", "Rule"),
                tr("指摘", "Message"),
                tr("修正案", "Suggestion"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(3, QHeaderView.Stretch)
        # Click a header to sort; until then the list follows the text.
        self.tree.setSortingEnabled(True)
        self.tree.header().setSortIndicator(-1, Qt.AscendingOrder)
        self.rule_filter = QComboBox()
        self.rule_filter.setToolTip(tr("規則で絞り込む", "Show one rule only"))
        self.severity_filter = QComboBox()
        self.severity_filter.setToolTip(tr("重要度で絞り込む", "Show one severity only"))
        self.severity_filter.addItem(tr("すべての重要度", "All severities"), ALL)
        for severity, text in SEVERITY_TEXT.items():
            self.severity_filter.addItem(tr(*text), severity)
        self.accept_rule_button = QPushButton(
            tr("この規則を一括採用(&L)", "Accept a&ll of this rule")
        )
        self.ignore_rule_button = QPushButton(
            tr("この規則を一括無視(&O)", "Ign&ore all of this rule")
        )
        for button in (self.accept_rule_button, self.ignore_rule_button):
            button.setToolTip(
                tr(
                    "選択中の指摘と同じ規則の、表示中の指摘すべてに適用します",
                    "Applies to every shown finding of the selected finding's rule",
                )
            )
        self.run_button = QPushButton(tr("校正を実行(&R)", "&Run check"))
        self.accept_button = QPushButton(tr("採用(&A)", "&Accept"))
        self.ignore_button = QPushButton(tr("無視(&I)", "&Ignore"))
        self.comment_button = QPushButton(tr("コメント付きで保存(&C)…", "Save with &comments…"))
        self.tracked_button = QPushButton(
            tr("変更履歴付きで保存(&K)…", "Save with trac&ked changes…")
        )
        self.summary = QLabel()
        self.llm_box = QCheckBox(tr("モデルによる提案も表示(&E)", "Include mod&el suggestions"))
        self.llm_box.setToolTip(
            tr(
                "規則による指摘に加えて、要約・校正用モデルの提案を表示します（時間がかかります）",
                "Add the general model's suggestions to the rule findings (slower)",
            )
        )
        bar = QHBoxLayout()
        for widget in (self.run_button, self.llm_box, self.accept_button, self.ignore_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        bar.addWidget(self.comment_button)
        bar.addWidget(self.tracked_button)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for widget in (self.rule_filter, self.severity_filter):
            widget.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(8)
            filters.addWidget(widget, 1)
        filters.addWidget(self.accept_rule_button)
        filters.addWidget(self.ignore_rule_button)
        findings_pane = QWidget()
        pane_layout = QVBoxLayout(findings_pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.addLayout(filters)
        pane_layout.addWidget(self.tree, 1)
        # The current finding in full: the table's columns elide on a laptop screen.
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.detail.setTextFormat(Qt.PlainText)
        pane_layout.addWidget(self.detail)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.view)
        split.addWidget(findings_pane)
        split.setSizes([500, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

        self.run_button.clicked.connect(self.run)
        self.accept_button.clicked.connect(lambda: self.set_status(ACCEPTED))
        self.ignore_button.clicked.connect(lambda: self.set_status(IGNORED))
        self.accept_rule_button.clicked.connect(lambda: self.set_rule_status(ACCEPTED))
        self.ignore_rule_button.clicked.connect(lambda: self.set_rule_status(IGNORED))
        self.rule_filter.currentIndexChanged.connect(self.apply_filters)
        self.severity_filter.currentIndexChanged.connect(self.apply_filters)
        self.comment_button.clicked.connect(lambda: self.choose_export("comments"))
        self.tracked_button.clicked.connect(lambda: self.choose_export("tracked"))
        self.tree.currentItemChanged.connect(self._tree_moved)
        self.view.cursorPositionChanged.connect(self._cursor_moved)
        self.update_actions(False)

    # --- window hooks -------------------------------------------------------------

    def unsaved(self) -> str | None:
        """What closing now would lose (the window asks first), or None."""
        if self._unsaved and any(r.status != PENDING for r in self.reviews):
            return tr(
                "保存していない校正の採用・無視の判断があります",
                "Proofreading decisions (accept/ignore) have not been saved",
            )
        return None

    def document_changed(self, document) -> None:
        self._unsaved = False
        self.view.set_blocks(document.blocks)
        self._set_reviews([])

    def policy_buttons(self) -> dict[str, list]:
        """The buttons each policy feature key switches off (main window applies them)."""
        return {"export": [self.comment_button, self.tracked_button]}

    def update_actions(self, busy: bool) -> None:
        has_doc = self.main.document is not None
        self.run_button.setEnabled(has_doc and not busy)
        self.llm_box.setEnabled(self.main.model("general") is not None and not busy)
        current = self.current_review()
        # Not during a run: the list is replaced when it ends, and the click would be lost.
        can_decide = current is not None and not busy
        self.accept_button.setEnabled(can_decide and bool(current.finding.suggestion))
        self.ignore_button.setEnabled(can_decide)
        self.accept_rule_button.setEnabled(
            can_decide and any(r.finding.suggestion for r in self._rule_reviews())
        )
        self.ignore_rule_button.setEnabled(can_decide)
        has_findings = bool(self.reviews) and not busy
        # Comments need a format that carries them (Word, Excel, PowerPoint; not PDF);
        # tracked changes are Word's only.
        fmt = BY_NAME.get(self.main.document.format) if has_doc else None
        self.comment_button.setEnabled(has_findings and fmt is not None and fmt.can(COMMENTS))
        self.tracked_button.setEnabled(has_findings and fmt is not None and fmt.can(ANNOTATES))

    # --- run ------------------------------------------------------------------------

    def run(self):
        document = self.main.document
        if document is None:
            return None
        session = self.main.session("proofread")
        use_model = self.llm_box.isChecked() and self.llm_box.isEnabled()
        opened = self.main.model("general") if use_model else None
        op = self.main.start_job(
            lambda token, emit: run_proofread(document, session, opened, token, emit),
            tr("校正中", "Proofreading"),
            on_success=self._show_findings,
            task="proofread",
            role="general" if opened else None,
        )
        if op is not None:  # cancelled during the model pass: the rule findings are kept
            op.cancelled.connect(lambda: op.result and self._show_findings(op.result))
        return op

    def _show_findings(self, findings) -> None:
        findings = list(getattr(findings, "findings", findings) or ())
        # A re-run keeps the 採用/無視 decisions of findings that are still there.
        decided = {decision_key(r.finding): r.status for r in self.reviews if r.status != PENDING}
        reviews = []
        for finding in findings:
            base = self.view.block_starts.get(finding.location or "", 0)
            status = decided.get(decision_key(finding), PENDING)
            reviews.append(Review(finding, base + finding.start, base + finding.end, status))
        reviews.sort(key=lambda r: (r.start, r.end))
        self._set_reviews(reviews)
        self.main.status(
            tr(f"校正: 指摘 {len(reviews)} 件", f"Proofreading: {len(reviews)} findings")
        )

    def _set_reviews(self, reviews: list[Review]) -> None:
        self.reviews = reviews
        self.items = []
        self.tree.clear()
        self.tree.setSortingEnabled(False)  # insert in text order, then sort as the user chose
        for index, review in enumerate(reviews):
            f = review.finding
            item = FindingItem(
                [
                    "",
                    tr(*SEVERITY_TEXT.get(f.severity, (f.severity, f.severity))),
                    rule_title(f.rule),
                    f.message(),
                    f.suggestion or "",
                ]
            )
            item.setToolTip(3, f"{f.message()}\n{f.citation or f.source}")  # the clause it rests on
            item.setToolTip(2, f.rule)  # the id, for a report to IT
            item.setData(0, REVIEW_ROLE, index)
            item.setData(1, SORT_ROLE, SEVERITY_ORDER.get(f.severity, 9))
            for column in (2, 3, 4):
                item.setData(column, SORT_ROLE, item.text(column))
            self.tree.addTopLevelItem(item)
            self.items.append(item)
            self._paint(item, review)
        self.tree.setSortingEnabled(True)
        for column in (1, 2):
            self.tree.resizeColumnToContents(column)
        # A long English rule title must not squeeze the message out of sight.
        cap = 24 * self.tree.fontMetrics().averageCharWidth()
        self.tree.setColumnWidth(2, min(self.tree.columnWidth(2), cap))
        self.detail.setText("")
        self._fit_status_column()
        self._fill_rule_filter()
        self.apply_filters()
        self._render_marks()
        self._update_summary()
        self.update_actions(self.main.busy())

    # --- accept / ignore ----------------------------------------------------------

    def _fit_status_column(self) -> None:
        """Wide enough for every status word, so "Accepted" never shows as "Acce…"."""
        metrics = self.tree.fontMetrics()
        words = [tr(*text) for text in STATUS_TEXT.values()] + [self.tree.headerItem().text(0)]
        width = max(metrics.horizontalAdvance(word) for word in words)
        self.tree.setColumnWidth(0, width + 4 * metrics.averageCharWidth())

    def _index(self, item) -> int:
        return item.data(0, REVIEW_ROLE) if item is not None else -1

    def current_review(self) -> Review | None:
        index = self._index(self.tree.currentItem())
        return self.reviews[index] if 0 <= index < len(self.reviews) else None

    def set_status(self, status: str) -> None:
        if self.main.busy():  # a run replaces the list when it ends
            return
        item = self.tree.currentItem()
        index = self._index(item)
        if not 0 <= index < len(self.reviews):
            return
        review = self.reviews[index]
        review.status = PENDING if review.status == status else status  # pressing again undoes
        self._unsaved = True
        self._paint(item, review)
        self._render_marks()
        self._update_summary()
        below = self.tree.itemBelow(item)  # move on, as a reviewer works down the list
        if below is not None:
            self.tree.setCurrentItem(below)

    def _rule_reviews(self) -> list[Review]:
        """The shown findings of the current finding's rule (what the bulk buttons change)."""
        current = self.current_review()
        if current is None:
            return []
        return [
            review
            for review, item in zip(self.reviews, self.items, strict=True)
            if review.finding.rule == current.finding.rule and not item.isHidden()
        ]

    def set_rule_status(self, status: str) -> int:
        """Accept or ignore every shown finding of the current rule; how many changed.
        Accepting skips findings without a suggestion (nothing to apply)."""
        if self.main.busy():
            return 0
        changed = 0
        for review in self._rule_reviews():
            if status == ACCEPTED and not review.finding.suggestion:
                continue
            if review.status != status:
                review.status = status
                changed += 1
            self._paint(self.items[self.reviews.index(review)], review)
        if changed:
            self._unsaved = True
        self._render_marks()
        self._update_summary()
        self.update_actions(self.main.busy())
        return changed

    # --- filters --------------------------------------------------------------------

    def _fill_rule_filter(self) -> None:
        chosen = self.rule_filter.currentData()
        self.rule_filter.blockSignals(True)
        self.rule_filter.clear()
        self.rule_filter.addItem(tr("すべての規則", "All rules"), ALL)
        counts: dict[str, int] = {}
        for review in self.reviews:
            counts[review.finding.rule] = counts.get(review.finding.rule, 0) + 1
        for rule_id in sorted(counts, key=rule_title):
            self.rule_filter.addItem(f"{rule_title(rule_id)} ({counts[rule_id]})", rule_id)
        found = self.rule_filter.findData(chosen) if chosen else 0  # a re-run keeps the filter
        self.rule_filter.setCurrentIndex(max(found, 0))
        self.rule_filter.blockSignals(False)

    def apply_filters(self, *_args) -> None:
        rule, severity = self.rule_filter.currentData(), self.severity_filter.currentData()
        for review, item in zip(self.reviews, self.items, strict=True):
            f = review.finding
            item.setHidden(bool((rule and f.rule != rule) or (severity and f.severity != severity)))
        self.update_actions(self.main.busy())

    def _paint(self, item: QTreeWidgetItem, review: Review) -> None:
        item.setText(0, tr(*STATUS_TEXT[review.status]))
        item.setData(0, SORT_ROLE, STATUS_ORDER[review.status])
        colour = {ACCEPTED: QColor(ACCEPTED_COLOUR), IGNORED: QColor("#e0e0e0")}.get(review.status)
        for column in range(self.tree.columnCount()):
            item.setBackground(column, colour if colour else QColor(0, 0, 0, 0))

    def _render_marks(self) -> None:
        self.view.set_marks(
            [
                (r.start, r.end, "info" if r.status == ACCEPTED else r.finding.severity)
                for r in self.reviews
                if r.status != IGNORED
            ]
        )

    def _update_summary(self) -> None:
        counts = {s: sum(r.status == s for r in self.reviews) for s in STATUS_TEXT}
        self.summary.setText(
            tr(
                f"未処理 {counts[PENDING]}・採用 {counts[ACCEPTED]}・無視 {counts[IGNORED]}",
                f"open {counts[PENDING]} · accepted {counts[ACCEPTED]} · ignored {counts[IGNORED]}",
            )
            if self.reviews
            else ""
        )

    # --- list <-> text sync ---------------------------------------------------------

    def _tree_moved(self, current, _previous) -> None:
        review = self.current_review()
        self.update_actions(self.main.busy())
        self.detail.setText(finding_detail(review.finding) if review is not None else "")
        if review is None or self._syncing:
            return
        self._syncing = True
        try:
            self.view.set_current(review.start, review.end)
        finally:
            self._syncing = False

    def _cursor_moved(self) -> None:
        if self._syncing or not self.reviews:
            return
        pos = self.view.py_pos(self.view.textCursor().position())
        for index, review in enumerate(self.reviews):
            if review.start <= pos < max(review.end, review.start + 1):
                self._syncing = True
                try:
                    self.tree.setCurrentItem(self.items[index])
                    self.view.set_current(review.start, review.end)
                finally:
                    self._syncing = False
                return

    # --- export ---------------------------------------------------------------------

    def choose_export(self, kind: str) -> None:
        document = self.main.document
        if document is None:
            return
        fmt = BY_NAME.get(document.format)
        own = kind == "comments" and fmt is not None and fmt.can(COMMENTS)
        suffix = fmt.suffixes[0] if own else ".docx"  # an Excel book's comments: an Excel book
        suggested = str(
            output_name(
                document.path, "commented" if kind == "comments" else "tracked", suffix=suffix
            )
        )
        label = fmt.label if own else ("Word 文書", "Word document")
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("保存", "Save"),
            self.main.dialog_path("save", suggested),
            tr(f"{label[0]} (*{suffix})", f"{label[1]} (*{suffix})"),
        )
        if path:
            self.main.remember_folder("save", path)
            self.export(kind, Path(path))

    def export(self, kind: str, out_path: Path):
        document = self.main.document
        if kind == "comments":
            writer = write_commented
            chosen = [r.finding for r in self.reviews if r.status != IGNORED]
        else:
            writer = write_tracked_docx
            chosen = [r.finding for r in self.reviews if r.status == ACCEPTED]
        if document is None:
            return None
        session = self.main.session("proofread")

        def work(token, emit):
            session.check_output(out_path, document)
            writer(document, chosen, out_path)
            return out_path

        return self.main.start_job(
            work,
            tr("保存中", "Saving"),
            on_success=self._saved,
            task="proofread-export",
        )

    def _saved(self, path) -> None:
        self._unsaved = False
        self.main.status(tr(f"保存しました: {path}", f"Saved: {path}"))


# The main window finds each task's tab here (gui/tabs/<task>_tab.py: Tab).
Tab = ProofreadTab
