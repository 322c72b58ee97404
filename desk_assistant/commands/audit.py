"""`desk-assistant audit verify|export`: check the audit log's chain; hand records to IT."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

from .. import i18n
from ..errors import (
    EXIT_FINDINGS,
    EXIT_OK,
    AuditLogMissingError,
    AuditLogNotYetError,
    UsageError,
)
from ..fileio import atomic_write_text
from ..security import keys
from ..security.audit import AuditLog, VerifyResult, default_audit_path
from ..security.audit_mirror import default_mirror
from ..security.csv_safe import csv_cell
from ..security.policy import load_policy
from ..session.outputs import named_output
from .common import emit_json
from .notices import show_notice

EXPORT_FIELDS = (
    "seq",
    "time",
    "user",
    "host",
    "app_version",
    "task",
    "input_sha256",
    "model_id",
    "model_sha256",
    "output_path",
    "outcome",
    "duration_s",
    "error",
    "prev",
    "mac",
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit",
        help=i18n.tr("監査ログの検証・書き出し", "verify or export the audit log"),
        description=i18n.tr(
            "監査ログ（HMAC-SHA256 で連結した JSONL）の改ざんを検証し、管理者向けに書き出します。",
            "Verify the audit log (JSONL chained with HMAC-SHA256) and export it for IT.",
        ),
    )
    actions = parser.add_subparsers(dest="audit_action", metavar="ACTION", required=True)

    verify = actions.add_parser(
        "verify",
        help=i18n.tr(
            "改ざん・削除・挿入・並べ替えを検出する",
            "detect modification, deletion, insertion, reordering",
        ),
    )
    _add_log_option(verify)
    verify.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=i18n.tr("出力形式 (既定: text)", "output format (default: text)"),
    )
    verify.set_defaults(handler=run_verify)

    export = actions.add_parser(
        "export", help=i18n.tr("期間を指定して記録を書き出す", "export the records of a period")
    )
    _add_log_option(export)
    export.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help=i18n.tr("開始日（YYYY-MM-DD、その日を含む）", "first day (YYYY-MM-DD, inclusive)"),
    )
    export.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        help=i18n.tr("終了日（YYYY-MM-DD、その日を含む）", "last day (YYYY-MM-DD, inclusive)"),
    )
    export.add_argument(
        "--format",
        choices=("jsonl", "csv"),
        default="jsonl",
        help=i18n.tr("書き出し形式 (既定: jsonl)", "export format (default: jsonl)"),
    )
    export.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=i18n.tr("書き出し先（省略時は標準出力）", "output file (default: standard output)"),
    )
    export.set_defaults(handler=run_export)


def _add_log_option(parser) -> None:
    parser.add_argument(
        "--log",
        metavar="PATH",
        help=i18n.tr(
            "監査ログのファイル（既定: 自分の監査ログ）", "audit log file (default: your own)"
        ),
    )


def _open_log(args, *, allow_missing: bool = False) -> AuditLog:
    policy = load_policy()
    for problem in policy.problems:
        sys.stderr.write(problem + "\n")
    path = Path(args.log) if args.log else default_audit_path(policy)
    mirror = default_mirror()
    if not path.is_file():  # say "no log" before "no key": the likelier cause
        # ...unless the OS event log remembers records of it: then it was deleted.
        if allow_missing and AuditLog(path, b"", mirror).mirror_entries():
            return AuditLog(path, b"", mirror)
        head = path.with_name(path.name + ".head")
        if args.log is None and not head.exists():
            # A fresh install has recorded nothing yet: a state, not an error. (A log
            # that was deleted leaves its head file, or OS event log records, behind
            # and stays an error.)
            raise AuditLogNotYetError(path=str(path))
        raise AuditLogMissingError(path=str(path))
    result = keys.load_or_create_key(keys.AUDIT_KEY, policy, create=False)
    if result.warning and keys.fallback_warning_due(keys.AUDIT_KEY):  # once per login session
        show_notice(result.warning)
    return AuditLog(path, result.key, mirror)


def run_verify(args) -> int:
    try:
        log = _open_log(args, allow_missing=True)
    except AuditLogNotYetError as state:
        if args.format == "json":
            emit_json({"ok": True, "state": "no_log_yet", "path": state.facts["path"]})
        else:
            sys.stdout.write(state.message() + "\n")
        return EXIT_OK
    result = log.verify()
    if args.format == "json":
        emit_json(result.as_dict())
    else:
        sys.stdout.write(result.message + "\n")
    return EXIT_OK if result.ok else EXIT_FINDINGS


def run_export(args) -> int:
    load_policy().require_feature("audit_export")
    start = _parse_day(args.date_from, "--from", end=False)
    end = _parse_day(args.date_to, "--to", end=True)
    if start and end and start > end:
        raise UsageError(what="--from > --to")
    log = _open_log(args)
    result: VerifyResult = log.verify()
    chosen = [r for r in log.records() if _in_range(r, start, end)]
    text = _to_csv(chosen) if args.format == "csv" else _to_jsonl(chosen)
    if args.output:
        target = named_output(args.output)  # never overwrites
        # utf-8-sig so Excel opens the Japanese CSV correctly
        encoding_bom = "\ufeff" if args.format == "csv" else ""
        atomic_write_text(target, encoding_bom + text)
    else:
        sys.stdout.write(text)
    sys.stderr.write(
        i18n.tr(f"{len(chosen)} 件を書き出しました。\n", f"Exported {len(chosen)} records.\n")
    )
    sys.stderr.write(result.message + "\n")
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _parse_day(text: str | None, option: str, *, end: bool) -> dt.datetime | None:
    if not text:
        return None
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
        else:
            moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(what=f"{option} {text}: YYYY-MM-DD") from None
    return moment if moment.tzinfo else moment.astimezone()  # naive = local time


def _in_range(record: dict, start: dt.datetime | None, end: dt.datetime | None) -> bool:
    try:
        when = dt.datetime.fromisoformat(str(record.get("time")))
    except ValueError:
        return start is None and end is None
    if when.tzinfo is None:
        when = when.astimezone()
    return (start is None or when >= start) and (end is None or when <= end)


def _to_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def _to_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=EXPORT_FIELDS, extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows({k: csv_cell(r.get(k)) for k in EXPORT_FIELDS} for r in records)
    return buffer.getvalue()
