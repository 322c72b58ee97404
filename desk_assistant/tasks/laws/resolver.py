"""Resolve references (citations.py) against the law store: the law, the article,
paragraph and item, their exact text, and what is wrong when they do not exist."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .citations import (
    RELATIVE_LAWS,
    DocumentContext,
    Home,
    Position,
    Reference,
    find_mentions,
    find_references,
    is_enumeration,
    split_law_name,
)
from .model import APPDX, MAIN, SUPPL, Item, Unit
from .numerals import short_label, to_int
from .store import LawInfo, LawStore

OK = "ok"
UNKNOWN_LAW = "unknown_law"  # no law of that name in the store
NO_ARTICLE = "no_article"
NO_PARAGRAPH = "no_paragraph"
NO_ITEM = "no_item"
NO_SUPPL = "no_suppl"  # 附則 article that is not there
NO_PART = "no_part"  # 第二章 / 別表第三 that the law does not have
WRONG_LAW_NUM = "wrong_law_num"  # the name and the 法令番号 in parentheses disagree
UNRESOLVED = "unresolved"  # 同法/前条/第五条 without anything to refer to
UNKNOWN_PREFIX = "?"  # context position of a law that is not in the store

_ALIAS = re.compile(r"([^「」（）。、\s]{2,60}?)（[^（）]*?以下「([^「」]{1,20})」という。?）")


@dataclass
class Citation:
    ref: Reference
    status: str
    law: LawInfo | None = None
    named_as: str = ""  # "title", "abbrev", "alias", "number", "relative", "home"
    position: Position = field(default_factory=Position)
    unit: Unit | None = None
    candidates: list[str] = field(default_factory=list)  # closest real law names
    law_name: str = ""  # the law name as written, trimmed to the known part
    part: str = ""  # 第二編第十一章 / 別表第一: a part of the law rather than an article
    units: list[Unit] = field(default_factory=list)  # the articles of that part

    @property
    def ok(self) -> bool:
        return self.status == OK

    def canonical(self) -> str:
        """行政手続法第5条第1項 — the law's official title, arabic digits."""
        if self.law is None:
            return ""
        out = self.law.title
        pos = self.position
        if self.part:
            return out + _arabic(self.part)
        if pos.provision.startswith(SUPPL + "@") and pos.article:
            out += f"附則（{pos.provision.split('@', 1)[1]}）"
        elif pos.provision != MAIN and pos.article:
            out += "附則"
        if pos.article:
            out += short_label(pos.article)
        many = self.unit is not None and len(self.unit.paragraphs) > 1
        if pos.paragraph and (self.ref.paragraph or (not self.ref.article and many)):
            out += f"第{pos.paragraph}項"
        if pos.item:
            out += short_label(pos.item, "号")
        if self.ref.subitem:
            out += self.ref.subitem
        return out

    def text(self) -> str:
        """The exact text cited: the item, the paragraph or the whole article."""
        if self.part and self.units and self.position.provision == MAIN:
            heads = " > ".join(self.units[0].path)
            lines = [f"{u.title}{u.caption}" for u in self.units]
            return heads + "\n" + "\n".join(lines)
        if self.unit is None:
            return ""
        para = _paragraph(self.unit, self.position.paragraph or "1")
        if self.position.item and para is not None:
            item = _item(para.items, self.position.item)
            if item is not None:
                return f"{item.title}　{item.text}"
        if self.ref.paragraph and para is not None:
            return para.text
        return self.unit.text()


