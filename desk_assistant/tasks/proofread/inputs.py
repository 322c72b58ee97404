"""Text to proofread from .txt, .docx or stdin, as blocks with a location each.

docx is read with python-docx (body paragraphs and table cells) until the
documents layer provides its block model; only the block ids will change.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputFileError, UnsupportedFormatError

SUFFIXES = (".txt", ".docx")


class EncodingError(InputFileError):
    ja = "テキストファイルの文字コードを判別できません（UTF-8 またはシフトJISで保存してください）: {path}"
    en = "Cannot decode the text file (save it as UTF-8 or Shift_JIS): {path}"


class NotDocxError(InputFileError):
    ja = "Word 文書（.docx）として開けません。破損しているか、別の形式のファイルです: {path}"
    en = "Cannot open as a Word document (.docx); it is damaged or another format: {path}"


@dataclass(frozen=True)
class Block:
    location: str | None  # None for plain text
    text: str


def decode_text(data: bytes, path: str) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EncodingError(path=path)


def read_blocks(path: str) -> list[Block]:
    if path == "-":
        data = sys.stdin.buffer.read()
        return [Block(None, decode_text(data, "<stdin>"))]
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        if suffix == ".txt":
            return [Block(None, decode_text(p.read_bytes(), path).replace("\r\n", "\n"))]
        if suffix == ".docx":
            return _docx_blocks(p)
    except OSError as err:
        raise InputFileError(detail=err.strerror or str(err), path=path) from err
    raise UnsupportedFormatError(path=path, supported=" ".join(SUFFIXES))


def _docx_blocks(path: Path) -> list[Block]:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise NotDocxError(path=str(path)) from err
    except Exception as err:  # zipfile.BadZipFile, lxml errors: still a bad input
        raise NotDocxError(detail=type(err).__name__, path=str(path)) from err
    blocks = [Block(f"p{i}", para.text) for i, para in enumerate(document.paragraphs)]
    for t, table in enumerate(document.tables):
        for r, row in enumerate(table.rows):
            seen = set()
            for c, cell in enumerate(row.cells):
                if id(cell._tc) in seen:  # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                for k, para in enumerate(cell.paragraphs):
                    blocks.append(Block(f"t{t}.r{r}.c{c}.p{k}", para.text))
    return blocks
