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
from urllib.parse import unquote

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
                if part.endswith(".rels"):
                    _check_relationships(part, root, set(names), name)
            if not _main_document(archive, set(names)):
                raise InvalidOutputError(path=name, what="_rels/.rels: officeDocument")
    except (zipfile.BadZipFile, OSError) as err:
        raise InvalidOutputError(path=name, what=str(err)) from None


def _source_folder(rels_part: str) -> str:
    # "word/_rels/document.xml.rels" describes "word/document.xml": targets are relative to "word"
    return posixpath.dirname(posixpath.dirname(rels_part))


def resolve(rels_part: str, target: str) -> str:
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(_source_folder(rels_part), target))


def _check_relationships(part: str, root, names: set[str], shown: str) -> None:
    """Every relationship complete, and every internal target a part of the package
    (Word and python-docx refuse a package whose relationships point nowhere)."""
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
        if resolve(part, rel.get("Target")) not in names:
            raise InvalidOutputError(path=shown, what=f"{part}: {rel.get('Target')[:80]}")


def _main_document(archive: zipfile.ZipFile, names: set[str]) -> bool:
    root = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
    for rel in root:
        if isinstance(rel.tag, str) and rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("TargetMode") != "External" and (
                resolve("_rels/.rels", rel.get("Target", "")) in names
            )
    return False
