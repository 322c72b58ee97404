"""Outputs never make Word reach out: external template/image/object links are dropped.

A .docx can name an attached template (settings.xml → attachedTemplate), linked
images (a:blip r:link, v:imagedata), OLE objects, frames and sub-documents by
URL or UNC path; Word fetches them when the file opens, which sends the user's
NTLM credentials or a beacon to whoever wrote the input. Outputs are written
from the input's parts, so the writers pass every part through `LinkScrubber`:
external relationships of those kinds are removed from the .rels parts, and the
attributes or elements that referred to them are removed from their source part.
Hyperlinks (clicked, not fetched) are kept.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from lxml import etree

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Relationship types Word fetches on open (the last path segment of the Type URI).
FETCHED_TYPES = frozenset(
    {"attachedTemplate", "image", "oleObject", "frame", "subDocument", "package", "audio", "video"}
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def source_of(rels_name: str) -> str:
    """word/_rels/settings.xml.rels -> word/settings.xml"""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def policy_allows_links() -> bool:
    """IT policy AllowExternalLinks (default: no). Read at each save: it is one small file."""
    from ..security.policy import load_policy

    return load_policy().allow_external_links


class LinkScrubber:
    def __init__(self, entries: Iterable[tuple[str, bytes]], allow: bool | None = None) -> None:
        allow = policy_allows_links() if allow is None else allow
        self.allow = allow
        self.rels: dict[str, bytes] = {}  # rels part -> scrubbed bytes
        self.removed: dict[str, set[str]] = {}  # source part -> removed relationship ids
        if allow:
            return
        for name, data in entries:
            if name.endswith(".rels"):
                self._scan(name, data)

    @property
    def dropped(self) -> int:
        return sum(len(ids) for ids in self.removed.values())

    def _scan(self, name: str, data: bytes) -> None:
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError:
            return
        ids = set()
        for rel in list(root):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            if rel.get("TargetMode") == "External" and kind in FETCHED_TYPES:
                ids.add(rel.get("Id"))
                root.remove(rel)
        if ids:
            self.removed[source_of(name)] = ids
            self.rels[name] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )

    def part(self, name: str, data: bytes) -> bytes:
        """The part as it may be written."""
        if name in self.rels:
            return self.rels[name]
        ids = self.removed.get(name)
        if not ids:
            return data
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError:
            return data
        for element in list(root.iter()):
            if not isinstance(element.tag, str):
                continue
            refs = [
                a for a, v in element.attrib.items() if a.startswith(f"{{{R_NS}}}") and v in ids
            ]
            if not refs:
                continue
            if element.tag == f"{{{W_NS}}}attachedTemplate":
                element.getparent().remove(element)
                continue
            for attribute in refs:
                del element.attrib[attribute]
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
