"""Model selector per task role, with what the user needs to trust the output:
name, size, CPU/GPU, and a badge when it is the demo model."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..fileio import human_size
from ..i18n import tr

ROLE_LABELS = {
    "translate": ("翻訳用モデル(&M)", "Translation &model"),
    "general": ("要約・校正用モデル(&G)", "&General model"),
}
DEMO_STYLE = "background:#d9822b;color:white;border-radius:3px;padding:1px 6px;font-weight:bold;"


def describe(opened) -> str:
    """'name · 253 MB · CPU' for an OpenModel."""
    info, runtime = opened.info, opened.runtime
    if getattr(opened, "endpoint", None):  # on the policy's inference server
        return f"{info.name} · {tr('推論サーバー', 'server')} {opened.endpoint}"
    backend = runtime.backend or "CPU"
    hw = "CPU" if backend.upper() == "CPU" or not runtime.n_gpu_layers else f"GPU ({backend})"
    return f"{info.name} · {human_size(info.size)} · {hw}"


def details(opened) -> str:
    """Everything an IT reviewer asks about the active model (the info label's tooltip)."""
    info, runtime = opened.info, opened.runtime
    entry = info.entry
    if not opened.sha256:
        check = tr("SHA-256 未確認", "SHA-256 not checked")
    elif info.expected_sha256:
        check = tr("SHA-256 カタログと一致", "SHA-256 matches the catalog")
    else:
        check = tr("SHA-256 カタログに登録なし", "SHA-256 not in the catalog")
    rows = [
        (tr("ID", "ID"), info.id),
        *(
            [(tr("推論サーバー", "Inference server"), opened.endpoint)]
            if getattr(opened, "endpoint", None)
            else []
        ),
        (tr("ファイル", "File"), str(info.path)),
        (tr("大きさ", "Size"), human_size(info.size)),
        (tr("ライセンス", "License"), entry.license if entry else tr("不明", "unknown")),
        (tr("プロンプト形式", "Prompt format"), info.prompt_format),
        ("SHA-256", f"{opened.sha256 or '-'} ({check})"),
        (tr("コンテキスト長", "Context"), str(runtime.n_ctx)),
        (
            tr("スレッド / GPU 層", "Threads / GPU layers"),
            f"{runtime.n_threads} / {runtime.n_gpu_layers}",
        ),
    ]
    return "\n".join(f"{name}: {value}" for name, value in rows)


class ElidedLabel(QLabel):
    """A one-line label that may shrink below its text, ending in "…" (full text in
    the tooltip): a long model name must not make the window wider than a laptop."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self.setMinimumWidth(1)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(
            self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height()
        )

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.ElideRight, rect.width())
        painter.drawText(rect, int(self.alignment()), text)


class NameCombo(QComboBox):
    """A model list as wide as the chosen name when there is room (up to 48 characters),
    yet able to shrink to 16 on a narrow screen: a name cut off ("Llama 3.1 Swal…")
    where the window had space to spare looked broken."""

    MIN_CHARS, MAX_CHARS = 16, 48

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(self.MIN_CHARS)
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.currentIndexChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()  # MIN_CHARS wide, with the arrow and frame
        metrics = self.fontMetrics()
        text = metrics.horizontalAdvance(self.currentText())
        room = metrics.averageCharWidth() * self.MAX_CHARS
        extra = min(text, room) - metrics.averageCharWidth() * self.MIN_CHARS
        return QSize(hint.width() + max(0, extra), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return super().sizeHint()


class RoleSelector(QWidget):
    chosen = Signal(str, str)  # role, model id

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.label = QLabel(tr(*ROLE_LABELS[role]))
        self.combo = NameCombo()  # the full name in the popup and, with room, in the box
        self.label.setBuddy(self.combo)
        self.info = ElidedLabel(tr("読み込み中…", "loading…"))
        self.badge = QLabel(tr("デモモデル", "Demo model"))
        self.badge.setStyleSheet(DEMO_STYLE)
        self.badge.setToolTip(
            tr(
                "動作確認用の小さなモデルです。出力の品質は実用水準ではありません。",
                "A small model for trying the app; its output is not production quality.",
            )
        )
        self.badge.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.combo):
            layout.addWidget(widget)
        layout.addWidget(self.info)
        layout.addWidget(self.badge)  # next to the name it qualifies
        layout.addStretch(1)
        self.combo.activated.connect(self._activated)

    def set_models(self, models, current_id: str | None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for info in models:
            self.combo.addItem(info.name, info.id)
        self.combo.setCurrentIndex(self.combo.findData(current_id))
        self.combo.blockSignals(False)
        self.combo.updateGeometry()  # its width follows the chosen name (NameCombo)

    def show_model(self, opened) -> None:
        if opened is None:
            self.info.setText(tr("モデルがありません", "no model"))
            self.badge.hide()
            return
        if self.combo.findData(opened.info.id) < 0:
            self.combo.addItem(opened.info.name, opened.info.id)
        self.combo.setCurrentIndex(self.combo.findData(opened.info.id))
        self.combo.updateGeometry()
        self.info.setText(describe(opened))
        self.info.setToolTip(f"{describe(opened)}\n\n{details(opened)}")
        self.badge.setVisible(opened.info.demo)

    def show_loading(self) -> None:
        self.info.setText(tr("読み込み中…", "loading…"))

    def show_failed(self) -> None:
        self.info.setText(tr("読み込めません", "not available"))
        self.badge.hide()

    def _activated(self, index: int) -> None:
        self.chosen.emit(self.role, self.combo.itemData(index))


class ModelBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selectors = {role: RoleSelector(role) for role in ROLE_LABELS}
        # One role per row: side by side they made the window wider than a 1280 px
        # screen (1.5x scaling on a 1920 px display) once a model was loaded.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        for selector in self.selectors.values():
            layout.addWidget(selector)
