"""A negation or a restriction of the source that the translation does not carry.

The demo model writes fluent English that drops the one word that turns a statement
round: データの出所や収集方法が不明 → "Data source and method of data collection" (不明,
"unknown", gone), 原則変更せず → "shall be implemented" (the "not" gone), 要求があった時
のみ → "upon request" (the "only" gone), サービス提供状態を一部公開している → "are being
publicly displayed" (一部, "partly", gone). Words and lengths still match, so no other
check sees it. Here:
- a negation (ない, ず, ぬ, 未/不/非/無 prefixes, 不明 …) needs some negative English
  (not, no, without, un-, lack, fail, prevent …); obligations (なければならない → "must"),
  possibility (かもしれない), questions (ないか) and set phrases (にかかわらず, を問わず,
  この限りでない) are no negation;
- のみ, だけ, 限り/限る, 以外 need a word that restricts (only, solely, limited, except …);
- 一部 ("part of", "some of") needs a word for part (some, part, partly, certain …);
- a state denied by でない (十分でない, 明確でない, 適切でない) needs the state's own English
  (sufficient, insufficient, clear …) or "not as … as it should be": "not available" for
  十分でない says another thing;
- two clauses of opposite polarity joined by a concessive (…しているが、…していない, けれども,
  ものの, のに) need a contrast in English (but, however, although …) or a negative and a
  plain sentence side by side: "Automatic input is not available on existing data." for
  自動入力できるが、既存データは使用できない kept one half and denied it;
- a verb of preventing (防ぐ, 避ける, 防止する …) says that something does not happen: it
  needs a negative English word or one of protecting (prevent, avoid, protect, against …);
  "We will reduce the number of systems …" for …システムが発生するのを防げます is another claim;
- a verb or noun of losing (失われる, 消える, 損なう, 紛失, 漏えい, 削除 …) says that something
  goes away: it needs an English word of loss (lose, missing, leak, damage, delete, cease …);
  "… less frequent than some data" for …一部データが失われる可能性がある kept the backup and
  the data and dropped that data may be lost (meaning.loss);
- a から ("from") phrase of a verb of giving or sending (提供元から…提供されない) whose English
  has that verb with "to" and no "from" or "by" ("provided to a party") turned the direction
  round (meaning.direction);
- a source with no word of denial, lack, limit or question at all whose English says "not"
  ("Web and API-based services are not provided." for WebやAPIによるサービス提供をしている)
  turned a statement into its opposite (meaning.negation).
Each is a warning that quotes the source word.
"""

from __future__ import annotations

import re
import unicodedata

from ...sudachi import morphemes as japanese_morphemes
from .finding import WARNING, Finding

CHECK_NEGATION = "meaning.negation"
CHECK_RESTRICTION = "meaning.restriction"
CHECK_CONTRAST = "meaning.contrast"
CHECK_LOSS = "meaning.loss"
CHECK_DIRECTION = "meaning.direction"
_LATIN_WORD = re.compile(r"[A-Za-z]{3}")

