"""Defined terms: 定義 articles (「この法律において「X」とは…をいう」, 用語の意義 items)
and in-sentence definitions (「以下「X」という。」), so a search for a defined word
finds where it is defined."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Unit

_TOWA = re.compile(r"「([^「」]{1,40})」とは")
_IKA = re.compile(r"以下(?:[^「」。]{0,30}?)「([^「」]{1,40})」(?:と総称する|という)")
_TERMS = re.compile(r"「([^「」]{1,40})」")


@dataclass(frozen=True)
class Definition:
    term: str
    paragraph: str  # "1" …
    item: str  # "" or the item number
    kind: str  # "定義" (an article or item that defines), "以下" (a parenthetical definition)
    sentence: str


def definitions_in(unit: Unit) -> list[Definition]:
    out: list[Definition] = []
    for para in unit.paragraphs:
        for match in _TOWA.finditer(para.text):
            out.append(Definition(match[1], para.num, "", "定義", para.text))
        for term in _ika_terms(para.text):
            out.append(Definition(term, para.num, "", "以下", para.text))
        for item in para.items:
            if item.term:
                out.append(Definition(item.term, para.num, item.num, "定義", item.text))
            for term in _ika_terms(item.text):
                out.append(Definition(term, para.num, item.num, "以下", item.text))
    return out


def _ika_terms(text: str) -> list[str]:
    """以下「A」という / 以下それぞれ「A」又は「B」という: every quoted term of the clause."""
    terms = []
    for match in _IKA.finditer(text):
        start = text.rfind("以下", 0, match.end())
        terms.extend(_TERMS.findall(text[start : match.end()]))
    return terms
