"""The document pipeline with a scripted engine: layout, repeats, checks, progress, cancel."""

import re
import zipfile

import docx
import pytest

from desk_assistant.documents import load, write_text_docx
from desk_assistant.errors import Cancelled, EngineCrashedError, SameLanguageError
from desk_assistant.llm.engine import CancelToken
from desk_assistant.tasks.translate import translate_document
from desk_assistant.tasks.translate.languages import detect_language, has_text_in
from desk_assistant.tasks.translate.prompting import translation_prompt

from .conftest import make_engine, prompt_input, pseudo_english


def doc_with(tmp_path, paragraphs, name="in.docx"):
    path = tmp_path / name
    write_text_docx(path, paragraphs)
    return load(path)


def footnote_count(path) -> int:
    with zipfile.ZipFile(path) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return 0
        xml = archive.read("word/footnotes.xml").decode()
    return len(re.findall(r"<w:footnote [^>]*w:id=\"[1-9]", xml))


# --- the Must-show check: a dropped number is found, a kept one is not -------


def test_a_dropped_amount_is_a_finding_and_a_kept_one_is_not(tmp_path):
    doc = doc_with(tmp_path, ["事業費の総額は12億円とする。"])
    dropped = translate_document(
        make_engine("The total project cost shall be 1 billion yen."),
        "few_shot",
        doc,
        target_lang="en",
    )
    [segment] = dropped.segments
    [missing] = [f for f in segment.findings if f.severity == "warning"]
    assert missing.check == "amount" and missing.surface == "12億円"
    kept = translate_document(
        make_engine("The total project cost shall be 1.2 billion yen."),
        "few_shot",
        doc,
        target_lang="en",
    )
    assert kept.segments[0].findings == [] and kept.findings == []


# --- layout ------------------------------------------------------------------


def test_docx_keeps_paragraphs_tables_footnotes_and_every_segment_changes(corpus_copy, tmp_path):
    # docx08: body, 5 tables, 10 footnotes, running header, text boxes.
    source = corpus_copy("docx08_cio_dp2020_01_ai_data_use.docx")
    doc = load(source)
    result = translate_document(make_engine(), "few_shot", doc, target_lang="en")
    out = tmp_path / "out.en.docx"
    assert result.save(out) == []
    before, after = docx.Document(str(source)), docx.Document(str(out))
    assert len(after.paragraphs) == len(before.paragraphs)
    assert len(after.tables) == len(before.tables) == 5
    assert footnote_count(out) == footnote_count(source) == 10
    written = {b.location: b for b in load(out).blocks}
    kinds = set()
    for segment in result.segments:
        if has_text_in(segment.source, "ja"):
            assert written[segment.location].text != segment.source, segment.location
            # Field results (a caption's 「表 1」) are not editable text and stay as they are.
            assert not has_text_in(segment.translation_text, "ja"), segment.location
            kinds.add(segment.kind)
    assert {"body", "table_cell", "footnote", "header"} <= kinds
    assert any("textbox" in s.location for s in result.segments)


def test_pdf_becomes_a_docx(corpus_copy, tmp_path):
    source = corpus_copy("pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf")
    doc = load(source)
    result = translate_document(make_engine(), "few_shot", doc, target_lang="en")
    out = tmp_path / "rules.en.docx"
    result.save(out)
    texts = [p.text for p in docx.Document(str(out)).paragraphs if p.text.strip()]
    assert len(texts) >= len([b for b in doc.blocks if b.segments]) - 1
    assert not any(has_text_in(t, "ja") for t in texts)


def test_bilingual_table_has_source_and_translation_without_internal_ids(tmp_path):
    doc = doc_with(tmp_path, ["第3条の規定による。", "以上"])
    result = translate_document(make_engine(), "few_shot", doc, target_lang="en")
    out = tmp_path / "bilingual.docx"
    result.save(out, bilingual=True)
    [table] = docx.Document(str(out)).tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert len(rows) == 3
    assert rows[1][0] == "第3条の規定による。"  # no internal location like [body/p1] (issue 19)
    assert not any("body/" in cell for row in rows for cell in row)
    assert rows[1][1] == result.segments[0].translation_text
    with pytest.raises(Exception, match="既にあります|exists"):
        result.save(out, bilingual=True)  # never silently overwritten