# Negative constructions that do not negate the statement: obligation, possibility,
# concession, rhetorical questions, set phrases. Taken out before the source is read.
_NOT_NEGATION = re.compile(
    r"な(?:けれ|く(?:て|ちゃ|ては))(?:は|ば)?(?:なら|なり|いけ)(?:ない|ず|ぬ|ん|なかった|ません)"
    r"|ねばなら(?:ない|ず|ぬ|ん)|ざるを得(?:ない|ず|なかった|ません)"
    r"|かもしれ(?:ない|ません)|に(?:違い|相違)(?:ない|ありません)"
    r"|にも?(?:かかわ|関わ|拘わ|かかわら|関わら)らず|を問わず|に限らず|のみならず|とは限ら(?:ない|ず)"
    # 行わんとする (old 行はむとす): the volitional ん "intend to", no negation
    r"|(?<=[わかがさたなばまらけげせてねべめれえ])んと(?:する|す|し|欲)"
    # 居住地によらず "regardless of / wherever they live"; 忌憚のない御意見 "frank opinions"
    r"|に(?:よら|依ら|拠ら)ず|(?:忌憚|きたん)(?:の|が)?(?:ない|なく|無い|無く|ありません)"
    r"|少なからず|相変わらず|思わず|とりあえず|必ず|ずつ|たまらない|つまらない|くだらない"
    # …ではないか。 / …を行っているじゃないですか。 closing the sentence: a rhetorical question
    # that asserts ("…, didn't they?", "surely"), not a negation.
    r"|(?:の|この|その)限りで(?:は)?ない|(?:では|じゃ)?ない(?:です|でしょう|だろう)?か[。？?]?\s*$"
    # …しているんじゃないか、 / …言っているんじゃないのかなという印象 / 裏金ではないかという
    # 指摘 / 違法ではないかとの声 / …ていたんじゃないかとちょっと思い: a guess or a charge put
    # as a question inside the sentence ("might be", "I suspect", "claims that it is"): it
    # says the thing IS, no negation.
    r"|(?:では|じゃ)ない(?:の)?か(?:な|しら)?(?=[、,]|と|って)"
    # すみません, すいません, 済みません, 申し訳ありません/ございません/ない: set phrases of
    # apology ("I'm sorry", "excuse me"); their ん or ない denies nothing. Not after で, は or
    # も: それでは済みません, 謝っても済まない ("that will not settle it") is a negation.
    r"|(?<![でては])(?<!ても)(?:す[みい]|済み)ません(?:でした)?"
    r"|申し訳(?:ない|なく|なかった|ありません|ございません)"
    r"|ません(?:か|でしょうか)|しかない|ほかない|他ない|に(?:過|す)ぎ(?:ない|ず|ません|なかった)"
    # Double negatives, a plain statement in English: …ないわけではない ("there are some"),
    # …ないことはない / …なくはない / …ないでもない ("could", "to some extent"), …ないとも
    # 限らない ("could happen"), …ずにはいられない / …ないではいられない / …を禁じ得ない
    # ("cannot help", "must"), …ないといけない / …ないわけにはいかない ("need to", "have to"),
    # …ないものか ("I wonder if").
    r"|(?:ない|なく)(?:わけ|訳|こと|事)(?:で|に)?(?:は|も)(?:ない|なく|ありません|ございません)"
    r"|(?:ない|なく)(?:は|も)(?:ない|なく|ありません|ございません)"
    r"|ないで(?:は|も)(?:ない|なく|ありません|いられ(?:ない|ません)|おか(?:ない|ず))"
    r"|ないとも限(?:らない|らず|りません)|ずには(?:いられ|おか|すま)(?:ない|ず|ぬ|ません)"
    r"|を禁じ得(?:ない|ず|ません)|ないと(?:いけ|だめ|ダメ)(?:ない|ません)"
    r"|ない(?:わけ|訳)には(?:いか|行か)(?:ない|ず|ぬ|ん|なかった)|ない(?:わけ|訳)には(?:いき|行き)ません"
    r"|(?:でき)?ないもの(?:か|だろうか|でしょうか)"
    # Permission: …ても構わない / 差し支えない ("may", "there is no objection").
    r"|(?:ても|でも)構(?:わない|いません|わん)|差し?支え(?:が|は)?(?:ない|なく|ありません|ございません)"
    # Set phrases whose ない English says as a plain word: 仕方がない / しょうがない ("deserved",
    # "inevitable"), 間違いない ("certainly"), にほかならない ("precisely", "nothing but"),
    # 少なくない ("many"), 否めない ("admittedly"), やむを得ない
    # ("unavoidable", "had to"), とんでもない, もったいない, 何気ない, さりげない, 絶えず
    # ("continually"), …かねない ("could"), …てもおかしくない ("could at any time"), …に越した
    # ことはない ("the … the better"), 残念でならない / …てやまない / 感謝に堪えない ("most",
    # "sincerely", "deeply"), 滞りなく / 余儀なく / 間もなく / 漏れなく … (adverbs), 未成年 ("minor").
    r"|(?:仕方|しかた|致し方|いたし方)(?:が|の)?(?:ない|なく|ありません|ございません)"
    r"|しょうが(?:ない|ありません)|仕様が(?:ない|ありません)"
    r"|間違い(?:が|は)?(?:ない|なく|ありません|ございません)"
    r"|に(?:ほか|他|外)なら(?:ない|ず|ぬ|ん)|に(?:ほか|他|外)なり(?:ません|ませんでした)"
    r"|少なく(?:は|も)?(?:ない|ありません|なかった)|少なからぬ"
    r"|否め(?:ない|ません|ず)"
    r"|(?:やむ|已む|止む)(?:を|お)得(?:ない|ず|ません|なかった)"
    r"|とんでも(?:ない|なく|なかった|ありません|ございません)|(?:もったい|勿体)(?:ない|なく)"
    r"|(?:何気|なにげ|さりげ)(?:ない|なく)|絶えず|かね(?:ない|ません|なかった)"
    r"|(?:ても|でも)おかしく(?:は|も)?(?:ない|ありません)"
    r"|に越したこと(?:は|も)(?:ない|ありません|ございません)"
    r"|(?<=[てで])(?:なら|なり|たまら|たまり)(?:ない|ません)|てやま(?:ない|ず|ぬ|ない)|てやみません"
    r"|(?:感謝|慶賀|同情|遺憾)(?:の念)?に(?:堪|耐|た)え(?:ない|ません|ず|ぬ)"
    r"|(?:滞り|とどこおり|つつが|余儀|遠慮|間も|くま|隈|絶え間|休み|容赦|否応"
    r"|心置き|何と|なんと|漏れ|もれ|満遍|まんべん|抜かり|ぬかり|怠り|紛れも|まぎれも)なく"
    r"|未成年"
)
# English of a duty: the なければ of a sentence that leaves its ならない unsaid.
_DUTY_ENGLISH = re.compile(
    r"(?<![a-z])(?:must|ha(?:ve|s|d)\s+to|ha(?:ve|s|d)\s+got\s+to|needs?\s+to|needed\s+to"
    r"|(?:is|are|was|were|be)\s+required\s+to|(?:is|are|was|were|be)\s+obliged\s+to)(?![a-z])",
    re.I,
)
_NEGATING_PREFIXES = frozenset("未 不 非 無".split())
# English that carries a negation: not, no, without, un-/non-/in- words, verbs of
# preventing and failing, "only" (しか…ない), "before" (…ないうちに).
_NEGATIVE_ENGLISH = re.compile(
    r"(?<![a-z])(?:not|no(?!\.?\s*\d)|none|never|neither|nor|without|cannot|nothing|nobody|nowhere"
    r"|lack\w*|fail\w*|absen\w+|unless|instead|rather\s+than|prevent\w*|avoid\w*"
    r"|eliminat\w*|free\s+(?:of|from)|zero|only|missing|before|until|outside|beyond"
    r"|less\s+than|fewer\s+than|below|short\w*"
    # なかなか…ない, めったに…ない, ほとんど…ない: "rarely", "seldom", "(very) few"
    r"|rarely|seldom|scarcely|(?<!\ba\s)few"
    # 言えない, …しにくい: "it is hard (for you) to say", "difficult to" deny the ease of it
    r"|(?:hard|difficult)\s+(?:for\s+[^.;:]{1,40}?\s+)?to\s+[a-z]+"
    r"|exclud\w*|except\w*|other\s+than|barely|hardly|refus\w*|prohibit\w*|forbid\w*"
    r"|omit\w*|stop\w*|ceas\w+|deny\w*|denied|void|null|\w+n't"
    r"|un(?:known|clear|able|availab|used|certain|necessar|authori[sz]|defined|resolved"
    r"|changed|finished|fulfil|implemented|confirmed|paid|specified|decided|determined"
    r"|limited|related|suitab|successful|like|even|fair|official|stab|reliab|secure|safe"
    r"|lawful|usual|expected|aware|ready|restricted|addressed|answered|met|solved"
    r"|structured|standardi[sz]|organi[sz]|registered|verified|checked|evaluated"
    r"|recorded|documented|managed|maintained|planned|clean|identified"
    # 思わぬ "unforeseen", やむを得ない "unavoidable", 否めない "undeniable"
    r"|forese|anticipat|intend|avoidab|deniab)\w*"
    # 三十歳未満 "under 30 years of age", "younger than"
    r"|under\s+(?:the\s+age\s+of\s+|age\s+)?\d|younger\s+than"
    r"|non-?[a-z]{3,}|in(?:sufficien|complet|adequa|accura|correct|consisten|valid"
    r"|appropriat|capab|effectiv|activ|action|compatib|dependen|formal|eligib|admissib)\w*"
    r"|omission\w*"
    r"|im(?:possib|prope|precis|matur|balanc)\w*|ir(?:regular|relevan|respectiv)\w*"
    r"|il(?:legal|legib)\w*|dis(?:abl|continu|allow|approv|agree|satisf|regard|qualif)\w*"
    r"|mis\w{3,}|\w{3,}less)(?![a-z])",
    re.I,
)
# Negative words Sudachi keeps whole (記載なし, 不明); others are a prefix on a verbal or
# adjectival noun (未実施, 非公開, 不十分, 不整合), not on a plain noun (不動産, 非常).
_NEGATIVE_WORDS = frozenset("不明 不十分 不要 不可 不能 不在 不足 無効 無し なし 未定 未満".split())
# Restrictions: the word as written, to the English that says it.
_RESTRICTING_ENGLISH = re.compile(
    r"(?<![a-z])(?:only|solely|exclusively|just|alone|limit\w*|restrict\w*|sole|merely"
    r"|simply|exclusive|except\w*|unless|other\s+than|apart\s+from|besides|exclud\w*"
    r"|aside\s+from|non-?[a-z]{3,}|outside|specific\w*|particular\w*|others?|otherwise"
    r"|mere|(?:no|never)\s+more\s+than|(?:in\s*so|as|so)\s+(?:far|long)\s+as|to\s+the\s+extent|nothing\s+(?:more|but|else)|no\s+(?:other\s+)?(?:choice|option"
    r"|alternative|way))(?![a-z])",
    re.I,
)
_NOT_RESTRICTION = re.compile(
    r"できるだけ|出来るだけ|なるべく|だけでなく|だけではなく|のみならず|のみでなく"
    r"|[どそこあ]れだけ|だけど|だけれど|(?:の|この|その)限りで(?:は)?ない|に限らず|とは限[らりる]"
    r"|ないとも限[らりる]"
    r"|限りなく|可能な限り|できる限り|出来る限り"
)
_PART_ENGLISH = re.compile(
    r"(?<![a-z])(?:some|part|parts|partial\w*|partly|certain|portion\w*|few|several"
    r"|selected|subset|limited|segment\w*|section\w*|specific|particular|among)(?![a-z])",
    re.I,
)
_NOT_PART = re.compile(r"一部上場|一部改正|一部を改正|一部変更|一部事務組合")


