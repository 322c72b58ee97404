"""Dropped clauses: a clause of a long Japanese sentence with no trace in the translation.

The length band cannot see one clause of four missing (the ratio stays in band), so
each source clause (split at 、 and 。) is aligned on its anchors, the words whose
English can be recognised without a model:
- katakana loanwords, compared as consonant skeletons (データ ~ data, ワーキンググループ
  ~ working group, プラットフォーム ~ platform);
- content words of official documents listed in resources/checks/ja_en_content_words.tsv
  with the starts of their usual English words (審議 → deliberat|discuss|examin …);
- organisation names (organisations.py), Latin terms and figures as written;
- counts written in kanji (三箇月, 六十日, 二年): the figure, in digits or words.
Only a clause's own anchors count (データ in five clauses says nothing about one). A clause
with at least two own anchors of which none is in the translation, or with two or more
of them missing, is reported (warning, "omission.clause"), quoting the clause, when some
other clause does align. English chunks need not follow Japanese clauses, so three own
anchors missing in a row (source order, across clauses) are a lost chunk too, and a count
with no figure in the translation is a lost time limit or frequency. A clause whose own
nouns are all missing is lost too when its own verb is (他のデータとの互換性は保っている →
nothing for "compatibility" nor "keep"): one noun alone is too little to judge, a noun and
the verb that says what happens to it are the clause.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ...paths import resources_dir
from .finding import WARNING, Finding
from .fragments import broken_sentences, echoed_verbs
from .names import TERM_DIGITS

LEXICON_FILE = ("checks", "ja_en_content_words.tsv")
MIN_ANCHORS = 2  # a clause judged on its own anchors: at least this weight, all missing
# A connective (ただし → "however") is alone in its clause and sure to be rendered; a listed
# word or loanword is surer than a lexicon word, whose English varies.
WEIGHTS = {"connective": 2, "adverb": 2, "count": 2, "gloss": 1}
MIN_MISSING = 2  # or this many of its own anchors missing (part of a clause lost)
_KATAKANA = re.compile(r"[\u30a1-\u30faー]{2,}")
_LATIN = re.compile(rf"[A-Za-z](?:[A-Za-z]|{TERM_DIGITS})+")  # MLETR of MLETR10条
_DIGITS = re.compile(r"\d+")
_CLAUSE_END = re.compile(r"(?<=[、。，；;])")


@dataclass(frozen=True)
class Anchor:
    surface: str
    kind: str  # katakana | word | gloss | compound | latin | figure | organisation | …
    parts: tuple[str, ...] = ()  # a compound's dictionary words (貸借対照表 → 貸借, 対照)


@functools.cache
def lexicon() -> dict[str, tuple[str, ...]]:
    try:
        lines = resources_dir().joinpath(*LEXICON_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:  # a broken install: the other checks still run
        return {}
    words: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if not line.strip() or line.startswith("#") or line.startswith("原語"):
            continue
        japanese, _, english = line.partition("\t")
        starts = tuple(s.strip().lower() for s in english.split("|") if s.strip())
        if japanese.strip() and starts:
            words[japanese.strip()] = starts
    return words


# --- katakana loanwords as consonant skeletons --------------------------------------------

_EN_STEPS = (
    ("tion", "shon"),
    ("sion", "shon"),
    ("mph", "nf"),  # pamphlet ~ パンフレット, symphony ~ シンフォニー
    ("ph", "f"),
    ("th", "s"),
    ("ck", "k"),
    ("qu", "kw"),
    ("x", "ks"),
    ("ge", "je"),  # management ~ マネジメント
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("c", "k"),
    ("l", "r"),
    ("v", "b"),
)
_JA_STEPS = (("tsu", "tu"), ("chi", "ti"), ("sh", "s"), ("ch", "t"), ("j", "z"), ("dz", "z"))


def _consonants(text: str) -> str:
    text = re.sub(r"[aeiouyhrw]", "", text)
    # an English plural's s is a z to a loanword: コモンズ ~ commons, ニーズ ~ needs
    return re.sub(r"(.)\1+", r"\1", re.sub(r"z$", "s", text))


def english_skeleton(word: str) -> str:
    word = word.lower()
    for old, new in _EN_STEPS:
        word = word.replace(old, new)
    return _consonants(word.replace("sh", "s").replace("j", "z"))


def katakana_skeleton(katakana: str) -> str:
    from .loanwords import NASAL  # ン before p, b or m is an m: コンピュータ ~ computer
    from .names import romanize

    roman = NASAL.sub("m", romanize(katakana))
    for old, new in _JA_STEPS:
        roman = roman.replace(old, new)
    return _consonants(roman)


def _readings(word: str) -> set[str]:
    """The skeletons of each reading of spellings English says two ways: g before i or y
    soft (digital ~ デジタル, technology ~ テクノロジー) or hard (login ~ ログイン); ch as
    in "character" (キャラクター) or in "church" (bench ~ ベンチ, approach ~ アプローチ); du
    as in "duty" or in "schedule" (スケジュール, モジュール ~ module)."""
    spellings = {word}
    if re.search(r"g[iy]", word):
        spellings.add(re.sub(r"g(?=[iy])", "j", word))
    if "ch" in word:
        spellings |= {w.replace("tch", "ch").replace("ch", "t") for w in spellings}
    if "du" in word:
        spellings |= {w.replace("du", "ju") for w in spellings}
    return {english_skeleton(w) for w in spellings}


def _english_skeletons(translation: str) -> set[str]:
    """Skeletons of each word and of each run of two or three words (working group)."""
    words = re.findall(r"[a-z]+", unicodedata.normalize("NFKC", translation).lower())
    skeletons = set()
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            run = "".join(words[i : i + size])
            skeletons |= _readings(run)
            for ending in ("s", "ed", "d", "ing"):  # contents ~ コンテンツ, based ~ ベース
                if run.endswith(ending) and len(run) > len(ending) + 2:
                    skeletons |= _readings(run[: -len(ending)])
    return skeletons


def katakana_words(run: str) -> list[str]:
    """テキストベース → テキスト, ベース: English may say "based on text" (another order)."""
    from .names import short_words

    return [w for w in short_words(run) if _KATAKANA.fullmatch(w)] or [run]


# --- anchors ---------------------------------------------------------------------------------


def clauses(source: str) -> list[str]:
    text = unicodedata.normalize("NFKC", source)
    return [c for c in _CLAUSE_END.split(text) if c.strip()]


def anchors(clause: str) -> list[Anchor]:
    from .organisations import organisations_in

    found: list[Anchor] = []
    rest = clause
    for surface, _ in organisations_in(clause):
        found.append(Anchor(surface, "organisation"))
        rest = rest.replace(surface, " ")
    words = lexicon()
    cuts: frozenset[int] | None = None
    for japanese in sorted(words, key=len, reverse=True):
        if japanese in rest:
            cuts = _word_cuts(clause) if cuts is None else cuts
            if _only_across_words(clause, japanese, cuts):
                continue  # 入手 in 預入|手荷物 ("checked baggage") is not "obtain"
            if japanese in _IMPLICIT_AFTER_REFERENCE and _after_reference(clause, japanese):
                # 第三項の規定により → "under paragraph (3)": no word for 規定. Still an
                # anchor of the clause, so a 規定 elsewhere in the sentence is not its own.
                found.append(Anchor(japanese, "implicit"))
                rest = rest.replace(japanese, " ")
                continue
            kind = "member" if japanese == "委員" and _member_by_name(clause) else "word"
            found.append(Anchor(japanese, kind))
            rest = rest.replace(japanese, " ")
    adverbs = adverb_anchors(clause)
    for adverb in adverbs:
        rest = rest.replace(adverb.surface, " ")  # 遅滞なく is one anchor, not 遅滞 too
    found += connective_anchor(clause) + adverbs + gloss_anchors(rest)
    for match in _KATAKANA.finditer(rest):
        words = katakana_words(match.group(0))
        # データセット → データ, セット, each of them shown too by the one English word of
        # the whole (dataset, database, workflow, password): the run is kept as a part.
        whole = (match.group(0),) if len(words) > 1 else ()
        for word in words:
            if len(katakana_skeleton(word)) >= 2:
                found.append(Anchor(word, "katakana", whole))
    rest = _KATAKANA.sub(" ", rest)
    found += count_anchors(clause)
    found += [Anchor(m.group(0), "latin") for m in _LATIN.finditer(rest)]
    found += [Anchor(m.group(0), "figure") for m in _DIGITS.finditer(rest)]
    return list(dict.fromkeys(found))  # ベース twice is one anchor


def _member_by_name(clause: str) -> bool:
    """委員 right after a person's name (北澤委員から): how meetings and the Diet name a
    member, said in English "Mr. Kitazawa" as often as "Member Kitazawa"."""
    from .names import proper_names

    at = clause.find("委員")
    return at > 0 and any(clause[:at].endswith(s) for s, _, _ in proper_names(clause[:at]))


_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\b\.? ?[A-Z]")


# Words a legal translation leaves implicit after a reference to a provision: 前条第三項の
# 規定により → "under paragraph (3) of the preceding Article", 同条に規定する → "referred to
# in that Article". The reference itself is the anchor (article/figure checks).
_IMPLICIT_AFTER_REFERENCE = ("規定", "関係")
_REFERENCE_BEFORE = re.compile(
    r"(?:[条項号編章節款]|法律?|[政省府]?令|規則|前各?[条項号]|同[条項号]|次[条項号]|本則|附則)[のに]$"
)


def _after_reference(clause: str, word: str) -> bool:
    """Every occurrence of `word` follows a reference to a provision (…条の規定, 同条に規定,
    and a form's note (第十六条関係) → "(re Article 16)")."""
    at = clause.find(word)
    while at >= 0:
        before = clause[max(0, at - 6) : at]
        if not (_REFERENCE_BEFORE.search(before) or word == "関係" and _NOTE_BEFORE.search(before)):
            return False
        at = clause.find(word, at + 1)
    return True


# 様式第二(第十六条関係): the provision a form belongs to, "(re Article 16)".
_NOTE_BEFORE = re.compile(
    r"第[\d〇一二三四五六七八九十百千]+[条項号](?:の[\d〇一二三四五六七八九十百千]+)?$"
)


def _word_cuts(clause: str) -> frozenset[int]:
    """Offsets where Sudachi's middle-length words (mode B: 預入|手荷物) begin or end;
    empty without Sudachi (then every listed word counts)."""
    from .names import MAX_SUDACHI_BYTES

    try:
        from ...sudachi import TokenizerUnavailableError, tokenizer

        middle = tokenizer("B")
    except TokenizerUnavailableError:
        return frozenset()
    raw = clause.encode("utf-8")[:MAX_SUDACHI_BYTES].decode("utf-8", "ignore")
    cuts = {0, len(raw)}
    for m in middle.tokenize(raw):
        cuts.update((m.begin(), m.end()))
    return frozenset(cuts)


def _only_across_words(clause: str, word: str, cuts: frozenset[int]) -> bool:
    """Every occurrence of a listed word straddles a word boundary and ends inside the next
    word (預入|手荷物 holds 入手). One that ends where a word ends is kept: a compound
    ends in its head (部会長 is a kind of 会長, 利活用 of 活用)."""
    if not cuts:
        return False
    at = clause.find(word)
    while at >= 0:
        end = at + len(word)
        inside = any(c in cuts for c in range(at + 1, end))
        if not inside or end in cuts or at in cuts:
            return False
        at = clause.find(word, at + 1)
    return True


# --- content words through the bilingual lexicon (lexicon.py) -------------------------------

# Common nouns of two characters or more: verbs, adjectives and single characters are
# rendered too freely (受ける, 考える, 国 → "Japan"), proper names have their own check.
_CONTENT_POS = {("名詞", "普通名詞")}
MIN_GLOSS_CHARS = 2
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
# Words of legal Japanese that a faithful translation often leaves implicit or renders by
# grammar (場合 → "where", 当該 → "the", 前項 → "the preceding paragraph" is kept).
GENERIC = frozenset(
    "場合 者 事 物 時 等 当該 次 各号 同 旨 上 中 内 際 他 以下 以上 為 方 所 限り 外 前 後 "
    "うち ほか 関する 係る 対する 基づく 定める 掲げる 行う 有る 在る 得る 用いる 図る 努める 設ける "
    "講ずる 掲げ 応じる 伴う 通じる 経る 及ぶ 必要 適当 相当 一定 全部 一部 各 本 もの 点 "
    # dates and citations: their figures are checked as figures, the words vary
    # reflexive and deictic nouns: English says "itself", "your", "his or her own"
    "自身 自己 本人 御本人 "
    "お願い 以外 今後 我が国 自分 普段 下記 本書 本欄 当方 程度 考え方 趣旨 意義 場面 "
    "年 月 日 号 条 項 昭和 平成 令和 明治 大正 上旬 中旬 下旬 現在 法律 法 又 及び 並びに 若しくは 又は".split()
)
_PARENTHESES = re.compile(r"\([^()]*\)")  # (昭和二十二年法律第百九十三号): a citation


# Sentence connectives: a clause of their own (ただし、), lost with the English chunk that
# carried them ("however,"). Japanese → English words that show one.
CONNECTIVES = {
    "しかし": ("however", "but", "yet", "nevertheless", "although", "though"),
    "しかしながら": ("however", "but", "yet", "nevertheless", "although", "though"),
    "ただし": ("however", "provided", "but", "except", "unless", "although"),
    "したがって": ("therefore", "thus", "hence", "accordingly", "consequently", "so"),
    "従って": ("therefore", "thus", "hence", "accordingly", "consequently", "so"),
    "一方": ("other hand", "meanwhile", "whereas", "while", "but", "however"),
    "例えば": ("example", "instance", "e.g", "such as", "like"),
    "すなわち": ("namely", "i.e", "that is", "in other words", "meaning"),
    "つまり": ("namely", "i.e", "that is", "in other words", "short"),
}


_UNAVOIDABLE = (
    "unavoidable",
    "inevitable",
    "compelling",
    "necessity",
    "no choice",
    "cannot be helped",
)

# Adverbs of time and manner that set a legal duty's terms (あらかじめ協議し, 速やかに通知):
# Sudachi gives them no noun, and a translation that keeps the clause keeps one of these.
ADVERBS = {
    "あらかじめ": ("advance", "beforehand", "prior", "previously", "ahead"),
    "予め": ("advance", "beforehand", "prior", "previously", "ahead"),
    "速やかに": (
        "prompt",
        "promptly",
        "without delay",
        "immediately",
        "swift",
        "swiftly",
        "quickly",
        "as soon as",
    ),
    "直ちに": ("immediately", "at once", "forthwith", "without delay", "promptly", "instantly"),
    "遅滞なく": ("without delay", "promptly", "immediately", "forthwith", "without undue delay"),
    "やむを得ない": _UNAVOIDABLE,
    "やむをえない": _UNAVOIDABLE,  # the same word in kana
    "引き続き": (
        "consecutive",  # 引き続き三年以上 "for three or more consecutive years" (a law's period)
        "in a row",
        "continue",
        "continues",
        "continued",
        "continuing",
        "continuously",
        "still",
        "remain",
        "further",
        # …が引き続きその職務を行う → "to go on performing them", "keep doing"
        "go on",
        "goes on",
        "going on",
        "went on",
        "carry on",
        "carries on",
        "carried on",
        "keep",
        "keeps",
        "kept",
        "ongoing",
    ),
}


# Xに引き続き is the compound particle "following X", "after X", "as in X" (前回に引き続き、
# 昨年に引き続き): English says where it follows on, not "continue".
ADVERBS["に引き続き"] = (*ADVERBS["引き続き"], "following", "after", "again", "as in", "as with",
                     "like", "in succession", "on the heels", "in addition to", "as well")  # fmt: skip


def adverb_anchors(clause: str) -> list[Anchor]:
    words = [word for word in ADVERBS if word in clause]
    if "に引き続き" in words and clause.count("引き続き") == clause.count("に引き続き"):
        words.remove("引き続き")  # the particle only
    return [Anchor(word, "adverb") for word in words]


def connective_anchor(clause: str) -> list[Anchor]:
    word = clause.strip().rstrip("、,，").strip()
    return [Anchor(word, "connective")] if word in CONNECTIVES else []


# Counts written in kanji (三箇月以内, 六十日, 二年以下の懲役, 毎日二回): a time limit or a
# frequency, the core of its clause, and the figure check reads only Arabic digits.
# Era years (平成十年度) and dates (一月一日) are not counts: their English is another figure.
_COUNT = re.compile(
    r"(?<![第昭和平成令和明治大正元同一二三四五六七八九十百千〇万億])([一二三四五六七八九十百千〇]+)"
    r"(箇月|か月|ヶ月|カ月|ケ月|月間|日間|週間|時間|年間|年(?![度月]|[一二三四五六七八九十〇]{1,2}月)|日(?!\s*[(（]?[月火水木金土日]曜)|回|人|名|件|歳)"
)
MIN_COUNT = 2  # "a year", "once": one is too often a word English leaves implicit


def count_anchors(clause: str) -> list[Anchor]:
    from ...kanji_numbers import kanji_to_int

    found = []
    for m in _COUNT.finditer(clause):
        if _DIGIT_BY_DIGIT.fullmatch(m.group(1)):
            continue  # 九七年の通報手続 → "the 1997 procedure": a year (or a code), no count
        value = kanji_to_int(m.group(1))
        if value is not None and value >= MIN_COUNT:
            found.append(Anchor(m.group(0), "count"))
    return found


# Kanji read digit by digit (九七, 二〇二四) write a year or a number, not a count: a count
# of two digits or more says its tens (九十七年間).
_DIGIT_BY_DIGIT = re.compile(r"[一二三四五六七八九〇]{2,}")


_SMALL_NUMBERS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * n
    for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}


