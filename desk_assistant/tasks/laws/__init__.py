"""法令調査: local e-Gov law data, exact article lookup, search, cited answers, and
law citations checked in documents. No Qt here.

    from desk_assistant.tasks.laws.store import LawStore
    from desk_assistant.tasks.laws.resolver import CitationResolver

    with LawStore() as store:                       # paths.data_dir()/laws/laws.sqlite3
        report = store.import_paths([folder_or_zip])  # e-Gov XML: bare <Law>, API v1/v2, zips
        report.changes[0].status                       # added / updated / unchanged (+ articles)
        store.laws()                                   # LawInfo: title, law_num, abbrevs, version
        citation = CitationResolver(store).resolve_one("行政手続法第5条第1項")
        citation.canonical(), citation.text(), citation.status   # ok / unknown_law / no_article …
        store.search("不利益処分", limit=10)           # a defined term's definition first, then BM25

- egov_xml.py: 法令標準XML → model.Law (編章節款目, 条 "158_2", 項, 号/イロハ, 附則 with
  AmendLawNum, 別表), version from API v2 revision_info, bulk file names or the newest
  amendment. store.py: SQLite store + retrieval-layer index (index.py), incremental.
- citations.py finds references (漢数字/算用数字, の-numbers, 同法/同条/同項/前条/次項, 法令番号,
  aliases 「以下「法」という。」); resolver.py resolves them with a home (statute text) or a
  document context; check.py turns failures into issues, used by the proofreading rule
  family 「法令引用」 (tasks/proofread/rules/law_citations.py; quiet without law data).
  Parts resolve too: 「第二編第十一章」「別表第一」 (citation.part, citation.units; no_part
  when missing), イロハ under an item (no_item when missing), and an amending act's 附則
  (「平成…法律第…号附則第二条」 → the 附則 kept with the law it amended).
- old_names.py: names no longer in force, mined from the laws' own 附則 (「…は、廃止する。」)
  plus resources/laws/old_names.tsv (curated, with the acts that did it).
- summary_check.py: law citations in summary lines → findings in the summary result.
- ask.py: question → articles → the general model → every sentence verified.
"""
