"""Draw the segments of bench/data/clean_references_heldout10.json (i12fa3), by kind, with
random.Random(10): corpus labels, table cells and guidebook sentences (as the document
loader cuts them), law sentences (shared law XML) and Diet sentences (shared Diet records),
none sharing a 15-character run with a bench/ or tests/ file, and no short one (under 20
characters) quoted whole in one. Prints JSON rows without references; the references were
written by hand. Run: PYTHONPATH=. python bench/draw_clean_heldout10.py > /tmp/draw.json
With --tune-b / --tune-c / --tune-d: the tuning supplements clean_references_tune10b/c/d.json
(short segments; corpus sentences for d) with Random(1010) / (1011) / (1012), heldout10 and
the files before counted as used.
With --heldout11: the final clean set clean_references_heldout11.json (i12clean11, session 7)
with Random(11): 36 short segments (labels, table cells, headings and slide lines) as the
app's readers cut them, 22 of the docx/PDF corpus and 14 of the Office files (pptx01/02,
xlsx01-06),
20 corpus sentences (docx/PDF bodies, slides), 12 law and 12 Diet sentences; pptx03, pptx04,
docx06 and docx10 are never drawn from (kept for fresh real runs); every file of bench/ and
tests/, heldout10 and tune10b/c/d included, counted as used.
With --heldout12: the next final clean set clean_references_heldout12.json (i12clean12, after
heldout11 was spent) with Random(12), the same documents and make-up as --heldout11 (PLAN_11);
every file of bench/ and tests/, heldout11 included, counted as used, read also with their
escaped line breaks and tabs as blanks (a two-line cell is stored as "…\\n…"), and their .tsv
files too (a field or a ‖ item of one counts as quoted whole). A kind with fewer unused
candidates than planned gives what it has (said on stderr): 1 Office sheet cell of 7.
With --heldout13: the next final clean set clean_references_heldout13.json (i12clean13, after
heldout12 was spent) with Random(13), the make-up of --heldout12 (PLAN_11, a kind short of
unused candidates giving what it has, said on stderr), every file of bench/ and tests/,
heldout12 included, counted as used by the same rule as --heldout12; docx05 and docx09 are not
drawn from either (being used for fresh real runs, as pptx03/04 and docx06/10).
With --heldout14: the next final clean set clean_references_heldout14.json (i12clean14, after
heldout13 was spent) with Random(14), drawn as --heldout13 (PLAN_11, a kind short of unused
candidates giving what it has, said on stderr; every file of bench/ and tests/, heldout13
included, counted as used by the same rule), and not from docx03, docx08 or pdf14 (the PDF of
docx08) either: fresh real runs of docx03 and docx08 were being made. A segment that holds a
body name of bench/data/bodies_heldout_s5.json anywhere counts as used too (that set's data
test forbids its names in any other bench/data file).
With --tune14b: the law/Diet tuning set clean_references_tune14b.json with Random(1402), the
law and Diet kinds of PLAN_11 doubled or so (PLAN_TUNE_14B), every bench/tests file (heldout14
included) counted as used by heldout14's rule.
With --tune14a: the tuning set clean_references_tune14a.json (i12tune14a) with Random(1401):
only the corpus/Office kinds of PLAN_11, scaled (PLAN_TUNE_14A, 40 rows), drawn from the
documents of --heldout14 by its rule (every bench/ and tests/ file, heldout14 included, counted
as used).
With --heldout15: the next final clean set clean_references_heldout15.json (i12clean15, for
the session after heldout14 is spent) with Random(15), drawn as --heldout14 (PLAN_11, a kind
short of unused candidates giving what it has, said on stderr; every file of bench/ and tests/,
heldout14 and the tuning sets tune14a/tune14b included, counted as used by heldout14's rule,
body names of bodies_heldout_s5.json too), and not from the documents heldout14 left out
(pptx03/04, docx03/05/06/08/09/10, pdf14).
With --heldout16: the next final clean set clean_references_heldout16.json (i12clean16, for
the session after heldout15 is spent) with Random(16), drawn as --heldout15 (PLAN_11, a kind
short of unused candidates giving what it has, said on stderr; every file of bench/ and tests/,
heldout15 and the tuning sets included, counted as used by heldout14's rule, body names of
bodies_heldout_s5.json too), and not from the same documents (pptx03/04,
docx03/05/06/08/09/10, pdf14).
With --heldout17: the next final clean set clean_references_heldout17.json (i12clean17, for
the session after heldout16 is spent) with Random(17), drawn as --heldout16 (PLAN_11, a kind
short of unused candidates giving what it has, said on stderr; every file of bench/ and tests/,
heldout16 and its alarm tests included, counted as used by heldout14's rule, body names of
bodies_heldout_s5.json too), and not from the same documents nor from docx07 and docx13 (fresh
real runs of them were made in session 11: bench/data/fresh_runs_s11.json).
With --tune18: a tuning set clean_references_tune18.json (session 12, tuned on from its first
look) with Random(1801), drawn as --heldout17 (PLAN_11, the same documents; every bench/tests
file, heldout17 and its alarm tests included, counted as used).
With --heldout18: the final set clean_references_heldout18.json (session 12, measured once at
the end of the session that tuned on tune18) with Random(18), drawn as --tune18, tune18's
drawn rows counted as used.
With --tune18b: a second tuning set clean_references_tune18b.json (session 12) with
Random(1802), drawn as --tune18, tune18 and heldout18 counted as used.
With --like17 NAME SEED: a later set clean_references_NAME.json drawn as --tune18 with
Random(SEED), every bench/tests file (the sets drawn before it included) counted as used:
tune19 (1901) and heldout19 (19), session 12."""