# 欠かせない, 欠くことのできない: "essential", "indispensable", "vital" in English, no "not";
# an English without such a word has lost it (データ利用に欠かせない技術 → "it is necessary to
# know …": the technology's being indispensable is gone), so it stays a negation then.
_ESSENTIAL = re.compile(r"欠かせ(?:ない|ません|ず|ぬ)|欠くこと(?:の|が)でき(?:ない|ません)")
_ESSENTIAL_ENGLISH = re.compile(
    r"(?<![a-z])(?:essential\w*|indispensab\w*|vital\w*|crucial\w*|integral|key)(?![a-z])", re.I
)


def negations(source: str, english: str = "") -> list[str]:
    """The source's negating words, as written (ない, ず, 不明); [] without Sudachi."""
    text = _NOT_NEGATION.sub("、", unicodedata.normalize("NFKC", source))
    if english and _ESSENTIAL_ENGLISH.search(english):
        text = _ESSENTIAL.sub("、", text)
    found = []
    morphemes = japanese_morphemes(text)
    for i, m in enumerate(morphemes):
        pos, lemma, surface = m.part_of_speech(), m.dictionary_form(), m.surface()
        if pos[0] == "助動詞" and lemma in ("ない", "ず", "ぬ", "ん"):
            found.append(surface)
        elif pos[0] == "形容詞" and lemma in ("ない", "無い") or lemma in ("無くなる", "なくなる"):
            found.append(surface)
        elif lemma in ("兼ねる", "かねる") and i and morphemes[i - 1].part_of_speech()[0] == "動詞":
            found.append(surface)  # お答えしかねます "cannot answer" (かねない is out already)
        elif pos[0] == "接頭辞" and lemma in _NEGATING_PREFIXES:
            found.append(surface)
        elif surface in _NEGATIVE_WORDS or _negated_noun(surface):
            found.append(surface)
    return found


