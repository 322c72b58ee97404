"""Degeneration: output a small model produced instead of a translation.

- loops: the same sentence, word sequence or character run repeated;
- copies of the prompt's worked examples (the few-shot pairs in prompting.py);
- markup and special tokens (</h4>, <|im_end|>, <end_of_turn>, ###, [INST]);
- the wrong output language (an "English" translation in Japanese);
- invented text for a form-only segment (年　月　日, 記, 以上, 殿).
Every one of these is a hard failure (severity error): the segment is retried.
Softer (warnings): a label or statement that came out as a question or an instruction
(住所又は居所 → "Where is your address or residence?").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from ...documents.tags import strip_tags
from .finding import ERROR, WARNING, Finding
from .languages import script_counts

_WORD = re.compile(r"[a-z0-9']+")
_SPECIAL = re.compile(
    r"<\|[^<>|]{0,40}\|>|</?(?:start_of_turn|end_of_turn|bos|eos|pad|unk|mask|s|sep|cls)>"
    r"|\[/?INST\]|<<SYS>>|<0x[0-9A-Fa-f]{2}>|^#{2,6}\s|###",
    re.M,
)
_HTML_TAGS = (
    "h[1-6]|p|br|hr|div|span|b|i|u|s|em|strong|small|big|mark|sup|sub|font|center|pre|code|"
    "blockquote|table|thead|tbody|tr|td|th|caption|ul|ol|li|dl|dt|dd|a|img|html|head|body|"
    "title|meta|link|script|style|section|article|header|footer|nav|label|input|form|"
    "button|select|option|textarea|w:[a-z]+"
)
_HTML = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s[^<>]{{0,80}})?\s*/?>", re.I)
# Any other lowercase tag the model makes up (<tex>$backups$</tex>, <note>): markup too,
# unless the source itself has angle brackets (＜参考＞ may well come out as <reference>).
# Our own inline tags (<g1>…</g1>, <x1/>) are not the model's.
_ANY_TAG = re.compile(r"</?(?![gx]\d+\b)[a-z][a-z0-9_:-]{0,20}(?:\s[^<>]{0,80})?\s*/?>")
_ANGLE_BRACKETS = re.compile(r"[<>＜＞〈〉《》]")
_RUN = re.compile(r"(.{3,80}?)\1{2,}", re.S)  # a run repeated three times in a row
# A stretch of at least three words said twice in a row ("Rules of Procedure of Rules of
# Procedure of"): what is left after the stream's loop cut (pipeline._stream) keeps two.
_TWICE = re.compile(
    r"(?<![A-Za-z])((?:[A-Za-z0-9'.,()\-]+\s+){2,}[A-Za-z0-9'.,()\-]+)\s+\1(?![A-Za-z])"
)
_FORM_TOKENS = (
    "年",
    "月",
    "日",
    "記",
    "以上",
    "殿",
    "様",
    "印",
    "令和",
    "平成",
    "昭和",
    "午前",
    "午後",
    "時",
    "分",
    "号",
    "第",
    "〒",
    "℡",
    "TEL",
    "FAX",
    "曜",
    "（",
    "）",
    "(",
    ")",
)
_FORM = re.compile(
    "^(?:" + "|".join(re.escape(t) for t in sorted(_FORM_TOKENS, key=len, reverse=True)) + ")+$"
)


def _compact(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?。！？])\s*", _compact(text))
    return [p.strip().lower() for p in parts if len(p.strip()) >= 12]


def _source_repeats(source: str, shortest: int = 4) -> int:
    """How often the source says its most repeated phrase of kanji (財産の価額 three times
    in 民法 Article 1043: "the value of the property" three times is faithful, not a loop),
    of `shortest` characters or more."""
    text = re.sub(r"[^\u3040-\u30ff\u4e00-\u9fff々]", " ", unicodedata.normalize("NFKC", source))
    best = 0
    for size in range(shortest, 9):
        grams = Counter(
            text[i : i + size]
            for i in range(len(text) - size + 1)
            if " " not in text[i : i + size] and len(_KANJI_RUN.findall(text[i : i + size])) >= 3
        )
        best = max(best, max(grams.values(), default=0))
    return best


_KANJI_RUN = re.compile(r"[\u4e00-\u9fff々]")
# A speaker who restarts a phrase (一旦受取が出たら、受取が電子の形で出たら): the same word
# and subject or object particle again just after a comma, which a faithful interpreter says
# twice too (not の/に: a law's 前項の…、前項の cites, it does not restart).
_RESTATED = re.compile(r"([\u4e00-\u9fff々]{2,}[がをは]).{1,12}?、\1")


def _allowed_repeats(source: str) -> int:
    """How often a translation may say one phrase: as often as the source says its most
    repeated one, and once more where the source repeats it at all, since English names
    the subject that Japanese leaves unsaid (注文者 twice in 民法 Article 637, "the party
    ordering the work" three times). A word of three kanji counts here; a phrase said
    twice in six words (below) is judged against the source's longer phrases only."""
    repeats = _source_repeats(source, shortest=3)
    return repeats + 1 if repeats >= 2 else repeats


def find_loop(text: str, source: str = "") -> str | None:
    """The repeated piece when `text` repeats itself and the source does not."""
    compact = _compact(text)
    sentences = Counter(_sentences(compact))
    for sentence, count in sentences.most_common(1):
        if count >= 2 and Counter(_sentences(source)).get(sentence, 0) < count:
            return sentence
    words = _WORD.findall(compact.lower())
    grams = Counter(tuple(words[i : i + 5]) for i in range(len(words) - 4))
    for gram, count in grams.most_common(1):
        if count >= 3 and count > _allowed_repeats(source):
            return " ".join(gram)
    # A long phrase said twice, apart ("… can be defined by the combination of the data
    # model and customization" after "The combination of the data model and
    # customization …"): the small model restating itself instead of translating the
    # rest. Three of its six words must be real words so "of the … of the" is no loop.
    grams = Counter(tuple(words[i : i + 6]) for i in range(len(words) - 5))
    for gram, count in grams.most_common(3):
        if count >= 2 and sum(len(w) >= 4 for w in gram) >= 3:
            if count > _source_repeats(source) + bool(_RESTATED.search(source)):
                return " ".join(gram)
    twice = _TWICE.search(compact)
    if twice and len(twice.group(1)) >= 15 and twice.group(0) not in _compact(source):
        return twice.group(1)
    for match in _RUN.finditer(compact):
        piece = match.group(1)
        # A run of one character ("……", "――", "○○○") is layout, and text the source
        # repeats itself is the source's.
        if len(set(piece.strip())) > 1 and match.group(0) not in _compact(source):
            return piece
    return None


def check_loop(source: str, translation: str) -> list[Finding]:
    piece = find_loop(translation, source)
    return [] if piece is None else [loop_cut(piece)]


def loop_cut(piece: str) -> Finding:
    """The output repeats `piece` (found here, or cut off while streaming)."""
    return Finding(
        "degeneration.loop",
        ERROR,
        piece[:40],
        "",
        f"訳文が同じ語句「{piece[:20]}」を繰り返しています（モデルの出力の乱れ）",
        f"The translation repeats '{piece[:30]}' (the model's output broke down)",
    )


def check_markup(source: str, translation: str) -> list[Finding]:
    """Tags and special tokens that are neither our <gN>/<xN/> tags nor in the source."""
    found = [m.group(0) for m in _SPECIAL.finditer(translation)]
    found += [m.group(0) for m in _HTML.finditer(translation)]
    if not _ANGLE_BRACKETS.search(source):
        found += [m.group(0) for m in _ANY_TAG.finditer(translation)]
    normalized = unicodedata.normalize("NFKC", source)
    stray = [t for t in dict.fromkeys(found) if t not in source and t not in normalized]
    if not stray:
        return []
    marks = " ".join(stray[:3])
    return [
        Finding(
            "degeneration.markup",
            ERROR,
            marks,
            "",
            f"訳文に原文にない記号・タグ {marks} が含まれています（モデルの出力の乱れ）",
            f"The translation contains markup the source does not have: {marks}",
        )
    ]


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"\W", "", unicodedata.normalize("NFKC", text))
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _longest_run(words: list[str], other: list[str]) -> list[str]:
    """The longest sequence of words both lists have, in a row."""
    best: tuple[int, int] = (0, 0)  # (length, end in other)
    previous = [0] * (len(other) + 1)
    for word in words:
        current = [0] * (len(other) + 1)
        for j, candidate in enumerate(other, 1):
            if word == candidate:
                current[j] = previous[j - 1] + 1
                if current[j] > best[0]:
                    best = (current[j], j)
        previous = current
    return other[best[1] - best[0] : best[1]]


