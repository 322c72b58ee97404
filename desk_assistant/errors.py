"""Errors a user can meet. Each one phrases its own message in Japanese and English.

Code raises these with the facts (a path, a hash); the CLI and the GUI show
`err.message()` and never a traceback. `exit_code` follows the CLI convention:
2 usage, 3 input file, 4 model/engine.
"""

from __future__ import annotations

import re

from . import i18n

# A file name can hold ESC sequences that recolour or rewrite the terminal, or CR /
# newlines that forge lines. Shown as \xNN. Newline and tab stay in other facts.
_CONTROL_ANY = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(value: object, *, is_name: bool = True) -> str:
    """Text safe to print: control characters as \\xNN (all of them for names/paths)."""
    pattern = _CONTROL_ANY if is_name else _CONTROL_BUT_LINES
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def _shown_fact(key: str, value: object) -> object:
    if not isinstance(value, str):
        return value
    is_name = key in ("path", "name", "folder", "quarantine", "original", "target")
    return shown(value, is_name=is_name)


EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_ENGINE = 4

# Library text (zipfile's "Bad CRC-32 …", pypdf's "Stream has ended unexpectedly")
# is kept in `DeskError.detail` and shown only when this is on (`--verbose`): the
# user reads what is wrong with the file in their language, once.
show_detail = False


class Words(tuple):
    """A fact phrased in both languages, e.g. the kind of a file: Words("画像 (PNG)", "image (PNG)")."""

    def __new__(cls, ja: str, en: str) -> Words:
        return super().__new__(cls, (ja, en))

    def pick(self, lang: str) -> str:
        return self[1] if lang == "en" else self[0]


class DeskError(Exception):
    """Base class. Subclasses set `ja`/`en` templates formatted with the kwargs."""

    ja = "エラーが発生しました。"
    en = "An error occurred."
    exit_code = EXIT_ENGINE

    def __init__(self, detail: str = "", **facts: object) -> None:
        self.detail = detail
        self.facts = facts
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        lang = lang or i18n.language()
        template = self.en if lang == "en" else self.ja
        facts = {
            k: _shown_fact(k, v.pick(lang) if isinstance(v, Words) else v)
            for k, v in self.facts.items()
        }
        text = template.format(**facts)
        if self.detail and show_detail:
            text += f" ({self.detail})"
        return text

    def __str__(self) -> str:
        return self.message()


# --- usage -----------------------------------------------------------------


class UsageError(DeskError):
    ja = "使い方が正しくありません: {what}"
    en = "Invalid usage: {what}"
    exit_code = EXIT_USAGE


# --- input files -----------------------------------------------------------


class InputFileError(DeskError):
    ja = "入力ファイルを読み込めません: {path}"
    en = "Cannot read the input file: {path}"
    exit_code = EXIT_INPUT


class InputNotFoundError(InputFileError):
    ja = "入力ファイルが見つかりません: {path}"
    en = "Input file not found: {path}"


class NotRegularFileError(InputFileError):
    ja = "文書ファイルではありません（{kind}）: {path}。読み込む文書ファイルを指定してください。"
    en = "Not a document file ({kind}): {path}. Name the document file to read."


class InputPermissionError(InputFileError):
    ja = "読み取りの権限がないため開けません: {path}。ファイルの所有者か管理者に確認してください。"
    en = "No permission to read the file: {path}. Ask the file's owner or your administrator."


class NoInputFilesError(InputFileError):
    ja = "フォルダに対象のファイル（{suffixes}）がありません: {path}"
    en = "The folder has no files to process ({suffixes}): {path}"
    exit_code = EXIT_USAGE


class UnsupportedFormatError(InputFileError):
    ja = "対応していない形式のファイルです: {path}（対応形式: {supported}）"
    en = "Unsupported file type: {path} (supported: {supported})"


class OutputExistsError(InputFileError):
    ja = "出力先のファイルが既にあります: {path}（上書きしません。別の名前を指定してください）"
    en = "The output file already exists: {path} (not overwritten; choose another name)"