class CitationResolver:
    def __init__(self, store: LawStore):
        self.store = store
        self._known = tuple(n for n, _num, _kind in store.names())

    def resolve_text(
        self,
        text: str,
        home: Home | None = None,
        context: DocumentContext | None = None,
    ) -> list[Citation]:
        """Every citation of `text` in order; `context` carries 同法/同条 across calls
        (one per paragraph of a document) and is updated."""
        context = context if context is not None else DocumentContext()
        self._learn_aliases(text, context)
        out = []
        refs = find_references(text, self._known)
        mentions = [
            m for m in find_mentions(text) if not any(r.start <= m[0] < r.end for r in refs)
        ]
        opened: list[tuple[int, Position | None]] = []  # open （ and the citation just before
        scanned, previous = 0, None
        outside = None  # (last, last_article) before the open quote, while inside one
        for ref in refs:
            while mentions and mentions[0][0] < ref.start:
                mention = mentions.pop(0)
                if not _inside_quotes(text, mention[0]):
                    self._mentioned(mention[2], context)
            scanned = _track_parentheses(text, scanned, ref.start, opened, previous)
            outer = next((p for _at, p in reversed(opened) if p is not None), None)
            if context.last_end >= 0:
                between = text[context.last_end : ref.start]
            elif context.carry is not None:
                between = context.carry + text[: ref.start]
            else:
                between = None
            context.carry = None
            continuing = (
                context.last is not None and between is not None and is_enumeration(between)
            )
            if _foreign(outer, home) and not ref.law and not _relative(ref):
                # 「下水道法…第十八条（第二十五条の三十において第十八条…）」: a bare number in
                # a parenthetical on another law's citation belongs to that law
                context.last, continuing = outer, True
            # Replacement text 「…」 of a 読み替え: inside it references follow each other as
            # usual; after it, 同法/同条 go on from the last reference outside the quotes.
            if _inside_quotes(text, ref.start):
                if outside is None:
                    outside = (context.last, context.last_article)
            elif outside is not None:
                context.last, context.last_article = outside
                outside = None
            citation = self.resolve(ref, home, context, continuing)
            out.append(citation)
            if citation.law is not None:
                context.last = citation.position
                if ref.article:
                    context.last_article = citation.position
            else:  # an unknown law or an unresolved reference: 同法/同条 after it stay unresolved
                context.last = Position(law_num=UNKNOWN_PREFIX + (citation.law_name or ref.law))
                context.last_article = context.last
            context.last_end = ref.end
            previous = (ref.end, context.last)
        if outside is not None and not _inside_quotes(text, len(text)):
            context.last, context.last_article = outside
        for mention in mentions:
            if not _inside_quotes(text, mention[0]):
                self._mentioned(mention[2], context)
        tail = text[refs[-1].end :] if refs and context.last_end >= 0 else None
        context.carry = (
            tail if tail is not None and (not tail.strip() or is_enumeration(tail)) else None
        )
        context.last_end = -1  # the next paragraph continues an enumeration only through carry
        return out

    def _mentioned(self, name: str, context: DocumentContext) -> None:
        if name in context.aliases:
            context.last = Position(context.aliases[name])
            return
        trimmed, _cut = split_law_name(name, self._known)
        found = self.store.law_by_name(trimmed)
        context.last = Position(found[0].law_num if found else UNKNOWN_PREFIX + trimmed)
        context.last_article = context.last
        context.last_end = -1

    def resolve_one(self, text: str) -> Citation | None:
        """The first citation in `text` (`laws show "行政手続法第5条"`)."""
        found = self.resolve_text(text)
        return found[0] if found else None

    def _learn_aliases(self, text: str, context: DocumentContext) -> None:
        for match in _ALIAS.finditer(text):
            name, alias = match[1], match[2]
            name, _ = split_law_name(name, self._known)
            found = self.store.law_by_name(name)
            if found:
                context.aliases[alias] = found[0].law_num

    # --- one reference -----------------------------------------------------

    def resolve(
        self, ref: Reference, home: Home | None, context: DocumentContext, continuing: bool
    ) -> Citation:
        last = context.last
        citation = Citation(ref, OK)
        law_num = self._law(ref, home, context, continuing, citation)
        if citation.status != OK:
            return citation
        if not law_num or law_num.startswith(UNKNOWN_PREFIX):
            citation.status = UNRESOLVED  # nothing, or a law we do not have, to refer to
            return citation
        citation.law = self.store.law(law_num)
        if citation.named_as == "amending":
            pass  # the number names the amending act whose 附則 this law holds
        elif ref.law_num and ref.law_num != law_num:
            citation.status = WRONG_LAW_NUM
        if not ref.has_position:
            citation.position = Position(law_num)
            return citation
        if ref.structure or ref.table:
            return self._part(citation, law_num, home)
        same_law = lambda p: p is not None and p.law_num == law_num  # noqa: E731
        base = last if (continuing or not same_law(home)) and same_law(last) else None
        if same_law(home) and not continuing:
            base = home
        pos = Position(law_num, SUPPL if ref.suppl else MAIN)
        if citation.named_as == "amending":
            pos.provision = f"{SUPPL}@{ref.law_num}"
        # article
        if ref.article in ("同条",):
            named = context.last_article if context.last_article is not None else last
            if named is None or named.law_num != law_num or not named.article:
                return _unresolved(citation)
            pos.article, pos.provision = named.article, named.provision
        elif ref.article in ("前条", "次条"):
            anchor = home if same_law(home) else last
            if anchor is None or not anchor.article:
                return _unresolved(citation)
            pos.provision = anchor.provision
            pos.article = self._neighbour(law_num, anchor.provision, anchor.article, ref.article)
            if not pos.article:
                citation.position = pos
                citation.status = NO_ARTICLE
                return citation
        elif ref.article:
            pos.article = ref.article
        elif ref.paragraph == "同項" or (ref.item == "同号" and not ref.paragraph):
            if last is None or not last.article:
                return _unresolved(citation)
            pos.article, pos.provision = last.article, last.provision
        else:
            anchor = last if continuing else base
            if anchor is None or not anchor.article:
                return _unresolved(citation)
            pos.article, pos.provision = anchor.article, anchor.provision
        # paragraph
        if ref.paragraph == "同項":
            if last is None or not last.paragraph:
                return _unresolved(citation)
            pos.paragraph = last.paragraph
        elif ref.paragraph in ("前項", "次項"):
            anchor = home if same_law(home) else last
            if anchor is None or not anchor.paragraph:
                return _unresolved(citation)
            step = -1 if ref.paragraph == "前項" else 1
            pos.paragraph = str(int(anchor.paragraph) + step)
        elif ref.paragraph:
            pos.paragraph = ref.paragraph
        elif ref.item == "同号" and not ref.article:
            pos.paragraph = last.paragraph or "1"
        elif ref.item and not ref.article:
            anchor = last if continuing else base
            pos.paragraph = (anchor.paragraph if anchor else "") or "1"
        elif ref.item:
            pos.paragraph = "1"
        # item
        if ref.item in ("同号",):
            if last is None or not last.item:
                return _unresolved(citation)
            pos.item = last.item
        elif ref.item in ("前号", "次号"):
            anchor = home if same_law(home) else last
            if anchor is None or not anchor.item:
                return _unresolved(citation)
            pos.item = str(int(anchor.item.split("_")[0]) + (-1 if ref.item == "前号" else 1))
        elif ref.item:
            pos.item = ref.item
        citation.position = pos
        self._check(citation)
        return citation

    def _law(
        self,
        ref: Reference,
        home: Home | None,
        context: DocumentContext,
        continuing: bool,
        citation: Citation,
    ) -> str:
        name = ref.law
        if ref.suppl and ref.law_num:
            holder = self.store.amended_law(ref.law_num)
            if holder and self.store.law(ref.law_num) is None:
                # 「地方自治法の一部を改正する法律（平成…号）附則第二条」: that act's 附則 is
                # kept with the law it amended
                citation.named_as = "amending"
                return holder
        if name in RELATIVE_LAWS:
            citation.named_as = "relative"
            if RELATIVE_LAWS[name] == "home":
                return home.law_num if home else ""
            return context.last.law_num if context.last else ""
        if name in ("法", "令", "規則") and name not in context.aliases:
            return self._parent_law(name, home, citation)
        if name.startswith("同法") and len(name) > 2 and context.last is not None:
            last_law = self.store.law(context.last.law_num)
            name = (last_law.title if last_law else "") + name[2:]  # 同法施行令
        if name in context.aliases:
            citation.named_as = "alias"
            citation.law_name = name
            return context.aliases[name]
        if name:
            trimmed, cut = split_law_name(name, self._known)
            found = self.store.law_by_name(trimmed)
            if cut:
                _trim(ref, cut)
            citation.law_name = trimmed
            if found:
                citation.named_as = found[1]
                return found[0].law_num
            by_number = self.store.law(ref.law_num) if ref.law_num else None
            citation.candidates = (
                [by_number.title] if by_number else self.store.closest_names(trimmed)
            )
            citation.status = UNKNOWN_LAW
            return ""
        if ref.law_num and not ref.has_position:
            citation.named_as = "number"
            if self.store.law(ref.law_num) is None:
                citation.status = UNKNOWN_LAW
                return ""
            return ref.law_num
        if continuing and context.last is not None:
            citation.named_as = "relative"
            return context.last.law_num
        if context.last is not None and _keeps_last_law(ref):
            citation.named_as = "relative"  # 同条・同項 follow the last citation, not the home
            return context.last.law_num
        if home is not None:
            citation.named_as = "home"
            return home.law_num
        return ""  # 「第五条」 alone in a document: its own numbering or a law not named

    def _parent_law(self, name: str, home: Home | None, citation: Citation) -> str:
        """「法第五条」 in a 施行令 means the law it executes (題名 minus 施行令); anything
        else (「令」 in a 規則 = some 施行令) cannot be known from the text."""
        citation.named_as = "relative"
        law = self.store.law(home.law_num) if home else None
        if law is not None and name == "法":
            for suffix in ("施行令", "施行規則"):
                if law.title.endswith(suffix):
                    found = self.store.law_by_name(law.title[: -len(suffix)])
                    if found:
                        return found[0].law_num
        return UNKNOWN_PREFIX + name

    def _neighbour(self, law_num: str, provision: str, article: str, which: str) -> str:
        keys = self.store.article_keys(law_num, provision)
        if article not in keys:
            return ""
        k = keys.index(article) + (-1 if which == "前条" else 1)
        return keys[k] if 0 <= k < len(keys) else ""

    def _check(self, citation: Citation) -> None:
        pos = citation.position
        if not pos.article:
            return
        unit = self.store.unit(pos.law_num, pos.provision, pos.article)
        if unit is None and pos.provision == SUPPL:
            unit = self._any_suppl(pos)
        if unit is None:
            citation.status = NO_SUPPL if pos.provision != MAIN else NO_ARTICLE
            return
        citation.unit = unit
        if pos.paragraph:
            para = _paragraph(unit, pos.paragraph)
            if para is None:
                citation.status = NO_PARAGRAPH
                return
            item = _item(para.items, pos.item) if pos.item else None
            if pos.item and item is None:
                citation.status = NO_ITEM
            elif item is not None and citation.ref.subitem:
                if not any(c.title == citation.ref.subitem for c in item.children):
                    citation.status = NO_ITEM  # 第二号ハ where the item has only イ and ロ

    def _part(self, citation: Citation, law_num: str, home: Home | None) -> Citation:
        """第二編第十一章 / 第三章第二節 / 別表第一 → the units of that part."""
        ref = citation.ref
        citation.part = ref.structure or ref.table
        if ref.table:
            tables = self.store.units(law_num, APPDX)
            found = [u for u in tables if _is_table(u.title, ref.table, len(tables))]
            citation.units = found[:1]
            citation.position = Position(law_num, APPDX, found[0].num if found else "")
            citation.unit = found[0] if found else None
            citation.status = OK if found else NO_PART
            return citation
        parts = re.findall(r"第[^編章節款目]+[編章節款目]", ref.structure)
        groups: dict[tuple[str, ...], list[Unit]] = {}
        for unit in self.store.units(law_num, MAIN):
            heads = [p.split("　")[0] for p in unit.path]
            at = _sublist(heads, parts)
            if at >= 0:
                groups.setdefault(tuple(heads[:at]), []).append(unit)
        if len(groups) > 1 and home is not None and home.law_num == law_num:
            here = self.store.unit(law_num, home.provision, home.article)
            mine = [p.split("　")[0] for p in here.path] if here else []
            groups = {k: v for k, v in groups.items() if list(k) == mine[: len(k)]}
        if len(groups) > 1:
            return _unresolved(citation)  # 第二章 of which 編?
        units = next(iter(groups.values()), [])
        citation.units = units
        citation.unit = units[0] if units else None
        citation.position = Position(law_num, MAIN, units[0].num if units else "")
        if not units and parts[0][-1] in "節款目":
            return _unresolved(citation)  # 「同章第七節及び第八節」: the 章 is not said again
        citation.status = OK if units else NO_PART
        return citation

    def _any_suppl(self, pos: Position) -> Unit | None:
        """附則第N条 of an amending act when the original 附則 has no such article."""
        for provision in self.store.provisions(pos.law_num):
            if provision.startswith(SUPPL + "@"):
                unit = self.store.unit(pos.law_num, provision, pos.article)
                if unit is not None:
                    return None  # ambiguous: which amending act's 附則 is meant is unknown
        return None