def copied_example(translation: str, example_target: str) -> float:
    """The share of a worked example's words found in a row in the output (0 when
    under 60 %). An example with figures counts only with one of its figures: the
    same sentence pattern with the document's own figures is a correct translation."""
    example = _WORD.findall(_compact(strip_tags(example_target)).lower())
    words = _WORD.findall(_compact(translation).lower())
    if len(example) < 3 or not words:
        return 0.0
    run = _longest_run(words, example)
    if len(run) < min(4, len(example)) or len(run) < 0.6 * len(example):
        return 0.0
    figures = {w for w in example if any(c.isdigit() for c in w)}
    return len(run) / len(example) if not figures or figures & set(run) else 0.0


def check_example_copy(
    source: str, translation: str, examples: Sequence[tuple[str, str]]
) -> list[Finding]:
    """Text of a worked example in the output, where the source is not that example."""
    source_grams = _bigrams(source)
    for example_source, example_target in examples:
        share = copied_example(translation, example_target)
        if not share:
            continue
        wanted = _bigrams(strip_tags(example_source))
        covered = len(wanted & source_grams) / len(wanted) if wanted else 0.0
        # The source really says what the example says. A whole example copied word for
        # word needs a source that is almost the example: 保有個人情報訂正請求書 is not
        # the example's 開示請求書 (a real demo-model run wrote the example's English).
        if covered >= (0.85 if share >= 0.99 else 0.6):
            continue
        return [
            Finding(
                "degeneration.example",
                ERROR,
                example_target[:40],
                "",
                "訳文にプロンプトの例文がそのまま混じっています（原文にない内容）",
                "The translation contains text copied from the prompt's examples, "
                "which is not in the source",
            )
        ]
    return []


