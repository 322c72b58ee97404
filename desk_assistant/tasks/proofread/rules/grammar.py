"""Sentence-level grammar: ら抜き, doubled particles and words, long sentences."""

from __future__ import annotations

from ..conditions import COMMAS
from ..finding import GENERAL, INFO, KANGAEKATA, WARNING
from ..registry import rule
from ..tokens import conjugation_type

_ICHIDAN = ("上一段", "下一段", "カ行変格")


@rule("ra-nuki", WARNING, GENERAL, "ら抜き言葉", "Dropped ら in potential forms")
def ra_nuki(doc, r):
    """見れる/来れる/食べれる: Sudachi reads them as 見る + れる. Only 一段 and カ変
    verbs take られる; 帰れる (五段 帰る) is a correct potential form."""
    for _sentence, tokens in doc.sentence_tokens():
        for tok in tokens:
            if tok.pos1 != "動詞" or not tok.lemma.endswith("れる") or not tok.norm.endswith("る"):
                continue
            if tok.lemma != tok.norm[:-1] + "れる" and not _kana_spelling(tok):
                continue
            if not conjugation_type(tok.norm).startswith(_ICHIDAN):
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


def _kana_spelling(tok) -> bool:
    """これる (来れる in kana) is normalized to 来る, not これ+る: accept a kana lemma one
    character longer than its normalized form."""
    return all("\u3041" <= c <= "\u309f" for c in tok.lemma) and len(tok.lemma) == len(tok.norm) + 1


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
_BOUNDARIES = frozenset("「」『』（）()")
_PREDICATE = ("動詞", "形容詞", "形状詞", "助動詞")


@rule("doubled-joshi", WARNING, GENERAL, "同じ助詞の連続", "Same particle repeated")
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


@rule("doubled-word", WARNING, GENERAL, "同じ語の連続", "Same word twice in a row")
def doubled_word(doc, r):
    """これはは / あるある: usually an editing slip."""
    for _sentence, tokens in doc.sentence_tokens():
        for a, b in zip(tokens, tokens[1:], strict=False):
            if a.surface != b.surface or a.end != b.start or a.is_symbol():
                continue
            if a.pos[1] in ("数詞", "固有名詞") or a.pos1 == "副詞" or a.surface.isdigit():
                continue  # 九九, onomatopoeia, numbers, names run together in table text
            if a.surface in ("々", "ー"):
                continue
            yield r.finding(
                b.start,
                b.end,
                b.surface,
                f"「{b.surface}」が2回続いています。",
                f"'{b.surface}' appears twice in a row.",
                "",
            )


@rule("long-sentence", INFO, KANGAEKATA, "長い文", "Long sentence")
def long_sentence(doc, r):
    """The guide asks for one point per sentence; 50–60 characters reads easily."""
    limit = doc.config.max_sentence
    for sentence, _tokens in doc.sentence_tokens():
        text = sentence.text.strip()
        if len(text) <= limit:
            continue
        lead = len(sentence.text) - len(sentence.text.lstrip())
        start = sentence.start + lead
        yield r.finding(
            start,
            start + len(text),
            text,
            f"一文が{len(text)}字あります（目安 {limit}字以内）。文を分けることを検討してください。",
            f"This sentence has {len(text)} characters (guide: up to {limit}); consider splitting it.",
        )
