"""e-Gov XML import: all 13 shared laws, article counts equal to the XML's <Article>
elements, names/numbers/versions kept, structure, incremental re-import."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from desk_assistant.tasks.laws.egov_xml import LawXmlError, parse_law_xml
from desk_assistant.tasks.laws.store import LawStore

LAWS = Path("/work/shared/laws")


def _manifest() -> dict[str, dict[str, str]]:
    lines = (LAWS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return {
        row.split("\t")[0]: dict(zip(header, row.split("\t"), strict=False)) for row in lines[1:]
    }


def test_all_shared_laws_import_with_exact_article_counts(law_store):
    manifest = _manifest()
    laws = {law.law_num: law for law in law_store.laws()}
    assert len(laws) == len(manifest) == 13
    for name, row in manifest.items():
        data = (LAWS / name).read_bytes()
        xml_articles = sum(1 for _ in ET.fromstring(data).iter("Article"))
        law = parse_law_xml(data, name)
        stored = laws[law.law_num]
        assert stored.title == row["law_name"], name
        assert stored.articles == xml_articles == int(row["articles_total"]), name
        assert len(law.articles()) == int(row["articles_main_provision"]), name


def test_names_numbers_versions(law_store):
    info, kind = law_store.law_by_name("行政不服審査法")
    assert kind == "title" and info.abbrevs == ["行審法", "行服法"]
    assert info.kana == "ぎょうせいふふくしんさほう"
    assert info.law_num == "平成二十六年法律第六十八号"
    assert law_store.law_by_name("行服法")[1] == "abbrev"
    v2 = law_store.law_by_name("石綿障害予防規則")[0]
    assert v2.enforcement_date == "2024-04-01"  # from the API v2 revision_info
    assert v2.version_label() == "2024-04-01 施行版"
    jichi = law_store.law_by_name("地方自治法")[0]
    assert jichi.version == "最終改正 令和七年五月三〇日法律第四七号"  # newest AmendLawNum
    assert law_store.law_by_name("国税通則法施行規則")[0].law_type == "MinisterialOrdinance"


def test_structure_articles_items_suppl_tables(law_store):
    jichi = law_store.law_by_name("地方自治法")[0].law_num
    unit = law_store.unit(jichi, "main", "252_17_2")
    assert unit.title == "第二百五十二条の十七の二"
    assert unit.path[0].startswith("第二編") and len(unit.path) >= 2
    gyotetsu = law_store.law_by_name("行政手続法")[0].law_num
    art2 = law_store.unit(gyotetsu, "main", "2")
    assert art2.caption == "（定義）"
    item4 = art2.paragraphs[0].items[3]
    assert item4.title == "四" and item4.term == "不利益処分"
    assert [c.title for c in item4.children] == ["イ", "ロ", "ハ", "ニ"]
    minpo = law_store.law_by_name("民法")[0].law_num
    assert law_store.unit(minpo, "main", "50").num == "38:84"  # a deleted range
    # 附則 of amending acts keep the amending law's number
    provisions = law_store.provisions(jichi)
    assert "suppl" in provisions
    assert "suppl@令和七年法律第四十七号" in provisions
    koubunsho = law_store.law_by_name("公文書等の管理に関する法律")[0].law_num
    assert any(p == "appdx" for p in law_store.provisions(koubunsho))


def test_import_is_incremental(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(LAWS / "s22_125_kokka_baisho.xml", folder)
    store = LawStore(tmp_path / "laws.sqlite3")
    first = store.import_paths([folder])
    assert [c.status for c in first.changes] == ["added"]
    again = store.import_paths([folder])
    assert [c.status for c in again.changes] == ["unchanged"]
    xml = (folder / "s22_125_kokka_baisho.xml").read_text(encoding="utf-8")
    changed = xml.replace("これを賠償する責に任ずる。", "これを賠償する責任を負う。", 1)
    assert changed != xml
    (folder / "s22_125_kokka_baisho.xml").write_text(changed, encoding="utf-8")
    update = store.import_paths([folder])
    change = update.changes[0]
    assert change.status == "updated" and change.changed == ["第1条"]
    assert not change.added and not change.removed
    store.close()


def test_zip_and_api_wrapped_and_bad_files(tmp_path):
    archive = tmp_path / "all.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in (
            "s22_125_kokka_baisho.xml",
            "s37_ookura_rei_028_kokuzei_tsusoku_sekou_kisoku__apiv1_response.xml",
        ):
            z.write(LAWS / name, f"xml/{name}")
        z.writestr("xml/readme.xml", "<note>not a law</note>")
        z.writestr("xml/broken.xml", "<Law><LawBody>")
    (tmp_path / "bomb.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Law>&a;</Law>'
    )
    store = LawStore(tmp_path / "laws.sqlite3")
    report = store.import_paths([archive, tmp_path / "bomb.xml"])
    assert report.count("added") == 2
    assert len(report.errors) == 3
    with pytest.raises(LawXmlError):
        parse_law_xml(b"<html/>", "x.xml")
    store.close()


def test_bulk_zip_of_all_shared_laws_with_one_damaged_member(tmp_path):
    """The e-Gov bulk download: one folder per law inside the zip (plus images); a damaged
    member is reported by name with a clear message and the other laws still import."""
    archive = tmp_path / "all_xml.zip"
    names = sorted(p.name for p in LAWS.glob("*.xml"))
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.write(LAWS / name, f"all_xml/{Path(name).stem}/{name}")
        z.writestr("all_xml/zz_damaged/zz_damaged.xml", "<Law>" + "条" * 5000 + "</Law>")
        z.writestr("all_xml/zz_damaged/figure.jpg", b"\xff\xd8 not looked at")
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo("all_xml/zz_damaged/zz_damaged.xml")
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10 : start + 40] = b"\x00" * 30  # corrupt the compressed bytes
    archive.write_bytes(bytes(data))
    with LawStore(tmp_path / "laws.sqlite3") as store:
        report = store.import_paths([archive])
        assert report.count("added") == len(names) == 13
        ((source, message),) = report.errors
        assert source == "all_xml.zip:all_xml/zz_damaged/zz_damaged.xml"
        assert "壊れて" in message or "damaged" in message
        again = store.import_paths([archive])  # incremental: nothing changed
        assert again.count("unchanged") == 13 and again.count("added") == 0