def wrong_language(translation: str, target_lang: str) -> bool:
    counts = script_counts(translation)
    cjk = counts["kana"] + counts["han"]
    latin = counts["latin"]
    if target_lang in ("ja", "zh"):
        return latin >= 12 and latin > 3 * cjk
    if target_lang in ("en", "fr", "de", "es", "it", "pt", "id", "vi"):
        return cjk >= 3 and cjk > 0.25 * (cjk + latin)
    return False


# Japanese written on purpose: in brackets or quotes after its English ("secondary use (2次利用)").
_QUOTED = re.compile(r"\([^()]*\)|（[^（）]*）|「[^「」]*」|『[^『』]*』|\"[^\"]*\"|“[^”]*”")
_JAPANESE_RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff々]{2,}")


def left_in_japanese(source: str, translation: str, target_lang: str) -> list[Finding]:
    """Japanese left inside an otherwise English translation (全銀協 → "All-銀協")."""
    if target_lang not in ("en", "fr", "de", "es", "it", "pt", "id", "vi") or "【" in translation:
        return []
    normal_source = unicodedata.normalize("NFKC", source)
    # …unless the source has that very bracket: 名(カナ) → "Name(カナ)" left it untranslated.
    outside = _QUOTED.sub(
        lambda m: m.group(0) if m.group(0) in normal_source else " ",
        unicodedata.normalize("NFKC", translation),
    )
    left = _JAPANESE_RUN.search(outside)
    if left is None or not re.search(r"[A-Za-z]{2,}", outside):
        return []  # all Japanese: the untranslated / wrong-language checks speak
    return [
        Finding(
            "degeneration.language",
            WARNING,
            left.group(0),
            "",
            f"訳文に翻訳されていない日本語「{left.group(0)}」が残っています",
            f"The translation still contains untranslated Japanese: '{left.group(0)}'",
        )
    ]


