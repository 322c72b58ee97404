"""Sentence-level grammar: ら抜き, doubled particles and words, long sentences."""

from __future__ import annotations

import re
from functools import lru_cache

from ..conditions import COMMAS
from ..finding import GENERAL, INFO, KANGAEKATA, WARNING
from ..registry import rule
from ..tokens import conjugation_type, tokenize

_ICHIDAN = ("上一段", "下一段", "カ行変格")


@rule(
    "ra-nuki",
    WARNING,
    GENERAL,
    "ら抜き言葉",
    "Dropped ら in potential forms",
    clause="general-grammar",
)
def ra_nuki(doc, r):
    """見れる/来れる/食べれる: Sudachi reads them as one verb whose normalized form is
    見る/来る/食べる. Only 一段 and カ変 verbs take られる; 帰れる (五段 帰る) is a correct
    potential form, and うすれる (薄れる) is a verb of its own, not 薄る + れる."""
    for _sentence, tokens in doc.sentence_tokens():
        for k, tok in enumerate(tokens):
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if (
                tok.pos1 == "動詞"
                and tok.pos[4].startswith(_ICHIDAN)
                and nxt is not None
                and nxt.pos1 == "助動詞"
                and nxt.lemma == "れる"
                and nxt.start == tok.end
            ) and not _other_verb(tok.surface + nxt.surface, tok.norm):
                # 食べ + れる: the 一段 stem takes られる
                word = tok.surface + nxt.surface
                fixed = tok.surface + "ら" + nxt.surface
                yield r.finding(
                    nxt.start,
                    nxt.start + 1,
                    "れ",
                    f"ら抜き言葉です。「{word}」は「{fixed}」と書きます。",
                    f"Potential form without ら: write '{fixed}' for '{word}'.",
                    "られ",
                )
                continue
            if tok.pos1 != "動詞" or not tok.lemma.endswith("れる") or not tok.norm.endswith("る"):
                continue
            if not _dropped_ra(tok):
                continue
            cut = tok.surface.rfind("れ")
            if cut < 0:
                continue
            fixed = tok.surface[:cut] + "られ" + tok.surface[cut + 1 :]
            at = tok.start + cut  # the span is the れ that should be られ
            yield r.finding(
                at,
                at + 1,
                "れ",
                f"ら抜き言葉です。「{tok.surface}」は「{fixed}」と書きます。",
                f"Potential form without ら: write '{fixed}' for '{tok.surface}'.",
                "られ",
            )


def _dropped_ra(tok) -> bool:
    """The verb is its normalized 一段/カ変 verb plus れる: its reading minus レル plus ル is
    the reading of the normalized form (見れる ミレル → ミル = 見る)."""
    if tok.norm == "来る":
        return tok.reading.startswith("コレ")
    if tok.norm == "居る" and tok.lemma == "いれる":
        return False  # in kana it is far more often 入れる than 居れる
    if not conjugation_type(tok.norm).startswith(_ICHIDAN):
        return False
    reading = _lemma_reading(tok.lemma)
    return (
        bool(reading)
        and reading.endswith("レル")
        and reading[:-2] + "ル" == _lemma_reading(tok.norm)
    )


@lru_cache(maxsize=4096)
def _other_verb(word: str, norm: str) -> bool:
    """いれる read as い(居る) + れる is the real verb 入れる: not a ら抜き form."""
    toks = tokenize(word)
    return len(toks) == 1 and toks[0].pos1 == "動詞" and toks[0].norm != norm


@lru_cache(maxsize=4096)
def _lemma_reading(word: str) -> str:
    return "".join(t.reading for t in tokenize(word))


# Particles that repeat by nature: parallel と/や/か/たり, の chains, conjunctive て,
# and を (AをBし、Cを…), as textlint's non-strict mode allows.
_JOSHI_SKIP = frozenset(
    {
        "の",
        "と",
        "や",
        "か",
        "たり",
        "て",
        "で接続助詞",
        "ば",
        "し",
        "つつ",
        "ながら",
        "とか",
        "なり",
        "を",
        "でも",
    }
)
# A quotation or aside is its own clause; so is each sentence quoted inside a sentence
# (the one splitter keeps 「…。…。」と述べた。 together: its inner 。 ends a clause here).
_BOUNDARIES = frozenset("「」『』（）()。．！？")
# The verb of a compound particle (における, について, に対して, によって, として …): the
# に/と before it belongs to the compound, not to the clause's case particles.
COMPOUND_VERBS = frozenset(
    {
        "おけ",
        "おい",
        "つい",
        "つき",
        "対し",
        "対する",
        "関し",
        "関する",
        "よっ",
        "より",
        "よる",
        "よれ",
        "基づき",
        "基づく",
        "基づい",
        "係る",
        "かかる",
        "係り",
        "当たっ",
        "当たり",
        "あたっ",
        "あたり",
        "際し",
        "際する",
        "伴い",
        "伴う",
        "向け",
        "向かっ",
        "沿っ",
        "沿い",
        "応じ",
        "応ずる",
        "応じる",
        "とっ",
        "わたっ",
        "わたり",
        "わたる",
        "従い",
        "従っ",
        "し",
        "する",
        "すれ",
        "比べ",
        "比し",
        "限り",
        "限っ",
        "加え",
        "おける",
        "ついて",
        "先立ち",
        "先立っ",
    }
)
_PREDICATE = ("動詞", "形容詞", "形状詞", "助動詞")


