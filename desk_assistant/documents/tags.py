"""Inline tags that carry run formatting through a model and back.

`<gN>text</gN>` marks the text of formatting group N (runs with one formatting);
`<xN/>` stands for something that is not text (a footnote mark, an image, a
field). A paragraph with one group and no placeholders has no tags at all.

Parsing is lenient because models mangle tags: stray spaces and case are
accepted, text outside any tag joins the group before it, unknown tags are
dropped. What could not be placed is reported as a warning, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import messages

TAG_RE = re.compile(r"<\s*(/?)\s*([gGxX])\s*(\d+)\s*(/?)\s*>")


def open_tag(n: int) -> str:
    return f"<g{n}>"


def close_tag(n: int) -> str:
    return f"</g{n}>"


def placeholder(n: int) -> str:
    return f"<x{n}/>"


# Source text that itself looks like a tag ("<g1>" in a manual about markup) is
# escaped as "&lt;", and a literal "&lt;"/"&amp;" as "&amp;…", so it survives the
# round trip. Any other "<" or "&" is left as written, for the model's sake.
_ESCAPE_RE = re.compile(r"&(?=lt;|amp;)|<(?=\s*/?\s*[gGxX]\s*\d+\s*/?\s*>)")
_UNESCAPE_RE = re.compile(r"&(lt|amp);")


def escape_text(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: "&amp;" if m.group(0) == "&" else "&lt;", text)


def unescape_text(text: str) -> str:
    return _UNESCAPE_RE.sub(lambda m: "<" if m.group(1) == "lt" else "&", text)


def strip_tags(tagged: str) -> str:
    """The plain text of tagged text: tags removed, escapes undone."""
    return unescape_text(TAG_RE.sub("", tagged))


@dataclass
class ParsedTags:
    texts: dict[int, str]  # group number -> new text
    placeholders: list[int]  # placeholder numbers in the order they appeared
    order: list[int]  # group numbers in the order they appeared
    warnings: list[str] = field(default_factory=list)


def parse_tagged(tagged: str, groups: int, placeholders: int) -> ParsedTags:
    """Split `tagged` into the text of each group 1..groups."""
    texts: dict[int, str] = {}
    order: list[int] = []
    seen_x: list[int] = []
    warnings: list[str] = []
    if groups <= 1:
        # No group tags were given out; every piece of text belongs to group 1.
        for match in TAG_RE.finditer(tagged):
            if match.group(2).lower() == "x":
                seen_x.append(int(match.group(3)))
        if groups == 1:
            texts[1] = strip_tags(tagged)
            order = [1]
        elif strip_tags(tagged).strip():
            warnings.append(messages.no_editable_text())
        _check_placeholders(seen_x, placeholders, warnings)
        return ParsedTags(texts, seen_x, order, warnings)

    current: int | None = None  # the group whose tag is open
    last: int | None = None  # the group that closed most recently
    pending = ""  # text seen before any group opened
    pos = 0
    found_group_tag = False

    def add(text: str) -> None:
        nonlocal pending
        if not text:
            return
        target = current if current is not None else last
        if target is None:
            pending += text
        else:
            texts[target] = texts.get(target, "") + text

    for match in TAG_RE.finditer(tagged):
        add(tagged[pos : match.start()])
        pos = match.end()
        closing, letter, number = match.group(1), match.group(2).lower(), int(match.group(3))
        if letter == "x":
            if 1 <= number <= placeholders:
                seen_x.append(number)
            else:
                warnings.append(messages.unknown_tag(f"<x{number}/>"))
            continue
        if not 1 <= number <= groups:
            warnings.append(messages.unknown_tag(f"<g{number}>"))
            continue
        found_group_tag = True
        if closing:
            if current == number:
                last, current = number, None
            continue
        if current is not None:  # an unclosed tag ends where the next one opens
            last = current
        current = number
        texts.setdefault(number, "")
        if number not in order:
            order.append(number)
        if pending:
            texts[number] = pending + texts[number]
            pending = ""
    add(tagged[pos:])

    if not found_group_tag:
        plain = TAG_RE.sub("", tagged)  # unescaped with the others below
        warnings.append(messages.tags_lost())
        texts = {1: plain}
        order = [1]
    elif pending:
        first = order[0]
        texts[first] = pending + texts.get(first, "")
    _check_placeholders(seen_x, placeholders, warnings)
    texts = {n: unescape_text(t) for n, t in texts.items()}
    return ParsedTags(texts, seen_x, order, warnings)


def _check_placeholders(seen: list[int], expected: int, warnings: list[str]) -> None:
    missing = sorted(set(range(1, expected + 1)) - set(seen))
    if missing:
        names = " ".join(placeholder(n) for n in missing)
        warnings.append(messages.placeholders_missing(names))


def group_texts(tagged: str, groups, placeholders: int) -> tuple[list[str], list[tuple]]:
    """Each formatting group's new text from `tagged`, as (group, text) pairs, with the
    warnings (lost or reordered tags). Groups need `.number` and `.text`; Word and the
    other OOXML formats write the texts into their own elements."""
    if not groups:
        return ([messages.no_editable_text()] if strip_tags(tagged).strip() else []), []
    parsed = parse_tagged(tagged, len(groups), placeholders)
    warnings = list(parsed.warnings)
    if parsed.order != sorted(parsed.order):
        warnings.append(messages.tags_reordered())
    texts = []
    for group in groups:
        text = parsed.texts.get(group.number)
        if text is None:
            if group.text.strip():
                warnings.append(messages.group_missing(group.number))
            text = ""
        texts.append((group, text))
    return warnings, texts
