"""The glossary (用語集): fixed translations of terms, imported from CSV/TSV or TMX.

Only the entries that occur in a segment go into that segment's prompt (a
glossary of thousands of terms would not fit, and would distract the model),
and the translation is then checked for each of those entries' target terms.

CSV/TSV columns: source, target, note (a header row is recognised and skipped).
Excel on Japanese Windows saves CSV in cp932; both that and UTF-8 (with or
without BOM) are read. TMX: each <tu> with a <tuv> in both languages is one entry.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ...documents.textfile import decode_text
from ...errors import GlossaryFileError
from ...i18n import tr

MAX_BYTES = 50 * 1024 * 1024
HEADER_WORDS = {
    "source",
    "source term",
    "term",
    "原語",
    "用語",
    "見出し語",
    "日本語",
    "japanese",
    "ja",
    "target",
    "訳語",
    "英語",
    "english",
    "en",
    "translation",
}


@dataclass(frozen=True)
class GlossaryEntry:
    source: str
    target: str
    note: str = ""


def fold(text: str) -> str:
    """What matching compares: width/case folded, runs of spaces as one."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


class Glossary:
    def __init__(self, entries: Iterable[GlossaryEntry], name: str = "") -> None:
        self.name = name
        self.entries: list[GlossaryEntry] = []
        seen: set[str] = set()
        for entry in entries:
            folded = fold(entry.source)
            if folded and entry.target.strip() and folded not in seen:
                seen.add(folded)
                self.entries.append(entry)
        # Entries by their first folded character, longest first: a scan of the
        # segment then tries only the few entries that can start at each place.
        self._by_first: dict[str, list[tuple[str, GlossaryEntry]]] = {}
        for entry in self.entries:
            folded = fold(entry.source)
            self._by_first.setdefault(folded[0], []).append((folded, entry))
        for bucket in self._by_first.values():
            bucket.sort(key=lambda item: -len(item[0]))

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def hits(self, text: str) -> list[GlossaryEntry]:
        """Entries whose source term occurs in `text`, in order of appearance.
        A term inside a longer matched term (個人情報 in 保有個人情報) is not repeated."""
        folded = fold(text)
        found: list[GlossaryEntry] = []
        position = 0
        while position < len(folded):
            for term, entry in self._by_first.get(folded[position], ()):
                if folded.startswith(term, position):
                    if entry not in found:
                        found.append(entry)
                    position += len(term)
                    break
            else:
                position += 1
        return found

    @staticmethod
    def target_present(entry: GlossaryEntry, translation: str) -> bool:
        return fold(entry.target) in fold(translation)

    def reversed(self) -> Glossary:
        return Glossary(
            (GlossaryEntry(e.target, e.source, e.note) for e in self.entries), self.name
        )

    def for_direction(self, source_lang: str, target_lang: str) -> Glossary:
        """The glossary as source → target: a ja→en file serves an en→ja job reversed."""
        from .languages import has_text_in

        sample = self.entries[:50]
        if not sample:
            return self
        in_target = sum(has_text_in(e.source, target_lang) for e in sample)
        in_source = sum(has_text_in(e.source, source_lang) for e in sample)
        return self.reversed() if in_target > in_source else self

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for entry in self.entries:
            digest.update(f"{entry.source}\t{entry.target}\n".encode())
        return digest.hexdigest()[:16]


def load_glossary(
    path: str | os.PathLike, source_lang: str = "", target_lang: str = ""
) -> Glossary:
    """Read a CSV, TSV or TMX glossary. Raises GlossaryFileError with the reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise GlossaryFileError(path=str(path), what=tr("大きすぎます", "too large"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryFileError(path=str(path), what=tr("ありません", "not found")) from None
    except OSError as err:  # the OS's words stay in the detail (--verbose)
        raise GlossaryFileError(
            err.strerror or "", path=str(path), what=tr("読み取れません", "cannot be read")
        ) from None
    if path.suffix.lower() == ".tmx" or data.lstrip()[:200].find(b"<tmx") >= 0:
        entries = read_tmx(data, path, source_lang, target_lang)
    else:
        entries = read_table(data, path)
    glossary = Glossary(entries, name=path.name)
    if not glossary:
        raise GlossaryFileError(path=str(path), what=tr("用語がありません", "no entries"))
    return glossary


def decode(data: bytes, path: Path) -> str:
    text = decode_text(data)
    if text is None:
        raise GlossaryFileError(path=str(path), what=tr("文字コードが不明です", "unknown encoding"))
    return text


def read_table(data: bytes, path: Path) -> list[GlossaryEntry]:
    text = decode(data, path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in first else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if rows and any(fold(cell) in HEADER_WORDS for cell in rows[0][:2]):
        rows = rows[1:]
    entries = []
    for row in rows:
        cells = [cell.strip() for cell in row]
        if len(cells) >= 2 and cells[0] and cells[1] and not cells[0].startswith("#"):
            entries.append(GlossaryEntry(cells[0], cells[1], cells[2] if len(cells) > 2 else ""))
    return entries


def read_tmx(data: bytes, path: Path, source_lang: str, target_lang: str) -> list[GlossaryEntry]:
    from lxml import etree

    # No entities, no network, no huge trees: a TMX is data from elsewhere.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise GlossaryFileError(
            str(err), path=str(path), what=tr("TMX の XML が壊れています", "the TMX XML is broken")
        ) from None
    header = root.find("header")
    source_lang = source_lang or _lang(header.get("srclang", "") if header is not None else "")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = []
    for tu in root.iter("tu"):
        segs: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = _lang(tuv.get(xml_lang) or tuv.get("lang") or "")
            seg = tuv.find("seg")
            if lang and seg is not None:
                segs.setdefault(lang, "".join(seg.itertext()).strip())
        note = " ".join(n.text or "" for n in tu.findall("note")).strip()
        src = segs.get(source_lang)
        tgt = segs.get(target_lang) if target_lang else None
        if tgt is None:  # the other language of a two-language unit
            others = [v for k, v in segs.items() if k != source_lang]
            tgt = others[0] if len(others) == 1 else None
        if src and tgt:
            entries.append(GlossaryEntry(src, tgt, note))
    return entries


def _lang(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-")[0]
