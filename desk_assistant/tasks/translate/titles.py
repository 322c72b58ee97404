"""Titles of persons (役職名) that must survive a Japanese → English translation.

The demo model wrote 政府CIO補佐官 as "Government CIO" (the adviser became the CIO),
臨時委員 as "Temporary Council" and 幹事 as "Chief": plausible, short, and no other check
sees them. A title found in the source (resources/organisations/ja_en_titles.tsv, at
word boundaries: 社会長期 holds no 会長) needs one of its English words in the
translation, or a transliteration. A segment that is nothing but a title
(「部 会 長」 → "Head of Business Section") may not add words of its own.

A swapped title keeps a title word, only the wrong one: 議長 → "Vice-President" (a deputy
the source does not have), 会長 → "Director" beside the right "President" twice. A title
word made a deputy's (Vice-, Deputy, Assistant, Associate before it) serves no title of
full rank, and a title word that neither a title of the source nor a word of it (JMdict
glosses: 取締役 → director, 議員 → member) can mean is a finding.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from ...paths import resources_dir
from .finding import WARNING, Finding
from .organisations import list_rows

LIST_FILE = ("organisations", "ja_en_titles.tsv")
_DEPUTY = ("vice", "deputy", "assistant", "associate")
# Words a translation of a lone title may add: "Acting Chair", "(Temporary Members)".
_MODIFIERS = {"vice", "deputy", "acting", "assistant", "associate", "temporary", "interim",
              "senior", "general", "co", "sub", "special", "ad", "hoc", "expert", "member",
              "members", "of", "the", "a", "an", "and", "for", "to", "in", "on", "s"}  # fmt: skip
_CJK = r"\u4e00-\u9fff々\u30a0-\u30ffー"


def _read_list(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    return {japanese: tuple(n.lower() for n in names) for japanese, names, _ in list_rows(lines)}


@functools.cache
def known_titles() -> dict[str, tuple[str, ...]]:
    path = resources_dir().joinpath(*LIST_FILE)
    try:
        return _read_list(path.read_text(encoding="utf-8").splitlines())
    except OSError:  # a broken install must not stop translating; other checks still run
        return {}


@functools.cache
def _pattern() -> re.Pattern[str] | None:
    titles = sorted(known_titles(), key=len, reverse=True)
    if not titles:
        return None
    # 委員会, 幹事会, 理事会 are bodies, not persons; so are 弁護士法人, 税理士法人 (corporations).
    return re.compile(f"(?:{'|'.join(map(re.escape, titles))})(?!会|法人)")


def despaced(text: str) -> str:
    """「部 会 長」 (letter-spaced table cells) → 部会長."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(rf"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])", "", text)


def titles_in(text: str) -> list[tuple[str, int, int, bool]]:
    """(title, start, end, after 副) in order, each title once; only titles that start
    and end where Sudachi's words do."""
    pattern = _pattern()
    text = despaced(text)
    if pattern is None or not pattern.search(text):
        return []
    from .names import word_boundaries

    cuts = word_boundaries(text) or frozenset({0, len(text)})  # without Sudachi: whole text
    found: dict[tuple[str, bool], tuple[str, int, int, bool]] = {}
    for match in pattern.finditer(text):
        start, end = match.span()
        if start not in cuts or end not in cuts:
            continue
        if text[start - 1 : start] in ("御", "ご"):
            continue  # 御教授いただきました "gave us guidance": a verb noun, no professor
        deputy = text[start - 1 : start] == "副"
        found.setdefault((match.group(0), deputy), (match.group(0), start, end, deputy))
    return list(found.values())


# A title that names the person spoken to: in the Diet an answer says 委員 (大臣, 先生) for
# "you" — 今委員おっしゃった, 委員御指摘の, 大臣の御答弁. Honorific verbs and 今/先ほど mark it.
_ADDRESS_AFTER = re.compile(
    r"^(?:[がのはから]{0,2})(?:今|先ほど|先程|今ほど)?"
    r"(?:おっしゃ|仰|御指摘|ご指摘|御質問|ご質問|お尋ね|御提案|ご提案|御主張|ご主張|御懸念|"
    r"ご懸念|御答弁|ご答弁|御紹介|ご紹介|御発言|ご発言|御意見|ご意見|言われ|申され|述べられ)"
)
_ADDRESS_BEFORE = re.compile(r"(?:今|先ほど|先程|今ほど|ただいま|ただ今)$")
_YOU = re.compile(r"\byou(?:rs?|rself)?\b", re.I)


