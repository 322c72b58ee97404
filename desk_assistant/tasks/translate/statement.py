"""A statement of fact that came out as an instruction.

Evaluation sheets and slides state what is the case: クラウドの適切なネットワークインフラを
活用をしている ("appropriate cloud infrastructure is used"), 基礎に参照モデルを使うので展開
しやすい ("easy to roll out because it builds on a reference model"). The demo model
turns them into orders ("Use cloud infrastructure to optimize …", "Use a reference model
to expand"): the assessment the sheet asks about is gone. Labels turned into orders are
degeneration.py's; here the source ends as a statement (…ている, …できる, …やすい,
…ます, …ない) and asks nothing of the reader, and the translation opens with a verb in
the imperative followed by its object.

A statement also comes out as a condition: 例外処理のプロセスが定義されていない ("no process
for exceptions is defined") → "When the process of not defining the exception processing
is not defined.", データの定期的な提供に間に合わないことがある → "If you are not able to
provide the data regularly …, you may need to consider using a backup." The source says
what is the case with no condition, time or reason in it (場合, とき, 際, ば, たら, ても, ので
…); the translation opens with If, When, Where or Unless and asks nothing: what was stated
is only supposed (meaning.condition).

The questions of a checklist (…定義されているか, …は揃っているか) come out as statements:
"The data as master-data shall be defined under …", "All metadata shall be in place …".
The sheet asks whether something holds; the translation asserts it (meaning.question,
the other way round from degeneration.py's statement turned into a question).

A request to the reader (…検討し、検討結果をN列に記入してください) comes out as what the
writer does: "We are considering the implementation of a series of measures …". The
source ends in てください; the translation's first sentence has "we" or "I" as its actor
and asks nothing of anyone (meaning.request).
"""

from __future__ import annotations

import re
import unicodedata

from .finding import WARNING, Finding

CHECK = "meaning.statement"
CHECK_CONDITION = "meaning.condition"
CHECK_QUESTION = "meaning.question"
CHECK_REQUEST = "meaning.request"
_STATEMENT_END = re.compile(
    r"(?:ている|ていない|ていた|てある|てい(?:ます|ません)|できる|できない|でき(?:ます|ません)"
    r"|やすい|やすくなる|にくい|れる|られる|ます|です|である|ない|た)$"
)
_TRAILING = re.compile(r"[\s。．.、)）」』]+$")
# The reader asked to act (してください, すること …): an instruction is right there.
_DIRECTS = re.compile(
    r"ください|下さい|願|こと[。．]?$|ことと|されたい|べき|ましょう|せよ|なさい|てほしい"
)
# An order: a verb first (after any bullet or number), then its object, not "Use of …".
_ORDER = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\W*)?(?:please\s+)?(?:do\s+not\s+|don't\s+)?(?:use|make|define|create"
    r"|consider|apply|adopt|build|develop|implement|set|keep|avoid|include|ensure|prepare"
    r"|manage|plan|review|conduct|perform|establish|identify|design|provide|introduce"
    r"|utilize|utilise|leverage|check|confirm|improve|optimize|share|publish|collect"
    r"|evaluate|assess|analy[sz]e|store|secure|protect|maintain|update|register)"
    r"\s+(?!of\b|by\b|is\b|are\b|was\b|were\b|and\b|for\b|in\b|to\b|as\b|with\b|on\b"
    r"|at\b|from\b|case\b|cases\b)[a-z]",
    re.I,
)


# A finite verb or auxiliary: the opening word was a noun ("Design information … is").
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|shall|can|may|must|should|would|could)\b", re.I
)


def became_order(source: str, translation: str) -> bool:
    text = _TRAILING.sub("", unicodedata.normalize("NFKC", source))
    if not _STATEMENT_END.search(text) or _DIRECTS.search(text):
        return False
    english = unicodedata.normalize("NFKC", translation).strip()
    return bool(_ORDER.search(english)) and not _FINITE.search(english)


