"""Law citations checked in documents (proofreading rule family 「法令引用」): a Word
file with planted bad citations gets exactly the right findings; with no law data
imported the rules stay quiet."""

from __future__ import annotations

from desk_assistant import documents
from desk_assistant.documents.simple_docx import write_text_docx
from desk_assistant.tasks.proofread import proofread_document
from desk_assistant.tasks.proofread.finding import LAW_CITATION

PLANTED = [
    # (paragraph, flagged surface or None, rule, suggestion)
    (
        "本通知は、行政手続法（平成五年法律第八十八号。以下「法」という。）第五条第一項に基づく"
        "審査基準について定める。",
        None,
        None,
        None,
    ),
    ("法第三十三条の規定に留意すること。", None, None, None),
    (
        "行政手続法第五十条に規定する意見公募手続を経ること。",
        "行政手続法第五十条",
        "law-citation-position",
        None,
    ),
    (
        "地方自治法（昭和二十二年法律第六十八号）第二条第三項を参照のこと。",
        "地方自治法（昭和二十二年法律第六十八号）第二条第三項",
        "law-citation-number",
        "昭和二十二年法律第六十七号",
    ),
    (
        "行訴法第九条の原告適格に注意する。",
        "行訴法第九条",
        "law-citation-name",
        "行政事件訴訟法第九条",
    ),
    ("民法第百条第五項を参照。", "民法第百条第五項", "law-citation-position", "民法第100条"),
    (
        "行政手順法第三条の適用除外に注意する。",
        "行政手順法第三条",
        "law-citation-name",
        "行政手続法",
    ),
    (
        "行政機関の保有する個人情報の保護に関する法律第二条を確認する。",
        "行政機関の保有する個人情報の保護に関する法律第二条",
        "law-citation-name",
        "個人情報の保護に関する法律",
    ),
    (
        "行政不服審査法附則第九十九条による経過措置を確認する。",
        "行政不服審査法附則第九十九条",
        "law-citation-position",
        None,
    ),
    (
        "国家賠償法第一条第一項により賠償し、同法第二条第一項の責任も検討する。同条第三項も参照。",
        "同条第三項",
        "law-citation-position",
        "国家賠償法第2条",
    ),
    ("地方自治法第二百五十二条の十七の二第一項の事務処理特例による。", None, None, None),
    ("国家賠償法第四条により民法の規定が適用される。", None, None, None),
]


def _write(tmp_path):
    path = tmp_path / "planted.docx"
    write_text_docx(path, [p for p, *_ in PLANTED])
    return path


def _law_findings(result):
    return [f for f in result.findings if f.source == LAW_CITATION]


def test_planted_bad_citations_get_the_right_findings(tmp_path, default_law_store):
    document = documents.load(_write(tmp_path))
    findings = _law_findings(proofread_document(document))
    got = sorted((f.surface, f.rule, f.suggestion) for f in findings)
    want = sorted((s, r, g) for _p, s, r, g in PLANTED if s)
    assert got == want
    severities = {f.surface: f.severity for f in findings}
    assert severities["行政手続法第五十条"] == "error"
    assert severities["行訴法第九条"] == "warning"
    for f in findings:  # each finding points at its paragraph and its exact span
        assert f.citation.startswith("法令引用（")  # the clause: source 法令引用
        block = document.block(f.location)
        assert block.text[f.start : f.end] == f.surface


def test_quiet_without_law_data(tmp_path):
    document = documents.load(_write(tmp_path))
    assert _law_findings(proofread_document(document)) == []


def test_real_documents_citing_laws_get_no_false_errors(default_law_store):
    """Corpus documents citing 民法, 商法, 個人情報保護法 …: every citation of an imported law
    holds, so only info notes (laws not imported) may appear, once per law."""
    from pathlib import Path

    corpus = Path("/work/shared/corpus")
    for name in (
        "pdf08_moj_yoko_an_hoseishingikai_200.pdf",
        "docx10_cio_dp2021_02_it_asset_mgmt.docx",
        "docx12_moj_form_hoyu_kojinjoho_kaiji_seikyusho.docx",
        "docx13_moj_form_hoyu_kojinjoho_teisei_seikyusho.docx",
    ):
        findings = _law_findings(proofread_document(documents.load(corpus / name)))
        assert all(f.severity == "info" for f in findings), (name, findings)
        surfaces = [f.message_ja for f in findings]
        assert len(surfaces) == len(set(surfaces)), name


def test_unreadable_law_data_does_not_stop_proofreading(tmp_path):
    from desk_assistant.tasks.laws.store import default_path

    target = default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"not a database" * 100)
    result = proofread_document(documents.load(_write(tmp_path)))
    assert _law_findings(result) == [] and result.findings  # the other rules still ran


def test_old_names_from_the_laws_own_suppl_provisions_and_the_curated_list(law_store):
    from desk_assistant.tasks.laws.check import check_text
    from desk_assistant.tasks.laws.old_names import old_names, repealed_by_imported_laws

    mined = repealed_by_imported_laws(law_store)
    # 感染症法附則第三条「次に掲げる法律は、廃止する。」and 行政事件訴訟法附則第二条
    assert mined["伝染病予防法"].current == "感染症の予防及び感染症の患者に対する医療に関する法律"
    assert mined["後天性免疫不全症候群の予防に関する法律"].source.endswith("附則第三条")
    assert mined["行政事件訴訟特例法"].current == "行政事件訴訟法"
    assert len(old_names(law_store)) >= 15
    text = (
        "伝染病予防法第五条による。\n行政事件訴訟特例法第十二条による。\n老人保健法第一条による。"
    )
    issues = check_text(text, law_store)
    assert [(i.kind, i.suggestion) for i in issues] == [
        ("old-name", "感染症の予防及び感染症の患者に対する医療に関する法律"),
        ("old-name", "行政事件訴訟法"),
        ("old-name", "高齢者の医療の確保に関する法律"),
    ]
    assert "行政事件訴訟法附則第二条" in issues[1].message_ja
