"""Builds resources/lexicon/ja_en_jmdict.tsv, the compact Japanese → English word list
the dropped-clause and short-title checks read (tasks/translate/lexicon.py).

Source: EDICT (JMdict's Japanese-English text form) from the Debian package `edict`
(EDRDG, Creative Commons Attribution-ShareAlike). The derived file keeps only common
entries — EDICT's priority mark (P), plus kanji compounds of two to four characters
(the words official documents are made of) — and, per headword, the content words of
the first glosses of its first three senses. Run again only to refresh the list:

    python tools/make_ja_en_lexicon.py            # apt-get download edict into a temp dir
    python tools/make_ja_en_lexicon.py --edict /usr/share/edict/edict   # an installed copy

The output is sorted and deterministic for one EDICT release.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "lexicon" / "ja_en_jmdict.tsv"
# Per headword: enough synonyms to recognise a translation, few enough to stay small.
MAX_GLOSSES = 8
SENSES = 3
MAX_WORDS = 3  # content words kept from one gloss ("request for administrative review")

_LINE = re.compile(r"^(\S+)(?: \[(\S+)\])? /(.*)/$")
_COMPOUND = re.compile(r"[\u4e00-\u9fff々]{2,4}")
_HAS_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_TAGS = re.compile(r"^(?:\([^)]*\)\s*|\{[^}]*\}\s*)+")
_IDIOM = re.compile(r"\((?:[a-z-]+,)*(?:yoji|exp|id|proverb)(?:,[a-z-]+)*\)")
_NOTES = re.compile(r"\([^)]*\)|\{[^}]*\}")
STOP = frozenset(
    "a an the of to in on at by for from with as and or be is are one's oneself someone "
    "something etc e g i.e. e.g. it its that this into up out".split()
)


def edict_text(path: Path | None) -> str:
    if path is not None:
        return path.read_bytes().decode("euc-jp", "replace")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", "edict"], cwd=tmp, check=True)
        deb = next(Path(tmp).glob("edict_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(deb), str(Path(tmp) / "x")], check=True)
        return (Path(tmp) / "x/usr/share/edict/edict").read_bytes().decode("euc-jp", "replace")


def gloss_words(gloss: str) -> str:
    """'to apply (the law) with necessary modifications' → 'apply necessary modifications'."""
    text = _NOTES.sub(" ", gloss).lower()
    words = [w for w in re.findall(r"[a-z][a-z'-]*", text) if w not in STOP and len(w) > 1]
    return " ".join(words[:MAX_WORDS])


def senses(body: str) -> list[list[str]]:
    """Glosses per sense: '(n,vs) (1) disposal/abandonment/(n,vs) (2) annulment/(P)'."""
    out: list[list[str]] = [[]]
    for part in body.split("/"):
        if not part or part == "(P)" or part.startswith("EntL"):
            continue
        numbered = re.match(r"^(?:\([^)]*\)\s*)*\((\d+)\)", part)
        if numbered and numbered.group(1) != "1":
            out.append([])
        gloss = _TAGS.sub("", part).strip()
        if gloss:
            out[-1].append(gloss)
    return [s for s in out if s]


def build(text: str) -> list[str]:
    rows: dict[str, tuple[str, list[str]]] = {}
    for line in text.splitlines():
        match = _LINE.match(line.strip())
        if not match:
            continue
        head, reading, body = match.groups()
        common = "(P)" in body
        if not (common or _COMPOUND.fullmatch(head)) or not _HAS_KANJI.search(head + "x"):
            continue
        if not common and not _HAS_KANJI.search(head):
            continue  # uncommon kana-only words: Sudachi's kana tokens are mostly grammar
        if not common and _IDIOM.search(body):
            continue  # four-character idioms and set phrases are not official vocabulary
        glosses = []
        for sense in senses(body)[:SENSES]:
            glosses += [g for g in (gloss_words(x) for x in sense) if g]
        if not glosses:
            continue
        reading = (reading or "") if common else ""  # readings only where kana spelling is common
        old = rows.get(head)
        merged = list(dict.fromkeys((old[1] if old else []) + glosses))[:MAX_GLOSSES]
        rows[head] = (old[0] if old else reading, merged)
    return [f"{head}\t{reading}\t{'|'.join(gl)}" for head, (reading, gl) in sorted(rows.items())]


HEADER = """\
# Japanese → English content words for the translation checks (tasks/translate/lexicon.py).
# Derived from EDICT/JMdict by tools/make_ja_en_lexicon.py; see NOTICE beside this file.
# Licence: Creative Commons Attribution-ShareAlike (EDRDG), like its source — not the
# product's code licence. Columns: headword <TAB> reading <TAB> glosses ("|" between them).
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edict", type=Path, help="an EDICT file (EUC-JP); default: apt-get")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(edict_text(args.edict))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} headwords, {args.out.stat().st_size / 1e6:.1f} MB → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
