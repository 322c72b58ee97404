"""Reading the textlint-ja conformance cases in ../shared/conformance/textlint/.

Each suite maps to one of our rule ids. Cases we do not run are listed with a
reason: `DIFFERENT` where the 訓令 (or 法令 practice) disagrees with textlint and
we deliberately report the opposite (the test asserts our behaviour), `SKIPPED`
where the case depends on something we do not model (Markdown structure, a
textlint-only option).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CONFORMANCE = SHARED / "conformance" / "textlint"

# suite -> our rule id (None: suite not ported, with the reason)
SUITES: dict[str, str | None] = {
    "ja-hiragana-fukushi": "adverb-kana",
    "ja-hiragana-hojodoushi": "auxiliary-kana",
    "ja-hiragana-keishikimeishi": "formal-noun-kana",
    "no-doubled-joshi": "doubled-joshi",
    "no-dropping-the-ra": "ra-nuki",
    "no-mix-dearu-desumasu": "dearu-desumasu-mixed",
    "no-double-negative-ja": "double-negative",
    "ja-no-successive-word": "doubled-word",
    "no-nfd": "decomposed-kana",
    "no-hankaku-kana": "hankaku-kana",
    "ja-no-redundant-expression": "redundant-expression",
    "ja-no-abusage": None,
    "max-ten": None,
    "ja-unnatural-alphabet": None,
}

NOT_PORTED = {
    "ja-no-abusage": "誤用 (適応/適用, ずらい) is not among the 公用文 rules of issue 6.",
    "max-ten": "Comma count: legal sentences routinely exceed 3 commas; long-sentence covers readability.",
    "ja-unnatural-alphabet": "Stray Latin letters (IME slips) are not among the rules of issue 6.",
}

_KUNREI_ADVERB = (
    "訓令 1(2)イ writes this adverb in kanji (余り…僅か 割に); textlint rewrites it in kana"
)
_KUNREI_JOYO = "常用漢字表 has this reading and the 訓令 does not list the word for kana"
_MARKDOWN = "depends on Markdown structure (heading/list/quote/link/code), which plain text and docx paragraphs do not have"

# Deliberate differences: the case is checked for OUR expected behaviour (flag or no flag).
DIFFERENT: dict[str, dict[str, str]] = {
    "ja-hiragana-fukushi": {
        "index-test:invalid:1": "僅かに: " + _KUNREI_ADVERB,
        "index-test:invalid:3": "既に: " + _KUNREI_ADVERB,
        "index-test:invalid:4": "最も: " + _KUNREI_ADVERB,
        "index-test:invalid:2": "一旦: 「旦」 is 常用 since 2010 and the 訓令 writes adverbs in kanji",
        "index-test:invalid:6": "正しく here is the adjective 正しい (ただしく), not the adverb まさしく",
        "index-test:invalid:5": "飽くまで: 飽 and its 訓 あきる are in the 常用漢字表, so 公用文 may write it"
        " in kanji (公用文作成の考え方 Ⅰ-1-(3)オ: kana only as a choice in 解説・広報); 敢えて is flagged",
    },
    "ja-hiragana-hojodoushi": {
        "index-test:invalid:5": "泣き出す: 出す is not in the 訓令 list of auxiliaries; 打ち出す/生み出す stay in kanji",
    },
    "ja-hiragana-keishikimeishi": {},  # 上/方/度 filled in below
    "ja-no-redundant-expression": {},  # filled in below
}
for _case in range(0, 8):
    DIFFERENT["ja-hiragana-keishikimeishi"][f"index-test:invalid:{_case}"] = (
        "上 (うえ): " + _KUNREI_JOYO
    )
for _case in range(49, 57):
    DIFFERENT["ja-hiragana-keishikimeishi"][f"index-test:invalid:{_case}"] = (
        "方 (ほう): " + _KUNREI_JOYO
    )
for _case in range(21, 25):
    DIFFERENT["ja-hiragana-keishikimeishi"][f"index-test:invalid:{_case}"] = (
        "度 (たび): " + _KUNREI_JOYO
    )
DIFFERENT["ja-hiragana-keishikimeishi"]["index-test:invalid:73"] = (
    "する上で (上: " + _KUNREI_JOYO + "); only する事で is flagged"
)

SKIPPED: dict[str, dict[str, str]] = {
    "ja-hiragana-fukushi": {
        "index-test:valid:1": "tests a textlint custom-dictionary file (rulePath)"
    },
    "ja-hiragana-hojodoushi": {
        "index-test:valid:1": "tests a textlint custom-dictionary file (rulePath)",
        "index-test:invalid:7": "tests a textlint custom-dictionary file (rulePath)",
    },
}


@dataclass
class Case:
    suite: str
    id: str
    kind: str
    text: str
    error_count: int
    indexes: list[int]
    options: dict
    messages: str = ""


def _unescape(s: str) -> str:
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append(
                {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "|": "|"}.get(s[i + 1], s[i + 1])
            )
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def load_suite(suite: str) -> list[Case]:
    path = CONFORMANCE / f"{suite}.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    cases = []
    for row in rows[1:]:
        cid, kind, text, _out, count, idx, msgs, opts = (row + [""] * 8)[:8]
        cases.append(
            Case(
                suite,
                cid,
                kind,
                _unescape(text),
                int(count or 0),
                [int(x) for x in idx.split(",") if x],
                json.loads(opts) if opts else {},
                _unescape(msgs),
            )
        )
    return cases


_PREFER = {"である": "dearu", "ですます": "desumasu"}


def config_for(case: Case):
    """Our config for the case's textlint options, or a reason string when we cannot express them."""
    from desk_assistant.tasks.proofread import ProofreadConfig

    opts = dict(case.options)
    kwargs = {}
    if "min_interval" in opts:
        kwargs["joshi_min_interval"] = opts.pop("min_interval")
    if "preferInBody" in opts:
        kwargs["prefer_style"] = _PREFER[opts.pop("preferInBody")]
    if opts.get("strict") is False:
        opts.pop("strict")
    if opts:
        return f"textlint option not modelled: {json.dumps(opts, ensure_ascii=False)}"
    return ProofreadConfig(**kwargs)


