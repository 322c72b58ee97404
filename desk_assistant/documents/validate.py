"""Check a .docx we wrote before it replaces anything on disk.

Parts we did not edit are copied byte for byte, so a damaged part of the source
(or one carrying a DTD) would make a copy Word refuses to open. The writers call
`check_docx` on the temp file; on failure the temp file is removed and the user
gets an error instead of an invalid file.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import InvalidOutputError

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def check_docx(path: Path, shown_as: Path | None = None) -> None:
    """Raise InvalidOutputError unless the zip's checksums hold, every XML part is
    well-formed and free of DTDs, every internal relationship points at a part, and
    the package names its main document."""
    name = str(shown_as or path)
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            if bad is not None:
                raise InvalidOutputError(path=name, what=f"{bad}: CRC")
            names = archive.namelist()
            for required in ("[Content_Types].xml", "_rels/.rels"):
                if required not in names:
                    raise InvalidOutputError(path=name, what=f"{required} missing")
            for part in names:
                if not part.endswith((".xml", ".rels")):
                    continue
                try:
                    root = etree.fromstring(archive.read(part), _PARSER)
                except (etree.XMLSyntaxError, ValueError) as err:
                    raise InvalidOutputError(path=name, what=f"{part}: {err}") from None
                if root is None or root.getroottree().docinfo.doctype:
                    raise InvalidOutputError(path=name, what=f"{part}: DTD")
            # Relationships last: every part is known to parse by then.
            types = _ContentTypes(archive)
            for part in names:
                if part.endswith(".rels"):
                    root = etree.fromstring(archive.read(part), _PARSER)
                    _check_relationships(part, root, set(names), types, name)
            if not _main_document(archive, set(names), types):
                raise InvalidOutputError(path=name, what="_rels/.rels: officeDocument")
    except (zipfile.BadZipFile, OSError) as err:
        raise InvalidOutputError(path=name, what=str(err)) from None


def _source_folder(rels_part: str) -> str:
    # "word/_rels/document.xml.rels" describes "word/document.xml": targets are relative to "word"
    return posixpath.dirname(posixpath.dirname(rels_part))


def resolve(rels_part: str, target: str) -> str:
    """The part a relationship names, taken literally (no fragment or %-decoding:
    readers such as python-docx do not do that either)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(_source_folder(rels_part), target))


class _ContentTypes:
    """Which parts have a content type: an Override for the part or a Default for its extension."""

    def __init__(self, archive: zipfile.ZipFile):
        root = etree.fromstring(archive.read("[Content_Types].xml"), _PARSER)
        self.overrides = {
            (e.get("PartName") or "").lstrip("/").lower() for e in root if isinstance(e.tag, str)
        }
        self.defaults = {(e.get("Extension") or "").lower() for e in root if isinstance(e.tag, str)}

    def has(self, part: str) -> bool:
        extension = posixpath.splitext(posixpath.basename(part))[1][1:].lower()
        return part.lower() in self.overrides or (bool(extension) and extension in self.defaults)


def _target_ok(rels_part: str, target: str, names: set[str], types: _ContentTypes) -> bool:
    part = resolve(rels_part, target)
    return part in names and not part.endswith(".rels") and types.has(part)


def _check_relationships(part, root, names: set[str], types: _ContentTypes, shown: str) -> None:
    """Every relationship complete, and every internal target a part of the package with
    a content type (Word and python-docx refuse a package whose relationships point nowhere)."""
    if root.tag != f"{{{REL_NS}}}Relationships":
        raise InvalidOutputError(path=shown, what=f"{part}: {root.tag}")
    for rel in root:
        if not isinstance(rel.tag, str):
            continue
        if rel.tag != f"{{{REL_NS}}}Relationship" or not all(
            rel.get(key) for key in ("Id", "Type", "Target")
        ):
            raise InvalidOutputError(path=shown, what=f"{part}: relationship")
        if rel.get("TargetMode") == "External":
            continue
        if rel.get("Target").startswith("#"):  # a place in the file (Excel: "#Sheet!A1")
            continue
        if not _target_ok(part, rel.get("Target"), names, types):
            raise InvalidOutputError(path=shown, what=f"{part}: {rel.get('Target')[:80]}")


def _main_document(archive: zipfile.ZipFile, names: set[str], types: _ContentTypes) -> bool:
    root = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
    for rel in root:
        if isinstance(rel.tag, str) and rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("TargetMode") != "External" and _target_ok(
                "_rels/.rels", rel.get("Target", ""), names, types
            )
    return False
