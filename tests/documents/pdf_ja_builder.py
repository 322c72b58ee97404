"""Hand-made PDFs with Japanese text at chosen positions (for layout tests).

Helvetica with a ToUnicode map: each one-byte code draws a Latin glyph and reads
back as the Japanese character it maps to, so pypdf and pdfminer both see
Japanese text at exactly the positions we put it.
"""

from __future__ import annotations

from pdf_builder import assemble, stream


class JaPdf:
    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.pages: list[list[bytes]] = []
        self.annots: dict[int, list[bytes]] = {}  # page index -> annotation dictionaries

    def page(self) -> JaPdf:
        self.pages.append([])
        return self

    def free_text(self, text: str, rect=(380, 800, 560, 820)) -> JaPdf:
        """A FreeText annotation showing `text` (what a PDF editor adds when someone
        stamps a date onto a list): outside the content stream."""
        contents = b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"
        self.annots.setdefault(len(self.pages) - 1, []).append(
            b"<< /Type /Annot /Subtype /FreeText /Rect [%d %d %d %d] /Contents %s /DA (/F1 10 Tf) >>"
            % (*rect, contents)
        )
        return self

    def _code(self, char: str) -> int:
        if char not in self.codes:
            code = 0x21 + len(self.codes)
            if code > 0xFE:
                raise ValueError("too many distinct characters for one test font")
            self.codes[char] = code
        return self.codes[char]

    def text(self, x: float, y: float, text: str, size: float = 10.5) -> JaPdf:
        codes = bytes(self._code(ch) for ch in text)
        self.pages[-1].append(
            b"BT /F1 %.1f Tf %.1f %.1f Td <%s> Tj ET" % (size, x, y, codes.hex().encode())
        )
        return self

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> JaPdf:
        """A visible (black, stroked) line."""
        self.pages[-1].append(b"0 G 0.8 w %.1f %.1f m %.1f %.1f l S" % (x0, y0, x1, y1))
        return self

    def build(self) -> bytes:
        pairs = [b"<%02X> <%04X>" % (code, ord(ch)) for ch, code in self.codes.items()]
        cmap = (
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /TestJa def 1 begincodespacerange <00> <FF> endcodespacerange\n"
            + b"%d beginbfchar\n" % len(pairs)
            + b"\n".join(pairs)
            + b"\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
        )
        # Every glyph 1000 units wide, like a Japanese font: positions are predictable.
        widths = b"[" + b" ".join([b"1000"] * 224) + b"]"
        font = (
            b"<< /Type /Font /Subtype /TrueType /BaseFont /TestMincho /FirstChar 32 /LastChar 255"
            b" /Widths " + widths + b" /ToUnicode 3 0 R >>"
        )
        objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: stream(cmap), 4: font}
        kids = []
        annot_number = 500
        for index, ops in enumerate(self.pages):
            page, body = 10 + 2 * index, 11 + 2 * index
            kids.append(b"%d 0 R" % page)
            refs = []
            for annot in self.annots.get(index, []):
                objects[annot_number] = annot
                refs.append(b"%d 0 R" % annot_number)
                annot_number += 1
            annots = b" /Annots [%s]" % b" ".join(refs) if refs else b""
            objects[page] = (
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                b" /Resources << /Font << /F1 4 0 R >> >> /Contents %d 0 R%s >>" % (body, annots)
            )
            objects[body] = stream(b"\n".join(ops))
        objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
        return assemble(objects)
