"""Names and terms that must survive translation.

- URLs, e-mail addresses and phone numbers: kept exactly (a dropped URL is content loss);
- Latin-script terms of a Japanese source (GIF, API, MLETR): kept as written;
- person and place names (Sudachi 固有名詞 人名/地名): their romanized reading is
  in the translation (Hepburn or Kunrei, long vowels written or not);
- law and rule titles (…法, …に関する法律, …規則, …令): the translation names a law
  (Act, Law, Code, Order, Rules …);
- an addressee line (…会長　殿, …様): the name before 殿/様 is translated, not
  turned into a bare honorific ("Mr. Mr");
- titles of persons (titles.py) and organisations (organisations.py);
- no added country: a country the translation names must be in the source
  (日本海運集会所 → "Japan-China Shipping Association").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from ...paths import resources_dir
from ...sudachi import tokenizers_or_none
from ..law_words import NOT_LAW_ENDINGS
from . import lexicon
from .finding import ERROR, WARNING, Finding
from .omission import content_length

_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d-])(?:\+81[-\s]?)?0\d{1,4}[-(\s]\d{1,4}[-)\s]\d{3,4}(?![\d-])")
# Digits inside a Latin term; not those before 条, 項 …, an article's number (ＭＬＥＴＲ１０条１項).
TERM_DIGITS = r"\d+(?!\d|\s*[条項号章節])"
_LATIN_TERM = re.compile(
    rf"(?<![A-Za-z0-9])[A-Za-z](?:[A-Za-z]|{TERM_DIGITS})*(?:[-.][A-Za-z0-9]+)*"
)
_LAW_SUFFIX = "に関する法律|法律|施行規則|施行令|議事規則|規則|規程|政令|省令|府令|条例|訓令|告示|要綱|審議会令|法"
_LAW = re.compile(rf"[\u4e00-\u9fff々]{{2,}}(?:{_LAW_SUFFIX})(?![\u4e00-\u9fff々])")
_LAW_WORDS = re.compile(
    r"\b(?:act|acts|law|laws|code|order|ordinance|regulations?|rules?|decree|constitution|"
    r"notices?|notifications?|instructions?|directives?|guidelines?|outlines?|provisions?|bylaws?|"
    r"orders|ordinances|codes|decrees|"
    r"statutes?|legislation|legal)\b",
    re.I,
)
_HONORIFICS = re.compile(
    r"\b(?:mr|mrs|ms|miss|dr|dear|sir|madam|messrs|to|the|attn|attention)\b\.?", re.I
)
_ADDRESSEE = re.compile(r"[\s\u3000]*(?:殿|様)[\s\u3000]*$")

PERSON = "人名"
_NUMERALS = r"[〇一二三四五六七八九十百千万0-9０-９]"
PLACE = "地名"


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _phone_digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("81") else digits


def check_identifiers(source: str, translation: str) -> list[Finding]:
    """URLs, e-mail addresses and phone numbers of the source, kept in the translation."""
    source, translation = _normal(source), _normal(translation)
    lowered = translation.lower()
    compact_digits = re.sub(r"\D", "", translation)
    findings = []
    for url in dict.fromkeys(m.group(0).rstrip(".,;:") for m in _URL.finditer(source)):
        if url.lower().rstrip("/") not in lowered:
            findings.append(_lost("names.url", url, "URL", "URL"))
    for email in dict.fromkeys(m.group(0).rstrip(".") for m in _EMAIL.finditer(source)):
        if email.lower() not in lowered:
            findings.append(_lost("names.email", email, "メールアドレス", "e-mail address"))
    for phone in dict.fromkeys(m.group(0) for m in _PHONE.finditer(source)):
        digits = _phone_digits(phone)
        if digits not in compact_digits and digits[1:] not in compact_digits:
            findings.append(_lost("names.phone", phone, "電話番号", "phone number"))
    return findings


def _lost(check: str, surface: str, ja: str, en: str) -> Finding:
    return Finding(
        check,
        ERROR,
        surface,
        surface,
        f"原文の{ja}「{surface}」が訳文にありません",
        f"The source {en} '{surface}' is missing from the translation",
    )


# Latin terms of Japanese text that English says in words as often as with the letters.
_LATIN_TERM_ENGLISH = {
    "sns": ("social media", "social network"),
    # Web開催, Web会議: an event or a meeting held "online"
    "web": ("online", "internet", "virtual"),
}


def said_in_words(term: str, lowered: str) -> bool:
    """SNS → "social media", PT → "project team": a Latin term of the source said in words
    (lower-case text), from the list or, for an acronym, by the initials of its words."""
    if any(english in lowered for english in _LATIN_TERM_ENGLISH.get(term.lower(), ())):
        return True
    return _spelled_out(term, lowered)


# Words an acronym's spelled-out form may hold without a letter of their own (ICT →
# "information and communications technology").
_ACRONYM_GLUE = frozenset({"and", "of", "for", "the"})


# Words of four letters or more that carry no content: no acronym's letter stands for them.
_NOT_SPELLED = frozenset(
    "this that these those with from they them their there then than have been will were "
    "what when where which while would could should shall must into onto upon also only "
    "some such each other about over under very more most".split()
)


def _spelled_out(term: str, lowered: str) -> bool:
    """An acronym of two to five capitals said as content words whose initials spell it,
    each of four letters or more (short words spell any two letters by chance: "put this")."""
    if not (term.isascii() and term.isalpha() and term.isupper() and 2 <= len(term) <= 5):
        return False
    words = re.findall(r"[a-z]+", lowered)
    letters = term.lower()
    for start in range(len(words)):
        i, matched = start, 0
        while i < len(words) and matched < len(letters):
            word = words[i]
            if matched and word in _ACRONYM_GLUE:
                i += 1
                continue
            if len(word) < 4 or word[0] != letters[matched] or word in _NOT_SPELLED:
                break
            matched, i = matched + 1, i + 1
        if matched == len(letters):
            return True
    return False


def _spelled(term: str) -> str:
    """A pattern for a Latin term in any of its usual spellings: where letters meet digits
    a hyphen or space may stand or not (Ｃ17 → "C-17", Ｃ２ → "C-2", F-35 → "F35")."""
    parts = re.findall(r"[a-z]+|[0-9]+|[^a-z0-9-]+", term)
    return r"[-\s]?".join(re.escape(p) for p in parts)


def check_latin_terms(source: str, translation: str) -> list[Finding]:
    """Latin-script words of a Japanese source (GIF, API, Excel) appear in the translation."""
    source = _URL.sub(" ", _EMAIL.sub(" ", _normal(source)))
    # Not inside a URL: "plateau" in mlit.go.jp/plateau/ is no translation of PLATEAU.
    lowered = _URL.sub(" ", _EMAIL.sub(" ", _normal(translation))).lower()
    findings = []
    # A term glued to a loanword is one English word with it: Webサイト → "websites".
    glued = {
        m.group(0)
        for m in _LATIN_TERM.finditer(source)
        if re.match(r"[\u30a1-\u30fa]", source[m.end() : m.end() + 1])
    }
    for term in dict.fromkeys(m.group(0) for m in _LATIN_TERM.finditer(source)):
        ending = "[a-z]*" if term in glued else "(?:s|es)?(?![a-z0-9])"
        if len(term) < 2 or re.search(rf"(?<![a-z0-9]){_spelled(term.lower())}{ending}", lowered):
            continue
        if said_in_words(term, lowered):
            continue
        findings.append(
            Finding(
                "names.term",
                WARNING,
                term,
                term,
                f"原文の語「{term}」が訳文に見当たりません",
                f"The source term '{term}' is not in the translation",
            )
        )
    return findings


def law_titles(source: str) -> list[str]:
    return [
        m.group(0)
        for m in _LAW.finditer(_normal(source))
        if not m.group(0).endswith(NOT_LAW_ENDINGS)
    ]


def check_law_titles(source: str, translation: str) -> list[Finding]:
    from .organisations import transliterated

    titles = law_titles(source)
    if not titles or _LAW_WORDS.search(translation):
        return []
    # A term kept in romaji is said, not lost (中止法 "chushi-ho", a grammar term).
    titles = [t for t in titles if not transliterated(t, translation)]
    if not titles:
        return []
    title = titles[0]
    return [
        Finding(
            "names.law",
            WARNING,
            title,
            title,
            f"原文の法令名「{title}」に当たる訳が見当たりません",
            f"The title of the law or rule '{title}' does not seem to be translated",
        )
    ]


def check_addressee(source: str, translation: str) -> list[Finding]:
    """「…会長　殿」: the addressee's name must be in the translation, not only 'Mr.'."""
    stripped = source.strip()
    if not _ADDRESSEE.search(stripped):
        return []
    name = _ADDRESSEE.sub("", stripped)
    if content_length(name) < 2:
        return []  # a form's bare 「殿」 label
    left = _HONORIFICS.sub(" ", _normal(translation))
    words = re.findall(r"[A-Za-z]{2,}", left)
    repeated = re.search(r"\b(mr|mrs|ms|dr)\b\.?\s*\1\b", translation, re.I)
    if (
        words
        and content_length(" ".join(words)) >= min(4, 2 * content_length(name))
        and not (repeated)
    ):
        return []
    return [
        Finding(
            "names.addressee",
            ERROR,
            translation[:40],
            name,
            f"宛名「{name}」が訳文にありません（敬称だけになっています）",
            f"The addressee '{name}' is missing from the translation (only a title is left)",
        )
    ]