def _addressed(text: str, start: int, end: int) -> bool:
    """The title is said to or of the person addressed (Diet style), not about a third one.
    A speaker's label (○渡辺幹事 御質問ありがとうございます) names the speaker, not "you"."""
    if re.search(r"○[^\s、。]*$", text[:start]):
        return False
    return bool(_ADDRESS_AFTER.search(text[end : end + 12]) or _ADDRESS_BEFORE.search(text[:start]))


_MISTER = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\b\.? ?[A-Z]")


def _plain_mister(translation: str, words: list[str]) -> bool:
    """Mr. Kitazawa and no post word but a member's: "Mr. Kitazawa, the chairman" for
    北澤委員 is a member made chairman, still a finding."""
    from .organisations import english_stem

    member = set(known_titles().get("委員", ()))
    posts = {english_stem(w) for w in words} & ((_POSTS | _CAPITAL_POSTS) - member)
    return bool(_MISTER.search(translation)) and not posts


def _member_by_name(text: str, title: str, start: int) -> bool:
    """委員 right after a person's name: in meetings and the Diet, 北澤委員 is how one
    member names another, said in English as "Mr. Kitazawa"."""
    from .names import proper_names

    if title != "委員":
        return False
    return any(text[:start].endswith(surface) for surface, _, _ in proper_names(text[:start]))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", unicodedata.normalize("NFKC", text).lower())


def _has(words: Iterable[str], wanted: Iterable[str]) -> bool:
    from .organisations import english_stem

    wanted = tuple(wanted)
    # advisers, chairperson's, secretaries
    return any(w.startswith(x) or english_stem(w).startswith(x) for w in words for x in wanted)


def _listed_organisation_spans(text: str) -> list[tuple[int, int]]:
    from .organisations import organisations_in

    spans = []
    for surface, organisation in organisations_in(text):
        if organisation is not None:  # 内閣官房長官 is a listed post: the list checks it
            start = text.find(surface)
            spans.append((start, start + len(surface)))
    return spans


def _missing(title: str, english: str) -> Finding:
    return Finding(
        "names.title",
        WARNING,
        title,
        english,
        f"原文の役職名「{title}」（{english}）が訳文に見当たりません",
        f"The title '{title}' ({english}) is not in the translation",
    )


def _added(title: str, translation: str, extra: list[str]) -> Finding:
    words = ", ".join(extra[:3])
    return Finding(
        "names.title",
        WARNING,
        title,
        words,
        f"役職名「{title}」の訳「{translation.strip()[:40]}」に原文にない語（{words}）があります",
        f"The title '{title}' became '{translation.strip()[:40]}', "
        f"with words not in the source ({words})",
    )


def _lone_title_extras(source: str, title: str, translation: str) -> list[str]:
    """Words of the translation of a lone title that neither the title nor its body say."""
    from .organisations import BODY_HEADS, english_stem

    allowed = set(known_titles()[title]) | set(_DEPUTY)
    for suffix, heads in BODY_HEADS.items():
        if suffix in title:
            allowed |= set(heads)
    extras = []
    for word in _words(translation):
        if word in _MODIFIERS or english_stem(word) in _MODIFIERS:
            continue
        if not _has([word], allowed):
            extras.append(word)
    return list(dict.fromkeys(w.capitalize() for w in extras))


def _unmatched(
    wanted: dict[str, tuple[str, ...]], words: list[str], barred: dict[str, set[int]] | None = None
) -> list[str]:
    """Titles left without a word of the translation when each word serves one title
    (a bipartite matching, augmenting paths: a handful of titles and words); `barred`
    are the words a title may not take."""
    barred = barred or {}
    candidates = {
        t: [i for i, w in enumerate(words) if _has([w], heads) and i not in barred.get(t, ())]
        for t, heads in wanted.items()
    }
    owner: dict[int, str] = {}

    def assign(title: str, seen: set[int]) -> bool:
        for i in candidates[title]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or assign(owner[i], seen):
                owner[i] = title
                return True
        return False

    return [t for t in wanted if not assign(t, set())]


# --- swapped titles: a deputy added, a title word the source has no word for -----------------

_WORD = re.compile(r"[a-z]+")
# Between a deputy word and the title word it makes a deputy's: "Vice-President",
# "Deputy Chief Cabinet Secretary"; "the Deputy and the President" is two persons.
_GLUE = re.compile(r"[\s\-\u2010-\u2015]*")
_NOT_IN_A_TITLE = {"of", "the", "and", "or", "for", "to", "in", "on", "a", "an", "by", "with"}
# A source title that is itself a deputy's or stands in for one: 准教授 (Associate
# Professor), 委員長代理 (Vice-Chairperson), 課長補佐.
_LESSER = re.compile(r"[副次准補]")
_STANDING_IN = re.compile(r"^(?:代理|代行|補佐|心得)")