class FileNameTooLongError(InputFileError, OSError):
    """Also an OSError, so code that tolerates a failed write (caches) keeps doing so."""

    ja = "ファイル名が長すぎて保存できません（{size} バイト、上限 {limit} バイト。日本語は 1 文字 3 バイト）: {path}。短い名前を -o で指定してください。"
    en = "The file name is too long to save ({size} bytes, the limit is {limit}; a Japanese character takes 3): {path}. Give a shorter name with -o."


class FileAccessDeniedError(InputFileError, OSError):
    ja = "ファイルまたはフォルダーへのアクセスが拒否されました（権限がありません）: {path}"
    en = "Access to the file or folder was denied (no permission): {path}"


class OutputNotWritableError(InputFileError, OSError):
    ja = "出力先のフォルダーに書き込めません（読み取り専用か、権限がないか、フォルダーではありません）: {path}。別の保存先を -o で指定してください。"
    en = "Cannot write to the output folder (read-only, no permission, or not a folder): {path}. Choose another place with -o."


# --- models and the engine -------------------------------------------------


class ModelError(DeskError):
    exit_code = EXIT_ENGINE


class ModelNotFoundError(ModelError):
    ja = "モデルファイルが見つかりません: {path}"
    en = "Model file not found: {path}"


class UnknownModelError(ModelError):
    ja = "モデル「{model_id}」はモデル一覧にもモデルフォルダにもありません。`desk-assistant models list` で確認してください。"
    en = "Model '{model_id}' is neither in the catalog nor in the model folder. See `desk-assistant models list`."


class NoModelError(ModelError):
    ja = "使えるモデルがありません。`desk-assistant models install-demo` でデモモデルを入れるか、GGUF ファイルを {folder} に置いてください。"
    en = "No usable model. Run `desk-assistant models install-demo` to install the demo model, or put a GGUF file in {folder}."


class NotGGUFError(ModelError):
    ja = "GGUF 形式のモデルファイルではありません: {path}"
    en = "Not a GGUF model file: {path}"


class HashMismatchError(ModelError):
    ja = "モデルファイルの SHA-256 が一致しません（改ざんまたは破損の可能性）: {path}\n  期待値: {expected}\n  実際値: {actual}"
    en = "Model file SHA-256 mismatch (tampered or corrupt): {path}\n  expected: {expected}\n  actual:   {actual}"


class OutOfMemoryError(ModelError):
    ja = "メモリが不足しているためモデル {path} を読み込めません（モデル {size} に対し空きメモリ {available}）。より小さい量子化のモデルを選ぶか、他のアプリを閉じてください。"
    en = "Not enough memory to load the model {path} (model {size}, available {available}). Pick a smaller quantization or close other applications."


class ModelLoadError(ModelError):
    ja = "モデルを読み込めませんでした: {path}"
    en = "Could not load the model: {path}"


class EngineError(ModelError):
    ja = "推論エンジンでエラーが発生しました。"
    en = "The inference engine reported an error."


class ChatTemplateError(EngineError):
    ja = "モデルのチャットテンプレートを処理できませんでした（{kind}）。モデルを替えるか管理者に連絡してください。"
    en = "The model's chat template could not be rendered ({kind}). Use another model or contact your administrator."


class TemplateTimeoutError(ChatTemplateError):
    ja = "モデルのチャットテンプレートの処理が制限時間（{seconds} 秒）を超えたため中止しました。"
    en = "The model's chat template took longer than its time limit ({seconds} s) and was stopped."


class GenerationTimeoutError(EngineError):
    ja = "推論プロセスが {seconds} 秒応答しなかったため停止しました（テンプレートの処理や生成が止まっています）。作業中の内容は保持されています。"
    en = "The inference process did not answer for {seconds} s and was stopped (template rendering or generation hung). Your work so far is kept."


class EngineCrashedError(EngineError):
    ja = "推論プロセスが異常終了しました（{how}）。作業中の内容は保持されています。もう一度実行するか、より小さいモデルを選んでください。"
    en = "The inference process stopped unexpectedly ({how}). Your work so far is kept. Try again, or pick a smaller model."


