"""The local law store: one SQLite file of imported laws, their units (articles,
附則, 別表), defined terms and the search index.

Imports are incremental: a law is keyed by its 法令番号; a file whose <Law> is
unchanged is skipped, a changed one replaces the stored version, and the report
says which articles were added, removed or changed.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ... import i18n, paths
from ...errors import EXIT_INPUT, DeskError, InputNotFoundError
from .definitions import Definition, definitions_in
from .egov_xml import LawXmlError, parse_law_xml
from .index import LawIndex
from .model import MAIN, Law, Unit
from .numerals import key_in_range, sort_key

MAX_XML_BYTES = 64 * 1024 * 1024  # the largest e-Gov law (租税特別措置法) is ~10 MB
_SCHEMA = """
CREATE TABLE IF NOT EXISTS laws (
    law_num TEXT PRIMARY KEY, title TEXT NOT NULL, law_type TEXT, kana TEXT,
    abbrevs TEXT, promulgated TEXT, version TEXT, enforcement_date TEXT,
    source TEXT, digest TEXT, imported_at TEXT, articles INTEGER
);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY, law_num TEXT NOT NULL, seq INTEGER, provision TEXT,
    num TEXT, kind TEXT, ukey TEXT, body TEXT, digest TEXT
);
CREATE INDEX IF NOT EXISTS units_key ON units(law_num, provision, num);
CREATE TABLE IF NOT EXISTS definitions (
    term TEXT, law_num TEXT, unit_id INTEGER, paragraph TEXT, item TEXT, kind TEXT,
    sentence TEXT
);
CREATE INDEX IF NOT EXISTS definitions_term ON definitions(term);
"""


class LawStoreError(DeskError):
    ja = "法令データを読み込めません: {path}"
    en = "Cannot open the law data: {path}"
    exit_code = EXIT_INPUT


@dataclass
class LawInfo:
    law_num: str
    title: str
    law_type: str
    kana: str
    abbrevs: list[str]
    promulgated: str
    version: str
    enforcement_date: str
    source: str
    imported_at: str
    articles: int

    def version_label(self) -> str:
        if self.enforcement_date:
            return f"{self.enforcement_date} 施行版"
        return self.version


@dataclass
class LawChange:
    title: str
    law_num: str
    status: str  # "added", "updated", "unchanged"
    added: list[str] = field(default_factory=list)  # unit citations
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    source: str = ""


@dataclass
class ImportReport:
    changes: list[LawChange] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, message)

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)


@dataclass
class SearchHit:
    law: LawInfo
    unit: Unit
    score: float
    definition: Definition | None = None
    snippet: str = ""

    def citation(self) -> str:
        return f"{self.law.title}{self.unit.citation()}"


def default_path() -> Path:
    return paths.data_dir() / "laws" / "laws.sqlite3"


class LawStore:
    def __init__(self, path: str | Path | None = None, *, with_index: bool = True):
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as err:
            raise LawStoreError(path=str(self.path), detail=str(err)) from err
        # Citation checks need no search index: they open the store without it.
        self.index = (
            LawIndex(self.path.with_name(self.path.stem + ".index.sqlite3")) if with_index else None
        )
        self._names: list[tuple[str, str, str]] | None = None

    @classmethod
    def open_existing(
        cls, path: str | Path | None = None, *, with_index: bool = False
    ) -> LawStore | None:
        """The store if laws were ever imported, else None (checking creates nothing)."""
        target = Path(path) if path else default_path()
        return cls(target, with_index=with_index) if target.is_file() else None

    def close(self) -> None:
        self.db.close()
        if self.index is not None:
            self.index.close()

    def __enter__(self) -> LawStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- import -------------------------------------------------------------

    def import_paths(
        self, items: Iterable[str | Path], on_progress: Callable[[str], None] | None = None
    ) -> ImportReport:
        """Files (.xml, .zip) and folders (scanned for both) into the store."""
        report = ImportReport()
        for source, data in _xml_sources(items, report):
            if on_progress:
                on_progress(source)
            try:
                law = parse_law_xml(data, source)
            except LawXmlError as err:
                report.errors.append((source, err.message()))
                continue
            report.changes.append(self.add_law(law))
        return report

    def add_law(self, law: Law) -> LawChange:
        old = self.db.execute(
            "SELECT digest FROM laws WHERE law_num = ?", (law.law_num,)
        ).fetchone()
        change = LawChange(law.title, law.law_num, "added", source=law.source)
        if old and old[0] == law.digest:
            change.status = "unchanged"
            return change
        new_digests = {_unit_key(u): _unit_digest(u) for u in law.units}
        if old:
            change.status = "updated"
            old_digests = dict(
                self.db.execute(
                    "SELECT ukey, digest FROM units WHERE law_num = ?", (law.law_num,)
                ).fetchall()
            )
            change.added = [_label(k) for k in new_digests if k not in old_digests]
            change.removed = [_label(k) for k in old_digests if k not in new_digests]
            change.changed = [
                _label(k)
                for k, v in new_digests.items()
                if k in old_digests and old_digests[k] != v
            ]
        with self.db:
            self._delete(law.law_num)
            self.db.execute(
                "INSERT INTO laws VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    law.law_num,
                    law.title,
                    law.law_type,
                    law.kana,
                    json.dumps(law.abbrevs, ensure_ascii=False),
                    law.promulgated,
                    law.version,
                    law.enforcement_date,
                    law.source,
                    law.digest,
                    datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    law.article_element_count(),
                ),
            )
            rows = []
            for seq, unit in enumerate(law.units):
                cur = self.db.execute(
                    "INSERT INTO units(law_num, seq, provision, num, kind, ukey, body, digest) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    (
                        law.law_num,
                        seq,
                        unit.provision,
                        unit.num,
                        unit.kind,
                        _unit_key(unit),
                        json.dumps(unit.to_json(), ensure_ascii=False),
                        new_digests[_unit_key(unit)],
                    ),
                )
                uid = cur.lastrowid
                rows.append((uid, _search_text(law, unit)))
                self.db.executemany(
                    "INSERT INTO definitions VALUES (?,?,?,?,?,?,?)",
                    (
                        (d.term, law.law_num, uid, d.paragraph, d.item, d.kind, d.sentence)
                        for d in definitions_in(unit)
                    ),
                )
        try:
            self._index().replace_law(law.law_num, rows, law.digest)
        except BaseException:
            self.remove_law(law.law_num)  # never a law in the store but not in the index
            raise
        self._names = None
        return change

    def remove_law(self, law_num: str) -> bool:
        with self.db:
            found = self._delete(law_num)
        self._names = None
        return found

    def _index(self) -> LawIndex:
        if self.index is None:
            raise LawStoreError(path=str(self.path), detail="opened without its search index")
        return self.index

    def _delete(self, law_num: str) -> bool:
        self._index().remove_law(law_num)
        self.db.execute("DELETE FROM definitions WHERE law_num = ?", (law_num,))
        self.db.execute("DELETE FROM units WHERE law_num = ?", (law_num,))
        return self.db.execute("DELETE FROM laws WHERE law_num = ?", (law_num,)).rowcount > 0

    # --- laws ---------------------------------------------------------------

    def laws(self) -> list[LawInfo]:
        rows = self.db.execute(
            "SELECT law_num, title, law_type, kana, abbrevs, promulgated, version, "
            "enforcement_date, source, imported_at, articles FROM laws ORDER BY kana, title"
        ).fetchall()
        return [_law_info(r) for r in rows]

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM laws LIMIT 1").fetchone() is None

    def law(self, law_num: str) -> LawInfo | None:
        row = self.db.execute(
            "SELECT law_num, title, law_type, kana, abbrevs, promulgated, version, "
            "enforcement_date, source, imported_at, articles FROM laws WHERE law_num = ?",
            (law_num,),
        ).fetchone()
        return _law_info(row) if row else None

    def names(self) -> list[tuple[str, str, str]]:
        """(name, law_num, "title" | "abbrev") for every stored law, longest name first."""
        if self._names is None:
            names = []
            for law in self.laws():
                names.append((law.title, law.law_num, "title"))
                names.extend((a, law.law_num, "abbrev") for a in law.abbrevs)
            self._names = sorted(names, key=lambda n: -len(n[0]))
        return self._names

    def law_by_name(self, name: str) -> tuple[LawInfo, str] | None:
        """The law a name means and how it was named ("title" / "abbrev")."""
        for known, law_num, kind in self.names():
            if known == name:
                return self.law(law_num), kind
        return None

    def closest_names(self, name: str, limit: int = 3) -> list[str]:
        """Real titles a mistyped name probably meant (行政手順法 → 行政手続法). A name
        that contains a real title (地方自治法施行令) is another law, not a typo."""
        titles = [n for n, _num, kind in self.names() if kind == "title"]
        if any(t in name for t in titles):
            return []
        stem = _stem(name)
        scored = []
        for title in titles:
            if abs(len(title) - len(name)) > 2:
                continue
            ratio = difflib.SequenceMatcher(None, stem, _stem(title)).ratio()
            one_typo = (  # 行政手順法 → 行政手続法; not 商法 → 民法 (short names are distinct laws)
                len(name) >= 4
                and len(title) == len(name)
                and sum(a != b for a, b in zip(title, name, strict=True)) == 1
            )
            if ratio >= 0.75 or one_typo:
                scored.append((ratio, title))
        return [t for _r, t in sorted(scored, reverse=True)[:limit]]

    # --- units --------------------------------------------------------------

    def unit(self, law_num: str, provision: str, num: str) -> Unit | None:
        """An article by its key ("158_2"); a number inside a deleted range ("38:84")
        returns that range's unit."""
        row = self.db.execute(
            "SELECT body FROM units WHERE law_num = ? AND provision = ? AND num = ?",
            (law_num, provision, num),
        ).fetchone()
        if row:
            return Unit.from_json(json.loads(row[0]))
        for rng, body in self.db.execute(
            "SELECT num, body FROM units WHERE law_num = ? AND provision = ? AND num LIKE '%:%'",
            (law_num, provision),
        ):
            if key_in_range(num, rng):
                return Unit.from_json(json.loads(body))
        return None

    def provisions(self, law_num: str) -> list[str]:
        rows = self.db.execute(
            "SELECT provision FROM units WHERE law_num = ? GROUP BY provision ORDER BY MIN(seq)",
            (law_num,),
        )
        return [r[0] for r in rows]

    def article_keys(self, law_num: str, provision: str = MAIN) -> list[str]:
        rows = self.db.execute(
            "SELECT num FROM units WHERE law_num = ? AND provision = ? AND kind = 'article' "
            "ORDER BY seq",
            (law_num, provision),
        )
        return [r[0] for r in rows]

    def units(self, law_num: str, provision: str = MAIN) -> list[Unit]:
        """Every unit of one provision in order (別表: provision "appdx")."""
        rows = self.db.execute(
            "SELECT body FROM units WHERE law_num = ? AND provision = ? ORDER BY seq",
            (law_num, provision),
        )
        return [Unit.from_json(json.loads(r[0])) for r in rows]

    def amended_law(self, amend_law_num: str) -> str | None:
        """The stored law whose text holds the 附則 of the amending act `amend_law_num`."""
        row = self.db.execute(
            "SELECT law_num FROM units WHERE provision = ? LIMIT 1", (f"suppl@{amend_law_num}",)
        ).fetchone()
        return row[0] if row else None

    def unit_by_id(self, uid: int) -> tuple[LawInfo, Unit]:
        law_num, body = self.db.execute(
            "SELECT law_num, body FROM units WHERE id = ?", (uid,)
        ).fetchone()
        return self.law(law_num), Unit.from_json(json.loads(body))

    # --- search -------------------------------------------------------------

    def definitions(self, term: str) -> list[tuple[LawInfo, Unit, Definition]]:
        rows = self.db.execute(
            "SELECT unit_id, term, paragraph, item, kind, sentence FROM definitions "
            "WHERE term = ? ORDER BY kind DESC",
            (term.strip(),),
        ).fetchall()
        out = []
        for uid, *rest in rows:
            law, unit = self.unit_by_id(uid)
            out.append((law, unit, Definition(*rest)))
        return out

    def search(self, query: str, limit: int = 10, law_num: str | None = None) -> list[SearchHit]:
        """Definitions of the query as a term first, then BM25-ranked units."""
        hits: list[SearchHit] = []
        seen: set[tuple[str, str, str]] = set()
        for law, unit, definition in self.definitions(query):
            if law_num and law.law_num != law_num:
                continue
            key = (law.law_num, unit.provision, unit.num)
            if key not in seen:
                seen.add(key)
                hits.append(SearchHit(law, unit, float("inf"), definition))
        for found in self._index().search(query, limit + len(hits), law_num):
            law, unit = self.unit_by_id(found.unit_id)
            key = (law.law_num, unit.provision, unit.num)
            if key in seen:
                continue
            seen.add(key)
            hits.append(SearchHit(law, unit, found.score, snippet=found.snippet))
        return hits[:limit]