def _said_without_not(word: str, english: str) -> bool:
    """A negated noun that English says with a word of its own, no "not" in it (債務不履行
    "default on an obligation"): one of the dictionary's one-word glosses of the whole word is
    in the English. The prefix alone (不, 未) has no such word."""
    from .lexicon import EnglishText, entries, stem

    if len(word) < 2 or not _NEGATING_PREFIXES.intersection(word):
        return False
    glosses = [g for g in entries().get(word, "").split("|") if g and " " not in g]
    text = EnglishText(english)
    return any(text.has_stem(stem(g)) for g in glosses)


# ぁ-ゖ → ァ-ヶ: names.romanize reads katakana
_HIRAGANA_TO_KATAKANA = {c: c + 0x60 for c in range(ord("ぁ"), ord("ゖ") + 1)}


def _cited(word: str, english: str) -> bool:
    """A negation inside a Japanese word the English cites romanised, not translated (例
    惜しげもなく → "oshigemonaku"): the romaji of the negation ends a longer English word."""
    from .names import romanize

    roman = romanize(word.translate(_HIRAGANA_TO_KATAKANA))
    return len(roman) >= 3 and bool(re.search(rf"[a-z]{{2}}{roman}\b", english.lower()))


def _negated_noun(word: str) -> bool:
    """未実施, 非公開, 不十分: a negating prefix on a word that names an act or a state."""
    if len(word) < 3 or word[0] not in _NEGATING_PREFIXES:
        return False
    rest = japanese_morphemes(word[1:])
    if len(rest) != 1:
        return False
    pos = rest[0].part_of_speech()
    return pos[0] == "形状詞" or pos[2] in ("サ変可能", "形状詞可能", "サ変形状詞可能")


# 二年以内の期間に限り, 十日を超えない範囲内に限り: the limit of a quantity is the
# restriction, and English says it by the limit ("for a period not exceeding two years").
_LIMIT_RESTRICTION = re.compile(
    r"(?:以内|以下|未満|まで|を超えない)(?:の|で)?[^、。,]{0,6}?(?:内)?に限(?:り|る|って)"
)
_LIMIT_ENGLISH = re.compile(
    r"(?<![a-z])(?:within|not\s+(?:exceeding|to\s+exceed|more\s+than|longer\s+than|later\s+than)"
    r"|up\s+to|no\s+(?:more|longer|later)\s+than|at\s+(?:the\s+)?most|maximum|less\s+than)(?![a-z])",
    re.I,
)


