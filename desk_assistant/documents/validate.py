"""Check a .docx we wrote before it replaces anything on disk.

Parts we did not edit are copied byte for byte, so a damaged part of the source
(or one carrying a DTD) would make a copy Word refuses to open. The writers call
`check_docx` on the temp file; on failure the temp file is removed and the user
gets an error instead of an invalid file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..errors import InvalidOutputError

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def check_docx(path: Path, shown_as: Path | None = None) -> None:
    """Raise InvalidOutputError unless every XML part of the package is well-formed
    and free of DTDs, and the zip's checksums hold."""
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
    except (zipfile.BadZipFile, OSError) as err:
        raise InvalidOutputError(path=name, what=str(err)) from None
