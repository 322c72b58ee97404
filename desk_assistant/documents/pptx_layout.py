"""After a PowerPoint translation: let longer text shrink to fit its shape.

English takes more room than the Japanese it replaces. A shape whose text was
replaced gets "shrink text on overflow" (<a:normAutofit>) unless it already
resizes itself to its text (<a:spAutoFit>; a one-line label that would now run
over its neighbours is made to wrap inside its box instead), and when the text
is estimated not to fit the shape, the font scale PowerPoint would have chosen
(fontScale, with less line spacing) so the deck opens already fitted — PowerPoint
only recomputes the scale when the text is edited; LibreOffice fits it on its own.
The estimate counts full-width characters as one em and others as 0.55 em.
Table cells grow with their text.

Vertical text: East Asian vertical (eaVert, mongolianVert) and stacked WordArt
(wordArtVert…) stand letters upright one under the other; English set that way
cannot be read (and how viewers draw Latin letters in eaVert differs). A body
whose new text is mostly horizontal script is turned to vert (the lines turned
90°, reading top to bottom) and fitted along its height; vert and vert270 stay.
"""

from __future__ import annotations

import math
import unicodedata

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
EMU_PER_POINT = 12700
_AUTOFITS = ("noAutofit", "normAutofit", "spAutoFit")
_UPRIGHT = ("eaVert", "mongolianVert", "wordArtVert", "wordArtVertRtl")
_TURNED = ("vert", "vert270")


def a(tag: str) -> str:
    return f"{{{A}}}{tag}"


def _int(node, attr: str, default: int) -> int:
    try:
        return int(node.get(attr)) if node is not None and node.get(attr) else default
    except ValueError:
        return default


def _em_width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55 for ch in text)


def _paragraphs(body, before: dict | None = None) -> list[tuple[str, float]]:
    """(text, font size in points) for each paragraph of a text body; `before` maps a
    replaced paragraph (by id) to its source text."""
    found = []
    for p in body.iter(a("p")):
        size = None
        for rpr in p.iter(a("rPr"), a("endParaRPr"), a("defRPr")):
            if rpr.get("sz"):
                size = _int(rpr, "sz", 1800) / 100
                break
        text = "".join(t.text or "" for t in p.iter(a("t")))
        if before is not None:
            text = before.get(id(p), text)
        found.append((text, size or 18.0))
    return found


def text_height(paragraphs: list[tuple[str, float]], width: float, scale: float) -> float:
    height = 0.0
    for text, size in paragraphs:
        size *= scale
        lines = max(1, math.ceil(_em_width(text) * size / max(width, 1.0)))
        height += lines * size * 1.2
    return height


def fitting_scale(paragraphs, width: float, height: float) -> float:
    """The largest font scale (1.0 down to 0.25 in steps of 2.5%) at which the text fits
    in `height` (points)."""
    scale = 1.0
    while scale > 0.25 and text_height(paragraphs, width, scale) > height:
        scale -= 0.025
    return max(scale, 0.25)


def _wider_than(body, body_pr, ext) -> bool:
    width = _int(ext, "cx", 0) - _int(body_pr, "lIns", 91440) - _int(body_pr, "rIns", 91440)
    widest = max((_em_width(t) * size for t, size in _paragraphs(body)), default=0.0)
    return widest > width / EMU_PER_POINT * 1.05


def turn_vertical(body) -> bool:
    """Upright vertical text whose text now reads across (English): turned to vert.
    Returns whether it was turned."""
    from .xlsx_vertical import reads_across

    body_pr = body.find(a("bodyPr"))
    if body_pr is None or body_pr.get("vert") not in _UPRIGHT:
        return False
    if not reads_across("".join(t.text or "" for t in body.iter(a("t")))):
        return False
    body_pr.set("vert", "vert")
    return True


def shrink_to_fit(body, before: dict) -> str | None:
    """Set the autofit of one shape's text body; returns "shrunk", "autofit" or None.
    `before`: the source text of its replaced paragraphs (id of a:p → text): the text
    may take the room the source text took, even where the estimate says it overflowed."""
    body_pr = body.find(a("bodyPr"))
    shape = body.getparent()
    if body_pr is None or shape is None or shape.tag != f"{{{P}}}sp":
        return None  # table cells and the like grow with their text
    vertical = body_pr.get("vert", "horz")
    if vertical not in ("horz", "", *_TURNED):
        return None  # upright letters (Japanese kept vertical): their own measure
    ext = shape.find(f"{{{P}}}spPr/{{{A}}}xfrm/{{{A}}}ext")
    if body_pr.get("wrap") == "none":
        # A one-line label sized to its Japanese text: English would run over its
        # neighbours. Wrap it inside the box it has, shrinking the text to fit.
        if ext is None or not _wider_than(body, body_pr, ext):
            return None
        body_pr.set("wrap", "square")
    elif body_pr.find(a("spAutoFit")) is not None:
        return None  # the box grows with its text
    for tag in _AUTOFITS:
        for old in body_pr.findall(a(tag)):
            body_pr.remove(old)
    fit = etree.Element(a("normAutofit"))
    warp = body_pr.find(a("prstTxWarp"))
    body_pr.insert(0 if warp is None else body_pr.index(warp) + 1, fit)
    if ext is None:
        return "autofit"  # the size comes from the layout: the viewer fits it
    width = _int(ext, "cx", 0) - _int(body_pr, "lIns", 91440) - _int(body_pr, "rIns", 91440)
    height = _int(ext, "cy", 0) - _int(body_pr, "tIns", 45720) - _int(body_pr, "bIns", 45720)
    width, height = width / EMU_PER_POINT, height / EMU_PER_POINT
    if vertical in _TURNED:  # lines run down the shape and stack across it
        width, height = height, width
    room = max(height, text_height(_paragraphs(body, before), width, 1.0))
    scale = fitting_scale(_paragraphs(body), width, room)
    if scale >= 1.0:
        return "autofit"
    fit.set("fontScale", str(int(round(scale * 100000))))
    fit.set("lnSpcReduction", "10000" if scale > 0.7 else "20000")
    return "shrunk"


def vertical_notes(turned: list[str]) -> list[str]:
    """What the writer did with vertical text, for the user (JA/EN)."""
    if not turned:
        return []
    from ..i18n import tr

    where = "、".join(turned)
    return [
        tr(
            f"縦書きの文字枠は訳文が読めるよう横書きを90度回した向き（上から下）にしました: {where}",
            f"vertical text boxes now show the translation turned 90° (reading top to bottom): {where}",
        )
    ]
