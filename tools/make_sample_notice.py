"""Writes resources/samples/notice_ja.docx: a short, fictional Japanese official
notice used by `make demo` and tests. Run again only to change the sample."""

from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "resources" / "samples" / "notice_ja.docx"

doc = Document()
style = doc.styles["Normal"]
style.font.size = Pt(10.5)
doc.sections[0].header.paragraphs[0].text = "総務課発第128号"
doc.add_paragraph("令和8年11月20日")
doc.add_paragraph("職員各位")
doc.add_paragraph("総務部総務課長")
title = doc.add_paragraph()
run = title.add_run("本庁舎の電気設備点検に伴う停電について（お知らせ）")
run.bold = True
doc.add_paragraph(
    "本庁舎の電気設備の法定点検を実施するため、下記のとおり全館停電となります。"
    "停電中はパソコン、複合機及び庁内ネットワークが使用できませんので、"
    "業務に支障のないよう事前に準備をお願いします。"
)
doc.add_paragraph("記")
items = [
    "１　日時　令和8年12月5日（土）午前8時30分から午後5時まで",
    "２　対象　本庁舎の全フロア（別館及び第2庁舎は対象外）",
    "３　お願い　停電前日の12月4日（金）午後6時までに、パソコンの電源を切ってください。",
    "４　その他　点検費用は約120万円で、本年度予算の範囲内で執行します。",
]
for item in items:
    doc.add_paragraph(item)
table = doc.add_table(rows=3, cols=2)
table.style = "Table Grid"
cells = [
    ("時刻", "作業内容"),
    ("午前8時30分", "停電開始・受変電設備の点検"),
    ("午後5時", "送電再開・機器の動作確認"),
]
for row, (a, b) in zip(table.rows, cells, strict=True):
    row.cells[0].text = a
    row.cells[1].text = b
doc.add_paragraph("問合せ先　総務課庶務係（内線2345）")
doc.add_paragraph("以上")
OUT.parent.mkdir(parents=True, exist_ok=True)
doc.save(OUT)
print(OUT)