def test_lost_tags_go_to_the_main_formatting_with_an_info_finding(tmp_path):
    path = tmp_path / "runs.docx"
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("注：").bold = True
    paragraph.add_run("本文は手数料の説明である。")
    document.save(str(path))
    doc = load(path)
    assert doc.blocks[0].tagged == "<g1>注：</g1><g2>本文は手数料の説明である。</g2>"
    result = translate_document(
        make_engine("Note: this text explains the fee."), "few_shot", doc, target_lang="en"
    )
    [segment] = result.segments
    assert segment.translation == "<g2>Note: this text explains the fee.</g2>"
    assert [f.check for f in segment.findings] == ["tags"]
    out = tmp_path / "runs.en.docx"
    result.save(out)
    runs = docx.Document(str(out)).paragraphs[0].runs
    assert [r.text for r in runs if r.text] == ["Note: this text explains the fee."]


def test_form_blanks_and_list_labels_stay_as_written(tmp_path):
    doc = doc_with(
        tmp_path, ["＜実施の希望日＞\u3000\u3000\u3000年\u3000\u3000月", "A1\u3000回答です。"]
    )
    engine = make_engine()
    result = translate_document(engine, "few_shot", doc, target_lang="en")
    assert sorted(prompt_input(p) for p in engine.prompts) == sorted(
        ["＜実施の希望日＞", "年", "月", "回答です。"]
    )
    blanks, answer = (s.translation for s in result.segments)
    assert re.fullmatch(r"\S+\u3000{3}\S+\u3000{2}\S+", blanks)
    assert answer.startswith("A1\u3000") and not has_text_in(answer, "ja")


# --- work saved: repeats, prefix, long paragraphs ---------------------------


def test_identical_segments_are_translated_once(tmp_path):
    doc = doc_with(tmp_path, ["申請書を提出する。", "以上", "申請書を提出する。", "以上", "1"])
    engine = make_engine()
    result = translate_document(engine, "few_shot", doc, target_lang="en")
    assert len(engine.prompts) == 2
    assert [s.origin for s in result.segments] == ["model", "model", "repeat", "repeat", "kept"]
    assert result.segments[2].translation == result.segments[0].translation
    assert result.stats["model_calls"] == 2 and result.stats["repeats"] == 2


def test_consecutive_prompts_share_the_instruction_and_examples_prefix(corpus_copy):
    doc = load(corpus_copy("docx07_gif_499_faq_short.docx"))
    engine = make_engine()
    translate_document(engine, "few_shot", doc, target_lang="en")
    prefix = engine.prompts[0][: engine.prompts[0].rfind("### Japanese")]
    assert len(prefix) > 300 and "### English" in prefix
    assert all(p.startswith(prefix) for p in engine.prompts)


def test_a_long_paragraph_is_translated_a_few_sentences_at_a_time(tmp_path):
    text = "".join(f"第{n}条は令和8年4月1日から施行し、費用は{n}億円とする。" for n in range(30))
    doc = doc_with(tmp_path, [text])
    engine = make_engine()
    [segment] = translate_document(engine, "few_shot", doc, target_lang="en").segments
    assert len(engine.prompts) >= 3
    assert all(len(prompt_input(p)) <= 400 for p in engine.prompts)
    chunks = [prompt_input(p) for p in engine.prompts]
    assert "".join(chunks) == text
    assert segment.translation == " ".join(pseudo_english(c) for c in chunks)


def test_a_model_loop_is_cut_short(tmp_path):
    doc = doc_with(tmp_path, ["日付を西暦に統一してください。"])
    engine = make_engine("Please use the year of the year of the year of the year of the")
    result = translate_document(engine, "few_shot", doc, target_lang="en")
    # Issue 12: a loop is cut while streaming AND is a finding (a hard one: retried once,
    # then the source is kept, marked), no longer a silently shortened translation.
    [segment] = result.segments
    assert result.stats["loops_cut"] == 2  # the answer and its retry, both cut short
    assert segment.origin == "failed" and segment.translation.endswith(
        "日付を西暦に統一してください。"
    )
    assert "degeneration.loop" in {f.check for f in segment.findings}


# --- formats ----------------------------------------------------------------


def test_chat_and_plamo_formats():
    hits = [type("E", (), {"source": "手数料", "target": "fee"})()]
    messages, _ = translation_prompt("chat_template", "手数料は300円", "ja", "en", glossary=hits)
    assert messages[0]["role"] == "system"
    assert messages[-1]["content"].endswith("手数料 = fee\n\n手数料は300円")
    prompt, params = translation_prompt("plamo_translate", "手数料は300円", "ja", "en")
    assert prompt.endswith("<|plamo:op|>output lang=English\n") and params.temperature == 0