_REDUNDANT_DIFFERENT = {
    "dict1": "することが可能: standard 法令/公用文 phrasing of a permission; not flagged",
    "dict2": "することができる: the standard 法令 phrasing (…を請求することができる); not flagged",
    "dict5": "〜を行う: routine 公用文 phrasing (調査を行う); not flagged",
    "dict6": "〜を実行: routine 公用文 phrasing; not flagged",
}
_REDUNDANT_SKIP = (
    "であると言える/考えている: style advice outside the 公用文 rules of issue 6 (not ported)"
)


def classify(case: Case) -> tuple[str, str]:
    """('run'|'different'|'skip', reason)."""
    if case.suite == "ja-no-redundant-expression" and case.kind == "invalid":
        dicts = {d for d in _REDUNDANT_DIFFERENT if f"【{d}】" in case.messages}
        if (
            dicts
            and all(f"【{d}】" in case.messages for d in dicts)
            and not ("【dict3】" in case.messages or "【dict4】" in case.messages)
        ):
            return "different", "; ".join(_REDUNDANT_DIFFERENT[d] for d in sorted(dicts))
        return "skip", _REDUNDANT_SKIP
    if case.id in DIFFERENT.get(case.suite, {}):
        return "different", DIFFERENT[case.suite][case.id]
    if case.id in SKIPPED.get(case.suite, {}):
        return "skip", SKIPPED[case.suite][case.id]
    if (
        any(
            line.lstrip().startswith(("#", "- ", "* ", "> ", "[", "1. ", "!["))
            for line in case.text.split("\n")
        )
        or "`" in case.text
        or "**" in case.text
        or "](" in case.text
    ):
        return "skip", _MARKDOWN
    cfg = config_for(case)
    if isinstance(cfg, str):
        return "skip", cfg
    return "run", ""


def passes(case: Case, rule_id: str) -> bool:
    """valid: no finding of the rule; invalid: at least one (and the count when the case gives it)."""
    from desk_assistant.tasks.proofread import check_text

    cfg = config_for(case)
    cfg.only = frozenset({rule_id})
    found = [f for f in check_text(case.text, config=cfg) if f.rule == rule_id]
    if case.kind == "valid":
        return not found
    # A consistency rule reports a pair once and lists every place (issue 13); textlint
    # reports each place: the places are what is counted.
    count = sum(max(1, len(f.places)) for f in found)
    return count == case.error_count if case.error_count else bool(found)


# Our expected finding offsets for deliberate differences (default: no finding).
OUR_EXPECTED: dict[tuple[str, str], list[int]] = {
    ("ja-hiragana-keishikimeishi", "index-test:invalid:73"): [8],
    ("ja-hiragana-fukushi", "index-test:invalid:5"): [2],
}


def our_starts(case: Case, rule_id: str) -> list[int]:
    from desk_assistant.tasks.proofread import ProofreadConfig, check_text

    cfg = config_for(case)
    cfg = cfg if isinstance(cfg, ProofreadConfig) else ProofreadConfig()
    cfg.only = frozenset({rule_id})
    starts = []
    for f in check_text(case.text, config=cfg):
        if f.rule == rule_id:
            starts += [a for _loc, a, _b in f.places] if f.places else [f.start]
    return starts
