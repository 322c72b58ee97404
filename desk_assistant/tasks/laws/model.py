"""The structure of one law as kept in the store: units (articles, supplementary
provisions' articles, appended tables) with paragraphs and items."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .numerals import article_label, short_label

MAIN = "main"  # 本則
SUPPL = "suppl"  # 附則 of the original enactment; amending acts' 附則 are "suppl@<法令番号>"
APPDX = "appdx"  # 別表


@dataclass
class Item:
    """号 (Item) or a deeper level (Subitem1 = イロハ …)."""

    num: str
    title: str  # 一 / イ / (1) as written
    text: str
    term: str = ""  # first column of a 定義 item: the defined word
    children: list[Item] = field(default_factory=list)


@dataclass
class Paragraph:
    num: str  # "1", "2" …
    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Unit:
    """An article (条), a paragraph-only 附則, or an appended table (別表)."""

    provision: str  # MAIN, SUPPL, "suppl@…", APPDX
    num: str  # "158_2"; "38:84" for a deleted range; "" for paragraph-only 附則
    title: str  # 第百五十八条の二 / 附則 / 別表第一
    caption: str = ""  # （目的）
    path: list[str] = field(default_factory=list)  # 第二編　… > 第九章　… (編章節款目)
    paragraphs: list[Paragraph] = field(default_factory=list)
    suppl_label: str = ""  # 附則 (昭和二二年一二月一二日法律第一六九号)
    kind: str = "article"  # "article" (an <Article>), "paragraphs" (附則 without articles), "table"

    @property
    def is_article(self) -> bool:
        return self.kind == "article"

    def citation(self) -> str:
        """The canonical citation of this unit inside its law: 第158条の2, 附則第2条."""
        if self.provision == APPDX:
            return self.title
        prefix = "" if self.provision == MAIN else "附則"
        return prefix + (short_label(self.num) if self.num and ":" not in self.num else self.title)

    def label(self) -> str:
        return article_label(self.num) if self.num else self.title

    def text(self) -> str:
        """The unit as a statute prints it: caption, title, paragraphs, items."""
        lines = [self.caption] if self.caption else []
        for k, para in enumerate(self.paragraphs):
            head = (self.title if k == 0 else _paragraph_mark(para.num)) + "　"
            lines.append(head + para.text)
            lines.extend(_item_lines(para.items, 1))
        if not self.paragraphs:
            lines.append(self.title)
        return "\n".join(lines)

    def plain(self) -> str:
        """All the sentences, one string (for search and quote checks)."""
        parts = [self.caption]
        for para in self.paragraphs:
            parts.append(para.text)
            stack = list(para.items)
            while stack:
                item = stack.pop(0)
                parts.append(f"{item.title}　{item.text}")
                stack[0:0] = item.children
        return "\n".join(p for p in parts if p)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Unit:
        paragraphs = [
            Paragraph(p["num"], p["text"], [_item_from(i) for i in p["items"]])
            for p in data.pop("paragraphs")
        ]
        return cls(paragraphs=paragraphs, **data)


def _item_from(data: dict[str, Any]) -> Item:
    return Item(
        data["num"],
        data["title"],
        data["text"],
        data.get("term", ""),
        [_item_from(c) for c in data.get("children", [])],
    )


def _paragraph_mark(num: str) -> str:
    return num.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def _item_lines(items: list[Item], depth: int) -> list[str]:
    out = []
    for item in items:
        out.append("　" * (depth - 1) + f"{item.title}　{item.text}")
        out.extend(_item_lines(item.children, depth + 1))
    return out


@dataclass
class Law:
    law_num: str  # 平成五年法律第八十八号 (canonical, from LawNum)
    title: str  # 行政手続法
    law_type: str = ""  # Act, CabinetOrder, MinisterialOrdinance …
    kana: str = ""
    abbrevs: list[str] = field(default_factory=list)
    promulgated: str = ""  # 1993-11-12 where the XML gives it
    version: str = ""  # how current the text is: revision id / enforcement date / last amendment
    enforcement_date: str = ""
    units: list[Unit] = field(default_factory=list)
    source: str = ""  # the file name it came from
    digest: str = ""  # sha256 of the Law element's text: an unchanged re-import is skipped

    def articles(self, provision: str = MAIN) -> list[Unit]:
        return [u for u in self.units if u.provision == provision]

    def article_element_count(self) -> int:
        return sum(1 for u in self.units if u.is_article)
