"""The retrieval layer on small real-language passages: terms, ranking, filters, sealing."""

from __future__ import annotations

import os

import pytest

from desk_assistant.retrieval import (
    Filters,
    Index,
    NotAnIndexError,
    Passage,
    ReadOnlyIndexError,
    WrongKeyError,
    query_groups,
    split_text,
    terms,
)

KEY = bytes(range(32))

PASSAGES = [
    Passage(
        "個人情報保護委員会は、事業者からの申込みを受け付けた。",
        meta={"n": "privacy"},
        day="2023-11-08",
        tags={"file_type": "docx", "house": "衆議院"},
        fields={"speaker": "盛山正仁", "position": "文部科学大臣"},
    ),
    Passage(
        "防衛大臣は、防衛力整備計画の予算について説明した。",
        meta={"n": "defence"},
        day="2024-07-30",
        tags={"file_type": "pdf", "house": "参議院"},
        fields={"speaker": "木原稔", "position": "防衛大臣"},
    ),
    Passage(
        "勞働委員會において、勞働基準法の施行状況を審議した。",
        meta={"n": "labour1947"},
        day="1947-07-28",
        tags={"file_type": "xml", "house": "衆議院"},
        fields={"speaker": "米窪満亮", "position": "勞働大臣"},
    ),
    Passage(
        "教員の働き方改革として、部活動の地域移行を進める。",
        meta={"n": "teachers"},
        day="2023-11-01",
        tags={"file_type": "docx", "house": "衆議院"},
        fields={"speaker": "盛山正仁", "position": "文部科学大臣"},
    ),
]


@pytest.fixture
def index(tmp_path):
    ix = Index.open(tmp_path / "lib.db", KEY)
    ix.replace_source("src:a", PASSAGES[:2], content_hash="h1", info={"path": "a"})
    ix.replace_source("src:b", PASSAGES[2:], content_hash="h2", info={"path": "b"})
    yield ix
    ix.close()


def names(hits):
    return [h.meta["n"] for h in hits]


def test_compound_found_by_its_parts_and_parts_by_the_compound(index):
    assert names(index.search("個人情報")) == ["privacy"]
    assert names(index.search("保護委員会", match="all")) == ["privacy"]
    assert names(index.search("保護委員会"))[0] == "privacy"  # then 勞働委員會 (委員会 only)
    assert names(index.search("個人情報保護委員会")) == ["privacy"]
    assert terms("個人情報保護委員会")[0].norm == "個人情報保護委員会"  # C mode keeps the compound


def test_normalized_forms_and_old_kanji_match(index):
    assert names(index.search("申し込み")) == ["privacy"]  # 申込み in the text
    assert names(index.search("労働基準法")) == ["labour1947"]  # 勞働 in the text


def test_question_words_do_not_match_everything(index):
    words = [w for w, _ in query_groups("教員の働き方改革についてどう答弁したか")]
    assert "つく" not in words and "どう" not in words
    assert names(index.search("教員の働き方改革についてどう答弁したか"))[0] == "teachers"


def test_more_matches_rank_first(index):
    hits = index.search("防衛大臣 予算 教員", match="any")
    assert names(hits)[0] == "defence"
    assert hits[0].score > hits[-1].score


def test_filters(index):
    assert names(index.search("", Filters(fields={"position": "文部科学大臣"}))) != []
    assert set(names(index.search("", Filters(fields={"position": "文部科学大臣"})))) == {
        "privacy",
        "teachers",
    }
    assert names(index.search("大臣", Filters(tags={"house": "参議院"}))) == ["defence"]
    assert names(index.search("", Filters(fields={"position": "大臣"}))) != []  # a part alone
    assert names(index.search("", Filters(fields={"position": "副大臣"}))) == []  # not a word of it
    assert names(index.search("委員会", Filters(date_to="1950-12-31"))) == ["labour1947"]
    assert names(index.search("予算", Filters(date_from="2023-01-01", date_to="2023-12-31"))) == []
    assert set(names(index.search("", Filters(tags={"file_type": "DOCX"})))) == {
        "privacy",
        "teachers",
    }
    # a field filter whose words are all stop words matches nothing, not everything
    assert index.search("大臣", Filters(fields={"speaker": "の"})) == []


def test_snippet_highlights_the_matched_words(index):
    hit = index.search("個人情報の申込み")[0]
    assert hit.snippet.marked() == "【個人情報】保護委員会は、事業者からの【申込み】を受け付けた。"
    assert set(hit.matched) == {"個人情報", "申し込み"}


def test_long_passage_snippet_is_a_window_around_the_match(tmp_path):
    text = "前置きの文章です。" * 60 + "ここに特定秘密の語がある。" + "後書きの文章です。" * 60
    with Index.open(tmp_path / "l.db", KEY) as ix:
        ix.replace_source("long", [Passage(text)])
        hit = ix.search("特定秘密")[0]
    assert len(hit.snippet.text) <= 162
    assert "【特定秘密】" in hit.snippet.marked()
    assert hit.snippet.text.startswith("…")


