"""Words of unlisted bodies (names.body_words), measured; also a section of trust_eval.py.

    PYTHONPATH=. python bench/body_words_eval.py

- Held out: xlsx06 (高松市's organisation list, real demo-model run), the odd rows that
  carried no finding, labelled kept/lost by an editor before the check existed
  (bench/data/xlsx06_heldout_labels.json), and a second sample labelled before the
  check's verdicts on it were seen (xlsx06_heldout_labels2.json): precision and recall.
  Also: how many of all
  silent xlsx06 segments it now flags (even rows were the tuning half).
- False alarms on correct official names: every row of the organisation list as a clean
  pair with the list switched off (so the Japanese is checked word by word against its
  official English, as an unlisted body would be), and every clean reference file.
- Injected fault "swapped_body_word": in a clean pair, the English word that alone stands
  for one word of the body is replaced by another body's word (介護保険課 "Long-Term Care
  Insurance Division" → "Long-Term Care Tourism Division"). Reported by the number of
  content words: by design one word of four or more may differ (official names do not
  follow glosses), so such names are counted apart.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from desk_assistant.tasks.translate.bodywords import body_lost, check_body_words, missing_words
from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.organisations import known_organisations

DATA = Path(__file__).parent / "data"
CLEAN_FILES = ("organisation_references", "title_references", "trust_references",
               "clause_references", "clause_references_heldout3",
               "body_label_references")  # the last written after the check: not held out  # fmt: skip
# Real body names (bench/test data) and the English an editor would accept.
FAITHFUL = [
    ("総務局", "General Affairs Bureau"),
    ("介護保険課", "Long-Term Care Insurance Division"),
    ("河港課", "River and Port Division"),
    ("花ノ宮保育所", "Hananomiya Nursery School"),
    ("都市整備局河港課", "River and Port Division, City Development Bureau"),
    ("健康福祉局こども未来部", "Children's Future Department, Health and Welfare Bureau"),
    ("檀紙出張所", "Danshi Branch Office"),
    ("北消防署", "North Fire Station"),
    ("新番丁小学校", "Shinbancho Elementary School"),
    ("一般社団法人全国銀行協会", "Japanese Bankers Association"),
    ("環境局環境指導課", "Environmental Guidance Division, Environment Bureau"),
    ("市民税課", "Municipal Tax Division"),
    ("道路管理課", "Road Management Division"),
    ("公園緑地課", "Parks and Green Spaces Division"),
    ("人権教育課", "Human Rights Education Division"),
    ("文化芸術振興課", "Culture and Arts Promotion Division"),
    ("住宅政策課", "Housing Policy Division"),
    ("感染症対策課", "Infectious Disease Control Division"),
]
WRONG_WORDS = ["Tourism", "Fisheries", "Harbour", "Sewerage", "Election", "Pension", "Forestry"]
_STOP = {"the", "of", "and", "for", "in", "on", "a", "an", "to"}


HELDOUT = {
    "sample 1": "xlsx06_heldout_labels.json",  # silent at 03:27, labelled before the check
    "sample 2": "xlsx06_heldout_labels2.json",  # silent at 04:53, labelled before its verdicts
    # A fresh demo-model run of 36 bodies from the laws and Diet speeches, labelled before the
    # check was run on it (first run: precision 0.842, recall 0.640).
    "fresh run": "bodies_fresh_run_labels.json",
}


def heldout() -> None:
    every = [0, 0, 0]
    for sample, name in HELDOUT.items():
        rows = json.loads((DATA / name).read_text(encoding="utf-8"))["segments"]
        tp = fp = fn = 0
        for row in rows.values():
            flagged = bool(check_body_words(row["source"], row["output"]))
            lost = row["label"] == "lost"
            tp += flagged and lost
            fp += flagged and not lost
            fn += lost and not flagged
        every = [every[0] + tp, every[1] + fp, every[2] + fn]
        print(f"  held out {sample} ({len(rows)} labelled, {tp + fn} lost): "
              f"precision {tp / max(tp + fp, 1):.3f} ({tp}/{tp + fp}), "
              f"recall {tp / max(tp + fn, 1):.3f} ({tp}/{tp + fn})")  # fmt: skip
    tp, fp, fn = every
    print(f"  held out together: precision {tp / max(tp + fp, 1):.3f} ({tp}/{tp + fp}), "
          f"recall {tp / max(tp + fn, 1):.3f} ({tp}/{tp + fn})")  # fmt: skip
    outputs = json.loads((DATA / "xlsx06_real_outputs.json").read_text(encoding="utf-8"))[
        "segments"
    ]
    silent = [(s, o) for kinds, s, o in outputs.values() if not kinds]
    flagged = [1 for s, o in silent if check_body_words(s, o)]
    print(f"  xlsx06 segments silent at 03:27 (tune + held out) now flagged: "
          f"{len(flagged)}/{len(silent)}")  # fmt: skip
    # With today's other checks (they change while this is written): silent before and after.
    quiet, caught = 0, 0
    for _, source, output in outputs.values():
        checks = {f.check for f in check_segment(source, output, (), "ja", "en")
                  if f.severity != "info"}  # fmt: skip
        if not checks - {"names.body_words"}:
            quiet += 1
            caught += "names.body_words" in checks
    print(f"  xlsx06 segments silent with today's other checks: {quiet}; "
          f"flagged by names.body_words: {caught}")  # fmt: skip


# Held-out names of three or more content words (i12bw2): written and committed (c1f9a01)
# before the check's word accounting changed. First look (main): detected 15/54, false
# alarms 7/54; after the accounting rule (c15c72c): 31/54 and 9/54. Looked at twice since:
# no longer held out.
HELDOUT_S5 = "bodies_heldout_s5.json"


def heldout_s5() -> None:
    rows = json.loads((DATA / HELDOUT_S5).read_text(encoding="utf-8"))["segments"]
    caught = [bool(check_body_words(r["source"], r["wrong"])) for r in rows]
    alarms = [bool(check_body_words(r["source"], r["english"])) for r in rows]
    print(f"  held out s5 ({HELDOUT_S5}, {len(rows)} names of 3+ content words): wrong word "
          f"detected {sum(caught) / len(rows):.3f} ({sum(caught)}/{len(rows)}), false alarms on "
          f"the right English {sum(alarms) / len(rows):.3f} ({sum(alarms)}/{len(rows)})")  # fmt: skip
    for row, hit, alarm in zip(rows, caught, alarms, strict=True):
        if not hit:
            print(f"      missed: {row['source']} → {row['wrong']!r} ({row['fault']})")
        if alarm:
            print(f"      false alarm: {row['source']} → {row['english']!r}")


def clean_pairs() -> list[tuple[str, str, str]]:
    """(set, Japanese body, official English)."""
    pairs = [("org list", j, o.english[0]) for j, o in known_organisations().items()]
    return pairs + [("faithful", j, e) for j, e in FAITHFUL]


def false_alarms() -> None:
    by_set: dict[str, list] = {}
    for name, japanese, english in clean_pairs():
        by_set.setdefault(name, []).append(body_lost(japanese, english, {}) != ([], 0))
    total = alarms = 0
    for name in CLEAN_FILES:
        rows = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))["segments"]
        by_set[name] = [bool(check_body_words(r["source"], r["reference"])) for r in rows]
    for name, flags in by_set.items():
        total, alarms = total + len(flags), alarms + sum(flags)
        print(
            f"  clean {name:28} false alarms {sum(flags) / len(flags):.3f} ({sum(flags)}/{len(flags)})"
        )
    print(
        f"  clean overall                      false alarms {alarms / total:.3f} ({alarms}/{total})"
    )


def _counterpart(japanese: str, english: str) -> list[tuple[str, int]]:
    """English words that alone stand for a content word (removing one makes it missing)."""
    before, *_ = missing_words(japanese, english, {})
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", english)
    found = []
    for word in dict.fromkeys(words):
        if word.lower() in _STOP:
            continue
        without = re.sub(rf"\b{re.escape(word)}\b", "Xq", english)
        after, *_ = missing_words(japanese, without, {})
        if len(after) > len(before):
            found.append((word, missing_words(japanese, english, {})[1]))
    return found


def injected() -> None:
    cases: dict[str, list[bool]] = {"1-2 content words": [], "3+ content words": []}
    missed = []
    for _, japanese, english in clean_pairs():
        if body_lost(japanese, english, {}) != ([], 0):
            continue  # only clean pairs the check passes
        for k, (word, total) in enumerate(_counterpart(japanese, english)):
            wrong = WRONG_WORDS[(len(japanese) + k) % len(WRONG_WORDS)]
            faulty = re.sub(rf"\b{re.escape(word)}\b", wrong, english)
            hit = body_lost(japanese, faulty, {}) != ([], 0)
            cases["1-2 content words" if total <= 2 else "3+ content words"].append(hit)
            if not hit:
                missed.append((japanese, faulty))
    every = [h for hits in cases.values() for h in hits]
    for size, hits in cases.items():
        print(f"  swapped_body_word ({size}) detection {sum(hits) / max(len(hits), 1):.3f} "
              f"({sum(hits)}/{len(hits)})")  # fmt: skip
    print(f"  swapped_body_word (all) detection {sum(every) / max(len(every), 1):.3f} "
          f"({sum(every)}/{len(every)})")  # fmt: skip
    for japanese, faulty in missed[:4]:
        print(f"      missed: {japanese} → {faulty!r}")


def body_words_eval() -> None:
    print("\n== words of unlisted bodies (names.body_words)")
    started = time.perf_counter()
    check_body_words("介護保険課", "Long-Term Care Insurance Division")  # loads the word lists
    print(f"  word lists loaded in {time.perf_counter() - started:.2f} s (once per process)")
    heldout()
    heldout_s5()
    false_alarms()
    injected()
    outputs = json.loads((DATA / "xlsx06_real_outputs.json").read_text(encoding="utf-8"))[
        "segments"
    ]
    started = time.perf_counter()
    for _, source, output in outputs.values():
        check_body_words(source, output)
    per = (time.perf_counter() - started) / len(outputs)
    print(f"  speed: {1000 * per:.2f} ms per segment (xlsx06, {len(outputs)} segments)")


if __name__ == "__main__":
    body_words_eval()
    sys.exit(0)
