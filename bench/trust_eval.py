"""Trust checks, measured: known faults injected through the fake engine, and clean
reference translations that must stay quiet.

    PYTHONPATH=. python bench/trust_eval.py [--cases 20] [--real-runs DIR]

- Clean references: bench/data/trust_references.json, English translations written
  by hand of real corpus segments; half "tune" (the omission band was set on them),
  half "heldout" (not looked at while tuning). A false alarm is any warning/error
  finding on a segment whose translation is the reference.
- Fault injection: each fault kind (dropped sentence, swapped name, loop, markup …)
  is applied to references (or, for kinds with too few references, to a "pseudo
  English" of other real corpus segments that keeps every figure, URL and tag and is
  itself quiet) and fed to translate_document through the fake engine, which
  repeats the fault when the pipeline retries. Detected = the segment ends with a
  warning or error finding (or was kept in the source language).
- Summaries: invented lines, copied style examples, repeats and the wrong language,
  on real corpus documents; clean = lines copied from the document.
- Speed: seconds the checks take per segment here, and, with --real-runs, the
  share of check time in real demo-model translation runs (stats.check_seconds /
  stats.seconds of `translate --format json` outputs).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

from added_eval import added_eval  # bench/ is on sys.path when run as a script
from body_words_eval import body_words_eval  # bench/ is on sys.path when run as a script
from collapse_eval import collapse_eval  # bench/ is on sys.path when run as a script
from speaker_names_eval import speaker_names_eval  # bench/ is on sys.path as a script

from desk_assistant.documents import load
from desk_assistant.llm.engine import LoadOptions
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.tasks.translate import translate_document
from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.names import proper_names, romanize
from desk_assistant.tasks.translate.omission import length_ratio
from desk_assistant.tasks.translate.prompting import EXAMPLES
from desk_assistant.tasks.verdicts import has_look

HERE = Path(__file__).parent
CORPUS = Path("/work/shared/corpus")
REFERENCES = HERE / "data" / "trust_references.json"
ORG_REFERENCES = HERE / "data" / "organisation_references.json"
CLAUSE_REFERENCES = HERE / "data" / "clause_references.json"
TITLE_REFERENCES = HERE / "data" / "title_references.json"
# Real segments with a personal title and a realistic wrong-title version (i12title2),
# committed before the title check changed; looked at once (first look) before the changes.
TITLE_HELDOUT = HERE / "data" / "title_references_heldout.json"
CLAUSE_HELDOUT3 = HERE / "data" / "clause_references_heldout3.json"  # laws + pdf08, never tuned on
# Six laws not used before and Diet 2023 speeches, with hand clause drops (i12clause).
CLAUSE_HELDOUT4 = HERE / "data" / "clause_references_heldout4.json"  # seen since its first run
# Written after heldout4's first run, before the false-alarm fixes that followed it.
CLAUSE_HELDOUT5 = HERE / "data" / "clause_references_heldout5.json"
# Other articles of 11 laws and 2024 Diet answers, written before the WordNet trial (i12wn).
CLAUSE_HELDOUT6 = HERE / "data" / "clause_references_heldout6.json"
# Corpus guidebooks, laws and Diet records, committed before the broken-sentence rules
# (i12clause3, session 5): measured once at the start and once at the end.
CLAUSE_HELDOUT8 = HERE / "data" / "clause_references_heldout8.json"
WRONG_ORGS = [
    "Ministry of Industry and Information Technology",
    "Ministry of Commerce",
    "the authorities",
    "the Government",
    "Osaka Prefecture",
    "Cabinet Office",
    "Tax Bureau",
]
FORM_EN = {"年": "Year", "月": "Month", "日": "Day", "記": "Note", "以上": "End", "殿": "To"}
MARKUP = ["</h4>", "<b>", "<br/>", "<p>", "</div>", '<span class="x">', "<h2>", "</td>"]
SPECIAL = ["<|im_end|>", "<end_of_turn>", "<|endoftext|>", "<eos>", "<pad>", "[INST]", "<bos>"]
OTHER_NAMES = ["Suzuki", "Watanabe", "Nakamura", "Kobayashi", "Yoshida", "Yamamoto", "Inoue"]
OTHER_TERMS = {"GIF": "API", "JIS": "ISO", "PLATEAU": "CityGML", "CSV": "XML", "PMO": "CIO"}
MONTHS = "January February March April May June July August September October November December"
MONTHS = MONTHS.split()
INVENTED = [
    "The applicant shall submit the form to the head of the administrative agency.",
    "The deadline for submitting the application is the end of the month.",
    "Please fill in the date on which the request was received by the office.",
    "This item must be completed by the person making the request.",
    "The date of birth of the person concerned shall be entered here.",
]


def prompt_input(prompt) -> str:
    if not isinstance(prompt, str):
        return prompt[-1]["content"].rsplit("\n\n", 1)[-1]
    body = prompt.rsplit("### Japanese\n", 1)[-1]
    return body.rsplit("\n### English", 1)[0]


def pseudo_english(text: str) -> str:
    """Two Latin letters per Japanese character, figures/URLs/tags kept: English-sized."""
    text = unicodedata.normalize("NFKC", text).replace("。", ". ").replace("、", ", ")

    def letters(run: str) -> str:
        return "".join(chr(97 + ord(c) % 26) + chr(97 + ord(c) // 26 % 26) for c in run)

    # Words of their own, so a kept Latin term ("GIF") stays a word.
    text = re.sub(r"[^\x00-\x7f]+", lambda m: f" {letters(m.group(0))} ", text)
    return re.sub(r" {2,}", " ", text).strip()


class Case:
    """One segment and the engine's output for it (possibly per form unit)."""

    def __init__(self, kind, source, output, base="reference", split="", note=""):
        # One line per case: a .txt paragraph (a one-line prompt stops at a newline).
        if isinstance(output, str):
            output = output.replace("\n", " ")
        self.kind, self.source, self.output = kind, source.replace("\n", " "), output
        self.base, self.split, self.note = base, split, note

    def reply(self, unit: str) -> str:
        if isinstance(self.output, dict):  # form units: 年 / 月 / 日
            return self.output.get(unit, self.output.get("*", ""))
        source = self.source.strip()
        if unit == source or not source.endswith(unit):
            return self.output  # the whole segment, or a retry's smaller piece
        label = source[: len(source) - len(unit)]
        if re.match(r"^[QAＱＡ]", label):  # Q１　… → the model sees the text without its label
            return re.sub(r"^[QA]\d+\s*", "", self.output)
        return self.output


def run_case(case: Case, folder: Path):
    """translate_document on a one-line .txt holding the case's source, fake engine."""
    path = folder / "case.txt"
    path.write_text(case.source.replace("\n", " ") + "\n", encoding="utf-8")
    engine = FakeEngine(lambda prompt: case.reply(prompt_input(prompt)))
    engine.load("fake.gguf", LoadOptions())
    result = translate_document(engine, "few_shot", load(path), source_lang="ja", target_lang="en")
    findings = [f for s in result.segments for f in s.findings if f.severity != "info"]
    return findings, result


def form_output(source: str, invented: str | None = None, at: str = "") -> dict:
    units = [u for u in re.split(r"[\s\u3000]+", source) if u]
    out = {u: FORM_EN.get(u, pseudo_english(u)) for u in units}
    if invented is not None:
        out[at or units[0]] = invented
    return out


def is_form(source: str) -> bool:
    return all(u in FORM_EN for u in re.split(r"[\s\u3000]+", source.strip()) if u)


# --- fault generators: each yields Case objects -------------------------------------------


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"])", text) if s.strip()]