# --- person and place names (Sudachi) ------------------------------------------------


MAX_SUDACHI_BYTES = 48_000  # a margin below sudachi.MAX_BYTES (SudachiPy's limit per call)


def proper_names(text: str) -> list[tuple[str, str, str]]:
    """(surface, kind, katakana reading) of person and place names, in order, once each;
    given names only where no surname is given."""
    loaded = tokenizers_or_none("A")  # 東京都千代田区 → 東京 都 千代田 区
    if loaded is None or not re.search(r"[\u4e00-\u9fff\u30a0-\u30ff]", text):
        return []
    tokenizer, mode = loaded
    raw = text.encode("utf-8")[:MAX_SUDACHI_BYTES].decode("utf-8", "ignore")
    names: dict[str, tuple[str, str, str]] = {}
    tokens = [m for m in tokenizer.tokenize(raw, mode) if m.part_of_speech()[1] == "固有名詞"]
    given_names_at = {
        m.begin(): m.end() for m in tokens if m.part_of_speech()[2:4] == (PERSON, "名")
    }
    # A "place" right before a given name is a surname (盛山 + 正仁: Moriyama Masahito).
    surnames = {
        m.begin()
        for m in tokens
        if m.part_of_speech()[2:4] == (PERSON, "姓")
        or m.part_of_speech()[2] == PLACE
        and m.end() in given_names_at
    }
    has_surname = bool(surnames)
    for m in tokens:
        pos = m.part_of_speech()
        if m.begin() in surnames and pos[2] == PLACE:
            pos = (*pos[:2], PERSON, "姓", *pos[4:])
        if pos[2] not in (PERSON, PLACE) or pos[3] == "国":
            continue
        if pos[2] == PERSON and pos[3] == "名" and has_surname:
            # Given names have many readings (秀征: Hideyuki or Shusei); the surname
            # beside it says whether the person is there.
            continue
        surface = m.surface()
        if pos[2] == PERSON and re.fullmatch(r"[\u30a0-\u30ffー・]+", surface):
            continue  # エマニュエル is Emanuel: a foreign name's spelling is not its kana reading
        if len(surface) < 2 and pos[2] == PLACE:
            continue
        if re.fullmatch(rf"{_NUMERALS}+[人名年月日回件号条條號]?", surface):
            continue  # 二十人 is read as a place 十人 (第二十七條 a person 七條): figures, not names
        if _split_artefact(raw, m.begin(), m.end(), pos[2], given_names_at):
            continue
        names.setdefault(surface, (surface, pos[2], m.reading_form()))
    return list(names.values())


