"""English sentences left broken where a clause was cut out of them.

A clause lost from the middle of a sentence often takes its own words with it and the
anchors of the source cannot tell (データ, 更新 are said elsewhere in the sentence too), but
the English that is left shows the cut:
- no main clause: an opening phrase or subordinate clause followed at once by a closing
  ", which …" ("In addition, which also affects quality control." — the clause "data
  updates do not progress" that "which" referred to is gone), or by asides only ("If …
  lacks the means to make reimbursement, in proportion to their respective shares.");
- an aside opened after "and," or "may," that never closes ("may attend a meeting and,
  give explanations") or that opens with a verb ("The court may, declare by a judgment" —
  "when it finds it appropriate," is gone; an aside opens with a preposition, a
  subordinator or an adverb).
Both are reported with the dropped clauses (omission.clause). A third sign is a verb said
twice around nothing ("If the laws of the new form are used, it is used.", "it can be used
to use it", "Data can be used to make use of the data."): the model filled the place of
a predicate it lost (活用する, 組み合わせて) with the one it kept (meaning.echo). Re-checking every English
text in bench/data (1,844, the six real demo-model runs included) finds none of them.
"""

from __future__ import annotations

import re
import unicodedata

# Words that open a subordinate clause: what follows them is not the main clause.
_SUBORDINATORS = frozenset(
    "since because as when whenever while if although though where whereas unless once "
    "after before until".split()
)
_PREPOSITIONS = frozenset(
    "in for on at by with from under to of among after before during through against about "
    "above across along around behind below beside between beyond despite except into near "
    "over per regarding upon via within without notwithstanding pursuant subject".split()
)
# Phrases that open a sentence before its main clause ("In addition, …", "However, …"):
# a preposition and a few words, or one sentence adverb.
MAX_OPENING_WORDS = 4
_SENTENCE_ADVERBS = frozenset(
    "however also moreover furthermore therefore thus hence then meanwhile nevertheless "
    "besides instead indeed still yet first second third finally accordingly consequently "
    "likewise similarly again even further otherwise rather now here there too so".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
# "may, when it finds it appropriate, declare" / "and, if necessary, give": an aside after
# these words opens with a preposition, a subordinator or an adverb, and closes with a comma.
# "may, declare" or "and, give explanations." is what a cut aside leaves.
_OPENS_ASIDE = re.compile(
    r"\b(?:and|or|but|(?:may|shall|must|can|will|should|could|would)(?:\s+not)?|who|whom|which)"
    r"\s*,\s+([A-Za-z(]\S*)"
)
# "When a third party, has expressed …": the first comma of a sentence between a subject and
# its verb (what stood between them was cut). A question ("If …, is it clear?") is not.
_CLAUSE_LINKS = frozenset("and or but else".split())
_SUBJECT_COMMA_VERB = re.compile(
    r"^[^,]*,\s+(?:has|have|had|is|are|was|were|shall|must|may|will|can)\b"
)


# "When using these words, have in mind …": an opening with no subject of its own (a
# conjunction and an -ing form) may be followed by an instruction, whose verb comes first.
_OPENING_WITHOUT_SUBJECT = re.compile(
    r"^\W*(?:when|while|before|after|in|on|if)\s+[a-z]+ing\b[^,]*,\s+(?:have|be)\b", re.I
)


def _words(part: str) -> list[str]:
    return re.findall(r"[a-z]+(?:'[a-z]+)?", part.lower())


def _subordinate(words: list[str]) -> bool:
    return bool(words) and (
        words[0] in _SUBORDINATORS or " ".join(words[:2]) in ("even if", "even though")
    )


def _introductory(part: str, first: bool) -> bool:
    """An opening phrase ("In addition", "For this reason") or a subordinate clause
    ("Since describing it as … is hard to understand")."""
    words = _words(part)
    if not words:
        return True  # "A4", "(3)": a label
    if _subordinate(words):
        return True
    if not first:
        return False
    if len(words) == 1:
        return words[0] in _SENTENCE_ADVERBS or words[0].endswith("ly")
    return words[0] in _PREPOSITIONS and len(words) <= MAX_OPENING_WORDS


def _no_main_clause(sentence: str, condition_item: bool = False) -> bool:
    """Every part is an opening: "Since …, which represents …", "In addition, which
    supports …, has also been included" or "If …, in proportion to their shares." (the
    main clause between them was cut). A law's item that is a condition itself (…運航した
    とき。 "when the person has operated …, in violation of …") has no main clause to cut."""
    if sentence.rstrip().endswith("?"):
        return False  # "For example, which data should be opened?": "which" asks
    parts = [p for p in re.split(r",\s+", sentence.strip()) if p.strip()]
    if len(parts) < 2:
        return False
    words = [_words(p) for p in parts]
    if words[1][:1] == ["which"] and _introductory(parts[0], True) and not _subordinate(words[0]):
        return True  # "which" right after an opening phrase refers to nothing
    if words[-1][:1] == ["which"]:
        return all(_introductory(p, i == 0) for i, p in enumerate(parts[:-1]))
    # An opening first and only asides after it ("in proportion to …", "until …").
    if ":" in sentence:
        return False  # "As …, for the window: no tab yet.": the colon opens what is said
    opening = _subordinate(words[0]) or words[0][:1] == ["notwithstanding"]
    return (
        opening
        and not condition_item
        and all(
            _subordinate(w) or w[:1] and w[0] in _PREPOSITIONS and not _FINITE.intersection(w)
            for w in words[1:]
        )
    )


# "…, in that sense it will be dealt with …": a part opened by a preposition that goes on
# with a finite verb holds the main clause; an aside ("in proportion to their shares") has none.
_FINITE = frozenset(
    "is are was were will shall would should can could may might must has have had does did "
    "do".split()
)


def _aside_opener(word: str) -> bool:
    if not word[:1].isalpha():
        return True  # "(a)", "(i)": an item
    word = word.lower().strip(",.;:")
    return (
        word in _PREPOSITIONS
        or word in _SUBORDINATORS
        or word in _SENTENCE_ADVERBS
        or word in ("in", "as", "if", "whether", "even", "at", "taking", "having", "considering")
        # "in which, year after year, …", "and, each time, …": an aside of time
        or word in ("year", "years", "day", "days", "each", "every", "once", "last", "next")
        or word in ("like", "unlike")  # "and, like baai, also indicates …"
        or word in ("most", "more", "least", "above", "first")  # "and, most recently, …"
        or word in ("i", "we")  # "This point will, I think, become …"
        or word.endswith(("ly", "ing", "ed"))
    )


def _cut_aside(sentence: str) -> bool:
    for opened in _OPENS_ASIDE.finditer(sentence):
        if opened.group(1).lower().strip(",.;:") in _CLAUSE_LINKS:
            continue  # "as policy would, and prints …": the modal ended a clause, no aside
        # "and, conversely, rules on …": a one-word aside closes with its own comma.
        closed = opened.group(1).endswith(",") or "," in sentence[opened.end() :]
        if not closed or not _aside_opener(opened.group(1)):
            return True
    return False


# A source that is one condition and nothing else (a law's item: …したとき。 …の場合).
_CONDITION_ONLY = re.compile(r"(?:とき|時|場合)[。.]?\s*$")


def broken_sentences(translation: str, source: str = "") -> list[str]:
    """Sentences of the translation that show a cut clause (see the module's note)."""
    text = unicodedata.normalize("NFKC", translation)
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
        return []  # part Japanese: the language checks speak for it
    condition_item = bool(_CONDITION_ONLY.search(source)) and "。" not in source.rstrip()[:-1]
    return [
        s.strip()
        for s in _SENTENCE_END.split(text)
        if _no_main_clause(s, condition_item)
        or _cut_aside(s)
        or (
            _SUBJECT_COMMA_VERB.search(s)
            and not s.rstrip().endswith("?")
            and not _OPENING_WITHOUT_SUBJECT.match(s)
        )
    ]


_BE = frozenset("be is are was were been being".split())
# Before the verb's second saying: an infinitive, a passive or "make use".
_VERB_BEFORE = frozenset("to be is are was were been make makes made making".split())
_PARTICIPLE = re.compile(r"(?:ed|en|wn|de|ld|lt|nt|ne)$")
ECHO_WINDOW = 4  # words between a passive and the same verb again


def echoed_verbs(translation: str) -> list[str]:
    """A passive followed within a few words by the same verb again ("are used, it is
    used", "be used to make use"): the phrases, as written in lower case."""
    from .lexicon import stem

    found = []
    for sentence in _SENTENCE_END.split(unicodedata.normalize("NFKC", translation)):
        words = re.findall(r"[a-z]+", sentence.lower())
        for i in range(1, len(words)):
            if words[i - 1] not in _BE or not _PARTICIPLE.search(words[i]):
                continue
            root = stem(words[i])
            for j in range(i + 2, min(len(words), i + 2 + ECHO_WINDOW)):
                if words[j - 1] in _VERB_BEFORE and stem(words[j]) == root:
                    after = words[j + 1] if j + 1 < len(words) else ""
                    if after in _PREPOSITIONS and after == words[i + 1]:
                        continue  # "written in kanji may be written in kana": two things
                    found.append(" ".join(words[i - 1 : j + 1]))
    return found