class EngineBusyError(EngineError):
    ja = "推論エンジンは別の処理を実行中です。"
    en = "The inference engine is busy with another job."


class EngineNotLoadedError(EngineError):
    ja = "モデルが読み込まれていません。"
    en = "No model is loaded."


class Cancelled(DeskError):
    """A normal outcome, not a failure: the user asked to stop."""

    ja = "キャンセルしました。"
    en = "Cancelled."
    exit_code = EXIT_OK


# --- documents (desk_assistant/documents) ------------------------------------
# Each names the one thing that is wrong with the file and what the user can do.


class NotDocxError(InputFileError):
    ja = "Word 文書（.docx 形式）ではありません: {path}（実際の形式: {kind}）。Word で開き「名前を付けて保存」で .docx 形式にしてから読み込んでください。"
    en = "Not a Word document in .docx format: {path} (actual format: {kind}). Open it in Word and use Save As to save it as .docx, then try again."


class CorruptFileError(InputFileError):
    ja = "ファイルが壊れているため読み込めません: {path}（{what}）"
    en = "The file is damaged and cannot be read: {path} ({what})"


class NotPdfError(InputFileError):
    ja = "PDF ではありません: {path}（実際の形式: {kind}）。拡張子が正しいか、元のファイルを確かめてください。"
    en = "Not a PDF: {path} (actual format: {kind}). Check the file name extension or get the original file again."


class DamagedPdfError(CorruptFileError):
    ja = "PDF が壊れているため文字を読み取れません: {path}（{what}）。元の PDF を入手し直すか、作成したアプリで PDF を作り直してください。"
    en = "The PDF is damaged and its text cannot be read: {path} ({what}). Get the original PDF again, or re-create it in the application that made it."


class BlankPdfError(InputFileError):
    ja = "PDF に文字も画像もありません（白紙、{pages} ページ）: {path}"
    en = "The PDF has neither text nor images (blank, {pages} pages): {path}"


class CorruptZipError(CorruptFileError):
    ja = "ファイルが壊れています（.docx の ZIP 構造を読めません）: {path}"
    en = "The file is damaged (its .docx ZIP structure cannot be read): {path}"


class CorruptZipMemberError(CorruptZipError):
    ja = "ファイルが壊れています（.docx の部品 {part} を展開できません）: {path}"
    en = "The file is damaged (the part {part} of the .docx cannot be unpacked): {path}"


class ZipBombError(InputFileError):
    ja = "展開後のサイズが上限を超えるため読み込みません（圧縮爆弾の可能性）: {path}（展開後 {size}、上限 {limit}）"
    en = "Refused: the file would expand beyond the limit (possible zip bomb): {path} (expanded {size}, limit {limit})"


class TooManyZipEntriesError(ZipBombError):
    ja = "圧縮ファイル内の部品が多すぎるため読み込みません（圧縮爆弾の可能性）: {path}（{count} 個、上限 {limit} 個）"
    en = "Refused: the file holds too many packed parts (possible zip bomb): {path} ({count} parts, limit {limit})"


class PasswordProtectedError(InputFileError):
    ja = "パスワードで保護された {kind} は開けません: {path}。作成者にパスワードを解除したファイルを依頼してください。"
    en = "Cannot open a password-protected {kind}: {path}. Ask the author for a copy without a password."


class MacroEnabledError(InputFileError):
    ja = "マクロを含む {kind}（{suffix}）は読み込みません: {path}。マクロはこのアプリでは扱いません。マクロなしの形式で保存し直してから読み込んでください。"
    en = "Refused: this {kind} contains macros ({suffix}): {path}. The app does not handle macros; save a copy without macros and try again."


class EmptyFileError(InputFileError):
    ja = "ファイルが空です（0 バイト）: {path}"
    en = "The file is empty (0 bytes): {path}"


class FileTooLargeError(InputFileError):
    ja = "ファイルが大きすぎます: {path}（{size}、上限 {limit}）。上限は設定で変更できます。"
    en = "The file is too large: {path} ({size}, limit {limit}). The limit can be changed in the settings."