# Sudachi glues legal connectives and suffixes onto the word before them and then calls
# the result a name (国又は → 国又, 長等, 申立人 → 申 + 立人, 日後). In 13 real laws
# (19,667 sentences; hardly any real names) 453 "names" were found, 302 of them this way.
_CONNECTIVE_ENDS = {"又": "は", "及": "び", "並": "び", "若": "しく"}  # 又は 及び 並びに 若しくは
_AFTER_ONE_CHAR_NAME = re.compile(
    r"(氏|様|殿|君|さん|先生|[\u4e00-\u9fff]{0,4}(長|官|員|臣|授|士))"
)


def _split_artefact(text: str, begin: int, end: int, kind: str, given_names_at: dict) -> bool:
    surface, after = text[begin:end], text[end : end + 6]
    tail = _CONNECTIVE_ENDS.get(surface[-1])
    if tail and after.startswith(tail) or len(surface) > 1 and surface.endswith("等"):
        return True
    if re.fullmatch(r"[\u3040-\u309f]+", surface):
        return True  # a kana-only "name" in a law is old spelling (しゆ), not a person
    if re.fullmatch(rf"{_NUMERALS}+[種類級]|[日月年時][前後]|.+法|法.", surface):
        return True  # 三種病原体, 譲渡した日後, 下水道法 → 道法, 会社法目次 → 法目
    if surface[0] == "中" and begin > 0 and text[begin - 1] in "条項号編章法令":
        return True  # 第二十一条中内航海運業法 ("in Article 21, ...") → 中内
    if kind == PERSON and _given_name_is_a_verb(text, end, given_names_at):
        return True  # 百歩譲って ("granting that much") read as 百歩 + 譲, a surname and a name
    if kind == PERSON and len(surface) == 1:
        if _AFTER_ONE_CHAR_NAME.match(after):
            return False  # 林部長, 堀委員 (not 原処分庁)
        given = end + len(after) - len(after.lstrip(" \u3000"))
        if given not in given_names_at:
            return True
        # 楠正憲, 菅　直人 are names; 申立人 (申 + 立人) is a word of the dictionary
        return text[begin : given_names_at[given]].replace("\u3000", "") in lexicon.entries()
    return False