def test_replace_and_remove_keep_the_index_clean(index):
    index.replace_source("src:a", [Passage("差し替え後の本文。")], content_hash="h1b")
    assert index.search("個人情報") == []
    assert [h.text for h in index.search("差し替え")] == ["差し替え後の本文。"]
    assert index.source("src:a").content_hash == "h1b"
    assert index.remove_source("src:a") and index.remove_source("src:b")
    assert not index.remove_source("src:b")
    assert index.count() == 0
    assert index._db.execute("SELECT count(*) FROM fts_vocab").fetchone()[0] == 0
    index._db.execute("INSERT INTO fts(fts) VALUES ('integrity-check')")


def test_sources_and_passages_of(index):
    assert [s.key for s in index.sources()] == ["src:a", "src:b"]
    assert [s.passages for s in index.sources()] == [2, 2]
    assert [h.meta["n"] for h in index.passages_of("src:b")] == ["labour1947", "teachers"]


def test_more_like_this(tmp_path):
    with Index.open(tmp_path / "m.db", KEY) as ix:
        ix.replace_source(
            "s",
            [
                Passage("部活動の地域移行と教員の働き方改革。", meta={"n": 0}),
                Passage("部活動の地域移行は教員の負担を減らす。", meta={"n": 1}),
                Passage("防衛装備品の調達について。", meta={"n": 2}),
                Passage("外交と安全保障の方針。", meta={"n": 3}),
            ],
        )
        similar = ix.more_like_this(ix.search("働き方改革")[0].passage_id)
    assert [h.meta["n"] for h in similar] == [1]


def test_wrong_key_is_refused(tmp_path, index):
    with pytest.raises(WrongKeyError):
        Index.open(index.path, bytes(32))


def test_not_an_index(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(NotAnIndexError):
        Index.open(junk, KEY)
    with pytest.raises(NotAnIndexError):
        Index.open(tmp_path / "missing.db", KEY, read_only=True)


def test_read_only_opening_searches_and_refuses_writes(tmp_path, index):
    index.close()
    os.chmod(index.path, 0o444)
    os.chmod(index.path.parent, 0o555)  # a share the client cannot write
    try:
        with Index.open(index.path, KEY, read_only=True) as ro:
            assert names(ro.search("個人情報")) == ["privacy"]
            with pytest.raises(ReadOnlyIndexError):
                ro.remove_source("src:a")
        assert not list(index.path.parent.glob("*-journal"))
    finally:
        os.chmod(index.path.parent, 0o755)
        os.chmod(index.path, 0o644)


SENTINEL = "極秘センチネル語句XQZV93847"


def test_no_plaintext_in_the_index_files(tmp_path):
    folder = tmp_path / "idx"
    with Index.open(folder / "lib.db", KEY) as ix:
        ix.replace_source(
            "/secret/path/機密文書.docx",
            [
                Passage(
                    f"本文に{SENTINEL}を含む。個人情報保護委員会",
                    meta={"file": "機密文書.docx"},
                    fields={"speaker": "機密太郎"},
                    tags={"folder": "/secret/path"},
                )
            ],
        )
        assert ix.search(SENTINEL)  # it is searchable …
        ix.replace_source("other", [Passage("別の本文")])
        ix.remove_source("other")
    probes = [SENTINEL, "XQZV93847", "個人情報", "機密文書", "機密太郎", "/secret/path"]
    for path in folder.rglob("*"):
        data = path.read_bytes()
        for probe in probes:  # … but no file holds it in UTF-8, UTF-16 or hex
            for encoded in (
                probe.encode("utf-8"),
                probe.encode("utf-16-le"),
                probe.encode().hex().encode(),
            ):
                assert encoded not in data, (path, probe)


def test_sudachi_byte_limit_is_respected():
    text = "行政文書の管理に関する規則を定める。" * 6000  # ~320 KB of UTF-8 in one string
    found = terms(text)
    assert len(found) > 6000 * 4
    assert found[-1].end <= len(text)


def test_split_text_cuts_at_sentence_ends():
    text = "".join(f"第{i}の文はここで終わる。" for i in range(100))
    pieces = split_text(text, max_chars=200)
    assert all(len(p) <= 200 for _, p in pieces)
    assert all(p.endswith("。") for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert "".join(p for _, p in pieces) == text


def test_a_long_question_without_an_all_word_match_ranks_on_its_rarest_words(tmp_path):
    # Eleven passages share the common words; one also has the rare ones. No passage has
    # every word of the question, so the "any word" fallback ranks on the rarest words
    # only (on a big index, the common ones make it rank most of the index): those words
    # are the rare ones, and the passage holding them comes first.
    common = "政府は会議において説明を行い、委員は質問をした。"
    rare = Passage("潜水艦の修理契約について監察を行った。" + common, meta={"n": "rare"})
    ix = Index.open(tmp_path / "lib.db", KEY)
    ix.replace_source("src:c", [Passage(common, meta={"n": f"c{i}"}) for i in range(11)] + [rare])
    question = (
        "政府の会議で委員が説明し質問した潜水艦の修理契約の監察と防衛装備の予算はどうなったか"
    )
    groups = query_groups(question)
    assert len(groups) > Index._FALLBACK_WORDS
    picked = {norm for norm, _ in ix._rarest(groups)}
    assert "潜水艦" in picked and "修理" in picked, picked
    assert not {"政府", "会議", "委員"} & picked, picked
    hits = ix.search(question, limit=3)
    ix.close()
    assert hits and hits[0].meta["n"] == "rare"