@rule(
    "doubled-joshi",
    INFO,  # style (読みやすさ), not an error; a spoken record (議事録) is full of them
    GENERAL,
    "同じ助詞の連続",
    "Same particle repeated",
    clause="general-typo",
)
def doubled_joshi(doc, r):
    """Two identical particles close together in one clause (私は彼は, 事故でバスで)."""
    interval = doc.config.joshi_min_interval
    for _sentence, tokens in doc.sentence_tokens():
        groups: list[tuple[str, int, int, int]] = []  # (key, start, end, token index)
        k = 0
        while k < len(tokens):
            tok = tokens[k]
            if tok.surface in _BOUNDARIES:  # a quotation or aside is its own clause
                groups.append(("|", tok.start, tok.end, k))
            elif tok.surface in COMMAS:  # a comma counts as one step of distance
                groups.append(("、", tok.start, tok.end, k))
            if tok.pos1 == "助詞":
                j = k
                while j + 1 < len(tokens) and tokens[j + 1].pos1 == "助詞":
                    j += 1
                key = "".join(t.surface for t in tokens[k : j + 1])
                prev = tokens[k - 1] if k else None
                if not all("\u3041" <= c <= "\u309f" for c in key) or (
                    key == "は" and prev is not None and prev.surface in ("実", "又", "また")
                ):
                    k = j + 1
                    continue  # 文語 katakana (ノ, ヲ), a sign (～), and 実は (an adverb)
                if key == "は" and prev is not None and prev.surface in ("又", "また"):
                    k = j + 1
                    continue  # 又は is one conjunction, split by the tokenizer
                if (
                    key == "に"
                    and prev is not None
                    and (prev.pos1 in ("副詞", "形状詞") or prev.pos[2] == "副詞可能")
                ):
                    k = j + 1
                    continue  # adverbial に (すぐに, 一律に) is not a case particle
                nxt = tokens[j + 1] if j + 1 < len(tokens) else None
                if (
                    key in ("に", "と")
                    and nxt is not None
                    and nxt.pos1 == "動詞"
                    and nxt.surface in COMPOUND_VERBS
                ):
                    k = j + 1
                    continue  # における / について / として: a compound particle
                if len(key) == 1 and tok.pos[1] == "接続助詞":
                    key += "接続助詞"
                groups.append((key, tok.start, tokens[j].end, k))
                k = j + 1
                continue
            k += 1
        for a in range(len(groups)):
            key = groups[a][0]
            if (
                key in ("|", "、")
                or key in _JOSHI_SKIP
                or key.removesuffix("接続助詞") in _JOSHI_SKIP
            ):
                continue
            for b in range(a + 1, min(a + 1 + interval, len(groups))):
                if groups[b][0] == "|":
                    break
                # Adjacent particles (これはは) are doubled-word's finding.
                if groups[b][0] == key and groups[b][3] - groups[a][3] > 1:
                    _, start, end, _ = groups[b]
                    surface = doc.text[start:end]
                    # A predicate in between (…することが困難な事情が…) means two clauses, and
                    # に repeats naturally in legal prose (窓口に事前に相談): only a hint.
                    between = tokens[groups[a][3] + 1 : groups[b][3]]
                    clause = key == "に" or any(t.pos1 in _PREDICATE for t in between)
                    yield r.finding(
                        start,
                        end,
                        surface,
                        f"一文の中で助詞「{surface}」が続けて使われています。語順を変えるか文を分けることを検討してください。",
                        f"The particle '{surface}' is repeated within one clause; reorder or split the sentence.",
                        severity=INFO if clause else None,
                    )


@rule(
    "doubled-word",
    WARNING,
    GENERAL,
    "同じ語の連続",
    "Same word twice in a row",
    clause="general-typo",
)
def doubled_word(doc, r):
    """これはは / あるある: usually an editing slip."""
    for _sentence, tokens in doc.sentence_tokens():
        for k, (a, b) in enumerate(zip(tokens, tokens[1:], strict=False)):
            if a.surface != b.surface or a.end != b.start or a.is_symbol():
                continue
            if a.pos[1] in ("数詞", "固有名詞") or a.pos1 == "副詞" or a.surface.isdigit():
                continue  # 九九, onomatopoeia, numbers, names run together in table text
            if a.surface in ("々", "ー"):
                continue
            if _reduplication(a, tokens[k - 1] if k else None):
                continue  # 早め早め, 個人個人, 一つ一つ: a word repeated on purpose
            yield r.finding(
                b.start,
                b.end,
                b.surface,
                f"「{b.surface}」が2回続いています。",
                f"'{b.surface}' appears twice in a row.",
                "",
            )