# --- languages ----------------------------------------------------------------


def test_source_language_is_detected(tmp_path):
    assert detect_language("保有個人情報の開示を請求します。") == "ja"
    assert detect_language("The fee shall be paid in advance.") == "en"
    assert detect_language("个人信息保护法规定了处理规则。") == "zh"
    assert detect_language("개인정보 보호법") == "ko"
    doc = doc_with(tmp_path, ["The fee shall be paid in advance."])
    result = translate_document(
        make_engine("手数料は前払いとする。"), "few_shot", doc, target_lang="ja"
    )
    assert result.source_lang == "en" and result.segments[0].origin == "model"
    with pytest.raises(SameLanguageError):
        translate_document(make_engine(), "few_shot", doc, target_lang="en")


# --- progress, cancel, engine crash -------------------------------------------


def test_progress_reports_done_total_and_an_eta(tmp_path):
    doc = doc_with(tmp_path, [f"第{n}条の規定による。" for n in range(1, 6)])
    events = []
    translate_document(make_engine(), "few_shot", doc, target_lang="en", on_segment=events.append)
    assert [(e.done, e.total) for e in events] == [(n, 5) for n in range(1, 6)]
    assert all(e.eta_seconds is not None and e.eta_seconds >= 0 for e in events)
    assert events[-1].eta_seconds == 0 and events[0].segment.location == "body/p1"


def test_cancel_stops_between_segments(tmp_path):
    doc = doc_with(tmp_path, [f"第{n}条の規定による。" for n in range(1, 6)])
    token = CancelToken()
    events = []

    def on_segment(event):
        events.append(event)
        if event.done == 2:
            token.cancel()

    engine = make_engine()
    with pytest.raises(Cancelled):
        translate_document(
            engine, "few_shot", doc, target_lang="en", cancel=token, on_segment=on_segment
        )
    assert len(events) == 2 and len(engine.prompts) == 2


def test_one_engine_crash_is_retried(tmp_path):
    class CrashOnce:
        def __init__(self):
            self.inner = make_engine()
            self.crashed = False

        def stream(self, prompt, params, cancel=None):
            if not self.crashed:
                self.crashed = True
                raise EngineCrashedError(how="test")
            return self.inner.stream(prompt, params, cancel)

    doc = doc_with(tmp_path, ["申請書を提出する。"])
    [segment] = translate_document(CrashOnce(), "few_shot", doc, target_lang="en").segments
    assert segment.origin == "model" and segment.translation == pseudo_english("申請書を提出する。")


# --- batched decoding (issue 20) -----------------------------------------------


def test_batched_engine_gives_the_same_document_with_fewer_round_trips(corpus_copy):
    doc = load(corpus_copy("docx07_gif_499_faq_short.docx"))
    one = translate_document(make_engine(), "few_shot", doc, target_lang="en")
    engine = make_engine()
    engine.parallel = 4
    batched = translate_document(engine, "few_shot", doc, target_lang="en")
    assert [s.translation for s in batched.segments] == [s.translation for s in one.segments]
    assert [s.origin for s in batched.segments] == [s.origin for s in one.segments]
    assert batched.stats["model_calls"] == one.stats["model_calls"] > 8
    assert engine.batches and max(engine.batches) > 4  # several pieces per batched call
    assert batched.stats["batched"] == one.stats["model_calls"]
    # repeats and prompts are those of the sequential run: nothing asked twice
    assert len(engine.prompts) == one.stats["model_calls"]


def test_batched_loop_is_cut_and_retried_like_a_sequential_one(tmp_path):
    doc = doc_with(tmp_path, ["日付を西暦に統一してください。", "申請書を提出する。"])

    def reply(prompt):
        text = prompt_input(prompt)
        if "日付" in text:
            return "Please use the year of the year of the year of the year of the"
        return pseudo_english(text)

    engine = make_engine(reply)
    engine.parallel = 2
    result = translate_document(engine, "few_shot", doc, target_lang="en")
    assert result.stats["loops_cut"] == 2 and result.stats["batched"] == 2
    assert result.segments[0].origin == "failed"
    assert result.segments[1].origin == "model"