def english_numbers(text: str) -> set[int]:
    """Figures an English text states: 60, 1,000, "sixty", "twenty-one", "three hundred",
    "131 million", "twice", "both"."""
    # "twice"; "both days" for 二日間 (the two of them)
    values: set[int] = {2} if re.search(r"\b(?:twice|both)\b", text, re.I) else set()
    words = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower().replace("-", " "))
    number = None
    for word in words + [""]:
        if word in _SCALES and number is not None:
            number *= _SCALES[word]
            continue
        small = word in _SMALL_NUMBERS or word in _TENS
        if number is not None and not (small and number % 10 == 0 and number % 100):
            if number == int(number):
                values.add(int(number))
            number = None  # "twenty one" goes on; anything else ends the figure
        if word[:1].isdigit():
            number = float(word.replace(",", ""))
        elif small:
            number = (number or 0) + _SMALL_NUMBERS.get(word, 0) + _TENS.get(word, 0)
    return values


def gloss_anchors(text: str) -> list[Anchor]:
    """Content words of `text` that the lexicon can translate: Sudachi words (split mode C,
    else their mode-A parts), looked up by written and dictionary form."""
    from . import lexicon
    from .names import MAX_SUDACHI_BYTES

    if not _KANJI.search(text) or not lexicon.entries():
        return []
    try:
        from ...sudachi import TokenizerUnavailableError, split_mode, tokenizer

        long_words, short = tokenizer("C"), tokenizer("A")
    except TokenizerUnavailableError:
        return []
    text = _PARENTHESES.sub(" ", text)
    raw = text.encode("utf-8")[:MAX_SUDACHI_BYTES].decode("utf-8", "ignore")
    found = [Anchor(word, "gloss") for word in _glued_names(long_words.tokenize(raw))]
    morphemes = list(long_words.tokenize(raw))
    dated = _date_units(morphemes)
    skip = 0
    for i, m in enumerate(morphemes):
        if skip:
            skip -= 1
            continue
        if tuple(m.part_of_speech()[:2]) not in _CONTENT_POS or not _KANJI.search(m.surface()):
            continue
        if i in dated:
            continue
        suffixed = _with_suffix(morphemes, i)
        if suffixed:
            # 保有|者: shown by the whole word's English ("holder") or the noun's; judged as
            # leniently as the noun alone (a gloss, not a sure anchor).
            whole = "".join(x.surface() for x in suffixed)
            found.append(Anchor(whole, "compound", (whole, *filter(None, [_known(m)]))))
            skip = 1
            continue
        joined = _dictionary_compound(morphemes, i)
        if joined:
            # 意識|改革 is the dictionary's 意識改革 ("changing the way of thinking"); a
            # literal rendering of a part ("geographic space" for 地理空間) shows it too.
            whole = "".join(x.surface() for x in joined)
            parts = tuple(w for x in joined if (w := _known(x)))
            found.append(Anchor(whole, "dictionary", parts))
            skip = len(joined) - 1
            continue
        known = _known(m)
        parts = [m] if known else list(short.tokenize(m.surface(), split_mode("A")))
        words = [
            word
            for part in parts
            if tuple(part.part_of_speech()[:2]) in _CONTENT_POS
            and (word := _known(part))
            and len(word) >= MIN_GLOSS_CHARS
            and word not in GENERIC
            and part.dictionary_form() not in GENERIC
        ]
        if len(words) >= 2:
            # A compound the dictionary lacks has an English of its own (貸借対照表 →
            # "balance sheet", 資金提供 → "funding"): one anchor, shown by any part.
            found.append(Anchor(m.surface(), "compound", tuple(words)))
        else:
            found += [Anchor(word, "gloss") for word in words]
    return found