def check_statement(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    if source_lang != "ja" or target_lang != "en":
        return []
    if not became_order(source, translation):
        return (
            check_condition(source, translation)
            or check_question(source, translation)
            or check_request(source, translation)
        )
    shown = source.strip()[:20]
    return [
        Finding(
            CHECK,
            WARNING,
            translation[:40],
            shown,
            f"原文「{shown}」は事実を述べる文ですが、訳文が指示・命令文になっています"
            "（意味が変わっている可能性があります）",
            f"The source '{shown}' states a fact, but the translation is an instruction "
            "(the meaning may have changed)",
        )
    ]


# What makes a Japanese clause a condition, a time or a reason (English opens with If,
# When, Where, As for these): 場合, とき, 際, conditional forms (…ば, …たら, …なら), ても,
# ので/から/ため, まで/前/後/うち, に当たり, に伴い, 次第, 上で, において/には.
_CONDITION_JA = re.compile(
    r"場合|とき|時|際|なら|たら|だら|[えけせてねべめれげ]ば|限り|において|には|ても|でも|うち"
    r"|まで|前|後|以上|以降|ごと|毎|に応じ|により|によって|ので|から|ため|為|につき|と[、,]"
    r"|当たり|あたり|伴い|伴う|次第|上で|中に|間に(?!合)"
)
_CONDITION_EN = re.compile(r"^\W*(?:\d+(?:\.\d+)*\W*)?(?:if|when|where|whenever|unless)\b", re.I)
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def became_condition(source: str, translation: str) -> bool:
    text = unicodedata.normalize("NFKC", source)
    if not _JAPANESE.search(text) or _CONDITION_JA.search(text):
        return False
    english = unicodedata.normalize("NFKC", translation).strip()
    first = re.split(r"(?<=[.!?])\s", english, maxsplit=1)[0].rstrip()
    if first.endswith("?") or _JAPANESE.search(english):
        return False  # a question ("When is …?") is meaning.question's; kept Japanese too
    return bool(_CONDITION_EN.search(english))


def check_condition(source: str, translation: str) -> list:
    if not became_condition(source, translation):
        return []
    shown = source.strip()[:20]
    return [
        Finding(
            CHECK_CONDITION,
            WARNING,
            translation.strip()[:40],
            shown,
            f"原文「{shown}」は条件を含まない事実の文ですが、訳文は条件（If/When …）になって"
            "います（述べた内容が仮定に変わっている可能性があります）",
            f"The source '{shown}' states a fact with no condition, but the translation is a "
            "condition (If/When …); what it states may have become a supposition",
        )
    ]


# A yes-no question at the end of the source's last line (…されているか, …ですか).
_ASKS_END = re.compile(r"(?:か|かどうか|のか|ですか|ますか|でしょうか)[。．.？?\s」』）)]*$")
# English that asks, or says that something is to be checked.
_ASKING_ENGLISH = re.compile(
    r"\?|\b(?:whether|if|check|checks|checked|confirm|confirmed|verify|verified|ask|asks"
    r"|question)\b",
    re.I,
)


def became_statement(source: str, translation: str) -> bool:
    lines = [line for line in unicodedata.normalize("NFKC", source).splitlines() if line.strip()]
    if not lines or not _ASKS_END.search(lines[-1].strip()):
        return False
    english = unicodedata.normalize("NFKC", translation)
    return not _JAPANESE.search(english) and not _ASKING_ENGLISH.search(english)


def check_question(source: str, translation: str) -> list:
    if not became_statement(source, translation):
        return []
    shown = source.strip()[-20:]
    return [
        Finding(
            CHECK_QUESTION,
            WARNING,
            translation.strip()[:40],
            shown,
            f"原文「{shown}」は問い（…か）ですが、訳文は問いではなく断定になっています"
            "（確認項目が事実の記述に変わっている可能性があります）",
            f"The source '{shown}' asks a question, but the translation states it as a fact "
            "(a checklist question may have become a statement)",
        )
    ]


_REQUEST_END = re.compile(r"[てで](?:ください|下さい)[。．.]?$")
_WRITER_FIRST = re.compile(r"^[\W\d]*(?:we|i)\b", re.I)
# The first sentence still asks ("We ask you to …", "I would like you to …", "please").
_STILL_ASKS = re.compile(
    r"\b(?:you|your|please|kindly|ask|asks|request|requested|like|invite|encourage)\b", re.I
)


def became_report(source: str, translation: str) -> bool:
    text = unicodedata.normalize("NFKC", source).strip()
    if not _REQUEST_END.search(text):
        return False
    english = unicodedata.normalize("NFKC", translation).strip()
    first = re.split(r"(?<=[.!?])\s", english, maxsplit=1)[0]
    return bool(_WRITER_FIRST.search(first)) and not _STILL_ASKS.search(first)


def check_request(source: str, translation: str) -> list:
    if not became_report(source, translation):
        return []
    shown = source.strip()[-20:]
    return [
        Finding(
            CHECK_REQUEST,
            WARNING,
            translation.strip()[:40],
            shown,
            f"原文「{shown}」は読み手への依頼ですが、訳文は書き手（we/I）の行為の記述に"
            "なっています（依頼の内容が変わっている可能性があります）",
            f"The source '{shown}' asks the reader to do something, but the translation "
            "says what the writer (we/I) does (the request may have changed)",
        )
    ]