def _words_at(text: str) -> list[tuple[str, int, int]]:
    text = unicodedata.normalize("NFKC", text).lower()
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def _deputy_made(text: str, modifiers: Iterable[str] = _DEPUTY) -> set[int]:
    """Indices of the words (as _words counts them) that a deputy word before them, in
    the same title phrase, makes a deputy's: president in "Vice-President"."""
    modifiers = set(modifiers)
    spans, made = _words_at(text), set()
    normal = unicodedata.normalize("NFKC", text).lower()
    for i in range(1, len(spans)):
        for j in range(i - 1, max(i - 4, -1), -1):
            if not _GLUE.fullmatch(normal[spans[j][2] : spans[j + 1][1]]):
                break
            if spans[j][0] in modifiers:
                made.add(i)
                break
            if spans[j][0] in _NOT_IN_A_TITLE:
                break
    return made


def _may_be_deputy(title: str, after: str, deputy: bool) -> bool:
    heads = known_titles().get(title, ())
    return (
        deputy
        or bool(_LESSER.search(title))
        or any(h in _DEPUTY for h in heads)
        or bool(_STANDING_IN.match(after))
    )


# What in a source can stand behind Vice-, Deputy, Assistant, Associate: 副会長, 局次長,
# 事務次官, 課長補佐, 准教授, 委員長代理, 助役/助教.
_DEPUTY_MARK = re.compile(r"副|次長|次官|補佐|准|代理|助役|助教")


def _unlicensed_deputy(text: str, translation: str, words: list[str], made: set[int]) -> str:
    """A deputy's post in a translation whose source has no deputy at all ("20 deputy
    members" for 委員二十人, a listed 内閣官房長官 as "Deputy Chief Cabinet Secretary"):
    the post as written, or ""."""
    from .organisations import english_stem

    if not made or _DEPUTY_MARK.search(text):
        return ""
    if any(h in _DEPUTY for t in _titles_written_in(text) for h in known_titles()[t]):
        return ""  # 審議官 → "Deputy Director-General", 政務官 → "Parliamentary Vice-Minister"
    posts = _POSTS | _CAPITAL_POSTS
    for i in sorted(made):
        if english_stem(words[i]) in posts:
            return _phrase(translation, i)
    return ""


def _phrase(translation: str, index: int) -> str:
    """The deputy word and the title word it modifies, as written ("Vice-President")."""
    normal = unicodedata.normalize("NFKC", translation)
    spans = [m.span() for m in _WORD.finditer(normal.lower())]
    start = spans[index][0]
    for j in range(index - 1, max(index - 4, -1), -1):
        start = spans[j][0]
        if normal[spans[j][0] : spans[j][1]].lower() in _DEPUTY:
            break
    return normal[start : spans[index][1]]


def _deputy_added(title: str, english: str) -> Finding:
    return Finding(
        "names.title",
        WARNING,
        title,
        english,
        f"原文の役職名「{title}」が訳文では副・補佐の役職（{english}）になっています",
        f"The title '{title}' became a deputy's title in the translation ('{english}')",
    )


# English words that name a person's post. Capitalised ones only for the common nouns a
# sentence also uses for other things ("members of the public", "the head of household").
_POSTS = {"director", "president", "chairman", "chairperson", "chairwoman", "secretary",
          "manager", "minister", "governor", "mayor", "commissioner", "auditor", "professor"}  # fmt: skip
_CAPITAL_POSTS = {"chair", "member", "officer", "chief", "head", "leader"}
_CJK_RUN = re.compile(rf"[{_CJK}]+")
# 「市町村若しくは特別区の長」 is a mayor: the 長 (head) of a body is named by its post.
_HEAD_OF = {"市": "mayor", "町": "mayor", "村": "mayor", "区": "mayor", "県": "governor",
            "都道府県": "governor", "省": "minister", "庁": "commissioner", "大学": "president",
            "会社": "president", "法人": "president"}  # fmt: skip


def _source_meanings(text: str) -> set[str]:
    """English words the source can stand for: the words of every listed title and body
    head in it, and the JMdict glosses of its two- to five-character runs (取締役, 議員)."""
    from .lexicon import entries
    from .organisations import BODY_HEADS, known_organisations

    found: set[str] = set()
    for title, heads in known_titles().items():
        if title in text:
            found |= set(heads)
    for suffix, heads in BODY_HEADS.items():
        if suffix in text:
            found |= set(heads)
    if "長" in text:  # 当該庁の長 → "the Head of that agency"
        found |= {"head", "chief", "leader"} | {p for body, p in _HEAD_OF.items() if body in text}
    for japanese, organisation in known_organisations().items():
        if japanese in text:
            found |= {w for name in organisation.english for w in _words(name)}
    table = entries()
    for run in _CJK_RUN.findall(text):
        for size in range(2, 6):
            for at in range(len(run) - size + 1):
                raw = table.get(run[at : at + size])
                if raw:
                    found |= set(_WORD.findall(raw.lower()))
    found |= set(_words(re.sub(rf"[{_CJK}]", " ", text)))  # Latin words of the source
    return found