# 二十八日付けの新聞 → "the paper of November 28", 四月一日付で → "as of April 1": 付け after
# a date says "dated"; English says it by the date.
_DATED = ("付け", "付", "附け", "附")


def _date_units(morphemes) -> set[int]:
    """Indexes of counters right after a numeral (十一|月, 二十八|日) and of 付け after them:
    part of a figure, not words (日|付け would read as the dictionary's 日付け "date")."""
    found: set[int] = set()
    for i, m in enumerate(morphemes):
        if (
            i
            and m.part_of_speech()[2] == "助数詞可能"
            and morphemes[i - 1].part_of_speech()[1] == "数詞"
        ):
            found.add(i)
            if i + 1 < len(morphemes) and morphemes[i + 1].surface() in _DATED:
                found.add(i + 1)
    return found


def _dictionary_compound(morphemes, i: int) -> list:
    """The longest run of nouns from morphemes[i] (2 to 4 of them) that the dictionary
    lists as one word: its English is the compound's (意識改革 "changing the way of
    thinking"), not the parts' ("consciousness", "reform")."""
    from . import lexicon

    for j in range(min(len(morphemes), i + 4), i + 1, -1):
        run = morphemes[i:j]
        if all(tuple(x.part_of_speech()[:2]) in _CONTENT_POS for x in run):
            joined = "".join(x.surface() for x in run)
            if _KANJI.search(joined) and lexicon.glosses(joined):
                return run
    return []


