"""Kanji or kana by the 訓令: word lists in resources/rules/*.tsv drive these rules.

Rows: match, by (surface|lemma), when (see conditions.py), suggestion ('=kana'
means the matched words' reading in hiragana), note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..clauses import clause
from ..conditions import COMMAS, compile_when
from ..finding import ERROR, INFO, KANGAEKATA, KUNREI, SEVERITIES, WARNING
from ..registry import rule
from ..tokens import hiragana
from ..wordlists import RuleDataError, load_table, rules_dir


@dataclass(frozen=True)
class Entry:
    match: str
    by: str
    when: str
    suggestion: str
    note: str
    clause: str = ""  # clauses.tsv id; empty: the rule's own
    severity: str = ""  # error | warning | info; empty: the rule's own


@dataclass(frozen=True)
class Table:
    by_lemma: dict[str, list[Entry]]
    surface_re: re.Pattern | None
    by_surface: dict[str, list[Entry]]


@lru_cache(maxsize=16)
def _table(name: str) -> Table:
    by_lemma: dict[str, list[Entry]] = {}
    by_surface: dict[str, list[Entry]] = {}
    for row in load_table(name, 7):
        entry = Entry(*row)
        try:
            compile_when(entry.when)
            if entry.severity and entry.severity not in SEVERITIES:
                raise ValueError(f"severity {entry.severity!r}")
            if entry.clause and clause(entry.clause) is None:
                raise ValueError(f"clause {entry.clause!r}")
        except ValueError as err:  # a typo in the data file: say where
            raise RuleDataError(detail=str(err), path=str(rules_dir() / name)) from err
        (by_lemma if entry.by == "lemma" else by_surface).setdefault(entry.match, []).append(entry)
    surface_re = None
    if by_surface:
        alts = sorted(by_surface, key=len, reverse=True)
        surface_re = re.compile("|".join(map(re.escape, alts)))
    return Table(by_lemma, surface_re, by_surface)


def table_matches(doc, name: str):
    """Yield (tokens, i, j, entry, suggestion) for every row of `name` that applies."""
    table = _table(name)
    for sentence, tokens in doc.sentence_tokens():
        if not tokens:
            continue
        if table.by_lemma:
            for i, tok in enumerate(tokens):
                for entry in table.by_lemma.get(tok.lemma, ()):
                    if tok.surface == hiragana(tok.reading):
                        break  # already in kana
                    if compile_when(entry.when)(tokens, i, i + 1):
                        yield tokens, i, i + 1, entry, _suggest(entry, tokens[i : i + 1])
                        break  # the first row that applies decides
        if table.surface_re is not None:
            starts = ends = None
            for m in table.surface_re.finditer(sentence.text):
                if starts is None:  # built only for sentences with a candidate
                    starts = {t.start: k for k, t in enumerate(tokens)}
                    ends = {t.end: k + 1 for k, t in enumerate(tokens)}
                a, b = m.start() + sentence.start, m.end() + sentence.start
                if a not in starts or b not in ends:
                    continue  # inside a longer word
                i, j = starts[a], ends[b]
                for entry in table.by_surface[m.group()]:
                    if compile_when(entry.when)(tokens, i, j):
                        yield tokens, i, j, entry, _suggest(entry, tokens[i:j])
                        break


def _suggest(entry: Entry, toks) -> str:
    if entry.suggestion == "=kana":
        return hiragana("".join(t.reading for t in toks))
    return entry.suggestion


def _emit(doc, rule_obj, name, ja, en):
    for tokens, i, j, entry, suggestion in table_matches(doc, name):
        start, end = tokens[i].start, tokens[j - 1].end
        surface = doc.text[start:end]
        note = f"（{entry.note}）" if entry.note else ""
        yield rule_obj.finding(
            start,
            end,
            surface,
            ja.format(s=surface, t=suggestion) + note,
            en.format(s=surface, t=suggestion),
            suggestion,
            severity=entry.severity or None,
            clause=entry.clause or None,
        )


@rule(
    "conjunction-kana",
    ERROR,
    KUNREI,
    "接続詞は仮名で書く",
    "Conjunctions in kana",
    clause="kunrei-1-2-o",
)
def conjunction_kana(doc, r):
    yield from _emit(
        doc,
        r,
        "conjunctions_kana.tsv",
        "接続詞「{s}」は仮名で「{t}」と書きます。",
        "Write the conjunction '{s}' in kana: '{t}'.",
    )


@rule(
    "adverb-kanji",
    ERROR,
    KUNREI,
    "副詞・連体詞は漢字で書く",
    "Adverbs in kanji",
    clause="kunrei-1-2-i",
)
def adverb_kanji(doc, r):
    yield from _emit(
        doc,
        r,
        "adverbs_kanji.tsv",
        "副詞「{s}」は漢字で「{t}」と書きます。",
        "Write the adverb '{s}' in kanji: '{t}'.",
    )


@rule(
    "adverb-kana",
    ERROR,
    KUNREI,
    "仮名で書く副詞等",
    "Adverbs written in kana",
    clause="kunrei-1-2-i",
)
def adverb_kana(doc, r):
    yield from _emit(
        doc,
        r,
        "adverbs_kana.tsv",
        "「{s}」は仮名で「{t}」と書きます。",
        "Write '{s}' in kana: '{t}'.",
    )


@rule(
    "formal-noun-kana",
    ERROR,
    KUNREI,
    "形式名詞は仮名で書く",
    "Formal nouns in kana",
    clause="kunrei-1-2-ki",
)
def formal_noun_kana(doc, r):
    yield from _emit(
        doc,
        r,
        "formal_nouns.tsv",
        "形式名詞「{s}」は仮名で「{t}」と書きます。",
        "Write the formal noun '{s}' in kana: '{t}'.",
    )


@rule(
    "auxiliary-kana",
    ERROR,
    KUNREI,
    "補助動詞等は仮名で書く",
    "Auxiliary verbs in kana",
    clause="kunrei-1-2-ki",
)
def auxiliary_kana(doc, r):
    yield from _emit(
        doc,
        r,
        "auxiliary_verbs.tsv",
        "補助的に使う「{s}」は仮名で「{t}」と書きます。",
        "Write '{s}' in kana when used as an auxiliary: '{t}'.",
    )


@rule(
    "sarani",
    INFO,
    KANGAEKATA,
    "更に（副詞）とさらに（接続詞）",
    "更に (adverb) vs さらに (conjunction)",
    clause="kangaekata-1-1-3-i",
)
def sarani(doc, r):
    """The 訓令 writes the adverb 更に in kanji and the conjunction さらに in kana.

    Sudachi tags both as 接続詞, so the use is read from punctuation: followed by
    a comma, or after a comma that closes a clause, it joins clauses.
    """
    for _sentence, tokens in doc.sentence_tokens():
        for i, tok in enumerate(tokens):
            if tok.surface not in ("更に", "さらに"):
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            prev = tokens[i - 1] if i else None
            before_comma = nxt is not None and nxt.surface in COMMAS
            after_comma = prev is not None and prev.surface in COMMAS
            if tok.surface == "更に" and before_comma:
                yield r.finding(
                    tok.start,
                    tok.end,
                    tok.surface,
                    "接続詞として使う「更に、」は仮名で「さらに」と書きます。",
                    "As a conjunction ('更に、'), write 'さらに' in kana.",
                    "さらに",
                    WARNING,
                )
            elif (
                tok.surface == "さらに"
                and not before_comma
                and not after_comma
                and prev is not None
                and not prev.is_symbol()
                and nxt is not None
                and nxt.pos1 in ("名詞", "動詞", "形容詞")
            ):
                yield r.finding(
                    tok.start,
                    tok.end,
                    tok.surface,
                    "副詞として使う「さらに」（一層、重ねて）は漢字で「更に」と書きます。",
                    "As an adverb ('further'), write '更に' in kanji.",
                    "更に",
                )