def restrictions(source: str, english: str = "") -> list[str]:
    """のみ, だけ, 限り, 以外 as written; a limit of a quantity (以内の期間に限り) is left
    out when the English says the limit (within, not exceeding, up to …)."""
    text = unicodedata.normalize("NFKC", source)
    if english and _LIMIT_ENGLISH.search(english):
        text = _LIMIT_RESTRICTION.sub("、", text)
    text = _NOT_RESTRICTION.sub("、", text)
    found = []
    for m in japanese_morphemes(text):
        pos, lemma, surface = m.part_of_speech(), m.dictionary_form(), m.surface()
        if pos[0] == "助詞" and lemma in ("のみ", "だけ"):
            found.append(surface)
        elif lemma in ("限り", "限る") or surface == "以外":
            found.append(surface)
    # …に過ぎない ("merely", "no more than"), …しかない / …ほかない ("only", "have no choice
    # but"): no negation (taken out by _NOT_NEGATION), but a restriction English must say.
    found += _ONLY_BY_NEGATION.findall(text)
    return found


_ONLY_BY_NEGATION = re.compile(
    r"に(?:過|す)ぎ(?:ない|ず|ません|なかった)|(?:しか|ほか|他)(?:ない|ありません|ございません)"
)


def _part_only(source: str) -> bool:
    """一部 that limits what is said (一部のデータ, 一部でも変更, 一部公開している), not a
    noun prefix English often folds into the noun (一部企業 → "companies with …")."""
    text = _NOT_PART.sub("、", unicodedata.normalize("NFKC", source))
    if "一部" not in text:
        return False
    morphemes = japanese_morphemes(text)
    for i, m in enumerate(morphemes[:-1]):
        if m.surface() != "一部":
            continue
        after = morphemes[i + 1]
        pos = after.part_of_speech()
        if pos[0] == "助詞":
            return True
        verb = morphemes[i + 2].dictionary_form() if i + 2 < len(morphemes) else ""
        if pos[2] == "サ変可能" and verb in ("する", "できる", "れる", "られる", "させる"):
            return True
    return False


def _finding(check: str, word: str, what_ja: str, what_en: str) -> Finding:
    return Finding(
        check,
        WARNING,
        word,
        "",
        f"原文の「{word}」（{what_ja}）が訳文に表れていません。意味が変わっている可能性があります",
        f"The source's '{word}' ({what_en}) does not show in the translation; "
        "the meaning may have changed",
    )


def denied_states(source: str) -> list[str]:
    """States that でない denies (十分でない, 明確ではない): an adjectival noun before
    で(は/も)ない, as the bilingual word list knows it; [] without Sudachi."""
    from .lexicon import glosses

    morphemes = japanese_morphemes(_NOT_NEGATION.sub("、", unicodedata.normalize("NFKC", source)))
    found = []
    for i, m in enumerate(morphemes):
        pos = m.part_of_speech()
        if pos[0] != "形容詞" or m.dictionary_form() not in ("ない", "無い"):
            continue
        j = i - 1
        while j > 0 and morphemes[j].surface() in ("は", "も"):
            j -= 1
        if j < 1 or morphemes[j].surface() != "で" or morphemes[j].part_of_speech()[0] != "助動詞":
            continue
        state = morphemes[j - 1]
        kind = state.part_of_speech()
        if (kind[0] == "形状詞" or kind[2] in ("形状詞可能", "サ変形状詞可能")) and glosses(
            state.surface()
        ):
            found.append(state.surface())
    return found


# "not as efficient as it should be": a state short of what is due, said another way;
# "could not clearly remember" (定かではない): the state as the manner of a denied verb.
_SHORT_OF = re.compile(
    r"\bas\s+\w+\s+as\s+(?:it|they|one|this|that|expected|needed|required)\b"
    r"|\b(?:not|never|n't)\s+(?:\w+\s+)?\w{3,}ly\b",
    re.I,
)
_UNDOING = ("un", "in", "im", "ir", "il", "dis", "non")


def _state_shown(state: str, english: str) -> bool:
    from .lexicon import EnglishText, glosses, stem

    if _SHORT_OF.search(english):
        return True
    text = EnglishText(english)
    if text.shows(glosses(state)):
        return True
    # insufficient, unclear, inappropriate: the state's word under a negating prefix
    words = re.findall(r"[a-z]+", english.lower())
    bare = {
        stem(w[len(p) :])
        for w in words
        for p in _UNDOING
        if w.startswith(p) and len(w) > len(p) + 3
    }
    if any(s in bare for gloss in glosses(state) for s in gloss):
        return True
    # the content-word list's English of the state (定か "clear": "unclear"), plain or undone
    from .clauses import lexicon as content_words

    starts = content_words().get(state, ())
    return any(
        w.startswith(start) or any(w.startswith(p + start) for p in _UNDOING)
        for w in words
        for start in starts
        if " " not in start
    )