def _with_suffix(morphemes, i: int) -> list:
    """A noun and the suffix after it that the dictionary lists as one word (保有|者 →
    保有者 "holder", not only 保有 "possession"); [] else."""
    from . import lexicon

    if i + 1 >= len(morphemes) or morphemes[i + 1].part_of_speech()[0] != "接尾辞":
        return []
    noun = _known(morphemes[i])
    if len(noun) < MIN_GLOSS_CHARS or noun in GENERIC:
        return []  # 皆|様: the noun alone is no anchor, nor is the word with its suffix
    run = morphemes[i : i + 2]
    return run if lexicon.glosses("".join(x.surface() for x in run)) else []


def _glued_names(morphemes) -> list[str]:
    """Common nouns Sudachi cuts into "names" (申立人 → 申 + 立人): runs of proper-noun
    pieces that together spell a dictionary word."""
    from . import lexicon

    words, run = [], []
    for m in [*morphemes, None]:
        if m is not None and m.part_of_speech()[1] == "固有名詞":
            run.append(m.surface())
            continue
        joined = "".join(run)
        if len(run) >= 2 and _KANJI.search(joined) and lexicon.glosses(joined):
            words.append(joined)
        run = []
    return words


def _known(morpheme) -> str:
    """The form of a Sudachi word the lexicon lists: nouns as written, inflected words by
    their dictionary form first (使い is "errand", 使う is "use")."""
    from . import lexicon

    forms = (morpheme.surface(), morpheme.dictionary_form(), morpheme.normalized_form())
    if morpheme.part_of_speech()[0] in ("動詞", "形容詞"):
        forms = forms[1:] + forms[:1]
    for form in forms:
        if _KANJI.search(form) and lexicon.glosses(form):
            return form
    return ""


# 不正確 holds the listed 正確: "inaccurate" holds "accurate".
_NEGATIONS = ("in", "un", "im", "ir", "il", "non", "dis")


def _starts(word: str, start: str) -> bool:
    if word.startswith(start):
        return True
    return any(word.startswith(n) and word[len(n) :].startswith(start) for n in _NEGATIONS)


class _Target:
    """The translation, prepared once for all anchors of a segment."""

    def __init__(self, translation: str) -> None:
        self.text = unicodedata.normalize("NFKC", translation)
        self.lower = self.text.lower()
        self.words = re.findall(r"[a-z][a-z-]*", self.lower)
        # 再申請 → "reapplication", 再提出 → "resubmit": the word under the prefix re- counts
        # (long words only: "report" is no "port")
        self.words += [w[2:] for w in self.words if w.startswith("re") and len(w) >= 9]
        # 表記間違い → "misstatement": the word under mis- is said too, its error by mis-.
        self.words += [w[3:] for w in self.words if w.startswith("mis") and len(w) >= 9]
        self.skeletons = _english_skeletons(translation)
        # American-made, Japan-based: each part of a hyphened word is a word of its own too.
        parts = set(self.words) | set(re.findall(r"[a-z]+", self.lower))
        self.word_skeletons = {s for w in parts for s in _readings(w)}
        self.digits = set(_DIGITS.findall(self.text))
        self.numbers = english_numbers(self.text)
        self._english = None

    @property
    def english(self):
        from .lexicon import EnglishText

        if self._english is None:
            self._english = EnglishText(self.text)
        return self._english

    @property
    def english_with_bases(self):
        """The English words with the base forms of irregular verbs added (said → say)."""
        from .lexicon import EnglishText

        bases = [_IRREGULAR[w] for w in self.words if w in _IRREGULAR]
        return EnglishText(" ".join([self.text, *bases])) if bases else self.english

    def has(self, anchor: Anchor) -> bool:
        if anchor.kind == "implicit":
            return True
        if anchor.kind == "member" and _HONORIFIC.search(self.text):
            return True  # 北澤委員 → "Mr. Kitazawa" (the name is the names check's)
        if anchor.kind == "figure":
            return anchor.surface.lstrip("0") in {d.lstrip("0") for d in self.digits}
        if anchor.kind == "latin":
            # C2, F35, H3: English writes a designation's letters and digits apart (C-2).
            spelled = re.sub(
                r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", "[- ]?", re.escape(anchor.surface.lower())
            )
            if re.search(spelled, self.lower):
                return True
            from .names import said_in_words

            return said_in_words(anchor.surface, self.lower)
        if anchor.kind == "count":
            from ...kanji_numbers import kanji_to_int

            count = _COUNT.match(anchor.surface)
            value = kanji_to_int(count.group(1))
            return value in self.numbers or (count.group(2) == "年" and self._years(value))
        if anchor.kind == "katakana":
            from .loanwords import SYNONYMS

            # A loanword said by its usual English (スピード感 → "a sense of urgency").
            if any(
                re.search(rf"\b{re.escape(w)}", self.lower)
                for w in SYNONYMS.get(anchor.surface, ())
            ):
                return True
            if any(katakana_skeleton(whole) in self.skeletons for whole in anchor.parts):
                return True  # データセット → "dataset": the whole run as one English word
            from .names import country_said

            if country_said(anchor.surface, self.text):
                return True  # スコットランド → "Scottish"
            skeleton = katakana_skeleton(anchor.surface)
            # モニタリング ~ "monitored", マッチング ~ "matched": an -ing loanword said by its verb
            stem = katakana_skeleton(anchor.surface[:-2]) if anchor.surface.endswith("ング") else ""
            if len(stem) >= 3 and stem in self.skeletons:
                return True
            # デフレ ~ deflation, アメリカ ~ American: a clipped loanword or a derived form
            return skeleton in self.skeletons or any(
                w.startswith(skeleton) and len(w) <= len(skeleton) + 3 for w in self.word_skeletons
            )
        if anchor.kind == "compound":
            from .lexicon import glosses

            return any(self.english.shows(glosses(part)) for part in anchor.parts)
        if anchor.kind == "dictionary":
            return self._shows_dictionary_compound(anchor)
        if anchor.kind == "organisation":
            from .organisations import check_organisations

            return not check_organisations(anchor.surface, self.text)
        if anchor.kind in ("connective", "adverb"):
            words = CONNECTIVES.get(anchor.surface) or ADVERBS[anchor.surface]
            return any(re.search(rf"\b{re.escape(w)}\b", self.lower) for w in words)
        if anchor.kind == "gloss":
            from .lexicon import glosses

            return self.english.shows(glosses(anchor.surface))
        if anchor.kind == "letter":
            return re.search(rf"(?<![A-Za-z]){anchor.surface}(?![a-z])", self.text) is not None
        if anchor.kind == "label":
            from .lexicon import glosses
            from .organisations import BODY_HEADS

            # 室 → "Office", not only "room"; senses the trimmed word list lacks (氏 → "Surname")
            heads = BODY_HEADS.get(anchor.surface, ()) + LABEL_SENSES.get(anchor.surface, ())
            return self.english.shows(glosses(anchor.surface)) or any(
                re.search(rf"\b{h}", self.lower) for h in heads
            )
        starts = lexicon().get(anchor.surface, ())
        if any(
            (" " in s and s in self.lower) or any(_starts(w, s) for w in self.words) for s in starts
        ):
            return True
        if anchor.surface in _SUFFIX_ENGLISH and re.search(
            _SUFFIX_ENGLISH[anchor.surface], self.lower
        ):
            return True
        from .lexicon import glosses

        # The dictionary's senses too: 訂正 is also "revision" (demo-model run).
        return self.english.shows(glosses(anchor.surface))

    def _years(self, value: int | None) -> bool:
        """十年に一度 → "once a decade", 二十年 → "two decades", 百年 → "a century"."""
        for span, word in ((100, r"centur(?:y|ies)"), (10, r"decades?")):
            if value and value % span == 0 and re.search(rf"\b{word}\b", self.lower):
                many = value // span
                if many == 1 or many in self.numbers:
                    return True
        return False

    def _shows_dictionary_compound(self, anchor: Anchor) -> bool:
        """The compound's own English (意識改革 → "changing the mindset"), or every part
        rendered literally (地理空間 → "geographic space")."""
        from .lexicon import glosses

        if self.english.shows(glosses(anchor.surface)):
            return True
        return bool(anchor.parts) and all(self.english.shows(glosses(p)) for p in anchor.parts)