def f_dropped_sentence(refs, n):
    for r in refs:
        parts = sentences(r["reference"])
        if len(parts) >= 2:
            for drop in range(len(parts)):
                yield Case(
                    "dropped_sentence",
                    r["source"],
                    " ".join(p for i, p in enumerate(parts) if i != drop),
                    split=r["split"],
                )


def f_dropped_clause(refs, n):
    for r in refs:
        clauses = r["reference"].split(", ")
        if len(clauses) >= 3 and len(r["reference"]) > 80:
            for drop in range(1, len(clauses) - 1):
                yield Case(
                    "dropped_clause",
                    r["source"],
                    ", ".join(c for i, c in enumerate(clauses) if i != drop),
                    split=r["split"],
                )


def f_truncated(refs, n):
    for r in refs:
        words = r["reference"].split()
        if len(words) >= 8:
            for share in (0.45, 0.6):
                cut = " ".join(words[: max(3, int(len(words) * share))]).rstrip(".,;:")
                yield Case("truncated_paragraph", r["source"], cut, split=r["split"])


def f_loop(refs, n):
    for r in refs:
        parts = sentences(r["reference"])
        if len(r["reference"].split()) >= 5:
            yield Case(
                "loop",
                r["source"],
                r["reference"] + " " + " ".join([parts[-1]] * 3),
                split=r["split"],
            )
            words = r["reference"].split()
            phrase = " ".join(words[:4])
            yield Case("loop", r["source"], " ".join([phrase] * 5), split=r["split"], note="phrase")


def f_markup(refs, n):
    for i, r in enumerate(refs):
        tag = MARKUP[i % len(MARKUP)]
        words = r["reference"].split()
        at = len(words) // 2
        yield Case(
            "markup", r["source"], " ".join(words[:at] + [tag] + words[at:]), split=r["split"]
        )


def f_special_token(refs, n):
    for i, r in enumerate(refs):
        token = SPECIAL[i % len(SPECIAL)]
        yield Case("special_token", r["source"], r["reference"] + token, split=r["split"])


def f_copied_example(refs, n):
    targets = [t for _, t in EXAMPLES[("ja", "en")] if len(t.split()) >= 3]
    for i, r in enumerate(refs):
        example = re.sub(r"</?[gx]\d+/?>", "", targets[i % len(targets)])
        if i % 2:
            out = f"1111{example}11"
        else:
            out = r["reference"] + " " + example
        yield Case("copied_example", r["source"], out, split=r["split"])


def f_number_change(refs, n):
    for r in refs:
        ref = r["reference"]
        # Not the Q1/A1 label: the pipeline keeps the source's label as written.
        numbers = [m for m in re.finditer(r"\d+", ref) if not (m.start() == 1 and ref[0] in "QA")]
        for m in numbers[:3]:
            value = int(m.group(0))
            changed = ref[: m.start()] + str(value + 1) + ref[m.end() :]
            yield Case("number_change", r["source"], changed, split=r["split"])


def f_changed_date(refs, n):
    for r in refs:
        ref = r["reference"]
        month = re.search("|".join(MONTHS), ref)
        year = re.search(r"\b(19|20)\d\d\b", ref)
        if not (month or year):
            continue
        if year:
            y = year.group(0)
            yield Case(
                "changed_date", r["source"], ref.replace(y, str(int(y) - 1), 1), split=r["split"]
            )
        if month:
            name = month.group(0)
            other = MONTHS[(MONTHS.index(name) + 1) % 12]
            yield Case("changed_date", r["source"], ref.replace(name, other, 1), split=r["split"])
            day = re.search(rf"{name} (\d+)", ref)
            if day:
                d = int(day.group(1))
                yield Case(
                    "changed_date",
                    r["source"],
                    ref.replace(f"{name} {d}", f"{name} {d % 28 + 1}", 1),
                    split=r["split"],
                )


def f_wrong_language(refs, n):
    for r in refs:
        words = r["reference"].split()
        # The model slides back into Japanese after a few English words.
        yield Case(
            "wrong_language", r["source"], " ".join(words[:3]) + " " + r["source"], split=r["split"]
        )


def f_swapped_name(refs, n):
    for i, r in enumerate(refs):
        ref = r["reference"]
        for surface, _kind, reading in proper_names(r["source"]):
            roman = romanize(reading).capitalize()
            hit = re.search(rf"\b{roman[:4]}\w*", ref, re.I)
            if hit:
                other = OTHER_NAMES[i % len(OTHER_NAMES)]
                yield Case(
                    "swapped_name",
                    r["source"],
                    ref.replace(hit.group(0), other),
                    split=r["split"],
                    note=surface,
                )
                break
        for term, other in OTHER_TERMS.items():
            if term in ref and term in unicodedata.normalize("NFKC", r["source"]):
                yield Case(
                    "swapped_name",
                    r["source"],
                    ref.replace(term, other),
                    split=r["split"],
                    note=term,
                )
                misspelt = ref.replace(term, term[:-1] + "X")  # a second variant
                yield Case("swapped_name", r["source"], misspelt, split=r["split"], note=term)


