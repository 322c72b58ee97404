"""The library on real files: Diet records and corpus documents, copied to a temp folder."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from desk_assistant.llm.engine import CancelToken
from desk_assistant.retrieval import Filters
from desk_assistant.tasks.library.diet import read_speeches
from desk_assistant.tasks.library.errors import LibraryReadOnlyError, NotAFolderError
from desk_assistant.tasks.library.library import Library

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
DIET = SHARED / "diet"
KEY = bytes(range(32))


@pytest.fixture
def folder(tmp_path):
    if not DIET.exists() or not CORPUS.exists():
        pytest.skip("shared data not available")
    src = tmp_path / "src"
    (src / "diet").mkdir(parents=True)
    shutil.copy2(DIET / "kokkai_api_meeting_session001_1947.xml", src / "diet")
    shutil.copy2(DIET / "kokkai_api_meeting_session212_shugiin_monka_2023.xml", src / "diet")
    (src / "docs").mkdir()
    shutil.copy2(CORPUS / "docx07_gif_499_faq_short.docx", src / "docs")
    shutil.copy2(CORPUS / "bad01_moj_meigi_shiyo_shinsei_RTF_named_as.doc", src / "docs")
    (src / "docs" / "memo.txt").write_text(
        "庁内メモ\n公用文の書き方について、令和5年4月1日から新しい手引を使う。\n", encoding="utf-8"
    )
    (src / "docs" / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    (src / "docs" / "~$lock.docx").write_bytes(b"lock")  # Word lock files are skipped
    (src / "docs" / "settings.json").write_text('{"a": 1}')  # not a Diet record: skipped
    return src


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "index" / "library.db", KEY)
    yield lib
    lib.close()


def test_diet_records_all_shapes_parse():
    if not DIET.exists():
        pytest.skip("shared data not available")
    counts = {
        p.name: len(read_speeches(p))
        for p in sorted(DIET.glob("*.*"))
        if p.suffix in (".xml", ".json")
    }
    assert sum(counts.values()) == 801
    speeches = read_speeches(DIET / "kokkai_api_meeting_session212_shugiin_monka_2023.xml")
    minister = [s for s in speeches if s.position == "文部科学大臣"]
    assert len(minister) == 65  # MANIFEST: answers by 文部科学大臣 (65)
    first = minister[0]
    assert (first.session, first.house, first.meeting, first.date) == (
        "212",
        "衆議院",
        "文部科学委員会",
        first.date,
    )
    assert first.url.startswith("https://kokkai.ndl.go.jp/") and first.speech_id
    dump = read_speeches(DIET / "gijiroku_search_speeches_202407_derived.json")
    assert sum(s.position == "防衛大臣" for s in dump) == 53


def test_raw_api_json_shape(tmp_path):
    if not DIET.exists():
        pytest.skip("shared data not available")
    speeches = read_speeches(DIET / "kokkai_api_meeting_session001_1947.xml")
    api = {
        "numberOfRecords": 1,
        "meetingRecord": [
            {
                "session": 1,
                "nameOfHouse": "衆議院",
                "nameOfMeeting": "労働委員会",
                "issue": "第1号",
                "date": "1947-07-28",
                "speechRecord": [
                    {
                        "speechID": s.speech_id,
                        "speechOrder": s.order,
                        "speaker": s.speaker,
                        "speakerPosition": s.position or None,
                        "speech": s.text,
                        "speechURL": s.url,
                    }
                    for s in speeches[:5]
                ],
            }
        ],
    }
    path = tmp_path / "api.json"
    path.write_text(json.dumps(api, ensure_ascii=False), encoding="utf-8")
    again = read_speeches(path)
    assert [s.text for s in again] == [s.text for s in speeches[:5]]
    assert (
        again[1].session == "1"
        and again[1].house == "衆議院"
        and again[1].position == (speeches[1].position or "")
    )


def test_reindex_reads_lists_failures_and_keeps_locations(folder, library):
    library.add_folder(folder)
    report = library.reindex()
    assert report.added == 4 and report.updated == 0
    failed = {f["path"].rsplit("/", 1)[-1]: f["reason"] for f in report.failed}
    assert set(failed) == {"bad01_moj_meigi_shiyo_shinsei_RTF_named_as.doc", "broken.pdf"}
    assert all(reason for reason in failed.values())
    assert library.failed() == report.failed
    hit = library.search("新しい手引", Filters(tags={"file_type": "txt"}))[0]
    assert hit.meta["name"] == "memo.txt" and hit.meta["location"]
    speech = library.search("勞働", Filters(fields={"meeting": "労働委員会"}))[0]
    for key in ("speech_id", "meeting", "house", "date", "speaker", "url", "session"):
        assert speech.meta[key], key
    assert speech.meta["date"] == "1947-07-28"


def test_incremental_reindex(folder, library):
    library.add_folder(folder)
    library.reindex()
    again = library.reindex()
    assert (again.added, again.updated, again.removed, again.passages) == (0, 0, 0, 0)
    assert again.unchanged == 4
    memo = folder / "docs" / "memo.txt"
    memo.write_text("庁内メモ\n文書管理の規程を改正した。\n", encoding="utf-8")
    (folder / "docs" / "new.txt").write_text(
        "新規の通知文書。電子決裁を原則とする。\n", encoding="utf-8"
    )
    (folder / "diet" / "kokkai_api_meeting_session001_1947.xml").unlink()
    report = library.reindex()
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert library.search("新しい手引", match="all") == []
    assert library.search("文書管理の規程")[0].meta["name"] == "memo.txt"
    assert library.search("電子決裁")[0].meta["name"] == "new.txt"
    assert library.search("勞働", Filters(date_to="1950-01-01")) == []


def test_cancel_then_resume(folder, library):
    library.add_folder(folder)
    token = CancelToken()
    seen = []

    def progress(done, total, n, files, path, eta):
        seen.append((n, files, eta))
        if n == 1:
            token.cancel()

    first = library.reindex(progress=progress, cancel=token)
    assert first.cancelled and first.added == 2
    second = library.reindex()
    assert not second.cancelled and second.added == 2 and second.unchanged == 2
    assert seen[0][2] is None and seen[1][2] is not None  # an ETA once something is done


def test_remove_folder_and_retention(folder, library, tmp_path):
    library.add_folder(folder / "docs")
    library.add_folder(folder / "diet")
    library.reindex()
    assert library.remove_folder(folder / "diet") == 2
    assert library.search("文部科学大臣") == [] or all(
        h.meta["kind"] == "document" for h in library.search("文部科学大臣")
    )
    with pytest.raises(NotAFolderError):
        library.remove_folder(folder / "diet")
    with pytest.raises(NotAFolderError):
        library.add_folder(tmp_path / "missing")
    import time

    assert library.apply_retention(30, now=time.time() + 31 * 86400) == 2
    assert library.index.count() == 0


def test_read_only_library_refuses_changes(folder, library, tmp_path):
    library.add_folder(folder / "docs")
    library.reindex()
    library.close()
    with Library.open(library.index.path, KEY, read_only=True) as ro:
        assert ro.search("新しい手引")
        with pytest.raises(LibraryReadOnlyError):
            ro.add_folder(folder)
        with pytest.raises(LibraryReadOnlyError):
            ro.reindex()


def test_every_registered_format_is_indexed_excel_and_powerpoint_too(tmp_path, library):
    """The scan's suffixes come from the format registry: an Excel form and a
    PowerPoint deck from the shared corpus are found by search, with their locations;
    a macro-enabled book is listed as failed with its reason."""
    from desk_assistant.documents.formats import input_suffixes
    from desk_assistant.tasks.library.sources import SUFFIXES

    office = CORPUS / "office"
    if not office.exists():
        pytest.skip("shared data not available")
    assert set(input_suffixes()) <= set(SUFFIXES)
    src = tmp_path / "office"
    src.mkdir()
    book = next(office.glob("xlsx04*.xlsx"))
    deck = next(office.glob("pptx04*.pptx"))
    shutil.copy2(book, src)
    shutil.copy2(deck, src)
    macro = src / "macro.xlsm"  # a book with macros: refused, and the list says why
    shutil.copy2(book, macro)
    with zipfile.ZipFile(macro, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro code")
    library.add_folder(src)
    report = library.reindex()
    assert report.added == 2
    failed = {f["path"].rsplit("/", 1)[-1]: f["reason"] for f in report.failed}
    assert set(failed) == {"macro.xlsm"} and failed["macro.xlsm"]
    hit = library.search("開発行為許可申請書", Filters(tags={"file_type": "xlsx"}))[0]
    assert hit.meta["name"] == book.name and hit.meta["location"].startswith("sheet1!")
    hit = library.search("データの価値を理解しましょう", Filters(tags={"file_type": "pptx"}))[0]
    assert hit.meta["name"] == deck.name and hit.meta["location"].startswith("slide")
