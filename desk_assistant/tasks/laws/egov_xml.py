"""Read e-Gov 法令標準XML into the store's model.

Accepts a bare <Law> (bulk download, older DataInfo style and current Kana/Abbrev
style), an API v1 response (DataRoot/ApplData/LawFullText/Law) and an API v2
response (law_data_response/law_full_text/Law, with revision_info).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET

from ...errors import EXIT_INPUT, DeskError
from . import lawnum
from .model import APPDX, MAIN, SUPPL, Item, Law, Paragraph, Unit

# e-Gov bulk files are named <LawId>_<YYYYMMDD enforcement>_<amending LawId>.xml
_REVISION_NAME = re.compile(
    r"(?P<law>\d{3}[A-Z0-9]{3}\d{10})_(?P<date>\d{8})_(?P<amend>[0-9A-Z]{15})"
)
_STRUCTURE = ("Part", "Chapter", "Section", "Subsection", "Division")  # 編章節款目
_ITEM_LEVELS = ("Item",) + tuple(f"Subitem{k}" for k in range(1, 11))


class LawXmlError(DeskError):
    ja = "法令XMLとして読み込めません: {path}"
    en = "Not readable as e-Gov law XML: {path}"
    exit_code = EXIT_INPUT


def parse_law_xml(data: bytes, source: str = "") -> Law:
    """One law from the bytes of an e-Gov XML file; LawXmlError for anything else."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise LawXmlError(path=source, detail="DTD/ENTITY")  # no entity expansion, ever
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise LawXmlError(path=source, detail=str(err)) from err
    law_el = root if root.tag == "Law" else root.find(".//Law")
    if law_el is None or law_el.find("LawBody") is None:
        raise LawXmlError(path=source, detail="no <Law>")
    body = law_el.find("LawBody")
    title_el = body.find("LawTitle")
    law = Law(
        law_num=lawnum.canonical(_text(law_el.find("LawNum"))) or _text(law_el.find("LawNum")),
        title=_text(title_el),
        law_type=law_el.get("LawType", ""),
        kana=(title_el.get("Kana") or "") if title_el is not None else "",
        abbrevs=_abbrevs(title_el.get("Abbrev") if title_el is not None else ""),
        source=source,
    )
    if not law.title or not law.law_num:
        raise LawXmlError(path=source, detail="LawTitle/LawNum")
    law.promulgated = _promulgated(law_el)
    main = body.find("MainProvision")
    if main is not None:
        _walk_provision(main, MAIN, "", [], law.units)
    for suppl in body.findall("SupplProvision"):
        amend = suppl.get("AmendLawNum") or ""
        provision = f"{SUPPL}@{lawnum.canonical(amend) or amend}" if amend else SUPPL
        label = _text(suppl.find("SupplProvisionLabel")) or "附則"
        if amend:
            label += f"（{amend}）"
        before = len(law.units)
        _walk_provision(suppl, provision, label, [], law.units)
        if len(law.units) == before:  # 附則 made of paragraphs only
            paragraphs = [_paragraph(p) for p in suppl.findall("Paragraph")]
            law.units.append(
                Unit(provision, "", "附則", "", [], paragraphs, label, kind="paragraphs")
            )
    for k, table in enumerate(body.findall("AppdxTable"), start=1):
        title = _text(table.find("AppdxTableTitle")) or f"別表第{k}"
        text = " ".join(_text(row) for row in table.iter("TableRow")) or _text(table)
        law.units.append(Unit(APPDX, str(k), title, "", [], [Paragraph("1", text)], kind="table"))
    _version(law, root, source)
    law.digest = hashlib.sha256(ET.tostring(law_el)).hexdigest()
    return law


def _abbrevs(value: str | None) -> list[str]:
    return [a.strip() for a in (value or "").split(",") if a.strip()]


def _promulgated(law_el: ET.Element) -> str:
    era, year = law_el.get("Era", ""), law_el.get("Year", "")
    month, day = law_el.get("PromulgateMonth", ""), law_el.get("PromulgateDay", "")
    if not (era and year and month and day):
        return ""
    return f"{lawnum.ERA_EN.get(era, era)}{int(year)}年{int(month)}月{int(day)}日"


