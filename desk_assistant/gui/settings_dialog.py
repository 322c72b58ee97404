"""The settings dialog, generated from settings.SCHEMA: one row per setting, the
editor chosen by type. Settings IT policy locks are shown, disabled, as managed.
Models are picked from the catalog and the models found on disk (ids still typeable);
folders and files have Browse buttons; nobody has to type an engine field by hand."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..errors import DeskError
from ..i18n import tr
from ..security.policy import MANAGED_LABEL
from ..settings import SCHEMA, Setting, Settings

CHOICE_LABELS = {
    "ja": "日本語",
    "en": "English",
    # engine.location (the policy's inference server, docs/remote-engine.md)
    "auto": ("自動", "Automatic"),
    "local": ("この PC", "This PC"),
    "remote": ("組織の推論サーバー", "Organization's server"),
}
# Changing these needs a restart (declared on each Setting in settings.py).
RESTART_KEYS = {setting.key for setting in SCHEMA if setting.restart}


MODEL_KEYS = {"models.translate", "models.general"}
FOLDER_KEYS = {"models.directory"}
FILE_KEYS = {"library.index", "library.key_file"}


class ModelPicker(QComboBox):
    """Automatic (empty), then every known model by name; another id can be typed."""

    def __init__(self, models, value: str) -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        self.addItem(tr("自動（役割に合うモデル）", "Automatic (best for the role)"), "")
        seen = set()
        for model in models:
            if model.id not in seen:
                seen.add(model.id)
                self.addItem(f"{model.name}  ({model.id})", model.id)
        index = self.findData(value)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(value)

    def value(self) -> str:
        index = self.findText(self.currentText())
        return self.itemData(index) if index >= 0 else self.currentText().strip()


class PathPicker(QWidget):
    """A path field with Browse… (a folder or a file)."""

    def __init__(self, value: str, folder: bool) -> None:
        super().__init__()
        self.folder = folder
        self.edit = QLineEdit(str(value))
        self.browse = QPushButton(tr("参照…", "Browse…"))
        self.browse.clicked.connect(self.choose)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.edit, 1)
        box.addWidget(self.browse)

    def choose(self) -> None:
        start = self.edit.text()
        if self.folder:
            path = QFileDialog.getExistingDirectory(
                self, tr("フォルダを選ぶ", "Choose a folder"), start
            )
        else:
            path, _ = QFileDialog.getSaveFileName(
                self,
                tr("ファイルを選ぶ", "Choose a file"),
                start,
                "",
                "",
                QFileDialog.DontConfirmOverwrite,
            )
        if path:
            self.edit.setText(path)

    def value(self) -> str:
        return self.edit.text().strip()


def editor_for(setting: Setting, value, models=()) -> QWidget:
    if setting.key in MODEL_KEYS:
        return ModelPicker(models, str(value or ""))
    if setting.key in FOLDER_KEYS or setting.key in FILE_KEYS:
        return PathPicker(str(value or ""), folder=setting.key in FOLDER_KEYS)
    if setting.type is bool:
        widget = QCheckBox()
        widget.setChecked(bool(value))
    elif setting.choices:
        widget = QComboBox()
        for choice in setting.choices:
            label = CHOICE_LABELS.get(choice, str(choice))
            widget.addItem(tr(*label) if isinstance(label, tuple) else label, choice)
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif setting.type is int:
        widget = QSpinBox()
        widget.setRange(
            setting.minimum if setting.minimum is not None else -(2**31),
            setting.maximum if setting.maximum is not None else 2**31 - 1,
        )
        widget.setValue(int(value))
    else:
        widget = QLineEdit(str(value))
    return widget


def editor_value(widget: QWidget):
    if isinstance(widget, (ModelPicker, PathPicker)):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox):
        return widget.value()
    return widget.text()


LABEL_EM = 64  # a text setting's title wider than this (in average characters) is shortened


def shorten_label(label: QLabel, widget: QWidget) -> None:
    """A long title with its explanation in brackets ("翻訳文のフォント（空 = 既定。…例: …）")
    shows its name only; the whole title is its tooltip and, for a text field, the
    field's placeholder. It widened the dialog past a laptop screen (1317 px), and
    wrapped titles were clipped inside the scroll area."""
    text = label.text()
    metrics = label.fontMetrics()
    edit = widget if isinstance(widget, QLineEdit) else getattr(widget, "edit", None)
    if not isinstance(edit, QLineEdit):  # the explanation would have nowhere to go
        return
    if metrics.horizontalAdvance(text) <= metrics.averageCharWidth() * LABEL_EM:
        return
    cut = min((i for i in (text.find("（"), text.find(" (")) if i > 0), default=-1)
    if cut < 0:
        return
    detail = text[cut:].strip().removeprefix("（").removeprefix("(").removesuffix("）")
    label.setText(text[:cut])
    label.setToolTip(text)
    if not edit.placeholderText():
        edit.setPlaceholderText(detail.removesuffix(")"))


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, models=None) -> None:
        super().__init__(parent)
        self.settings = settings
        if models is None:  # the catalog: what can be picked before any model is found
            from ..llm.catalog import load_catalog

            models = load_catalog()
        self.setWindowTitle(tr("設定", "Settings"))
        self.editors: dict[str, QWidget] = {}
        self.changed: set[str] = set()
        form = QFormLayout()
        for setting in SCHEMA:
            widget = editor_for(setting, settings.get(setting.key), models)
            self.editors[setting.key] = widget
            label = QLabel(tr(setting.label_ja, setting.label_en))
            label.setBuddy(widget)
            shorten_label(label, widget)
            if any(setting.description):
                widget.setToolTip(tr(*setting.description))
            if settings.is_locked(setting.key):
                widget.setEnabled(False)
                managed = QLabel(tr(*MANAGED_LABEL))
                managed.setStyleSheet("color:#a05a00;")
                row = QWidget()
                box = QHBoxLayout(row)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(widget, 1)
                box.addWidget(managed)
                widget.setToolTip(tr(*MANAGED_LABEL))
                form.addRow(label, row)
            else:
                form.addRow(label, widget)
        self.note = QLabel(
            tr(
                "表示言語とエンジンの設定は、アプリの再起動後に反映されます。",
                "The UI language and engine settings take effect after a restart.",
            )
        )
        self.note.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("保存(&S)", "&Save"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("キャンセル", "Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # The settings scroll when the screen is short (1280x720 at 1.5x text needs it);
        # the dialog opens as tall as the form, up to the screen's height.
        fields = QWidget()
        fields.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(
            fields.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        )
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        screen = QGuiApplication.primaryScreen()
        tall = fields.sizeHint().height() + buttons.sizeHint().height() * 3
        if screen is not None:
            tall = min(tall, int(screen.availableGeometry().height() * 0.9))
        self.resize(scroll.minimumWidth() + 24, tall)

    def accept(self) -> None:
        try:
            self.apply()
        except DeskError as err:
            self.error.setText(err.message())
            return
        super().accept()

    def apply(self) -> set[str]:
        """Validate and store every unlocked value that changed; returns the changed keys."""
        changed = set()
        for setting in SCHEMA:
            if self.settings.is_locked(setting.key):
                continue
            value = editor_value(self.editors[setting.key])
            if value != self.settings.get(setting.key):
                self.settings.set(setting.key, value)
                changed.add(setting.key)
        if changed and self.settings.path is not None:
            self.settings.save()
        self.changed = changed
        return changed

    def needs_restart(self) -> bool:
        return bool(self.changed & RESTART_KEYS)