_BEFORE_PARENTHETICAL = ("", "まで", "本文", "ただし書", "前段", "後段", "各号")


def _track_parentheses(text, start, end, opened, previous) -> int:
    """Update the stack of open （ in text[start:end]; each records the citation that ends
    right before it (None if there is none). Returns `end`."""
    for k in range(start, end):
        if text[k] in "（(":
            after_ref = previous is not None and text[previous[0] : k] in _BEFORE_PARENTHETICAL
            opened.append((k, previous[1] if after_ref else None))
        elif text[k] in "）)" and opened:
            opened.pop()
    return end


def _inside_quotes(text: str, at: int) -> bool:
    head = text[:at]
    return head.count("「") > head.count("」")


def _foreign(outer: Position | None, home: Home | None) -> bool:
    return outer is not None and (home is None or outer.law_num != home.law_num)


def _relative(ref: Reference) -> bool:
    return any(
        part in ("同条", "前条", "次条", "同項", "前項", "次項", "同号", "前号", "次号")
        for part in (ref.article, ref.paragraph, ref.item)
    )


def _sublist(heads: list[str], parts: list[str]) -> int:
    """Where `parts` runs consecutively in `heads`, or -1."""
    for k in range(len(heads) - len(parts) + 1):
        if heads[k : k + len(parts)] == parts:
            return k
    return -1


