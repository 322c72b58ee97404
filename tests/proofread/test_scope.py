"""What the rules check (issue 13): verbatim passages, TOC and repeated headings,
quotations, proper nouns, correction examples, verbatim records, PDF garbage."""

from __future__ import annotations

from desk_assistant.tasks.proofread import check_text
from desk_assistant.tasks.proofread.scope import blank_out


def _rules(text):
    return [(f.rule, f.surface, f.severity) for f in check_text(text)]


def test_citizen_comments_printed_verbatim_are_not_checked_until_the_next_heading():
    text = (
        "３．自由記述の回答（原文のまま掲載）\n"
        "・御了承下さい。従って反対です\n"
        "・子供の為に事故の時は連絡して下さい\n"
        "４．今後の対応\n"
        "従って、次の事項を定める。"
    )
    found = check_text(text)
    assert [(f.rule, f.surface) for f in found] == [("conjunction-kana", "従って")]
    assert found[0].start == text.rindex("従って")
    assert len(blank_out(text)) == len(text)  # offsets survive


def test_toc_and_repeated_headings_are_checked_once():
    text = "第１章　はじめに……………1\n第１章　はじめに\n本文である。\n第１章　はじめに"
    blanked = blank_out(text).split("\n")
    assert blanked[0].strip() == "" and blanked[1] == "第１章　はじめに"
    assert blanked[3].strip() == ""


def test_quoted_words_become_hints_and_proper_nouns_are_not_respelled():
    assert _rules("「御了承下さい」と書かない。") == [("auxiliary-kana", "下さい", "info")]
    assert check_text("下笠居の住民に説明する。") == []


def test_correction_examples_and_bungo_statute_quotes_are_not_respelled():
    assert check_text("例）居る→いる  出来る→できる") == []
    assert not [
        f for f in check_text("代理ノ為ノ裏書トシテノ効力ノミヲ有ス") if f.severity != "info"
    ]


def test_verbatim_record_gets_hints_not_corrections():
    turns = "\n".join(
        f"○山田委員 {i}番目の発言で、池田委員がおっしゃられたとおりです。" for i in range(6)
    )
    found = check_text(turns)
    assert found and all(f.severity == "info" for f in found if f.rule == "double-keigo")


def test_pdf_font_garbage_is_not_checked():
    line = "記録に$t0n縁定0kより_S較油[P船ヘ証R8記録0ncﾐ供をSﾗ0Q0_0h0W0f0nlT Sﾈ0o"
    assert check_text("本文である。\n" + line + "\n次の文である。") == []


def test_cli_text_and_word_comment_show_the_clause(tmp_path, capsys):
    """Issue 13: the citation reaches every surface the user reads."""
    import argparse

    from desk_assistant.commands import proofread as command
    from desk_assistant.tasks.proofread.word import comment_text

    [f] = [f for f in check_text("従って、計画を見直す。") if f.rule == "conjunction-kana"]
    citation = "公用文における漢字使用等について（平成22年内閣訓令第1号）1(2)オ"
    assert f"根拠: {citation}" in comment_text(f)
    src = tmp_path / "a.txt"
    src.write_text("従って、計画を見直す。", encoding="utf-8")
    parser = argparse.ArgumentParser()
    command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["proofread", str(src), "--no-llm"])
    assert args.handler(args) == 1
    assert f"〔{citation}〕" in capsys.readouterr().out