from __future__ import annotations

import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "data" / "clean_references_heldout10.json"
JA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
NUM = re.compile(
    r"[0-9０-９]|[一二三四五六七八九十百千万億]+(?:円|人|件|年|か月|月|日|時間|割|%|％|パーセント|歳|校|回)"
)
TITLE = re.compile(r"大臣|委員長|委員|議員|総理|参考人|局長|長官|政務官|知事|市長|議長|君|さん")
SHORT = 20
# (kind, how many)
PLAN = [
    ("corpus/label", 12),
    ("corpus/cell", 8),
    ("corpus/sentence", 10),
    ("law/article", 5),
    ("law/proviso", 3),
    ("law/item", 3),
    ("law/definition", 2),
    ("law/figure", 2),
    ("diet/name", 5),
    ("diet/figure", 5),
    ("diet/other", 5),
]
CORPUS = [
    *sorted((SHARED / "corpus").glob("docx*.docx")),
    *[
        SHARED / "corpus" / f
        for f in (
            "pdf01_bunka_koyobun_sakusei_no_kangaekata_2022.pdf",
            "pdf02_kunrei_koyobun_kanji_shiyo_2010.pdf",
            "pdf07_moj_chukan_shian_hosoku_setsumei.pdf",
            "pdf08_moj_yoko_an_hoseishingikai_200.pdf",
            "pdf10_moj_hoseishingikai_rei_seirei.pdf",
            "pdf12_moj_bukai_iin_meibo_1page.pdf",
            "pdf13_moj_pubcom_iken_gaiyo.pdf",
            "pdf14_cio_dp2020_01_ai_data_use.pdf",
        )
    ],
    *[
        SHARED / "corpus" / "office" / f
        for f in (
            "xlsx02_gif_465-6_data_quality_survey_form.xlsx",
            "xlsx04_plateau_kaihatsu_kyoka_shinseisho_form.xlsx",
            "xlsx05_plateau_kaihatsu_tourokubo_chousho.xlsx",
        )
    ],
]


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def used_text(out: Path) -> str:
    files = [*(ROOT / "bench").rglob("*.json"), *(ROOT / "bench").glob("*.py")]
    files += list((ROOT / "tests").rglob("*.py"))
    return "\n".join(squeeze(p.read_text(encoding="utf-8")) for p in files if p != out)


def used_text_12(out: Path) -> str:
    """used_text, read also with the escapes \\n, \\t and \\u3000 of JSON and Python strings
    taken as the blanks they stand for (a cell of two lines is stored as "…\\n…"), and the .tsv
    files of bench/ and tests/ (collapse labels, law citations, proofreading sentences): each
    field, and each ‖ item of a field, quoted as a whole."""
    files = [*(ROOT / "bench").rglob("*.json"), *(ROOT / "bench").glob("*.py")]
    files += list((ROOT / "tests").rglob("*.py"))
    escapes = [unescape(p.read_text(encoding="utf-8")) for p in files if p != out]
    tsv = [*(ROOT / "bench").rglob("*.tsv"), *(ROOT / "tests").rglob("*.tsv")]
    fields = [
        f'"{squeeze(item)}"'
        for p in sorted(tsv)
        for line in p.read_text(encoding="utf-8").splitlines()
        for item in re.split(r"\t|‖", line)
    ]
    return "\n".join([used_text(out), *map(squeeze, escapes), "".join(fields)])


def unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\u3000", "\u3000")


def is_used(source: str, text: str) -> bool:
    s = squeeze(source)
    if len(s) < SHORT:
        return any(f"{q}{s}{e}" in text for q, e in ['""', "''", "「」", "“”"])
    return any(s[i : i + 15] in text for i in range(0, len(s) - 14, 5))


# --heldout11: the documents drawn from (not pptx03/04, docx06/10: kept for fresh real runs;
# not the garbled/scanned/bilingual/English PDFs nor the kanji table)
KEPT_FOR_FRESH_RUNS = ("pptx03", "pptx04", "docx06", "docx10")
CORPUS_11 = [
    *[
        p
        for p in sorted((SHARED / "corpus").glob("docx*.docx"))
        if not p.name.startswith(KEPT_FOR_FRESH_RUNS)
    ],
    *[
        SHARED / "corpus" / f
        for f in (
            "pdf01_bunka_koyobun_sakusei_no_kangaekata_2022.pdf",
            "pdf02_kunrei_koyobun_kanji_shiyo_2010.pdf",
            "pdf06_moj_hoseishingikai_shoho_bukai_dai3kai_gijiroku.pdf",
            "pdf07_moj_chukan_shian_hosoku_setsumei.pdf",
            "pdf08_moj_yoko_an_hoseishingikai_200.pdf",
            "pdf10_moj_hoseishingikai_rei_seirei.pdf",
            "pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf",
            "pdf12_moj_bukai_iin_meibo_1page.pdf",
            "pdf13_moj_pubcom_iken_gaiyo.pdf",
            "pdf14_cio_dp2020_01_ai_data_use.pdf",
        )
    ],
    *[
        p
        for p in sorted((SHARED / "corpus" / "office").glob("*.*x"))
        if not p.name.startswith(KEPT_FOR_FRESH_RUNS)
    ],
]


def held_out_names() -> list[str]:
    """The body names of bench/data/bodies_heldout_s5.json: its data test forbids them anywhere
    in another bench/data file, so from --heldout14 on a segment holding one counts as used."""
    path = ROOT / "bench" / "data" / "bodies_heldout_s5.json"
    return [squeeze(r["source"]) for r in json.loads(path.read_text(encoding="utf-8"))["segments"]]


# --heldout13: not docx05/docx09 either (fresh real runs of them were being made)
KEPT_FOR_FRESH_RUNS_13 = (*KEPT_FOR_FRESH_RUNS, "docx05", "docx09")
CORPUS_13 = [p for p in CORPUS_11 if not p.name.startswith(KEPT_FOR_FRESH_RUNS_13)]
# --heldout14: not docx03/docx08 (nor pdf14, the PDF of docx08) either (fresh real runs of them)
KEPT_FOR_FRESH_RUNS_14 = (*KEPT_FOR_FRESH_RUNS_13, "docx03", "docx08", "pdf14")
CORPUS_14 = [p for p in CORPUS_11 if not p.name.startswith(KEPT_FOR_FRESH_RUNS_14)]
# --heldout17: not docx07/docx13 either (fresh real runs of them, bench/data/fresh_runs_s11.json)
KEPT_FOR_FRESH_RUNS_17 = (*KEPT_FOR_FRESH_RUNS_14, "docx07", "docx13")
CORPUS_17 = [p for p in CORPUS_11 if not p.name.startswith(KEPT_FOR_FRESH_RUNS_17)]
# short segments of the docx/PDF corpus ("corpus/…") and of the Office files ("office/…": by
# document first, the Office files would give a handful of the 36 against 21 docx/PDFs)
PLAN_11 = [
    ("corpus/label", 10),  # at most 12 characters
    ("corpus/cell", 6),  # 13-45 characters in a table cell, no 。
    ("corpus/heading", 6),  # 13-45 characters elsewhere (headings, list lines), no 。
    ("office/label", 7),  # (all but xlsx02/04/05 and a few pptx02 lines are used elsewhere)
    ("office/cell", 7),  # a sheet cell
    ("corpus/sentence", 20),
    ("law/article", 4),
    ("law/proviso", 2),
    ("law/item", 2),
    ("law/definition", 2),
    ("law/figure", 2),
    ("diet/name", 4),
    ("diet/figure", 4),
    ("diet/other", 4),
]