def _is_table(title: str, wanted: str, count: int) -> bool:
    title = title.replace(" ", "").replace("　", "")
    if wanted == "別表":
        return count == 1
    rest = title[len(wanted) :] if title.startswith(wanted) else None
    return rest is not None and not re.match(r"[〇一二三四五六七八九十百の]", rest)


def _arabic(part: str) -> str:
    """第二編第十一章 → 第2編第11章 (canonical citations use arabic figures)."""
    return re.sub(
        r"[〇一二三四五六七八九十百千]+", lambda m: str(to_int(m.group()) or m.group()), part
    )


def _keeps_last_law(ref: Reference) -> bool:
    """同条・同項・同号 refer to the last citation; 前条・次項 … without a home refer to
    the document's own structure, and bare numbers to anything."""
    return (
        ref.article == "同条"
        or (not ref.article and ref.paragraph == "同項")
        or (not ref.article and not ref.paragraph and ref.item == "同号")
    )


def _unresolved(citation: Citation) -> Citation:
    citation.status = UNRESOLVED
    return citation


def _trim(ref: Reference, cut: int) -> None:
    ref.surface = ref.surface[cut:]
    ref.start += cut
    ref.law = ref.law[cut:]


def _paragraph(unit: Unit, num: str):
    for para in unit.paragraphs:
        if para.num == num:
            return para
    if num == "1" and len(unit.paragraphs) == 1:
        return unit.paragraphs[0]
    return None


def _item(items: list[Item], num: str) -> Item | None:
    for item in items:
        if item.num == num:
            return item
    return None