class ScannedPdfError(InputFileError):
    ja = "PDF に文字情報がありません（スキャン画像のみ、{pages} ページ）: {path}。OCR で文字を付けてから読み込んでください。"
    en = "The PDF has no text layer (scanned images only, {pages} pages): {path}. Run OCR on it first, then try again."


# --- security: offline guard, keys, vault, audit log, policy ---------------
# (desk_assistant/security/; exit codes reuse the CLI convention above so that
# `commands.common.run_batch` ranks them correctly)


class SecurityError(DeskError):
    ja = "セキュリティ上の理由で処理を中止しました。"
    en = "Stopped for a security reason."
    exit_code = EXIT_ENGINE


class NetworkBlockedError(SecurityError, OSError):
    """Raised inside the offline guard's audit hook. Also an OSError, so code that
    already copes with "no network" (retries, offline fallbacks) keeps working."""

    ja = "ネットワーク接続は禁止されています（オフライン動作）: {event} {target}"
    en = "Network access is blocked (offline mode): {event} {target}"


class ProcessBlockedError(SecurityError, OSError):
    """Raised by the no-child-processes hook (production). An OSError too, so code
    that copes with a missing tool (ctypes.util.find_library) just finds nothing."""

    ja = "このアプリからほかのプログラムを起動することは禁止されています: {event} {target}"
    en = "Starting other programs from this app is not allowed: {event} {target}"


class ModelNotAllowedError(ModelError):
    ja = (
        "組織のポリシーで許可されていないモデルです: {path}\n  SHA-256: {sha256}\n"
        "  使うには、管理者にこのハッシュ値を AllowedModels に登録するよう依頼してください。"
    )
    en = (
        "This model is not allowed by your organization's policy: {path}\n  SHA-256: {sha256}\n"
        "  Ask your administrator to add this hash to AllowedModels."
    )


class FeatureDisabledError(DeskError):
    ja = "この機能は組織のポリシーで無効にされています: {feature}"
    en = "This feature is disabled by your organization's policy: {feature}"
    exit_code = EXIT_USAGE


class KeyringUnavailableError(SecurityError):
    ja = (
        "OS の資格情報ストア（キーリング）が使えず、組織のポリシー（AllowKeyringFallback）で"
        "鍵ファイルによる代替も禁止されているため、暗号鍵「{name}」を用意できません。管理者に連絡してください。"
    )
    en = (
        "The OS credential store (keyring) is unavailable and your organization's policy "
        "(AllowKeyringFallback) forbids the key-file fallback, so the key '{name}' cannot be provided. "
        "Contact your administrator."
    )


class KeyFileError(SecurityError):
    ja = "鍵ファイルを読み書きできないか、内容が正しくありません: {path}"
    en = "The key file cannot be read or written, or is invalid: {path}"


class VaultNotFoundError(SecurityError):
    ja = "保存データ「{name}」はありません。"
    en = "No stored data named '{name}'."
    exit_code = EXIT_INPUT


class VaultDecryptError(SecurityError):
    ja = "暗号化された保存データ「{name}」を復号できません（鍵が違うか、データが改ざん・破損しています）: {path}"
    en = "Cannot decrypt the stored data '{name}' (wrong key, or the data was tampered with or is corrupt): {path}"


class VaultQuarantinedError(VaultDecryptError):
    """An undecryptable blob, moved aside so the next run starts without it."""

    ja = (
        "保存データ「{name}」を復号できないため（鍵が違うか、改ざん・破損）、{quarantine} に移しました。"
        "このデータなしで続けられます（翻訳メモリなどは新しく作られます）。元の鍵を復元できたら、"
        "そのファイルを {folder} に {original} という名前で戻すと読めるようになります。"
    )
    en = (
        "The stored data '{name}' cannot be decrypted (wrong key, tampered or corrupt) and was moved to "
        "{quarantine}. You can continue without it (translation memory etc. start afresh). If the original "
        "key is restored, move the file back to {folder} as {original} to read it again."
    )
    exit_code = EXIT_INPUT