@functools.cache
def _deputy_posts() -> re.Pattern[str]:
    titles = sorted({*known_titles(), "大臣"}, key=len, reverse=True)
    return re.compile(f"副(?:{'|'.join(map(re.escape, titles))})")


def _foreign_posts(text: str, translation: str) -> list[str]:
    """Post words of the translation that nothing in the source can mean. A 副会長 or a
    副大臣 means "Vice-President", "State Minister", never "President" or "Minister":
    a deputy's post licenses the deputy's words only."""
    from .organisations import english_stem

    written = _titles_written_in(text)
    deputies = (
        _deputy_posts().search(text)
        or _LESSER.search("".join(written))
        # a title whose own English is a vice-post: 政務官 → "Parliamentary Vice-Minister"
        or any(h == "vice" for t in written for h in known_titles()[t])
    )
    made = _deputy_made(translation, {*_DEPUTY, "state", "senior"}) if deputies else set()
    posts = []
    words = re.finditer(r"[A-Za-z]+", unicodedata.normalize("NFKC", translation))
    for i, match in enumerate(words):
        word = match.group(0)
        base = english_stem(word.lower())
        if i in made:
            continue
        if base in _POSTS or (base in _CAPITAL_POSTS and word[0].isupper()):
            posts.append(base)
    if not posts:
        return []
    meanings = _source_meanings(_deputy_posts().sub(" ", text))
    return list(dict.fromkeys(p for p in posts if not _has([p], meanings)))


def _titles_written_in(text: str) -> list[str]:
    """Listed titles written anywhere in the text, word boundaries or not."""
    return [title for title in known_titles() if title in text]


def _foreign(title: str, posts: list[str]) -> Finding:
    words = ", ".join(p.capitalize() for p in posts[:3])
    return Finding(
        "names.title",
        WARNING,
        title,
        words,
        f"訳文の役職名（{words}）は原文のどの語にも当たりません（原文の役職名「{title}」）",
        f"The translation has the title {words}, which no word of the source means "
        f"(the source's title is '{title}')",
    )


def check_titles(source: str, translation: str) -> list[Finding]:
    """Japanese → English: every person's title of the source is in the translation."""
    from .organisations import transliterated

    text = despaced(source)
    found = titles_in(text)
    if not found:
        return []
    inside_listed = _listed_organisation_spans(text)
    words = _words(translation)
    made = _deputy_made(translation)
    wanted: dict[str, tuple[str, ...]] = {}
    barred: dict[str, set[int]] = {}
    for title, start, end, deputy in found:
        if any(a <= start and end <= b for a, b in inside_listed):
            continue
        if transliterated(title, translation):
            continue
        if _addressed(text, start, end) and _YOU.search(translation):
            continue  # 今委員おっしゃった → "as you just said" (the Diet's form of address)
        if _member_by_name(text, title, start) and _plain_mister(translation, words):
            continue  # 北澤委員から → "Mr. Kitazawa": how minutes name a member
        key = ("副" if deputy else "") + title
        wanted[key] = _DEPUTY if deputy else known_titles()[title]
        if not _may_be_deputy(title, text[end : end + 2], deputy):
            barred[key] = made  # 議長 → "Vice-President" is another person
    # Each title needs a word of its own: in 会長は、会議の議長となり → "The Director chairs
    # the meetings", "chairs" names the 議長, and the 会長 is lost.
    unmatched = _unmatched(wanted, words, barred)
    findings = []
    for title in unmatched:
        deputies = [i for i in sorted(made) if _has([words[i]], wanted[title])]
        if deputies and not _unmatched({title: wanted[title]}, words):
            findings.append(_deputy_added(title, _phrase(translation, deputies[0])))
        else:
            findings.append(_missing(title, wanted[title][0].capitalize()))
    if not findings:
        added = _unlicensed_deputy(text, translation, words, made)
        if added:
            findings.append(_deputy_added(found[0][0], added))
    if not findings:
        foreign = _foreign_posts(text, translation)
        if foreign:
            findings.append(_foreign(found[0][0], foreign))
    bare = re.sub(r"[\s()（）「」\[\]【】・]", "", text)
    if not findings and len(found) == 1 and bare == found[0][0]:
        extras = _lone_title_extras(source, found[0][0], translation)
        if extras:
            findings.append(_added(found[0][0], translation, extras))
    return findings