def _given_name_is_a_verb(text: str, at: int, given_names_at: dict) -> bool:
    """A one-kanji given name right after a name, which read alone with the kana after it is
    a verb (譲って → 譲る, not the name 譲)."""
    if given_names_at.get(at) != at + 1 or not re.match(r"[\u3040-\u309f]", text[at + 1 : at + 2]):
        return False
    tokenizer, mode = tokenizers_or_none("A")
    first = next(iter(tokenizer.tokenize(text[at : at + 6], mode)), None)
    return first is not None and first.part_of_speech()[0] == "動詞"


def short_words(text: str) -> list[str]:
    """Sudachi's shortest words (テキストベース → テキスト, ベース); [text] without Sudachi."""
    loaded = tokenizers_or_none("A")
    if loaded is None:
        return [text]
    tokenizer, mode = loaded
    raw = text.encode("utf-8")[:MAX_SUDACHI_BYTES].decode("utf-8", "ignore")
    return [m.surface() for m in tokenizer.tokenize(raw, mode)]


def word_boundaries(text: str) -> frozenset[int] | None:
    """Offsets where Sudachi's shortest words begin or end (None without Sudachi); past what
    one Sudachi call takes, every offset counts."""
    if tokenizers_or_none("A") is None:
        return None
    cuts, at = {0}, 0
    for word in short_words(text):
        at += len(word)
        cuts.add(at)
    return frozenset(cuts | set(range(at, len(text) + 1)))


def reading_of(text: str) -> str:
    """Katakana reading of a short text (デジタル庁 → デジタルチョウ); "" without Sudachi."""
    loaded = tokenizers_or_none("A")
    if loaded is None:
        return ""
    tokenizer, mode = loaded
    # 〇 as a bullet (〇都政承第) makes Sudachi read the whole run as one unknown word: it is
    # a mark there, not the numeral of 二〇二二.
    text = re.sub(r"(?<![〇一二三四五六七八九十百千])〇(?![〇一二三四五六七八九十百千])", "○", text)
    raw = text.encode("utf-8")[:MAX_SUDACHI_BYTES].decode("utf-8", "ignore")
    return "".join(
        m.reading_form()
        for m in tokenizer.tokenize(raw, mode)
        if m.part_of_speech()[0] not in ("補助記号", "空白")  # ○ is read キゴウ, "symbol"
    )


_KANA = {
    **dict.fromkeys("アァ", "a"),
    **dict.fromkeys("イィ", "i"),
    **dict.fromkeys("ウゥ", "u"),
    **dict.fromkeys("エェ", "e"),
    **dict.fromkeys("オォ", "o"),
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo", "ャ": "ya", "ュ": "yu", "ョ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヲ": "o", "ン": "n", "ヴ": "bu",
}  # fmt: skip


def romanize(katakana: str) -> str:
    """Hepburn romaji of a katakana reading (キョウト → kyouto); long vowels kept as written."""
    out = ""
    double = False
    for char in katakana:
        if char == "ッ":
            double = True
            continue
        if char == "ー":
            out += out[-1:] if out[-1:] in "aiueo" else ""
            continue
        roman = _KANA.get(char, "")
        if char in "ャュョ" and out.endswith("i") and len(out) >= 2:
            # キャ → kya, シャ → sha, チャ → cha, ジャ → ja
            stem = out[:-1]
            roman = roman[1:] if stem.endswith(("sh", "ch", "j")) else roman
            out = stem + roman
            continue
        if double and roman:
            out += "t" if roman.startswith("ch") else roman[0]
        double = False
        out += roman
    return out