class AuditLogError(SecurityError):
    ja = "監査ログを読み書きできません: {path}"
    en = "Cannot read or write the audit log: {path}"


class AuditLogSymlinkError(AuditLogError):
    ja = "監査ログの場所にシンボリックリンクが置かれているため使えません（ほかの利用者による細工の可能性）。管理者に連絡してください: {path}"
    en = "The audit log path is a symbolic link and was refused (possibly planted by another user). Contact your administrator: {path}"


class AuditLogForeignOwnerError(AuditLogError):
    ja = "監査ログのファイルをほかの利用者が作っているため使えません。管理者に連絡してください: {path}"
    en = "The audit log file was created by another user and was refused. Contact your administrator: {path}"


class AuditLogLockFolderError(AuditLogError):
    ja = "監査ログのロック用のパスがフォルダーになっているため、記録できません。処理を中止しました。管理者に連絡してください: {path}"
    en = "The audit log's lock path is a folder, so nothing can be recorded; the task was stopped. Contact your administrator: {path}"


class AuditLogMissingError(InputFileError):
    ja = "監査ログが見つかりません: {path}"
    en = "Audit log not found: {path}"


class AuditLogNotYetError(InputFileError):
    """A fresh install: no task has run yet, so there is nothing to verify. A state, not damage."""

    ja = "監査ログはまだありません（まだ作業を記録していません）: {path}"
    en = "No audit log yet (no task has been recorded so far): {path}"
    exit_code = EXIT_OK


class ContextOverflowError(EngineError):
    ja = "入力がモデルのコンテキスト長を超えています（{detail_tokens}）。文書を分けるか、コンテキスト長の設定を増やしてください。"
    en = "The input is longer than the model's context window ({detail_tokens}). Split the document or raise the context length setting."


class NoChatTemplateError(EngineError):
    ja = "このモデルにはチャットテンプレートがありません: {path}"
    en = "This model has no chat template: {path}"


class KeyMissingError(SecurityError):
    ja = "暗号鍵「{name}」が見つかりません（キーリングにも鍵ファイルにもありません）。この利用者・この PC で作られたデータではない可能性があります。"
    en = "The key '{name}' was not found (neither in the keyring nor in a key file). The data may come from another user or PC."


# --- translate (desk_assistant/tasks/translate) ------------------------------


class UnknownLanguageError(UsageError):
    ja = "言語コード「{code}」は使えません（使える言語: {known}）"
    en = "Unknown language code '{code}' (known: {known})"


class SameLanguageError(UsageError):
    ja = "翻訳元と翻訳先が同じ言語（{lang}）です。--from と --to を確かめてください。"
    en = "Source and target are the same language ({lang}). Check --from and --to."


class LanguageNotSupportedError(UsageError):
    ja = "モデル「{model}」は言語「{lang}」に対応していません（対応: {supported}）。別のモデルを選んでください。"
    en = "The model '{model}' does not support the language '{lang}' (supported: {supported}). Choose another model."


class GlossaryFileError(InputFileError):
    ja = "用語集を読み込めません: {path}（{what}）。CSV/TSV（原語, 訳語, 備考）または TMX を指定してください。"
    en = "Cannot read the glossary: {path} ({what}). Use CSV/TSV (source, target, note) or TMX."


class NothingToTranslateError(InputFileError):
    ja = "翻訳する文がありません: {path}"
    en = "There is no text to translate in: {path}"


# --- proofreading (desk_assistant/tasks/proofread) ----------------------------


class WordOutputNeedsDocxError(InputFileError):
    ja = "コメント付きの出力は .docx / .xlsx / .pptx の入力（変更履歴は .docx）にだけ使えます: {path}"
    en = "Output with comments needs a .docx / .xlsx / .pptx input (tracked changes: .docx): {path}"


class RulesFileError(InputFileError):
    ja = "校正ルールの設定ファイルを読めません: {path}（{what}）"
    en = "Cannot read the proofreading rules file: {path} ({what})"