# Concessive joints between two clauses. Polite speech opens with …ますが、 (a preface,
# "I asked earlier, and …"), no contrast: only a plain-form clause before the joint counts.
_CONCESSIVE = ("が", "けれど", "けれども", "けど", "ものの", "のに")
_POLITE = ("ます", "です", "ござる", "御座る")
_CONTRAST_ENGLISH = re.compile(
    r"(?<![a-z])(?:but|however|although|though|while|whereas|yet|despite|even\s+if"
    r"|even\s+though|nevertheless|nonetheless|still|in\s+spite|on\s+the\s+other\s+hand"
    r"|instead|albeit|only)(?![a-z])",
    re.I,
)


def concessive_halves(source: str) -> tuple[str, str] | None:
    """The two clauses around the first concessive joint (…しているが、…), or None."""
    text = unicodedata.normalize("NFKC", source)
    morphemes = japanese_morphemes(text)
    for i, m in enumerate(morphemes):
        pos = m.part_of_speech()
        if pos[:2] != ("助詞", "接続助詞") or m.dictionary_form() not in _CONCESSIVE:
            continue
        if i == 0 or any(x.dictionary_form() in _POLITE for x in morphemes[max(0, i - 2) : i]):
            continue
        before, after = text[: m.begin()], text[m.end() :].lstrip(" 、,，")
        if after.strip():
            return before, after
    return None


def _both_polarities(english: str) -> bool:
    """A negative and a plain clause side by side ("Some data are managed …. They are not
    defined …"): both halves are said, only the joint is lost."""
    parts = [p for p in re.split(r"[.;:!?]\s+|,\s+(?:and|so)\s+", english) if p.strip()]
    negative = [bool(_NEGATIVE_ENGLISH.search(p)) for p in parts]
    return any(negative) and not all(negative)


def lost_contrast(source: str, translation: str) -> bool:
    halves = concessive_halves(source)
    if halves is None:
        return False
    first, second = (bool(negations(h)) for h in halves)
    if first == second:
        return False  # one polarity on both sides: the joint may be "and"
    english = unicodedata.normalize("NFKC", translation)
    return not _CONTRAST_ENGLISH.search(english) and not _both_polarities(english)


# Verbs of preventing, and verbal nouns of it used as verbs (防止する, 回避できる).
_PREVENTING_VERBS = frozenset("防ぐ 防げる 避ける 妨げる 食い止める".split())
_PREVENTING_NOUNS = frozenset("防止 阻止 回避 予防 抑止 抑制".split())
_PROTECTING_ENGLISH = re.compile(
    r"(?<![a-z])(?:protect\w*|guard\w*|safeguard\w*|defen[cds]\w*|deter\w*|hinder\w*"
    r"|obstruct\w*|block\w*|imped\w*|counter\w*|against|anti\w*|evad\w*|escap\w*"
    r"|suppress\w*|curb\w*|restrain\w*|inhibit\w*)(?![a-z])",
    re.I,
)


def preventing(source: str) -> list[str]:
    """Verbs of preventing in the source, as written (防げ, 防止); [] without Sudachi."""
    morphemes = japanese_morphemes(unicodedata.normalize("NFKC", source))
    found = []
    for i, m in enumerate(morphemes):
        after = morphemes[i + 1].dictionary_form() if i + 1 < len(morphemes) else ""
        if m.part_of_speech()[0] == "動詞" and m.dictionary_form() in _PREVENTING_VERBS:
            found.append(m.surface())
        elif m.surface() in _PREVENTING_NOUNS and after in ("する", "できる", "れる", "られる"):
            found.append(m.surface())
    return found


# Verbs and nouns of losing: something goes away, is destroyed, leaks or is deleted.
_LOSING_VERBS = frozenset("失う 失くす 無くす 消える 消す 損なう 漏れる".split())
_LOSING_NOUNS = re.compile(
    r"消失|紛失|喪失|損失|欠損|欠落|消滅|流出|漏洩|漏えい|破損|毀損|損傷|滅失|消去|削除|失効|散逸"
    r"|逸失"
)
_LOSS_ENGLISH = re.compile(
    r"(?<![a-z])(?:los[eist]\w*|disappear\w*|vanish\w*|miss\w*|leak\w*|damag\w*|destr\w*"
    r"|corrupt\w*|eras\w*|delet\w*|impair\w*|undermin\w*|compromis\w*|extin\w*|forfeit\w*"
    r"|wip\w*|gone|deplet\w*|harm\w*|spoil\w*|ruin\w*|dissipat\w*|expir\w*|remov\w*"
    r"|purg\w*|wast\w*|laps\w*|scatter\w*|invalid\w*|outflow\w*|escap\w*|drain\w*"
    r"|breach\w*|expos\w*|disclos\w*|omit\w*|omission\w*|incomplete|unrecoverabl\w*"
    r"|irrecoverabl\w*|ceas\w*|eliminat\w*|abolish\w*|terminat\w*|cancel\w*|strik\w*"
    r"|struck|lack\w*|absen\w*|no longer|end|ends|ended|stolen|theft|drop\w*|discard\w*"
    r"|deteriorat\w*|degrad\w*|fad\w*|vacat\w*|void\w*|nullif\w*|shed\w*|dispers\w*)(?![a-z])",
    re.I,
)