# Words English says with a suffix: 追跡可能性 → "traceability", 参照可能 → "referenceable".
_SUFFIX_ENGLISH = {
    "可能性": r"[a-z]{3,}(?:ability|ibility)\b",
    "可能": r"[a-z]{3,}(?:able|ible|ability|ibility)\b",
}


MIN_MISSING_ALL = 2  # a clause with at least this many own anchors of any kind missing …
MISSING_SHARE = 0.75  # … that are at least this share of its own anchors


def _looks_dropped(own: list[Anchor], missing: list[Anchor]) -> bool:
    """Sure anchors (listed words, loanwords, names, Latin terms) decide as before: two
    own anchors all missing, or two of them missing. Lexicon words are many and their
    English varies (synonyms), so they decide by share: most of the clause unseen."""
    if len(missing) == len(own) and sum(WEIGHTS.get(a.kind, 1) for a in own) >= MIN_ANCHORS:
        return True
    if any(a.kind in ("count", "adverb") for a in missing):
        return True  # 二箇月以内 / 速やかに with no trace anywhere: a term of the duty lost
    if len([a for a in missing if a.kind not in ("gloss", "compound")]) >= MIN_MISSING:
        return True
    # Part of a clause lost: several of its own words, and a good share of them.
    return len(missing) >= MIN_MISSING_ALL and len(missing) >= MISSING_SHARE * len(own)


def _lonely_noun_lost(clause: str, found: list[Anchor], missing: list[Anchor]) -> bool:
    """A clause whose only anchor is one noun, missing (裁判所は、 / その職務を行うについて、 /
    主宰者に対し、 / 決定をもつて、). Not the sentence's topic (発起人は、): a subject is rarely
    lost, and the actors of a law have terms of art (発起人 → "incorporator"). A verbal noun
    used as a verb (発言しようとする, 記載してください) is left out: English renders it as a
    verb of another root ("speak", "write"), and one word is all the evidence there is."""
    if len(found) != 1 or len(missing) != 1 or missing[0] is not found[0]:
        return False
    anchor = found[0]
    if anchor.surface in _NOW_WORDS:
        return False  # 今年九月 → "this September", 今回、 → (said by the tense): folded
    if anchor.kind not in ("gloss", "word"):
        return False
    if not _verbal_noun(anchor.surface):
        return True
    at = clause.find(anchor.surface)
    after = clause[at + len(anchor.surface) :] if at >= 0 else "し"
    return not after.lstrip().startswith(_SURU)


# Words that place a statement in time relative to now; English folds them into a date
# ("this September") or the tense, so one alone missing is no lost clause.
_NOW_WORDS = frozenset("今年 今回 今般 今日 本日 今月 今週 今年度 本年 本年度 先般 この度".split())

# する after a verbal noun: 発言し, 記載す, 発言される, 提出させ, 協議せず
_SURU = ("し", "す", "さ", "せ")


@functools.lru_cache(maxsize=4096)
def _verbal_noun(word: str) -> bool:
    try:
        from ...sudachi import TokenizerUnavailableError, tokenizer

        morphemes = list(tokenizer("C").tokenize(word))
    except TokenizerUnavailableError:
        return True  # no way to tell: the cautious answer
    return len(morphemes) != 1 or morphemes[0].part_of_speech()[2] == "サ変可能"


# Verbs that carry grammar more than content (有する "have", 取る in 連絡をとる, 応じる
# "depending on"), besides the generic words of the gloss anchors.
_FUNCTION_VERBS = frozenset(
    "よる 因る 依る 関する 係る 対する 基づく 応じる 応ずる 伴う 通じる 置く 含む 至る 当たる "
    "際する 於ける 沿う 向ける 限る 及ぶ 言う 思う 考える 見る 有する 取る 持つ".split()
)
_LIGHT_VERBS = frozenset("する 為る できる 出来る れる られる せる させる".split())


@functools.lru_cache(maxsize=4096)
def clause_predicates(clause: str) -> tuple[tuple[str, str], ...]:
    """(word, kind) of what a clause predicates, as the bilingual word list spells it:
    verbs and adjectives ("verb"), verbal nouns before する/できる and adjectival nouns
    before だ/にする ("noun"). () without Sudachi."""
    from ...sudachi import morphemes as japanese_morphemes
    from . import lexicon

    morphemes = japanese_morphemes(clause)
    found = []
    for i, m in enumerate(morphemes):
        pos = m.part_of_speech()
        after = morphemes[i + 1].dictionary_form() if i + 1 < len(morphemes) else ""
        if pos[0] in ("動詞", "形容詞") and pos[1] == "一般":
            kind = "verb"
        elif pos[2] in ("サ変可能", "サ変形状詞可能") and after in _LIGHT_VERBS:
            kind = "noun"
        elif pos[0] == "形状詞" and after in ("だ", "です"):
            kind = "noun"
        else:
            continue
        word = next(
            (
                f
                for f in (m.dictionary_form(), m.normalized_form(), m.surface())
                if _KANJI.search(f) and lexicon.glosses(f)
            ),
            "",
        )
        if word and word not in GENERIC and word not in _FUNCTION_VERBS:
            found.append((word, kind))
    return tuple(found)


def _predicate_lost(
    clause: str, own: list[Anchor], missing: list[Anchor], target: _Target, counts: dict
) -> bool:
    """Every own noun of the clause missing (at least one), and every predicate of its own
    too, one of them a verb or an adjective that is not itself the noun (互換性は保っている:
    "compatibility", "keep"). A predicate said twice in the sentence is no clause's own."""
    from .lexicon import glosses

    if not own or len(missing) != len(own):
        return False
    nouns = {a.surface for a in own}
    mine = [(w, k) for w, k in clause_predicates(clause) if counts.get(w) == 1]
    if not any(k == "verb" and w not in nouns for w, k in mine):
        return False
    english = target.english_with_bases
    return not any(english.shows(glosses(w)) for w, _ in mine)


