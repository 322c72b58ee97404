"""English content words of a short translation that nothing in the source stands for.

The other checks look for the source's words in the translation. A short label can keep
them all and still say more: in real demo-model runs 市民課 became "City Tax Office",
財産経営課 "The bank's property management department", 評価者 "The evaluation committee"
and 目的 "What is the purpose of the application?". Here each English content word of the
translation of a short segment (a label, a body's name, a table header) must be explained
by the source, read from the English side:

- a dictionary word anywhere in the source (JMdict glosses, lexicon.py; every substring,
  so no segmentation choice hides a word), the official-name word list, the organisation
  and titles lists, the kinds of body (課 → Division, Office …);
- a loanword or a name: an English word whose sound is a katakana word or the romanised
  reading of the source (データ → data, 高松 → Takamatsu);
- Latin words of the source itself; number words where the source has a number;
- function words, and the few words a translation adds to any label (list, information …).

A capitalised word that no dictionary knows, beside a source name whose reading the
English lacks, is taken as that name's spelling (Sudachi's reading may be wrong). A warning
(要確認): a synonym outside the dictionary's first glosses reads as added too.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ...sudachi import tokenizers_or_none
from .finding import WARNING, Finding

MAX_SOURCE_CHARS = 20  # labels, body names, table headers: longer text paraphrases freely
MAX_SUBSTRING = 10  # longest dictionary headword looked up inside the source
_COMPANY_FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30faー]{2,}")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff々]")
_WORD = re.compile(r"[A-Za-z]+")

# Function words and words with no content of their own.
FUNCTION_WORDS = frozenset(
    """a an the of and or nor for in on at to by with from into onto as than per via
    this that these those it its it's itself there here they them their we our us you your
    i me my he she his her be is are was were been being am do does did done have has had
    having will would shall should can could may might must not no yes all any each every
    some such other another both either neither only also very more most less much many
    how what when where which who whom whose why whether if so then thus etc etc. s
    about between under over within without up out off after before upon
    through throughout across along around toward towards among during
    please following follows below above mr ms mrs dr because since although while however
    therefore possible possibly able unable cannot hereby herewith
    re pre co sub multi""".split()  # prefixes cut off at a hyphen (re-submitted)
)
# Words a translation of a label may add without saying more: the form of a label, not
# its content (一覧 → "List of …", 情報 → "… information" are in the dictionary anyway).
GENERIC_WORDS = frozenset(
    """use used using make makes making made given general specific related relating regarding concerning
    type types kind kinds item items part parts overall total basic main new
    official public overview detail details content contents matter matters located
    service services affairs based place get gets got getting
    keep keeps keeping kept""".split()  # 短くする "keeping … short", as "make" says する
)
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve twenty hundred
    thousand first second third fourth fifth sixth seventh eighth ninth tenth
    i ii iii iv v vi vii viii ix x no number""".split()
)
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千第①-⑳]")
# Source characters that let a national or place word in: "Japan" for 国/日本, "City" for 市.
_IMPLIED = (
    ("国", ("japan", "japanese", "national", "nation", "country", "state")),
    ("日本", ("japan", "japanese", "nippon")),
    ("全", ("national", "nationwide", "all", "whole", "entire")),
    ("省", ("ministry", "national", "government", "japan", "japanese")),
    ("庁", ("agency", "national", "government", "japan", "japanese")),
    ("政府", ("japan", "japanese", "government")),
    # National bodies' official names add the country (地方公共団体情報システム機構 → "Japan
    # Agency for Local Authority Information Systems"), as names.body_words accepts.
    ("機構", ("japan", "japanese", "national")),
    ("法人", ("japan", "japanese", "national")),
    ("協会", ("japan", "japanese", "national")),
    # 弁 shortens 弁護士会 in a body's name (日弁連, 東京弁, 二弁): "… Bar Association".
    ("弁", ("bar", "association", "associations")),
    ("カナ", ("katakana", "kana")),
    ("英字", ("latin", "roman", "alphabet", "alphabetic")),  # 氏名(英字) → "… in Latin letters"
    ("市", ("city", "municipal", "municipality", "town")),
    ("県", ("prefecture", "prefectural")),
    ("都", ("metropolitan", "tokyo", "prefecture")),
    ("区", ("ward", "city", "district")),
    ("町", ("town", "city")),
    ("村", ("village",)),
    ("者", ("person", "people", "persons", "personnel", "officer", "official")),
    ("等", ("etc", "other", "others", "related", "similar")),
    ("名", ("name", "names")),
    ("男女", ("gender", "sex", "men", "women")),  # 男女共同参画 → "Gender Equality"
    # The government's English: 介護保険 "Long-Term Care Insurance".
    ("介護", ("long", "term")),
    # 船主責任保険: "Protection and Indemnity" (P&I).
    ("保険", ("indemnity", "assurance")),
    # Fixed English the word list's first glosses miss (seen on clean references).
    ("議事規則", ("procedure", "procedures")),  # "Rules of Procedure"
    ("氏名", ("full",)),  # JMdict: "(full) name"
    ("用", ("for",)),
    # 人事異動の際に → "at the time of personnel changes": 際 says when.
    ("際", ("time", "times", "occasion", "occasions", "when")),
    ("非", ("non", "un")),  # 非機能 → "non-functional"
    ("校", ("school",)),
    # 書 only says "a document" (報告書 "report"): 願書 "application" must not let
    # "application" into 報告書 through it.
    ("書", ("form", "document", "documents", "letter", "paper", "book", "statement", "written")),
    ("会", ("group", "society", "association", "meeting", "council", "committee", "club")),
    ("化", ("ization", "isation")),
    # 件 counts what the document is about: （１件３００円） "(300 yen per request)".
    ("件", ("case", "item", "matter", "request", "application", "claim", "entry")),
    ("性", ("ity", "ness")),
    # 自己の業務 "one's own business": the reflexive is said with "one".
    ("自己", ("one", "oneself", "own", "self")),
    ("自分", ("one", "oneself", "own", "self")),
    # 雑則, 総則, 附則, 罰則: the headings of a law's parts are "… Provisions".
    ("則", ("provisions", "provision", "rules", "rule")),
    # A law's citation: 第四十一条第一項第二号 → "Article 41, paragraph 1, item 2".
    ("項", ("paragraph", "paragraphs", "para")),
    ("号", ("item", "items")),
    # 法第 (a cell cut before its number: 法第|４２|条) cites an Article of the Act.
    ("法第", ("article", "articles")),
    ("ただし書", ("proviso",)),
    # 前号に掲げる → "listed in the preceding item" (the Japanese Law Translation's wording).
    ("掲げ", ("listed", "list", "set", "stated")),
    ("別表", ("appended", "attached", "annexed", "schedule", "table")),  # "Appended Table"
    # free ~ freedom: the stems are too short to compare (lexicon.MIN_PREFIX).
    ("自由", ("free", "freely")),
    # …の別 is a column of kinds (男女の別 "sex", その他のものの別 "Category: other").
    ("の別", ("category", "type", "kind", "class", "classification")),
)