def check_language(source: str, translation: str, target_lang: str) -> list[Finding]:
    if not wrong_language(translation, target_lang):
        return left_in_japanese(source, translation, target_lang)
    return [
        Finding(
            "degeneration.language",
            ERROR,
            translation[:40],
            target_lang,
            "訳文が翻訳先の言語になっていません",
            "The translation is not in the target language",
        )
    ]


def is_form_only(source: str) -> bool:
    """年　月　日, 記, 以上, 殿: form words with blanks and figures only."""
    text = re.sub(r"[\s\u3000\d０-９.,:：/／・\-－]", "", unicodedata.normalize("NFKC", source))
    return bool(text) and _FORM.match(text) is not None


# A lone form word has few translations; anything else was made up (記 → "Date of signature",
# a real demo-model output on docx12).
_LONE_FORM_WORDS = {
    "記": {"note", "notes", "details", "detail", "particulars", "follows", "description",
          "record", "memo", "items", "item", "below", "remarks", "entry", "ki"},
    "以上": {"end", "ends", "above", "all", "following", "complete", "finished", "over"},
}  # fmt: skip


def check_lone_form_word(source: str, translation: str) -> list[Finding]:
    accepted = _LONE_FORM_WORDS.get(re.sub(r"[\s\u3000]", "", source))
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", translation)}
    if accepted is None or not words or words & accepted:
        return []
    return [
        Finding(
            "degeneration.form",
            WARNING,
            translation[:40],
            source.strip(),
            f"定型語「{source.strip()}」の訳が「{translation.strip()[:30]}」になっています"
            "（原文にない語の可能性があります）",
            f"The form word '{source.strip()}' became '{translation.strip()[:30]}', "
            "which may not be in the source",
        )
    ]


def check_form_text(source: str, translation: str) -> list[Finding]:
    if not is_form_only(source):
        return []
    words = re.findall(r"[A-Za-z]+", translation)
    tokens = len(re.findall("|".join(re.escape(t) for t in _FORM_TOKENS), source))
    if len(words) <= max(3, 2 * tokens + 1):
        return check_lone_form_word(source, translation)
    return [
        Finding(
            "degeneration.form",
            ERROR,
            translation[:40],
            source.strip(),
            f"記入欄・定型語「{source.strip()[:20]}」に、原文にない文が作られています",
            f"The form words '{source.strip()[:20]}' became invented sentences",
        )
    ]


