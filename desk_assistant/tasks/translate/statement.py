"""A statement of fact that came out as an instruction or a rule.

Evaluation sheets and slides state what is the case: クラウドの適切なネットワークインフラを
活用をしている ("appropriate cloud infrastructure is used"), 基礎に参照モデルを使うので展開
しやすい ("easy to roll out because it builds on a reference model"). The demo model
turns them into orders ("Use cloud infrastructure to optimize …", "Use a reference model
to expand"): the assessment the sheet asks about is gone. Labels turned into orders are
degeneration.py's; here the source ends as a statement (…ている, …できる, …やすい,
…ます, …ない) and asks nothing of the reader, and the translation opens with a verb in
the imperative followed by its object.

A statement of what is so (データ項目が共通化されるので…行いやすい。, 測定規定が定められて
いる) also comes out as a rule: "Data items shall be standardized …", "Some data … shall be
subject to …". Every sentence of the source ends in a polite form, an ease or a state (…ます,
…やすい, …ている), as a law's rules do not (…する, …ものとする: "shall" is right there).

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

A heading that names something (１.１ LINEサービスを利用する自治体業務, SNS利用が従来の
システム利用と異なる点: no predicate, its last word a common noun) comes out as a sentence that
states something: "1.1 The service provider shall use LINE service …", "Changes to the SNS
system are different from traditional system use." A subject, a shall/will or a claim the
heading does not have took the place of what it names (meaning.label, as a heading turned
into a question or an instruction is in degeneration.py).

Fluent English also puts a frame on someone that no source word means: "Underwriter shall
be responsible for …", "This is a waiver of the requirement …" in a paragraph on contracted
development with no 責任, 義務, 免除 or any word of duty in it (meaning.obligation);
"IMM-certified service quality evaluation" for IMMによるサービス品質の評価 ("by IMM", no
認証, 認定 or 承認: meaning.approval).
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


# What a slide or a sheet says is so: its every sentence ends in a polite form, an ease
# (やすい), or a state (…ている); a law's rule ends in a plain verb (…する, …ものとする).
_STATED_END = re.compile(
    r"(?:ます|ました|です|でした|ません|やすい|にくい|ている|ていない|ていた|てある|てきた"
    r"|ていく|ておらず)[。．\s」』)）]*$"
)
_SHALL = re.compile(r"\bshall\b", re.I)
# A rule in the polite form (…ものとします, …こととします, …なければなりません): it ends in
# ます like a statement, and "shall" is its English.
_POLITE_RULE = re.compile(r"(?:もの|こと)と(?:します|いたします)|なければなりません|ねばなりません")


def became_rule(source: str, translation: str) -> bool:
    """A statement of what is so (…定められている, …行いやすい。, …集中できます。) whose
    English says it "shall" be: a rule the source does not lay down."""
    english = unicodedata.normalize("NFKC", translation)
    if not _SHALL.search(english) or _JAPANESE.search(english):
        return False
    text = unicodedata.normalize("NFKC", source).strip()
    if _POLITE_RULE.search(text):
        return False  # …に従うものとします: a rule said politely is still a rule
    sentences = [s.strip() for s in re.split(r"(?<=[。．])", text) if s.strip()]
    return bool(sentences) and all(_STATED_END.search(s) for s in sentences)


def check_statement(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    if source_lang != "ja" or target_lang != "en":
        return []
    if became_rule(source, translation):
        shown = source.strip()[:20]
        return check_added_frames(source, translation) + [
            Finding(
                CHECK,
                WARNING,
                "shall",
                shown,
                f"原文「{shown}」は事実や状態を述べる文ですが、訳文は「shall」で決まり・義務の"
                "文になっています（意味が変わっている可能性があります）",
                f"The source '{shown}' states what is the case, but the translation makes it a "
                "rule with 'shall' (the meaning may have changed)",
            )
        ]
    if not became_order(source, translation):
        return (
            check_condition(source, translation)
            or check_question(source, translation)
            or check_request(source, translation)
            or check_label_sentence(source, translation)
        ) + check_added_frames(source, translation)
    shown = source.strip()[:20]
    return check_added_frames(source, translation) + [
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
    # a sentence ends before a capital ("…, etc. into the case …" goes on)
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", english, maxsplit=1)[0].rstrip()
    asks = _ASKS.match(first) and _SOURCE_ASKS.search(text)
    if first.endswith("?") or asks or _JAPANESE.search(english):
        return False  # a question ("When is …?") is meaning.question's; kept Japanese too
    if (_SOURCE_PLACE.search(text) or _RULE_TOPIC.search(text)) and _WHERE_EN.search(english):
        return False  # 責任の所在 "Where responsibility lies": the source names a place
    return bool(_CONDITION_EN.search(english))


# A source that names a place or whereabouts (所在, 場所, どこ) is said with "Where …" as a
# noun clause, not a condition.
_SOURCE_PLACE = re.compile(r"所在|場所|どこ|何処|在り処|ありか")
# A rule's topic (言い換えがないものは、… "Where there is no paraphrase, …"): the things a rule
# is about are said as the cases it applies to, as the Japanese Law Translation does.
_RULE_TOPIC = re.compile(r"もの(?:について)?は[、,]")
_WHERE_EN = re.compile(r"^\W*(?:\d+(?:\.\d+)*\W*)?where\b", re.I)


# "When did the Minister learn …" for …知ったのはいつですか。: when/where before an auxiliary
# asks what the source asks, it sets no condition (調達 → "When is the procurement" still does).
_SOURCE_ASKS = re.compile(r"(?:か|かね|かな)[。.？?]?\s*$|[？?]\s*$")
_ASKS = re.compile(
    r"^\W*(?:when|where)\s+(?:did|do|does|is|are|was|were|will|would|can|could|should|has"
    r"|have|had)\b",
    re.I,
)


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


def ends_in_particle_ka(line: str) -> bool:
    """The か a line ends in is the particle (…されているか, 何か), not the last kana of a word:
    an adjectival noun (僅か, 明らか, 確か, 豊か) or a noun (ほか) ending in か asks nothing."""
    from ...sudachi import morphemes

    text = re.sub(r"[。．.？?\s」』）)]+$", "", line)
    words = [m for m in morphemes(text, "A") if m.part_of_speech()[0] not in ("補助記号", "空白")]
    return bool(words) and words[-1].surface() == "か" and words[-1].part_of_speech()[0] == "助詞"


def became_statement(source: str, translation: str) -> bool:
    lines = [line for line in unicodedata.normalize("NFKC", source).splitlines() if line.strip()]
    if not lines or not _ASKS_END.search(lines[-1].strip()):
        return False
    if not ends_in_particle_ka(lines[-1].strip()):
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


CHECK_LABEL = "meaning.label"
# A heading's number or bullet: １.１, 2., (3), ①, 第4章, a), ・, ●.
_HEADING_NUMBER = re.compile(
    r"^\s*(?:(?:第?[0-9一二三四五六七八九十]+[章節条項部編款目]?|[0-9]+(?:\.[0-9]+)*\.?"
    r"|[(][0-9a-zA-Zア-ン一二三四五六七八九十]+[)]|[①-⑳]|[a-zA-Z][.)])[\s:.、]*"
    r"|[・●○■□◆◇▪※\-－]+\s*)"
)
_MODAL = re.compile(r"\b(?:shall|must|will|should)\b", re.I)
_FINITE_WORD = re.compile(
    r"\b(?:is|are|was|were|has|have|had|shall|must|will|should|can|may|would|could|does|do)\b",
    re.I,
)


def noun_heading(source: str) -> bool:
    """A heading or caption that names something: no sentence end, no predicate, its last
    word a common noun (…自治体業務, …異なる点, …の種別), not a proper name, not an
    adjectival noun (不可能, 困難: a predicate), not こと/もの (a rule or a thing to do) and not
    a noun-stop sentence whose verbal noun takes an object (データを整備)."""
    from ...sudachi import morphemes

    text = unicodedata.normalize("NFKC", source).strip()
    text = _HEADING_NUMBER.sub("", text, count=1).strip()
    if not text or len(text) > 30 or re.search(r"[。.!！?？\n]", text):
        return False
    if re.search(r"(?:こと|もの)$", text):
        return False
    words = [m for m in morphemes(text, "A") if m.part_of_speech()[0] not in ("補助記号", "空白")]
    if not words:
        return False
    pos = words[-1].part_of_speech()
    if pos[0] == "接尾辞":
        if pos[1] != "名詞的":
            return False
    elif pos[0] != "名詞" or pos[1] == "固有名詞":
        return False
    before = words[-2].surface() if len(words) > 1 else ""
    return not (pos[2] == "サ変可能" and before in ("を", "が", "に", "へ", "と"))


def became_sentence(source: str, translation: str) -> bool:
    """A heading that names something came out as a sentence that says something: a modal
    (shall, must, will, should) it does not have, or a statement ending in a full stop."""
    english = unicodedata.normalize("NFKC", translation).strip()
    if not english or _JAPANESE.search(english) or english.endswith("?"):
        return False  # an instruction or a question is degeneration's meaning.label; kept Japanese is untranslated
    if re.match(r"\W*(?:please|kindly)\b", english, re.I):
        return False
    stated = english.endswith(".") and not english.endswith("etc.")
    # 普及を図るべき用語 "Terms whose wider use should be promoted": the source's own べき
    modal = _MODAL.search(english) and not _SOURCE_MODAL.search(source)
    if not (modal or stated and _FINITE_WORD.search(english)):
        return False
    return noun_heading(source)


_SOURCE_MODAL = re.compile(r"べき|べし|なければ|なくては|ねば|ものとする")


def check_label_sentence(source: str, translation: str) -> list:
    if not became_sentence(source, translation):
        return []
    shown = source.strip()[:20]
    return [
        Finding(
            CHECK_LABEL,
            WARNING,
            translation.strip()[:40],
            shown,
            f"見出し・項目名「{shown}」は名詞で終わる表題ですが、訳文は主語や「shall/will」などを"
            "補った文になっています（原文にない内容になっている可能性があります）",
            f"The heading or label '{shown}' names something, but the translation is a "
            "sentence that states something (with a subject or shall/will the source does "
            "not have): its meaning may have changed",
        )
    ]


def check_added_frames(source: str, translation: str) -> list:
    """A duty, a liability or a waiver, or a certification or an approval, that the English
    puts on something and no source word means."""
    return check_obligation(source, translation) + check_approval(source, translation)


CHECK_OBLIGATION = "meaning.obligation"
# English that puts a legal frame on someone: a duty, a liability, a waiver.
_OBLIGATION_EN = re.compile(
    r"\b(?:obliged|obligated|obligatory|obligations?|waivers?|waive[sd]?|liable|liabilit(?:y|ies)"
    r"|responsible|responsibilit(?:y|ies)|duty|duties|accountab(?:le|ility))\b",
    re.I,
)
# Source words that say so: a duty (義務, 責任, べき, ならない, ものとする, 負う, 要する, 必要,
# a rule ending in こと), an exemption (免除, 免責), a charge (担当, 所管, 任務, 職務), a debt
# (債務), compensation (賠償), a demand (求める, 要請), a tax (税: "customs duties").
_OBLIGATION_JA = re.compile(
    r"べき|べし|ならない|ならぬ|なりません|いけない|ものとする|ものとし|義務|責|負う|負わ|負い"
    r"|要する|要し|必要|必須|不可欠|こと[。．」』）)]|こと$|ことと|免|求め|要求|要請|担|所管"
    r"|管轄|主管|努め|努力|せよ|なさい|ください|下さい|課す|課さ|課し|遵守|順守|拘束|得ない"
    r"|禁止|禁じ|厳守|債|任|役割|職務|管理者|賠償|補償|税"
    # Giving up a right or a claim is what "waive" says (権利を放棄する, 棄権).
    r"|放棄|棄権"
)


def added_obligation(source: str, translation: str) -> bool:
    english = unicodedata.normalize("NFKC", translation)
    if _JAPANESE.search(english) or not _OBLIGATION_EN.search(english):
        return False
    return not _OBLIGATION_JA.search(unicodedata.normalize("NFKC", source))


def check_obligation(source: str, translation: str) -> list:
    if not added_obligation(source, translation):
        return []
    english = unicodedata.normalize("NFKC", translation)
    said = _OBLIGATION_EN.search(english).group(0)
    shown = source.strip()[:20]
    return [
        Finding(
            CHECK_OBLIGATION,
            WARNING,
            said,
            shown,
            f"訳文に「{said}」（責任・義務・免除など）がありますが、原文「{shown}…」には"
            "それに当たる語がありません（原文にない義務や責任が加わった可能性があります）",
            f"The translation says '{said}' (a responsibility, duty or waiver), but no word of "
            f"the source '{shown}…' means that: an obligation the source does not state may "
            "have been added",
        )
    ]


CHECK_APPROVAL = "meaning.approval"
# English that gives something a status it has been granted: certified, approved, licensed.
_APPROVAL_EN = re.compile(
    r"(?<![a-z])(?:certified|accredited|licensed|authori[sz]ed|approved|endorsed|sanctioned"
    r"|certification|accreditation)(?![a-z])",
    re.I,
)
# Source words of granting a status: 認証, 認定, 承認, 許可, 登録, 資格, 証明, 指定, 採択 …
_APPROVAL_JA = re.compile(
    r"認|許|証|承|資格|免|検定|登録|適合|準拠|同意|決裁|可決|採択|決定|指定|選定|受理|合格|済"
    r"|批准|裁可|権限|正規|公式"
    # licensed professions whose English name says "certified" (certified public tax accountant)
    r"|税理士|会計士|社会保険労務士|行政書士"
)


def added_approval(source: str, translation: str) -> bool:
    english = unicodedata.normalize("NFKC", translation)
    if _JAPANESE.search(english) or not _APPROVAL_EN.search(english):
        return False
    return not _APPROVAL_JA.search(unicodedata.normalize("NFKC", source))


def check_approval(source: str, translation: str) -> list:
    if not added_approval(source, translation):
        return []
    said = _APPROVAL_EN.search(unicodedata.normalize("NFKC", translation)).group(0)
    shown = source.strip()[:20]
    return [
        Finding(
            CHECK_APPROVAL,
            WARNING,
            said,
            shown,
            f"訳文に「{said}」（認証・承認・許可されたこと）がありますが、原文「{shown}…」には"
            "それに当たる語がありません（原文にない認証や承認が加わった可能性があります）",
            f"The translation says '{said}' (certified, approved or licensed), but no word of "
            f"the source '{shown}…' means that: a status the source does not state may have "
            "been added",
        )
    ]
