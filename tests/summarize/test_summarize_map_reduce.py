"""Token-budgeted summaries with the scripted engine: one pass or map-reduce, chunks,
collapse, citations, grounding, streaming, progress and cancel."""

import re
import shutil
from pathlib import Path

import pytest

from desk_assistant.documents import load
from desk_assistant.errors import Cancelled
from desk_assistant.llm.engine import CancelToken, LoadOptions
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.tasks.summarize import find_style, summarize_document, text_document
from desk_assistant.tasks.summarize.chunking import build_chunks, is_heading
from desk_assistant.tasks.summarize.pipeline import (
    TokenCounter,
    one_pass_budget,
    usable_blocks,
)

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
LONG_PDF = "pdf07_moj_chukan_shian_hosoku_setsumei.pdf"  # 79 pages, ~92,000 characters


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    source = CORPUS / LONG_PDF
    if not source.exists():
        pytest.skip(f"corpus file {LONG_PDF} not available")
    copy = tmp_path_factory.mktemp("corpus") / LONG_PDF
    shutil.copy2(source, copy)
    return load(copy)


def section_body(prompt: str, label: str) -> str:
    return prompt.rsplit(f"### {label}\n", 1)[1].split("\n### ", 1)[0]


def scripted(final: str):
    """Map: five facts copied from the chunk; collapse: the first two notes; else `final`."""

    def reply(prompt: str) -> str:
        if prompt.endswith("### 事実メモ\n"):
            lines = [line for line in section_body(prompt, "文書の一部").splitlines()[1:] if line]
            return "\n".join(f"・{line[:40]}" for line in lines[:5])
        if prompt.endswith("### まとめ\n"):
            notes = [line for line in section_body(prompt, "事実メモ").splitlines() if "・" in line]
            return "\n".join(notes[:2])
        return final

    return reply


def engine_for(reply, n_ctx):
    engine = FakeEngine(reply)
    engine.load("fake.gguf", LoadOptions(n_ctx=n_ctx))
    return engine


def test_map_reduce_is_used_exactly_when_the_document_exceeds_the_budget():
    style = find_style("bullets")
    engine = engine_for(scripted("・要点"), 1024)
    budget = one_pass_budget(engine, "few_shot", style, n_ctx=1024)
    assert 64 < budget < 1024
    fits = text_document(
        "あ" * 100 + "\n" + "い" * (budget - 101)
    )  # budget tokens, newline included
    over = text_document("あ" * 100 + "\n" + "い" * (budget - 100))
    one = summarize_document(engine, "few_shot", fits, style, n_ctx=1024)
    assert (one.mode, one.chunks, one.model_calls) == ("one_pass", 1, 1)
    assert "い" * (budget - 101) in engine.prompts[-1]
    engine.prompts.clear()
    split = summarize_document(engine, "few_shot", over, style, n_ctx=1024)
    assert split.mode == "map_reduce"  # one map chunk may hold it: the map prompt is smaller
    assert split.model_calls == len(engine.prompts) == split.chunks + 1
    assert all(p.endswith("### 事実メモ\n") for p in engine.prompts[:-1])


def test_chunks_follow_the_structure_and_every_chunk_fits(long_pdf):
    blocks = usable_blocks(long_pdf)
    count = TokenCounter(engine_for("", 4096))
    budget = 1500
    chunks = build_chunks(blocks, budget, count)
    assert len(chunks) >= 60
    assert all(0 < c.tokens <= budget and count(c.text) == c.tokens for c in chunks)
    # Nothing lost or reordered.
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", "".join(c.text for c in chunks)) == squeeze.sub(
        "", "".join(b.text for b in blocks)
    )
    # A paragraph is only cut when it alone is over the budget.
    sizes = {b.location: count(b.text.strip()) for b in blocks}
    for before, after in zip(chunks, chunks[1:], strict=False):
        if before.pieces[-1].location == after.pieces[0].location:
            assert sizes[after.pieces[0].location] > budget - 1
    # Chunks start at a heading more often than chance would give.
    heading_starts = sum(is_heading(c.pieces[0].text) for c in chunks)
    assert heading_starts >= len(chunks) // 3
    assert all(c.pages for c in chunks) and chunks[-1].pages[-1] == 79


def test_a_long_pdf_is_map_reduced_with_collapse_and_every_prompt_fits(long_pdf):
    n_ctx = 4096
    engine = engine_for(scripted("・要点"), n_ctx)
    seen = []
    result = summarize_document(
        engine,
        "few_shot",
        long_pdf,
        find_style("bullets"),
        n_ctx=n_ctx,
        on_progress=lambda done, total: seen.append((done, total)),
    )
    assert result.mode == "map_reduce" and result.chunks > 20
    kinds = [p.rsplit("### ", 1)[1].strip() for p in engine.prompts]
    assert kinds.count("事実メモ") == result.chunks and kinds[-1] == "要約"
    assert kinds.count("まとめ") >= 1  # the notes were over the budget and were merged
    for prompt, params in zip(engine.prompts, engine.params, strict=True):
        assert engine.count_tokens(prompt) + params.max_tokens <= n_ctx
    # Map notes carry their page/section labels into the reduce.
    assert re.search(r"【p\.\d+", engine.prompts[-1])
    # Progress: every call reported, ending at the total.
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and seen[-1] == (result.model_calls, result.model_calls)


