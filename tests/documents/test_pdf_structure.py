"""PDF page structure: tables, reading order, page-break joins, titles outside the
flow and private-use glyphs, on real corpus files and hand-made PDFs."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from doc_helpers import CORPUS, loaded_corpus_document, needs_corpus
from pdf_ja_builder import JaPdf

from desk_assistant import documents
from desk_assistant.documents.pdf import bilingual_rows
from desk_assistant.documents.simple_docx import write_bilingual_docx

CELL = re.compile(r"pdf/page(\d+)/table(\d+)/r(\d+)c(\d+)")


@pytest.fixture(scope="module")
def corpus_pdf():
    def get(name: str):
        if not (CORPUS / name).exists():
            pytest.skip(f"corpus file {name} not available")
        result = loaded_corpus_document(name)
        if isinstance(result, Exception):
            raise result
        return result

    return get


def tables_of(doc) -> dict[str, dict[tuple[int, int], str]]:
    """{"pdf/page1/table1": {(row, column): text}}"""
    out: dict[str, dict[tuple[int, int], str]] = {}
    for block in doc.blocks:
        cell = CELL.fullmatch(block.location)
        if cell:
            assert block.kind == "table_cell"
            key = block.location.rsplit("/", 1)[0]
            out.setdefault(key, {})[int(cell.group(3)), int(cell.group(4))] = block.text
    return out


# --- real files ---------------------------------------------------------------


@needs_corpus
def test_pdf09_bilingual_table_keeps_its_columns(corpus_pdf):
    """対訳 table: English original | 仮訳 | 要綱案の考え方 — a cell never mixes the
    English column with the Japanese one (pypdf interleaved them line by line)."""
    doc = corpus_pdf("pdf09_moj_MLETR_bilingual_taishohyo.pdf")
    tables = tables_of(doc)
    assert {int(CELL.fullmatch(k + "/r1c1").group(1)) for k in tables} == set(range(1, 12))
    first = tables["pdf/page1/table1"]
    assert (first[1, 2], first[1, 3], first[1, 4]) == ("原文", "仮訳", "要綱案の考え方")
    english = [t for cells in tables.values() for (r, c), t in cells.items() if c == 2 and r > 1]
    japanese = [t for cells in tables.values() for (r, c), t in cells.items() if c == 3 and r > 1]
    assert len(english) >= 15 and len(japanese) >= 15
    kana = re.compile("[\u3040-\u30ff]")
    assert all(not kana.search(t) for t in english), (
        "a Japanese line leaked into the English column"
    )
    assert all(len(re.findall("[A-Za-z]", t)) < 0.2 * len(t) for t in japanese)
    assert "1. This Law applies to electronic transferable records." in first[2, 2]
    assert first[2, 3].startswith("1．この法は、電子的移転可能記録に適用される。")
    # Outside the tables only the page title and the closing 「以上」: nothing of the table.
    outside = [b.text for b in doc.blocks if b.kind == "pdf_page"]
    assert outside == ["参考資料 １６－３", "MLETR 対照表", "以上"]


@needs_corpus
def test_pdf12_member_list_is_a_table_with_title_and_date_first(corpus_pdf):
    """Borderless member list: affiliation and name stay in one row (pypdf glued two
    members into one line), and the title and date drawn last come first."""
    doc = corpus_pdf("pdf12_moj_bukai_iin_meibo_1page.pdf")
    texts = [b.text for b in doc.blocks]
    assert texts[:3] == [
        "法制審議会商法（船荷証券等関係）部会委員等名簿",
        "（令和６年７月２４日現在）",
        "（注）○印は法制審議会委員を示す。",
    ]
    (table,) = tables_of(doc).values()
    rows: dict[int, list[str]] = {}
    for (r, _c), text in sorted(table.items()):
        rows.setdefault(r, []).append(text)
    pairs = {tuple(cells) for cells in rows.values()}
    assert ("弁護士（第一東京弁護士会）", "雨宮正啓") in pairs
    assert ("三菱倉庫株式会社総務部副部長兼広報室長代理", "猪俣祐加子") in pairs
    assert ("法務省大臣官房審議官", "内野宗揮") in pairs
    assert ("同志社大学大学院司法研究科教授", "○", "洲崎博史") in pairs
    # Two members never share a cell: no cell holds two of the names.
    names = {"藤田友敬", "雨宮正啓", "猪俣祐加子", "内野宗揮", "田中隆之", "北澤安紀", "竹内努"}
    assert all(sum(n in t for n in names) <= 1 for t in table.values())
    assert len(rows) >= 25


@needs_corpus
def test_pdf15_change_record_table(corpus_pdf):
    """A third table PDF (English, JMA): the change record on page 3, cell by cell."""
    doc = corpus_pdf("pdf15_jma_himawari_standard_data_users_guide_en_v12.pdf")
    table = tables_of(doc)["pdf/page3/table1"]
    assert (table[1, 1], table[1, 2], table[1, 3]) == ("Issue/revision", "Date", "Description")
    assert (table[2, 1], table[2, 2], table[2, 3]) == (
        "Version 1.0",
        "31 October, 2013",
        "Original edition",
    )
    assert table[4, 2] == "20 May, 2015"


@needs_corpus
def test_pdf06_words_cut_by_page_breaks_are_joined(corpus_pdf):
    """Minutes: 45 paragraphs ran over a page break (「プラットフォ」|「ーム」 on pages
    32/33); each is now one block on the page where it starts."""
    doc = corpus_pdf("pdf06_moj_hoseishingikai_shoho_bukai_dai3kai_gijiroku.pdf")
    joined = next(b for b in doc.blocks if "プラットフォームですとか、Ｂｏｌｅｒｏ" in b.text)
    assert joined.page == 32 and joined.location.startswith("pdf/page32/")
    assert not any(b.text.endswith("プラットフォ") or b.text.startswith("ーム") for b in doc.blocks)
    ends = [
        (a.text[-1], b.text[:1])
        for a, b in zip(doc.blocks, doc.blocks[1:], strict=False)
        if a.page != b.page
    ]
    open_ends = [pair for pair in ends if pair[0] not in "。．.」）)"]
    assert len(open_ends) <= 2, open_ends


@needs_corpus
def test_pdf_tables_are_word_tables_in_the_translation(corpus_pdf, tmp_path):
    doc = corpus_pdf("pdf12_moj_bukai_iin_meibo_1page.pdf")
    replacements = {b.location: f"EN {b.text}" for b in doc.blocks}
    out = tmp_path / "meibo.docx"
    assert doc.save_as(out, replacements) == []
    written = docx.Document(str(out))
    assert written.paragraphs[0].text == "EN 法制審議会商法（船荷証券等関係）部会委員等名簿"
    (table,) = written.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert ["EN 弁護士（第一東京弁護士会）", "", "EN 雨宮正啓"] in rows


@needs_corpus
def test_bilingual_output_shows_a_pdf_table_as_tables(corpus_pdf, tmp_path):
    doc = corpus_pdf("pdf15_jma_himawari_standard_data_users_guide_en_v12.pdf")
    entries = [(b.location, b.text, f"訳 {b.text}") for b in doc.blocks if b.page in (1, 3)]
    rows = bilingual_rows(entries)
    tables = [r for r in rows if not isinstance(r[0], str)]
    assert len(tables) == 1
    out = tmp_path / "bilingual.docx"
    write_bilingual_docx(out, rows)
    (outer,) = docx.Document(str(out)).tables
    nested = [t for row in outer.rows for cell in row.cells for t in cell.tables]
    assert len(nested) == 2  # the source table beside the translated one
    assert nested[1].rows[1].cells[1].text == "訳 31 October, 2013"


# --- hand-made files ----------------------------------------------------------

FULL_1 = "第１条　この規則は、審議会の運営に関し必要な"
FULL_2 = "事項を定めるものとし、会長が定める必要な事"


def load_built(tmp_path, pdf: JaPdf, name: str = "made.pdf"):
    path = tmp_path / name
    path.write_bytes(pdf.build())
    return documents.load(path)


def test_a_word_cut_by_a_page_break_is_joined(tmp_path):
    pdf = JaPdf().page().text(72, 760, FULL_1).text(72, 745, FULL_2).text(290, 40, "- 1 -")
    pdf.page().text(72, 760, "項は別に定める。").text(290, 40, "- 2 -")
    doc = load_built(tmp_path, pdf)
    assert [b.text for b in doc.blocks] == [
        "第１条　この規則は、審議会の運営に関し必要な事項を定めるものとし、"
        "会長が定める必要な事項は別に定める。"
    ]
    assert doc.blocks[0].page == 1


def test_a_finished_sentence_or_a_new_item_is_not_joined(tmp_path):
    pdf = (
        JaPdf()
        .page()
        .text(72, 760, FULL_1)
        .text(72, 745, "事項を定めるものとし、会長が定める必要な。")
    )
    pdf.page().text(72, 760, "項は別に定める。")
    pdf.page().text(72, 760, FULL_1).text(72, 745, FULL_2)
    pdf.page().text(72, 760, "第２条　会長は会務を総理する。")
    doc = load_built(tmp_path, pdf)
    assert [b.page for b in doc.blocks] == [1, 2, 3, 4]


def test_title_and_date_drawn_after_a_table_come_before_it(tmp_path):
    """The municipal case: title and 「（平成３０年６月２８日現在）」 drawn outside the
    text flow, around a ruled table; both kept, each its own block, before the table."""
    pdf = JaPdf().page()
    for y in (700, 680, 660, 640):
        pdf.rule(72, y, 472, y)
    for x in (72, 272, 472):
        pdf.rule(x, 640, x, 700)
    pdf.text(80, 686, "施設名").text(280, 686, "所在地")
    pdf.text(80, 666, "中央図書館").text(280, 666, "本町一丁目")
    pdf.text(80, 646, "東図書館").text(280, 646, "東町二丁目")
    pdf.text(180, 760, "市立図書館一覧").text(330, 730, "（平成３０年６月２８日現在）")
    doc = load_built(tmp_path, pdf)
    assert [b.text for b in doc.blocks[:2]] == ["市立図書館一覧", "（平成３０年６月２８日現在）"]
    assert tables_of(doc)["pdf/page1/table1"] == {
        (1, 1): "施設名",
        (1, 2): "所在地",
        (2, 1): "中央図書館",
        (2, 2): "本町一丁目",
        (3, 1): "東図書館",
        (3, 2): "東町二丁目",
    }


def test_private_use_glyphs_are_reported_not_passed_on(tmp_path, english):
    pdf = JaPdf().page().text(72, 760, "確認済み\uf0fc").text(72, 700, "次の項目\uf0fcを確認する。")
    doc = load_built(tmp_path, pdf)
    text = doc.plain_text()
    assert "\uf0fc" not in text and "確認済み" in text and "次の項目を確認する。" in text
    (warning,) = [w for w in doc.warnings if "could not be turned into text" in w]
    assert warning.startswith("2 symbols") and "page 1" in warning
    assert doc.to_dict()["dropped_glyphs"] == {"private_use": 2}


def test_private_use_warning_in_japanese(tmp_path):
    doc = load_built(tmp_path, JaPdf().page().text(72, 760, "確認済み\uf0fc"))
    assert any("文字に変換できない記号・外字が 1 字" in w for w in doc.warnings)


def test_a_page_pdfplumber_cannot_read_keeps_pypdf_text(tmp_path, monkeypatch):
    from desk_assistant.documents import pdf_layout

    def broken(page):
        raise ValueError("layout failed")

    monkeypatch.setattr(pdf_layout, "page_layout", broken)
    doc = load_built(tmp_path, JaPdf().page().text(72, 760, FULL_1))
    assert doc.layout_pages == [] and doc.plain_text() == FULL_1


def test_hanging_indent_list_is_text_not_a_table(tmp_path):
    """「ア　…」 items whose continuation lines hang under the text: a list."""
    pdf = JaPdf().page()
    y = 760
    for marker in "アイウ":
        pdf.text(72, y, marker).text(93, y, "地方公共団体や民間の組織によって活用されることを意識")
        pdf.text(93, y - 15, "して書く。")
        y -= 30
    doc = load_built(tmp_path, pdf)
    assert not tables_of(doc)
    assert [b.text[:3] for b in doc.blocks] == ["ア\u3000地", "イ\u3000地", "ウ\u3000地"]
    assert doc.blocks[0].text.endswith("意識して書く。")


def test_docx_package_lists_the_pdf_table_once(tmp_path):
    """The translated .docx of a PDF with a table is a valid package with one table."""
    pdf = JaPdf().page()
    for y in (700, 680, 660):
        pdf.rule(72, y, 472, y)
    for x in (72, 272, 472):
        pdf.rule(x, 660, x, 700)
    pdf.text(80, 686, "項目").text(280, 686, "内容").text(80, 666, "日時").text(
        280, 666, "午前十時"
    )
    doc = load_built(tmp_path, pdf)
    out = tmp_path / "t.docx"
    doc.save_as(out)
    with zipfile.ZipFile(out) as package:
        assert package.read("word/document.xml").count(b"<w:tbl>") == 1


def test_pages_over_the_layout_limits_keep_pypdf_text(tmp_path, monkeypatch):
    """pdfminer makes an object per character: a page with very many (a 2 MB string
    in one Tj, fuzz case pdf_long) is not laid out; pypdf's text stands."""
    from desk_assistant.documents import limits

    pdf = JaPdf().page().text(72, 760, FULL_1).page().text(72, 760, FULL_2)
    monkeypatch.setattr(limits, "MAX_LAYOUT_PAGE_CHARS", len(FULL_1) - 1)
    doc = load_built(tmp_path, pdf)
    assert doc.layout_pages == [2]
    assert doc.plain_text() == FULL_1 + FULL_2  # pypdf page, laid-out page, joined
    monkeypatch.setattr(limits, "MAX_LAYOUT_PAGE_CHARS", 1000)
    monkeypatch.setattr(limits, "MAX_LAYOUT_PAGE_OPERATIONS", 1)
    assert load_built(tmp_path, pdf, "b.pdf").layout_pages == []
    monkeypatch.setattr(limits, "MAX_LAYOUT_PAGE_OPERATIONS", 1000)
    monkeypatch.setattr(limits, "MAX_LAYOUT_CHARS", len(FULL_1) + 1)
    assert load_built(tmp_path, pdf, "c.pdf").layout_pages == [1]