# --- summarize (desk_assistant/tasks/summarize) ------------------------------


class NothingToSummarizeError(InputFileError):
    ja = "要約する本文がありません（文字のある段落が 0 件）: {path}"
    en = "There is no text to summarize (no paragraph with text): {path}"


# --- hostile and broken documents (documents/: limits on size, depth and work) ---
# Each names what is wrong in words a user can act on; library errors (zipfile,
# pypdf) are mapped to these, never shown raw.


class UnsupportedCompressionError(CorruptFileError):
    ja = "Word 文書が Word の使わない圧縮方式（{method}）で保存されているため読み込めません: {path}。Word で開いて保存し直してください。"
    en = "The Word document uses a compression method Word does not use ({method}), so it cannot be read: {path}. Open it in Word and save it again."


class ZipChecksumError(CorruptFileError):
    ja = "ファイルが壊れています（{member} のチェックサムが一致しません）: {path}"
    en = "The file is damaged (checksum mismatch in {member}): {path}"


class UnsafeXmlError(InputFileError):
    ja = "文書の XML に DTD（実体宣言）が含まれているため読み込みません（Word 文書には含まれない内容で、外部ファイルを読ませる攻撃の可能性があります）: {path}（{part}）"
    en = "Refused: the document's XML contains a DTD (entity declarations), which Word files never contain and which can be used to read other files: {path} ({part})"


class DocumentTooComplexError(InputFileError):
    ja = "文書の構造が処理の上限を超えているため読み込みません: {path}（{what}: {size}、上限 {limit}）"
    en = "Refused: the document's structure exceeds a processing limit: {path} ({what}: {size}, limit {limit})"


class PdfEncryptionUnsupportedError(InputFileError):
    ja = "この PDF は対応していない方式（{handler}）で暗号化されているため開けません: {path}。作成者に暗号化を外したファイルを依頼してください。"
    en = "This PDF is encrypted with an unsupported method ({handler}) and cannot be opened: {path}. Ask the author for a copy without encryption."


class DocumentTooLongError(InputFileError):
    ja = "文書の処理に時間がかかりすぎるため中止しました: {path}（{what}、上限 {limit}）"
    en = "Stopped: the document would take too long to process: {path} ({what}, limit {limit})"


class PdfLimitError(InputFileError):
    ja = "PDF の構造が処理の上限を超えているため読み込みません（壊れているか、細工された PDF の可能性があります）: {path}（{what}）"
    en = "Refused: the PDF's structure exceeds a processing limit (it may be damaged or crafted): {path} ({what})"


class InvalidOutputError(InputFileError):
    ja = "書き出した文書が正しい Word 文書にならないため、保存しませんでした: {path}（{what}）。元の文書の一部が壊れている可能性があります。"
    en = "The document written would not be a valid Word file, so it was not saved: {path} ({what}). Part of the source document may be damaged."


class SourceChangedError(InputFileError):
    ja = "元の文書が読み込んだ後に変更されたため、書き出しを中止しました: {path}。もう一度読み込んでから実行してください。"
    en = "The source document changed after it was read, so nothing was written: {path}. Load it again and retry."


# --- remote inference server (llm/remote.py, security/remote_endpoint.py) ----


class RemoteEngineError(EngineError):
    ja = "推論サーバーでエラーが発生しました（{endpoint}）。"
    en = "The inference server reported an error ({endpoint})."


class RemotePolicyError(SecurityError):
    ja = "推論サーバーの設定（組織のポリシー）が正しくないため使えません: {what}。管理者に連絡してください。"
    en = "The inference server settings (organization policy) are invalid, so it is not used: {what}. Contact your administrator."


class RemoteEndpointNotAllowedError(SecurityError):
    ja = "組織のポリシーで許可されていない推論サーバーです: {endpoint}。文書は送信していません。"
    en = "This inference server is not allowed by your organization's policy: {endpoint}. Nothing was sent."


