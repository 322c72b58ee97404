"""The document formats, declared once (Picard's format registry).

Each format says its suffixes, how it is recognised, how it is read, and what it
can do; documents.load, the CLI's folder scans and the GUI's open dialog all ask
here, so adding a format is one reader module plus one entry in FORMATS (OOXML
packages also name the part folder that identifies them, e.g. "xl/").

Content decides, not the suffix (sniff.py): a renamed file is read as what it is.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .model import Document
from .sniff import DEFAULT_MAX_BYTES, DEFAULT_MAX_UNCOMPRESSED, sniff

# What a format can do (besides being read into a Document).
KEEPS_LAYOUT = "keeps_layout"  # save_as writes the source back with only the text changed
ANNOTATES = "annotates"  # comments and tracked changes (proofread's Word output)
COMMENTS = "comments"  # proofread findings as the format's own comments (Word, Excel, PowerPoint)


@dataclass(frozen=True)
class DocumentFormat:
    name: str  # what sniff() returns for it, and Document.format
    suffixes: tuple[str, ...]  # lower-case, with the dot; the first is the usual one
    label: tuple[str, str]  # (ja, en) for file dialogs
    read: Callable[[Path, int], Document]  # (path, max_uncompressed) -> Document
    capabilities: frozenset[str] = frozenset()
    zip_part: str | None = None  # OOXML: the folder inside the package that marks it

    def can(self, capability: str) -> bool:
        return capability in self.capabilities


def _read_docx(path: Path, max_uncompressed: int) -> Document:
    from .docx import load_docx

    return load_docx(path, max_uncompressed)


def _read_pdf(path: Path, max_uncompressed: int) -> Document:
    from .pdf import load_pdf

    return load_pdf(path)


def _read_xlsx(path: Path, max_uncompressed: int) -> Document:
    from .xlsx import load_xlsx

    return load_xlsx(path, max_uncompressed)


def _read_pptx(path: Path, max_uncompressed: int) -> Document:
    from .pptx import load_pptx

    return load_pptx(path, max_uncompressed)


def _read_text(path: Path, max_uncompressed: int) -> Document:
    from .textfile import load_text

    return load_text(path)


FORMATS: tuple[DocumentFormat, ...] = (
    DocumentFormat(
        "docx",
        (".docx",),
        ("Word 文書", "Word document"),
        _read_docx,
        frozenset({KEEPS_LAYOUT, ANNOTATES, COMMENTS}),
        zip_part="word/",
    ),
    DocumentFormat("pdf", (".pdf",), ("PDF", "PDF"), _read_pdf),
    DocumentFormat(
        "xlsx",
        (".xlsx",),
        ("Excel ブック", "Excel workbook"),
        _read_xlsx,
        frozenset({KEEPS_LAYOUT, COMMENTS}),
        zip_part="xl/",
    ),
    DocumentFormat(
        "pptx",
        (".pptx",),
        ("PowerPoint プレゼンテーション", "PowerPoint presentation"),
        _read_pptx,
        frozenset({KEEPS_LAYOUT, COMMENTS}),
        zip_part="ppt/",
    ),
    DocumentFormat("txt", (".txt",), ("テキスト", "Text"), _read_text),
)
BY_NAME = {fmt.name: fmt for fmt in FORMATS}


def input_suffixes() -> tuple[str, ...]:
    """Every suffix a folder scan or an open dialog accepts, in registry order."""
    return tuple(suffix for fmt in FORMATS for suffix in fmt.suffixes)


# Files that look like documents but are refused with a reason of their own (macros,
# the old binary formats): folder scans list them as failed rather than skip them.
REFUSED_SUFFIXES = (".docm", ".xlsm", ".pptm", ".doc", ".rtf")


def scanned_suffixes() -> tuple[str, ...]:
    """What a folder scan (extract, the library) picks up: every registered format and
    the refused look-alikes, which are then reported with their reason."""
    return (*input_suffixes(), *REFUSED_SUFFIXES)


def for_suffix(suffix: str) -> DocumentFormat | None:
    suffix = suffix.lower()
    return next((fmt for fmt in FORMATS if suffix in fmt.suffixes), None)


def output_suffix(source: Path | str, *, bilingual: bool = False) -> str:
    """The suffix a translation of `source` is written in: the source's own for the
    Office packages whose layout save_as keeps (Excel, PowerPoint), else ".docx"
    (Word, the new .docx made from a PDF or text, the bilingual table)."""
    fmt = for_suffix(Path(source).suffix)
    if bilingual or fmt is None or not fmt.zip_part or not fmt.can(KEEPS_LAYOUT):
        return ".docx"
    return fmt.suffixes[0]


def dialog_filter(tr: Callable[[str, str], str]) -> str:
    """ "文書 (*.docx *.pdf *.txt)" for Qt's file dialogs, in the UI language."""
    patterns = " ".join(f"*{suffix}" for suffix in input_suffixes())
    return tr(f"文書 ({patterns})", f"Documents ({patterns})")


def detect(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> DocumentFormat:
    """The format of `path` by its content; raises the InputFileError that says why not."""
    kind = sniff(path, max_bytes)
    if kind == "docx":  # any zip package: the part folder decides between OOXML formats
        others = [fmt for fmt in FORMATS if fmt.zip_part and fmt.name != "docx"]
        if others:
            names = _zip_names(path)
            if not names:  # a damaged package: the suffix says whose words report it
                named = for_suffix(path.suffix)
                if named is not None and named.zip_part:
                    return named
            for fmt in others:
                if any(name.startswith(fmt.zip_part) for name in names):
                    return fmt
    return BY_NAME[kind]


def _zip_names(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return []  # the docx reader reports the corrupt package in its own words


def load(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
) -> Document:
    return detect(path, max_bytes).read(path, max_uncompressed)
