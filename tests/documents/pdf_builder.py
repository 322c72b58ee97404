"""Hand-made PDFs for the classification tests: each one is broken in one known way."""

from __future__ import annotations

import zlib

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 700 Td (The quick brown fox jumps over the lazy dog 12345) Tj ET"


def stream(data: bytes, extra: bytes = b"", length: int | None = None) -> bytes:
    n = len(data) if length is None else length
    return b"<< /Length %d %s >>\nstream\n" % (n, extra) + data + b"\nendstream"


def assemble(objects: dict[int, bytes], root: int = 1, extra_trailer: bytes = b"") -> bytes:
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        extra_trailer,
        xref,
    )
    return out


def pages_pdf(
    contents: list[bytes], resources: bytes | None = None, extra: dict | None = None
) -> bytes:
    """One page per content-stream object body (already made with `stream`)."""
    resources = resources or b"<< /Font << /F1 3 0 R >> >>"
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: HELVETICA}
    kids = []
    for index, content in enumerate(contents):
        page, body = 10 + 2 * index, 11 + 2 * index
        kids.append(b"%d 0 R" % page)
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>"
            % (resources, body)
        )
        objects[body] = content
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    objects.update(extra or {})
    return assemble(objects)


def text_pdf() -> bytes:
    return pages_pdf([stream(TEXT)])


def unknown_filter_pdf() -> bytes:
    return pages_pdf([stream(b"garbage bytes", b"/Filter /NoSuchDecode")])


def truncated_flate_pdf() -> bytes:
    packed = zlib.compress(TEXT * 20)[:12]
    return pages_pdf([stream(packed, b"/Filter /FlateDecode")])


def corrupt_flate_pdf() -> bytes:
    return pages_pdf([stream(b"\x78\x9c" + bytes(range(200, 256)) * 3, b"/Filter /FlateDecode")])


def wrong_length_pdf() -> bytes:
    return pages_pdf([stream(TEXT, length=7)])


def empty_page_tree_pdf() -> bytes:
    return assemble(
        {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}
    )


def page_tree_loop_pdf() -> bytes:
    return assemble(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        }
    )


def blank_pdf() -> bytes:
    return pages_pdf([stream(b"")])


def scanned_pdf() -> bytes:
    image = stream(
        b"\x80" * 64,
        b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
    )
    draw = stream(b"q 612 0 0 792 0 0 cm /Im1 Do Q")
    return pages_pdf([draw], resources=b"<< /XObject << /Im1 20 0 R >> >>", extra={20: image})


def garbage_tounicode_pdf() -> bytes:
    """A font whose ToUnicode map sends every letter to the Private Use Area or to
    scripts no Japanese document uses: text extracts "fine" and means nothing."""
    lines = []
    for code in range(0x20, 0x7F):
        target = 0xE000 + code if code % 2 else 0x0E01 + (code % 40)  # PUA / Thai
        lines.append(b"<%02X> <%04X>" % (code, target))
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Garbage def 1 begincodespacerange <00> <FF> endcodespacerange\n"
        + b"%d beginbfchar\n" % len(lines)
        + b"\n".join(lines)
        + b"\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 30 0 R >>"
    return pages_pdf([stream(TEXT)], extra={3: font, 30: stream(cmap)})


def good_and_broken_pages_pdf() -> bytes:
    return pages_pdf([stream(TEXT), stream(b"junk", b"/Filter /NoSuchDecode")])


def text_without_font_pdf() -> bytes:
    """Text is drawn (Tj) with a font the page does not have: nothing comes out."""
    return pages_pdf([stream(TEXT)], resources=b"<< >>")


def contents_not_a_stream_pdf() -> bytes:
    return pages_pdf([b"(not a stream)"])
