"""Errors of the library, each phrasing its own JA/EN message."""

from __future__ import annotations

from ...errors import EXIT_INPUT, EXIT_USAGE, DeskError, InputFileError, SecurityError


class NotAFolderError(InputFileError):
    ja = "フォルダが見つからないか、ライブラリに登録されていません: {path}"
    en = "Folder not found or not in the library: {path}"


class PolicyFolderError(SecurityError):
    ja = "フォルダ {path} は IT のポリシー（LibraryFolders）で登録されているため、外せません。"
    en = "The folder {path} is in the library by IT policy (LibraryFolders) and cannot be removed."
    exit_code = EXIT_USAGE


class LibraryWrongKeyError(SecurityError):
    ja = "ライブラリの索引 {path} は別の鍵で暗号化されています。共有索引なら IT から配布された鍵ファイルを指定してください。"
    en = "The library index {path} is encrypted with another key. For a shared index, give the key file IT distributed."
    exit_code = EXIT_INPUT


class LibraryIndexDamagedError(InputFileError):
    ja = "ライブラリの索引を開けません（ファイルがないか壊れています）: {path}。`library reindex` で作り直せます。"
    en = (
        "Cannot open the library index (missing or damaged): {path}. `library reindex` rebuilds it."
    )


class LibraryReadOnlyError(DeskError):
    ja = "ライブラリの索引 {path} は読み取り専用で開かれています（共有索引）。追加・更新は管理者が行います。"
    en = "The library index {path} is open read-only (a shared index). IT adds and updates its files."
    exit_code = EXIT_USAGE


class LibraryKeyFileError(SecurityError):
    ja = "ライブラリの鍵ファイルを読めません（32 バイトの鍵を base64 で記したファイルが必要です）: {path}"
    en = "Cannot read the library key file (it must hold a 32-byte key in base64): {path}"
    exit_code = EXIT_INPUT
