"""`desk-assistant extract IN... [--format text|json] [--tagged] [--max-mb N]`.

Prints every block of a Word/PDF document with its location: what the tasks
will see. Used by tests and for looking into a document that behaves oddly.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n
from ..documents import DEFAULT_MAX_BYTES, load
from ..documents.formats import scanned_suffixes
from ..errors import shown
from .common import (
    AuditedTask,
    FileOutcome,
    add_format_option,
    add_inputs_argument,
    emit_json,
    expand_inputs,
    run_batch,
)

# The registry's formats (documents/formats.py), plus .docm/.doc/.rtf so the user
# gets "not a .docx" instead of "unsupported".
SUFFIXES = scanned_suffixes()  # documents/formats.py, refused look-alikes reported


def register(sub) -> None:
    p = sub.add_parser(
        "extract",
        help=i18n.tr(
            "文書のテキストを位置付きで表示", "print a document's text blocks with their locations"
        ),
    )
    add_inputs_argument(p)
    p.add_argument(
        "--tagged",
        action="store_true",
        help=i18n.tr(
            "書式タグ付きのテキストを表示",
            "show the tagged (editable) text instead of the plain text",
        ),
    )
    p.add_argument(
        "--max-mb",
        type=float,
        default=DEFAULT_MAX_BYTES / 1024 / 1024,
        help=i18n.tr("読み込むファイルサイズの上限 (MB)", "largest file to read, in MB"),
    )
    add_format_option(p)
    p.set_defaults(handler=cmd_extract)


def cmd_extract(args) -> int:
    paths = expand_inputs(args.inputs, SUFFIXES)
    max_bytes = int(args.max_mb * 1024 * 1024)

    security = getattr(args, "security", None)
    if security is not None:
        security.audit  # noqa: B018 - open the audit log (and its key) before reading anything

    def one(path: Path) -> FileOutcome:
        # Reading a document is audited like any task (which file, when, by whom).
        with AuditedTask(security, "extract", path):
            document = load(path, max_bytes=max_bytes)
            if args.format == "text":
                print_blocks(document, args.tagged, header=len(paths) > 1)
            return FileOutcome(path, "ok", data=document.to_dict())

    outcomes, code = run_batch(paths, one, args.format)
    if args.format == "json":
        emit_json(
            {
                "documents": [o.data for o in outcomes if o.status != "error"],
                "errors": [
                    {"path": str(o.path), "error": o.detail}
                    for o in outcomes
                    if o.status == "error"
                ],
            }
        )
    # Text mode: run_batch has already said each error once on stderr.
    return code


def print_blocks(document, tagged: bool, header: bool, stream=None) -> None:
    stream = stream or sys.stdout
    if header:
        stream.write(f"== {shown(document.path)}\n")
    for warning in document.warnings:
        stream.write(i18n.tr("注意: ", "note: ") + warning + "\n")
    for block in document.blocks:
        text = block.tagged if tagged else block.text
        flag = " [OCR]" if block.ocr else ""
        stream.write(f"[{block.location}]{flag} {text}\n")
