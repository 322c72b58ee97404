"""Checks on a cited answer against the passages it was given (design §9: findings, not silence).

- every [n] names a passage that was retrieved (citation_unknown);
- every sentence with content carries a citation (no_citation);
- every figure or date in a sentence appears in the passages it cites (figure_unsupported);
- every proper noun (人名・地名・組織名) appears in the passages it cites (name_unsupported);
- most content words of a sentence are in its cited passages (unsupported).
Figures are compared as values: NFKC, kanji numerals before counters → arabic
(三百三十九か所 = 339か所), 令和元年 = 令和1年.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ... import i18n
from ...kanji_numbers import KANJI_NUMERALS, kanji_to_int
from ...retrieval import fold, proper_nouns, sentences, term_strings

CITATION = re.compile(r"\[(\d{1,3})\]|［(\d{1,3})］")
SUPPORT_MIN = 0.5  # share of a sentence's content words found in its cited passages

_COUNTER = (
    r"(?:年度|年|か月|カ月|ヶ月|箇月|月|日|条|項|号|章|節|円|人|名|件|回|個|歳|倍|割|%|パーセント|"
    r"か所|箇所|カ所|ページ|頁|冊|台|枚|点|種類|期|週|者|社|校|時|分|億|万|兆)"
)
_KANJI_RUN = re.compile(
    rf"(?P<pre>第|令和|平成|昭和|大正|明治|約|計|全|各)(?P<a>[{KANJI_NUMERALS}]+)"
    rf"|(?P<b>[{KANJI_NUMERALS}]+)(?={_COUNTER})"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _kanji(match: re.Match) -> str:
    run = match.group("a") or match.group("b")
    value = kanji_to_int(run)
    return (match.group("pre") or "") + (run if value is None else str(value))


def normalize_figures(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(明治|大正|昭和|平成|令和)元年", r"\g<1>1年", text)
    return _KANJI_RUN.sub(_kanji, text)


def figures(text: str) -> set[str]:
    """The numbers in `text` as digit strings (1,000 → 1000), citation marks left out."""
    text = CITATION.sub(" ", normalize_figures(text))
    return {m.group().replace(",", "") for m in _NUMBER.finditer(text)}


@dataclass
class AnswerFinding:
    kind: (
        str  # citation_unknown | no_citation | figure_unsupported | name_unsupported | unsupported
    )
    sentence: int  # index into the answer's sentences
    text: str  # the sentence
    detail: str = ""  # the figure, name or citation concerned
    severity: str = "warning"  # every answer finding asks for a human look

    def message(self, lang: str | None = None) -> str:
        d = self.detail
        texts = {
            "citation_unknown": (
                f"存在しない資料番号 [{d}] を引用しています",
                f"cites [{d}], which is not a retrieved passage",
            ),
            "no_citation": ("根拠の資料番号がない文です", "sentence without a citation"),
            "figure_unsupported": (
                f"数値「{d}」が引用元の資料にありません",
                f"the figure '{d}' is not in the cited passages",
            ),
            "name_unsupported": (
                f"名称「{d}」が引用元の資料にありません",
                f"the name '{d}' is not in the cited passages",
            ),
            "unsupported": (
                "引用元の資料に裏付けが見当たらない文です",
                "the cited passages do not support this sentence",
            ),
        }
        ja, en = texts[self.kind]
        return i18n.tr(ja, en, lang)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "sentence": self.sentence,
            "text": self.text,
            "detail": self.detail,
            "message": self.message(),
        }


def citations_in(text: str) -> list[int]:
    return [int(a or b) for a, b in CITATION.findall(text)]


def check_answer(answer: str, passages: list[str], no_answer_text: str = "") -> list[AnswerFinding]:
    """Findings for `answer` given the passages numbered [1]..[n] in the prompt."""
    findings: list[AnswerFinding] = []
    passage_figures = [figures(p) for p in passages]
    passage_terms = [set(term_strings(p)) for p in passages]
    passage_folded = [fold(p) for p in passages]
    for index, sentence in enumerate(_answer_sentences(answer)):
        body = CITATION.sub("", sentence).strip()
        if no_answer_text and fold(body).rstrip("。") == fold(no_answer_text).rstrip("。"):
            continue
        cited = citations_in(sentence)
        valid = [n for n in cited if 1 <= n <= len(passages)]
        for n in dict.fromkeys(cited):
            if n not in valid:
                findings.append(AnswerFinding("citation_unknown", index, sentence, str(n)))
        words = [w for w in term_strings(body)]
        if not words:
            continue
        if not valid:
            if not cited:
                findings.append(AnswerFinding("no_citation", index, sentence))
            continue
        cited_figures = set().union(*(passage_figures[n - 1] for n in valid))
        for figure in sorted(figures(body) - cited_figures):
            findings.append(AnswerFinding("figure_unsupported", index, sentence, figure))
        cited_text = "".join(passage_folded[n - 1] for n in valid)
        for name, _, _ in proper_nouns(body):
            if fold(name) not in cited_text:
                findings.append(AnswerFinding("name_unsupported", index, sentence, name))
        cited_terms = set().union(*(passage_terms[n - 1] for n in valid))
        found = sum(w in cited_terms for w in words)
        if found / len(words) < SUPPORT_MIN:
            findings.append(AnswerFinding("unsupported", index, sentence))
    return findings


def _answer_sentences(answer: str) -> list[str]:
    # A citation after the full stop ("…です。[1]") belongs to the sentence before it.
    out: list[str] = []
    for sentence in sentences(answer):
        if out and CITATION.fullmatch(sentence.strip()):
            out[-1] += sentence
        elif out and CITATION.match(sentence) and sentence[: CITATION.match(sentence).end()]:
            lead = CITATION.match(sentence)
            out[-1] += sentence[: lead.end()]
            rest = sentence[lead.end() :].strip()
            if rest:
                out.append(rest)
        else:
            out.append(sentence)
    return out
