"""及び/並びに and 又は/若しくは: the legal hierarchy of conjunctions."""

from __future__ import annotations

from ..conditions import COMMAS
from ..finding import KANGAEKATA, WARNING
from ..registry import rule


@rule(
    "narabini-without-oyobi",
    WARNING,
    KANGAEKATA,
    "「並びに」「若しくは」の使い方",
    "並びに / 若しくは usage",
    clause="kangaekata-2-1",
)
def hierarchy(doc, r):
    """並びに joins larger groups whose members are joined by 及び; 若しくは joins the
    smaller groups inside 又は. Alone, 並びに should be 及び and 若しくは should be 又は."""
    pairs = (("並びに", "及び"), ("若しくは", "又は"))
    for sentence in doc.sentences:
        if len(sentence.text.strip()) < 10:
            continue  # an index entry or a heading, not a sentence
        for upper, lower in pairs:
            if upper in sentence.text and lower not in sentence.text:
                k = sentence.text.index(upper)
                start = sentence.start + k
                yield r.finding(
                    start,
                    start + len(upper),
                    upper,
                    f"「{upper}」は「{lower}」と組み合わせて使います。一段階だけの接続なら「{lower}」を使います。",
                    f"'{upper}' is used together with '{lower}'; for a single level of joining use '{lower}'.",
                    lower,
                )


@rule(
    "comma-before-oyobi",
    WARNING,
    KANGAEKATA,
    "「A、B及びC」の読点",
    "No comma before 及び/又は in lists",
    clause="kangaekata-2-1",
)
def comma_before_oyobi(doc, r):
    """Nouns listed as 「A、B及びC」: no 、 before the last 及び/又は. Clauses may take one
    (…を行い、及び…), so only a comma between two nouns is reported."""
    for _sentence, tokens in doc.sentence_tokens():
        for k in range(1, len(tokens) - 2):
            comma, conj = tokens[k], tokens[k + 1]
            if comma.surface not in COMMAS or conj.surface not in ("及び", "又は"):
                continue
            before, after = tokens[k - 1], tokens[k + 2]
            if before.surface in _CLAUSE_NOUNS:
                continue  # …であること、及び…であること: clauses take the comma
            if before.pos1 == "名詞" and after.pos1 == "名詞" and _has_list_comma(tokens[:k]):
                yield r.finding(
                    comma.start,
                    conj.end,
                    comma.surface + conj.surface,
                    f"「A、B{conj.surface}C」のように、最後の「{conj.surface}」の前には読点を打ちません。",
                    f"In a list 'A、B{conj.surface}C' no comma goes before the last '{conj.surface}'.",
                    conj.surface,
                )


_CLAUSE_NOUNS = frozenset({"こと", "もの", "とき", "ところ", "場合"})


def _has_list_comma(tokens) -> bool:
    """An earlier noun、noun pair in the same sentence: this is a list of nouns."""
    return any(
        tokens[i].surface in COMMAS
        and tokens[i - 1].pos1 == "名詞"
        and tokens[i + 1].pos1 == "名詞"
        for i in range(1, len(tokens) - 1)
    )