# The source asks something: 〜か。, ？, いかが, なぜ, どう … ("何" is also 何らかの: enough to skip).
# A sentence that ends in ね asks for agreement (理解していいんですね。): English puts it
# as a question ("may we understand …?").
_ASKS = re.compile(
    r"[？?]|か[。．」』）)\s]|か$|かどうか|いかが|なぜ|何|どう|どの|どこ|いつ|誰|どれ"
    r"|ね[。．」』）)]|ね\s*$"
    # …わけでしょう。 / …だろう。: the speaker asks the listener to agree ("surely?", "right?")
    r"|(?:でしょ|だろ)う?(?:ね|よ)?[。．」』）)!！]|(?:でしょ|だろ)う?(?:ね|よ)?\s*$"
)
# The source asks the reader to do something: 〜してください, 〜すること, 〜願います …
_DIRECTS = re.compile(
    r"ください|下さい|願|こと[。．]?$|ことと|されたい|べき|ましょう|せよ|なさい|てほしい"
    # a form's note in noun style: YYYY-MM-DDで記入, 該当するものを選択 ("enter …", "select …")
    r"|[をでにへ](?:記入|入力|提出|選択|添付|記載|チェック|回答)\s*$"
)
# "Please …", or a verb first with its object ("Enter your name"): "Note" alone is a noun.
_IMPERATIVE = re.compile(
    r"\b(?:please|kindly)\b|^\W*(?:[A-Z]?\d+(?:\.\d+)*\W*)?(?:enter|fill|write|provide|"
    r"submit|attach|indicate|select|choose|describe|specify|state|tick|circle|mark|check|"
    r"contact|note|ensure|make sure|do not|don't|be sure)\s+(?:in|out|the|your|a|an|this|"
    r"these|all|one|whether|if|that|here|below)\b",
    re.I,
)


# じゃ、…だったんですね、このようにお聞きしたんですが: a question the speaker reports having
# asked, quoted in English ('I asked, "So the eleven were cleared, then?" but …'); so too one
# the speaker reports others saying (…じゃないのと言う方も: 'people who said, "Shouldn't …?"').
_REPORTING_VERB = re.compile(
    r"聞[いきく]|尋ね|質問|伺[いっう]|問[いう]|と(?:言[いうわっえ]|いう|おっしゃ|申[しさす])"
)
_QUOTED_QUESTION = re.compile(r"\?[\"'”’]")


def _reported_question(source: str, translation: str) -> bool:
    return bool(_REPORTING_VERB.search(source) and _QUOTED_QUESTION.search(translation))


def is_label(source: str) -> bool:
    """A heading, a form field or a name: no sentence end, no predicate at the end."""
    text = re.sub(r"[\s\u3000]", "", unicodedata.normalize("NFKC", source))
    return (
        0 < len(text) <= 30
        and not re.search(r"[。.!！]", text)
        and not re.search(r"(?:[るたすいうくだ]|ます|です|ない)[)）」』]?$", text)
    )


def check_sentence_form(source: str, translation: str) -> list[Finding]:
    """A label or statement that became a question, a label that became an instruction."""
    normal = unicodedata.normalize("NFKC", source)
    # A request (お願いします) is often put as a question: "Could you please …?"
    question = "?" in translation and not _ASKS.search(normal) and not _DIRECTS.search(normal)
    question = question and not _reported_question(normal, translation)
    label = is_label(source)
    instruction = label and _IMPERATIVE.search(translation) and not _DIRECTS.search(normal)
    if not (question or instruction):
        return []
    shown = source.strip()[:20]
    if label:
        kind_ja, kind_en = ("疑問文", "a question") if question else ("指示文", "an instruction")
        return [
            Finding(
                "meaning.label",
                WARNING,
                translation[:40],
                shown,
                f"見出し・項目名「{shown}」の訳が{kind_ja}になっています（原文にない内容の可能性があります）",
                f"The heading or field label '{shown}' became {kind_en} in the translation",
            )
        ]
    return [
        Finding(
            "meaning.question",
            WARNING,
            translation[:40],
            shown,
            f"原文「{shown}」は疑問文ではありませんが、訳文が疑問文になっています",
            f"The source '{shown}' is not a question, but the translation is one",
        )
    ]


# Kanji of posts, bodies and kinds (審議官, 庁, 課, 者): a name repeats them without saying
# a word twice.
_KIND_KANJI = frozenset(
    "官長員庁省局課部室所署館会者等的性化用市区町村県都府国全内外第各本分中大小新"
)
MAX_REPEAT_SOURCE = 40  # labels, list lines and short sentences: few words, each said once
_FUNCTION_WORDS = frozenset(
    "the a an of and or to in on at by for from with as is are be was were shall may must "
    "will can this that these those it its not no please your you we our which who what when "
    "where how has have had been being do does did such other than also into about per each "
    "all any some their there they them etc".split()
)


