"""`desk-assistant laws import|list|show|search|ask`: the local e-Gov law data.

- import PATH...   e-Gov 法令標準XML files, folders or the bulk zip (incremental)
- list             the imported laws with their version (data freshness)
- show CITATION    「行政手続法第5条」 → the article with its heading and caption
- search QUERY     BM25 over Sudachi tokens; a defined term's definition comes first
- ask QUESTION     an answer by the general model citing articles, verified
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n
from ..errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, DeskError, UsageError
from ..session import AuditedTask, TaskSession
from .common import add_format_option, add_model_option, emit_json

TASK = "laws"


class LawNotFoundError(DeskError):
    ja = "法令の引用を解決できません: {what}"
    en = "Cannot resolve the law citation: {what}"
    exit_code = EXIT_INPUT


class NoLawDataError(DeskError):
    ja = "法令データがありません。先に `desk-assistant laws import` で e-Gov の法令XMLを取り込んでください。"
    en = "No law data. Import e-Gov law XML first with `desk-assistant laws import`."
    exit_code = EXIT_INPUT


def register(sub) -> None:
    p = sub.add_parser(
        "laws",
        help=i18n.tr("法令調査（e-Gov 法令データ）", "law research on local e-Gov law data"),
    )
    p.add_argument("--store", help=i18n.tr("法令データベースのパス", "law database path"))
    laws_sub = p.add_subparsers(dest="laws_command", metavar="ACTION", required=True)

    q = laws_sub.add_parser(
        "import",
        help=i18n.tr("法令XML・フォルダ・一括zipを取り込む", "import law XML / folder / zip"),
    )
    q.add_argument("paths", nargs="+", metavar="PATH")
    add_format_option(q)
    q.set_defaults(handler=cmd_import)

    q = laws_sub.add_parser(
        "list", help=i18n.tr("取り込んだ法令と版", "imported laws and versions")
    )
    add_format_option(q)
    q.set_defaults(handler=cmd_list)

    q = laws_sub.add_parser("show", help=i18n.tr("条文を表示", "print an article"))
    q.add_argument("citation", help=i18n.tr("例: 行政手続法第5条", "e.g. 行政手続法第5条"))
    add_format_option(q)
    q.set_defaults(handler=cmd_show)

    q = laws_sub.add_parser("search", help=i18n.tr("条文を検索", "search articles"))
    q.add_argument("query")
    q.add_argument("--law", help=i18n.tr("法令名で絞り込む", "only this law"))
    q.add_argument("--limit", type=int, default=10)
    add_format_option(q)
    q.set_defaults(handler=cmd_search)

    q = laws_sub.add_parser("ask", help=i18n.tr("条文を引用して回答", "answer citing articles"))
    q.add_argument("question")
    add_model_option(q)
    add_format_option(q)
    q.set_defaults(handler=cmd_ask)


def _session(args) -> TaskSession:
    """IT may disable law research (DisabledFeatures: laws); the audit log must open."""
    return TaskSession(
        TASK, getattr(args, "security", None), getattr(args, "settings", None)
    ).begin()


def _store(args, must_have_data: bool = True):
    from ..tasks.laws.store import LawStore

    _session(args)
    store = LawStore(args.store)
    if must_have_data and store.is_empty():
        store.close()
        raise NoLawDataError()
    return store


def cmd_import(args) -> int:
    security = getattr(args, "security", None)
    with _store(args, must_have_data=False) as store:
        with AuditedTask(security, f"{TASK}.import", Path(args.paths[0])) as audit:
            report = store.import_paths(args.paths)
            audit.outcome = "findings" if report.errors else "ok"
    if args.format == "json":
        emit_json(
            {
                "changes": [vars(c) for c in report.changes],
                "errors": [{"source": s, "error": e} for s, e in report.errors],
            }
        )
    else:
        for c in report.changes:
            status = {
                "added": i18n.tr("追加", "added"),
                "updated": i18n.tr("更新", "updated"),
                "unchanged": i18n.tr("変更なし", "unchanged"),
            }[c.status]
            line = f"{status}\t{c.title}（{c.law_num}）"
            if c.status == "updated":
                line += i18n.tr(
                    f"\t追加{len(c.added)} 削除{len(c.removed)} 変更{len(c.changed)}",
                    f"\t+{len(c.added)} -{len(c.removed)} ~{len(c.changed)}",
                )
                shown = (c.added + c.changed + c.removed)[:10]
                if shown:
                    line += "\t" + "、".join(shown)
            print(line)
        for source, error in report.errors:
            sys.stderr.write(f"{source}: {error}\n")
        print(
            i18n.tr(
                f"取込: 追加 {report.count('added')}、更新 {report.count('updated')}、"
                f"変更なし {report.count('unchanged')}、エラー {len(report.errors)}",
                f"Imported: {report.count('added')} added, {report.count('updated')} updated, "
                f"{report.count('unchanged')} unchanged, {len(report.errors)} errors",
            )
        )
    return EXIT_INPUT if report.errors and not report.changes else EXIT_OK


def cmd_list(args) -> int:
    with _store(args, must_have_data=False) as store:
        laws = store.laws()
    if args.format == "json":
        emit_json({"laws": [vars(law) | {"version_label": law.version_label()} for law in laws]})
        return EXIT_OK
    if not laws:
        print(i18n.tr("法令データはまだありません。", "No law data imported yet."))
    for law in laws:
        abbrevs = f"［{'・'.join(law.abbrevs)}］" if law.abbrevs else ""
        print(
            f"{law.title}{abbrevs}\t{law.law_num}\t{law.articles}"
            + i18n.tr("条", " articles")
            + f"\t{law.version_label()}\t"
            + i18n.tr(f"取込 {law.imported_at}", f"imported {law.imported_at}")
        )
    return EXIT_OK


def cmd_show(args) -> int:
    from ..tasks.laws.resolver import OK, CitationResolver

    with _store(args) as store:
        citation = CitationResolver(store).resolve_one(args.citation)
        if citation is None or citation.law is None:
            what = args.citation
            if citation is not None and citation.candidates:
                what += i18n.tr(" 候補: ", " did you mean: ") + "、".join(citation.candidates)
            raise LawNotFoundError(what=what)
        if citation.status != OK or citation.unit is None:
            raise LawNotFoundError(what=f"{args.citation} ({citation.status})")
        law, unit = citation.law, citation.unit
        data = {
            "citation": citation.canonical(),
            "law": law.title,
            "law_num": law.law_num,
            "version": law.version_label(),
            "path": unit.path,
            "caption": unit.caption,
            "text": citation.text(),
            "article_text": unit.text(),
        }
        if citation.part:  # 第二章 / 別表第一: the part's heading and its articles
            data["articles"] = [u.citation() for u in citation.units]
            data["article_text"] = data["text"]
    if args.format == "json":
        emit_json(data)
        return EXIT_OK
    print(f"{data['citation']}　（{law.law_num}・{data['version']}）")
    if citation.part:
        print(data["text"] if citation.position.provision != "appdx" else unit.text())
        return EXIT_OK
    if unit.path:
        print(" > ".join(unit.path))
    if data["text"] != data["article_text"]:
        print(data["text"])
        print("---")
    print(unit.text())
    return EXIT_OK


def cmd_search(args) -> int:
    with _store(args) as store:
        law_num = None
        if args.law:
            found = store.law_by_name(args.law)
            if not found:
                raise LawNotFoundError(what=args.law)
            law_num = found[0].law_num
        hits = store.search(args.query, limit=args.limit, law_num=law_num)
    rows = [
        {
            "citation": h.citation(),
            "caption": h.unit.caption,
            "score": None if h.definition else round(h.score, 3),
            "definition": h.definition.term if h.definition else None,
            "version": h.law.version_label(),
            "snippet": h.snippet or h.unit.plain()[:120],
        }
        for h in hits
    ]
    if args.format == "json":
        emit_json({"query": args.query, "hits": rows})
    else:
        if not rows:
            print(i18n.tr("該当する条文はありません。", "No matching article."))
        for row in rows:
            mark = i18n.tr(f"［定義: {row['definition']}］", f"[definition: {row['definition']}]")
            head = mark if row["definition"] else f"{row['score']:.2f}"
            print(
                f"{head}\t{row['citation']}{row['caption']}\t{row['snippet'].replace(chr(10), ' ')}"
            )
    return EXIT_OK if rows else EXIT_FINDINGS


def cmd_ask(args) -> int:
    from ..settings import Settings
    from ..tasks.laws.ask import NO_ARTICLE, VERIFIED, ask, find_articles

    if not args.question.strip():
        raise UsageError(what=i18n.tr("質問が空です", "empty question"))
    settings = getattr(args, "settings", None) or Settings.load()
    security = getattr(args, "security", None)
    with _store(args) as store:
        if not find_articles(store, args.question):
            from ..tasks.laws.ask import Answer

            answer = Answer(
                args.question,
                i18n.tr("関連する条文が見つかりませんでした。", "No relevant article was found."),
                NO_ARTICLE,
            )
        else:
            # Through the session: the policy's inference server when it says so.
            session = TaskSession(TASK, security, settings)
            info = session.resolve_model(args.model, "general")
            with session.open_model(info) as opened:
                with AuditedTask(
                    security, f"{TASK}.ask", None, opened, input_text=args.question
                ) as audit:
                    answer = ask(
                        store,
                        args.question,
                        opened.engine,
                        info.prompt_format,
                        n_ctx=opened.runtime.n_ctx,
                    )
                    audit.outcome = "ok" if answer.verdict == VERIFIED else "findings"
    data = {
        "question": answer.question,
        "answer": answer.text,
        "verdict": answer.verdict,
        "versions": answer.versions(),
        "sources": [h.citation() for h in answer.sources],
        "sentences": [
            {"text": s.text, "citations": s.citations, "problems": s.problems}
            for s in answer.sentences
        ],
    }
    if args.format == "json":
        emit_json(data)
    else:
        print(answer.text)
        print("---")
        for s in answer.sentences:
            mark = "✓" if s.supported else "✗"
            print(f"{mark} {s.text}")
            for problem in s.problems:
                print(f"    {problem}")
        if answer.sources:
            print(i18n.tr("参照条文: ", "Articles: ") + "、".join(data["sources"]))
            print(i18n.tr("使用した版: ", "Versions used: ") + "、".join(data["versions"]))
        verdict = {
            VERIFIED: i18n.tr("検証済み", "verified"),
            NO_ARTICLE: i18n.tr("該当条文なし", "no relevant article"),
        }.get(answer.verdict, i18n.tr("要確認（根拠のない文があります）", "check needed"))
        print(i18n.tr("判定: ", "Verdict: ") + verdict)
    return EXIT_OK if answer.verdict == VERIFIED else EXIT_FINDINGS