def losing(source: str) -> list[str]:
    """Words of losing in the source, as written (失わ, 紛失); [] without Sudachi."""
    text = re.sub(r"(?:漏れ|もれ)なく", "、", unicodedata.normalize("NFKC", source))  # "every"
    found = [
        m.surface()
        for m in japanese_morphemes(text)
        if m.part_of_speech()[0] == "動詞" and m.dictionary_form() in _LOSING_VERBS
    ]
    return found + _LOSING_NOUNS.findall(text)


_FROM_ENGLISH = re.compile(r"\b(?:from|by|via|through|out of|since|starting|beginning)\b", re.I)
_LIGHT_VERBS = frozenset("する 出来る できる なる ある いる 居る おる れる られる せる".split())
_VERB_TO = re.compile(r"\b([a-z]+)\s+(?:back\s+)?to\b", re.I)


def from_verbs(source: str) -> list[tuple[str, str]]:
    """(noun, verb) for each noun + から ("from") of the source and each verb or verbal noun
    of its clause after it, up to a comma, a clause's conjunction or the sentence's end
    (提供元から決められたサイクルで提供されない: 提供元 with 決める and 提供)."""
    morphemes = japanese_morphemes(unicodedata.normalize("NFKC", source))
    found = []
    for i in range(1, len(morphemes)):
        kara, noun = morphemes[i], morphemes[i - 1]
        if kara.surface() != "から" or kara.part_of_speech()[1] != "格助詞":
            continue
        if noun.part_of_speech()[0] not in ("名詞", "接尾辞"):
            continue
        start = i - 1
        while start > 0 and morphemes[start - 1].part_of_speech()[0] in ("名詞", "接頭辞"):
            start -= 1
        whole = "".join(m.surface() for m in morphemes[start:i])
        recipient = False  # 事務局から委員に報告する: "report to" is the に, not the から
        for at in range(i + 1, len(morphemes)):
            m, after = morphemes[at], morphemes[at + 1 : at + 2]
            pos = m.part_of_speech()
            recipient = recipient or (m.surface() in ("に", "へ") and pos[1] == "格助詞")
            verbal = pos[0] == "名詞" and pos[2] == "サ変可能"  # 提供 of 提供される
            done = bool(after) and after[0].dictionary_form() in ("する", "できる", "出来る")
            is_verb = pos[0] == "動詞" and m.dictionary_form() not in _LIGHT_VERBS
            if (is_verb or verbal and done) and not recipient:
                found.append((whole, m.dictionary_form()))
            if m.surface() in ("。", "、", ",") or pos[1] == "接続助詞":
                break
    return found


def reversed_direction(source: str, english: str) -> tuple[str, str] | None:
    """The source's noun + から and the English verb + "to" of the same verb (by its
    dictionary glosses), with no "from" or "by" anywhere: what came from there goes there."""
    from .lexicon import glosses, stem, stems_match

    if _FROM_ENGLISH.search(english):
        return None
    towards = [(w, stem(w.lower())) for w in _VERB_TO.findall(english)]
    if not towards:
        return None
    for noun, verb in from_verbs(source):
        heads = {g[0] for g in glosses(verb) if len(g) == 1}
        for word, word_stem in towards:
            if any(stems_match(word_stem, h) for h in heads):
                return noun + "から", word + " to"
    return None


# Source words that an English "not" may render: a denial (ない, ず, 不, 未, 非, 無 …), a lack,
# a limit or an exception (除く, 以外, 限る, しか, 以内, 未満 …), a difficulty or a rarity (難,
# 少, 稀), a difference (違う, 異なる: "not the same"), a closing (閉会中: "not in session"),
# a prevention, a loss, a question (…か, かどうか: "whether or not"), an obligation (べき).
_DENYING_JA = re.compile(
    # なかった / old kana なかつた, なかろう, なければ: the past and the conditional of ない
    r"ない|なく|なか[っつろ]|なけれ|ざ[るりれ]|無|ず|ぬ|ません|不|未|非|否|禁|止|欠|除|以外|限|少|難|しか|外|免|抜|漏|失|防|避"
    r"|拒|却|廃|停|解除|取消|削|減|低|ゼロ|なし|まい|得ない|か[。．]?$|かどうか|か否か|前|まで|かね"
    r"|以内|以下|未満|超え|べき|違|異|別|閉|空|稀|まれ|のみ|だけ"
)
_NOT_ENGLISH = re.compile(r"\b(?:not|never|cannot)\b|n't\b", re.I)
# "not" that denies nothing: a limit or a figure's bound, "not only", "whether or not".
_NOT_AS_BOUND = re.compile(
    r"\b(?:not only|whether or not|if not|not less than|not more than|not exceeding|not later"
    r" than|not earlier than|not to exceed)\b",
    re.I,
)


