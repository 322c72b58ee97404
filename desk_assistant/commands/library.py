"""答弁・文書ライブラリ:

    desk-assistant library add FOLDER... [--no-index]    register folders, then index them
    desk-assistant library remove FOLDER                  forget a folder (its files leave the index)
    desk-assistant library list [--format json]           folders, files, passages, unreadable files
    desk-assistant library reindex [--format json]        incremental; Ctrl-C stops, rerun resumes
    desk-assistant library keygen --key-file PATH         a key file for an IT-built shared index
    desk-assistant search QUERY [filters] [--format json]    (--like ID: more like this passage)
    desk-assistant ask QUESTION [filters] [--model M] [--format json]

Every command takes --index PATH, --key-file PATH and --read-only to use a shared
index (tasks/library/store.py says how IT builds one). Audit records: one per
add/remove/reindex/search/ask, with the query's SHA-256, never its text.
Exit codes: 0 ok, 1 answer with findings, 2 usage/disabled, 3 input, 4 engine.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n
from ..documents.formats import input_suffixes
from ..errors import EXIT_FINDINGS, EXIT_OK, UsageError
from ..retrieval import Filters
from ..session import AuditedTask, TaskSession
from .common import Progress, add_format_option, add_model_option, emit_json

TASK = "library"


def _index_options(p) -> None:
    p.add_argument(
        "--index", help=i18n.tr("索引ファイル（共有索引など）", "index file (e.g. a shared index)")
    )
    p.add_argument("--key-file", help=i18n.tr("共有索引の鍵ファイル", "key file of a shared index"))
    p.add_argument(
        "--read-only",
        action="store_true",
        default=None,
        help=i18n.tr("索引を読み取り専用で開く", "open the index read-only"),
    )


def _filter_options(p) -> None:
    tr = i18n.tr
    p.add_argument("--speaker", help=tr("発言者（語で一致）", "speaker (word match)"))
    p.add_argument(
        "--position", help=tr("肩書（例: 文部科学大臣）", "position (e.g. 文部科学大臣)")
    )
    p.add_argument(
        "--meeting", help=tr("会議名（例: 文部科学委員会）", "meeting (e.g. 文部科学委員会)")
    )
    p.add_argument("--house", help=tr("院（衆議院/参議院）", "house (衆議院/参議院)"))
    p.add_argument("--session", help=tr("国会回次（例: 212）", "Diet session number (e.g. 212)"))
    p.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help=tr("この日以降", "from date")
    )
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=tr("この日以前", "to date"))
    p.add_argument(
        "--folder", help=tr("このフォルダの文書だけ", "only documents under this folder")
    )
    p.add_argument(
        "--type",
        dest="file_type",
        # a file's type is its suffix: every registered format (documents/formats.py)
        choices=(*(x.lstrip(".") for x in input_suffixes()), "docm", "diet"),
        help=tr("ファイル種別（diet = 会議録）", "file type (diet = Diet records)"),
    )
    p.add_argument("--limit", type=int, default=10, help=tr("表示件数", "number of results"))


def register(sub) -> None:
    tr = i18n.tr
    p = sub.add_parser(
        "library", help=tr("答弁・文書ライブラリの管理", "manage the answer and document library")
    )
    _index_options(p)
    actions = p.add_subparsers(dest="library_command", metavar="ACTION", required=True)
    a = actions.add_parser(
        "add", help=tr("フォルダを登録して索引を作成", "add folders and index them")
    )
    a.add_argument("folders", nargs="+", metavar="FOLDER")
    a.add_argument(
        "--no-index", action="store_true", help=tr("登録のみ（索引は後で）", "register only")
    )
    add_format_option(a)
    a.set_defaults(handler=cmd_add)
    r = actions.add_parser("remove", help=tr("フォルダの登録を解除", "remove a folder"))
    r.add_argument("folder", metavar="FOLDER")
    r.set_defaults(handler=cmd_remove)
    ls = actions.add_parser("list", help=tr("登録フォルダと索引の状態", "folders and index status"))
    ls.add_argument(
        "--files", action="store_true", help=tr("ファイルごとに表示", "list every file")
    )
    add_format_option(ls)
    ls.set_defaults(handler=cmd_list)
    ri = actions.add_parser(
        "reindex", help=tr("索引を更新（変更分のみ）", "update the index (changes only)")
    )
    add_format_option(ri)
    ri.set_defaults(handler=cmd_reindex)
    kg = actions.add_parser(
        "keygen", help=tr("共有索引の鍵ファイルを作成", "create a shared index key file")
    )
    kg.add_argument("--key-file", dest="new_key_file", required=True)
    kg.set_defaults(handler=cmd_keygen)

    s = sub.add_parser("search", help=tr("ライブラリを検索", "search the library"))
    s.add_argument("query", metavar="QUERY", nargs="?", default="")
    s.add_argument(
        "--like",
        type=int,
        metavar="ID",
        help=tr("この箇所（JSON の id）に似た箇所を探す", "passages like this one (its JSON id)"),
    )
    _filter_options(s)
    s.add_argument(
        "--all-words",
        action="store_true",
        help=tr("すべての語を含む箇所だけ", "only passages with every word"),
    )
    _index_options(s)
    add_format_option(s)
    s.set_defaults(handler=cmd_search)

    q = sub.add_parser(
        "ask",
        help=tr("ライブラリの資料に基づいて質問に回答", "answer from the library, with citations"),
    )
    q.add_argument("question", metavar="QUESTION")
    _filter_options(q)
    q.set_defaults(limit=4)
    q.add_argument(
        "--max-tokens",
        type=int,
        default=256,
        help=tr("回答の最大トークン数", "longest answer, in tokens"),
    )
    add_model_option(q)
    _index_options(q)
    add_format_option(q)
    q.set_defaults(handler=cmd_ask)


# --- helpers -----------------------------------------------------------------------


def _session(args) -> TaskSession:
    return TaskSession(TASK, args.security, getattr(args, "settings", None)).begin()


def _open(args):
    from ..tasks.library.store import open_library

    return open_library(
        args.security,
        getattr(args, "settings", None),
        index=args.index,
        key_file=args.key_file,
        read_only=args.read_only,
    )


def _audit(args, action: str, text: str | None = None, model=None) -> AuditedTask:
    # A query is confidential: the log keeps its SHA-256 only (input_text).
    return AuditedTask(args.security, f"{TASK}.{action}", None, model, input_text=text)


def filters_from(args) -> Filters:
    fields = {
        k: getattr(args, k) for k in ("speaker", "position", "meeting") if getattr(args, k, None)
    }
    tags = {
        k: getattr(args, k) for k in ("house", "session", "file_type") if getattr(args, k, None)
    }
    if getattr(args, "folder", None):
        tags["folder"] = str(Path(args.folder).expanduser().resolve())
    for name in ("date_from", "date_to"):
        value = getattr(args, name, None)
        if value and not _is_date(value):
            raise UsageError(
                what=i18n.tr(
                    f"日付は YYYY-MM-DD で指定してください: {value}",
                    f"dates are YYYY-MM-DD: {value}",
                )
            )
    return Filters(date_from=args.date_from, date_to=args.date_to, tags=tags, fields=fields)


def _is_date(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _progress_printer(label: str):
    bar = Progress(1000, label)

    def report(done_bytes, total_bytes, files_done, files_total, path, eta) -> None:
        bar.advance(int(1000 * done_bytes / max(total_bytes, 1)) - bar.done)

    return bar, report


def _run_reindex(args, library) -> dict:
    from ..llm.engine import CancelToken

    bar, report = _progress_printer(i18n.tr("索引作成", "indexing"))
    token = CancelToken()
    try:
        result = library.reindex(progress=report, cancel=token)
    except KeyboardInterrupt:
        bar.close()
        sys.stderr.write(
            i18n.tr(
                "中断しました。`library reindex` で続きから再開します。\n",
                "Stopped. `library reindex` resumes where it stopped.\n",
            )
        )
        raise
    bar.close()
    return result.to_dict()


def _print_reindex(data: dict) -> None:
    print(
        i18n.tr(
            f"追加 {data['added']} / 更新 {data['updated']} / 変更なし {data['unchanged']} / "
            f"削除 {data['removed']} ファイル、{data['passages']} 箇所を索引化（{data['seconds']} 秒）",
            f"added {data['added']} / updated {data['updated']} / unchanged {data['unchanged']} / "
            f"removed {data['removed']} files, {data['passages']} passages indexed ({data['seconds']} s)",
        )
    )
    for failed in data["failed"]:
        print(
            i18n.tr("読み込めないファイル: ", "unreadable: ")
            + f"{failed['path']}: {failed['reason']}"
        )


# --- library actions -------------------------------------------------------------


def cmd_add(args) -> int:
    _session(args)
    with _open(args) as library, _audit(args, "add") as audit:
        added = [library.add_folder(f) for f in args.folders]
        data: dict = {"folders": added}
        if not args.no_index:
            data["reindex"] = _run_reindex(args, library)
            audit.outcome = "findings" if data["reindex"]["failed"] else "ok"
    if args.format == "json":
        emit_json(data)
    else:
        for folder in added:
            print(i18n.tr("登録: ", "added: ") + folder)
        if "reindex" in data:
            _print_reindex(data["reindex"])
    return EXIT_OK


def cmd_remove(args) -> int:
    _session(args)
    with _open(args) as library, _audit(args, "remove"):
        gone = library.remove_folder(args.folder)
    print(
        i18n.tr(
            f"登録を解除しました（{gone} ファイルを索引から削除）",
            f"removed ({gone} files left the index)",
        )
    )
    return EXIT_OK


def cmd_reindex(args) -> int:
    _session(args)
    with _open(args) as library, _audit(args, "reindex") as audit:
        data = _run_reindex(args, library)
        audit.outcome = "findings" if data["failed"] else "ok"
    if args.format == "json":
        emit_json(data)
    else:
        _print_reindex(data)
    return EXIT_OK


def cmd_list(args) -> int:
    _session(args)
    with _open(args) as library:
        sources = library.index.sources()
        data = {
            "index": str(library.index.path),
            "read_only": library.read_only,
            "folders": library.folders(),
            "files": len(sources),
            "passages": library.index.count(),
            "failed": library.failed(),
        }
        if args.files:
            data["sources"] = [
                {
                    "path": s.info.get("path", s.key),
                    "kind": s.info.get("kind"),
                    "passages": s.passages,
                }
                for s in sources
            ]
    if args.format == "json":
        emit_json(data)
        return EXIT_OK
    print(
        i18n.tr("索引: ", "index: ")
        + data["index"]
        + (i18n.tr("（読み取り専用）", " (read-only)") if data["read_only"] else "")
    )
    for folder in data["folders"]:
        print(i18n.tr("フォルダ: ", "folder: ") + folder)
    print(
        i18n.tr(
            f"{data['files']} ファイル、{data['passages']} 箇所",
            f"{data['files']} files, {data['passages']} passages",
        )
    )
    for s in data.get("sources", []):
        print(f"  {s['path']} ({s['passages']})")
    for failed in data["failed"]:
        print(
            i18n.tr("読み込めないファイル: ", "unreadable: ")
            + f"{failed['path']}: {failed['reason']}"
        )
    return EXIT_OK


def cmd_keygen(args) -> int:
    from ..tasks.library.store import write_key_file

    path = write_key_file(args.new_key_file)
    print(i18n.tr(f"鍵ファイルを作成しました: {path}", f"key file created: {path}"))
    return EXIT_OK


# --- search and ask ------------------------------------------------------------------


def cmd_search(args) -> int:
    from ..tasks.library.sources import citation_label

    _session(args)
    if args.limit < 1:
        raise UsageError(what=i18n.tr("--limit は 1 以上です", "--limit must be 1 or more"))
    filters = filters_from(args)
    if not args.query.strip() and args.like is None and filters.is_empty():
        raise UsageError(what=i18n.tr("検索語を指定してください", "give a query"))
    with _open(args) as library, _audit(args, "search", args.query or f"like:{args.like}"):
        if args.like is not None:
            try:
                hits = library.index.more_like_this(args.like, limit=args.limit)
            except KeyError:
                raise UsageError(
                    what=i18n.tr(
                        f"その番号の箇所はありません: {args.like}", f"no passage {args.like}"
                    )
                ) from None
        else:
            hits = library.search(
                args.query, filters, limit=args.limit, match="all" if args.all_words else "auto"
            )
    if args.format == "json":
        emit_json(
            {
                "query": args.query,
                "results": [{**h.to_dict(), "label": citation_label(h.meta)} for h in hits],
            }
        )
        return EXIT_OK
    if not hits:
        print(i18n.tr("該当する箇所はありません。", "No matching passages."))
    for n, hit in enumerate(hits, 1):
        print(f"{n}. {citation_label(hit.meta)}  ({hit.score:.2f}, id {hit.passage_id})")
        print("   " + " ".join((hit.snippet.marked() if hit.snippet else hit.text[:160]).split()))
        where = hit.meta.get("url") or hit.meta.get("file") or hit.source_key
        print(f"   {where}")
    return EXIT_OK


def cmd_ask(args) -> int:
    from ..tasks.library.ask import ask

    session = _session(args)
    if args.limit < 1:
        raise UsageError(what=i18n.tr("--limit は 1 以上です", "--limit must be 1 or more"))
    filters = filters_from(args)
    # Through the session: the policy's inference server when it says so.
    info = session.resolve_model(args.model, "general")
    stream_out = args.format == "text"
    with _open(args) as library, session.open_model(info) as opened:
        with _audit(args, "ask", args.question, opened) as audit:
            if stream_out:
                sys.stdout.write(i18n.tr("回答: ", "Answer: "))

            def on_text(piece: str) -> None:
                sys.stdout.write(piece)
                sys.stdout.flush()

            answer = ask(
                library,
                args.question,
                opened.engine,
                info.prompt_format,
                filters=filters,
                limit=args.limit,
                on_text=on_text if stream_out else None,
                max_tokens=max(16, args.max_tokens),
            )
            audit.outcome = "findings" if answer.findings else "ok"
    if args.format == "json":
        emit_json({**answer.to_dict(), "model": info.id, "demo_model": info.demo})
    else:
        print("\n")
        for source in answer.sources:
            where = source.meta.get("url") or source.meta.get("file") or ""
            print(f"[{source.number}] {source.label}  {where}")
        if answer.findings:
            print(i18n.tr("【要確認】", "[Check]"))
            for finding in answer.findings:
                print(f"・{finding.message()}: {finding.text}")
        print(i18n.tr("判定: ", "verdict: ") + answer.verdict)
        if info.demo:
            print(
                i18n.tr(
                    "※ デモモデルの出力です。品質は実用水準ではありません。",
                    "Note: output of the demo model; quality is not production grade.",
                )
            )
    return EXIT_FINDINGS if answer.findings else EXIT_OK