def corpus_candidates(
    paths: list[Path] = CORPUS, headings: bool = False
) -> dict[str, list[tuple[str, str]]]:
    """Segments of the documents as the loader cuts them, by kind; with headings, also the
    short segments outside cells ("corpus/heading") and the sentences of slides."""
    from desk_assistant.documents import load

    body = ("body", "pdf_page", "slide") if headings else ("body", "pdf_page")
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in paths:
        doc = f"corpus/{path.relative_to(SHARED / 'corpus')}"
        for block in load(path).blocks:
            if block.hidden:
                continue
            for seg in block.segments:
                text = seg.text.strip()
                s = squeeze(text)
                if len(JA.findall(s)) < 2:
                    continue
                if s.endswith("。") and 30 <= len(s) <= 120 and block.kind in body:
                    out["corpus/sentence"].append((doc, text))
                elif "。" in s:
                    continue
                elif len(s) <= 12:
                    out["corpus/label"].append((doc, text))
                elif len(s) <= 45 and block.kind in ("table_cell", "cell"):
                    out["corpus/cell"].append((doc, text))
                elif len(s) <= 45 and headings:
                    out["corpus/heading"].append((doc, text))
    return out


# Law sentences with furigana (<Ruby>): the text joined here loses the Ruby's tail (勾配 came
# out as 勾勾, in tune18, tune21 and tune22, each row left out after drawing), so no draw takes
# them from heldout23 on. They stay in the pools: a set that never picked one (every final set)
# draws the same rows with or without this rule.
RUBY_SENTENCES: set[str] = set()


def law_candidates() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in sorted((SHARED / "laws").glob("*.xml")):
        root = ET.parse(path).getroot()
        parents = {c: p for p in root.iter() for c in p}
        doc = f"laws/{path.name}"
        for sent in root.iter("Sentence"):
            text = "".join(t for el in sent.iter() if el.tag != "Rt" for t in [el.text or ""])
            if list(sent.iter("Rt")):
                RUBY_SENTENCES.add(text)
            else:
                text = "".join(sent.itertext())
            s = squeeze(text)
            parent = parents.get(sent)
            ptag = parent.tag if parent is not None else ""
            if "SupplProvision" in {a.tag for a in _ancestors(sent, parents)}:
                continue
            if ptag == "ItemSentence" and 15 <= len(s) <= 100:
                out["law/item"].append((doc, text))
            elif ptag != "ParagraphSentence" or not 40 <= len(s) <= 150 or "、" not in s:
                continue
            elif sent.get("Function") == "proviso":
                out["law/proviso"].append((doc, text))
            elif re.search(r"」とは、", s):
                out["law/definition"].append((doc, text))
            elif re.search(
                r"[一二三四五六七八九十百千]+(?:日|年|月|円|時間)(?:以内|以下|以上|を経過|前)", s
            ):
                out["law/figure"].append((doc, text))
            else:
                out["law/article"].append((doc, text))
    return out


def _ancestors(el, parents):
    while el in parents:
        el = parents[el]
        yield el


