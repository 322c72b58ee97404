"""Excel's print headers and footers (<headerFooter>): their words as blocks.

A header is one string of literal text and format codes: &L &C &R start the left,
centre and right sections; &"font,style", &12 (size), &K…(colour), &P &N &D &T &A &F
&Z &G (fields, picture), &B &I &U &E &S &X &Y &O &H (styles) and "&&" (a literal &).
Each section whose text has a letter is one block ("sheet1!header.odd.L") holding
only its literal text; codes at its ends stay outside the block, codes between
words are placeholders (<xN/>), so no code reaches the model and each is written
back exactly as read. Text before any section code is the centre's (as Excel does).
"""

from __future__ import annotations

import re

from lxml import etree

from ..i18n import tr
from . import fonts
from .officexml import Piece, TextUnit

# (element, block kind, location name) in the order Excel's schema lists them.
ELEMENTS = (
    ("oddHeader", "header", "header.odd"),
    ("oddFooter", "footer", "footer.odd"),
    ("evenHeader", "header", "header.even"),
    ("evenFooter", "footer", "footer.even"),
    ("firstHeader", "header", "header.first"),
    ("firstFooter", "footer", "footer.first"),
)
_TOKEN = re.compile(
    r"""(?P<amp>&&)
    |(?P<section>&[LCR])
    |(?P<code>&"[^"]*"?            # font and style
      |&\d+                       # size
      |&K(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{2}[+-]\d{3})  # colour: RGB or theme and tint
      |&[PN](?:[+-]\d+)?          # page number, with an offset
      |&.?)                       # every other code (an unknown one is kept as read)
    |(?P<text>[^&]+)""",
    re.VERBOSE | re.DOTALL,
)
_FONT = re.compile(r'^&"([^",]*)((?:,[^"]*)?)"$')
# Codes a following digit would extend: a size (&12) or a page offset (&P+1).
_ENDS_IN_NUMBER = re.compile(r"&(?:\d+|[PN][+-]\d+)$")
# Excel's dialog takes at most 255 characters for a header or footer string.
MAX_CHARS = 255
# A header block's location: proofread's cell comments must not try to attach to one.
HEADER_LOCATION = re.compile(r"^sheet\d+!(?:header|footer)\.(?:odd|even|first)\.[LCR]\d*$")


class _Section:
    """One section: its code (&L, or "" for text before any), then tokens
    ("code", text) / ("text", text) with adjacent ones of a kind joined."""

    def __init__(self, code: str):
        self.code = code
        self.tokens: list[list[str]] = []

    def add(self, kind: str, text: str) -> None:
        if self.tokens and self.tokens[-1][0] == kind:
            self.tokens[-1][1] += text
        else:
            self.tokens.append([kind, text])

    @property
    def letter(self) -> str:
        return self.code[1:] or "C"

    def words(self) -> list[list[str]]:
        return [t for t in self.tokens if t[0] == "text"]

    def render(self) -> str:
        out = [self.code]
        for kind, text in self.tokens:
            if kind == "text":
                text = text.replace("&", "&&")
                # "&12" then "3 pages" would read as size 123: keep them apart
                if text[:1].isdigit() and _ENDS_IN_NUMBER.search(out[-1]):
                    text = " " + text
            out.append(text)
        return "".join(out)


def parse(value: str) -> list[_Section]:
    sections = [_Section("")]
    for match in _TOKEN.finditer(value):
        if match.group("section"):
            sections.append(_Section(match.group("section")))
        elif match.group("amp"):
            sections[-1].add("text", "&")
        elif match.group("text"):
            sections[-1].add("text", match.group("text"))
        else:
            sections[-1].add("code", match.group("code"))
    return sections


def render(sections: list[_Section]) -> str:
    return "".join(section.render() for section in sections)


class _HeaderText:
    """One header element and its sections; a unit changes its section and re-renders."""

    def __init__(self, node: etree._Element):
        self.node = node
        self.sections = parse(node.text or "")

    def write(self) -> None:
        self.node.text = render(self.sections)


class HeaderUnit(TextUnit):
    """One section's words: groups are its text tokens, codes between them anchors."""

    def __init__(self, part, location, kind, holder: _HeaderText, section: _Section, hidden):
        tokens = section.tokens
        first = next(i for i, t in enumerate(tokens) if t[0] == "text")
        last = max(i for i, t in enumerate(tokens) if t[0] == "text")
        pieces, groups, anchors = [], 0, 0
        self.slots: list[tuple[Piece, list[str]]] = []
        for token in tokens[first : last + 1]:
            if token[0] == "text":
                groups += 1
                piece = Piece(groups, False, token[1])
                self.slots.append((piece, token))
            else:
                anchors += 1
                piece = Piece(anchors, True, "")
            pieces.append(piece)
        super().__init__(part, location, kind, pieces, hidden=hidden)
        self.holder, self.section = holder, section

    def apply(self, tagged: str) -> list[str]:
        from .tags import group_texts

        warnings, texts = group_texts(tagged, self.groups, len(self.anchors))
        new = dict((id(group), text) for group, text in texts)
        for piece, token in self.slots:
            token[1] = new.get(id(piece), piece.text)
        self.holder.write()
        if len(self.holder.node.text) > MAX_CHARS:
            warnings.append(
                tr(
                    f"翻訳後のヘッダー・フッターが {MAX_CHARS} 文字を超えました"
                    "（Excel が受け付けないことがあります。短くしてください）",
                    f"the translated header/footer is longer than {MAX_CHARS} characters "
                    "(Excel may refuse it; shorten it)",
                )
            )
        return warnings

    def switch_fonts(self, direction) -> None:
        """&"font,style" codes in this section: the face by direction, the style kept."""
        changed = False
        for token in self.section.tokens:
            if token[0] != "code":
                continue
            match = _FONT.match(token[1])
            face = fonts.target_font(match.group(1), direction) if match else None
            if face:
                token[1] = f'&"{face}{match.group(2)}"'
                changed = True
        if changed:
            self.holder.write()


def header_units(root: etree._Element, ns: str, part: str, number: int, hidden: bool):
    """The header/footer sections of one worksheet that hold words."""
    holder = root.find(f"{{{ns}}}headerFooter")
    if holder is None:
        return
    for tag, kind, name in ELEMENTS:
        node = holder.find(f"{{{ns}}}{tag}")
        if node is None or not (node.text or "").strip():
            continue
        text = _HeaderText(node)
        seen: dict[str, int] = {}
        for section in text.sections:
            if not any(ch.isalpha() for _, word in section.words() for ch in word):
                continue  # codes, digits and punctuation only ("&P / &N"): nothing to say
            seen[section.letter] = seen.get(section.letter, 0) + 1
            suffix = "" if seen[section.letter] == 1 else str(seen[section.letter])
            location = f"sheet{number}!{name}.{section.letter}{suffix}"
            yield HeaderUnit(part, location, kind, text, section, hidden)


def pictures(root: etree._Element, ns: str) -> bool:
    """Whether a header or footer shows a picture (&G): its words cannot be read."""
    holder = root.find(f"{{{ns}}}headerFooter")
    if holder is None:
        return False
    return any(
        match.group("code") == "&G"
        for node in holder
        if isinstance(node.tag, str)
        for match in _TOKEN.finditer(node.text or "")
    )


__all__ = ["ELEMENTS", "HEADER_LOCATION", "HeaderUnit", "header_units", "parse", "pictures"]