class RemoteModelNotAllowedError(SecurityError):
    ja = "組織のポリシーで推論サーバー上の利用を許可されていないモデルです: {model}（許可: {allowed}）"
    en = "This model is not allowed on the inference server by your organization's policy: {model} (allowed: {allowed})"


class RemoteUnreachableError(RemoteEngineError):
    ja = "推論サーバーに接続できません（{endpoint}: {reason}）。ネットワークかサーバーの状態を管理者に確認してください。作業中の内容は保持されています。"
    en = "Cannot reach the inference server ({endpoint}: {reason}). Ask your administrator to check the network or the server. Your work so far is kept."


class RemoteTLSError(RemoteEngineError):
    ja = "推論サーバーの証明書を確認できないため接続を中止しました（{endpoint}: {reason}）。文書は送信していません。管理者に連絡してください。"
    en = "The inference server's certificate could not be verified, so the connection was stopped ({endpoint}: {reason}). Nothing was sent. Contact your administrator."


class RemoteAuthError(RemoteEngineError):
    ja = "推論サーバーに認証を拒否されました（HTTP {status}）。API キーの登録を管理者に確認してください。"
    en = "The inference server refused authentication (HTTP {status}). Ask your administrator to check the API key."


class RemoteOverloadedError(RemoteEngineError):
    ja = "推論サーバーが混雑しています（HTTP {status}）。しばらくしてからもう一度実行してください。作業中の内容は保持されています。"
    en = "The inference server is busy (HTTP {status}). Try again in a while. Your work so far is kept."


class RemoteModelMissingError(RemoteEngineError):
    ja = "推論サーバーにモデル {model} がありません（提供中: {served}）。管理者に連絡してください。"
    en = "The inference server does not serve the model {model} (served: {served}). Contact your administrator."


class RemoteStreamBrokenError(RemoteEngineError):
    ja = "推論サーバーとの接続が生成の途中で切れました（{endpoint}: {reason}）。作業中の内容は保持されています。もう一度実行してください。"
    en = "The connection to the inference server broke during generation ({endpoint}: {reason}). Your work so far is kept. Try again."


class RemoteTimeoutError(RemoteEngineError):
    ja = "推論サーバーが {seconds} 秒応答しなかったため中止しました（{endpoint}）。作業中の内容は保持されています。"
    en = "The inference server did not answer for {seconds} s, so the request was stopped ({endpoint}). Your work so far is kept."


class RemoteHTTPError(RemoteEngineError):
    ja = "推論サーバーが要求を受け付けませんでした（{endpoint}: HTTP {status}）。管理者に連絡してください。"
    en = "The inference server rejected the request ({endpoint}: HTTP {status}). Contact your administrator."


class RemoteNotConfiguredError(SecurityError):
    ja = "推論サーバーは使えません: 組織のポリシーで推論サーバーが設定されていないか、設定に誤りがあります。この PC で実行するか、管理者に連絡してください。文書は送信していません。"
    en = "The inference server cannot be used: your organization's policy names none, or its settings are invalid. Run on this PC or contact your administrator. Nothing was sent."
    exit_code = EXIT_USAGE


class EngineChoiceLockedError(SecurityError):
    ja = "推論の実行場所は組織のポリシー（RemoteEngineUse）で「{locked}」に決められているため、「{wanted}」は選べません。"
    en = "Where inference runs is set by your organization's policy (RemoteEngineUse) to '{locked}'; '{wanted}' cannot be chosen."
    exit_code = EXIT_USAGE


class RemoteKeyringUnavailableError(SecurityError):
    ja = "OS の資格情報ストア（キーリング）が使えないため、推論サーバーの API キーを保存・削除できません（{reason}）。キーをファイルや設定に書くことはしません。Windows では資格情報マネージャー、Linux ではデスクトップのキーリング（Secret Service）が必要です。"
    en = "The OS credential store (keyring) is unavailable, so the inference server's API key cannot be stored or removed ({reason}). The key is never written to a file or to the settings. Windows needs the Credential Manager; Linux needs a desktop keyring (Secret Service)."
    exit_code = EXIT_USAGE
