"""Hostile and broken documents, generated from the shared corpus with a fixed seed.

Each `Case` makes its bytes on demand (nothing binary is committed): byte flips
and truncations of real files, zip damage and bombs, XML damage and entity
attacks, broken relationships, odd w:sym codes, huge paragraphs, PDF xref /
stream / page tree / filter / encryption / ToUnicode damage, huge content
streams, long names and tokens, wrong file types and odd file names.

`all_cases(corpus)` gives the full list (≥ 800); `sample(cases, per_family)`
the CI subset. Both are deterministic for a seed.
"""

from __future__ import annotations

import io
import random
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SEED = 22

DOCX_SOURCES = (
    "docx13_moj_form_hoyu_kojinjoho_teisei_seikyusho.docx",
    "docx12_moj_form_hoyu_kojinjoho_kaiji_seikyusho.docx",
    "docx07_gif_499_faq_short.docx",
    "docx08_cio_dp2020_01_ai_data_use.docx",
    "docx05_gif_464-1_api_guidebook.docx",
)
PDF_SOURCES = (
    "pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf",
    "pdf08_moj_yoko_an_hoseishingikai_200.pdf",
    "pdf10_moj_hoseishingikai_rei_seirei.pdf",
    "pdf04_BAD_kokuji_gairaigo_no_hyoki_1991.pdf",
    "pdf12_moj_bukai_iin_meibo_1page.pdf",
    "pdf02_kunrei_koyobun_kanji_shiyo_2010.pdf",
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
LIMIT = 500 * 1024 * 1024  # documents.DEFAULT_MAX_UNCOMPRESSED


@dataclass
class Case:
    id: str
    family: str
    name: bytes  # the file name as bytes: may be anything a file system allows
    make: Callable[[], bytes]
    heavy: bool = False  # slow to make or to run: kept out of the CI sample

    @property
    def suffix(self) -> str:
        return Path(self.name.decode("utf-8", "replace")).suffix.lower()


class _Builder:
    def __init__(self, corpus: Path, seed: int):
        self.corpus = corpus
        self.rng = random.Random(seed)
        self.cases: list[Case] = []
        self._cache: dict[str, bytes] = {}

    def read(self, name: str) -> bytes:
        if name not in self._cache:
            self._cache[name] = (self.corpus / name).read_bytes()
        return self._cache[name]

    def add(self, family: str, suffix: str, make, *, name: bytes | None = None, heavy=False):
        number = sum(c.family == family for c in self.cases) + 1
        case_id = f"{family}-{number:03d}"
        self.cases.append(Case(case_id, family, name or f"{case_id}{suffix}".encode(), make, heavy))


# --- zip helpers ---------------------------------------------------------------


def read_zip(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def write_zip(entries, method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def replace_parts(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The package with some parts replaced (None removes, a new name adds)."""
    entries = read_zip(data)
    out = [(n, changes.get(n, d)) for n, d in entries if changes.get(n, d) is not None]
    names = {n for n, _ in entries}
    out += [(n, d) for n, d in changes.items() if n not in names and d is not None]
    return write_zip(out)


def patch_member(data: bytes, member: str, **fields: int) -> bytes:
    """Patch header fields (method, flags, crc, usize) of one member, local and central."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
        start_dir = archive.start_dir
    local = {"flags": 6, "method": 8, "crc": 14, "usize": 22}
    central = {"flags": 8, "method": 10, "crc": 16, "usize": 24}
    sizes = {"flags": "<H", "method": "<H", "crc": "<I", "usize": "<I"}
    for key, value in fields.items():
        struct.pack_into(sizes[key], buf, info.header_offset + local[key], value)
    pos = start_dir
    while buf[pos : pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack_from("<HHH", buf, pos + 28)
        if bytes(buf[pos + 46 : pos + 46 + n]).decode("utf-8", "replace") == member:
            for key, value in fields.items():
                struct.pack_into(sizes[key], buf, pos + central[key], value)
        pos += 46 + n + m + k
    return bytes(buf)


def minimal_docx(document_xml: bytes, extra: dict[str, bytes] | None = None, rels=None) -> bytes:
    content_types = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        b"</Types>"
    )
    root_rels = (
        rels
        or (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="word/document.xml"/></Relationships>'
        ).encode()
    )
    entries = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels),
        ("word/document.xml", document_xml),
    ]
    entries += list((extra or {}).items())
    return write_zip(entries)


def body(paragraphs: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + prolog
        + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{paragraphs}</w:body></w:document>'
    ).encode("utf-8")


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


# --- PDF helpers ---------------------------------------------------------------


def build_pdf(objects: dict[int, bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        trailer,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (Fuzzing is how we learn what breaks.) Tj ET"


def text_pdf(content: bytes = TEXT_OPS, *, font: bytes | None = None, extra=None, **kw) -> bytes:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: stream(content),
        5: font or b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    objects.update(extra or {})
    return build_pdf(objects, **kw)


def cmap(body_text: bytes) -> bytes:
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Fuzz def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + body_text
        + b"\nendcmap CMapName currentdict /CMap defineresource pop end end"
    )


def type0_pdf(tounicode: bytes, content: bytes = b"BT /F1 12 Tf 72 720 Td <00010002> Tj ET"):
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /Fuzz /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
    extra = {
        6: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Fuzz "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        7: stream(tounicode),
    }
    return text_pdf(content, font=font, extra=extra)


def flate_stream(data: bytes, extra: bytes = b"") -> bytes:
    return stream(zlib.compress(data, 9), b"/Filter /FlateDecode " + extra)


# --- families ------------------------------------------------------------------


def _flip(rng: random.Random, data: bytes, count: int) -> bytes:
    buf = bytearray(data)
    for _ in range(count):
        pos = rng.randrange(len(buf))
        buf[pos] = rng.randrange(256)
    return bytes(buf)


def _mutations(b: _Builder, sources, suffix: str, flips: int, truncs: int, prefix: str) -> None:
    rng = b.rng
    for i in range(flips):
        source = sources[i % len(sources)]
        count = rng.choice((1, 2, 5, 20, 100))
        seed = rng.randrange(1 << 30)
        b.add(
            f"{prefix}_flip",
            suffix,
            lambda s=source, c=count, seed=seed: _flip(random.Random(seed), b.read(s), c),
        )
    for i in range(truncs):
        source = sources[i % len(sources)]
        frac = rng.random()
        b.add(
            f"{prefix}_trunc",
            suffix,
            lambda s=source, f=frac: b.read(s)[: max(1, int(len(b.read(s)) * f))],
        )


def _flip_member(b: _Builder, count: int) -> None:
    """Byte flips inside the decompressed document.xml (XML-level damage)."""
    rng = b.rng
    for i in range(count):
        source = DOCX_SOURCES[i % 3]
        seed = rng.randrange(1 << 30)

        def make(s=source, seed=seed):
            r = random.Random(seed)
            parts = dict(read_zip(b.read(s)))
            name = r.choice(
                [n for n in parts if n.endswith((".xml", ".rels"))] + ["word/document.xml"] * 3
            )
            return replace_parts(b.read(s), {name: _flip(r, parts[name], r.choice((1, 3, 10)))})

        b.add("docx_xmlflip", ".docx", make)


def _zip_damage(b: _Builder) -> None:
    small = DOCX_SOURCES[0]

    def doc_xml(s=small):
        return dict(read_zip(b.read(s)))["word/document.xml"]

    def bad_crc():
        return patch_member(b.read(small), "word/document.xml", crc=0x12345678)

    b.add("zip", ".docx", bad_crc)
    for method in (14, 12, 99, 98, 6, 1, 9, 93, 95, 19):
        b.add(
            "zip",
            ".docx",
            lambda m=method: patch_member(b.read(small), "word/document.xml", method=m),
        )
    for member in ("[Content_Types].xml", "_rels/.rels", "word/styles.xml"):
        b.add("zip", ".docx", lambda mb=member: patch_member(b.read(small), mb, method=14))
    b.add("zip", ".docx", lambda: patch_member(b.read(small), "word/document.xml", flags=0x1))
    b.add("zip", ".docx", lambda: patch_member(b.read(small), "word/document.xml", flags=0x41))
    b.add("zip", ".docx", lambda: patch_member(b.read(small), "word/document.xml", usize=10))
    b.add(
        "zip", ".docx", lambda: patch_member(b.read(small), "word/document.xml", usize=0xFFFFFFF0)
    )

    def lzma_member():
        entries = read_zip(b.read(small))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                method = zipfile.ZIP_LZMA if name == "word/document.xml" else zipfile.ZIP_DEFLATED
                archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
        return buffer.getvalue()

    b.add("zip", ".docx", lzma_member)

    def bzip_member():
        entries = read_zip(b.read(small))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
            for name, data in entries:
                archive.writestr(name, data)
        return buffer.getvalue()

    b.add("zip", ".docx", bzip_member)

    def many_entries(n, size=1):
        def make():
            entries = read_zip(b.read(small))
            entries += [(f"word/media/tiny{i}.bin", b"x" * size) for i in range(n)]
            return write_zip(entries, zipfile.ZIP_STORED)

        return make

    for n in (9_990, 10_001, 20_000):
        b.add("zip", ".docx", many_entries(n), heavy=n > 10_001)

    def duplicate_names():
        entries = read_zip(b.read(small))
        entries.append(("word/document.xml", body(para("二つ目の本文"))))
        buffer = io.BytesIO()
        with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
            warnings.simplefilter("ignore")  # the duplicate is the point
            for name, data in entries:
                archive.writestr(name, data)
        return buffer.getvalue()

    b.add("zip", ".docx", duplicate_names)
    b.add("zip", ".docx", lambda: b.read(small).replace(b"PK\x05\x06", b"PK\x05\x07"))
    b.add("zip", ".docx", lambda: b.read(small) + b"\0" * 100_000)
    b.add("zip", ".docx", lambda: b"garbage" * 100 + b.read(small))
    b.add("zip", ".docx", lambda: b.read(small)[:-22])
    b.add("zip", ".docx", lambda: write_zip([("word/document.xml", doc_xml())]))
    b.add("zip", ".docx", lambda: write_zip([("[Content_Types].xml", b"<Types/>")]))
    b.add("zip", ".docx", lambda: write_zip([]))
    b.add("zip", ".docx", lambda: replace_parts(b.read(small), {"word/document.xml": None}))
    b.add("zip", ".docx", lambda: replace_parts(b.read(small), {"../../evil.xml": b"<x/>"}))
    b.add("zip", ".docx", lambda: replace_parts(b.read(small), {"/abs/evil.xml": b"<x/>"}))
    b.add("zip", ".docx", lambda: replace_parts(b.read(small), {"word/document.xml": b""}))
    # Bombs that stay just under the declared-size limit.
    b.add("zip_bomb", ".docx", lambda: _bomb_docx(LIMIT - 20 * 1024 * 1024, "text"), heavy=True)
    b.add("zip_bomb", ".docx", lambda: _bomb_docx(LIMIT - 20 * 1024 * 1024, "runs"), heavy=True)
    b.add("zip_bomb", ".docx", lambda: _bomb_docx(LIMIT - 20 * 1024 * 1024, "media"), heavy=True)
    b.add("zip_bomb", ".docx", lambda: _bomb_docx(LIMIT + 10 * 1024 * 1024, "text"), heavy=True)
    b.add("zip_bomb", ".docx", lambda: _bomb_docx(200 * 1024 * 1024, "paragraphs"), heavy=True)
    b.add("zip_bomb", ".docx", lambda: _bomb_docx(LIMIT - 20 * 1024 * 1024, "lying"), heavy=True)
    b.add("zip_bomb", ".docx", lambda: _bomb_docx(60 * 1024 * 1024, "text"))


def _bomb_docx(size: int, kind: str) -> bytes:
    """A docx whose document.xml (or a media part) expands to about `size` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        skeleton = minimal_docx(body(para("x")))
        for name, data in read_zip(skeleton):
            if name == "word/document.xml" and kind != "media":
                continue
            archive.writestr(name, data)
        if kind == "media":
            target, head, unit, tail = "word/media/image1.png", b"", b"\0" * 65536, b""
        else:
            target = "word/document.xml"
            head = body("").split(b"<w:body>")[0] + b"<w:body>"
            tail = b"</w:body></w:document>"
            unit = {
                "text": None,
                "lying": None,
                "runs": (para("あ") * 1000).encode()[: 65536 // 41 * 41],
                "paragraphs": b"<w:p/>" * 10000,
            }[kind]
            if kind in ("text", "lying"):
                head += b"<w:p><w:r><w:t>"
                tail = b"</w:t></w:r></w:p>" + tail
                unit = "文書".encode() * 10920
        info = zipfile.ZipInfo(target)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as handle:
            handle.write(head)
            written = len(head)
            while written + len(unit) + len(tail) < size:
                handle.write(unit)
                written += len(unit)
            handle.write(tail)
    data = buffer.getvalue()
    if kind == "lying":
        return patch_member(data, "word/document.xml", usize=1000)
    return data


XXE_PROLOGS = {
    "file": '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    "param": '<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
    "http": '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>',
    "laughs": "<!DOCTYPE w:document ["
    + '<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>",
    "internal": '<!DOCTYPE w:document [<!ENTITY xxe "内部実体">]>',
    "external_dtd": '<!DOCTYPE w:document SYSTEM "file:///etc/passwd">',
}


def _xml_attacks(b: _Builder) -> None:
    small = DOCX_SOURCES[0]
    for kind, prolog in XXE_PROLOGS.items():
        ref = {"file": "&xxe;", "http": "&xxe;", "laughs": "&j;", "internal": "&xxe;"}.get(kind, "")
        doc = body(para("本文です。") + para(f"参照{ref}です。"), prolog)
        b.add("xxe_document", ".docx", lambda d=doc: minimal_docx(d))

        def in_real(prolog=prolog, ref=ref, s=small):
            original = dict(read_zip(b.read(s)))["word/document.xml"].decode("utf-8")
            start = original.index("?>") + 2 if original.startswith("<?xml") else 0
            text = original[:start] + prolog + original[start:]
            text = text.replace("<w:t>", f"<w:t>{ref}", 1) if ref else text
            return replace_parts(b.read(s), {"word/document.xml": text.encode("utf-8")})

        b.add("xxe_document", ".docx", in_real)
        rels_prolog = prolog.replace("w:document", "Relationships")
        rels = (
            f'<?xml version="1.0" encoding="UTF-8"?>{rels_prolog}<Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="word/document.xml"/>'
            f'<Relationship Id="rId9" Type="x" Target="{ref or "y"}"/></Relationships>'
        ).encode()
        b.add("xxe_rels", ".docx", lambda r=rels: replace_parts(b.read(small), {"_rels/.rels": r}))

        def doc_rels(prolog=prolog, ref=ref, s=small):
            parts = dict(read_zip(b.read(s)))
            text = parts["word/_rels/document.xml.rels"].decode("utf-8")
            start = text.index("?>") + 2 if text.startswith("<?xml") else 0
            text = text[:start] + prolog.replace("w:document", "Relationships") + text[start:]
            if ref:
                text = text.replace('Target="', f'Target="{ref}', 1)
            return replace_parts(b.read(s), {"word/_rels/document.xml.rels": text.encode()})

        b.add("xxe_rels", ".docx", doc_rels)
    # XML damage in a minimal document.
    damaged = [
        b"<w:document",
        b"not xml at all",
        body("<w:p><w:r><w:t>unclosed</w:r></w:p>"),
        body(para("a")).replace(b"<w:body>", b"<w:bod>"),
        b'<?xml version="1.0"?><w:document xmlns:w="urn:wrong"><w:body>'
        + para("x").encode()
        + b"</w:body></w:document>",
        b'<?xml version="1.0"?><html><body>x</body></html>',
        body(para("a\x01b")),
        body(para("&#xD800;")),
        body(para("&#x1;")),
        body(para("&undefined;")),
        body(para("<![CDATA[ <w:p> ]]>")),
        body(para("a")).replace(b"UTF-8", b"Shift_JIS"),
        body(para("あ")).replace(b"UTF-8", b"UTF-16"),
        "<?xml version='1.0' encoding='UTF-16'?>".encode("utf-16")
        + body(para("b"))[38:].decode().encode("utf-16"),
        body("<w:p>" * 300 + "</w:p>" * 300),
        body("<w:tbl><w:tr><w:tc>" * 80 + para("深い") + "</w:tc></w:tr></w:tbl>" * 80),
        body("<w:sdt><w:sdtContent>" * 120 + para("深い") + "</w:sdtContent></w:sdt>" * 120),
        body("<w:customXml>" * 250 + para("x") + "</w:customXml>" * 250),
        body(
            "<w:p><w:hyperlink>"
            + "<w:ins>" * 200
            + "<w:r><w:t>x</w:t></w:r>"
            + "</w:ins>" * 200
            + "</w:hyperlink></w:p>"
        ),
        body(para("a") * 3, '<?xml-stylesheet href="file:///etc/passwd"?>'),
        body(para("x") + "<!-- " + "-" * 10 + " -->"),
        body('<w:p><w:r><w:t xml:space="preserve">' + " " * 100000 + "</w:t></w:r></w:p>"),
        body("<w:p>" + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' * 5000 + "</w:p>"),
        body("<w:p>" + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' * 50 + para("x")[5:]),
        body("<w:p><w:r><w:instrText>TOC</w:instrText></w:r><w:r><w:t>x</w:t></w:r></w:p>"),
        body(
            "".join(f'<w:p><w:r><w:footnoteReference w:id="{i}"/></w:r></w:p>' for i in range(50))
        ),
        body(
            para("x") + '<w:sectPr><w:headerReference r:id="rId999" w:type="default"/></w:sectPr>'
        ),
        body(para("x") + '<w:sectPr><w:headerReference w:type="default"/></w:sectPr>'),
        body("<w:p><w:txbxContent>" * 60 + para("x") + "</w:txbxContent></w:p>" * 60),
    ]
    for doc in damaged:
        b.add("xml_damage", ".docx", lambda d=doc: minimal_docx(d))


def _relationships(b: _Builder) -> None:
    small = DOCX_SOURCES[0]

    def root_rels(target: str, mode: str = "", rel_type: str = OFFICE_DOC) -> bytes:
        attr = f' TargetMode="{mode}"' if mode else ""
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{rel_type}" Target="{target}"{attr}/></Relationships>'
        ).encode()

    targets = [
        ("../../../../etc/passwd", ""),
        ("/etc/passwd", ""),
        ("file:///etc/passwd", "External"),
        ("http://127.0.0.1:9/doc.xml", "External"),
        ("word/media/image1.png", ""),
        ("[Content_Types].xml", ""),
        ("_rels/.rels", ""),
        ("word/styles.xml", ""),
        ("word/missing.xml", ""),
        ("", ""),
        ("word/%2e%2e/document.xml", ""),
        ("word\\document.xml", ""),
        ("word/document.xml#frag", ""),
        ("C:/Windows/win.ini", ""),
    ]
    for target, mode in targets:
        b.add(
            "rels",
            ".docx",
            lambda t=target, m=mode: replace_parts(b.read(small), {"_rels/.rels": root_rels(t, m)}),
        )
    b.add(
        "rels", ".docx", lambda: replace_parts(b.read(small), {"_rels/.rels": b"<Relationships/>"})
    )
    b.add("rels", ".docx", lambda: replace_parts(b.read(small), {"_rels/.rels": None}))
    b.add(
        "rels", ".docx", lambda: replace_parts(b.read(small), {"_rels/.rels": b"\xff\xfe garbage"})
    )

    def doc_rels(mutator):
        def make():
            parts = dict(read_zip(b.read(small)))
            text = parts["word/_rels/document.xml.rels"].decode("utf-8")
            return replace_parts(
                b.read(small), {"word/_rels/document.xml.rels": mutator(text).encode()}
            )

        return make

    b.add("rels", ".docx", doc_rels(lambda t: t.replace('Target="', 'Target="../../../', 1)))
    b.add(
        "rels",
        ".docx",
        doc_rels(lambda t: t.replace('Target="styles.xml"', 'Target="document.xml"')),
    )
    b.add("rels", ".docx", doc_rels(lambda t: t.replace("footnotes.xml", "document.xml")))
    b.add("rels", ".docx", doc_rels(lambda t: t.replace('Id="rId', 'Id="rIdX')))
    b.add(
        "rels",
        ".docx",
        doc_rels(lambda t: t.replace("Relationship ", 'Relationship TargetMode="External" ')),
    )
    b.add(
        "rels",
        ".docx",
        doc_rels(lambda t: t.replace("</Relationships>", "<Relationship/></Relationships>")),
    )

    # Headers that point back at the body, at themselves, at binary parts.
    def header_to(target: str):
        doc = body(
            para("本文")
            + '<w:sectPr><w:headerReference w:type="default" r:id="rId7"/>'
            + '<w:footerReference w:type="default" r:id="rId8"/></w:sectPr>'
        )
        rels = (
            f'<?xml version="1.0"?><Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId7" Type="{R_NS}/header" Target="{target}"/>'
            f'<Relationship Id="rId8" Type="{R_NS}/footer" Target="{target}"/>'
            f'<Relationship Id="rId9" Type="{R_NS}/footnotes" Target="{target}"/></Relationships>'
        ).encode()
        return lambda: minimal_docx(
            doc,
            {
                "word/_rels/document.xml.rels": rels,
                "word/media/x.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
            },
        )

    for target in (
        "document.xml",
        "media/x.png",
        "../_rels/.rels",
        "nothing.xml",
        "../[Content_Types].xml",
    ):
        b.add("rels", ".docx", header_to(target))


def _symbols(b: _Builder) -> None:
    codes = [
        "110000",
        "FFFFFFFFFFFFFFFFFFFFFFFF",
        "D800",
        "DFFF",
        "DBFF",
        "-1",
        "zz",
        "",
        "0",
        "FFFE",
        "F0D800",
        "1F600",
        "F041",
        "7FFFFFFF",
        "0x41",
        "D83D",
    ]
    for code in codes:
        p = f'<w:p><w:r><w:t>記号</w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="{code}"/></w:r><w:r><w:t>です。</w:t></w:r></w:p>'
        b.add("sym", ".docx", lambda p=p: minimal_docx(body(p)))
    inline = (
        '<w:p><w:fldSimple w:instr="PAGE"><w:r><w:sym w:char="D800"/></w:r></w:fldSimple></w:p>'
    )
    b.add("sym", ".docx", lambda: minimal_docx(body(inline)))
    math = '<w:p><m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><w:sym w:char="DC00"/></m:r></m:oMath></w:p>'
    b.add("sym", ".docx", lambda: minimal_docx(body(math)))


def _huge(b: _Builder) -> None:
    mb5 = 5 * 1024 * 1024
    b.add(
        "huge_paragraph", ".docx", lambda: minimal_docx(body(para("本文" * (mb5 // 6)))), heavy=True
    )
    b.add(
        "huge_paragraph",
        ".docx",
        lambda: minimal_docx(
            body(
                "<w:p>"
                + "<w:r><w:rPr><w:b/></w:rPr><w:t>あい</w:t></w:r><w:r><w:t>うえ</w:t></w:r>"
                * 25_000
                + "</w:p>"
            )
        ),
        heavy=True,
    )
    b.add(
        "huge_paragraph",
        ".docx",
        lambda: minimal_docx(body(para("あいうえおかきくけこ" * (mb5 // 30)))),
        heavy=True,
    )
    b.add("huge_paragraph", ".docx", lambda: minimal_docx(body(para("a" * mb5))), heavy=True)
    b.add("huge_paragraph", ".docx", lambda: minimal_docx(body(para("あ、" * 200_000))), heavy=True)
    b.add("huge_paragraph", ".docx", lambda: minimal_docx(body(para("行う" * 100_000))), heavy=True)
    b.add("huge_paragraph", ".docx", lambda: minimal_docx(body(para("。" * 300_000))), heavy=True)
    b.add(
        "huge_paragraph",
        ".docx",
        lambda: minimal_docx(body(para("について、") * 100_000)),
        heavy=True,
    )
    b.add("huge_paragraph", ".docx", lambda: minimal_docx(body(para("申請書を提出する。") * 300)))
    b.add("huge_paragraph", ".docx", lambda: minimal_docx(body(para("申請書を提出する" * 2000))))
    b.add("huge_paragraph", ".txt", lambda: ("本文" * (mb5 // 6)).encode(), heavy=True)


# PDF families --------------------------------------------------------------------


def _pdf_structure(b: _Builder) -> None:
    base = text_pdf()
    # xref damage
    xref_cases = [
        base.replace(b"startxref\n", b"startxref\n9"),
        base.replace(b"startxref\n", b"startxref\n-"),
        base.replace(b"xref\n0 6", b"xref\n0 99999999"),
        base.replace(b"xref\n0 6", b"xref\n0 4294967296"),
        base.replace(b"xref\n0 6", b"xref\n999999999 6"),
        base.replace(b"/Size 6", b"/Size 2147483647"),
        base.replace(b"/Size 6", b"/Size -1"),
        base.replace(b"0000000", b"9999999"),
        base.replace(b"trailer", b"trailor"),
        base.replace(b"/Root 1 0 R", b"/Root 99 0 R"),
        base.replace(b"/Root 1 0 R", b"/Root 4 0 R"),
        base.replace(b"/Root 1 0 R", b"/Root 1 0 R /Prev 0"),
        base.replace(b"%%EOF", b""),
        text_pdf(trailer=b"/Prev %d" % (base.rindex(b"\nxref") + 1)),
        text_pdf(trailer=b"/Prev %d" % 10**12),
        text_pdf(trailer=b"/XRefStm 1"),
        base[: base.index(b"xref")],
        base.replace(b" 0 obj", b" 0 obk"),
    ]
    for data in xref_cases:
        b.add("pdf_xref", ".pdf", lambda d=data: d)

    def xref_stream(w: bytes, index: bytes = b"", payload: bytes = b"\0" * 30) -> bytes:
        objs = {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [] /Count 0 >>",
        }
        pdf = bytearray(b"%PDF-1.7\n")
        offsets = {}
        for n, o in objs.items():
            offsets[n] = len(pdf)
            pdf += b"%d 0 obj\n" % n + o + b"\nendobj\n"
        start = len(pdf)
        pdf += (
            b"3 0 obj\n"
            + stream(payload, b"/Type /XRef /Size 4 /Root 1 0 R /W " + w + index)
            + b"\nendobj\n"
        )
        pdf += b"startxref\n%d\n%%%%EOF\n" % start
        return bytes(pdf)

    for w, idx in (
        (b"[99 99 99]", b""),
        (b"[1 2 1]", b" /Index [0 99999999]"),
        (b"[-1 2 1]", b""),
        (b"[0 0 0]", b""),
        (b"[1 2]", b""),
        (b"/W", b""),
        (b"[1 2 1]", b" /Index [0]"),
        (b"[4 8 4]", b" /Index [0 1000000000 5 5]"),
    ):
        b.add("pdf_xref", ".pdf", lambda w=w, i=idx: xref_stream(w, i))

    # stream damage
    stream_cases = [
        text_pdf().replace(b"/Length 66", b"/Length 9999999"),
        text_pdf().replace(b"/Length 66", b"/Length -5"),
        text_pdf().replace(b"/Length 66", b"/Length 99 0 R"),
        text_pdf().replace(b"/Length 66", b"/Length 2 0 R"),
        text_pdf().replace(b"endstream", b""),
        text_pdf(extra={4: stream(b"x\x9c garbage not deflate", b"/Filter /FlateDecode")}),
        text_pdf(extra={4: stream(zlib.compress(TEXT_OPS)[:-8], b"/Filter /FlateDecode")}),
        text_pdf(extra={4: b"[4 0 R 4 0 R]"}),
        text_pdf(extra={4: b"<< /Length 0 >>\nstream\n\nendstream"}),
        text_pdf(extra={4: b"(not a stream)"}),
        text_pdf(extra={4: b"null"}),
        text_pdf(extra={4: stream(b"BT /F1 12 Tf (" + b"\\" * 1000 + b") Tj ET")}),
        text_pdf(extra={4: stream(b"BT /F1 12 Tf [" * 10000 + b"(x)" + b"]" * 10000 + b" TJ ET")}),
        text_pdf(extra={4: stream(b"BT /F1 12 Tf <<" * 10000 + b">>" * 10000 + b" ET")}),
        text_pdf(
            extra={4: stream(b"q " * 100_000 + b"BT /F1 12 Tf (deep) Tj ET" + b" Q" * 100_000)}
        ),
        text_pdf(
            extra={
                4: stream(
                    b"BT /F1 12 Tf 72 720 Td (x) Tj ET " * 10 + b"BI /W 1 /H 1 ID \xff\xff EI"
                )
            }
        ),
        text_pdf(extra={4: stream(b"BT /F99 12 Tf (no such font) Tj ET")}),
        text_pdf(extra={4: stream(b"BT /F1 1e400 Tf 1e400 1e400 Td (inf) Tj ET")}),
        text_pdf(extra={4: stream(b"BT /F1 12 Tf 0 0 0 0 0 0 Tm (singular) Tj ET")}),
        text_pdf(
            extra={
                4: stream(b"/X1 Do " * 1000),
                3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X1 6 0 R >> >> /Contents 4 0 R >>",
                6: stream(
                    b"/X1 Do",
                    b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X1 6 0 R >> >>",
                ),
            }
        ),
    ]
    for data in stream_cases:
        b.add("pdf_stream", ".pdf", lambda d=data: d)

    # filters
    filters = [
        b"/LZWDecode",
        b"/ASCII85Decode",
        b"/ASCIIHexDecode",
        b"/RunLengthDecode",
        b"/DCTDecode",
        b"/JBIG2Decode",
        b"/JPXDecode",
        b"/CCITTFaxDecode",
        b"/Crypt",
        b"/FooDecode",
        b"[/FlateDecode /LZWDecode]",
        b"[" + b"/ASCIIHexDecode " * 500 + b"]",
        b"5",
        b"<< >>",
    ]
    for f in filters:
        b.add(
            "pdf_filter",
            ".pdf",
            lambda f=f: text_pdf(extra={4: stream(b"\xff\xfe garbage ~> " * 20, b"/Filter " + f)}),
        )
    nested = TEXT_OPS
    for _ in range(30):
        nested = zlib.compress(nested)
    b.add(
        "pdf_filter",
        ".pdf",
        lambda: text_pdf(extra={4: stream(nested, b"/Filter [" + b"/FlateDecode " * 30 + b"]")}),
    )
    b.add(
        "pdf_filter",
        ".pdf",
        lambda: text_pdf(
            extra={4: stream(zlib.compress(b"\0" * (300 * 1024 * 1024)), b"/Filter /FlateDecode")}
        ),
        heavy=True,
    )
    b.add(
        "pdf_filter",
        ".pdf",
        lambda: text_pdf(
            extra={
                4: stream(zlib.compress(b"(a) Tj " * (20 * 1024 * 1024)), b"/Filter /FlateDecode")
            }
        ),
        heavy=True,
    )
    b.add(
        "pdf_filter",
        ".pdf",
        lambda: text_pdf(
            extra={
                4: stream(
                    b"BT /F1 12 Tf (x) Tj ET",
                    b"/DecodeParms << /Predictor 15 /Columns 99999999 >> /Filter /FlateDecode",
                )
            }
        ),
    )
    b.add(
        "pdf_filter",
        ".pdf",
        lambda: text_pdf(
            extra={
                4: stream(
                    zlib.compress(TEXT_OPS),
                    b"/DecodeParms << /Predictor 12 /Columns 0 >> /Filter /FlateDecode",
                )
            }
        ),
    )

    # page trees
    def deep_tree(depth: int, loop: bool = False) -> bytes:
        objs = {1: b"<< /Type /Catalog /Pages 10 0 R >>"}
        for i in range(depth):
            kid = 11 + i if i < depth - 1 else 3
            objs[10 + i] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (
                10 if loop and i == depth - 1 else kid
            )
        objs[3] = (
            b"<< /Type /Page /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        )
        objs[4] = stream(TEXT_OPS)
        objs[5] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
        return build_pdf(objs)

    for depth in (99, 101, 150, 1000, 5000):
        b.add("pdf_pagetree", ".pdf", lambda d=depth: deep_tree(d))
    b.add("pdf_pagetree", ".pdf", lambda: deep_tree(5, loop=True))

    def wide_tree(kids: int, same: bool = True) -> bytes:
        refs = b" ".join([b"3 0 R"] * kids)
        return text_pdf(extra={2: b"<< /Type /Pages /Kids [" + refs + b"] /Count %d >>" % kids})

    for kids in (5000, 50_000, 200_000):
        b.add("pdf_pagetree", ".pdf", lambda k=kids: wide_tree(k), heavy=kids > 5000)
    tree_cases = [
        text_pdf(extra={2: b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"}),
        text_pdf(extra={2: b"<< /Type /Pages /Kids [1 0 R] /Count 1 >>"}),
        text_pdf(extra={2: b"<< /Type /Pages /Kids 3 0 R /Count 1 >>"}),
        text_pdf(extra={2: b"<< /Type /Pages /Count 1 >>"}),
        text_pdf(extra={2: b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>"}),
        text_pdf(extra={2: b"<< /Type /Pages /Kids [null 5 0 R (x) 3 0 R] /Count 4 >>"}),
        text_pdf(extra={1: b"<< /Type /Catalog >>"}),
        text_pdf(extra={1: b"<< /Type /Catalog /Pages 3 0 R >>"}),
        text_pdf(extra={3: b"<< /Type /Page /Parent 2 0 R >>"}),
        text_pdf(extra={3: b"<< /Type /Page /Parent 3 0 R /Resources 3 0 R /Contents 3 0 R >>"}),
        text_pdf(
            extra={
                3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1e999 nan] /Contents [4 0 R 4 0 R 4 0 R] /Resources << /Font << /F1 5 0 R >> >> >>"
            }
        ),
        text_pdf(
            extra={
                3: b"<< /Type /Page /Parent 2 0 R /Resources << /Font 3 0 R >> /Contents 4 0 R >>"
            }
        ),
        text_pdf(
            extra={
                3: b"<< /Type /Page /Parent 2 0 R /Contents ["
                + b"4 0 R " * 20000
                + b"] /Resources << /Font << /F1 5 0 R >> >> >>"
            }
        ),
        text_pdf(extra={1: b"[" * 50_000 + b"]" * 50_000}),
        text_pdf(extra={5: b"<<" * 50_000 + b">>" * 50_000}),
        text_pdf(
            extra={
                1: b"<< /Type /Catalog /Pages 2 0 R /Outlines 1 0 R /Names << /Dests 1 0 R >> >>"
            }
        ),
    ]
    for data in tree_cases:
        b.add("pdf_pagetree", ".pdf", lambda d=data: d)

    # encryption
    enc = [
        b"<< /Filter /FooSecurityHandler /V 1 /R 2 /O <00> /U <00> /P -4 >>",
        b"<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s3 /V 4 /R 4 /Recipients [<00>] >>",
        b"<< /Filter /Standard /V 9 /R 9 /O <00> /U <00> /P -4 >>",
        b"<< /Filter /Standard /V 5 /R 6 /O <00> /U <00> /OE <00> /UE <00> /P -4 >>",
        b"<< /Filter /Standard /V 4 /R 4 /CF << /StdCF << /CFM /FooCrypt >> >> /StmF /StdCF /StrF /StdCF /O <00> /U <00> /P -4 >>",
        b"<< /Filter /Standard /V 2 /R 3 /Length 4096 /O <00> /U <00> /P -4 >>",
        b"<< /Filter /Standard >>",
        b"<< >>",
        b"(not a dict)",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + b"00" * 32
        + b"> /U <"
        + b"00" * 32
        + b"> /P -4 >>",
    ]
    for e in enc:
        b.add(
            "pdf_encrypt",
            ".pdf",
            lambda e=e: text_pdf(
                extra={9: e},
                trailer=b"/Encrypt 9 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
            ),
        )
    b.add("pdf_encrypt", ".pdf", lambda: text_pdf(extra={9: enc[0]}, trailer=b"/Encrypt 9 0 R"))
    b.add("pdf_encrypt", ".pdf", lambda: text_pdf(trailer=b"/Encrypt 99 0 R"))

    # ToUnicode damage
    tounicode = [
        b"2 beginbfchar <0001> <6587> <0002> <66F8> endbfchar",
        b"2 beginbfchar <0001> <D800> <0002> <DFFF> endbfchar",
        b"1 beginbfchar <0001> <D83D> endbfchar 1 beginbfchar <0002> <DE00DE00> endbfchar",
        b"1 beginbfrange <0000> <FFFF> <0000> endbfrange",
        b"1 beginbfrange <0000> <FFFF> [<41>] endbfrange",
        b"1 beginbfrange <0001> <0002> <FFFFFFFFFFFF> endbfrange",
        b"1 beginbfchar <0001> <" + b"4E00" * 20000 + b"> endbfchar",
        b"99999999 beginbfchar <0001> endbfchar",
        b"garbage ] ] >> endcmap",
        b"1 beginbfchar <0001> <zz> endbfchar",
        b"1 beginbfchar <0001> (\xff\xfe) endbfchar",
        b"1 begincodespacerange <00> <FFFFFFFFFFFF> endcodespacerange 1 beginbfchar <0001> <6587> endbfchar",
        b"1 beginbfrange <FFFF> <0000> <6587> endbfrange",
        b"/usecmap /Fuzz usecmap",
    ]
    for t in tounicode:
        b.add("pdf_tounicode", ".pdf", lambda t=t: type0_pdf(cmap(t)))
    b.add("pdf_tounicode", ".pdf", lambda: type0_pdf(b""))
    b.add(
        "pdf_tounicode",
        ".pdf",
        lambda: type0_pdf(cmap(tounicode[0]), b"BT /F1 12 Tf <" + b"0001" * 100_000 + b"> Tj ET"),
    )
    b.add(
        "pdf_tounicode",
        ".pdf",
        lambda: type0_pdf(cmap(tounicode[1]), b"BT /F1 12 Tf <00010002> Tj ET" * 100),
    )

    # huge content streams and long tokens
    mb20 = 20 * 1024 * 1024
    unit = b"BT /F1 12 Tf 72 720 Td (abcdefghij klmnop) Tj ET\n"
    b.add("pdf_huge", ".pdf", lambda: text_pdf(unit * (mb20 // len(unit))), heavy=True)
    b.add(
        "pdf_huge",
        ".pdf",
        lambda: text_pdf(b"BT /F1 12 Tf " + b"(x) Tj T* " * (mb20 // 10) + b"ET"),
        heavy=True,
    )
    b.add(
        "pdf_huge",
        ".pdf",
        lambda: text_pdf(
            extra={4: flate_stream(b"BT /F1 12 Tf " + b"(ab) Tj 0 -12 Td " * (mb20 // 16) + b"ET")}
        ),
        heavy=True,
    )
    b.add(
        "pdf_huge",
        ".pdf",
        lambda: text_pdf(b"BT /F1 12 Tf (" + b"a" * mb20 + b") Tj ET"),
        heavy=True,
    )
    b.add("pdf_huge", ".pdf", lambda: text_pdf(unit * 20_000))
    long_name = b"/" + b"N" * (1024 * 1024)
    long_cases = [
        text_pdf(b"BT " + long_name + b" 12 Tf (x) Tj ET"),
        text_pdf(extra={5: b"<< /Type /Font /Subtype /Type1 /BaseFont " + long_name + b" >>"}),
        text_pdf(extra={1: b"<< /Type /Catalog /Pages 2 0 R " + long_name + b" 1 >>"}),
        text_pdf(b"BT /F1 12 Tf " + b"1" * (1024 * 1024) + b" 0 Td (x) Tj ET"),
        text_pdf(extra={1: b"<< /Type /Catalog /Pages 2 0 R /X " + b"9" * (1024 * 1024) + b" >>"}),
        text_pdf(
            extra={1: b"<< /Type /Catalog /Pages 2 0 R /X <" + b"41" * (1024 * 1024) + b"> >>"}
        ),
        text_pdf(
            extra={
                1: b"<< /Type /Catalog /Pages 2 0 R /X ("
                + b"(" * 100_000
                + b")" * 100_000
                + b") >>"
            }
        ),
        text_pdf(extra={1: b"<< /Type /Catalog /Pages 2 0 R /X " + b"1.5" * 100_000 + b" >>"}),
        text_pdf(b"BT /F1 12 Tf (" + b"x" * (2 * 1024 * 1024) + b") Tj ET"),
    ]
    for data in long_cases:
        b.add("pdf_long", ".pdf", lambda d=data: d)


def _wrong_types(b: _Builder) -> None:
    office = b.corpus / "office"
    samples: list[tuple[str, Callable[[], bytes]]] = [
        ("png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("gzip", lambda: zlib.compress(b"x" * 1000)),
        ("elf", lambda: b"\x7fELF\x02\x01\x01" + bytes(500)),
        ("html", lambda: "<!DOCTYPE html><html><body>文書</body></html>".encode()),
        ("xml", lambda: body(para("x"))),
        ("rtf", lambda: b"{\\rtf1\\ansi hello}"),
        ("ole", lambda: bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600)),
        (
            "ole-enc",
            lambda: bytes.fromhex("d0cf11e0a1b11ae1") + "EncryptedPackage".encode("utf-16-le"),
        ),
        ("text-sjis", lambda: "日本語の文書です。".encode("cp932")),
        ("utf16", lambda: "日本語".encode("utf-16")),
        ("random", lambda: random.Random(5).randbytes(4096)),
        ("nul", lambda: bytes(4096)),
        ("one-byte", lambda: b"P"),
        ("pk-only", lambda: b"PK\x03\x04"),
        ("pk-empty", lambda: b"PK\x05\x06" + bytes(18)),
        ("pdf-head-only", lambda: b"%PDF-1.7\n"),
        ("pdf-in-zip", lambda: write_zip([("a.pdf", b"%PDF-1.4")])),
        ("pdf-then-zip", lambda: b"%PDF-1.4\n" + b.read(DOCX_SOURCES[0])),
        ("docx", lambda: b.read(DOCX_SOURCES[0])),
        ("pdf", lambda: b.read(PDF_SOURCES[0])),
        ("rtf-doc", lambda: b.read("bad01_moj_meigi_shiyo_shinsei_RTF_named_as.doc")),
        ("word97", lambda: b.read("bad02_moj_gyosei_bunsho_kaiji_seikyusho_legacy.doc")),
    ]
    for path in sorted(office.glob("*.*x"))[:4] if office.exists() else []:
        samples.append((path.suffix[1:], lambda p=path: p.read_bytes()))
    for label, make in samples:
        for suffix in (".docx", ".pdf"):
            b.add("wrong_type", suffix, make, name=f"wrong_type-{label}{suffix}".encode())


ODD_NAMES = [
    b"\xff\xfe\x80 bad utf8",
    b"caf\xe9 latin1",
    "\x83\x65\x83\x58\x83\x67 sjis".encode("latin-1"),
    "申請書 (最終版)".encode(),
    "改行\nあり".encode(),
    b"tab\tname",
    "😀 emoji".encode(),
    "\u202eevil\u202c rtl".encode(),
    b"-dash",
    b"--format",
    b"CON",
    b"a" * 200,
    "長".encode() * 80,
    b"semi;colon & $(echo x) `id`",
    b"back\\slash",
    b"quote\"'",
    b"..",
    "\u3000全角スペース".encode(),
    b"percent %s %n",
    "\ufeffbom".encode(),
]


def _odd_names(b: _Builder) -> None:
    for index, stem in enumerate(ODD_NAMES):
        suffix = ".docx" if index % 2 == 0 else ".pdf"
        source = DOCX_SOURCES[0] if suffix == ".docx" else PDF_SOURCES[0]
        b.add("odd_name", suffix, lambda s=source: b.read(s), name=stem + suffix.encode())
        other = ".pdf" if suffix == ".docx" else ".docx"
        bad = lambda s=source: b.read(s)[:500]  # noqa: E731 - a damaged file under an odd name
        b.add("odd_name", other, bad, name=stem + b"-broken" + other.encode())


def all_cases(corpus: Path, seed: int = SEED) -> list[Case]:
    b = _Builder(corpus, seed)
    _mutations(b, DOCX_SOURCES, ".docx", 150, 50, "docx")
    _flip_member(b, 60)
    _zip_damage(b)
    _xml_attacks(b)
    _relationships(b)
    _symbols(b)
    _huge(b)
    _mutations(b, PDF_SOURCES, ".pdf", 150, 50, "pdf")
    _pdf_structure(b)
    _wrong_types(b)
    _odd_names(b)
    return b.cases


def sample(cases: list[Case], per_family: int = 2, seed: int = SEED) -> list[Case]:
    """A CI-sized subset: `per_family` light cases from each family, chosen by seed."""
    rng = random.Random(seed)
    by_family: dict[str, list[Case]] = {}
    for case in cases:
        if not case.heavy:
            by_family.setdefault(case.family, []).append(case)
    chosen = []
    for family in sorted(by_family):
        group = by_family[family]
        chosen += rng.sample(group, min(per_family, len(group)))
    return chosen
