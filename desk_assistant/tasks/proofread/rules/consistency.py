"""One style per document: punctuation, digit/letter width, です・ます/である, spellings."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from ..finding import GENERAL, INFO, KANGAEKATA, WARNING
from ..registry import rule
from ..tokens import tokenize
from ..wordlists import joyo_kanji, load_table

# Japanese punctuation: 、。 or the ，． allowed in horizontal text. A half-width comma
# or full stop between Japanese characters counts as the latter style.
# Full-width ，． inside numbers (１，０００ / ３．５) or after a heading number (１．はじめに)
# are not punctuation style.
_TOUTEN = re.compile(
    "、|(?<![0-9０-９])，(?![0-9０-９])"
    "|(?<=[\u3040-\u30ff\u4e00-\u9fff]),(?=[\u3040-\u30ff\u4e00-\u9fff])"
)
_KUTEN = re.compile("。|(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ])．")
_STYLE = {"、": "、", "，": "，", ",": "，", "。": "。", "．": "．"}


def grouped(finding, spans):
    """One finding for a whole consistency pair: it stands at the first place and lists
    every place (the Word comment and the JSON show them all)."""
    finding.places = tuple((None, a, b) for a, b in spans)
    return finding


def _places_ja(n: int) -> str:
    return f"（{n}か所）" if n > 1 else ""


def _minority(matches, key):
    """The matches whose key is not the document's majority (ties keep the first style used)."""
    counts = Counter(key(m) for m in matches)
    if len(counts) < 2:
        return None, []
    order = {k: n for n, k in enumerate(dict.fromkeys(key(m) for m in matches))}
    major = max(counts, key=lambda k: (counts[k], -order[k]))
    return major, [m for m in matches if key(m) != major]


@rule(
    "punctuation-mixed",
    WARNING,
    KANGAEKATA,
    "句読点の混在",
    "Mixed punctuation styles",
    clause="kangaekata-1-5-1-a",
)
def punctuation_mixed(doc, r):
    for pattern, kind_ja, kind_en in ((_TOUTEN, "読点", "comma"), (_KUTEN, "句点", "full stop")):
        matches = list(pattern.finditer(doc.text))
        major, odd = _minority(matches, lambda m: _STYLE[m.group()])
        by_style: dict[str, list] = defaultdict(list)
        for m in odd:
            by_style[_STYLE[m.group()]].append(m)
        for style, ms in by_style.items():
            m = ms[0]
            yield grouped(
                r.finding(
                    m.start(),
                    m.end(),
                    m.group(),
                    f"{kind_ja}が「{major}」と「{style}」で混在しています{_places_ja(len(ms))}。文書内でどちらかにそろえます。",
                    f"The document mixes {kind_en} styles '{major}' and '{style}' ({len(ms)} places); use one.",
                    major,
                ),
                [(x.start(), x.end()) for x in ms],
            )


_DIGITS = re.compile("[0-9０-９]+")
_LATIN = re.compile("[A-Za-zＡ-Ｚａ-ｚ]+")


def _width(s: str) -> str:
    return "full" if ord(s[0]) > 0xFF else "half"


@rule(
    "width-mixed",
    WARNING,
    KANGAEKATA,
    "全角・半角の混在",
    "Mixed full-width and half-width characters",
    clause="kangaekata-1-4-e",
)
def width_mixed(doc, r):
    """The guide asks for one width of digits (and of Latin letters) in a document."""
    label = {"full": ("全角", "full-width"), "half": ("半角", "half-width")}
    for pattern, kind_ja, kind_en, clause in (
        (_DIGITS, "数字", "digits", "kangaekata-1-4-e"),
        (_LATIN, "英字", "Latin letters", "kangaekata-1-6-e"),
    ):
        runs = [m for m in pattern.finditer(doc.text) if len({_width(c) for c in m.group()}) == 1]
        # Many offices write one-character numbers full-width and longer ones half-width
        # (図表１, 2024年): each length class is judged on its own.
        odd = []
        for one_char in (True, False):
            major_k, odd_k = _minority(
                [m for m in runs if (len(m.group()) == 1) == one_char], lambda m: _width(m.group())
            )
            if odd_k:
                odd.append((odd_k, major_k))
        for ms, major in odd:
            m = ms[0]
            fixed = (
                unicodedata.normalize("NFKC", m.group())
                if major == "half"
                else m.group().translate(_TO_FULL)
            )
            yield grouped(
                r.finding(
                    m.start(),
                    m.end(),
                    m.group(),
                    f"{kind_ja}の全角・半角が混在しています{_places_ja(len(ms))}。この文書では{label[major][0]}が多く使われています。",
                    f"The document mixes full-width and half-width {kind_en} ({len(ms)} places); most are {label[major][1]}.",
                    fixed,
                    clause=clause,
                ),
                [(x.start(), x.end()) for x in ms],
            )


_TO_FULL = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


_FULL_STOPS = ("。", "．", "！", "？", "!", "?")


