"""New parts for an Office package being written: relationships and content types.

The comment writers (xlsx_comments.py, pptx_comments.py) add parts the source did
not have (a comments part, its VML drawing, a relationships part). Each new part
needs a relationship from the part that uses it and a content type, or Office
refuses the file; this keeps the three in step. Existing XML parts are edited
through the Package (and marked dirty); new ones are kept here until written.
"""

from __future__ import annotations

import posixpath
import zipfile

from lxml import etree

from .docx import REL_NS, REL_TYPE, Package

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_STAMP = (1980, 1, 1, 0, 0, 0)


def add_relationship(rels: etree._Element, kind: str, target: str) -> str:
    """Append a relationship of type `kind` (e.g. "comments") to a .rels tree under
    the first free rIdN; returns that id."""
    taken = {r.get("Id") for r in rels}
    k = len(taken) + 1
    while f"rId{k}" in taken:
        k += 1
    etree.SubElement(
        rels,
        f"{{{REL_NS}}}Relationship",
        {"Id": f"rId{k}", "Type": REL_TYPE + kind, "Target": target},
    )
    return f"rId{k}"


class NewParts:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.trees: dict[str, etree._Element] = {}  # new XML parts
        self.raw: dict[str, bytes] = {}  # new parts given as bytes (VML)
        self.replaced: dict[str, bytes] = {}  # existing non-XML parts rewritten whole

    def exists(self, name: str) -> bool:
        return name in self.pkg.data or name in self.trees or name in self.raw

    def free_name(self, pattern: str) -> str:
        """The first "…{n}…" name not in the package (n from 1)."""
        n = 1
        while self.exists(pattern.format(n)):
            n += 1
        return pattern.format(n)

    def xml(self, name: str) -> etree._Element:
        """An XML part to edit, new or existing (then marked dirty)."""
        if name in self.trees:
            return self.trees[name]
        self.pkg.dirty.add(name)
        return self.pkg.xml(name)

    def add_xml(self, name: str, root: etree._Element, content_type: str) -> None:
        self.trees[name] = root
        self.override(name, content_type)

    def add_raw(self, name: str, data: bytes) -> None:
        self.raw[name] = data

    def relate(self, source: str, kind: str, target: str) -> str:
        """Add a relationship of type `kind` (e.g. "comments") from `source` to `target`;
        returns its id."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name in self.pkg.data or rels_name in self.trees:
            rels = self.xml(rels_name)
        else:
            rels = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
            self.trees[rels_name] = rels
        return add_relationship(rels, kind, posixpath.relpath(target, folder or "."))

    def _types(self) -> etree._Element:
        return self.xml("[Content_Types].xml")

    def override(self, name: str, content_type: str) -> None:
        etree.SubElement(
            self._types(),
            f"{{{CT_NS}}}Override",
            {"PartName": "/" + name, "ContentType": content_type},
        )

    def default(self, extension: str, content_type: str) -> None:
        types = self._types()
        if any((e.get("Extension") or "").lower() == extension for e in types):
            return
        node = etree.Element(f"{{{CT_NS}}}Default", Extension=extension, ContentType=content_type)
        types.insert(0, node)  # Defaults come before Overrides

    def write_new(self, out: zipfile.ZipFile) -> None:
        for name, root in self.trees.items():
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(zipfile.ZipInfo(name, _STAMP), data, zipfile.ZIP_DEFLATED)
        for name, data in self.raw.items():
            out.writestr(zipfile.ZipInfo(name, _STAMP), data, zipfile.ZIP_DEFLATED)


def read_source_member(path, name: str, limit: int) -> bytes | None:
    """A member the reader did not keep (not XML), read again from the source; None if
    it is gone or bigger than `limit` (the caller then leaves it alone)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(name)
            if info.file_size > limit:
                return None
            return archive.read(name)
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError):
        return None
