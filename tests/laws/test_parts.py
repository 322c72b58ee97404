"""References to parts of a law (編・章・節・款, 別表), イロハ under an item, and the 附則 of
an amending act, on the shared laws: the real references the statutes make resolve, and
ones that point nowhere become findings."""

from __future__ import annotations

import json

from desk_assistant import cli
from desk_assistant.tasks.laws.check import check_text
from desk_assistant.tasks.laws.citations import Home
from desk_assistant.tasks.laws.resolver import CitationResolver

GYOSEI_TETSUZUKI = "平成五年法律第八十八号"
KAISHA = "平成十七年法律第八十六号"


def _resolve(store, text, home=None):
    return CitationResolver(store).resolve_text(text, home=home)


def test_chapter_and_section_references_in_statute_text(law_store):
    # 行政手続法第4条第1項 (real text): 「…については、次章及び第三章の規定は、適用しない。」
    (c,) = _resolve(
        law_store, "次章及び第三章の規定は、適用しない。", Home(GYOSEI_TETSUZUKI, "main", "4", "1")
    )
    assert c.ok and c.canonical() == "行政手続法第3章"
    assert c.units[0].title == "第十二条" and c.units[-1].title == "第三十一条"
    # 会社法第880条 (real): 「第二編第九章第一節（第五百八条を除く。）」
    (c, *rest) = _resolve(
        law_store, "第二編第九章第一節（第五百八条を除く。）", Home(KAISHA, "main", "880", "1")
    )
    assert c.ok and c.canonical() == "会社法第2編第9章第1節"
    assert all("第九章　清算" in u.path[1] for u in c.units)
    # a named law, arabic figures
    (c,) = _resolve(law_store, "地方自治法第2編第11章")
    assert c.ok and c.units[0].title == "第二百四十四条の五"


def test_relative_and_partial_parts_are_not_guessed(law_store):
    # 会社法第491条 (real): 「同章第七節及び第八節」 — the 章 is not said again
    cits = _resolve(
        law_store, "同章第七節及び第八節並びに第七章の規定", Home(KAISHA, "main", "491", "1")
    )
    assert [c.status for c in cits if c.ref.structure.endswith("節")] == ["unresolved"]


def test_appended_tables(law_store):
    home = Home("平成二十六年法律第六十八号", "main", "9", "3")
    (c,) = _resolve(law_store, "別表第一の上欄に掲げる規定の", home)  # 行政不服審査法第9条第3項
    assert c.ok and c.canonical() == "行政不服審査法別表第1" and c.unit.title.startswith("別表第一")
    (c,) = _resolve(law_store, "行政不服審査法別表第九")
    assert c.status == "no_part"


def test_iroha_under_an_item_must_exist(law_store):
    (c,) = _resolve(law_store, "会社法第百三十八条第一号ハ")  # 第一号 has イ・ロ・ハ
    assert c.ok and c.canonical() == "会社法第138条第1号ハ"
    (c,) = _resolve(law_store, "会社法第百三十八条第一号ヘ")
    assert c.status == "no_item"
    # 公文書管理法第16条 (real): 「同項第一号イからニまで若しくは第二号イ若しくはロ」 keeps 同項
    home = Home("平成二十一年法律第六十六号", "main", "16", "3")
    text = "第一項第一号イからニまで若しくは第二号イ若しくはロに掲げる情報"
    cits = _resolve(law_store, text, home)
    assert [c.canonical() for c in cits] == [
        "公文書等の管理に関する法律第16条第1項第1号イ",
        "公文書等の管理に関する法律第16条第1項第2号イ",
    ]


def test_suppl_provision_of_an_amending_act(law_store):
    for text in (
        "昭和二十二年法律第百六十九号附則第一条",
        "地方自治法の一部を改正する法律（昭和二十二年法律第百六十九号）附則第一条",
    ):
        (c,) = _resolve(law_store, text)
        assert c.ok, (text, c.status)
        assert c.canonical() == "地方自治法附則（昭和二十二年法律第百六十九号）第1条"
        assert c.text().startswith(
            "第一条\u3000この法律は、昭和二十三年一月一日から、これを施行する。"
        )
    (c,) = _resolve(law_store, "昭和二十二年法律第百六十九号附則第九十九条")
    assert c.status == "no_suppl"


def test_parts_that_do_not_exist_are_findings(law_store):
    text = "行政手続法第九章の規定による。\n会社法第百三十八条第一号ヘに掲げる。\n行政手続法第二章の規定。"
    issues = check_text(text, law_store)
    assert [(i.kind, i.severity, i.surface) for i in issues] == [
        ("no-part", "error", "行政手続法第九章"),
        ("no-item", "error", "会社法第百三十八条第一号ヘ"),
    ]


def test_show_a_chapter(default_law_store, capsys):
    code = cli.main(["laws", "show", "行政手続法第2章", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["citation"] == "行政手続法第2章"
    assert data["articles"][:2] == ["第5条", "第6条"]
    assert "第五条（審査基準）" in data["text"]
