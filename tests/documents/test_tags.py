"""Lenient tag parsing: models drop, reorder and mangle tags."""

from __future__ import annotations

import pytest

from desk_assistant.documents.tags import parse_tagged, strip_tags

pytestmark = pytest.mark.usefixtures("english")


def test_well_formed_tags_give_each_group_its_text():
    parsed = parse_tagged("<g1>The </g1><g2>bold</g2><g3> part.</g3>", 3, 0)
    assert parsed.texts == {1: "The ", 2: "bold", 3: " part."}
    assert parsed.warnings == []


def test_spaces_and_case_inside_tags_are_accepted():
    parsed = parse_tagged("< G1 >a</g1 ><g2>b< /G2>", 2, 0)
    assert parsed.texts == {1: "a", 2: "b"}


def test_text_outside_tags_joins_the_group_before_it():
    parsed = parse_tagged("<g1>A</g1> and <g2>B</g2>!", 2, 0)
    assert parsed.texts == {1: "A and ", 2: "B!"}


def test_leading_text_joins_the_first_group():
    parsed = parse_tagged("Note: <g1>A</g1><g2>B</g2>", 2, 0)
    assert parsed.texts[1] == "Note: A"


def test_lost_tags_put_all_text_in_the_first_group_with_a_warning():
    parsed = parse_tagged("all tags gone", 3, 0)
    assert parsed.texts == {1: "all tags gone"}
    assert any("lost" in w for w in parsed.warnings)


def test_unclosed_tag_ends_at_the_next_open_tag():
    parsed = parse_tagged("<g1>one<g2>two</g2>", 2, 0)
    assert parsed.texts == {1: "one", 2: "two"}


def test_unknown_tags_are_dropped_with_a_warning():
    parsed = parse_tagged("<g1>a</g1><g7>b</g7>", 1 + 1, 0)
    assert parsed.texts[1] == "ab"
    assert any("<g7>" in w for w in parsed.warnings)


def test_missing_placeholder_is_reported():
    parsed = parse_tagged("text without the mark", 1, 1)
    assert parsed.texts == {1: "text without the mark"}
    assert any("<x1/>" in w for w in parsed.warnings)
    assert parse_tagged("text<x1/>", 1, 1).warnings == []


def test_reordered_groups_are_recorded_in_order():
    parsed = parse_tagged("<g2>B</g2><g1>A</g1>", 2, 0)
    assert parsed.order == [2, 1]


def test_strip_tags():
    assert strip_tags("<g1>a</g1><x2/>b< /g3 >") == "ab"


def test_warnings_follow_the_ui_language():
    from desk_assistant import i18n

    i18n.set_language("ja")
    assert "書式タグ" in parse_tagged("tags gone", 2, 0).warnings[0]


def test_source_text_that_looks_like_a_tag_survives(tmp_path):
    from desk_assistant import documents

    text = "要素 <g1> と <x2/> の説明、&lt; と & も"
    path = documents.write_text_docx(tmp_path / "markup.docx", [text])
    doc = documents.load(path)
    block = doc.block("body/p1")
    assert block.text == text and block.segments[0].text == text
    out = tmp_path / "out.docx"
    assert doc.save_as(out, {block.location: block.tagged}) == []
    assert documents.load(out).block("body/p1").text == text
    doc.save_as(tmp_path / "out2.docx", {block.location: "【" + block.tagged + "】"})
    assert documents.load(tmp_path / "out2.docx").block("body/p1").text == f"【{text}】"