def test_citations_name_real_blocks_and_pages(long_pdf):
    blocks = usable_blocks(long_pdf)
    target = next(b for b in blocks if b.page == 40 and len(b.text) > 60)
    other = long_pdf.block("pdf/page12/p5")  # (p3 repeats its heading p2: a fair tie)
    final = f"・{target.text[:50]}\n・{other.text[5:45]}\n・まったく関係のない一文"
    engine = engine_for(scripted(final), 8192)
    result = summarize_document(engine, "few_shot", long_pdf, find_style("bullets"), n_ctx=8192)
    by_unit = {c.unit: c for c in result.citations}
    assert by_unit[0].location == target.location and by_unit[0].page == 40
    assert by_unit[1].location == other.location and by_unit[1].label == "p.12"
    assert 2 not in by_unit  # no evidence, no citation
    locations = {b.location for b in long_pdf.blocks}
    assert all(c.location in locations for c in result.citations)
    assert result.cited_units()[0].endswith("［p.40］")


def test_docx_citations_name_paragraphs(corpus_copy):
    document = load(corpus_copy("docx07_gif_499_faq_short.docx"))
    answer = next(b for b in document.blocks if b.text.startswith("A2"))
    engine = engine_for(f"・{answer.text[3:]}", 4096)
    result = summarize_document(engine, "few_shot", document, find_style("bullets"), n_ctx=4096)
    [citation] = result.citations
    assert citation.location == answer.location and citation.page is None
    assert citation.label == f"第{answer.location.split('/p')[1]}段落"


def test_grounding_flags_a_number_absent_from_the_source_and_only_that(long_pdf):
    source_figures = "・本試案は令和5年3月に法務省民事局参事官室が取りまとめた"
    clean = summarize_document(
        engine_for(scripted(source_figures), 8192),
        "few_shot",
        long_pdf,
        find_style("bullets"),
        n_ctx=8192,
    )
    assert clean.findings == []
    invented = source_figures + "\n・関係費用は約987億円を見込む"
    flagged = summarize_document(
        engine_for(scripted(invented), 8192),
        "few_shot",
        long_pdf,
        find_style("bullets"),
        n_ctx=8192,
    )
    assert [(f.kind, f.surface, f.unit) for f in flagged.findings] == [("number", "987億", 1)]


def test_only_the_final_answer_streams(long_pdf):
    pieces = []
    engine = engine_for(scripted("・最終の要約"), 8192)
    result = summarize_document(
        engine,
        "few_shot",
        long_pdf,
        find_style("bullets"),
        n_ctx=8192,
        on_piece=pieces.append,
    )
    assert result.mode == "map_reduce" and "".join(pieces) == result.raw == "・最終の要約"


def test_cancel_between_chunks_stops_the_job(long_pdf):
    token = CancelToken()
    engine = engine_for(scripted("・x"), 4096)

    def progress(done, total):
        if done == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        summarize_document(
            engine,
            "few_shot",
            long_pdf,
            find_style("bullets"),
            n_ctx=4096,
            cancel=token,
            on_progress=progress,
        )
    assert len(engine.prompts) == 2


def test_chat_models_get_the_budget_for_their_template_too(long_pdf):
    engine = engine_for(lambda messages: "・要点", 8192)
    result = summarize_document(engine, "chat_template", long_pdf, find_style("3lines"), n_ctx=8192)
    assert result.mode == "map_reduce"
    count = TokenCounter(engine)
    for messages, params in zip(engine.prompts, engine.params, strict=True):
        assert count.prompt(messages) + params.max_tokens <= 8192
    assert engine.prompts[0][0]["content"].startswith("次の文書の一部から")


def test_echoed_note_labels_do_not_reach_the_summary_or_the_grounding(long_pdf):
    """A small model copies the 【p.56–57 …】 headers; their page numbers are not source text."""

    def reply(prompt: str) -> str:
        if prompt.endswith("### 事実メモ\n"):
            return "【p.812 偽の見出し】\n・船荷証券"
        return "【p.56–57 ３ 譲渡等の方式】\n・船荷証券の電子化\n・【p.9999】"

    engine = engine_for(reply, 8192)
    result = summarize_document(engine, "few_shot", long_pdf, find_style("bullets"), n_ctx=8192)
    assert "812" not in engine.prompts[-1]  # dropped from the map notes
    assert result.units == ["・船荷証券の電子化"] and result.findings == []


def test_word_heading_style_starts_a_section_without_a_heading_shape():
    from desk_assistant.documents.model import Block
    from desk_assistant.tasks.summarize.chunking import sections_of

    blocks = [
        Block("body", "body/p1", "はじめに", heading_level=1),
        Block("body", "body/p2", "本書の目的を述べる。"),
        Block("body", "body/p3", "背景", heading_level=2),
        Block("body", "body/p4", "背景を述べる。"),
        Block("body", "body/p5", "細目", heading_level=5),  # too deep: stays in its section
        Block("body", "body/p6", "細目を述べる。"),
    ]
    assert [(s.title, len(s.blocks)) for s in sections_of(blocks)] == [("はじめに", 2), ("背景", 4)]