def applies(source: str, source_lang: str, target_lang: str) -> bool:
    if source_lang != "ja" or target_lang != "en":
        return False
    text = unicodedata.normalize("NFKC", source).strip()
    from .degeneration import is_form_only

    if is_form_only(text):
        return False  # 記, 以上, 年 月 日: the form-word check judges these
    if any(form in text for form in _COMPANY_FORMS):
        return False  # a company's English is its brand (株式会社日立製作所 → "Hitachi, Ltd.")
    if "。" in text:
        return False  # a sentence, however short, is paraphrased (議事規則を定める。)
    return 0 < len(text) <= MAX_SOURCE_CHARS and bool(_JAPANESE.search(text))


@functools.cache
def _listed_english() -> dict[str, tuple[str, ...]]:
    """Japanese → English words from the official-name word list, the organisation list,
    the titles list and the kinds of body."""
    from .bodywords import body_words
    from .organisations import BODY_HEADS, known_organisations

    table: dict[str, list[str]] = {}
    for japanese, english in BODY_HEADS.items():
        table.setdefault(japanese, []).extend(english)
    for japanese, (english, _kind) in body_words().items():
        table.setdefault(japanese, []).extend(english)
    for japanese, org in known_organisations().items():
        table.setdefault(japanese, []).extend(org.english)
    return {j: tuple(e) for j, e in table.items()}