def _sentence_style(tokens):
    """('desumasu'|'dearu', start, end) from the predicate that ends the sentence, or None."""
    k = len(tokens) - 1
    while k >= 0 and (tokens[k].is_symbol() or tokens[k].pos[1] == "終助詞"):
        k -= 1
    last = k
    while k >= 0:  # walk back over the auxiliaries that close the predicate
        tok = tokens[k]
        prev = tokens[k - 1] if k else None
        if tok.pos1 == "助動詞" and tok.lemma in ("です", "ます"):
            return "desumasu", tok.start, tok.end
        if (
            tok.lemma in ("ある", "有る")
            and prev is not None
            and prev.surface == "で"
            and prev.pos1 == "助動詞"
        ):
            return "dearu", prev.start, tok.end
        if (
            tok.pos1 == "助動詞"
            and tok.lemma == "だ"
            and k == last
            and tok.conj_form.startswith("終止形")
        ):
            return "dearu", tok.start, tok.end
        if tok.pos1 != "助動詞":
            break
        k -= 1
    return None


@rule(
    "dearu-desumasu-mixed",
    WARNING,
    KANGAEKATA,
    "です・ます調とである調の混在",
    "Mixed です・ます and である styles",
    clause="kangaekata-3-1-i",
)
def dearu_desumasu(doc, r):
    found = []
    for sentence, tokens in doc.sentence_tokens():
        if not sentence.text.rstrip().rstrip("」』）)").endswith(_FULL_STOPS):
            continue  # headings and list items without a full stop keep their own style
        hit = _sentence_style(tokens)
        if hit:
            found.append(hit)
    prefer = doc.config.prefer_style
    counts = Counter(s for s, _, _ in found)
    if prefer is None:
        if len(counts) < 2:
            return
        prefer = "desumasu" if counts["desumasu"] >= counts["dearu"] else "dearu"
    names = {"desumasu": ("です・ます調", "desu/masu"), "dearu": ("である調", "de aru")}
    # A few stray sentence ends are slips; many are a section written in the other style.
    minority = sum(1 for style, _, _ in found if style != prefer)
    severity = (
        INFO
        if found and minority / len(found) >= 0.25 and doc.config.prefer_style is None
        else None
    )
    odd = [(start, end) for style, start, end in found if style != prefer]
    if not odd:
        return
    style = "dearu" if prefer == "desumasu" else "desumasu"
    start, end = odd[0]
    yield grouped(
        r.finding(
            start,
            end,
            doc.text[start:end],
            f"{names[prefer][0]}の文書に{names[style][0]}の文末があります（{names[prefer][0]} {counts[prefer]}、{names[style][0]} {counts[style]}）。引用や箇条書でなければ、どちらかにそろえます。",
            f"A {names[style][1]} sentence end in a {names[prefer][1]} document ({counts[prefer]} vs {counts[style]}).",
            severity=severity,
        ),
        odd,
    )


# Parts of speech whose spelling variants are worth unifying.
_YURE_POS = ("名詞", "動詞", "形容詞", "副詞", "形状詞")


@rule(
    "spelling-variants",
    WARNING,
    GENERAL,
    "表記ゆれ",
    "Inconsistent spellings",
    clause="general-consistency",
)
def spelling_variants(doc, r):
    """Words Sudachi normalizes to the same form but the document spells two ways
    (サーバ/サーバー, 問合せ/問い合わせ). The less used spelling is reported."""
    groups: dict[str, list] = defaultdict(list)
    for sentence, tokens in doc.sentence_tokens():
        if "→" in sentence.text or not any(t.pos1 in ("助詞", "助動詞") for t in tokens):
            continue  # an example list (色々→いろいろ) or a bare word list (明渡し 預り金 …)
        for tok in tokens:
            if tok.pos1 not in _YURE_POS or tok.pos[1] in ("数詞", "固有名詞") or len(tok.norm) < 2:
                continue
            key = _katakana_key(tok.surface) if _katakana(tok.surface) else tok.norm
            groups[key + "/" + tok.pos1].append(tok)
    for toks in groups.values():
        spellings = Counter(t.lemma for t in toks)
        if len(spellings) < 2:
            continue
        if toks[0].norm in _okurigana_norms():
            continue  # okurigana-compound-noun gives the 公用文 spelling for these
        if not _spelling_variants(list(spellings), toks[0].norm):
            continue  # 取る/採る (異字同訓), 使う/使える: different words, not spellings
        if all(s.endswith(("ずる", "じる")) for s in spellings):
            continue  # 講ずる/講じる: two conjugation classes of one verb, both standard
        if toks[0].norm in _by_use() and any(_all_hiragana(s) for s in spellings):
            continue  # こと/事, いただく/頂く: kana or kanji by use; the 訓令 rules judge it
        verb = toks[0].pos1 in ("動詞", "形容詞")
        major = max(
            spellings,
            key=lambda s: (
                s in _STANDARD_KATAKANA or s in _LAW_KANA,
                _joyo_rank(s),
                # 活用のある語は送り仮名の本則 (置き換える, not 置換える): more kana wins
                len(_KANA.findall(s)) if verb else 0,
                spellings[s],
                -toks.index(next(t for t in toks if t.lemma == s)),
            ),
        )
        odd = [t for t in toks if t.lemma != major]
        tok = odd[0]
        others = "」「".join(s for s in spellings if s != major)
        counts = "、".join(f"{s} {n}" for s, n in spellings.most_common())
        katakana = all(_katakana(s) for s in spellings)
        yield grouped(
            r.finding(
                tok.start,
                tok.end,
                tok.surface,
                f"表記ゆれ: 「{others}」と「{major}」が混在しています（{counts}）。どちらかにそろえます。",
                f"Spelling variants: '{others}' and '{major}' both occur ({counts}); use one.",
                major
                if tok.surface == tok.lemma
                and (not _kana_to_kanji(tok.lemma, major) or _joyo_rank(major) == 2)
                else None,
                clause="kangaekata-1-3-i" if katakana else None,
            ),
            [(t.start, t.end) for t in odd],
        )


