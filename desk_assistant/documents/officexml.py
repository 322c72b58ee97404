"""What Excel and PowerPoint packages share: opening them safely, text units, writing back.

Like docx.py, the package is a zip of XML parts edited in place with lxml: parts
we do not change (formulas, cached values, charts, images, SmartArt layouts) are
copied byte for byte. A `TextUnit` is one editable piece of text (a shared
string, a cell's inline string, a comment, a DrawingML paragraph): its runs with
one formatting form a group (`<gN>` tags when there are several), line breaks and
fields are placeholders (`<xN/>`), and phonetic runs (Excel's furigana) are never
part of the text.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from lxml import etree

from ..errors import (
    CorruptFileError,
    CorruptZipError,
    MacroEnabledError,
    PasswordProtectedError,
    UnsupportedCompressionError,
    Words,
)
from ..fileio import atomic_writer
from .docx import Package, write_entries
from .external_links import LinkScrubber
from .model import Block, Document, Segment
from .sniff import (
    DEFAULT_MAX_UNCOMPRESSED,
    MAX_ZIP_MEMBERS,
    check_output,
    size_and_limit,
)
from .tags import escape_text, group_texts, strip_tags
from .validate import check_docx
from .zipread import read_members

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def open_office_entries(
    path: Path, max_uncompressed: int, part_folder: str, kind: Words, macro_suffix: str
) -> list[tuple[zipfile.ZipInfo, bytes | None]]:
    """The package's entries under the hostile-file guards of zipread, with messages
    that name the Office format (not "Word"); macro-enabled packages are refused."""
    from ..errors import TooManyZipEntriesError, ZipBombError

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise CorruptFileError(str(err), path=str(path), what=_zip_words(kind)) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise TooManyZipEntriesError(
                path=str(path), count=f"{len(infos):,}", limit=f"{MAX_ZIP_MEMBERS:,}"
            )
        total = sum(info.file_size for info in infos)
        if total > max_uncompressed:
            shown, limit = size_and_limit(total, max_uncompressed)
            raise ZipBombError(path=str(path), size=shown, limit=limit)
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or not any(n.startswith(part_folder) for n in names):
            raise CorruptFileError(path=str(path), what=_zip_words(kind))
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            # Macros are code; the app never runs or carries code, so it reads nothing.
            raise MacroEnabledError(path=str(path), kind=kind, suffix=macro_suffix)
        try:
            return read_members(archive, path, max_uncompressed)
        except CorruptZipError as err:
            raise CorruptFileError(err.detail, path=str(path), what=_zip_words(kind)) from None
        except PasswordProtectedError:  # zipread names Word; say what this file is
            raise PasswordProtectedError(path=str(path), kind=kind) from None
        except UnsupportedCompressionError as err:
            raise CorruptFileError(
                path=str(path),
                what=Words(
                    f"{kind[0]} が Office の使わない圧縮方式（{err.facts.get('method')}）で保存されています",
                    f"the {kind[1]} uses a compression method Office does not use "
                    f"({err.facts.get('method')})",
                ),
            ) from None


def main_part(pkg: Package, default: str, kind: Words) -> str:
    """The workbook or presentation part, or the error that says the package lacks it."""
    for rel_kind, name in pkg.rels("").values():
        if rel_kind == "officeDocument" and name in pkg.data:
            return name
    if default in pkg.data:
        return default
    raise CorruptFileError(
        path=str(pkg.path),
        what=Words(f"{kind[0]} の部品 {default} がありません", f"{kind[1]}: {default} is missing"),
    )


def _zip_words(kind: Words) -> Words:
    return Words(
        f"{kind[0]} の ZIP 構造を読めません", f"the ZIP structure of the {kind[1]} cannot be read"
    )


@dataclass
class Piece:
    """A group (runs with one formatting; `nodes` are their text elements) or an anchor."""

    number: int
    anchor: bool
    text: str
    nodes: list[etree._Element] = field(default_factory=list)


@dataclass
class TextUnit:
    part: str
    location: str
    kind: str
    pieces: list[Piece]
    hidden: bool = False
    twin: bool = False  # a cached copy of another unit's text (SmartArt drawing, fallback)
    # Called after the text changed (Excel: drop the furigana of the old text).
    on_change: object = None
    # What the format needs to find the unit again after writing (Excel: the string).
    key: object = None

    @property
    def groups(self) -> list[Piece]:
        return [p for p in self.pieces if not p.anchor]

    @property
    def anchors(self) -> list[Piece]:
        return [p for p in self.pieces if p.anchor]

    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def tagged(self) -> str:
        groups = self.groups
        if not groups:
            return ""
        many = len(groups) > 1
        out = []
        for piece in self.pieces:
            if piece.anchor:
                out.append(f"<x{piece.number}/>")
            elif many:
                out.append(f"<g{piece.number}>{escape_text(piece.text)}</g{piece.number}>")
            else:
                out.append(escape_text(piece.text))
        return "".join(out)

    def block(self) -> Block:
        tagged = self.tagged()
        segments = [Segment(self.location, tagged, strip_tags(tagged))] if self.groups else []
        return Block(self.kind, self.location, self.text(), segments, hidden=self.hidden)

    def apply(self, tagged: str) -> list[str]:
        """Put the text of `tagged` into the groups' first text element; returns warnings."""
        warnings, texts = group_texts(tagged, self.groups, len(self.anchors))
        changed = False
        for group, new in texts:
            if new == group.text and len(group.nodes) == 1:
                continue
            changed = True
            set_text(group.nodes[0], new)
            for node in group.nodes[1:]:
                run = node.getparent()
                run.getparent().remove(run)
        if changed and callable(self.on_change):
            self.on_change()
        return warnings