_SKELETON_STEPS = (
    ("tch", "cch"),
    ("dzu", "zu"),  # ヅ in the old spelling of names: Shimadzu (島津), Kadzuo
    ("shi", "si"),
    ("chi", "ti"),
    ("tsu", "tu"),
    ("fu", "hu"),
    ("ji", "zi"),
    ("sh", "sy"),
    ("ch", "ty"),
    ("j", "zy"),
    ("mb", "nb"),
    ("mp", "np"),
    ("mm", "nm"),
    ("oh", "o"),
    ("ou", "o"),
    ("oo", "o"),
    ("uu", "u"),
    ("aa", "a"),
    ("ii", "i"),
    ("ee", "e"),
    ("ei", "e"),
)


def skeleton(text: str) -> str:
    """Latin text reduced so that Hepburn, Kunrei and long-vowel spellings compare equal."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = re.sub(r"[^a-z]", "", text)
    for old, new in _SKELETON_STEPS:
        text = text.replace(old, new)
    return text


# 大阪府 → Osaka (Prefecture), 東京都 → Tokyo, 千代田区 → Chiyoda (City): the suffix is
# translated, not romanized.
_PLACE_SUFFIXES = (
    ("府", "フ"),
    ("県", "ケン"),
    ("都", "ト"),
    ("市", "シ"),
    ("区", "ク"),
    ("町", "チョウ"),
    ("町", "マチ"),
    ("村", "ムラ"),
    ("村", "ソン"),
    ("郡", "グン"),
)


def name_reading(surface: str, kind: str, reading: str) -> str:
    if kind == PLACE and len(surface) > 2:
        for suffix, kana in _PLACE_SUFFIXES:
            if surface.endswith(suffix) and reading.endswith(kana):
                return reading[: -len(kana)]
    return reading


def _same_consonants(wanted: str, capitals: set[str]) -> bool:
    """A capitalised word with the reading's first letter and consonants: the reading of a
    person's name is often not the dictionary's (雨宮 Amemiya/Amamiya, 東 Azuma/Higashi
    differ more and stay apart). Voiced or not is the same here: names change it when
    joined (比嘉 Hika/Higa, 中島 Nakashima/Nakajima, 山崎 Yamasaki/Yamazaki)."""
    consonants = _unvoiced(re.sub(r"[aeiou]", "", wanted))
    return len(consonants) >= 2 and any(
        _unvoiced(w[:1]) == _unvoiced(wanted[:1])
        and _unvoiced(re.sub(r"[aeiou]", "", w)) == consonants
        for w in capitals
    )


_VOICING = str.maketrans("gzdbp", "ksthh")


def _unvoiced(consonants: str) -> str:
    return consonants.translate(_VOICING)


# Posts and honorifics said right after a person's name in speech and minutes (盛山大臣,
# 北澤委員, 山田君): the word before them is a person, whatever the dictionary calls it.
_PERSON_AFTER = re.compile(
    # a minister by the ministry's name too: 盛山文科大臣, 加藤厚生労働大臣
    r"(?:[\u4e00-\u9fff]{0,6}?副?大臣|総理|首相|政務官|委員長?|議員|議長|部会長|会長|幹事|長官|"
    r"局長|審議官|参考人|知事|市長|代表|先生|君|さん|氏|様|殿)"
)
_MAX_COMPOSED = 64


def _composed_readings(surface: str) -> set[str]:
    """A surname read kanji by kanji (盛山: モリ + ヤマ), where the dictionary only knows
    the word as a place (サカリヤマ) or not at all."""
    from ...sudachi import readings

    combos = [""]
    for char in surface:
        options = [r for r in readings(char) if 0 < len(r) <= 4][:8]
        if not options:
            return set()
        combos = [c + r for c in combos for r in options][:_MAX_COMPOSED]
    return set(combos)


def _said_with_post(source: str, surface: str) -> bool:
    """The name comes right before a post or honorific, or before a given name and one
    (盛山大臣, 比嘉奈津美委員)."""
    loaded = tokenizers_or_none("A")
    if loaded is None:
        return False
    tokenizer, mode = loaded
    raw = source.encode("utf-8")[:MAX_SUDACHI_BYTES].decode("utf-8", "ignore")
    tokens = list(tokenizer.tokenize(raw, mode))
    for i, m in enumerate(tokens):
        if m.surface() != surface:
            continue
        end = m.end()
        if i + 1 < len(tokens) and tokens[i + 1].part_of_speech()[2:4] == (PERSON, "名"):
            end = tokens[i + 1].end()
        if _PERSON_AFTER.match(raw, end):
            return True
    return False


def _read_otherwise(source: str, surface: str, kind: str, target: str, capitals: set[str]) -> bool:
    """The name is in the translation under another reading: one the dictionary lists for
    the same word (黄川田: Kikawata, Kikawada; 柚木: Yuzuki, Yunoki), or, for a name said
    with a post (盛山大臣 → "Minister Moriyama"), its kanji read one by one — as a whole
    capitalised word only, so that a made-up reading cannot match part of another word."""
    from ...sudachi import readings

    for other in readings(surface, proper_only=True):
        wanted = skeleton(romanize(name_reading(surface, kind, other)))
        if len(wanted) >= 2 and (wanted in target or _same_consonants(wanted, capitals)):
            return True
    with_post = _said_with_post(source, surface)
    if (
        not with_post
        or not 2 <= len(surface) <= 3
        or not re.fullmatch(r"[\u4e00-\u9fff々]+", surface)
    ):
        return False
    return any(skeleton(romanize(r)) in capitals for r in _composed_readings(surface))


def _common_word_said(source: str, surface: str, translation: str) -> bool:
    """A "surname" that is a common word too, with no post or given name beside it, whose
    dictionary English is in the translation: 根本趣旨 is the "fundamental principle" (Sudachi
    reads the surname 根本 Nemoto). 根本委員, 根本匠 stay names."""
    from .lexicon import EnglishText, glosses

    meaning = glosses(surface)
    if not meaning or _said_with_post(source, surface) or _given_name_after(source, surface):
        return False
    return EnglishText(translation).shows(meaning)


def _given_name_after(source: str, surface: str) -> bool:
    loaded = tokenizers_or_none("A")
    if loaded is None:
        return True
    tokenizer, mode = loaded
    raw = source.encode("utf-8")[:MAX_SUDACHI_BYTES].decode("utf-8", "ignore")
    tokens = list(tokenizer.tokenize(raw, mode))
    return any(
        m.surface() == surface
        and i + 1 < len(tokens)
        and tokens[i + 1].part_of_speech()[2:4] == (PERSON, "名")
        for i, m in enumerate(tokens)
    )


def _foreign_name_said(surface: str, translation: str) -> bool:
    """A foreign name in katakana is said in its own spelling, not in romaji: サンフランシスコ
    → "San Francisco" (as a loanword is matched: by its consonants), or a listed country by
    any of its English words (スコットランド議会 → "the Scottish Parliament")."""
    if country_said(surface, translation):
        return True
    if not re.fullmatch(r"[\u30a1-\u30faー・]+", surface):
        return False
    from .loanwords import LoanwordSkeletons

    return LoanwordSkeletons(translation).shows(surface.replace("・", ""))


def country_said(surface: str, translation: str) -> bool:
    """`surface` is a word of a listed country or region (ja_en_countries.tsv) and the
    translation names it by one of its English words (Scotland, Scottish, Scots; 欧州 →
    "European", 中東 → "Middle East"), not by its reading."""
    return any(
        surface in japanese and pattern.search(translation) for pattern, japanese in countries()
    )


def check_proper_names(source: str, translation: str) -> list[Finding]:
    """Person and place names of a Japanese source, romanized, are in the translation."""
    # Word by word: "Ms. Hanako" must not read as "msyanako".
    target = " ".join(skeleton(w) for w in _normal(translation).split())
    capitals = {skeleton(w) for w in re.findall(r"\b[A-Z][a-z]+", _normal(translation))}
    findings = []
    companies: list[str] | None = None
    for surface, kind, reading in proper_names(source):
        roman = romanize(name_reading(surface, kind, reading))
        wanted = skeleton(roman)
        if len(wanted) < 2 or wanted in target:
            continue
        if kind == PERSON and _same_consonants(wanted, capitals):
            continue  # 雨宮: Sudachi reads Amamiya, the person is Amemiya
        if _read_otherwise(source, surface, kind, target, capitals):
            continue
        if kind == PERSON and _common_word_said(source, surface, translation):
            continue
        if kind == PLACE:
            # 東京 of 東京海上日動 ("Tokio Marine"): a listed company's name, which
            # names.organisation judges with the company's own English
            from .companies import companies_in

            if companies is None:
                companies = [found for found, _ in companies_in(_normal(source))]
            if any(surface in found for found in companies):
                continue
        if _foreign_name_said(surface, translation):
            continue
        ja, en = ("人名", "person name") if kind == PERSON else ("地名", "place name")
        findings.append(
            Finding(
                "names.person" if kind == PERSON else "names.place",
                WARNING,
                surface,
                roman.capitalize(),
                f"原文の{ja}「{surface}」（{roman.capitalize()}）が訳文に見当たりません",
                f"The source {en} '{surface}' ({roman.capitalize()}) is not in the translation",
            )
        )
    return findings


COUNTRY_FILE = ("names", "ja_en_countries.tsv")


@functools.cache
def countries() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """(pattern of the English names, Japanese words) per country of the list."""
    try:
        lines = resources_dir().joinpath(*COUNTRY_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:  # a broken install must not stop translating; other checks still run
        return []
    table = []
    for line in lines:
        columns = line.split("\t")
        if line.startswith("#") or len(columns) < 2 or columns[1].strip() == "原語":
            continue
        names = [n.strip() for n in columns[0].split("|") if n.strip()]
        # USA, UK, EU in capitals only: "us" is a pronoun.
        parts = [re.escape(n) if n.isupper() or "." in n else f"(?i:{re.escape(n)})" for n in names]
        pattern = re.compile(rf"(?<![A-Za-z])(?:{'|'.join(parts)})(?![A-Za-z])")
        table.append((pattern, tuple(w.strip() for w in columns[1].split("|") if w.strip())))
    return table


def check_added_countries(source: str, translation: str) -> list[Finding]:
    """Japanese → English: a country named in the translation and nowhere in the source."""
    source = _normal(source)
    findings = []
    for pattern, japanese in countries():
        named = pattern.search(translation)
        if named is None or any(_normal(j) in source for j in japanese):
            continue
        findings.append(
            Finding(
                "names.added",
                WARNING,
                named.group(0),
                "",
                f"訳文の国・地域名「{named.group(0)}」は原文にありません（原文にない内容の可能性があります）",
                f"The translation names '{named.group(0)}', which the source does not "
                "(it may have been made up)",
                weak=True,  # alone worth a look (tiers.py): context adds countries
            )
        )
    return findings


_CAPITALS = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9&]{1,9}(?![A-Za-z0-9])")
# Written for Japanese words (情報技術 → IT, 午前 → AM) or Roman numerals, not names.
_COMMON_CAPITALS = {"IT", "ID", "AM", "PM", "OK", "II", "III", "IV", "VI", "VII", "VIII", "IX"}
# Acronyms English writes for a Japanese word that no dictionary gloss spells out:
# 新型コロナウイルス感染症 is "COVID-19" in every government translation since 2020.
# 自衛官 (JMdict "Self-Defense Force personnel") and 自衛隊員 are "SDF personnel".
_ACRONYM_OF = {"COVID": ("コロナ",), "SDF": ("自衛",), "JSDF": ("自衛",)}


_STOP = {"of", "the", "and", "for", "to", "in", "on", "a", "an"}


def glossed_acronyms(source: str) -> set[str]:
    """Acronyms the source's own words stand for, by their dictionary English: 自衛隊 is
    "Self-Defense Force" (SDF) or "JSDF"; 国内総生産 is "gross domestic product" (GDP)."""
    from .lexicon import entries

    table, found = entries(), set()
    for run in re.findall(r"[\u4e00-\u9fff々\u30a0-\u30ff]{2,}", source):
        for i in range(len(run)):
            for j in range(i + 2, min(len(run), i + 10) + 1):
                for gloss in table.get(run[i:j], "").split("|"):
                    words = [w for w in re.split(r"[\s-]+", gloss) if w and w not in _STOP]
                    if len(words) == 1 and words[0].isalpha() and len(words[0]) <= 6:
                        found.add(words[0].upper())  # the gloss is the acronym itself
                    elif len(words) >= 3:  # two initials (AB) match too much by chance
                        initials = "".join(w[0] for w in words).upper()
                        found |= {initials, "J" + initials}  # Japan('s) X: JSDF, JCG
    return found


def check_added_terms(source: str, translation: str) -> list[Finding]:
    """Japanese → English: an acronym the source does not have ("standard JPEG" for
    GIF以外の標準, a real docx07 run); a listed body's abbreviation (MOJ) is fine."""
    from .organisations import organisations_in
    from .spelled import spelled_letters

    source = _normal(source)
    # Any part of the source's Latin words: i-UR has UR.
    allowed = {p.upper() for w in _LATIN_TERM.findall(source) for p in re.split(r"[-.]", w)}
    allowed |= _COMMON_CAPITALS
    allowed |= {a for a, words in _ACRONYM_OF.items() if any(w in source for w in words)}
    allowed |= {letters for _, letters in spelled_letters(source)}  # ティービーケー is TBK
    fiscal = "年度" in source  # 2022年度 → "FY2022", 202●年度 → "FY202●"
    for _, organisation in organisations_in(source):
        if organisation is not None:
            allowed |= {n for n in organisation.english if re.fullmatch(r"[A-Z][A-Z0-9&-]+", n)}
    added = [
        m.group(0)
        for m in _CAPITALS.finditer(_URL.sub(" ", _normal(translation)))
        if m.group(0) not in allowed
        and not any(p.search(m.group(0)) for p, _ in countries())
        and not (fiscal and re.fullmatch(r"FY\d{0,4}", m.group(0)))
    ]
    if added:
        glossed = glossed_acronyms(source)
        added = [term for term in added if term not in glossed]
    if added:  # 山本理基 → "YAMAMOTO Riki": a family name in capitals, as lists of members write it
        read = {skeleton(romanize(r)) for _, kind, r in proper_names(source) if kind == PERSON}
        added = [term for term in added if skeleton(term) not in read]
    return [
        Finding(
            "names.added",
            WARNING,
            term,
            "",
            f"訳文の略語「{term}」は原文にありません（原文にない内容の可能性があります）",
            f"The translation has the acronym '{term}', which the source does not have "
            "(it may have been made up)",
            weak=True,  # alone worth a look (tiers.py): "AI", "CSTI" that context implies
        )
        for term in dict.fromkeys(added)
    ]