def _reduplication(tok, before) -> bool:
    """A noun, adverb or 形状詞 of two or more characters said twice is a reduplicated
    word (早め早め, 個人個人, 時折時折); a slip repeats a particle or a short word
    (これはは), or runs three times (人人人人)."""
    content = tok.pos1 in ("名詞", "形状詞", "副詞") or (
        tok.pos1 == "動詞" and tok.conj_form.startswith("連用形") and len(tok.surface) >= 3
    )  # 繰り返し繰り返し
    return (
        content and len(set(tok.surface)) >= 2 and (before is None or before.surface != tok.surface)
    )


@rule(
    "long-sentence",
    INFO,
    KANGAEKATA,
    "長い文",
    "Long sentence",
    clause="kangaekata-3-3-a",
)
def long_sentence(doc, r):
    """The guide asks for one point per sentence; 50–60 characters reads easily."""
    limit = doc.config.max_sentence
    for sentence, _tokens in doc.sentence_tokens():
        text = sentence.text.strip()
        if len(text) <= limit or _BARE_URL.fullmatch(text):
            continue  # a web address alone (a footnote's source) is not a sentence to split
        lead = len(sentence.text) - len(sentence.text.lstrip())
        start = sentence.start + lead
        yield r.finding(
            start,
            start + len(text),
            text,
            f"一文が{len(text)}字あります（目安 {limit}字以内）。文を分けることを検討してください。",
            f"This sentence has {len(text)} characters (guide: up to {limit}); consider splitting it.",
        )


_BARE_URL = re.compile(r"[<＜(（]?(?:https?|ftp)://\S+?[>＞)）]?[。.]?")


# 撥音便 and ガ行イ音便 take で/だ (読んで, 泳いだ); 促音便 and カ行イ音便 take て/た.
_VOICED = ("連用形-撥音便",)


def _wants_voiced(tok) -> bool | None:
    """True: the stem takes で/だ; False: て/た; None: not a sound-changed stem."""
    form, kind = tok.conj_form, tok.pos[4]
    if form.startswith("連用形-撥音便") or (form.startswith("連用形-イ音便") and "ガ行" in kind):
        return True
    if form.startswith("連用形-促音便") or (form.startswith("連用形-イ音便") and "カ行" in kind):
        return False
    return None


@rule(
    "broken-conjugation",
    WARNING,
    GENERAL,
    "活用の誤り（て/で）",
    "Broken conjugation (te/de)",
    clause="general-grammar",
)
def broken_conjugation(doc, r):
    """取り組んて → 取り組んで, 泳いた → 泳いだ, 書いで → 書いて: a typing slip a reader trips on."""
    for _sentence, tokens in doc.sentence_tokens():
        for tok, nxt in zip(tokens, tokens[1:], strict=False):
            if tok.pos1 != "動詞" or nxt.start != tok.end:
                continue
            if all("\u3041" <= c <= "\u309f" for c in tok.surface):
                continue  # a kana run Sudachi may misread (どこからかついて → かつい + て)
            voiced = _wants_voiced(tok)
            if voiced is None or nxt.surface not in ("て", "た", "で", "だ"):
                continue
            if nxt.surface in ("で", "だ") and not voiced:
                fixed = {"で": "て", "だ": "た"}[nxt.surface]
            elif nxt.surface in ("て", "た") and voiced:
                fixed = {"て": "で", "た": "だ"}[nxt.surface]
            else:
                continue
            yield r.finding(
                nxt.start,
                nxt.end,
                nxt.surface,
                f"活用の誤りです。「{tok.surface}{nxt.surface}」は「{tok.surface}{fixed}」と書きます。",
                f"Broken conjugation: write '{tok.surface}{fixed}' for '{tok.surface}{nxt.surface}'.",
                fixed,
            )


# The verb of a compound particle that needs に before it (経過措置について).
_NEEDS_NI = {
    "つい": ("て", "ての"),
    "関し": (),
    "関する": (),
    "対し": (),
    "対する": (),
    "基づき": (),
    "基づく": (),
    "基づい": ("て",),
    "おい": ("て",),
    "おける": (),
    "際し": (),
    "伴い": (),
    "伴う": (),
}


@rule(
    "missing-particle",
    WARNING,
    GENERAL,
    "助詞の脱落",
    "Missing particle",
    clause="general-grammar",
)
def missing_particle(doc, r):
    """「経過措置ついて」「本件関し」: a noun runs straight into a compound particle
    (について, に関し, に対して, に基づき, において …) without its に."""
    for _sentence, tokens in doc.sentence_tokens():
        for k in range(1, len(tokens)):
            tok, prev = tokens[k], tokens[k - 1]
            if tok.pos1 != "動詞" or tok.surface not in _NEEDS_NI or prev.end != tok.start:
                continue
            if prev.pos1 != "名詞" or prev.pos[1] in ("数詞",) or prev.is_symbol():
                continue
            follow = _NEEDS_NI[tok.surface]
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if follow and (nxt is None or nxt.surface not in follow):
                continue
            yield r.finding(
                tok.start,
                tok.end,
                tok.surface,
                f"助詞「に」が抜けているようです（「{prev.surface}に{tok.surface}…」）。",
                f"The particle に seems to be missing ('{prev.surface}に{tok.surface}…').",
                "に" + tok.surface,
            )