def set_text(node: etree._Element, text: str) -> None:
    node.text = text
    if text != text.strip() or "\n" in text:
        node.set(XML_SPACE, "preserve")


def build_pieces(items: list[tuple[str, object, etree._Element | None, str]]) -> list[Piece]:
    """items: ("run", format key, text element, text) or ("anchor", None, None, shown text).
    Adjacent runs with the same format key join one group."""
    pieces: list[Piece] = []
    groups = anchors = 0
    last_key: object = None
    for kind, key, node, text in items:
        if kind == "anchor":
            anchors += 1
            pieces.append(Piece(anchors, True, text))
            last_key = None
            continue
        if pieces and not pieces[-1].anchor and last_key == key:
            pieces[-1].nodes.append(node)
            pieces[-1].text += text
            continue
        groups += 1
        pieces.append(Piece(groups, False, text, [node]))
        last_key = key
    return pieces


def format_key(rpr: etree._Element | None) -> bytes:
    return b"" if rpr is None else etree.tostring(rpr, method="c14n")


class OfficeDocument(Document):
    """Excel or PowerPoint document; subclasses list their text units (`_units`)."""

    def __init__(self, path: Path, entries: list[tuple[zipfile.ZipInfo, bytes | None]]):
        self._entries = entries
        stat = path.stat()
        self._source_stamp = (stat.st_size, stat.st_mtime_ns)
        package = Package(path, entries)
        blocks = [
            unit.block() for unit in self._units(package) if not unit.twin and unit.text().strip()
        ]
        super().__init__(path, blocks, self._warnings(package))

    def _units(self, pkg: Package) -> Iterator[TextUnit]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _warnings(self, pkg: Package) -> list[str]:
        return []

    def _switch_fonts(self, pkg: Package, unit: TextUnit, direction) -> None:
        """Formats whose runs carry fonts (PowerPoint) set them by script here."""

    def _after_replace(self, pkg: Package, changed: list[TextUnit], direction) -> list[str] | None:
        """Once every replacement is in: make room for longer text (wrap, auto-fit) and
        fonts that live outside the runs (Excel's cell formats). Returns notes for the
        user on what was changed besides the text (vertical labels turned)."""

    def _add_comments(self, new, notes: list[tuple[str, str]], author: str) -> list:
        """Place (location, text) notes as the format's comments; returns those not placed."""
        raise NotImplementedError  # pragma: no cover - abstract

    def save_commented(
        self,
        out_path: str | os.PathLike,
        notes: list[tuple[str, str]],
        *,
        author: str = "文書アシスタント",
        overwrite: bool = False,
    ) -> list[tuple[str, str]]:
        """Write a copy with each (location, text) note as a comment (Excel: on the cell;
        PowerPoint: on the slide); the text is not changed. Returns the notes that could not
        be placed (a location the file does not have)."""
        from .officeparts import NewParts

        target = check_output(out_path, self.path, overwrite)
        pkg = Package(self.path, self._entries)
        new = NewParts(pkg)
        skipped = self._add_comments(new, list(notes), author)
        links = LinkScrubber((i.filename, d) for i, d in self._entries)
        with (
            atomic_writer(
                target, "wb", shared=True, check=partial(check_docx, shown_as=target)
            ) as handle,
            zipfile.ZipFile(handle, "w") as out,
        ):
            write_entries(self, pkg, out, links.part, replaced=new.replaced)
            new.write_new(out)
        return skipped

    def save_as(
        self,
        out_path: str | os.PathLike,
        replacements: Mapping[str, str] | None = None,
        *,
        overwrite: bool = False,
        direction: tuple[str, str] | None = None,
    ) -> list[str]:
        """Write the same format with `replacements` ({location: tagged text}) applied:
        only the text elements of the units named change; every other part is copied.
        `direction` (source, target language) switches the replaced runs' fonts by
        script (fonts.py)."""
        target = check_output(out_path, self.path, overwrite)
        replacements = dict(replacements or {})
        warnings: list[str] = self.unknown_locations(replacements)
        pkg = Package(self.path, self._entries)
        by_source: dict[str, str] = {}  # source tagged text -> new, for the twins
        twins: list[tuple[TextUnit, str]] = []
        changed: list[TextUnit] = []
        for unit in self._units(pkg):
            if unit.twin:
                twins.append((unit, unit.tagged()))
                continue
            new = replacements.get(unit.location)
            if new is None:
                continue
            by_source.setdefault(unit.tagged(), new)
            for message in unit.apply(new):
                warnings.append(f"{unit.location}: {message}")
            self._switch_fonts(pkg, unit, direction)
            pkg.dirty.add(unit.part)
            changed.append(unit)
        for unit, source in twins:
            new = by_source.get(source)
            if new is not None and source:
                unit.apply(new)
                self._switch_fonts(pkg, unit, direction)
                pkg.dirty.add(unit.part)
                changed.append(unit)
        warnings.extend(self._after_replace(pkg, changed, direction) or [])
        links = LinkScrubber((i.filename, d) for i, d in self._entries)
        with (
            atomic_writer(
                target, "wb", shared=True, check=partial(check_docx, shown_as=target)
            ) as handle,
            zipfile.ZipFile(handle, "w") as out,
        ):
            # parts the format rewrote whole (PowerPoint charts' embedded workbooks)
            write_entries(self, pkg, out, links.part, replaced=getattr(pkg, "replaced", None))
        return warnings


__all__ = [
    "DEFAULT_MAX_UNCOMPRESSED",
    "OfficeDocument",
    "Piece",
    "TextUnit",
    "build_pieces",
    "format_key",
    "main_part",
    "open_office_entries",
    "set_text",
]
