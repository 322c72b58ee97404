"""Real government documents from ../shared/corpus: no crash, and a bounded, reviewed
false-positive behaviour.

The bounds below come from reading every warning and error the rules give on
these files (2026-11, see the issue 6 note): the findings at error severity are
all real unbalanced brackets, and the FAQ document's only warnings are its
full-width question numbers (Q１) in a document that writes Q6.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desk_assistant.tasks.proofread import check_text
from desk_assistant.tasks.proofread.blocks import check_blocks
from desk_assistant.tasks.proofread.inputs import read_document

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="shared/corpus not found beside the repo"
)

FAQ = "docx07_gif_499_faq_short.docx"


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copyfile(CORPUS / name, target)
    return target


def test_faq_docx_findings_are_the_reviewed_ones(tmp_path):
    blocks = read_document(str(_copy(FAQ, tmp_path))).blocks
    assert sum(len(b.text) for b in blocks) > 1000
    findings = check_blocks(blocks)
    texts = {b.location: b.text for b in blocks}
    for f in findings:
        assert texts[f.location][f.start : f.end] == f.surface  # offsets are per block
    serious = [f for f in findings if f.severity != "info"]
    # Q１ Q２ Q１ are full-width where the other questions (Q3 … Q6) are half-width: one
    # finding for the pair, listing the three places (issue 13).
    assert [(f.rule, f.surface) for f in serious] == [("width-mixed", "１")]
    places = [texts[loc][a:b] for loc, a, b in serious[0].places]
    assert sorted(places) == ["１", "１", "２"]
    assert not [f for f in findings if f.severity == "error"]


def test_whole_docx_corpus_runs_with_few_errors():
    files = sorted(CORPUS.glob("docx*.docx"))
    assert len(files) >= 10
    errors, chars, serious = [], 0, 0
    for path in files:
        blocks = read_document(str(path)).blocks
        chars += sum(len(b.text) for b in blocks)
        found = check_blocks(blocks)
        serious += sum(f.severity != "info" for f in found)
        errors += [(path.name, f.rule, f.surface) for f in found if f.severity == "error"]
    assert chars > 200_000
    # Issue 13: error means "against the 訓令 / 法令" (kana/kanji, okurigana of the 186
    # compound nouns) or an objective defect. Reviewed 2026-11: the three unbalanced
    # brackets are real (「〇〇」町の一部」, 」（（平成30年 …), the word findings follow the
    # 訓令's lists (取り扱い→取扱い, すでに→既に, 行なっ→行っ, 製品毎→ごと).
    assert {rule for _, rule, _ in errors} <= {
        "unbalanced-brackets",
        "cjk-compatibility",
        "decomposed-kana",
        "conjunction-kana",
        "adverb-kanji",
        "adverb-kana",
        "formal-noun-kana",
        "auxiliary-kana",
        "okurigana-compound-noun",
        "okurigana-unaccepted",
    }, errors
    assert len(errors) <= 180, len(errors)  # 164 when reviewed
    # Warnings and errors: 0.9 per 1,000 characters when reviewed (consistency rules now
    # report a pair once). A rule change that makes real prose noisier than 1.5 per 1,000
    # characters must be looked at.
    assert serious / chars * 1000 < 1.5, serious


def test_plain_text_of_a_corpus_document_roundtrips_offsets(tmp_path):
    text = "\n".join(
        b.text
        for b in read_document(
            str(_copy("docx12_moj_form_hoyu_kojinjoho_kaiji_seikyusho.docx", tmp_path))
        ).blocks
    )
    for f in check_text(text):
        assert text[f.start : f.end] == f.surface


def _law_text(path: Path) -> str:
    """Body text of an e-Gov law page (Shift_JIS HTML); source line breaks are not text."""
    import html
    import re

    raw = path.read_bytes().decode("cp932", errors="replace")
    body = re.sub(r"(?is)<(script|style).*?</\1>", "", raw).replace("\r", "").replace("\n", "")
    body = re.sub(r"(?i)<br\s*/?>|</p>|</div>|<div[^>]*>|<p[^>]*>", "\n", body)
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@pytest.mark.parametrize(
    "name", ["law_gyosei_tetsuzuki_ho_2013_sjis.html", "law_kobunsho_kanri_ho_2013_sjis.html"]
)
def test_statute_text_gives_no_warnings(name):
    """Statutes are the reference style the 訓令 rules come from (若しくは inside 又は,
    「以下同じ。）」 notes, 読替え quotes such as 「開示請求者（開示請求者が」): any warning or
    error there is a false positive. Info hints (long sentences, kanji numerals) are allowed."""
    path = CORPUS / "extras" / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    text = _law_text(path)
    assert len(text) > 15_000
    found = check_text(text)
    assert [(f.rule, f.surface) for f in found if f.severity != "info"] == []
    assert any(f.rule == "long-sentence" for f in found)  # the rules did run


def test_kangxi_radicals_from_a_real_pdf():
    """pdf02 (the 訓令 itself) extracts 行/用/文 as Kangxi radicals (U+2F8F …)."""
    pypdf = pytest.importorskip("pypdf")
    import unicodedata

    reader = pypdf.PdfReader(str(CORPUS / "pdf02_kunrei_koyobun_kanji_shiyo_2010.pdf"))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    found = [f for f in check_text(text) if f.rule == "cjk-compatibility"]
    assert len(found) >= 10
    for f in found:
        assert f.severity == "error"
        assert f.suggestion == unicodedata.normalize("NFKC", f.surface) != f.surface