# Irregular English verb forms the stemmer leaves apart from their glosses' base form
# ("said" is not "say"): the base is added to the text's words for predicates.
_IRREGULAR = dict(
    pair.split(":")
    for pair in (
        "said:say lost:lose made:make held:hold shown:show kept:keep found:find given:give "
        "taken:take took:take written:write wrote:write built:build brought:bring paid:pay "
        "sent:send done:do did:do gone:go went:go known:know knew:know seen:see saw:see "
        "told:tell thought:think bought:buy left:leave met:meet became:become begun:begin "
        "began:begin chosen:choose chose:choose drawn:draw drew:draw felt:feel got:get "
        "gotten:get heard:hear laid:lay led:lead meant:mean sold:sell spent:spend "
        "stood:stand taught:teach understood:understand won:win broken:break broke:break "
        "spoken:speak spoke:speak sought:seek struck:strike undertaken:undertake "
        "undertook:undertake withdrawn:withdraw withdrew:withdraw arisen:arise arose:arise "
        "borne:bear fallen:fall fell:fall forgotten:forget grown:grow grew:grow hidden:hide "
        "risen:rise rose:rise dealt:deal fed:feed fled:flee lent:lend sat:sit slept:sleep "
        "stuck:stick wound:wind caught:catch fought:fight forbade:forbid "
        "forbidden:forbid overseen:oversee oversaw:oversee bound:bind"
    ).split()
)


RUN_MISSING = 3  # own anchors missing one after another, in source order, across clauses


def _position(clause: str, anchor: Anchor) -> int:
    at = clause.find(anchor.surface)
    return at if at >= 0 else clause.find(anchor.surface[:2])


def _missing_run(parts: list[tuple[str, list[tuple[Anchor, bool]]]]) -> int | None:
    """The clause where RUN_MISSING own anchors in a row are missing. English chunks and
    Japanese clauses need not coincide: a dropped "a river or any other public structure
    has caused damage" takes the middle of one clause, which still keeps a share."""
    run: list[int] = []
    for index, (clause, judged) in enumerate(parts):
        ordered = sorted(judged, key=lambda item: _position(clause, item[0]))
        for _, missing in ordered:
            run = [*run, index] if missing else []
            if len(run) >= RUN_MISSING:
                return max(set(run), key=run.count)
    return None


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff々]")
_JA_RUN = re.compile(r"[^\u3040-\u30ff\u4e00-\u9fff々]")  # what is not Japanese


def _mostly_japanese(translation: str) -> bool:
    text = unicodedata.normalize("NFKC", translation)
    letters = [ch for ch in text if ch.isalnum()]
    return bool(letters) and 3 * len(_JAPANESE.findall(text)) >= len(letters)


def dropped_clauses(source: str, translation: str) -> list[str]:
    """Source clauses that lost their own anchors: none of them in the translation, or
    at least MIN_MISSING of them, or a run of RUN_MISSING missing across clauses. Only a
    clause's own anchors count (データ in five clauses says nothing about any one)."""
    return [clause for clause, _ in lost_clauses(source, translation)]


def lost_clauses(source: str, translation: str) -> list[tuple[str, bool]]:
    """dropped_clauses, each with whether it rests on dictionary glosses alone: every
    missing anchor of the clause a JMdict gloss (kind "gloss"), whose English varies most
    (a term of art, an idiom). A run of missing anchors across clauses is not."""
    if _mostly_japanese(translation):
        return []  # kept or left untranslated: the language checks report it
    target = _Target(translation)
    parts = [(clause, anchors(clause)) for clause in clauses(source)]
    # A clause left in Japanese inside the translation (○渡辺幹事 渡辺でございます。) is
    # untranslated, not dropped: the language check reports it.
    kept = _JA_RUN.sub("", unicodedata.normalize("NFKC", translation))
    parts = [(c, f) for c, f in parts if not (kept and _JA_RUN.sub("", c) in kept)]
    seen: dict[str, int] = {}
    for _, found in parts:
        for surface in {a.surface for a in found}:
            seen[surface] = seen.get(surface, 0) + 1
    lost: dict[str, bool] = {}  # clause → rests on dictionary glosses alone
    aligned, judged, owned = False, [], []
    for clause, found in parts:
        own = [a for a in found if seen[a.surface] == 1 and a.kind not in ("figure", "implicit")]
        missing = [a for a in own if not target.has(a)]
        aligned = aligned or len(missing) < len(own)
        judged.append((clause, [(a, a in missing) for a in own]))
        owned.append((clause, own, missing))
        # A topic (発起人は、 申立人は、) is rarely lost, and the actors of a law have terms
        # of art the dictionary lacks (発起人 → "incorporator"): not judged on one noun.
        # A clause made a topic (どこまで活用可能なのかということは、) says a thing of its own.
        topic = clause.rstrip().endswith(("は、", "は,")) and not _NOMINALISED.search(clause)
        if _looks_dropped(own, missing) or (
            not topic
            and _lonely_noun_lost(clause, [a for a in found if a.kind != "implicit"], missing)
        ):
            lost.setdefault(clause.strip(), _glosses_only(missing))
    if aligned:
        counts: dict[str, int] = {}
        for clause, _ in parts:
            for word, _kind in clause_predicates(clause):
                counts[word] = counts.get(word, 0) + 1
        for clause, own, missing in owned:
            if clause.strip() not in lost and _predicate_lost(clause, own, missing, target, counts):
                lost[clause.strip()] = _glosses_only(missing)
    run_at = _missing_run(judged)
    if run_at is not None:
        lost[parts[run_at][0].strip()] = False  # several missing in a row: no longer weak
    # Alignment needs a clause that aligns: a translation sharing no anchor with the source
    # at all is for the language and length checks, not one clause lost among others.
    return list(lost.items()) if aligned else []


# Connectives that introduce an illustration or a rephrasing: without them the statement
# still holds (例えば、 left unsaid before a list of examples), unlike しかし or ただし.
ASIDE_CONNECTIVES = frozenset({"例えば", "すなわち", "つまり"})


_NOMINALISED = re.compile(r"(?:こと|の)は[、,]\s*$")


def _glosses_only(missing: list[Anchor]) -> bool:
    """Weak evidence: every missing anchor a dictionary gloss, or an aside connective."""
    return bool(missing) and all(
        a.kind == "gloss" or (a.kind == "connective" and a.surface in ASIDE_CONNECTIVES)
        for a in missing
    )