def check_names(
    source: str,
    translation: str,
    source_lang: str,
    target_lang: str,
    glossary_sources: Sequence[str] = (),
    written: str | None = None,
) -> list:
    """`source` may have old kanji folded to new forms (國會 → 国会); `written` is the source
    as written, for person names, which keep their old forms (渡邊, 堂薗)."""
    from .bodywords import check_body_words
    from .organisations import check_added_bodies, check_organisations
    from .titles import check_titles

    findings = check_identifiers(source, translation)
    if source_lang == "ja" and target_lang not in ("ja", "zh", "ko"):
        findings += check_addressee(source, translation)
        findings += check_latin_terms(source, translation)
        organisations = check_organisations(source, translation, glossary_sources)
        # 東京都 missing is one finding (the organisation), not also the place 東京.
        findings += [
            f
            for f in check_proper_names(written or source, translation)
            if not any(f.surface in o.surface for o in organisations)
        ]
        findings += organisations
        findings += check_body_words(source, translation, glossary_sources)
        findings += check_titles(source, translation)
        findings += check_added_countries(source, translation)
        findings += check_added_bodies(source, translation)
        findings += check_added_terms(source, translation)
        findings += check_law_titles(source, translation)
        findings += check_quoted_names(source, translation)
    return findings


# A name the source quotes: a policy, a plan, a report (「…強化方針」「…育成計画」).
_QUOTED_JA = re.compile(r"「[^「」]{4,}」|『[^『』]{4,}』")
# The English quotes names with straight or curly double quotes.
_QUOTED_EN = re.compile(r"\"[^\"]{3,}\"|“[^”]{3,}”")


def check_quoted_names(source: str, translation: str) -> list[Finding]:
    """Fewer quoted names in the English than the source quotes, where the English does
    quote: a translation that keeps quotation marks keeps one per name, so a name is lost
    or merged into another (fresh_runs_s7 docx10: two plans, one garbled title left).
    English without any quotation mark says nothing (names may be set in italics)."""
    quoted = _QUOTED_JA.findall(source)
    said = len(_QUOTED_EN.findall(translation))
    if len(quoted) < 2 or not 1 <= said < len(quoted):
        return []
    if said >= sum(not q.startswith("『") for q in quoted):
        return []  # a title in 『』 (a book, a journal) may be set in italics, unquoted
    names = "".join(quoted)
    return [
        Finding(
            "names.quoted",
            WARNING,
            names,
            "",
            f"原文は{len(quoted)}つの名称（{names}）を「」で示していますが、訳文の引用符は"
            f"{said}つです。名称が抜けたか、まとめられた可能性があります",
            f"The source quotes {len(quoted)} names ({names}) but the translation quotes "
            f"only {said}: a name may be missing or merged into another",
        )
    ]
