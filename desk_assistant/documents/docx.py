"""Read a .docx into blocks and write it back with changed text, formatting kept.

The package is handled as a zip of XML parts with lxml: every part we do not
change is copied byte for byte, so images, styles, numbering, comments and
settings cannot be damaged. Only paragraphs named in `replacements` are edited,
and inside them only the text of plain text runs.
"""

from __future__ import annotations

import copy
import os
import posixpath
import zipfile
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path

from lxml import etree

from ..errors import (
    CorruptFileError,
    DocumentTooComplexError,
    SourceChangedError,
    UnsafeXmlError,
    Words,
)
from ..fileio import atomic_writer
from . import fonts, headings, limits, messages, wordml
from .external_links import LinkScrubber
from .model import Block, Document, Segment
from .sniff import DEFAULT_MAX_UNCOMPRESSED, check_output, open_docx_zip
from .tags import group_texts, strip_tags
from .validate import check_docx
from .zipread import copy_member, read_members

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_SECT_TYPES = ("default", "first", "even")


def relationship_targets(rels, folder: str) -> dict[str, tuple[str, str]]:
    """rId -> (relationship type suffix, part name) of a parsed .rels part whose source
    part lies in `folder`; external targets (URLs) are not parts and are left out."""
    found = {}
    for rel in rels:
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        found[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
    return found


class _Package:
    """The zip entries, with XML parts parsed on demand (a fresh tree per package)."""

    def __init__(self, path: Path, entries: list[tuple[zipfile.ZipInfo, bytes]]):
        self.path = path
        self.entries = entries
        self.data = {info.filename: data for info, data in entries}  # None: not XML, not kept
        self.trees: dict[str, etree._Element] = {}
        self.dirty: set[str] = set()
        self.elements = 0  # a work budget: tags in the parts parsed so far

    def xml(self, name: str) -> etree._Element:
        if name not in self.trees:
            data = self.data.get(name)
            if data is None:
                what = _part_not_xml(name) if name in self.data else _part_missing(name)
                raise CorruptFileError(path=str(self.path), what=what)
            # Count tags before lxml builds them: a tree costs ~10x its text in memory.
            self.elements += data.count(b"<") // 2
            if self.elements > limits.MAX_ELEMENTS:
                raise DocumentTooComplexError(
                    path=str(self.path),
                    what=f"XML elements ({name})",
                    size=f"> {limits.MAX_ELEMENTS:,}",
                    limit=f"{limits.MAX_ELEMENTS:,}",
                )
            try:
                root = etree.fromstring(data, _PARSER)
            except (etree.XMLSyntaxError, ValueError) as err:  # ValueError: not XML text at all
                raise CorruptFileError(
                    str(err),
                    path=str(self.path),
                    what=Words(f"{name} の XML が壊れています", f"the XML of {name} is broken"),
                ) from None
            # OOXML parts never carry a DTD; one here is an entity attack (XXE, billion
            # laughs) and would also make the copy we write unreadable.
            if root is None or root.getroottree().docinfo.doctype:
                raise UnsafeXmlError(path=str(self.path), part=name)
            self.trees[name] = root
        return self.trees[name]

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (relationship type suffix, part name) for `part`."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.data:
            return {}
        return relationship_targets(self.xml(rels_name), folder)

    def main_part(self) -> str:
        for kind, name in self.rels("").values():
            if kind == "officeDocument" and name in self.data:
                return name
        if "word/document.xml" in self.data:
            return "word/document.xml"
        raise CorruptFileError(path=str(self.path), what=_part_missing("word/document.xml"))

    def serialize(self, name: str) -> bytes:
        return etree.tostring(
            self.trees[name], xml_declaration=True, encoding="UTF-8", standalone=True
        )


def _part_missing(name: str) -> Words:
    return Words(f"部品 {name} がありません", f"the part {name} is missing")


def _part_not_xml(name: str) -> Words:
    return Words(
        f"XML であるべき部品 {name} が XML ではありません",
        f"the part {name} should be XML but is not",
    )


def _header_type(ref: etree._Element) -> str:
    return ref.get(wordml.w("type"), "default")


def _header_order(ref: etree._Element) -> int:
    kind = _header_type(ref)
    return _SECT_TYPES.index(kind) if kind in _SECT_TYPES else len(_SECT_TYPES)


def _stories(pkg: _Package) -> Iterator[tuple[str, wordml.Found]]:
    """Every paragraph of the document in reading order: body, headers/footers, notes."""
    main = pkg.main_part()
    root = pkg.xml(main)
    body = root.find(wordml.w("body"))
    if body is None:
        raise CorruptFileError(
            path=str(pkg.path),
            what=Words("本文（w:body）がありません", "the body (w:body) is missing"),
        )
    for found in wordml.walk_story(body, "body", "body", cell_kind="table_cell"):
        yield main, found
    rels = pkg.rels(main)
    seen: set[str] = set()
    sections = [
        s for s in body.iter(wordml.w("sectPr")) if s.getparent().tag != wordml.w("sectPrChange")
    ]
    for number, sect in enumerate(sections, start=1):
        for ref_tag, kind in (("headerReference", "header"), ("footerReference", "footer")):
            for ref in sorted(sect.findall(wordml.w(ref_tag)), key=_header_order):
                target = rels.get(ref.get(f"{{{wordml.R}}}id"))
                # A part shared by several sections is read once, under the first.
                if target is None or target[1] in seen or target[1] not in pkg.data:
                    continue
                seen.add(target[1])
                prefix = f"{kind}/sec{number}/{_header_type(ref)}"
                for found in wordml.walk_story(pkg.xml(target[1]), prefix, kind):
                    yield target[1], found
    for rel_kind, kind in (("footnotes", "footnote"), ("endnotes", "endnote")):
        for found_kind, name in rels.values():
            if found_kind == rel_kind and name in pkg.data:
                for found in wordml.note_stories(pkg.xml(name), kind):
                    yield name, found


def _read_entries(path: Path, max_uncompressed: int) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with open_docx_zip(path, max_uncompressed) as archive:
        return read_members(archive, path, max_uncompressed)


def _styles_root(pkg: _Package) -> etree._Element | None:
    for kind, name in pkg.rels(pkg.main_part()).values():
        if kind == "styles" and name in pkg.data:
            return pkg.xml(name)
    return None


class DocxDocument(Document):
    format = "docx"

    def __init__(self, path: Path, entries: list[tuple[zipfile.ZipInfo, bytes | None]]):
        self._entries = entries
        self._source_stamp = _stamp(path)  # parts not kept in memory are copied from here
        package = _Package(path, entries)
        levels = headings.style_levels(_styles_root(package))
        blocks: list[Block] = []
        for count, (_part, found) in enumerate(_stories(package), start=1):
            if count > limits.MAX_PARAGRAPHS:
                raise DocumentTooComplexError(
                    path=str(path),
                    what=Words("段落数", "paragraphs"),
                    size=f"> {limits.MAX_PARAGRAPHS:,}",
                    limit=f"{limits.MAX_PARAGRAPHS:,}",
                )
            model = wordml.analyse_paragraph(found.element, found.fields)
            if found.twin:
                continue
            tagged = model.tagged()
            segments = [Segment(found.location, tagged, strip_tags(tagged))] if model.groups else []
            level = (
                headings.paragraph_level(found.element, levels) if found.kind == "body" else None
            )
            blocks.append(
                Block(found.kind, found.location, model.text(), segments, heading_level=level)
            )
        super().__init__(path, blocks)
        bad = sum(
            wordml.sym_code(node) is None
            for tree in package.trees.values()
            for node in tree.iter(wordml.w("sym"))
        )
        if bad:
            self.warnings.append(messages.invalid_characters(bad))

    def save_as(
        self,
        out_path: str | os.PathLike,
        replacements: Mapping[str, str] | None = None,
        *,
        overwrite: bool = False,
        direction: tuple[str, str] | None = None,
    ) -> list[str]:
        """`direction` (source, target language): the replaced runs get fonts for the
        target script (fonts.py: JA→EN puts a serif/sans for 明朝/ゴシック in the Latin slots)."""
        target = check_output(out_path, self.path, overwrite)
        replacements = dict(replacements or {})
        warnings: list[str] = self.unknown_locations(replacements)
        pkg = _Package(self.path, self._entries)
        font_context = None
        for part, found in _stories(pkg):
            model = wordml.analyse_paragraph(found.element, found.fields)
            new = replacements.get(found.location)
            if new is None:
                continue
            for message in apply_tagged(model, new):
                if not found.twin:
                    warnings.append(f"{found.location}: {message}")
            if direction is not None:
                font_context = font_context or _font_context(pkg)
                for group in model.groups:
                    if group.runs and group.runs[0].getparent() is not None:
                        fonts.switch_word_run(group.runs[0], direction, *font_context)
            pkg.dirty.add(part)
        links = LinkScrubber((i.filename, d) for i, d in self._entries)
        with (
            atomic_writer(
                target, "wb", shared=True, check=partial(check_docx, shown_as=target)
            ) as handle,
            zipfile.ZipFile(handle, "w") as out,
        ):
            write_entries(self, pkg, out, links.part)
        return warnings


def _font_context(pkg: _Package) -> tuple[dict, dict]:
    """(default run fonts, theme fonts) of the document, for fonts.switch_word_run."""
    theme_root = None
    for kind, name in pkg.rels(pkg.main_part()).values():
        if kind == "theme" and name in pkg.data:
            theme_root = pkg.xml(name)
    theme = fonts.theme_fonts(theme_root)
    return fonts.word_defaults(_styles_root(pkg), theme), theme


def apply_tagged(model: wordml.ParagraphModel, tagged: str) -> list[str]:
    """Put the text of `tagged` into the paragraph's groups; returns warnings."""
    warnings, texts = group_texts(tagged, model.groups, len(model.anchors))
    for group, text in texts:
        if text == group.text and len(group.runs) == 1:
            continue
        wordml.set_run_text(group.runs[0], text)
        for run in group.runs[1:]:
            run.getparent().remove(run)
    return warnings


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def write_entries(
    document: DocxDocument,
    pkg: _Package,
    out: zipfile.ZipFile,
    transform: Callable[[str, bytes], bytes] | None = None,
    replaced: Mapping[str, bytes] | None = None,
) -> None:
    """The source's parts in their order: edited XML re-serialised, then `transform(name,
    data)` (the external-link scrubber) on every part kept in memory; the rest (images,
    embedded files) streamed from the source, which must be unchanged. `replaced` gives
    parts whole (an Excel comment's VML drawing, which is not XML we parse)."""
    source = None
    replaced = replaced or {}
    try:
        for info, data in document._entries:
            if info.filename in replaced:
                data = replaced[info.filename]
            elif info.filename in pkg.dirty:
                data = pkg.serialize(info.filename)
            if data is not None and transform is not None:
                data = transform(info.filename, data)
            if data is not None:
                out.writestr(copy.copy(info), data)  # writestr updates the ZipInfo it gets
                continue
            if source is None:
                if _stamp(document.path) != document._source_stamp:
                    raise SourceChangedError(path=str(document.path))
                try:
                    source = zipfile.ZipFile(document.path)
                except (zipfile.BadZipFile, OSError) as err:
                    raise SourceChangedError(str(err), path=str(document.path)) from None
            copy_member(source, info, out, document.path)
    finally:
        if source is not None:
            source.close()


def load_docx(path: Path, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> DocxDocument:
    return DocxDocument(path, _read_entries(path, max_uncompressed))


# The package reader's public face, for the writers beside this module (annotate.py):
# they edit the same parts, so they read them the same way.
Package = _Package
stories = _stories


def open_package(document: DocxDocument) -> Package:
    """A fresh, editable copy of the document's parts (each call parses anew)."""
    return Package(document.path, document._entries)


def entries_of(document: DocxDocument) -> list[tuple[zipfile.ZipInfo, bytes | None]]:
    """The source zip's entries in their order; data is None for parts not kept in memory
    (write them with `write_entries`)."""
    return document._entries
