"""Reading back what the Word writers put in a .docx (test helpers, lxml only)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_TEXT = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n"}


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def comments(path: Path) -> dict[str, str]:
    """comment id -> its text (paragraphs joined with newlines)."""
    root = etree.fromstring(parts(path)["word/comments.xml"])
    return {
        c.get(w("id")): "\n".join("".join(p.itertext()) for p in c.iter(w("p")))
        for c in root.iter(w("comment"))
    }


def comment_ranges(path: Path) -> dict[str, str]:
    """comment id -> the document text inside its commentRangeStart/End, any story part."""
    found: dict[str, str] = {}
    for name, data in parts(path).items():
        if not (name.startswith("word/") and name.endswith(".xml")) or b"commentRange" not in data:
            continue
        open_ids: dict[str, list[str]] = {}
        for el in etree.fromstring(data).iter():
            if el.tag == w("commentRangeStart"):
                open_ids[el.get(w("id"))] = []
            elif el.tag == w("commentRangeEnd"):
                found[el.get(w("id"))] = "".join(open_ids.pop(el.get(w("id"))))
            else:
                text = _TEXT.get(el.tag, el.text if el.tag in (w("t"), w("delText")) else "")
                for chunks in open_ids.values():
                    chunks.append(text or "")
    return found


def settle(source: Path, target: Path, accept: bool) -> None:
    """Accept or reject every tracked change, and drop the comment marks: what Word
    does with "Accept All" / "Reject All" (comments do not change the text)."""
    out = {}
    for name, data in parts(source).items():
        if name.startswith("word/") and name.endswith(".xml") and b"<w:" in data:
            root = etree.fromstring(data)
            drop, keep = ("del", "ins") if accept else ("ins", "del")
            for el in [e for e in root.iter(w(drop)) if e.getparent().tag != w("rPr")]:
                el.getparent().remove(el)
            for el in [e for e in root.iter(w(keep)) if e.getparent().tag != w("rPr")]:
                _unwrap(el)
            for el in root.iter(w("delText")):
                el.tag = w("t")
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out[name] = data
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in out.items():
            z.writestr(name, data)


def _unwrap(el) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(index, child)
    parent.remove(el)