def added_negation(source: str, english: str) -> bool:
    """The English denies ("not") where the source has no word of denial, lack or limit."""
    if _JAPANESE_IN.search(english) or not _NOT_ENGLISH.search(_NOT_AS_BOUND.sub(" ", english)):
        return False
    return not _DENYING_JA.search(unicodedata.normalize("NFKC", source))


_JAPANESE_IN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# An English tag question (", isn't it?", ", don't they?") renders the source's ね or でしょう
# (２（５）ですね → "That is 2 (5), isn't it?"): its n't asks for agreement, it denies
# nothing, nor does it stand for a negation of the source. Taken out before reading.
_TAG_QUESTION = re.compile(
    r",\s*(?:is|are|was|were|do|does|did|have|has|had|ca|could|wo|would|should|sha|must"
    r"|need|ai)n['’]t\s+(?:it|he|she|they|we|you|i|there|that|this|one)\s*(?=\?)",
    re.I,
)


def check_polarity(source: str, translation: str, source_lang: str, target_lang: str) -> list:
    if source_lang != "ja" or target_lang != "en" or not _LATIN_WORD.search(translation):
        return []
    english = _TAG_QUESTION.sub("", unicodedata.normalize("NFKC", translation))
    found = []
    denied = negations(source, english)
    if _DUTY_ENGLISH.search(english):
        # …しなければ, its ならない left unsaid (spoken Japanese): a duty, "have to".
        denied = [w for w in denied if w != "なけれ"]
    denied = [w for w in denied if not _said_without_not(w, english) and not _cited(w, english)]
    if denied and not _NEGATIVE_ENGLISH.search(english):
        found.append(_finding(CHECK_NEGATION, denied[0], "否定", "a negation"))
    limits = restrictions(source, english)
    if set(limits) == {"以外"} and _NEGATIVE_ENGLISH.search(english):
        limits = []  # 米軍関係者以外の者 "suspects who were not U.S. military personnel"
    if limits and _DUTY_ENGLISH.search(english) and all(_ONLY_BY_NEGATION.match(w) for w in limits):
        limits = []  # 解決するしかない "we have to solve it", "must be solved"
    if limits and not _RESTRICTING_ENGLISH.search(english):
        found.append(_finding(CHECK_RESTRICTION, limits[0], "限定", "a restriction"))
    if _part_only(source) and not _PART_ENGLISH.search(english):
        found.append(_finding(CHECK_RESTRICTION, "一部", "一部だけ", "only part of it"))
    if not found:
        for state in denied_states(source):
            if not _state_shown(state, english):
                found.append(
                    _finding(
                        CHECK_NEGATION, state, "「でない」で否定される状態", "the state denied"
                    )
                )
                break
    if (
        not found
        and not _NEGATIVE_ENGLISH.search(english)
        and not _PROTECTING_ENGLISH.search(english)
    ):
        for word in preventing(source)[:1]:
            found.append(_finding(CHECK_NEGATION, word, "防ぐ・避けること", "preventing something"))
    if not found and not _LOSS_ENGLISH.search(english):
        for word in [w for w in losing(source) if w not in english][:1]:
            found.append(_finding(CHECK_LOSS, word, "失われる・消えること", "losing something"))
    if not found and added_negation(source, english):
        shown = source.strip()[:20]
        found.append(
            Finding(
                CHECK_NEGATION,
                WARNING,
                _NOT_ENGLISH.search(english).group(0),
                shown,
                f"原文「{shown}」には否定の語がありませんが、訳文は「not」で否定しています。"
                "意味が逆になっている可能性があります",
                f"The source '{shown}' denies nothing, but the translation says 'not': the "
                "meaning may have been turned round",
            )
        )
    turned = None if found else reversed_direction(source, english)
    if turned:
        found.append(
            Finding(
                CHECK_DIRECTION,
                WARNING,
                turned[1],
                turned[0],
                f"原文の「{turned[0]}」（…から）が、訳文では「{turned[1]}」（…へ）になっています。"
                "向きが逆になっている可能性があります",
                f"The source's '{turned[0]}' (from …) became '{turned[1]}' in the translation: "
                "the direction may have been turned round",
            )
        )
    if not found and lost_contrast(source, english):
        shown = source.strip()[:30]
        found.append(
            Finding(
                CHECK_CONTRAST,
                WARNING,
                shown,
                "",
                f"原文「{shown}」は肯定と否定の二つの事柄を「が」などで対比していますが、訳文には"
                "対比がありません。一方が抜けたか、意味が変わっている可能性があります",
                f"The source '{shown}' sets a positive and a negative statement against each "
                "other, but the translation has no contrast; one of them may be lost or the "
                "meaning changed",
            )
        )
    return found
