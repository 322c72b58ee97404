"""Would an English thesaurus make the dropped-clause check surer? Measured, not shipped.

    apt-get install wordnet-base        # Princeton WordNet 3.0 (WordNet licence)
    PYTHONPATH=. python bench/thesaurus_eval.py [--wordnet /usr/share/wordnet]

The clause check (tasks/translate/clauses.py) finds a Japanese word's English through
its JMdict glosses; a correct translation that says it with another word is a false
alarm (過失 "fault" → "negligence"), and those false alarms keep the rule loose. This
bench builds, in memory, for every English gloss word the words WordNet relates to it
(synonyms of its first senses, derivations, similar adjectives, the first sense's
hypernyms; words of more than six senses are left out) and runs the check four ways on
every clause reference set, clean and with clauses dropped (clause check alone):
- base: the shipped check;
- widen: every rule also accepts a related word;
- loose: one more rule, a clause whose own anchors (weight ≥ 1) are all missing is
  lost (base needs weight 2), topics (…は、) excepted;
- loose+veto: the same rule, but a related word in the translation vetoes it.
Result (i12wn, session 4): the thesaurus trades one false alarm for about one
detection either way; it did not move the check toward ≥ 0.95 / ≤ 0.05, so nothing
of it is in the product. See /work/notes/i12wn-report.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from trust_eval import f_dropped_clause, mletr_paragraph_pairs  # bench/ is on sys.path

from desk_assistant.paths import resources_dir
from desk_assistant.tasks.translate import clauses as C
from desk_assistant.tasks.translate import lexicon as L

DATA = Path(__file__).parent / "data"
POS = ("noun", "verb", "adj", "adv")
POS_FILE = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
SENSES = 3  # a gloss word's most frequent senses (WordNet orders them by frequency)
MAX_SENSES = 6  # a related word of more senses proves nothing (order, pass, present)
MAX_RELATED = 24
POINTERS = ("+", "\\", "&", "<", "^")  # derivations, pertainyms, similar, participle, see-also
GENERAL = frozenset(
    "act action activity thing entity abstraction object whole person people group event "
    "state matter attribute relation measure quantity part portion being time content "
    "information communication cognition happening make do get give take have go come put "
    "set use be become change move".split()
)


def read_wordnet(folder: Path):
    index, data = {}, {}
    for pos in POS:
        table = {}
        for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" "):
                f = line.split()
                p_cnt, synsets = int(f[3]), int(f[2])
                table[f[0]] = f[6 + p_cnt : 6 + p_cnt + synsets]
        index[pos] = table
        synsets = {}
        for line in (folder / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            f = line.split(" | ")[0].split()
            w_cnt = int(f[3], 16)
            lemmas = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).lower() for i in range(w_cnt)]
            at = 4 + 2 * w_cnt
            pointers = [tuple(f[at + 1 + 4 * i : at + 5 + 4 * i]) for i in range(int(f[at]))]
            synsets[f[0]] = (lemmas, pointers)
        data[pos] = synsets
    return index, data


def related_words(word: str, index, data) -> list[str]:
    out: list[str] = []
    for pos in POS:
        for rank, offset in enumerate(index[pos].get(word, ())[:SENSES]):
            lemmas, pointers = data[pos][offset]
            out += lemmas
            me = lemmas.index(word) + 1 if word in lemmas else 0
            for symbol, target, tpos, st in pointers:
                source, dest = int(st[:2], 16), int(st[2:], 16)
                t_lemmas = data[POS_FILE[tpos]][target][0]
                if symbol in POINTERS and source in (0, me):
                    out += t_lemmas if dest == 0 else [t_lemmas[dest - 1]]
                elif symbol == "@" and rank == 0:
                    out += t_lemmas
    return out


def build_related(folder: Path) -> dict[str, tuple[str, ...]]:
    """Gloss-word stem → stems of the words WordNet relates to it."""
    index, data = read_wordnet(folder)
    vocabulary = set()
    for line in resources_dir().joinpath(*L.LEXICON_FILE).read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            vocabulary.update(
                w for w in re.findall(r"[a-z]+", line.split("\t", 2)[2]) if len(w) > 2
            )
    table: dict[str, dict[str, None]] = defaultdict(dict)
    for word in sorted(vocabulary):
        own = L.stem(word)
        for other in related_words(word, index, data):
            if "_" in other or "-" in other or len(other) < 3 or other in GENERAL:
                continue
            if sum(len(index[p].get(other, ())) for p in POS) > MAX_SENSES:
                continue
            if (rel := L.stem(other)) != own and len(table[own]) < MAX_RELATED:
                table[own][rel] = None
    return {k: tuple(v) for k, v in table.items() if v}


class Thesaurus:
    def __init__(self, related: dict[str, tuple[str, ...]]) -> None:
        self.related = related
        self.shows = L.EnglishText.shows

    def widened(self, on: bool) -> None:
        """Every rule of the check accepts a related word instead of the gloss."""
        related, shows = self.related, self.shows

        def wide(text, meaning):
            return shows(text, meaning) or any(
                r in text.stems for gloss in meaning for s in gloss for r in related.get(s, ())
            )

        L.EnglishText.shows = wide if on else shows


def loose_rule(source: str, translation: str, base: list[str], thesaurus: Thesaurus | None):
    """base's clauses, plus those whose own anchors are all missing (weight ≥ 1), topics
    excepted; with a thesaurus, judged with related words accepted."""
    if base or C._mostly_japanese(translation):
        return base
    if thesaurus:
        thesaurus.widened(True)
    try:
        target = C._Target(translation)
        parts = [(c, C.anchors(c)) for c in C.clauses(source)]
        seen: dict[str, int] = defaultdict(int)
        for _, found in parts:
            for surface in {a.surface for a in found}:
                seen[surface] += 1
        lost, aligned = [], False
        for clause, found in parts:
            own = [a for a in found if seen[a.surface] == 1 and a.kind != "figure"]
            missing = [a for a in own if not target.has(a)]
            aligned = aligned or len(missing) < len(own)
            if own and len(missing) == len(own) and not clause.rstrip().endswith(("は、", "は,")):
                lost.append(clause.strip())
        return lost if aligned else []
    finally:
        if thesaurus:
            thesaurus.widened(False)


def sets() -> dict[str, list[dict]]:
    refs = json.loads((DATA / "trust_references.json").read_text(encoding="utf-8"))["segments"]
    out = {
        "tune": [r for r in refs if r["split"] == "tune"],
        "heldout": [r for r in refs if r["split"] == "heldout"],
        "heldout2": json.loads((DATA / "clause_references.json").read_text())["segments"],
        "organisations": json.loads((DATA / "organisation_references.json").read_text())[
            "segments"
        ],
        "titles": json.loads((DATA / "title_references.json").read_text())["segments"],
    }
    for n in range(3, 10):
        path = DATA / f"clause_references_heldout{n}.json"
        if path.exists():
            out[f"heldout{n}"] = json.loads(path.read_text(encoding="utf-8"))["segments"]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--exclude", nargs="*", default=(), help="sets to leave out")
    args = parser.parse_args()
    if not (args.wordnet / "data.noun").exists():
        print(f"no WordNet at {args.wordnet} (apt-get install wordnet-base): nothing measured")
        return 0
    L.entries()
    tracemalloc.start()
    started = time.perf_counter()
    related = build_related(args.wordnet)
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"WordNet relations: {len(related)} gloss stems, built in "
          f"{time.perf_counter() - started:.1f} s, {size / 2**20:.1f} MiB in memory")  # fmt: skip
    thesaurus = Thesaurus(related)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        pdf09 = mletr_paragraph_pairs(Path(tmp))
    arms = ("base", "widen", "loose", "loose+veto")

    def judge(arm: str, source: str, translation: str) -> bool:
        thesaurus.widened(arm == "widen")
        try:
            base = C.dropped_clauses(source, translation)
        finally:
            thesaurus.widened(False)
        if arm in ("base", "widen"):
            return bool(base)
        return bool(loose_rule(source, translation, base, thesaurus if "veto" in arm else None))

    totals = {arm: [0, 0, 0, 0, 0, 0, 0.0, 0] for arm in arms}
    print(f"{'set':14}" + "".join(f"{arm:>30}" for arm in arms))
    print(f"{'':14}" + "".join(f"{'clean FA / comma / hand':>30}" for _ in arms))
    chosen = {k: v for k, v in sets().items() if k not in args.exclude}
    for name, rows in {**chosen, "pdf09 pairs": None}.items():
        line = f"{name:14}"
        for arm in arms:
            t = totals[arm]
            started = time.perf_counter()
            if rows is None:
                fa = sum(judge(arm, ja, en) for ja, en in pdf09)
                cell = f"{fa}/{len(pdf09)} / - / -"
                t[0] += fa
                t[1] += len(pdf09)
                t[7] += len(pdf09)
            else:
                fa = sum(judge(arm, r["source"], r["reference"]) for r in rows)
                cases = list(f_dropped_clause(rows, None))
                hit = sum(judge(arm, c.source, c.output) for c in cases)
                hand = [r for r in rows if "dropped" in r]
                caught = sum(judge(arm, r["source"], r["dropped"]) for r in hand)
                cell = f"{fa}/{len(rows)} / {hit}/{len(cases)} / " + (
                    f"{caught}/{len(hand)}" if hand else "-"
                )
                t[0] += fa
                t[1] += len(rows)
                t[2] += hit
                t[3] += len(cases)
                t[4] += caught
                t[5] += len(hand)
                t[7] += len(rows) + len(cases) + len(hand)
            t[6] += time.perf_counter() - started
            line += f"{cell:>30}"
        print(line, flush=True)
    line = f"{'all':14}"
    for arm in arms:
        t = totals[arm]
        line += f"{f'{t[0]}/{t[1]} / {t[2]}/{t[3]} / {t[4]}/{t[5]}':>30}"
    print(line)
    print(f"{'ms/segment':14}" + "".join(
        f"{1000 * totals[a][6] / max(totals[a][7], 1):>30.1f}" for a in arms))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
