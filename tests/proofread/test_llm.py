"""LLM suggestions with a scripted engine: parsing, anchoring, dropping, never applying."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_assistant import documents
from desk_assistant.llm.engine import CancelToken
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.tasks.proofread import LLM, proofread_document, write_tracked_docx
from desk_assistant.tasks.proofread.anchor import anchor_quote
from desk_assistant.tasks.proofread.inputs import PlainText
from desk_assistant.tasks.proofread.llm import MAX_TOKENS, RULE_ID, parse_reply

TEXT = (
    "本市においては、地域の防災体制の強化を図ることを目的として、自主防災組織の活動の支援を行うこととする。\n"
    "予算が不足している。従って、計画を見直す。\n"
    "短い見出し\n"
)


def engine(replies) -> FakeEngine:
    fake = FakeEngine(replies)
    fake.load(Path("fake.gguf"))
    return fake


def test_parse_reply_takes_the_line_format_and_ignores_the_rest():
    reply = (
        "「支援を行うこととする」→「支援する」（簡潔にする）\n"
        "ほかに: 「A」->「B」\n"
        "「同じ」→「同じ」（変化なし）\n"
        "「三つ目」→「3」"
    )
    found = parse_reply(reply)
    assert [(s.quote, s.rewrite, s.reason) for s in found] == [
        ("支援を行うこととする", "支援する", "簡潔にする"),
        ("A", "B", ""),
    ]
    assert parse_reply("なし") == [] and parse_reply("") == []


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("防災体制の強化", "防災体制の強化"),  # exact
        ("防災体制の 強化", "防災体制の強化"),  # a space the model added
        ("ＡＢＣ対策", "ABC対策"),  # full-width where the text is half-width
        ("自主防災組識の活動", "自主防災組織の活動"),  # one character wrong: fuzzy
    ],
)
def test_anchor_exact_normalised_fuzzy(quote, expected):
    text = "本市は、防災体制の強化とABC対策のため、自主防災組織の活動を支援する。"
    start, end = anchor_quote(quote, text)
    assert text[start:end] == expected


@pytest.mark.parametrize("quote", ["全く関係のない文言である", "本", ""])
def test_unanchorable_quotes_are_refused(quote):
    assert anchor_quote(quote, "本市は、防災体制の強化を図る。") is None


def test_suggestions_are_anchored_info_findings_and_unanchored_ones_dropped():
    replies = [
        # paragraph 1: one good quote, one the text does not contain
        "「支援を行うこととする」→「支援する」（冗長）\n「存在しない語句です」→「何か」",
    ]
    fake = engine(replies)
    doc = PlainText(Path("memo.txt"), TEXT)
    progress = []
    result = proofread_document(
        doc, engine=fake, prompt_format="few_shot", on_progress=lambda d, t: progress.append((d, t))
    )
    llm = [f for f in result.findings if f.rule == RULE_ID]
    assert len(llm) == 1 and result.llm_dropped == 1
    [f] = llm
    assert (f.severity, f.source, f.location) == ("info", LLM, None)
    assert TEXT[f.start : f.end] == f.surface == "支援を行うこととする"
    assert f.suggestion == "支援する" and "自動では適用しません" in f.message_ja
    # The rules still ran, and the short heading and the short line got no model call.
    assert any(f.rule == "conjunction-kana" for f in result.findings)
    assert result.llm_calls == len(fake.prompts) == 2
    assert all(p.max_tokens == MAX_TOKENS for p in fake.params)
    assert "本市においては" in fake.prompts[0] and "従って" in fake.prompts[1]
    assert progress[0] == (1, 3) and progress[-1] == (3, 3)


def test_suggestions_in_a_docx_carry_block_locations_and_are_never_applied(corpus_copy, tmp_path):
    source = corpus_copy("docx07_gif_499_faq_short.docx")
    doc = documents.load(source)
    target = next(b for b in doc.blocks if len(b.text) > 40)
    quote = target.text[5:15]

    def reply(prompt):  # quote a phrase of whatever paragraph is asked about
        return f"「{quote}」→「書き換え」（分かりやすく）" if quote in prompt else "なし"

    result = proofread_document(doc, engine=engine(reply), prompt_format="few_shot")
    [f] = [f for f in result.findings if f.source == LLM]
    assert f.location == target.location and (f.start, f.end) == (5, 15)
    out = write_tracked_docx(doc, result.findings, tmp_path / "tracked.docx")
    again = documents.load(tmp_path / "tracked.docx")
    # The rule fixes are tracked changes; the LLM suggestion is a comment only.
    assert quote in again.block(target.location).text
    assert "書き換え" not in "".join(b.text for b in again.blocks)
    assert all(f.source != LLM for f, _ in out.not_tracked)


def test_chat_template_models_get_messages():
    fake = engine("なし")
    proofread_document(PlainText(Path("a.txt"), TEXT), engine=fake, prompt_format="chat_template")
    assert isinstance(fake.prompts[0], list) and fake.prompts[0][0]["role"] == "system"


def test_cancel_keeps_the_rule_findings():
    token = CancelToken()

    def reply(prompt):
        token.cancel()  # the user presses Cancel while the first answer streams
        return "「支援を行うこととする」→「支援する」"

    result = proofread_document(PlainText(Path("a.txt"), TEXT), engine=engine(reply), cancel=token)
    assert result.cancelled and not [f for f in result.findings if f.source == LLM]
    assert any(f.rule == "conjunction-kana" for f in result.findings)


def test_an_engine_crash_stops_suggestions_with_a_warning():
    fake = FakeEngine("「支援を行うこととする」→「支援する」", crash_after=1)
    fake.load(Path("fake.gguf"))
    result = proofread_document(PlainText(Path("a.txt"), TEXT), engine=fake)
    assert result.llm_calls == 1 and result.warnings
    assert "ルールによる指摘はそのまま" in result.warnings[0]
    assert any(f.rule == "conjunction-kana" for f in result.findings)


def test_a_batching_engine_gets_the_pieces_together_and_the_findings_are_the_same(corpus_copy):
    doc = documents.load(corpus_copy("docx07_gif_499_faq_short.docx"))
    quotes = [b.text[3:11] for b in doc.blocks if len(b.text) > 40][:6]

    def reply(prompt):
        hit = next((q for q in quotes if q in prompt.rsplit("文章", 1)[-1]), None)
        return f"「{hit}」→「書き換え」（分かりやすく）" if hit else "なし"

    one = engine(reply)
    sequential = proofread_document(doc, engine=one, prompt_format="few_shot")
    batching = engine(reply)
    batching.parallel = 3
    progress = []
    together = proofread_document(
        doc, engine=batching, prompt_format="few_shot", on_progress=lambda d, t: progress.append(d)
    )
    llm = [
        (f.location, f.start, f.end, f.suggestion) for f in sequential.findings if f.source == LLM
    ]
    assert len(llm) >= 3
    assert [
        (f.location, f.start, f.end, f.suggestion) for f in together.findings if f.source == LLM
    ] == llm
    assert together.llm_calls == sequential.llm_calls == len(batching.prompts)
    assert batching.batches and max(batching.batches) > 1
    assert progress == sorted(progress)
