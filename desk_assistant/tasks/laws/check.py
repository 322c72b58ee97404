"""Law citations checked in a document's text: every citation resolved against the
local law store; an issue for each one that does not hold, with the correct
citation as the suggestion where there is one.

Quiet when the store is empty (nothing to check against) and for laws that are
not imported unless a close real name exists (then it is probably a typo).
"""

from __future__ import annotations

from dataclasses import dataclass

from .citations import DocumentContext
from .numerals import short_label
from .old_names import old_names
from .resolver import (
    NO_ARTICLE,
    NO_ITEM,
    NO_PARAGRAPH,
    NO_PART,
    NO_SUPPL,
    UNKNOWN_LAW,
    WRONG_LAW_NUM,
    Citation,
    CitationResolver,
)
from .store import LawStore

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass
class CitationIssue:
    kind: str  # unknown-law, old-name, abbrev, no-article, no-paragraph, no-item, no-part,
    # law-num, suppl
    severity: str
    start: int
    end: int
    surface: str
    message_ja: str
    message_en: str
    suggestion: str | None


def check_text(text: str, store: LawStore) -> list[CitationIssue]:
    """Issues for the law citations of `text` (paragraphs separated by newlines)."""
    return check_paragraphs(text.split("\n"), store)


def check_paragraphs(paragraphs: list[str], store: LawStore) -> list[CitationIssue]:
    """Issues for the law citations of consecutive paragraphs (同法 carries across them);
    offsets as if the paragraphs were joined by newlines."""
    if store.is_empty():
        return []
    resolver = CitationResolver(store)
    context = DocumentContext()
    issues: list[CitationIssue] = []
    unchecked: set[str] = set()  # laws not in the data: one info per law, not per citation
    offset = 0
    for paragraph in paragraphs:
        for citation in resolver.resolve_text(paragraph, context=context):
            issue = _issue(citation, store)
            if issue is not None and issue.severity == INFO:
                name = citation.law_name or citation.ref.law
                if not name or name in unchecked:
                    continue
                unchecked.add(name)
            if issue is not None:
                issue.start += offset
                issue.end += offset
                issues.append(issue)
        offset += len(paragraph) + 1
    return issues


def _issue(c: Citation, store: LawStore) -> CitationIssue | None:
    ref = c.ref
    make = lambda kind, sev, ja, en, sugg=None: CitationIssue(  # noqa: E731
        kind, sev, ref.start, ref.end, ref.surface, ja, en, sugg
    )
    name = c.law_name or ref.law
    if c.status == UNKNOWN_LAW:
        old = old_names(store).get(name)
        if old is not None:
            new = old.current
            return make(
                "old-name",
                WARNING,
                f"「{name}」は現行の法令名ではありません。現行法は「{new}」です（{old.source}）。",
                f"'{name}' is not a current law name; the current law is '{new}' ({old.source}).",
                new,
            )
        if ref.law_num and store.law(ref.law_num):
            right = store.law(ref.law_num)
            return make(
                "unknown-law",
                ERROR,
                f"法令番号{ref.law_num}の法令名は「{right.title}」です。",
                f"The law numbered {ref.law_num} is titled '{right.title}'.",
                right.title,
            )
        if c.candidates:
            return make(
                "unknown-law",
                WARNING,
                f"「{name}」という法令は見つかりません。「{c.candidates[0]}」の誤りではありませんか。",
                f"No law named '{name}' was found. Did you mean '{c.candidates[0]}'?",
                c.candidates[0],
            )
        return make(
            "unknown-law",
            INFO,
            f"「{name or ref.surface}」は取り込んだ法令データにないため、確認できません。",
            f"'{name or ref.surface}' is not in the imported law data and was not checked.",
        )
    if c.law is None:
        return None
    title = c.law.title
    if c.named_as == "abbrev":
        return make(
            "abbrev",
            WARNING,
            f"「{name}」は略称です。初出では正式名称「{title}」を用いるか、略称を定義してください。",
            f"'{name}' is an abbreviation; use the official title '{title}' or define it first.",
            ref.surface.replace(name, title, 1),
        )
    if c.status == WRONG_LAW_NUM:
        return make(
            "law-num",
            ERROR,
            f"{title}の法令番号は{c.law.law_num}です（{ref.law_num}ではありません）。",
            f"The law number of {title} is {c.law.law_num}, not {ref.law_num}.",
            c.law.law_num,
        )
    where = c.canonical()
    if c.status == NO_ARTICLE:
        keys = store.article_keys(c.law.law_num)
        last = short_label(keys[-1]) if keys else ""
        return make(
            "no-article",
            ERROR,
            f"{where}は存在しません（{title}の本則は{last}まで）。",
            f"{where} does not exist ({title} runs to {last}).",
        )
    if c.status == NO_PARAGRAPH:
        count = len(c.unit.paragraphs) if c.unit else 0
        art = title + short_label(c.position.article)
        return make(
            "no-paragraph",
            ERROR,
            f"{art}に第{c.position.paragraph}項はありません（第{count}項まで）。",
            f"{art} has no paragraph {c.position.paragraph} (it has {count}).",
            art,
        )
    if c.status == NO_ITEM:
        what = "号のイロハ" if ref.subitem else "号"
        return make(
            "no-item",
            ERROR,
            f"{where}の{what}は存在しません。",
            f"{where}: no such item.",
        )
    if c.status == NO_PART:
        return make(
            "no-part",
            ERROR,
            f"{where}は存在しません（{title}にその編・章・節または別表はありません）。",
            f"{where} does not exist ({title} has no such part or appended table).",
        )
    if c.status == NO_SUPPL:
        return make(
            "suppl",
            WARNING,
            f"{where}（附則）を特定できません。どの法令の附則かを明記してください"
            "（例: 平成○年法律第○号附則第○条）。",
            f"{where} (supplementary provision) cannot be identified; name the act it belongs to.",
        )
    return None
