"""The help window (F1): bundled, offline, in the UI language. What each task does,
what the highlight colours mean, the keyboard shortcuts, and where data is kept."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from .. import paths
from ..i18n import tr
from .tabs.proofread_tab import ACCEPTED_COLOUR
from .tabs.translate_tab import FINDING_COLOUR
from .text_view import CURRENT_COLOUR, SEVERITY_COLOURS

# What each task tab does, by task name (session/registry.py). A tab may carry its own
# `help = (ja, en)`, which wins; a tab with neither is listed by its title alone.
TASK_HELP = {
    "translate": (
        "文書を段落ごとに翻訳します。確認が必要な訳（訳抜け・固有名詞・数値など）は"
        "色付きで示され、ポインタを合わせると理由が出ます。訳文だけ、または対訳表で保存できます。",
        "Translates the document paragraph by paragraph. Translations to check (omissions,"
        " names, figures) are coloured; hover for the reason. Save the translation alone"
        " or as a bilingual table.",
    ),
    "summarize": (
        "要約の各行に出典（［第12段落］など）が付きます。出典のない行には"
        "「⚠ 原文に根拠が見つかりません」、原文に見当たらない数値・名称には ⚠ が行の後ろに付きます"
        "（保存したファイルにも残ります）。残り時間はモデルの生成速度から見積もります。"
        "中断した要約は「未完成」と明記して保存されます。",
        "Each summary line cites its source ([para 12]). A line with no source carries"
        " '⚠ no supporting passage in the source', a figure or name not in the document a ⚠"
        " note (kept in the saved file). The time left is estimated from the model's speed."
        " An interrupted summary is saved marked INCOMPLETE.",
    ),
    "proofread": (
        "公用文の規則（内閣訓令・公用文作成の考え方など）で文書を点検します。指摘ごとに採用・無視を選び、"
        "規則・重要度で絞り込み、規則単位で一括処理できます。コメント付き・変更履歴付きの Word で保存できます。",
        "Checks the document against the official-writing rules. Accept or ignore each"
        " finding, filter by rule or severity, or decide a whole rule at once. Save a Word"
        " copy with comments or tracked changes.",
    ),
    "library": (
        "登録したフォルダの文書を検索し、資料番号付きで質問に回答します。",
        "Searches the documents of the folders you added and answers with numbered sources.",
    ),
    "laws": (
        "取り込んだ e-Gov 法令データを検索し、条文番号付きで回答します。文書中の法令引用の確認にも使えます。",
        "Searches the imported e-Gov law data and answers citing article numbers; also checks"
        " the law citations of a document.",
    ),
}

COLOURS = [
    (SEVERITY_COLOURS["error"], ("校正: エラー（規則違反）", "Proofread: error (against a rule)")),
    (SEVERITY_COLOURS["warning"], ("校正: 警告（推奨・誤りの可能性）", "Proofread: warning")),
    (SEVERITY_COLOURS["info"], ("校正: 情報・採用済み", "Proofread: info, or accepted")),
    (CURRENT_COLOUR, ("選択中の指摘", "The selected finding")),
    (ACCEPTED_COLOUR, ("一覧: 採用した指摘", "List: an accepted finding")),
    ("#e0e0e0", ("一覧: 無視した指摘", "List: an ignored finding")),
    (FINDING_COLOUR, ("翻訳: 確認が必要な訳", "Translate: a translation to check")),
]


def shortcuts(window) -> list[tuple[str, str]]:
    """(keys, action) for every menu action with a shortcut, as the menus show them."""
    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu else ():
            keys = action.shortcut().toString()
            if keys:
                rows.append((keys, action.text().replace("&", "")))
    return rows


def help_html(window) -> str:
    parts = [f"<h2>{escape(tr('文書アシスタントの使い方', 'Using Desk Assistant'))}</h2>"]
    parts.append(
        "<p>"
        + escape(
            tr(
                "文書はこの PC の中だけで処理されます。ファイルを開く（Ctrl+O）かウィンドウにドロップし、"
                "タブを選んで実行（F5）します。",
                "Documents are processed on this PC only. Open a file (Ctrl+O) or drop it on"
                " the window, choose a tab and run it (F5).",
            )
        )
        + "</p>"
    )
    parts.append(f"<h3>{escape(tr('タスク', 'Tasks'))}</h3><dl>")
    for tab in getattr(window, "task_tabs", ()):  # every tab, in the window's order
        title = re.sub(r"\(&.\)|&", "", tr(*tab.title))
        text = getattr(tab, "help", None) or TASK_HELP.get(getattr(tab.spec, "name", ""))
        parts.append(f"<dt><b>{escape(title)}</b></dt><dd>{escape(tr(*text)) if text else ''}</dd>")
    parts.append(f"</dl><h3>{escape(tr('色の意味', 'Colours'))}</h3><table cellpadding='3'>")
    for colour, text in COLOURS:
        parts.append(
            f"<tr><td style='background:{colour}'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;</td>"
            f"<td>{escape(tr(*text))}</td></tr>"
        )
    parts.append(
        f"</table><h3>{escape(tr('ショートカット', 'Shortcuts'))}</h3><table cellpadding='2'>"
    )
    for keys, action in shortcuts(window):
        parts.append(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(action)}</td></tr>")
    parts.append(f"</table><h3>{escape(tr('データの保存場所', 'Where data is kept'))}</h3><ul>")
    for label, folder in (
        (("設定", "Settings"), paths.config_dir()),
        (("モデル", "Models"), paths.user_model_dir()),
        (("翻訳メモリ・履歴など", "Translation memory, history"), paths.data_dir()),
        (("ログ（文書の内容は記録しません）", "Logs (no document content)"), paths.log_dir()),
    ):
        parts.append(f"<li>{escape(tr(*label))}: <code>{escape(str(folder))}</code></li>")
    parts.append("</ul>")
    return "\n".join(parts)


class HelpWindow(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setWindowTitle(tr("文書アシスタントの使い方", "Desk Assistant help"))
        self.resize(720, 600)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # offline: nothing to follow
        self.browser.setHtml(help_html(window))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(tr("閉じる", "Close"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