def _version(law: Law, root: ET.Element, source: str) -> None:
    """How current the text is, from the best evidence there is."""
    revision = root.find(".//revision_info")
    if revision is not None:  # API v2
        law.enforcement_date = _text(revision.find("amendment_enforcement_date"))
        law.version = _text(revision.find("law_revision_id"))
        if not law.kana:
            law.kana = _text(revision.find("law_title_kana"))
        if not law.abbrevs:
            law.abbrevs = _abbrevs(_text(revision.find("abbrev")))
        return
    named = _REVISION_NAME.search(source)
    if named:  # bulk download file name
        date = named["date"]
        law.enforcement_date = f"{date[:4]}-{date[4:6]}-{date[6:]}"
        law.version = named.group(0)
        return
    amends = [u.suppl_label for u in law.units if u.provision.startswith(SUPPL + "@")]
    if amends:
        last = amends[-1]
        law.version = "最終改正 " + last[last.find("（") + 1 : -1]
    else:
        law.version = "制定時 " + law.law_num


def _walk_provision(
    element: ET.Element, provision: str, suppl_label: str, path: list[str], out: list[Unit]
) -> None:
    for child in element:
        if child.tag in _STRUCTURE:
            title = _text(child.find(child.tag + "Title"))
            _walk_provision(child, provision, suppl_label, [*path, title], out)
        elif child.tag == "Article":
            out.append(_article(child, provision, suppl_label, path))


def _article(element: ET.Element, provision: str, suppl_label: str, path: list[str]) -> Unit:
    num = element.get("Num") or ""
    title = _text(element.find("ArticleTitle"))
    caption = _text(element.find("ArticleCaption"))
    paragraphs = [_paragraph(p) for p in element.findall("Paragraph")]
    return Unit(provision, num, title, caption, list(path), paragraphs, suppl_label)


def _paragraph(element: ET.Element) -> Paragraph:
    sentence = element.find("ParagraphSentence")
    text = _sentences(sentence)
    for extra in element:
        if extra.tag in ("TableStruct", "List", "FigStruct", "StyleStruct"):
            text += "\n" + _text(extra)
    items = [_item(i, 1) for i in element.findall("Item")]
    return Paragraph(element.get("Num") or "1", text, items)


def _item(element: ET.Element, level: int) -> Item:
    tag = _ITEM_LEVELS[level - 1] if level <= len(_ITEM_LEVELS) else element.tag
    sentence = element.find(tag + "Sentence")
    term = ""
    columns = sentence.findall("Column") if sentence is not None else []
    if len(columns) >= 2:
        term = _text(columns[0])
    children = []
    if level < len(_ITEM_LEVELS):
        children = [_item(c, level + 1) for c in element.findall(_ITEM_LEVELS[level])]
    return Item(
        element.get("Num") or "",
        _text(element.find(tag + "Title")),
        _sentences(sentence),
        term,
        children,
    )


def _sentences(element: ET.Element | None) -> str:
    """Sentence texts joined; Columns (定義 items: term / meaning) joined by a full-width space."""
    if element is None:
        return ""
    columns = element.findall("Column")
    if columns:
        return "　".join(_text(c) for c in columns)
    sentences = element.findall("Sentence")
    if sentences:
        return "".join(_text(s) for s in sentences)
    return _text(element)


def _text(element: ET.Element | None) -> str:
    """The element's text without ruby readings (<Rt>)."""
    if element is None:
        return ""
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts).strip()


def _collect(element: ET.Element, parts: list[str]) -> None:
    if element.tag == "Rt":
        if element.tail:
            parts.append(element.tail)
        return
    if element.text:
        parts.append(element.text)
    for child in element:
        _collect(child, parts)
    if element.tail and element.tag not in ("Sentence",):
        parts.append(element.tail)
    elif element.tail:
        parts.append(element.tail.strip())