# Kanji that say only which kind of thing (課 section, 者 person, 市 city): a dictionary
# word sharing one of them with the source is no sign of the same meaning (課税 tax ≠ 課).
_KIND_KANJI = frozenset(
    "課局部室所署館園庁省会団院場校者等的性化用市区町村県都府国全内外第各本分支中大小新書"
)


@functools.cache
def _kanji_by_stem() -> dict[str, frozenset[str]]:
    """English stem → the kanji of the short dictionary words it glosses alone (building → 建, 物):
    an English synonym outside the first glosses of the source's own word shares a kanji
    with it (建築 "construction" ~ "Building", 地域 "area" ~ "Local")."""
    from . import lexicon

    found: dict[str, set[str]] = {}
    for head, raw in lexicon.entries().items():
        kanji = set(_KANJI.findall(head)) - _KIND_KANJI
        # Short words glossed by one word only: 市民税 "municipal tax" must not let "Tax"
        # into 市民課 through 民.
        if not kanji or len(head) > 2:
            continue
        for gloss in raw.split("|"):
            if gloss and " " not in gloss:
                found.setdefault(lexicon.stem(gloss.lower()), set()).update(kanji)
    return {s: frozenset(k) for s, k in found.items()}


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z]+", text)]


class SourceMeaning:
    """Everything a short Japanese source lets its English say, as word stems and sounds."""

    def __init__(self, source: str) -> None:
        from . import lexicon
        from .lexicon import stem

        self.text = unicodedata.normalize("NFKC", source).strip()
        self.stems: set[str] = set()
        self.exact: set[str] = set(_words(self.text))  # Latin words of the source itself
        entries = lexicon.entries()
        listed = _listed_english()
        text = self.text
        for i in range(len(text)):
            for j in range(i + 1, min(len(text), i + MAX_SUBSTRING) + 1):
                piece = text[i:j]
                if len(piece) == 1 and not _KANJI.match(piece):
                    continue  # one kana is no word (の, ・)
                raw = entries.get(piece)
                if raw:
                    self._add(w for g in raw.split("|") for w in g.split())
                if piece in listed:
                    self._add(w for e in listed[piece] for w in _words(e))
        # Words written in kana or variant kanji: Sudachi's normal form (みんな → 皆).
        loaded = tokenizers_or_none("C")
        for m in loaded[0].tokenize(text) if loaded else ():
            for form in {m.normalized_form(), m.dictionary_form()} - {m.surface()}:
                raw = entries.get(form)
                if raw:
                    self._add(w for g in raw.split("|") for w in g.split())
        # The clause check's word list gives English word starts (連携 → integrat, 施行 → effect).
        from .clauses import lexicon as clause_words

        self.starts = tuple(
            start for key, starts in clause_words().items() if key in text for start in starts
        )
        for key, english in _IMPLIED:
            if key in text:
                self._add(english)
        from .clauses import LABEL_SENSES

        for key, senses in LABEL_SENSES.items():
            if key in text:
                self._add(w for sense in senses for w in sense.split())
        if _NUMERAL.search(text):
            self.exact |= _NUMBER_WORDS
        # The English of the words a negating kanji stands before (未|利用 → use, using …).
        self.negated: set[str] = set()
        for at in (m.start() for m in _NEGATING_KANJI.finditer(text)):
            for end in range(at + 2, min(len(text), at + 1 + MAX_SUBSTRING) + 1):
                raw = entries.get(text[at + 1 : end])
                for w in (w.lower() for g in (raw or "").split("|") for w in g.split()):
                    self.negated |= {w, stem(w)}
        self.kanji = frozenset(_KANJI.findall(text)) - _KIND_KANJI
        self.sounds = self._sounds()
        self.name_unread = False  # a source name whose reading the English lacks

    def _add(self, words) -> None:
        from .lexicon import stem

        for w in words:
            w = w.lower()
            self.exact.add(w)
            self.stems.add(stem(w))

    def _sounds(self) -> list[str]:
        """Consonant skeletons of the katakana words and of the romanised reading."""
        from .clauses import katakana_skeleton, katakana_words

        sounds = []
        self.runs = [_sound(katakana_skeleton(r)) for r in _KATAKANA_RUN.findall(self.text)]
        for run in _KATAKANA_RUN.findall(self.text):
            sounds += [katakana_skeleton(w) for w in katakana_words(run)]
            sounds.append(katakana_skeleton(run))
        from .names import reading_of, romanize, skeleton

        # The whole reading is compared with its vowels (romaji): as a bare consonant
        # skeleton it holds almost any short sound (国分寺北部 … "sk" ~ "Osaka").
        reading = reading_of(self.text)
        self.romaji = skeleton(romanize(reading)) if reading else ""
        return [_sound(s) for s in sounds if s]

    def explains(self, word: str) -> bool:
        from .lexicon import stem, stems_match

        low = word.lower()
        if low in self.exact:
            return True
        low = _IRREGULAR.get(low, low)
        if low in self.exact or low in FUNCTION_WORDS or low in GENERIC_WORDS:
            return True
        if any(low.startswith(start) for start in self.starts if " " not in start):
            return True
        s = stem(low)
        if s in self.stems or any(stems_match(s, t) for t in self.stems if t[:3] == s[:3]):
            return True
        if self.kanji & _kanji_by_stem().get(s, frozenset()):
            return True  # a synonym: 建築 ~ "Building"
        if any(len(t) >= 3 and s.startswith(t) for t in self.stems):
            return True  # 税 tax ~ "Taxation"
        # 未利用 → "unused", 非公開 → "non-public": the prefix says 未/不/非/無, the rest is
        # the word that follows it.
        for prefix in _NEGATING_ENGLISH if self.negated else ():
            rest = low[len(prefix) :].lstrip("-")
            if low.startswith(prefix) and len(rest) >= 3:
                if _IRREGULAR.get(rest, rest) in self.negated or stem(rest) in self.negated:
                    return True
        from .names import skeleton

        if len(low) >= 3 and self.romaji and skeleton(low) in self.romaji:
            return True  # a name's reading: 新番丁 → "Shinbancho", 立教 → "Rikkyo"
        return any(self._sounds_like(f) or self._all_liquid(f) for f in _word_forms(low))

    def unheard_loanwords(self, translation: str) -> int:
        """Katakana runs of the source with a part no word of the translation sounds like
        (コアデータパーツ "Core data components": パーツ is left)."""
        heard = sorted(
            {_english_sound(f) for w in _words(translation) for f in _word_forms(w)},
            key=len,
            reverse=True,
        )
        count = 0
        for rest in self.runs:
            for sound in heard:
                if sound and sound in rest:
                    rest = rest.replace(sound, "", 1)
            count += len(rest) >= 2
        return count

    def _sounds_like(self, low: str) -> bool:
        sound = _english_sound(low)
        if not sound:
            return False
        if len(low) >= 3 and any(r.startswith(sound) for r in self.runs):
            return True  # ゼロカーボン: "Zero" (z) starts the run
        if any(len(r) >= 2 and sound.startswith(r) for r in self.runs):
            return True  # ナビ (nb) is short for "navigation"
        return any(sound == heard or (len(sound) >= 2 and sound in heard) for heard in self.sounds)

    def _all_liquid(self, low: str) -> bool:
        """ルール (ruuru) and "rule" have no consonant but r/l/w/y: no skeleton to compare."""
        return "" in self.runs and not _english_sound(low) and len(low) <= 6


