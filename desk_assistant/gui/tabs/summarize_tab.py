"""要約 tab: style and length, the summary streamed as it is written, citations
that scroll the source view, grounding findings highlighted, save as docx/txt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...i18n import tr
from ...session.outputs import output_name
from ...tasks.summarize import load_styles, summarize_document
from ..text_view import TextView

LENGTH_UNITS = {  # style.length_unit -> spin box suffix, step
    "bullets": (" 項目", " bullets", 1),
    "chars": (" 字", " chars", 50),
    "words": (" 語", " words", 25),
}


def citation_fields(citation, units: list[str] = ()) -> tuple[str | None, str]:
    """(location, list label) of a tasks.summarize.citations.Citation."""
    unit = citation.unit
    text = units[unit] if 0 <= unit < len(units) else ""
    return citation.location, f"［{citation.label}］ {text}".strip()


# What a summary line carries inline when a check found something in it (the notes
# below the summary give the full message). Kinds: tasks/summarize/grounding.py, support.py.
INLINE_FLAGS = {
    "unsupported": ("原文に根拠が見つかりません", "no supporting passage in the source"),
    "repeat": ("前の行の繰り返し", "repeats an earlier line"),
    "example": ("要約スタイルの例文の写し", "copied from the style's example"),
}
FLAG_NOT_IN_SOURCE = ("「{}」は原文に見当たりません", "'{}' is not in the source")


def inline_flag(finding) -> str | None:
    """The short ⚠ text a finding puts after its line, or None (whole-summary kinds)."""
    kind = getattr(finding, "kind", None)
    if kind in INLINE_FLAGS:
        return "⚠ " + tr(*INLINE_FLAGS[kind])
    if kind in ("number", "date", "term"):
        ja, en = FLAG_NOT_IN_SOURCE
        return "⚠ " + tr(ja.format(finding.surface), en.format(finding.surface))
    if kind == "law":  # a law citation checked against the law data (tasks/laws)
        return "⚠ " + tr(finding.message_ja, finding.message_en)
    return None


def annotated_summary(result) -> tuple[str, list[tuple[int, int, str]]]:
    """The summary as shown and saved: each line followed by its source (［p.4］), or by
    ⚠ and what the check found (an invented line has no source to name); and the spans
    to tint (finding surfaces and the ⚠ notes)."""
    units = list(getattr(result, "units", None) or [])
    if not units:
        return result.text, []
    citations = {}
    for citation in getattr(result, "citations", None) or ():
        unit = citation.unit
        citations.setdefault(unit, citation)
    by_unit: dict[int, list] = {}
    for finding in getattr(result, "findings", None) or ():
        by_unit.setdefault(getattr(finding, "unit", -1), []).append(finding)
    lines = "\n" in result.text or len(units) == 1
    text, marks = "", []
    for n, unit in enumerate(units):
        if n:  # prose: Japanese sentences run on, English ones take a space
            text += "\n" if lines else ("" if units[n - 1][-1:] > "\u3000" else " ")
        start = len(text)
        text += unit
        for finding in by_unit.get(n, ()):
            inner = unit.find(getattr(finding, "surface", "") or "\0")
            kind = getattr(finding, "kind", "")
            if kind in INLINE_FLAGS:  # the whole line is in doubt
                marks.append((start, start + len(unit), "warning"))
            elif inner >= 0:  # a figure or name: just that
                marks.append((start + inner, start + inner + len(finding.surface), "error"))
        if n in citations:
            text += f"［{_label_of(citations[n])}］"
        for flag in dict.fromkeys(filter(None, map(inline_flag, by_unit.get(n, ())))):
            text += "　"
            marks.append((len(text), len(text) + len(flag), "warning"))
            text += flag
    return text, marks


def _label_of(citation) -> str:
    return citation.label  # p.12, 第5段落, 表1 … (describe_location)


# The pipeline's warnings are English (logs, --format json); the window says them in
# the UI language. One not listed here is shown as it is.
PIPELINE_WARNINGS = {
    "the first answer was rejected": (
        "最初の回答に問題（繰り返し・例文の写し・指定と違う言語）があったため、もう一度生成しました。",
        "The first answer was rejected (repeats, a copied example or the wrong language)"
        " and generated again.",
    ),
    "notes truncated to fit the context window": (
        "文書が長いため、要点メモの一部を省いて要約しました（後半が反映されていない可能性があります）。",
        "The document is long: part of the notes was left out to fit the model's context.",
    ),
}


def warning_text(warning: str) -> str:
    for start, said in PIPELINE_WARNINGS.items():
        if warning.startswith(start):
            return tr(*said)
    return warning


DEMO_NOTE = (
    "※ デモモデルの出力です。品質は実用水準ではありません。",
    "Note: demo model output; not production quality.",
)
PARTIAL_NOTE = (
    "【未完成】この要約は途中で中断されたため、文書の一部しか反映していません。",
    "[INCOMPLETE] This summary was interrupted and covers only part of the document.",
)


def run_summary(opened, document, session, style, length, token, emit):
    """The summary; on the worker thread."""
    session.begin()
    return summarize_document(
        opened.engine,
        opened.info.prompt_format,
        document,
        style,
        n_ctx=opened.runtime.n_ctx,
        length=length or None,
        cancel=token,
        on_piece=emit,
        on_progress=lambda done, total, *stage: emit.progress(done, total),
        on_estimate=emit.estimate,  # the pipeline times its calls: an ETA inside one pass too
    )


class SummarizeTab(QWidget):
    title = ("要約(&U)", "S&ummarize")
    role = "general"

    def __init__(self, main) -> None:
        super().__init__()
        self.main = main
        self._unsaved = False
        self.partial = False  # cancelled or failed mid-way: what is shown is incomplete
        self.result = None
        self.styles = load_styles()
        self.style_box = QComboBox()
        for style in self.styles.values():
            self.style_box.addItem(style.name, style.id)
        style_label = QLabel(tr("スタイル(&Y)", "St&yle"))
        style_label.setBuddy(self.style_box)
        self.length_box = QSpinBox()
        self.length_box.setRange(0, 5000)
        self.length_box.setSingleStep(100)
        self.length_box.setSpecialValueText(tr("スタイルの既定", "style default"))
        length_label = QLabel(tr("長さ(&L)", "&Length"))
        length_label.setBuddy(self.length_box)
        self.run_button = QPushButton(tr("要約を実行(&R)", "&Run summary"))
        self.save_button = QPushButton(tr("要約を保存(&S)…", "&Save summary…"))
        self.source_view = TextView()
        self.summary_view = TextView()
        self.summary_view.setPlaceholderText(
            tr("要約はここに表示されます", "The summary appears here")
        )
        self.citations = QListWidget()
        # Long citations wrap instead of needing a horizontal scroll.
        self.citations.setWordWrap(True)
        self.citations.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.citations.setResizeMode(QListWidget.Adjust)
        self.citations.setToolTip(
            tr("クリックすると原文の該当箇所を表示します", "Click to show the source passage")
        )
        self.notes = QLabel()
        self.notes.setWordWrap(True)

        bar = QHBoxLayout()
        for widget in (style_label, self.style_box, length_label, self.length_box, self.run_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.summary_view)
        right.addWidget(self.citations)
        right.setSizes([400, 150])
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.source_view)
        split.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.notes)

        self.style_box.currentIndexChanged.connect(self._style_changed)
        self._style_changed()
        self.run_button.clicked.connect(self.run)
        self.save_button.clicked.connect(self.choose_save)
        self.citations.itemActivated.connect(self._citation_clicked)
        self.citations.itemClicked.connect(self._citation_clicked)
        self.update_actions(False)

    def _style_changed(self, *_args) -> None:
        style = self.styles.get(self.style_box.currentData())
        unit = getattr(style, "length_unit", "chars")
        ja, en, step = LENGTH_UNITS.get(unit, LENGTH_UNITS["chars"])
        self.length_box.setSuffix(tr(ja, en))
        self.length_box.setSingleStep(step)
        self.length_box.setValue(0)

    def unsaved(self) -> str | None:
        """What closing now would lose (the window asks first), or None."""
        if self._unsaved:
            return tr("保存していない要約があります", "A summary has not been saved")
        return None

    def document_changed(self, document) -> None:
        self._unsaved = False
        self.partial = False
        self.source_view.set_blocks(document.blocks)
        self.summary_view.set_text("")
        self.citations.clear()
        self.notes.clear()
        self.result = None

    def policy_buttons(self) -> dict[str, list]:
        """The buttons each policy feature key switches off (main window applies them)."""
        return {"export": [self.save_button]}

    def update_actions(self, busy: bool) -> None:
        ready = self.main.document is not None and self.main.model(self.role) is not None
        self.run_button.setEnabled(ready and not busy)
        self.save_button.setEnabled(bool(self.summary_view.toPlainText()) and not busy)

    def run(self):
        opened, document = self.main.model(self.role), self.main.document
        if opened is None or document is None:
            return None
        style = self.styles[self.style_box.currentData()]
        session, length = self.main.session("summarize"), self.length_box.value()
        self.summary_view.set_text("")
        self.citations.clear()
        self.notes.clear()
        self.result = None
        self.partial = False
        op = self.main.start_job(
            lambda token, emit: run_summary(opened, document, session, style, length, token, emit),
            tr("要約中", "Summarizing"),
            on_piece=self._append,
            on_success=self._show_result,
            task="summarize",
            role=self.role,
        )
        if op is not None:
            op.cancelled.connect(self._interrupted)
            op.failed.connect(self._interrupted)
        return op

    def _append(self, piece: str) -> None:
        cursor = self.summary_view.textCursor()
        cursor.movePosition(QTextCursor.End)
        cursor.insertText(piece)

    def _interrupted(self, *_args) -> None:
        """Cancelled or crashed: what streamed so far stays, saveable, marked incomplete."""
        if self.summary_view.toPlainText().strip():
            self.partial = True
            self._unsaved = True
            self.main.add_notice(tr(*PARTIAL_NOTE))  # after the outcome, not instead of it
        self.update_actions(self.main.busy())

    def _show_result(self, result) -> None:
        self.partial = False
        self.result = result
        self._unsaved = bool(result.text)
        # Each line with its source, or ⚠ and what a check found in it.
        text, marks = annotated_summary(result)
        self.summary_view.set_text(text)
        units = list(getattr(result, "units", None) or [])
        for citation in getattr(result, "citations", None) or ():
            location, label = citation_fields(citation, units)
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, location)
            self.citations.addItem(item)
        findings = list(getattr(result, "findings", None) or ())
        self.summary_view.set_marks(marks)
        notes = [f"⚠ {f.message()}" for f in findings]
        verdict = getattr(result, "verdict", None)
        if verdict is not None:
            notes.insert(0, tr("判定: ", "Verdict: ") + verdict.label())
        notes += [warning_text(w) for w in getattr(result, "warnings", None) or ()]
        opened = self.main.model(self.role)
        if opened is not None and opened.info.demo:
            notes.append(tr(*DEMO_NOTE))
        self.notes.setText("\n".join(notes))

    def _citation_clicked(self, item: QListWidgetItem) -> None:
        location = item.data(Qt.UserRole)
        if location:
            self.source_view.scroll_to_location(location)

    def choose_save(self) -> None:
        document = self.main.document
        base = str(output_name(document.path, "summary")) if document else ""
        path, chosen = QFileDialog.getSaveFileName(
            self,
            tr("要約を保存", "Save summary"),
            self.main.dialog_path("save", base),
            tr("Word 文書 (*.docx);;テキスト (*.txt)", "Word document (*.docx);;Text (*.txt)"),
        )
        if path:
            self.main.remember_folder("save", path)
            self.save(Path(path))

    def save(self, out_path: Path):
        # Files carry the sources (［p.12］) and the ⚠ notes, as on screen, so a reader
        # can check each line.
        if self.result is not None and not self.partial:
            text = annotated_summary(self.result)[0]
        else:
            text = self.summary_view.toPlainText()
        if self.partial:  # the file itself says it is incomplete, wherever it goes
            text = f"{tr(*PARTIAL_NOTE)}\n\n{text}"
        opened = self.main.model(self.role)
        if opened is not None and opened.info.demo:  # the file carries the screen's warning
            text = f"{text}\n\n{tr(*DEMO_NOTE)}"
        title = Path(self.main.document.path).name if self.main.document else None

        document, session = self.main.document, self.main.session("summarize")

        def work(token, emit):
            session.check_output(out_path, document)
            if out_path.suffix.lower() == ".txt":
                from ...fileio import atomic_write_text

                atomic_write_text(out_path, text + "\n", shared=True)
            else:
                from ...documents import write_text_docx

                # The save dialog already asked before replacing an existing file.
                write_text_docx(out_path, text.splitlines(), title=title, overwrite=True)
            return out_path

        return self.main.start_job(
            work,
            tr("保存中", "Saving"),
            on_success=self._saved,
        )

    def _saved(self, path) -> None:
        self._unsaved = False
        self.main.status(tr(f"保存しました: {path}", f"Saved: {path}"))


# The main window finds each task's tab here (gui/tabs/<task>_tab.py: Tab).
Tab = SummarizeTab