_GENERIC_SUFFIX = re.compile(r"(?:に関する)?(?:法律|法|施行令|施行規則|令|規則)$")


def _stem(name: str) -> str:
    """The part of a law name that tells laws apart (…に関する法律 stripped)."""
    return _GENERIC_SUFFIX.sub("", name) or name


def _xml_sources(items: Iterable[str | Path], report: ImportReport):
    """(source name, bytes) of every XML in the given files, folders and zips."""
    for item in items:
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".xml", ".zip")
            )
        elif path.is_file():
            files = [path]
        else:
            raise InputNotFoundError(path=str(path))
        for file in files:
            if file.suffix.lower() == ".zip":
                yield from _zip_members(file, report)
            elif file.stat().st_size > MAX_XML_BYTES:
                report.errors.append((str(file), "too large"))
            else:
                yield file.name, file.read_bytes()


def _zip_members(path: Path, report: ImportReport):
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir() or not info.filename.lower().endswith(".xml"):
                    continue
                if info.file_size > MAX_XML_BYTES:
                    report.errors.append((f"{path.name}:{info.filename}", "too large"))
                    continue
                try:
                    with archive.open(info) as member:
                        data = member.read(MAX_XML_BYTES + 1)  # the header may lie about the size
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as err:
                    # one damaged member (a broken download, an encrypted entry) must not
                    # stop the thousands of laws after it
                    report.errors.append(
                        (
                            f"{path.name}:{info.filename}",
                            i18n.tr(
                                f"zip内のファイルが壊れているため読めません（{err}）",
                                f"damaged zip member, not read ({err})",
                            ),
                        )
                    )
                    continue
                if len(data) > MAX_XML_BYTES:
                    report.errors.append((f"{path.name}:{info.filename}", "too large"))
                    continue
                yield f"{path.name}:{info.filename}", data
    except (zipfile.BadZipFile, OSError) as err:
        report.errors.append((str(path), str(err)))


def _unit_key(unit: Unit) -> str:
    return f"{unit.provision}|{unit.num or unit.title}"


def _unit_digest(unit: Unit) -> str:
    return hashlib.sha256(unit.text().encode("utf-8")).hexdigest()[:16]


def _label(key: str) -> str:
    provision, num = key.split("|", 1)
    prefix = "" if provision == MAIN else "附則" if provision.startswith("suppl") else ""
    if num and num[0].isdigit() and ":" not in num and provision != "appdx":
        parts = num.split("_")
        return prefix + f"第{parts[0]}条" + "".join(f"の{p}" for p in parts[1:])
    return prefix + num


def _search_text(law: Law, unit: Unit) -> str:
    # the caption twice: a question worded like a caption should find its article first
    return "\n".join([*unit.path, unit.caption, unit.title, unit.plain()])


def _law_info(row) -> LawInfo:
    values = list(row)
    values[4] = json.loads(values[4] or "[]")
    return LawInfo(*values)


sort_article_keys = sort_key