def check_clauses(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    if source_lang != "ja" or target_lang != "en" or not translation.strip():
        return []
    return (
        [
            Finding(
                "omission.clause",
                WARNING,
                clause[:60],
                "",
                f"原文の「{clause[:40]}」に当たる部分が訳文に見当たりません（節が訳されずに抜けている"
                "可能性があります）",
                f"Nothing in the translation corresponds to '{clause[:40]}' of the source; "
                "a clause may have been left out",
                weak=weak,
            )
            for clause, weak in lost_clauses(source, translation)
        ]
        + [broken_sentence(sentence) for sentence in broken_sentences(translation, source)]
        + echoes(source, translation)
    )


def _said_in_source(source: str, phrase: str) -> int:
    """How many words of the source have an English gloss with the echoed verb's stem."""
    from . import lexicon

    root = lexicon.stem(phrase.split()[-1])
    return sum(
        any(lexicon.stems_match(root, s) for gloss in lexicon.glosses(word) for s in gloss)
        for word in _source_words(source)
    )


def _source_words(source: str) -> list[str]:
    from ...sudachi import morphemes

    return [m.dictionary_form() for m in morphemes(unicodedata.normalize("NFKC", source))]


def echoes(source: str, translation: str) -> list[Finding]:
    """A verb said twice around nothing in English ("it can be used to use it") where the
    source has it once: a predicate of the source was lost and the kept one fills its place."""
    if _mostly_japanese(translation) or not _KANJI.search(source):
        return []
    for phrase in echoed_verbs(translation):
        if _said_in_source(source, phrase) < 2:
            return [
                Finding(
                    "meaning.echo",
                    WARNING,
                    phrase,
                    "",
                    f"訳文は「{phrase}」と同じ動詞を繰り返しているだけで、原文の述語の一つが"
                    "訳されていない可能性があります（要確認）",
                    f"The translation says the same verb twice ('{phrase}'); a predicate of the "
                    "source may have been lost (please check)",
                )
            ]
    return []


def broken_sentence(sentence: str) -> Finding:
    """A sentence of the translation left without its main clause or with an aside that
    never closes (fragments.py): a clause was cut out of it."""
    return Finding(
        "omission.clause",
        WARNING,
        sentence[:60],
        "",
        f"訳文の「{sentence[:40]}」は文の途中が欠けています（主節がない、または挿入句が閉じて"
        "いません）。節が訳されずに抜けている可能性があります",
        f"The sentence '{sentence[:40]}' of the translation is broken (no main clause, or an "
        "aside that never closes); a clause may have been left out",
    )


_ENGLISH_WORDS = frozenset(
    "the a an of and or to in on at by for from with as is are be was were shall may must "
    "will can this that these those it its not no please your you we our".split()
)


def reads_as_english(text: str) -> bool:
    """Some everyday English words: the text can be read for meaning (a scripted test
    engine's letter salad cannot)."""
    return any(w in _ENGLISH_WORDS for w in re.findall(r"[a-z]+", text.lower()))


# --- short titles and headings: the meaning, by their content words -------------------------

# The marks around a label (【部】, 氏：, ・はじめに) are not part of its word.
_LABEL_MARKS = re.compile(r"[\s:;・.,()\[\]{}<>「」『』【】〔〕＜＞〈〉《》※*＊\-]+")
MAX_WHOLE_LABEL = 6
# Marks of a table cell, not labels: 有 → "Yes", 済 → "Done", 否 → "No" (their glosses differ).
TABLE_MARKS = frozenset(
    "有 無 可 否 済 要 不要 不可 あり なし 未 済み 良 優 不良 適 不適 同上 〃".split()
)


# Form and table senses of one-character labels that the word list (first three JMdict
# senses) does not reach: 氏 is "Mr" and "clan" there, "Surname" on a form.
LABEL_SENSES = {
    "氏": ("surname", "family name", "last name"),
    "係": ("section", "unit", "subsection", "staff", "clerk", "team", "charge"),
    "班": ("unit", "division"),
    "名": ("first name", "given name", "forename"),
}


# 医療機関D, 仕様F, 案A: a capital letter that ends a label names one of several (a
# placeholder or an option); "Medical institution" without the D is another thing.
_ID_LETTER = re.compile(r"(?<=[\u3040-\u30ff\u4e00-\u9fff])[A-Z]$")


def id_letter(clause: str) -> list[Anchor]:
    found = _ID_LETTER.search(clause.strip())
    return [Anchor(found.group(0), "letter")] if found else []


def whole_label(clause: str) -> list[Anchor]:
    """A one-word label (部, 氏, はじめに) has no two-character common noun of kanji for the
    gloss anchors: the label as a whole is looked up in the bilingual word list."""
    from . import lexicon
    from .degeneration import is_form_only

    word = _LABEL_MARKS.sub("", clause)
    if (
        not word
        or is_form_only(clause)  # 年　月　日 → "Year Month Day": the form checks' business
        or len(word) > MAX_WHOLE_LABEL
        or word in TABLE_MARKS
        or (len(word) == 1 and word in GENERIC)  # 等 → "etc.", 他 → "others": said freely
        or _KATAKANA.fullmatch(word)  # loanwords: the skeleton matcher's (パーツ → components)
        or not re.search(r"[\u3040-\u309f\u4e00-\u9fff]", word)
        or not lexicon.glosses(word)
    ):
        return []
    return [Anchor(word, "label")]


MAX_TITLE_CHARS = 40  # a heading or a one-line item: longer text has clauses to align


def title_words_missing(source: str, translation: str) -> tuple[list[str], int]:
    """(anchors of a one-clause source with no trace in the translation, anchors in all)."""
    parts = clauses(source)
    text = unicodedata.normalize("NFKC", source).strip()
    if len(parts) != 1 or len(text) > MAX_TITLE_CHARS:
        return [], 0
    found = [a for a in anchors(parts[0]) if a.kind != "figure"] or whole_label(parts[0])
    found += id_letter(parts[0])
    target = _Target(translation)
    missing = [
        a.surface
        for a in found
        if not target.has(a) and not _compound_shown(parts[0], a.surface, target)
    ]
    if missing:
        from .organisations import transliterated

        # A word kept in romaji is said: ○○市指令第 → "○○ City Shirei No." (a number prefix)
        missing = [m for m in missing if not transliterated(m, translation)]
    if len(text) <= MAX_LABEL_CHARS:
        # An adjectival noun with no English counts when the English is also a word short:
        # dropped (従来の様々な定義 → "Traditional definitions"), not said by a synonym the
        # dictionary lacks (適正な管理 → "Proper management").
        extra = [a for a in adjective_anchors(parts[0]) if a not in found]
        lost = [a.surface for a in extra if not target.has(a)]
        if lost and _content_words(translation) < len(found) + len(lost):
            return missing + lost, len(found) + len(lost)
    return missing, len(found)


MAX_COMPOUND_CHARS = 6


def _compound_shown(clause: str, surface: str, target: _Target) -> bool:
    """A listed word inside a longer dictionary word of the source whose English is all
    there (番号 of 郵便番号 "postal code"): the compound carries its meaning."""
    from .lexicon import glosses

    at = clause.find(surface)
    if at < 0 or not _KANJI.search(surface):
        return False
    end = at + len(surface)
    for start in range(max(0, end - MAX_COMPOUND_CHARS), at + 1):
        for stop in range(end, min(len(clause), start + MAX_COMPOUND_CHARS) + 1):
            word = clause[start:stop]
            # Every word of one of its senses: 郵便番号 "postal code" in "Postal code", not
            # 医療機関 "medical institution" in "Medical list".
            meaning = glosses(word) if word != surface and len(word) >= 3 else ()
            if any(gloss and all(target.english.has_stem(w) for w in gloss) for gloss in meaning):
                return True
    return False


def _content_words(text: str) -> int:
    words = re.findall(r"[a-z]+", unicodedata.normalize("NFKC", text).lower())
    return len([w for w in words if len(w) > 1 and w not in _ENGLISH_WORDS])


def adjective_anchors(clause: str) -> list[Anchor]:
    """Adjectival nouns of a label (従来の様々な定義 "various"): in a sentence English
    renders them freely, in a label of a few words each one counts."""
    from ...sudachi import morphemes
    from . import lexicon

    return [
        Anchor(m.surface(), "word")
        for m in morphemes(clause)
        if m.part_of_speech()[0] == "形状詞"
        and len(m.surface()) >= MIN_GLOSS_CHARS
        and _KANJI.search(m.surface())
        and m.surface() not in GENERIC
        and lexicon.glosses(m.surface())
    ]


def label_items(source: str) -> list[str]:
    """The items of a short list of labels (要件定義書、基本設計書（機能編、データ定義書）):
    a source cut by 、 into nouns only, no verb, adjective or auxiliary anywhere; [] else."""
    parts = clauses(source)
    text = unicodedata.normalize("NFKC", source).strip()
    if len(parts) < 2 or len(text) > MAX_TITLE_CHARS or re.search(r"[。．.!?！？]", text):
        return []
    from ...sudachi import morphemes

    words = morphemes(text)
    if not words or any(m.part_of_speech()[0] in ("動詞", "形容詞", "助動詞") for m in words):
        return []
    return [p.strip() for p in parts if p.strip()]


def lost_item_words(source: str, translation: str) -> list[str]:
    """Main words of an item of a list of labels, each item judged as a label of its own:
    one of a few words with no English is a changed item (基本設計書 → "Design")."""
    target = _Target(translation)
    lost = []
    for item in label_items(source):
        found = [a for a in anchors(item) if a.kind != "figure"] or whole_label(item)
        missing = [a.surface for a in found if not target.has(a)]
        if _label_lost(item.rstrip("、,，"), missing, len(found)):
            lost += missing
    return list(dict.fromkeys(lost))


def _english_words(text: str) -> bool:
    """Mostly words with vowels and no Japanese ("Next" yes; "xk ab qqz", 次へ no)."""
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
        return False
    words = re.findall(r"[a-z]+", text.lower())
    voiced = [w for w in words if len(w) >= 2 and re.search(r"[aeiouy]", w)]
    return bool(words) and 2 * len(voiced) > len(words)


MAX_LABEL_CHARS = 20  # a label or a caption (目次, 訂正請求書, 施行期日): every main word counts
MAX_ALL_WORDS = 3  # up to this many main words, one lost is a changed meaning


def _title_lost(missing: list[str], total: int, translation: str) -> bool:
    # Two or more main words and two thirds of them gone. (Half is too eager: 一般社団法人
    # … 殿 is rightly "To the President of the … Association", without 法人.)
    if total < 2 or len(missing) < 2 or 3 * len(missing) < 2 * total:
        return False
    return reads_as_english(translation)


def _label_lost(source: str, missing: list[str], total: int, translation: str = "") -> bool:
    """目次 → "Next", 訂正請求書 → "Request for Disclosure": a label of a few words has no
    word to spare, so one main word without its English is a changed meaning."""
    text = unicodedata.normalize("NFKC", source).strip()
    missing = [w for w in missing if not _KATAKANA.fullmatch(w)]
    if len(text) > MAX_LABEL_CHARS or text.endswith("。") or not missing:
        return False  # a loanword alone may be rendered freely (パーツ → "components")
    from .names import PERSON, proper_names
    from .organisations import organisations_in

    if any(kind == PERSON for _, kind, _ in proper_names(text)):
        return False  # 教授箱井崇史: a name line, for the name checks (its titles vary freely)
    if 2 * sum(len(surface) for surface, _ in organisations_in(text)) >= len(text):
        return False  # mostly the name of a body: names.organisation judges it, once
    if total <= MAX_ALL_WORDS or 2 * len(missing) >= total:
        return True
    # A longer label of one compound, no particle (データ品質戦略管理 → "Data Quality
    # Management"): one main word without its English, and the English a word short —
    # dropped, not said by a synonym. With particles a word may go into the grammar
    # (建物の名称のカナ表記 → "Building name in katakana").
    if not translation or re.search(r"[\u3040-\u309f]", text):
        return False
    return _content_words(translation) < total


def check_title(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    """保有個人情報開示請求書 → "Please provide the following information:": the form is
    intact, the meaning is not. Not sure enough for an error: a warning (要確認)."""
    if source_lang != "ja" or target_lang != "en" or not translation.strip():
        return []
    if wordless(source, translation):
        return [no_words(source, translation)]
    quality = lost_quality(source, translation)
    if quality:
        return [quality_lost(source, quality)]
    missing, total = title_words_missing(source, translation)
    if not (
        _title_lost(missing, total, translation) or _label_lost(source, missing, total, translation)
    ):
        missing = lost_item_words(source, translation)
        if not missing:
            return []
    if not _english_words(translation):
        return []  # not English at all: the language and length checks speak for it
    words = "、".join(missing[:4])
    return [
        Finding(
            "meaning.title",
            WARNING,
            source.strip()[:40],
            "",
            f"「{source.strip()[:30]}」の主な語（{words}）が訳文に見当たりません。"
            "意味が変わっている可能性があります（要確認）",
            f"The main words of '{source.strip()[:30]}' ({', '.join(missing[:4])}) are not in "
            "the translation; its meaning may have changed (please check)",
        )
    ]


# Characters that carry no word of their own: numerals, counters and form marks
# (年　月　日 → "/ /" is not a loss).
_NOT_WORDS = re.compile(
    r"[\s\d〇零一二三四五六七八九十百千万億兆年月日時分秒号条項章節頁枚件人回個円歳第記印〃々ー"
    r"\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65!-/:-@\[-`{-~※＊★☆○●◎■□◆◇△▲▽▼→←↑↓]"
)


def wordless(source: str, translation: str) -> bool:
    """目次 → "[1]": a source with words whose translation has no word at all (no letter of
    any script: only figures, brackets and marks)."""
    if re.search(r"[A-Za-z\u3040-\u30ff\u4e00-\u9fff]", unicodedata.normalize("NFKC", translation)):
        return False
    return bool(_NOT_WORDS.sub("", unicodedata.normalize("NFKC", source)))


def no_words(source: str, translation: str) -> Finding:
    return Finding(
        "meaning.title",
        WARNING,
        source.strip()[:40],
        "",
        f"「{source.strip()[:30]}」の訳「{translation.strip()[:20]}」には語がありません"
        "（記号や数字だけです）。意味が失われています（要確認）",
        f"The translation '{translation.strip()[:20]}' of '{source.strip()[:30]}' has no words "
        "(only figures or marks); its meaning is lost (please check)",
    )


# --- a quality noun (回復性, 追跡可能性) rendered as the act ---------------------------------

# A label that ends in a verbal noun + 性 (可能性): the quality of being so (回復性
# recoverability, 理解性 understandability, 追跡可能性 traceability). Its English is an
# abstract noun of quality, not the act ("Rehabilitation", "Understanding") nor another
# thing ("Tracking potential"), unless the dictionary lists the whole word's English.
_QUALITY = re.compile(r"([\u4e00-\u9fff々]{2,}?)(可能)?性[\s)）\]】]*$")
_QUALITY_WORD = re.compile(
    r"[a-z]{2,}(?:ity|ty|ness|ance|ence|ancy|ency|cy|ism|ship|age)\b|\bease\b|\bdegree\b"
)


def lost_quality(source: str, translation: str) -> str:
    """The quality noun of a short label whose English names no quality, or ""."""
    from .lexicon import EnglishText, glosses

    text = unicodedata.normalize("NFKC", source).strip()
    found = _QUALITY.search(text)
    if len(text) > MAX_LABEL_CHARS or found is None or text.endswith("。"):
        return ""
    base = found.group(1)[-2:] if len(found.group(1)) > 2 else found.group(1)
    word = text[found.start() : found.end()].rstrip(" )）]】")
    if not _verbal_noun(base) or not reads_as_label_english(translation):
        return ""
    english = EnglishText(translation)
    lower = unicodedata.normalize("NFKC", translation).lower()
    whole = (word, base + (found.group(2) or "") + "性")  # データ一貫性: 一貫性
    if any(english.shows(glosses(w)) for w in whole if glosses(w)):
        return ""  # 信頼性 → "reliability": the dictionary's own English
    return "" if _QUALITY_WORD.search(lower) else word


def reads_as_label_english(translation: str) -> bool:
    return bool(re.search(r"[A-Za-z]{3}", translation)) and not _JAPANESE.search(translation)


def quality_lost(source: str, word: str) -> Finding:
    return Finding(
        "meaning.title",
        WARNING,
        word,
        "",
        f"「{word}」は性質（〜できること・〜性）を表す語ですが、訳文には性質を表す語がなく、"
        "動作や別の物の名前になっています。意味が変わっている可能性があります（要確認）",
        f"'{word}' names a quality (being able to be ...), but the translation names an act "
        "or another thing, not a quality; its meaning may have changed (please check)",
    )