_NEGATING_KANJI = re.compile(r"[未不非無]")
_NEGATING_ENGLISH = ("non", "un", "in", "im", "il", "ir", "dis")


# Irregular past forms the stemmer leaves apart (開催 "holding" ~ "held").
_IRREGULAR = {"held": "hold", "made": "make", "given": "give", "taken": "take", "sent": "send",
              "built": "build", "paid": "pay", "kept": "keep", "met": "meet", "led": "lead",
              "brought": "bring", "bought": "buy", "sold": "sell", "told": "tell", "won": "win",
              "chosen": "choose", "drawn": "draw", "written": "write", "shown": "show",
              "found": "find"}  # fmt: skip


def _word_forms(word: str) -> list[str]:
    """models ~ モデル, based ~ ベース: the loanword has no English ending."""
    forms = [word]
    for ending in ("s", "es", "ed", "d", "ing"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            forms.append(word[: -len(ending)])
    return forms


def _english_sound(word: str) -> str:
    from .clauses import english_skeleton

    return _sound(english_skeleton(word.replace("gi", "ji")))  # digital ~ デジタル


def _sound(skeleton: str) -> str:
    # compliance ~ コンプライアンス (konpuraiansu), user ~ ユーザー (yuzaa)
    return skeleton.replace("m", "n").replace("z", "s")


_ROMAJI = re.compile(r"(?:[kgsztdnhbpmrwfj]?y?[aeiou]|sh[aeiou]|ch[aeiou]|tsu|n)+")


def _is_name_like(word: str) -> bool:
    """A word no dictionary gloss knows, capitalised (Ritsurin, Fukushima) or spelled as
    romanised Japanese (Chiyoda-ku, Kawai-gawa)."""
    from .bodywords import gloss_vocabulary

    low = word.lower()
    return low not in gloss_vocabulary() and (word[:1].isupper() or bool(_ROMAJI.fullmatch(low)))


def _source_has_name(source: str) -> bool:
    """The source holds a name or a word no dictionary knows (花ノ宮, 檀紙)."""
    loaded = tokenizers_or_none("C")
    if loaded is None:
        return False
    long_words, _mode = loaded
    from . import lexicon

    for m in long_words.tokenize(source):
        pos = m.part_of_speech()
        if pos[1] == "固有名詞" or (m.is_oov() and _KANJI.search(m.surface())):
            return True
        surface = m.surface()
        if len(surface) >= 2 and _KANJI.search(surface) and not lexicon.entries().get(surface):
            if pos[0] == "名詞" and pos[1] != "数詞" and not _compound_known(surface):
                return True
    return False


def _english_word(word: str) -> bool:
    """A word of the dictionary's English (its glosses), in some form."""
    from .bodywords import gloss_vocabulary

    return any(form in gloss_vocabulary() for form in _word_forms(_IRREGULAR.get(word, word)))


def _names_a_person(source: str) -> bool:
    """A line naming a person (a speaker, an author with affiliation): names.person judges
    the name, and the official English of a university or court is not word for word."""
    from .names import PERSON, proper_names

    return any(kind == PERSON for _surface, kind, _reading in proper_names(source))


def _is_body(text: str) -> bool:
    """A body's name starts with a place (栗林小学校 → "Ritsurin …": Sudachi reads 栗林 as a
    common word, くりばやし)."""
    from .bodywords import is_body_label

    return is_body_label(text)


def _compound_known(surface: str) -> bool:
    """Every part of a compound is a dictionary word (財産経営 → 財産 + 経営)."""
    from . import lexicon

    i = 0
    while i < len(surface):
        for j in range(len(surface), i, -1):
            if lexicon.entries().get(surface[i:j]) or (j - i == 1):
                if j - i == 1 and not lexicon.entries().get(surface[i:j]):
                    return False
                i = j
                break
    return True


# Romanised endings of Japanese place and person names (Chiyoda-ku, Kawai-gawa, -san).
_NAME_SUFFIXES = frozenset(
    "ku cho machi mura shi ken gun ji dera gawa kawa yama san kun sama chome dori ro".split()
)
_ORDINAL_END = re.compile(r"(?<=[0-9])(?:st|nd|rd|th)\b")
_ONES = re.compile(r"\bone(?:'s|’s|self)\b", re.I)
# "serving as", "acting as": a participle that only joins a noun to what it is (apposition).
_APPOSITION = re.compile(r"\b(?:serving|acting|functioning|working)\s+as\b", re.I)


def added_words(source: str, translation: str) -> list[str]:
    """Content words of the English that the source does not explain, in order, once each."""
    from .titles import despaced

    meaning = SourceMeaning(despaced(source))  # 大 別 (a letter-spaced label) is 大別
    # Shōnen → Shonen; 1st → 1
    text = unicodedata.normalize("NFKD", translation)
    text = _ORDINAL_END.sub("", "".join(c for c in text if not unicodedata.combining(c)))
    text = _APPOSITION.sub("as", text)  # 拠点 "… serving as hubs": the verb only says "as"
    text = _ONES.sub("its", text)  # "the back of one's mind": a pronoun, not the number
    lower = text.lower()
    for phrase in (start for start in meaning.starts if " " in start and start in lower):
        meaning.exact.update(phrase.split())  # 最新 "up to date": "date" is said by the phrase
    unexplained: list[str] = []
    for word in _WORD.findall(text):
        if len(word) == 1 or word.isupper() and len(word) <= 5:
            continue  # an initial, an acronym (BR, API): names.added judges acronyms
        if not meaning.explains(word) and word.lower() not in (w.lower() for w in unexplained):
            if word[:1].islower() and not _english_word(word):
                continue  # no English word (a broken spelling): the language checks judge it
            unexplained.append(word)
    if unexplained and len(unexplained) <= meaning.unheard_loanwords(text):
        return []  # パーツ → "components": a loanword rendered by a synonym, word for word
    if unexplained and (_source_has_name(meaning.text) or _is_body(meaning.text)):
        # A name's spelling: capitalised words no dictionary knows stand for it.
        unexplained = [w for w in unexplained if not _is_name_like(w)]
    return unexplained


# Kanji of grammar, not content (及び, 並びに, 又は, 係る, 当該): no English word of their own.
_GRAMMAR_KANJI = frozenset("及並又若但係於為其此当該")


def unrendered_kanji(source: str, translation: str) -> list[str]:
    """Kanji of a short source that no dictionary or listed word around them shows in the
    translation, by the first content word of one of its glosses (未利用地 → "Unused cars": 地
    "land" is gone). Names, kinds with no listed English (課, 部) and grammar (及び) are left
    out; a kind whose English is listed (者 "person") counts. With a word the
    source does not explain, such a kanji says the word was replaced, not added."""
    from ...sudachi import morphemes
    from . import lexicon

    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", source))
    english = lexicon.EnglishText(translation)
    function_stems = _function_stems()

    def shown(stems) -> bool:
        # A gloss's first content word is its own ("start work" of 着手: "work" may be
        # another word's, 工事 "construction work").
        content = [s for s in stems if s not in function_stems]
        return bool(content) and english.has_stem(content[0])

    listed = _listed_english()
    covered: set[int] = set()
    for i in range(len(text)):
        for j in range(i + 1, min(len(text), i + MAX_SUBSTRING) + 1):
            piece = text[i:j]
            if not _KANJI.search(piece):
                continue
            if any(shown(g) for g in lexicon.glosses(piece)) or any(
                shown([lexicon.stem(w) for w in _words(e)]) for e in listed.get(piece, ())
            ):
                covered.update(range(i, j))
    said = [w.lower() for w in _WORD.findall(translation)]
    for key, english_words in _IMPLIED:
        at = text.find(key)
        if at >= 0 and any(
            shown([lexicon.stem(w)]) or any(s.endswith(w) for s in said if len(w) >= 3)
            for w in english_words
        ):  # 化 "-ization", 性 "-ity": an ending of a word
            covered.update(range(at, at + len(key)))
    for m in morphemes(text):
        if m.part_of_speech()[1] == "固有名詞":  # a name is spelled, not glossed
            covered.update(range(m.begin(), m.end()))
    # A kind (者 person, 書 document) counts where its English is listed (_IMPLIED):
    # 評価者 → "The evaluation committee" lost the person.
    implied = {key for key, _ in _IMPLIED if len(key) == 1}
    return [
        ch
        for at, ch in enumerate(text)
        if _KANJI.match(ch)
        and (ch not in _KIND_KANJI or ch in implied)
        and ch not in _GRAMMAR_KANJI
        and at not in covered
    ]


@functools.cache
def _function_stems() -> frozenset[str]:
    from .lexicon import stem

    return frozenset(stem(w) for w in FUNCTION_WORDS)


@functools.cache
def _example_stems(source_lang: str, target_lang: str) -> frozenset[str]:
    """Content words of the prompt's worked examples (prompting.EXAMPLES): a base model
    copies them into what it translates (拡張 → "Application for extension")."""
    from .lexicon import stem
    from .prompting import EXAMPLES

    words = {
        w.lower()
        for _, english in EXAMPLES.get((source_lang, target_lang), ())
        for w in _WORD.findall(english)
    }
    return frozenset(stem(w) for w in words - FUNCTION_WORDS if len(w) > 2)


def added_content(words: list[str], weak: bool = False) -> Finding:
    shown = "」「".join(words[:4])
    shown_en = "', '".join(words[:4])
    return Finding(
        "meaning.added",
        WARNING,
        "",
        " ".join(words[:4]),
        f"訳文の語「{shown}」に当たる語が原文に見当たりません（原文にない内容が加わった可能性があります・要確認）",
        f"The translation's word(s) '{shown_en}' have no counterpart in the source "
        "(it may add content the source does not have; please check)",
        weak=weak,
    )


def check_added(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    """A warning naming the English content words of a short segment that have no source."""
    if not applies(source, source_lang, target_lang) or not re.search(r"[A-Za-z]", translation):
        return []
    if _names_a_person(source) and not _is_body(unicodedata.normalize("NFKC", source).strip()):
        return []  # 早稲田大学法学学術院教授 …: an affiliation's official English is free
    words = added_words(source, translation)
    if not words:
        return []
    # One word added is how a translator's conventional word shows too (開発区域 →
    # "development site", 上水道 → "water supply"): worth a look unless another signal
    # agrees (tiers.py). Not when it replaced a word of the source (a kanji left unsaid:
    # 未利用地 → "Unused cars"), nor in a body's name (市民課 → "City Tax Office": another
    # body), nor a name in running text, nor a word of the prompt's examples (copied); two
    # or more words of its own are content the label lacks.
    from .lexicon import stem

    weak = (
        len(words) == 1
        and not _is_body(unicodedata.normalize("NFKC", source).strip())
        and not _capitalised_in_running_text(words[0], translation)
        and stem(words[0].lower()) not in _example_stems(source_lang, target_lang)
        and not unrendered_kanji(source, translation)
    )
    return [added_content(words, weak)]


def _capitalised_in_running_text(word: str, translation: str) -> bool:
    """A capitalised word after a lowercase one (… per request) in Tokyo): a name, not the
    title case of a heading (Guidelines and Other Documents)."""
    words = _WORD.findall(translation)
    return word[:1].isupper() and any(
        later == word and earlier[:1].islower()
        for earlier, later in zip(words, words[1:], strict=False)
    )
