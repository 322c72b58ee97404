"""The small condition language of the word-list files (column `when`).

`when` is alternatives joined by '|', each a conjunction of tests joined by '&':
  any                 always
  pos=X               the first matched token's part of speech is X
  reading=X           the first matched token reads X (katakana)
  start               the match opens the sentence (only symbols or numbering before it)
  comma / next=X / next!=X   what follows the match
  after-modifier      after a verb, adjective or auxiliary in 連体/終止形, or a 連体詞
  after-no / after-te / after-ni / after-to / after-kamo / after-honorific
  after-time-no       after 今の / 現在の ... (ところ as a formal noun)
  next-neg            followed by ない / ず (にすぎない)
  after-sahen         after a サ変 noun (連絡致します)
  after-verb-to       after a verb + と (するとともに; 彼と共に is not)
  next-cond           followed by は / も / 、 / には: a condition (事故のときは)
  next-yoru           followed by により / による (定めるところにより)
  not-last            a word follows the match in its sentence
  not-after-modifier  not after a 連体形 (…するあまり is the noun 余り, written either way)
  not-after-go        not after ご/御 (ごもっとも is 尤も, not 最も)
  split               the match spans two or more tokens (つね + に read as a noun)
  next-copula         followed by で(ある) / だ / です / と / か (ものである, ところである)
  better              comparison: 方が + よい/望ましい/... (not 方(かた) = person)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from .tokens import Token

COMMAS = frozenset("、，,")
_TIME_NOUNS = frozenset({"今", "現在", "目下", "現時点", "今日", "当面", "実際", "今回", "現状"})
_BETTER = frozenset(
    {
        "よい",
        "良い",
        "いい",
        "望ましい",
        "適当",
        "適切",
        "早い",
        "便利",
        "有利",
        "効果的",
        "無難",
        "安全",
        "確実",
        "簡単",
        "楽",
    }
)
_NEG = frozenset({"ない", "ず", "なかっ", "なく", "ぬ", "ません"})


def _prev(tokens: Sequence[Token], i: int, back: int = 1) -> Token | None:
    return tokens[i - back] if i - back >= 0 else None


def _next(tokens: Sequence[Token], j: int, ahead: int = 0) -> Token | None:
    return tokens[j + ahead] if j + ahead < len(tokens) else None


def _is_modifier(tok: Token | None) -> bool:
    if tok is None:
        return False
    if tok.pos1 == "連体詞":
        return True
    return tok.pos1 in ("動詞", "形容詞", "助動詞") and tok.conj_form.startswith(
        ("連体形", "終止形")
    )


def _at_start(tokens: Sequence[Token], i: int) -> bool:
    return all(t.is_symbol() or t.pos[1] == "数詞" for t in tokens[:i])


Test = Callable[[Sequence[Token], int, int], bool]


# 「において行った」: the て closes a compound particle (において, によって, に対して …),
# so the verb after it is a main verb (行う misread as 行く), not an auxiliary.
_PARTICLE_VERBS = frozenset(
    {"おい", "つい", "よっ", "対し", "関し", "とっ", "際し", "当たっ", "し"}
)


def _after_compound_particle(tokens: Sequence[Token], i: int) -> bool:
    return (
        i >= 3
        and tokens[i - 1].surface == "て"
        and tokens[i - 2].surface in _PARTICLE_VERBS
        and tokens[i - 3].surface in ("に", "と")
        # にして is a verb (公にして置く); only として is a compound particle
        and not (tokens[i - 2].surface == "し" and tokens[i - 3].surface == "に")
    )


def _test(term: str) -> Test:
    if term == "any":
        return lambda t, i, j: True
    if term.startswith("pos="):
        want = term[4:]
        return lambda t, i, j: t[i].pos1 == want
    if term.startswith("reading="):
        want = term[8:]
        return lambda t, i, j: t[i].reading == want
    if term.startswith("next!="):
        want = term[6:]
        return lambda t, i, j: (n := _next(t, j)) is None or n.surface != want
    if term.startswith("next="):
        want = term[5:]
        return lambda t, i, j: (n := _next(t, j)) is not None and n.surface == want
    simple: dict[str, Test] = {
        "start": lambda t, i, j: _at_start(t, i),
        "comma": lambda t, i, j: (n := _next(t, j)) is not None and n.surface in COMMAS,
        "after-modifier": lambda t, i, j: _is_modifier(_prev(t, i)),
        "after-no": lambda t, i, j: (p := _prev(t, i)) is not None and p.surface == "の",
        "after-te": lambda t, i, j: (
            (p := _prev(t, i)) is not None
            and ((p.surface in ("て", "で") and p.pos[1] == "接続助詞") or p.surface == "して")
            and not _after_compound_particle(t, i)
        ),
        "after-ni": lambda t, i, j: (p := _prev(t, i)) is not None and p.surface == "に",
        "after-to": lambda t, i, j: (p := _prev(t, i)) is not None and p.surface == "と",
        "after-kamo": lambda t, i, j: (
            i >= 2 and t[i - 2].surface == "か" and t[i - 1].surface == "も"
        ),
        "after-honorific": _after_honorific,
        "after-sahen": lambda t, i, j: (
            (p := _prev(t, i)) is not None and p.pos1 == "名詞" and "サ変" in p.pos[2]
        ),
        "after-verb-to": lambda t, i, j: (
            i >= 2 and t[i - 1].surface == "と" and t[i - 2].pos1 in ("動詞", "助動詞")
        ),
        "next-cond": _next_condition,
        "next-yoru": lambda t, i, j: (
            (n := _next(t, j)) is not None
            and n.surface == "に"
            and (n2 := _next(t, j, 1)) is not None
            and n2.lemma in ("よる", "因る", "依る")
        ),
        "split": lambda t, i, j: j - i >= 2,
        "not-after-modifier": lambda t, i, j: not _is_modifier(_prev(t, i)),
        "not-after-go": lambda t, i, j: (p := _prev(t, i)) is None or p.surface not in ("ご", "御"),
        # something follows in the sentence (又 at a PDF line end is 又\nは, cut by layout)
        "not-last": lambda t, i, j: j < len(t) and not t[j].is_symbol(),
        "next-copula": lambda t, i, j: (
            (n := _next(t, j)) is not None
            and (
                n.surface in ("だ", "です", "と", "か")
                or (n.surface == "で" and n.pos1 == "助動詞")
            )
        ),
        "after-time-no": lambda t, i, j: (
            i >= 2 and t[i - 1].surface == "の" and t[i - 2].surface in _TIME_NOUNS
        ),
        "next-neg": lambda t, i, j: (n := _next(t, j)) is not None and n.surface in _NEG,
        "better": _better,
    }
    if term not in simple:
        raise ValueError(f"unknown condition {term!r}")
    return simple[term]


_HONORIFIC = ("お", "ご", "御")


def _after_honorific(tokens: Sequence[Token], i: int, j: int) -> bool:
    """御了承下さい / 御査収頂き / お待ち下さい / お越し頂き: お・ご・御 + noun or 連用形."""
    p = _prev(tokens, i)
    if p is None:
        return False
    if p.pos1 == "名詞" and p.surface[:1] in _HONORIFIC and len(p.surface) > 1:
        return True
    pp = _prev(tokens, i, 2)
    return (
        pp is not None
        and pp.pos1 == "接頭辞"
        and pp.surface in _HONORIFIC
        and (p.pos1 == "名詞" or (p.pos1 == "動詞" and p.conj_form.startswith("連用形")))
    )


def _next_condition(tokens: Sequence[Token], i: int, j: int) -> bool:
    n = _next(tokens, j)
    if n is None:
        return False
    if n.surface in ("は", "も") or n.surface in COMMAS:
        return True
    n2 = _next(tokens, j, 1)
    return n.surface == "に" and n2 is not None and n2.surface == "は"


def _better(tokens: Sequence[Token], i: int, j: int) -> bool:
    after = _next(tokens, j, 1)  # the word after 方が
    return after is None or after.is_symbol() or after.lemma in _BETTER or after.surface in _BETTER


@lru_cache(maxsize=512)
def compile_when(when: str) -> Test:
    alternatives = []
    for alt in (when or "any").split("|"):
        tests = [_test(term.strip()) for term in alt.split("&")]
        alternatives.append(tests)
    return lambda t, i, j: any(all(test(t, i, j) for test in tests) for tests in alternatives)