def diet_candidates() -> dict[str, list[tuple[str, str]]]:
    speeches: list[tuple[str, str, str]] = []
    for path in sorted((SHARED / "diet").glob("*.xml")):
        root = ET.parse(path).getroot()
        for rec in root.iter("speechRecord"):
            speaker = rec.findtext("speaker") or ""
            speeches.append((f"diet/{path.name}", speaker, rec.findtext("speech") or ""))
    for path in sorted((SHARED / "diet").glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8"))["data"]:
            speeches.append((f"diet/{path.name}", row.get("speaker") or "", row["text"] or ""))
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc, speaker, speech in speeches:
        if speaker in ("会議録情報", "") or "委員長" in speaker and False:
            continue
        body = re.sub(r"^○\S+?[\s\u3000]+", "", speech.strip())
        for sent in re.findall(r"[^。\n]+。", body):
            s = squeeze(sent)
            if not 35 <= len(s) <= 120 or s.startswith(("（", "〔")):
                continue
            kind = (
                "diet/name" if TITLE.search(s) else "diet/figure" if NUM.search(s) else "diet/other"
            )
            out[kind].append((f"{doc} ({speaker})", sent.strip()))
    return out


# The tuning supplement (clean_references_tune10b.json): short segments only, another seed.
PLAN_TUNE_B = [("corpus/label", 25), ("corpus/cell", 15)]
PLAN_TUNE_C = [("corpus/label", 20), ("corpus/cell", 10)]
PLAN_TUNE_D = [("corpus/sentence", 12)]  # guidebook and paper sentences
# --tune14a: the corpus/Office kinds of PLAN_11 only, scaled to 40 rows
PLAN_TUNE_14A = [
    ("corpus/label", 8),
    ("corpus/cell", 6),
    ("corpus/heading", 6),
    ("office/label", 4),
    ("corpus/sentence", 16),
]


# --tune14b: law and Diet only, doubled or so (a kind short of unused candidates gives what it has)
PLAN_TUNE_14B = [("law/article", 6), ("law/proviso", 3), ("law/item", 3), ("law/definition", 3)]
PLAN_TUNE_14B += [("law/figure", 3), ("diet/name", 6), ("diet/figure", 6), ("diet/other", 10)]


def draw_tune14b() -> list[dict]:
    text = used_text_12(OUT.with_name("clean_references_tune14b.json"))
    names = held_out_names()
    pools = {**law_candidates(), **diet_candidates()}
    rng, rows, seen = random.Random(1402), [], set()
    for kind, count in PLAN_TUNE_14B:
        by_doc: dict[str, list] = defaultdict(list)
        for doc, source in pools[kind]:
            if not is_used(source, text) and not any(n in squeeze(source) for n in names):
                by_doc[doc.split(" (")[0]].append((doc, source))
        docs = sorted(by_doc)
        count = min(count, len({squeeze(t) for d in docs for _, t in by_doc[d]} - seen))
        while count:
            doc, source = rng.choice(by_doc[rng.choice(docs)])
            if squeeze(source) not in seen:
                seen.add(squeeze(source))
                rows.append({"doc": doc, "kind": kind, "source": source})
                count -= 1
    return rows


def main() -> int:
    if "--tune14b" in sys.argv[1:]:
        json.dump(draw_tune14b(), sys.stdout, ensure_ascii=False, indent=1)
        return 0
    # --tune-b / --tune-c: the tuning supplements (Random(1010) / Random(1011)), every other
    # file, heldout10 and the earlier supplement included, counted as used
    # --heldout11: the final set of session 7 (Random(11)), every bench/tests file counted as used
    # --heldout12: the final set after heldout11 (Random(12)), made up as heldout11 (now used)
    # --heldout13: the final set after heldout12 (Random(13)), made up as heldout12 (now used),
    # not docx05/09 either
    # --heldout14: the final set after heldout13 (Random(14)), made up as heldout13 (now used),
    # not docx03/08 nor pdf14 either
    # --heldout15: the final set after heldout14 (Random(15)), drawn as heldout14 (now used)
    # --heldout16: the final set after heldout15 (Random(16)), drawn as heldout15 (now used)
    # --heldout17: the final set after heldout16 (Random(17)), drawn as heldout16 (now used),
    # not docx07/13 either
    # --tune18: a tuning set of session 12 (Random(1801)), drawn as heldout17 (now used)
    # --heldout18: the final set of session 12 (Random(18)), drawn as heldout17, tune18 used too
    # --tune18b: a second tuning set of session 12 (Random(1802)), tune18 and heldout18 used
    which = next((a[-1] for a in sys.argv[1:] if a in ("--tune-b", "--tune-c", "--tune-d")), "")
    which = "11" if "--heldout11" in sys.argv[1:] else which
    which = "12" if "--heldout12" in sys.argv[1:] else which
    which = "13" if "--heldout13" in sys.argv[1:] else which
    which = "14" if "--heldout14" in sys.argv[1:] else which
    tune14a = "--tune14a" in sys.argv[1:]  # drawn as --heldout14, corpus/Office kinds only
    which = "14" if tune14a else which
    which = "15" if "--heldout15" in sys.argv[1:] else which
    which = "16" if "--heldout16" in sys.argv[1:] else which
    which = "17" if "--heldout17" in sys.argv[1:] else which
    which = "18" if "--heldout18" in sys.argv[1:] else which
    tune18 = "--tune18" in sys.argv[1:]  # drawn as --heldout18 with another seed, tuned on
    tune18b = "--tune18b" in sys.argv[1:]  # the same, a second seed, tune18 and heldout18 used
    # --like17 NAME SEED: any later set drawn as heldout17 into clean_references_NAME.json
    like17 = sys.argv[sys.argv.index("--like17") + 1 :][:2] if "--like17" in sys.argv else []
    which = "18" if tune18 or tune18b or like17 else which
    supplement = which in ("b", "c", "d")
    final = which in ("11", "12", "13", "14", "15", "16", "17", "18")
    out = OUT.with_name(f"clean_references_heldout{which}.json") if final else OUT
    out = OUT.with_name("clean_references_tune14a.json") if tune14a else out
    out = OUT.with_name("clean_references_tune18.json") if tune18 else out
    out = OUT.with_name("clean_references_tune18b.json") if tune18b else out
    out = OUT.with_name(f"clean_references_{like17[0]}.json") if like17 else out
    text = used_text(OUT.with_name(f"clean_references_tune10{which}.json") if supplement else out)
    from_12 = which in ("12", "13", "14", "15", "16", "17", "18")  # drawn by heldout12's rule
    text = used_text_12(out) if from_12 else text
    pools: dict[str, list[tuple[str, str]]] = {}
    documents = {"13": CORPUS_13, "14": CORPUS_14, "15": CORPUS_14, "16": CORPUS_14}
    documents["17"] = documents["18"] = CORPUS_17
    documents = documents.get(which, CORPUS_11)
    corpus = corpus_candidates(documents, headings=True) if final else corpus_candidates()
    if final:  # the Office files' short segments apart
        for kind, found in list(corpus.items()):
            office = [(d, t) for d, t in found if d.startswith("corpus/office/")]
            if kind != "corpus/sentence" and office:
                corpus[kind.replace("corpus/", "office/")] = office
                corpus[kind] = [(d, t) for d, t in found if (d, t) not in office]
    for part in (
        (corpus,) if supplement or tune14a else (corpus, law_candidates(), diet_candidates())
    ):
        pools.update(part)
    seeds = {"b": 1010, "c": 1011, "d": 1012, "11": 11, "12": 12, "13": 13, "14": 14, "15": 15}
    rng = random.Random({**seeds, "16": 16, "17": 17, "18": 18}.get(which, 10))
    rows, seen = [], set()
    plan = {"b": PLAN_TUNE_B, "c": PLAN_TUNE_C, "d": PLAN_TUNE_D, "11": PLAN_11, "12": PLAN_11}
    plan["13"] = plan["14"] = plan["15"] = plan["16"] = plan["17"] = plan["18"] = PLAN_11
    plan = PLAN_TUNE_14A if tune14a else plan.get(which, PLAN)
    rng = random.Random(1401) if tune14a else rng
    rng = random.Random(1801) if tune18 else rng
    rng = random.Random(1802) if tune18b else rng
    rng = random.Random(int(like17[1])) if like17 else rng
    names = held_out_names() if which in ("14", "15", "16", "17", "18") else []

    def used(source: str) -> bool:
        if source in RUBY_SENTENCES:
            return True
        return is_used(source, text) or any(n in squeeze(source) for n in names)

    for kind, count in plan:
        # by document first (the largest guidebook does not outweigh the forms), then segment
        by_doc: dict[str, list[str]] = defaultdict(list)
        for doc, source in pools[kind]:
            by_doc[doc.split(" (")[0]].append((doc, source))
        docs = sorted(by_doc)
        if from_12:  # a kind short of unused candidates gives what it has
            left = {squeeze(t) for _, t in pools[kind] if not used(t)} - seen
            if len(left) < count:
                print(f"{kind}: {len(left)} unused of {count} planned", file=sys.stderr)
                count = len(left)
        taken = 0
        while taken < count:
            doc, source = rng.choice(by_doc[rng.choice(docs)])
            s = squeeze(source)
            if s in seen or used(source):
                continue
            seen.add(s)
            rows.append({"doc": doc, "kind": kind, "source": source})
            taken += 1
    json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