def f_dropped_url(refs, pseudo):
    for r in refs + pseudo:
        base = r["reference"]
        urls = re.findall(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+", base)
        for url in urls[:1]:
            yield Case(
                "dropped_url",
                r["source"],
                base.replace(url, "the website"),
                base=r.get("base", "reference"),
            )
            yield Case(
                "dropped_url", r["source"], base.replace(url, ""), base=r.get("base", "reference")
            )
            yield Case(
                "dropped_url",
                r["source"],
                base.replace(url, url.rsplit("/", 2)[0] + "/"),
                base=r.get("base", "reference"),
            )


def f_invented_form(refs, n):
    forms = [
        "年\u3000\u3000月\u3000\u3000日",
        "年\u3000\u3000\u3000月\u3000\u3000\u3000日",
        "記",
        "以上",
        "年\u3000月\u3000日",
    ]
    for i in range(25):
        source = forms[i % len(forms)]
        units = [u for u in re.split(r"[\s\u3000]+", source) if u]
        at = units[i % len(units)]
        yield Case(
            "invented_form_text",
            source,
            form_output(source, INVENTED[i % len(INVENTED)], at),
            base="form",
        )


def f_swapped_organisation(refs, n):
    """A listed organisation's English name replaced by another body (デジタル庁 → 'Ministry
    of Industry and Information Technology', as the demo model did)."""
    from desk_assistant.tasks.translate.organisations import organisations_in

    for i, r in enumerate(refs):
        ref = r["reference"]
        for surface, org in organisations_in(r["source"]):
            if org is None:
                continue
            for name in org.english:
                hit = re.search(re.escape(name), ref, re.I)
                if not hit:
                    continue
                for k in range(2):
                    wrong = WRONG_ORGS[(i + k) % len(WRONG_ORGS)]
                    if wrong.lower() == name.lower():
                        continue
                    changed = ref.replace(hit.group(0), wrong)
                    yield Case(
                        "swapped_organisation", r["source"], changed, split=r["split"], note=surface
                    )
                break


FAULTS = {
    "dropped_sentence": f_dropped_sentence,
    "dropped_clause": f_dropped_clause,
    "truncated_paragraph": f_truncated,
    "swapped_name": f_swapped_name,
    "loop": f_loop,
    "markup": f_markup,
    "special_token": f_special_token,
    "copied_example": f_copied_example,
    "number_change": f_number_change,
    "changed_date": f_changed_date,
    "wrong_language": f_wrong_language,
    "dropped_url": f_dropped_url,
    "invented_form_text": f_invented_form,
}


# Checks that read English words (names of bodies, content words, title meaning): pseudo
# English has none, so they neither make a pseudo base noisy nor count as detecting a fault
# injected into one.
READS_ENGLISH = {"names.organisation", "omission.clause", "meaning.title"}


def counts_for(finding, base: str) -> bool:
    if finding.severity == "info":
        return False
    return not (base == "pseudo" and finding.check in READS_ENGLISH)


def pseudo_segments(folder: Path, limit: int = 40) -> list[dict]:
    """Real corpus segments with a URL, translated as pseudo English that is itself quiet."""
    out = []
    for name in ["docx03_gif_465-1_data_management_guidebook_intro.docx", "docx04_gif_469_metadata_guidebook.docx", "docx05_gif_464-1_api_guidebook.docx", "docx08_cio_dp2020_01_ai_data_use.docx", "docx09_cio_dp2020_02_municipal_notices_digitalization.docx", "docx11_cio_dp2021_04_municipal_sns.docx"]:  # fmt: skip
        if not (CORPUS / name).exists():
            continue
        copy = folder / name
        shutil.copy(CORPUS / name, copy)
        for block in load(copy).blocks:
            for segment in block.segments:
                text = segment.text.strip()
                if "http" not in text or len(text) > 300 or "\n" in text:
                    continue
                base = pseudo_english(text)
                if [
                    f for f in check_segment(text, base, (), "ja", "en") if counts_for(f, "pseudo")
                ]:
                    continue  # the pseudo translation must be quiet before the fault
                out.append({"source": text, "reference": base, "split": "pseudo", "base": "pseudo"})
                if len(out) >= limit:
                    return out
    return out


def clean_cases(refs):
    for r in refs:
        output = form_output(r["source"]) if is_form(r["source"]) else r["reference"]
        yield Case("clean", r["source"], output, split=r["split"])


# --- summaries ---------------------------------------------------------------------------


def summary_eval(folder: Path, cases: int) -> dict:
    from desk_assistant.tasks.summarize import find_style, summarize_document

    docs = [
        "docx07_gif_499_faq_short.docx",
        "pdf11_moj_hoseishingikai_giji_kisoku_1page.pdf",
        "pdf10_moj_hoseishingikai_rei_seirei.pdf",
        "docx12_moj_form_hoyu_kojinjoho_kaiji_seikyusho.docx",
        "docx13_moj_form_hoyu_kojinjoho_teisei_seikyusho.docx",
        "pdf08_moj_yoko_an_hoseishingikai_200.pdf",
        "pdf02_kunrei_koyobun_kanji_shiyo_2010.pdf",
    ]
    loaded = []
    for name in docs:
        if (CORPUS / name).exists():
            shutil.copy(CORPUS / name, folder / name)
            loaded.append(load(folder / name))
    bullets, briefing, en_exec = (
        find_style("bullets"),
        find_style("briefing"),
        find_style("en_exec"),
    )
    invented = [
        "・市の図書館は来月から開館時間を延長し、夜間の利用者を増やす計画である。",
        "・駐車場の料金体系も見直され、住民の負担は軽くなる見込みである。",
        "・新しい観光施設の建設に向けて、民間事業者との協議が始まった。",
        "・学校給食の食材は地元の農家から調達する方針が決まった。",
    ]
    example = [line for _, t in briefing.examples for line in t.splitlines()]
    rng = random.Random(12)

    def source_lines(doc, k):
        sentences = [
            s.strip() + ("" if s.strip().endswith("。") else "")
            for b in doc.blocks
            for s in re.split(r"(?<=。)", b.text)
            if 15 <= len(s.strip()) <= 80
        ]
        return rng.sample(sentences, min(k, len(sentences)))

    def run(doc, style, reply):
        engine = FakeEngine(reply)
        engine.load("fake.gguf", LoadOptions(n_ctx=8192))
        return summarize_document(engine, "few_shot", doc, style, n_ctx=8192)

    kinds: dict[str, list[bool]] = defaultdict(list)
    clean: list[bool] = []
    for i in range(cases):
        doc = loaded[i % len(loaded)]
        lines = source_lines(doc, 3)
        if not lines:
            continue
        extract = "\n".join("・" + s for s in lines)
        clean.append(not run(doc, bullets, extract).findings)
        fault = extract + "\n" + invented[i % len(invented)]
        kinds["unsupported_sentence"].append(bool(run(doc, bullets, fault).findings))
        kinds["copied_style_example"].append(
            bool(run(doc, briefing, "\n".join(example[: 2 + i % 3])).findings)
        )
        loop = "\n".join(["【件名】"] * (10 + i) + ["・" + lines[0]] * 3)
        kinds["repeated_output"].append(bool(run(doc, bullets, loop).findings))
        kinds["wrong_language"].append(bool(run(doc, en_exec, extract).findings))
    rates = {k: (sum(v) / len(v), len(v)) for k, v in kinds.items()}
    return {"faults": rates, "clean_false_alarm": (1 - sum(clean) / len(clean), len(clean))}


# --- main --------------------------------------------------------------------------------


def pdf09_ratios(folder: Path) -> list[float]:
    """en → ja ratios of the MLETR 対照表's numbered paragraphs (English original | 仮訳)."""
    name = "pdf09_moj_MLETR_bilingual_taishohyo.pdf"
    if not (CORPUS / name).exists():
        return []
    shutil.copy(CORPUS / name, folder / name)
    english: dict[str, str] = {}
    ratios = []
    for block in load(folder / name).blocks:
        text = block.text.strip()
        en = re.match(r"^(\d+)\.\s+(.+\.)$", text)
        ja = re.match(r"^(\d+)．(.+。)$", text)
        if en and not re.search(r"[\u3040-\u9fff]", text):
            english[en.group(1)] = en.group(2)
        elif ja and ja.group(1) in english:
            ratio = length_ratio(english.pop(ja.group(1)), ja.group(2), "en", "ja")
            if ratio:
                ratios.append(1 / ratio)  # as ja → en: English letters per Japanese character
    return ratios


def describe(values: list[float]) -> str:
    if not values:
        return "n/a"
    values = sorted(values)
    return (
        f"n={len(values)} min={values[0]:.2f} p05={values[int(0.05 * len(values))]:.2f} "
        f"median={statistics.median(values):.2f} p95={values[int(0.95 * (len(values) - 1))]:.2f} "
        f"max={values[-1]:.2f}"
    )


def clause_eval(refs: list[dict], folder: Path) -> None:
    """Dropped clauses per split: tune (the content-word list was written looking at its
    misses), heldout (its misses were seen too: not clean), heldout2 (clause_references.json,
    written afterwards and not tuned on)."""
    fresh = json.loads(CLAUSE_REFERENCES.read_text(encoding="utf-8"))["segments"]
    third = json.loads(CLAUSE_HELDOUT3.read_text(encoding="utf-8"))
    print("\n== dropped clauses by split (heldout2 = clause_references.json, not tuned on; "
          "heldout3 = laws and pdf08, committed before the word list and never tuned on)")  # fmt: skip
    for split, rows in (
        ("tune", [r for r in refs if r["split"] == "tune"]),
        ("heldout", [r for r in refs if r["split"] == "heldout"]),
        ("heldout2", fresh),
        ("heldout3", third["segments"]),
    ):
        alarms = [c for c in clean_cases(rows) if run_case(c, folder)[0]]
        cases = list(f_dropped_clause(rows, None))
        missed = [c for c in cases if not run_case(c, folder)[0]]
        print(f"  {split:8} clean false alarms {len(alarms)}/{len(rows)}; dropped_clause detection "
              f"{(len(cases) - len(missed)) / max(len(cases), 1):.3f} "
              f"({len(cases) - len(missed)}/{len(cases)})")  # fmt: skip
        for case in alarms:
            print(f"      false alarm: {case.source[:40]!r}")
        for case in missed[:4]:
            print(f"      missed: {case.source[:24]!r} → {str(case.output)[:70]!r}")

    hand_drop_eval(folder, CLAUSE_HELDOUT4, "heldout4")
    hand_drop_eval(folder, CLAUSE_HELDOUT5, "heldout5")
    hand_drop_eval(folder, CLAUSE_HELDOUT6, "heldout6")
    hand_drop_eval(folder, CLAUSE_HELDOUT8, "clause-heldout8")
    pdf09_clause_alarms(folder)

    titles = third["titles"]
    alarms = [t for t in titles if run_case(Case("clean", t["source"], t["reference"]), folder)[0]]
    caught = [t for t in titles if run_case(Case("title", t["source"], t["wrong"]), folder)[0]]
    print(f"  heldout3 short titles: clean false alarms {len(alarms)}/{len(titles)}; "
          f"changed meaning detection {len(caught)}/{len(titles)}")  # fmt: skip
    for t in alarms:
        print(f"      false alarm: {t['source']!r} → {t['reference']!r}")
    for t in titles:
        if t not in caught:
            print(f"      missed: {t['source']!r} → {t['wrong']!r}")


def mletr_paragraph_pairs(folder: Path) -> list[tuple[str, str]]:
    """(Japanese 仮訳, English original) paragraph pairs of the MLETR 対照表, matched by number
    inside each English block and the Japanese block after it."""
    name = "pdf09_moj_MLETR_bilingual_taishohyo.pdf"
    if not (CORPUS / name).exists():
        return []
    shutil.copy(CORPUS / name, folder / name)
    japanese = re.compile(r"[\u3040-\u9fff]")
    pairs, english = [], None
    for block in load(folder / name).blocks:
        text = block.text.strip()
        if not japanese.search(text):
            english = text
            continue
        if english and "。" in text and not text.startswith("要綱案"):
            en = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n(?=\d+\.\s)", english)]
            ja = [re.sub(r"\s+", "", p).strip() for p in re.split(r"\n(?=\d+．)", text)]
            for e, j in zip(en, ja, strict=False) if len(en) == len(ja) else ():
                e, j = re.sub(r"^\d+\.\s*", "", e), re.sub(r"^\d+．", "", j)
                if len(j) >= 20 and e.endswith(".") and j.endswith("。"):
                    pairs.append((j, e))
        english = None
    return pairs


def pdf09_clause_alarms(folder: Path) -> None:
    """The clause check on a professional translation it never saw (the Ministry of Justice's
    Japanese of MLETR, read as Japanese → English): every finding is a false alarm."""
    from desk_assistant.tasks.translate.clauses import dropped_clauses

    pairs = mletr_paragraph_pairs(folder)
    alarms = [(ja, en) for ja, en in pairs if dropped_clauses(ja, en)]
    print(
        f"  pdf09 MLETR pairs (clean, clause check only): false alarms {len(alarms)}/{len(pairs)}"
    )
    for ja, _ in alarms:
        print(f"      false alarm: {ja[:40]!r}")


def hand_drop_eval(folder: Path, path: Path, split: str) -> None:
    """heldout4 (committed before this session's clause work; its first run showed 8/35 false
    alarms, and the fixes that followed saw it) and heldout5 (written before those fixes):
    the automatic comma drop and the hand drop of one meaning-carrying clause."""
    rows = json.loads(path.read_text(encoding="utf-8"))["segments"]
    alarms = [c for c in clean_cases(rows) if run_case(c, folder)[0]]
    cases = list(f_dropped_clause(rows, None))
    caught = [c for c in cases if run_case(c, folder)[0]]
    hand = [Case("dropped_clause", r["source"], r["dropped"], split=split) for r in rows]
    hand_missed = [(c, r) for c, r in zip(hand, rows, strict=True) if not run_case(c, folder)[0]]
    print(f"  {split} clean false alarms {len(alarms)}/{len(rows)}; dropped_clause detection "
          f"{len(caught) / max(len(cases), 1):.3f} ({len(caught)}/{len(cases)}); hand drops "
          f"{(len(hand) - len(hand_missed)) / len(hand):.3f} "
          f"({len(hand) - len(hand_missed)}/{len(hand)})")  # fmt: skip
    for case in alarms:
        print(f"      false alarm: {case.source[:40]!r}")
    for _, r in hand_missed:
        print(f"      missed ({r['dropped_kind']}): {r['dropped_part'][:70]!r}")


def lexicon_load_seconds() -> float:
    """The bilingual word list's first read (once per process, on first use)."""
    from desk_assistant.tasks.translate import lexicon

    lexicon.entries.cache_clear()
    lexicon.glosses.cache_clear()
    started = time.perf_counter()
    lexicon.entries()
    return time.perf_counter() - started


def organisation_eval(folder: Path) -> None:
    """Organisation names: false alarms on clean references and swapped names, per split."""
    refs = json.loads(ORG_REFERENCES.read_text(encoding="utf-8"))["segments"]
    print(f"\n== organisation names ({ORG_REFERENCES.name}: tune = Diet speeches seen while "
          "writing the list, heldout = corpus sentences not looked at while tuning)")  # fmt: skip
    for split in ("tune", "heldout"):
        rows = [r for r in refs if r["split"] == split]
        alarms, org_alarms = [], []
        for case in clean_cases(rows):
            findings, _ = run_case(case, folder)
            if findings:
                alarms.append((case, findings))
            if any(f.check == "names.organisation" for f in findings):
                org_alarms.append(case)
        print(f"  {split:8} clean: false-alarm rate {len(alarms) / len(rows):.3f} "
              f"({len(alarms)}/{len(rows)}; organisation check alone "
              f"{len(org_alarms)}/{len(rows)})")  # fmt: skip
        for case, findings in alarms:
            print(f"      {case.source[:28]!r}: {', '.join(sorted({f.check for f in findings}))}")
        cases = list(f_swapped_organisation(rows, None))
        hit = [c for c in cases if run_case(c, folder)[0]]
        by_org = [
            c for c in cases if any(f.check == "names.organisation" for f in run_case(c, folder)[0])
        ]
        print(f"  {split:8} swapped_organisation detection {len(hit) / max(len(cases), 1):.3f} "
              f"({len(hit)}/{len(cases)}; by the organisation check {len(by_org)})")  # fmt: skip
        for case in [c for c in cases if c not in hit][:3]:
            print(f"      missed: {case.note} → {str(case.output)[:70]!r}")


def title_eval() -> None:
    """Titles, bodies and labels: false alarms on clean held-out references (written before
    the title/body/label checks ran on them), by check."""
    rows = json.loads(TITLE_REFERENCES.read_text(encoding="utf-8"))["segments"]
    new = ("names.title", "names.added", "names.organisation", "meaning.label", "meaning.question")
    alarms = []
    for row in rows:
        found = check_segment(row["source"], row["reference"], (), "ja", "en")
        checks = sorted({f.check for f in found if f.severity != "info"})
        if checks:
            alarms.append((row, checks))
    mine = [a for a in alarms if set(a[1]) & set(new)]
    print(f"\n== titles, bodies, labels ({TITLE_REFERENCES.name}, held out)")
    print(f"  clean false-alarm rate {len(alarms) / len(rows):.3f} ({len(alarms)}/{len(rows)}); "
          f"by the title/body/label/added checks {len(mine)}/{len(rows)}")  # fmt: skip
    for row, checks in alarms:
        print(f"      {row['source'][:28]!r}: {', '.join(checks)}")
    title_label_faults()
    title_heldout_eval()


def title_heldout_eval() -> None:
    """Wrong titles of the kinds a small model writes, on real segments never tuned on:
    detection on 'wrong', clean false alarms on 'reference' (any warning/error finding)."""
    rows = json.loads(TITLE_HELDOUT.read_text(encoding="utf-8"))["segments"]
    alarms = [(r, warned(r["source"], r["reference"])) for r in rows]
    alarms = [(r, checks) for r, checks in alarms if checks]
    caught = [(r, warned(r["source"], r["wrong"])) for r in rows]
    missed = [r for r, checks in caught if not checks]
    by_title = sum("names.title" in checks for _, checks in caught)
    print(f"  {TITLE_HELDOUT.name}: wrong title detection {(len(rows) - len(missed)) / len(rows):.3f} "
          f"({len(rows) - len(missed)}/{len(rows)}; by names.title {by_title}); "
          f"clean false alarms {len(alarms)}/{len(rows)}")  # fmt: skip
    for row, checks in alarms:
        print(
            f"      false alarm {','.join(checks)}: {row['source'][:30]!r} → {row['reference'][:60]!r}"
        )
    for row in missed:
        print(f"      missed ({row['wrong_kind']}): {row['source'][:30]!r} → {row['wrong'][:60]!r}")


WRONG_TITLES = ["Director", "Member", "Secretary", "President", "Manager", "Officer", "Chief"]


def title_label_faults() -> None:
    """Faults of the real runs, injected into every clean reference that allows them
    (checked directly: these checks are warnings, never retried): a person's title swapped
    for another (委員 → "Director"), a label turned into a question or an instruction."""
    from desk_assistant.tasks.translate.degeneration import is_label
    from desk_assistant.tasks.translate.titles import known_titles, titles_in

    rows = []
    for path in (REFERENCES, ORG_REFERENCES, CLAUSE_REFERENCES, TITLE_REFERENCES):
        rows += json.loads(path.read_text(encoding="utf-8"))["segments"]
    swapped, deputies, labels = [], [], []
    for row in rows:
        source, reference = row["source"], row["reference"]
        for title, _, _, deputy in titles_in(source):
            heads = known_titles()[title]
            hit = re.search(rf"\b(?:{'|'.join(heads)})\w*", reference, re.I)
            wrong = next(w for w in WRONG_TITLES if not w.lower().startswith(heads))
            if hit:
                swapped.append((source, reference[: hit.start()] + wrong + reference[hit.end() :]))
            # The same post made a deputy's (会長 → "Deputy President"): a swap the demo model
            # makes (Minister ↔ Vice-Minister). Added with the deputy rule (i12title2): not
            # held out.
            lesser = deputy or re.search("[副次准補]", title) or set(heads) & {"vice", "deputy"}
            if hit and not lesser:
                word = "Deputy " if hit.group(0)[0].isupper() else "deputy "
                deputies.append(
                    (source, reference[: hit.start()] + word + reference[hit.start() :])
                )
        if is_label(source) and not re.search(r"[?]", reference):
            bare = reference.strip().rstrip(".")
            labels.append((source, f"What is the {bare[:1].lower()}{bare[1:]}?"))
            labels.append((source, f"Please enter the {bare[:1].lower()}{bare[1:]}."))
    print("  injected (direct checks, all reference files):")
    kinds = (("swapped_title", swapped), ("deputy_title", deputies), ("label_as_question", labels))
    for kind, cases in kinds:
        found = [
            c for c in cases if any(f.severity != "info" for f in check_segment(*c, (), "ja", "en"))
        ]
        print(
            f"  {kind:20} detection {len(found) / max(len(cases), 1):.3f} ({len(found)}/{len(cases)})"
        )
        for source, output in [c for c in cases if c not in found][:6]:
            print(f"      missed: {source[:24]!r} → {output[:70]!r}")


# --- short labels and added figures (i12short) ----------------------------------------------

SHORT_HELDOUT = HERE / "data" / "short_heldout.json"
# Real demo-model outputs for a label: no words at all, or one generic English word.
EMPTIED = ["[1]", "-", "…", "(1)", "*", "1."]
GENERIC_WORDS = ["Name", "Next", "Item", "Details", "Information", "Before you", "Other"]
# Figures the demo model invented in real runs (xlsx06, docx03, pptx02): added to a reference.
ADDED_FIGURES = [
    "{ref} (No. 1028)",
    "Phase 2: {ref}",
    "{ref} on April 1, 2034",
    "Step 1: {ref}",
    "{ref} for 10 years",
    "{ref}, District 101",
]


def all_reference_rows() -> list[dict]:
    rows = []
    files = [REFERENCES, ORG_REFERENCES, CLAUSE_REFERENCES, TITLE_REFERENCES]
    for path in files + sorted(HERE.glob("data/clause_references_heldout*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        rows += [dict(r, file=path.name) for r in data["segments"]]
        rows += [dict(r, file=path.name) for r in data.get("titles", [])]
    return rows


def warned(source: str, output: str) -> list[str]:
    return alarms_and_look(source, output)[0]


def alarms_and_look(source: str, output: str) -> tuple[list[str], bool]:
    """The checks that warn on a segment, and whether a finding is told as worth a look
    (確認推奨, tiers.py: shown, not counted as an alarm)."""
    found = check_segment(source, output, (), "ja", "en")
    return sorted({f.check for f in found if f.severity != "info"}), has_look(found)


def short_label_figure_eval() -> None:
    """Short labels that lost their words and figures the model invented: injected faults on
    every reference that allows them, false alarms on every clean reference and on the pdf09
    対訳 pairs, and precision/recall on the held-out real runs judged before the checks ran."""
    from desk_assistant.tasks.translate.degeneration import is_form_only, is_label
    from desk_assistant.tasks.translate.figures import extract

    rows = all_reference_rows()
    print("\n== short labels and added figures (all reference files)")
    by_file: dict[str, list] = defaultdict(list)
    for row in rows:
        by_file[f"{row['file']}:{row.get('split', '-')}"].append(
            warned(row["source"], row["reference"])
        )
    for name, results in sorted(by_file.items()):
        bad = sum(bool(r) for r in results)
        added = sum("figure.added" in r for r in results)
        print(f"  clean {name:44} false-alarm rate {bad / len(results):.3f} ({bad}/{len(results)}); "
              f"figure.added {added}")  # fmt: skip
    labels = [
        r for r in rows
        if is_label(r["source"]) and len(r["source"].strip()) <= 20 and not is_form_only(r["source"])
        and re.search(r"[\u3040-\u309f\u4e00-\u9fff]", r["source"])
    ]  # fmt: skip
    emptied = [(r["source"], EMPTIED[i % len(EMPTIED)]) for i, r in enumerate(labels)]
    generic = []
    for i, r in enumerate(labels):
        words = [w for w in GENERIC_WORDS if w.lower() not in r["reference"].lower()]
        generic.append((r["source"], words[i % len(words)]))
    figured = []
    for i, r in enumerate(rows):
        have = {n for f in extract(r["source"]) for _, n in f.provides}
        if not {"1028", "2", "2034", "1", "10", "101"} & have:
            figured.append(
                (r["source"], ADDED_FIGURES[i % len(ADDED_FIGURES)].format(ref=r["reference"]))
            )
    print("  injected (direct checks):")
    for kind, cases in (
        ("label_emptied", emptied),
        ("label_generic_word", generic),
        ("figure_added", figured),
    ):
        found = [c for c in cases if warned(*c)]
        print(
            f"  {kind:20} detection {len(found) / max(len(cases), 1):.3f} ({len(found)}/{len(cases)})"
        )
        for source, output in [c for c in cases if c not in found][:6]:
            print(f"      missed: {source[:24]!r} → {output[:70]!r}")
    folder = Path(tempfile.mkdtemp(prefix="trust-eval-pdf09-"))
    pairs = mletr_paragraph_pairs(folder)  # (仮訳, English original), matched by number
    shutil.rmtree(folder, ignore_errors=True)
    alarms = [p for p in pairs if "figure.added" in warned(*p)]
    print(f"  pdf09 対訳 pairs (ja → en, the English original as reference): figure.added "
          f"{len(alarms)}/{len(pairs)}")  # fmt: skip
    heldout_real_runs()


def heldout_real_runs() -> None:
    """Precision/recall on held-out real demo-model segments (office-run pptx02, xlsx01, xlsx03),
    judged by hand and committed before the checks ran on them (short_heldout.json)."""
    data = json.loads(SHORT_HELDOUT.read_text(encoding="utf-8"))
    tp = fp = fn = caught = 0
    for row in data["figures"]:
        checks = warned(row["source"], row["translation"])
        said = "figure.added" in checks
        tp, fp, fn = (
            tp + (said and row["figure_added"]),
            fp + (said and not row["figure_added"]),
            fn + (not said and row["figure_added"]),
        )
        caught += row["figure_added"] and bool(
            {"figure.added", "number", "date", "amount", "article"} & set(checks)
        )
    positives = sum(r["figure_added"] for r in data["figures"])
    print(f"\n  held-out real runs ({SHORT_HELDOUT.name}): figure.added precision "
          f"{tp / max(tp + fp, 1):.3f} ({tp}/{tp + fp}), recall {tp / max(positives, 1):.3f} ({tp}/{positives}); "
          f"segments with an added figure that carry some figure warning {caught}/{positives}")  # fmt: skip
    for sample in ("labels", "labels2"):
        rows = [r for r in data.get(sample, []) if "not held out" not in r.get("note", "")]
        lost = [r for r in rows if r["meaning_lost"]]
        fine = [r for r in rows if not r["meaning_lost"]]
        hit = [r for r in lost if warned(r["source"], r["translation"])]
        alarms = [r for r in fine if warned(r["source"], r["translation"])]
        print(f"  held-out {sample:8}: lost meaning found {len(hit)}/{len(lost)} = "
              f"{len(hit) / max(len(lost), 1):.3f}; false alarms {len(alarms)}/{len(fine)} = "
              f"{len(alarms) / max(len(fine), 1):.3f}")  # fmt: skip
        for r in [r for r in lost if r not in hit]:
            print(f"      silent: {r['source'][:20]!r} → {r['translation'][:50]!r}")
        for r in alarms:
            print(f"      false alarm: {r['source'][:20]!r} → {r['translation'][:50]!r}")


def real_runs_report(folder_of_runs: str) -> None:
    """Check time share and today's checks on saved `translate --format json` outputs."""
    total = checks = 0.0
    for path in sorted(Path(folder_of_runs).glob("*.json")):
        try:
            results = json.loads(path.read_text(encoding="utf-8"))["results"]
        except (ValueError, KeyError):
            continue
        for r in results:
            s = r.get("stats", {})
            if s.get("seconds"):
                total += s["seconds"]
                checks += s.get("check_seconds", 0.0)
                print(f"  {Path(r['input']).name[:40]:40} run {s['seconds']:7.1f}s  checks "
                      f"{s.get('check_seconds', 0):5.2f}s ({100 * s.get('check_seconds', 0) / s['seconds']:.1f} %)")  # fmt: skip
    if total:
        print(f"  checks' share of real demo-model translation time: {100 * checks / total:.1f} %")
    print("\n== real runs re-checked with today's checks ('!' = a warning/error finding)")
    for path in sorted(Path(folder_of_runs).glob("*.json")):
        try:
            results = json.loads(path.read_text(encoding="utf-8"))["results"]
        except (ValueError, KeyError):
            continue
        for r in results:
            print(f"  -- {Path(r['input']).name}: run verdict {r['verdict']['label_en']}")
            for seg in r["segments"]:
                if seg["origin"] == "kept":
                    continue
                # A failed segment holds the marked source: its stored findings say it all.
                now = [] if seg["origin"] == "failed" else check_segment(
                    seg["source"], seg["translation"], (), r["source_lang"], r["target_lang"]
                )  # fmt: skip
                checks_now = sorted({f.check for f in now if f.severity != "info"})
                then = sorted({f["check"] for f in seg["findings"] if f["severity"] != "info"})
                names = ",".join(sorted(set(checks_now) | set(then))) or "-"
                mark = "!" if names != "-" else " "
                print(
                    f"   {mark} {seg['location']:14} {names[:44]:44} "
                    f"{seg['source'].strip()[:18]!r} -> {seg['translation'].strip()[:60]!r}"
                )


# --- clean false alarms of every check on fresh law/Diet text (i12fa) -----------------------

# heldout4/5/6 became tuning data for the false-alarm fixes; heldout7 (45 law and Diet
# sentences, committed before those fixes) is measured once, at the end.
# (name, file, split of its rows or None for all, number only: a held-out set's alarms are
# not listed one by one, so that nobody tunes on them)
CLEAN_SETS: list[tuple[str, Path, str | None, bool]] = [
    ("heldout4", CLAUSE_HELDOUT4, None, False),
    ("heldout5", CLAUSE_HELDOUT5, None, False),
    ("heldout6", CLAUSE_HELDOUT6, None, False),
    ("heldout7", HERE / "data" / "clean_references_heldout7.json", None, False),
    # i12fa2: written and committed before its fixes; heldout8 first looked at, then tuned
    # on; heldout9 measured once, at the end.
    ("heldout8", HERE / "data" / "clean_references_heldout8.json", None, False),
    ("heldout9", HERE / "data" / "clean_references_heldout9.json", None, True),
    # i12fa3: labels, table cells and sentences of real documents, laws and Diet speech;
    # even rows tuned on, odd rows measured once, at the end ('heldout10' alone: the whole
    # set's first look, number only).
    ("heldout10-tune", HERE / "data" / "clean_references_heldout10.json", "tune", False),
    ("heldout10-heldout", HERE / "data" / "clean_references_heldout10.json", "heldout", True),
    # 40 more labels and table cells of the corpus, all tuned on (heldout10's supplement)
    ("tune10b", HERE / "data" / "clean_references_tune10b.json", None, False),
    ("tune10c", HERE / "data" / "clean_references_tune10c.json", None, False),  # 30 more
    ("tune10d", HERE / "data" / "clean_references_tune10d.json", None, False),  # sentences
    # i12tune14b: 40 law and Diet sentences (draw_clean_heldout10.py --tune14b), tuned on
    ("tune14b", HERE / "data" / "clean_references_tune14b.json", None, False),
    # i12tune14a: 40 corpus/Office segments drawn as heldout14 (Random(1401)), all tuned on
    ("tune14a", HERE / "data" / "clean_references_tune14a.json", None, False),
    # tune18: 73 segments drawn as heldout17 (Random(1801)), tuned on from its first look
    # (session 12: 10 alarms on its 73 drawn rows)
    ("tune18", HERE / "data" / "clean_references_tune18.json", None, False),
    # tune18b: 72 segments drawn as tune18 (Random(1802)), tuned on from its first look
    # (session 12, after the fixes for heldout17 and tune18: 5/72)
    ("tune18b", HERE / "data" / "clean_references_tune18b.json", None, False),
    # tune19: 66 segments drawn as tune18 (Random(1901)), tuned on from its first look
    # (session 12, after the fixes for heldout18: 2/66)
    ("tune19", HERE / "data" / "clean_references_tune19.json", None, False),
    # tune21: 65 segments drawn as tune18 (Random(2101)), tuned on from its first look
    # (session 13, after the fixes for heldout20: 2/66; 65 rows kept)
    ("tune21", HERE / "data" / "clean_references_tune21.json", None, False),
    # tune22: 64 segments drawn as tune21 (Random(2201)), tuned on from its first look
    # (session 13, after the fixes for heldout21: 10/64)
    ("tune22", HERE / "data" / "clean_references_tune22.json", None, False),
    # tune23: 64 segments drawn as tune22 (Random(2301)), tuned on from its first look
    # (session 13, after the fixes for heldout22)
    ("tune23", HERE / "data" / "clean_references_tune23.json", None, False),
    # tune25: 64 segments drawn as tune23 (Random(2501)), tuned on from its first look
    # (session 14, after the fixes for heldout24)
    ("tune25", HERE / "data" / "clean_references_tune25.json", None, False),
    # tune26: 64 segments drawn as tune25 (Random(2601)), tuned on from its first look
    # (session 14, after the fixes for heldout25)
    ("tune26", HERE / "data" / "clean_references_tune26.json", None, False),
    # i12clean11 (session 7): the final set, 80 segments (36 short ones of documents and Office
    # files, 20 corpus sentences, 12 law, 12 Diet), committed before anyone measured on it;
    # measured once, at the end, number only
    ("heldout11", HERE / "data" / "clean_references_heldout11.json", None, True),
    # i12clean12: the final set after heldout11 was spent, drawn as heldout11 (74 segments: 30
    # short ones of documents and Office files, 20 corpus sentences, 12 law, 12 Diet),
    # committed before anyone measured on it; measured once, at the end, number only
    ("heldout12", HERE / "data" / "clean_references_heldout12.json", None, True),
    # i12clean13: the final set after heldout12 was spent, drawn as heldout12 (73 segments: 29
    # short ones of documents and Office files, 20 corpus sentences, 12 law, 12 Diet; not docx05/
    # docx09 either), committed before anyone measured on it; measured once, at the end, number only
    ("heldout13", HERE / "data" / "clean_references_heldout13.json", None, True),
    # i12clean14: the final set after heldout13 was spent, drawn as heldout13 (not docx03/docx08/
    # pdf14 either), committed before anyone measured on it; measured once, at the end, number only
    ("heldout14", HERE / "data" / "clean_references_heldout14.json", None, True),
    # i12clean15: the final set after heldout14 is spent, drawn as heldout14 (the tuning sets
    # tune14a/b counted as used too), committed before anyone measured on it; measured once, at
    # the end, number only
    ("heldout15", HERE / "data" / "clean_references_heldout15.json", None, True),
    # i12clean16: the final set after heldout15 is spent, drawn as heldout15 (heldout15 counted as
    # used too), committed before anyone measured on it; measured once, at the end, number only
    ("heldout16", HERE / "data" / "clean_references_heldout16.json", None, True),
    # i12clean17: the final set after heldout16 is spent, drawn as heldout16 (heldout16 counted as
    # used too; not docx07/docx13 either), committed before anyone measured on it; measured once,
    # at the end, number only
    ("heldout17", HERE / "data" / "clean_references_heldout17.json", None, True),
    # heldout18: the final set of session 12, drawn as heldout17 (tune18 counted as used too),
    # written before anyone measured on it; measured once, at the end of the session that tuned
    # on tune18, number only
    ("heldout18", HERE / "data" / "clean_references_heldout18.json", None, True),
    # heldout19: the next final set (session 12), drawn as tune19 (tune19 counted as used too),
    # written before anyone measured on it; measured once, number only
    ("heldout19", HERE / "data" / "clean_references_heldout19.json", None, True),
    # heldout20: the final set of session 13, drawn as heldout19 (every earlier set counted as
    # used), committed in session 12 before anyone measured on it; measured once, number only
    ("heldout20", HERE / "data" / "clean_references_heldout20.json", None, True),
    # heldout21: the final set of session 13, drawn as tune21 (tune21 counted as used too),
    # written before anyone measured on it; measured once, number only
    ("heldout21", HERE / "data" / "clean_references_heldout21.json", None, True),
    # heldout22: the second final set of session 13, drawn as heldout21 (tune22 counted as used
    # too), written before anyone measured on it; measured once, number only
    ("heldout22", HERE / "data" / "clean_references_heldout22.json", None, True),
    # heldout23: the third final set of session 13, drawn as heldout22 (tune23 counted as used
    # too), written before anyone measured on it; measured once, number only
    ("heldout23", HERE / "data" / "clean_references_heldout23.json", None, True),
    # heldout24: the final set for the next session, drawn as heldout23 (every earlier set
    # counted as used), committed before anyone measured on it; measured once, number only
    ("heldout24", HERE / "data" / "clean_references_heldout24.json", None, True),
    # heldout25: the final set of session 14, drawn as heldout24 (tune25 counted as used too),
    # written before anyone measured on it; measured once, number only
    ("heldout25", HERE / "data" / "clean_references_heldout25.json", None, True),
    # heldout26: the second final set of session 14, drawn as heldout25 (tune26 counted as used
    # too), written before anyone measured on it; measured once, number only
    ("heldout26", HERE / "data" / "clean_references_heldout26.json", None, True),
    # heldout27: the third final set of session 14, drawn as heldout26 (every earlier set
    # counted as used), written before anyone measured on it; measured once, number only
    ("heldout27", HERE / "data" / "clean_references_heldout27.json", None, True),
]
EXTRA_CLEAN_SETS = [("heldout10", HERE / "data" / "clean_references_heldout10.json", None, True)]


# measured once, at the end
FINAL_SETS = (
    "heldout9",
    "heldout10-heldout",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout19",
    "heldout20",
    "heldout21",
    "heldout22",
    "heldout23",
    "heldout24",
    "heldout25",
    "heldout26",
    "heldout27",
)


def clean_set_rows(path: Path, split: str | None) -> list[dict]:
    """The rows of a clean set (CLEAN_SETS), those of one split where split is given."""
    rows = json.loads(path.read_text(encoding="utf-8"))["segments"]
    return [r for r in rows if split is None or r.get("split") == split]


def fresh_clean_eval(names: list[str] | None = None, skip_final: bool = False) -> None:
    """Clean false alarms per check (any warning/error on a correct reference); with
    skip_final, not the sets measured once at the end (a full run before a change)."""
    print(
        "\n== clean false alarms per check on fresh text "
        "(heldout4-8 and heldout10-tune tuned on; heldout9, heldout10-heldout, heldout11, "
        "heldout12 to heldout27 measured once at the end, number only)"
    )
    sets = CLEAN_SETS + [s for s in EXTRA_CLEAN_SETS if names and s[0] in names]
    for name, path, split, number_only in sets:
        if names and name not in names or not path.exists():
            continue
        if skip_final and name in FINAL_SETS:
            continue
        rows = clean_set_rows(path, split)
        per_check: dict[str, int] = defaultdict(int)
        alarms = []
        looks = 0
        for row in rows:
            checks, look = alarms_and_look(row["source"], row["reference"])
            for check in checks:
                per_check[check] += 1
            if checks:
                alarms.append((row, checks))
            else:
                looks += look
        rate = f"{len(alarms)}/{len(rows)} = {len(alarms) / len(rows):.3f}"
        look = f", worth a look {looks}" if looks else ""
        if number_only:
            print(f"  {name}: {rate}{look}")
            continue
        by_check = ", ".join(f"{k} {v}" for k, v in sorted(per_check.items())) or "-"
        print(f"  {name}: {rate}{look} (by check: {by_check})")
        for row, checks in alarms:
            print(f"      {','.join(checks)}: {row['source'][:40]!r} → {row['reference'][:60]!r}")


def clauses_only() -> None:
    """The figures of the dropped-clause work alone (about 1.5 minutes): false alarms on the
    clean trust references, the injected dropped_clause fault on them, the clause sets."""
    refs = json.loads(REFERENCES.read_text(encoding="utf-8"))["segments"]
    folder = Path(tempfile.mkdtemp(prefix="trust-eval-"))
    bad = [c for c in clean_cases(refs) if run_case(c, folder)[0]]
    print(f"clean references: false alarms {len(bad)}/{len(refs)}")
    cases = list(f_dropped_clause(refs, None))
    missed = [c for c in cases if not [f for f in run_case(c, folder)[0] if counts_for(f, c.base)]]
    caught = len(cases) - len(missed)
    print(f"injected dropped_clause: detection {caught / len(cases):.3f} ({caught}/{len(cases)})")
    for case in missed:
        print(f"      missed: {case.source[:24]!r} → {str(case.output)[:70]!r}")
    clause_eval(refs, folder)
    shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20, help="cases per fault kind (at least)")
    parser.add_argument("--real-runs", help="folder of `translate --format json` outputs")
    parser.add_argument("--no-summary", action="store_true")
    parser.add_argument(
        "--real-runs-only", action="store_true", help="only the --real-runs report (fast)"
    )
    parser.add_argument(
        "--short-only", action="store_true", help="only the short-label/added-figure section"
    )
    parser.add_argument(
        "--fresh-only",
        nargs="*",
        metavar="SET",
        help="only the per-check clean sets (heldout4…9, heldout10-tune/-heldout, heldout11/12/13/14/15/16/17; heldout10: whole set, number only)",
    )
    parser.add_argument(
        "--collapse-only", action="store_true", help="only the document-level collapse section"
    )
    parser.add_argument(
        "--clauses-only",
        action="store_true",
        help="only dropped clauses: clean trust refs, injected dropped_clause, the clause sets",
    )
    parser.add_argument(
        "--titles-only", action="store_true", help="only the titles/bodies/labels section"
    )
    parser.add_argument(
        "--final-only",
        action="store_true",
        help=f"only the clean sets measured once at the end ({', '.join(FINAL_SETS)}), numbers only",
    )
    parser.add_argument(
        "--skip-final",
        action="store_true",
        help=f"leave out the clean sets measured once at the end ({', '.join(FINAL_SETS)})",
    )
    args = parser.parse_args()
    if args.clauses_only:
        clauses_only()
        return 0
    if args.titles_only:
        title_eval()
        return 0
    if args.collapse_only:
        collapse_eval()
        return 0
    if args.short_only:
        short_label_figure_eval()
        return 0
    if args.final_only:
        fresh_clean_eval(list(FINAL_SETS))
        return 0
    if args.fresh_only is not None:
        fresh_clean_eval(args.fresh_only, args.skip_final)
        return 0
    if args.real_runs_only and args.real_runs:
        real_runs_report(args.real_runs)
        return 0
    refs = json.loads(REFERENCES.read_text(encoding="utf-8"))["segments"]
    folder = Path(tempfile.mkdtemp(prefix="trust-eval-"))
    print(f"references: {len(refs)} ({sum(r['split'] == 'tune' for r in refs)} tune, "
          f"{sum(r['split'] == 'heldout' for r in refs)} held out)")  # fmt: skip

    print("\n== calibration of the ja→en length band (English letters per Japanese character)")
    for split in ("tune", "heldout"):
        ratios = [length_ratio(r["source"], r["reference"]) for r in refs if r["split"] == split]
        print(f"  references {split:8} {describe([x for x in ratios if x])}")
    print(f"  pdf09 MLETR pairs      {describe(pdf09_ratios(folder))}")

    print("\n== clean references (false alarms: a warning/error finding on a correct translation)")
    check_time, check_segments = 0.0, 0
    alarms: dict[str, list] = defaultdict(list)
    for case in clean_cases(refs):
        started = time.perf_counter()
        findings, result = run_case(case, folder)
        check_time += result.stats.get("check_seconds", 0.0)
        check_segments += 1
        alarms[case.split].append((case, findings))
        _ = started
    for split in ("tune", "heldout"):
        rows = alarms[split]
        bad = [(c, f) for c, f in rows if f]
        print(f"  {split:8} false-alarm rate {len(bad) / len(rows):.3f} ({len(bad)}/{len(rows)})")
        for c, f in bad:
            print(f"      {c.source[:28]!r}: {', '.join(sorted({x.check for x in f}))}")
    every = [f for split in alarms for _, f in alarms[split]]
    print(f"  all      false-alarm rate {sum(bool(f) for f in every) / len(every):.3f}")

    pseudo = pseudo_segments(folder)
    print(f"\n== injected faults (≥ {args.cases} cases each; detected = warning/error finding)")
    print(f"  pseudo-English URL segments used for dropped_url: {len(pseudo)}")
    worst = 1.0
    for kind, make in FAULTS.items():
        cases = list(make(refs, pseudo) if kind == "dropped_url" else make(refs, None))
        if len(cases) < args.cases:
            print(f"  {kind:20} only {len(cases)} cases")
        detected, fired = 0, defaultdict(int)
        missed = []
        for case in cases:
            findings, _ = run_case(case, folder)
            findings = [f for f in findings if counts_for(f, case.base)]
            if findings:
                detected += 1
                for check in {f.check for f in findings}:
                    fired[check] += 1
            else:
                missed.append(case)
        rate = detected / len(cases) if cases else 0.0
        worst = min(worst, rate)
        top = ", ".join(f"{k}:{v}" for k, v in sorted(fired.items(), key=lambda x: -x[1])[:3])
        print(f"  {kind:20} detection {rate:.3f} ({detected}/{len(cases)})  [{top}]")
        for case in missed[:3]:
            print(f"      missed: {case.source[:24]!r} → {str(case.output)[:70]!r}")
    print(f"  lowest detection rate: {worst:.3f}")

    organisation_eval(folder)
    title_eval()
    speaker_names_eval()  # bench/speaker_names_eval.py: real Diet speakers with a post
    body_words_eval()  # bench/body_words_eval.py: unlisted bodies, held out on xlsx06
    clause_eval(refs, folder)
    short_label_figure_eval()
    fresh_clean_eval(skip_final=args.skip_final)
    added_eval()  # bench/added_eval.py: words a short translation adds (meaning.added)
    collapse_eval()  # bench/collapse_eval.py: distinct sources, one translation (document)

    per_segment = check_time / max(check_segments, 1)
    print(
        f"\n== speed: checks take {1000 * per_segment:.1f} ms per segment here (contended 2-core VM)"
    )
    print(f"   the bilingual word list loads once per process in {lexicon_load_seconds():.2f} s")
    if args.real_runs:
        real_runs_report(args.real_runs)

    if not args.no_summary:
        print("\n== summaries (fake engine on real corpus documents)")
        result = summary_eval(folder, args.cases)
        for kind, (rate, n) in result["faults"].items():
            print(f"  {kind:22} detection {rate:.3f} (n={n})")
        rate, n = result["clean_false_alarm"]
        print(f"  clean extractive summaries: false-alarm rate {rate:.3f} (n={n})")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