@needs_corpus
def test_pdf09_a_row_cut_by_the_page_break_is_one_row(corpus_pdf):
    """Article 2's row runs from page 1 onto page 2 (its label cell empty there): each
    of its cells is one block, on page 1, not two fragments."""
    doc = corpus_pdf("pdf09_moj_MLETR_bilingual_taishohyo.pdf")
    tables = tables_of(doc)
    row = tables["pdf/page1/table1"]
    assert "logically associated with or otherwise linked together so as to become part" in (
        row[3, 2].replace("\n", " ")
    )
    assert row[3, 3].endswith("移転することができるようにするものをいう。")
    assert not [k for k in tables["pdf/page2/table1"] if k[0] == 1]


def test_two_columns_of_running_text_are_read_one_after_the_other(tmp_path):
    """A two-column page (baselines side by side): column 1 to its end, then column 2;
    pypdf's order reads across both columns line by line."""
    left = [
        "本市は、地域の防災力を高めるため、",
        "自主防災組織の結成を支援しています。",
        "結成には町内会の同意が必要です。あ",
        "わせて訓練の計画も提出してください。",
    ]
    right = [
        "補助金の申請は、毎年四月一日から五",
        "月末日までに、市役所防災課の窓口で",
        "受け付けます。必要な書類は、申請書",
        "と組織の名簿です。詳しくは同課へ。",
    ]
    pdf = JaPdf().page()
    for k, (a, b) in enumerate(zip(left, right, strict=True)):
        pdf.text(50, 760 - 16 * k, a).text(300, 760 - 16 * k, b)
    doc = load_built(tmp_path, pdf)
    text = doc.plain_text().replace("\n", "")
    assert text == "".join(left) + "".join(right)
    assert not tables_of(doc)