def repeated_words(source: str, translation: str) -> list[str]:
    """Content words a short translation says twice or more although the source says no
    word twice: two of them or more ("Creative thinking, creative thinking", "The data
    combination can be combined with the data combination"). The model filled the place of
    a lost word or clause with words it already had. One word said twice is left alone
    (業務・システム構想書 → "business plan, system plan": English repeats a shared head)."""
    text = unicodedata.normalize("NFKC", source).strip()
    if len(text) > MAX_REPEAT_SOURCE:
        return []
    from ...sudachi import morphemes

    long_words, short_words = morphemes(text, "C"), morphemes(text, "A")
    if not long_words:
        return []  # no Sudachi: the source's own repeats cannot be told
    for words, kanji_only in ((long_words, False), (short_words, True)):
        said = Counter(
            m.normalized_form()
            for m in words
            if m.part_of_speech()[0] in ("名詞", "動詞", "形容詞")
            and len(m.surface()) >= 2
            and (not kanji_only or re.search(r"[\u4e00-\u9fff]", m.surface()))
        )
        if any(n >= 2 for n in said.values()):
            # the source repeats a word itself (設計：設計（構造）), maybe inside longer
            # words of kanji (一般社団法人及び一般財団法人: 一般 and 法人 twice; two
            # loanwords in シンキング are two things, not one said twice)
            return []
    # …or one kanji of two of its nouns (表外漢字字体表: 表外 and 字体表 both say "table"); not
    # a kanji of posts and kinds, which names stack (長官官房審議官 says no word twice)
    nouns = [m.surface() for m in short_words if m.part_of_speech()[0] == "名詞"]
    kanji = Counter(
        k for m in set(nouns) for k in set(re.findall(r"[\u4e00-\u9fff]", m)) - _KIND_KANJI
    )
    if any(n >= 2 for n in kanji.values()):
        return []
    # …or a one-kanji noun twice (5月1日前／後＝…それより前／後: "before/after" twice)
    if any(n >= 2 for k, n in Counter(nouns).items() if len(k) == 1 and k not in _KIND_KANJI):
        return []
    from .lexicon import stem

    words = [
        w
        for w in re.findall(r"[a-z]+", unicodedata.normalize("NFKC", translation).lower())
        if len(w) > 2 and w not in _FUNCTION_WORDS
    ]
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for word in words:
        counts[stem(word)] += 1
        first.setdefault(stem(word), word)
    twice = [first[s] for s, n in counts.items() if n >= 2]
    return twice if len(twice) >= 2 else []


def check_repeated_words(source: str, translation: str) -> list[Finding]:
    twice = repeated_words(source, translation)
    if not twice:
        return []
    words = ", ".join(twice[:4])
    return [
        Finding(
            "meaning.repeated",
            WARNING,
            translation[:40],
            words,
            f"訳文では「{words}」が繰り返されていますが、原文では同じ語は繰り返されていません"
            "（訳されずに抜けた語句の代わりに繰り返した可能性があります）",
            f"The translation repeats '{words}', which the source says only once; a lost "
            "word or phrase may have been replaced by a repetition",
        )
    ]


def check_degeneration(
    source: str,
    translation: str,
    target_lang: str,
    examples: Sequence[tuple[str, str]] = (),
) -> list[Finding]:
    return (
        check_loop(source, translation)
        + check_markup(source, translation)
        + check_example_copy(source, translation, examples)
        + check_language(source, translation, target_lang)
        + check_form_text(source, translation)
        + check_sentence_form(source, translation)
        + check_repeated_words(source, translation)
    )
