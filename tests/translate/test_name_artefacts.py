"""Sudachi glues legal connectives onto the word before them and calls the result a name
(国又は → 国又, 申立人 → 申 + 立人). Real law text holds almost no names, so it shows
what the person/place check would wrongly ask the translation to keep."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.names import proper_names

LAWS = Path(__file__).resolve().parents[2].parent / "shared" / "laws"
KOKKA_BAISHO = LAWS / "s22_125_kokka_baisho.xml"


def law_sentences(path: Path) -> list[str]:
    return ["".join(s.itertext()).strip() for s in etree.parse(str(path)).iter("Sentence")]


@pytest.mark.skipif(not KOKKA_BAISHO.exists(), reason="shared laws not present")
def test_state_compensation_act_has_no_person_names():
    names = {n for text in law_sentences(KOKKA_BAISHO) for n in proper_names(text)}
    assert not [n for n in names if n[1] == "人名"], names


@pytest.mark.parametrize(
    "text, artefact",
    [
        ("国又は公共団体の公権力の行使に当る公務員", "国又"),
        ("口頭意見陳述に際し、申立人は、審理員の許可を得て", "申"),
        ("事業を譲渡した日後二年以内に請求しない", "日後"),
        ("一種病原体等、二種病原体等、三種病原体等及び四種病原体等", "三種"),
        ("第二十一条中内航海運業法第六条", "中内"),
        ("下水道法（昭和三十三年法律第七十九号）", "道法"),
    ],
)
def test_glued_connectives_are_not_names(text, artefact):
    assert artefact not in {n[0] for n in proper_names(text)}


@pytest.mark.parametrize(
    "text, name",
    [("林部長は会議に出席した。", "林"), ("堀委員から質問があった。", "堀"),
     ("山田太郎氏が説明した。", "山田"), ("東京都千代田区霞が関", "千代田"),
     ("西村毅1、梅谷晃宏1、楠正憲1、細川努1", "楠"), ("内閣総理大臣 菅　直人", "菅")],
)  # fmt: skip
def test_real_names_are_still_names(text, name):
    assert name in {n[0] for n in proper_names(text)}


def test_lost_one_character_surname_is_still_found():
    source = "林部長は、会議の議長となる。"
    findings = check_segment(source, "The Director-General chairs the meeting.", (), "ja", "en")
    assert "names.person" in {f.check for f in findings}
    kept = check_segment(source, "Director-General Hayashi chairs the meeting.", (), "ja", "en")
    assert "names.person" not in {f.check for f in kept}