def test_a_date_stamped_on_as_an_annotation_is_kept(tmp_path):
    """「（平成３０年６月２８日現在）」 added with a PDF editor (a FreeText annotation) is
    not in the page's text at all for pypdf; it is read, in its place at the top."""
    pdf = (
        JaPdf()
        .page()
        .text(180, 790, "市立図書館一覧")
        .text(72, 700, "中央図書館は本町一丁目にあります。")
    )
    pdf.free_text("（平成３０年６月２８日現在）", rect=(380, 760, 560, 776))
    doc = load_built(tmp_path, pdf)
    assert [b.text for b in doc.blocks] == [
        "市立図書館一覧",
        "（平成３０年６月２８日現在）",
        "中央図書館は本町一丁目にあります。",
    ]


def test_a_glyph_with_no_character_mapping_is_reported(tmp_path, english):
    """A code the font's ToUnicode map leaves out: pdfminer says "(cid:4)"; that text
    never reaches a task, the warning says one glyph was left out."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
    import fuzz_cases as fc

    data = fc.type0_pdf(
        fc.cmap(b"3 beginbfchar <0001> <6587> <0002> <66F8> <0003> <3067> endbfchar"),
        b"BT /F1 12 Tf 72 720 Td <0001000200030004> Tj ET",
    )
    path = tmp_path / "cid.pdf"
    path.write_bytes(data)
    doc = documents.load(path)
    assert doc.plain_text() == "文書で"
    assert doc.to_dict()["dropped_glyphs"] == {"unmapped": 1}
    assert any(w.startswith("1 symbols or custom characters") for w in doc.warnings)


# --- paragraphs shown by position only ------------------------------------------


@needs_corpus
def test_pdf07_a_paragraph_indented_by_position_only_starts_a_block(corpus_pdf):
    """pdf07 sets a paragraph's first line in by one character with no space glyph:
    「…業界基準に関する規定」 (a quoted item) and 「そのため、…」 were one block."""
    doc = corpus_pdf("pdf07_moj_chukan_shian_hosoku_setsumei.pdf")
    texts = [b.text for b in doc.blocks]
    assert not any("規定そのため" in t for t in texts)
    start = next(t for t in texts if t.startswith("そのため、我が国においても"))
    assert start.endswith("甲案、乙案又は丙案の３つの案を示している。")
    # The paragraphs of ⑵ 甲案 are their own blocks, each ending its sentence.
    page = [b.text for b in doc.blocks if b.page == 28]
    assert (
        "甲案は、電子船荷証券記録に関して、一般的な信頼性の要件を明示的に定めることはしないというものである。"
        in page
    )
    assert any(t.startswith("電子船荷証券記録に対する一定の信頼性") for t in page)


@needs_corpus
def test_pdf12_stacked_affiliations_stay_on_their_lines(corpus_pdf):
    """A member list cell with two affiliations, each spread over the cell's width
    (均等割付): one line each, not glued into one string."""
    doc = corpus_pdf("pdf12_moj_bukai_iin_meibo_1page.pdf")
    (table,) = tables_of(doc).values()
    cells = set(table.values())
    assert "一般社団法人日本船主協会\n弁護士（東京弁護士会）" in cells
    assert "一般社団法人日本海運集会所\n海事知見事業グループグループ長" in cells
    assert "日本船主責任相互保険組合\n国際業務部、アンダーライティング統括部長" in cells
    assert not any("日本船主協会弁護士" in cell for cell in cells)


def test_a_first_line_set_in_by_position_is_a_new_paragraph(tmp_path):
    """No space glyph drawn: the line starts one character right of the lines around
    it. A previous paragraph whose last line is full is not glued to it."""
    em = 10.5
    pdf = (
        JaPdf()
        .page()
        .text(72, 760, FULL_1)
        .text(72, 745, "事項を定めるものとし、会長が定める必要な規定")
        .text(72 + em, 730, "そのため、この規則は審議会の運営に関し必要")
        .text(72, 715, "な事項を定める。")
    )
    doc = load_built(tmp_path, pdf)
    texts = [b.text for b in doc.blocks]
    assert len(texts) == 2 and texts[1].startswith("そのため、"), texts


def test_a_hanging_bullet_item_is_not_split_by_the_position_rule(tmp_path):
    """「・」 items whose second line hangs one character in: still one block each."""
    em = 10.5
    pdf = JaPdf().page()
    y = 760
    for _ in range(3):
        pdf.text(72, y, "・地方公共団体や民間の組織によって活用されることを意")
        pdf.text(72 + em, y - 15, "識して書くこととし、必要な事項を定める。")
        y -= 30
    doc = load_built(tmp_path, pdf)
    assert [b.text[:2] for b in doc.blocks] == ["・地", "・地", "・地"], [
        b.text for b in doc.blocks
    ]


@needs_corpus
def test_pdf01_index_in_two_columns_is_read_one_column_after_the_other(corpus_pdf):
    """The 索引 is set in two columns of (term, pages): each column is a table of its
    own, left first, a row per entry with its cross references (「⇒読み手」) and the
    pages carried onto the next line; rows no longer run across both columns."""
    doc = corpus_pdf("pdf01_bunka_koyobun_sakusei_no_kangaekata_2022.pdf")
    tables = {k: v for k, v in tables_of(doc).items() if k.startswith("pdf/page50/")}
    assert sorted(tables) == ["pdf/page50/table1", "pdf/page50/table2"]
    left, right = (tables[f"pdf/page50/table{n}"] for n in (1, 2))
    pairs = {
        (cells.get((r, 1)), cells.get((r, 2)))
        for cells in (left, right)
        for r in {r for r, _ in cells}
    }
    assert ("曖昧さ", "…(6),25,33") in pairs
    assert ("相手\n⇒読み手", "…(6)(7),\n2,4,7,20,27,28,30,34") in pairs
    assert ("アルファベット\n⇒ラテン文字 ⇒ローマ字", "…(5),19,20,22") in pairs
    assert ("一般", "…(1)(3),2,5,7,9,12-17, 22,23,27,30") in pairs
    assert all(max(c for _, c in cells) == 2 for cells in (left, right))
    # The left column's entries (あ…) come before the right column's (いっぱん…).
    order = [b.location for b in doc.blocks if b.location.startswith("pdf/page50/table")]
    assert order.index("pdf/page50/table1/r3c1") < order.index("pdf/page50/table2/r1c1")
    assert not any("一般" in text for text in left.values())
    # Where the gutter finder merged one column's pages with the next one's terms
    # (p.53: 「…(1)(2),3,4 ⇒多言語 ⇒外国語」 was one cell), the column is cut between them.
    p53 = {k: v for k, v in tables_of(doc).items() if k.startswith("pdf/page53/")}
    assert len(p53) == 2 and all(max(c for _, c in cells) == 2 for cells in p53.values())
    texts = {text for cells in p53.values() for text in cells.values()}
    assert {"言語\n⇒多言語 ⇒外国語", "記録・公開資料等", "…(1)(2),3,4"} <= texts
    # The page number under the columns (「<2>」) is no index entry: dropped, as page
    # numbers are, and not glued to the next page's 「索 引」.
    assert not any("<2>" in b.text for b in doc.blocks)
    assert "索 引" in [b.text for b in doc.blocks if b.page == 51]