@lru_cache(maxsize=1)
def _by_use() -> frozenset[str]:
    """Words the 訓令 writes in kana or kanji depending on their use."""
    words = {
        "為る",
        "居る",
        "有る",
        "成る",
        "更に",
        "全て",
        "出来る",
        "無い",
        "良い",
        "言う",
        "持つ",
        "従う",
        "以て",
        "得る",  # 起こり得る / 起こりうる: both standard
        "関わる",  # 関わる / かかわる: both standard
        "正に",
        "渡る",  # にわたる (亘る) and 渡る (cross) share Sudachi's normalized form
    }
    for name in ("formal_nouns.tsv", "auxiliary_verbs.tsv"):
        words.update(row[0] for row in load_table(name, 1))
    words.update(row[3] for row in load_table("adverbs_kanji.tsv", 4))  # adverb-kanji judges these
    words.update(row[0] for row in load_table("adverbs_kana.tsv", 1))  # adverb-kana judges these
    return frozenset(words)


_KANA = re.compile("[\u3041-\u309f\u30a1-\u30ffー]")


def _spelling_variants(lemmas: list[str], norm: str) -> bool:
    """True when the lemmas differ only in okurigana, kana for kanji, or katakana spelling
    (and any kanji used are those of the normalized form: とる/採る is not 取る)."""
    if any(_KANA.sub("", s) not in ("", _KANA.sub("", norm)) for s in lemmas):
        return False
    if any(len(s) < 2 or re.search("[A-Za-zＡ-Ｚａ-ｚ0-9０-９]", s) for s in lemmas):
        return False
    if any(_reading(s) != _reading(lemmas[0]) for s in lemmas) and not all(
        _katakana(s) for s in lemmas
    ):
        return False
    skeletons = {_KANA.sub("", s) for s in lemmas}
    return len(skeletons - {""}) <= 1


@lru_cache(maxsize=8192)
def _reading(word: str) -> str:
    return "".join(t.reading for t in tokenize(word))


# Written in kana after the 法令 usage (公用文作成の考え方 Ⅰ-1-(3)エ) or as function words.
_LAW_KANA = frozenset({"おそれ", "ほか", "よる"})
# Spellings of 外来語の表記 第1表 that 公用文作成の考え方 Ⅰ-3イ names: they win a mixed pair.
_STANDARD_KATAKANA = frozenset(
    {"ウイルス", "ウエディング", "ウオーター", "セロハン", "プラスチック", "デジタル"}
)
_SMALL = str.maketrans("ァィゥェォヵヶ", "アイウエオカケ")


def _joyo_rank(s: str) -> int:
    """2: written with 常用漢字 (苦労); 1: kana only (くろう); 0: a kanji outside the
    常用漢字表 (繋がる). 公用文 writes a word with its 常用漢字 (訓令 1(1)), so a kana
    spelling is not suggested for a 常用 kanji one; kana-or-kanji-by-use words
    (こと/事, 予め/あらかじめ) never reach this point."""
    kanji = [c for c in s if "\u4e00" <= c <= "\u9fff"]
    if not kanji:
        return 1
    return 2 if all(c in joyo_kanji() for c in kanji) else 0


def _katakana_key(s: str) -> str:
    """ウィルス/ウイルス, サーバ/サーバー, ソフトウェア/ソフトウエア share one key."""
    return s.rstrip("ー").replace("ヴ", "ブ").translate(_SMALL)  # ビル/ビール stay apart


def _katakana(s: str) -> bool:
    return all("\u30a1" <= c <= "\u30ff" or c == "ー" for c in s)


def _kana_to_kanji(minor: str, major: str) -> bool:
    # つながる → 繋がる: the kanji may be outside the 常用漢字表; let the writer choose.
    return not _KANA.sub("", minor) and bool(_KANA.sub("", major))


def _okurigana_norms() -> frozenset[str]:
    from .okurigana import _noun_tables

    return frozenset(_noun_tables()[0])


def _all_hiragana(s: str) -> bool:
    return all("\u3041" <= c <= "\u309f" for c in s)
