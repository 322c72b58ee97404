"""A statement of fact that came out as an instruction.

Evaluation sheets and slides state what is the case: クラウドの適切なネットワークインフラを
活用をしている ("appropriate cloud infrastructure is used"), 基礎に参照モデルを使うので展開
しやすい ("easy to roll out because it builds on a reference model"). The demo model
turns them into orders ("Use cloud infrastructure to optimize …", "Use a reference model
to expand"): the assessment the sheet asks about is gone. Labels turned into orders are
degeneration.py's; here the source ends as a statement (…ている, …できる, …やすい,
…ます, …ない) and asks nothing of the reader, and the translation opens with a verb in
the imperative followed by its object.
"""

from __future__ import annotations

import re
import unicodedata

from .finding import WARNING, Finding

CHECK = "meaning.statement"
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
    if source_lang != "ja" or target_lang != "en" or not became_order(source, translation):
        return []
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
