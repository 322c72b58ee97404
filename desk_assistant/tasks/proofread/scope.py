"""What the rules check, and how strongly: verbatim passages, tables of contents,
repeated headings, quotations and proper nouns.

- Lines after a 「原文のまま」-style note (citizen comments, survey answers, quoted
  submissions) up to the next heading are someone else's words: not checked.
- Table-of-contents lines (…… 12) and a short heading line seen before (the TOC entry
  or a running header) are checked once: later copies are blanked.
- Blanked lines keep their length (spaces), so every offset stays valid.
- Word findings inside 「…」 become info (a quotation or a title is not ours to
  correct), and word findings inside a proper noun (Sudachi 固有名詞 with the nouns
  joined to it: 下笠居) are dropped (訓令 3(1): the rules do not apply to proper nouns).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from .finding import INFO, Finding

# A note saying the following text is printed as received.
_VERBATIM = re.compile(
    r"原文のまま|原文どおり|原文通り|原文を尊重|いただいた(?:ご)?意見をそのまま|寄せられた(?:ご)?意見をそのまま"
    r"|自由記述(?:欄)?(?:の|への)?(?:回答|意見|記載)|(?:主な)?自由意見"
)
# A heading: numbered or marked, short, not a sentence.
_HEADING = re.compile(
    r"^\s*(?:第[0-9０-９一二三四五六七八九十]+[章節部編款条]|[0-9０-９]{1,2}(?:[.．]|\s|　)|[（(][0-9０-９一二三四五六七八九十]{1,2}[)）]"
    r"|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[■□◆◇【〔]|[一二三四五六七八九十]{1,2}[、　 ])"
)
# A table-of-contents entry: leader dots or a tab, then a page number at the end.
_TOC = re.compile(r"(?:[・.．…‥·]{3,}|\t)\s*[-‐－]?\s*[0-9０-９]{1,4}\s*[-‐－]?\s*$")
# A PDF merges TOC entries into one line: "……… 5第１ 電子化された … ……… 33".
_TOC_INLINE = re.compile(r"[・.．…‥·]{6,}\s*[0-9０-９]{1,4}")
# Text from a PDF font without a Unicode map: Latin letters and digits wedged between
# Japanese characters ($t0n縁定0kより_S較油): not text anyone wrote.
_HALF_GARBAGE = re.compile(r"[0-9A-Za-z][\uff66-\uff9f]|[\uff66-\uff9f][0-9A-Za-z]")
_GARBAGE = re.compile(r"[0-9A-Za-z$_][\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f][0-9A-Za-z$_]")
_HEADING_MAX = 60


def _is_heading(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= _HEADING_MAX and not s.endswith("。") and bool(_HEADING.match(s))


def blank_out(text: str) -> str:
    """`text` with the lines the rules must not check replaced by spaces."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    out: list[str] = []
    seen_short: set[str] = set()
    verbatim = False
    for line in lines:
        s = line.strip()
        blank = False
        if verbatim and _is_heading(line):
            verbatim = False
        if verbatim:
            blank = True
        elif (
            len(_GARBAGE.findall(line)) >= 3
            or len(_HALF_GARBAGE.findall(line)) >= 2
            or len(_TOC_INLINE.findall(line)) >= 2
        ):
            blank = True
        elif _TOC.search(line) and len(s) <= 120:
            blank = True  # checked where the heading itself stands in the body
        elif s and len(s) <= _HEADING_MAX and "。" not in s:
            key = s
            if key in seen_short:
                blank = True  # a heading or running header seen before
            seen_short.add(key)
        if not verbatim and _VERBATIM.search(line):
            verbatim = True  # the note itself is checked; what follows is not
        out.append(" " * len(line) if blank else line)
    return "\n".join(out)


# Rules that judge a word's spelling: a quotation or a name is not ours to respell.
WORD_RULES = frozenset(
    {
        "conjunction-kana",
        "adverb-kanji",
        "adverb-kana",
        "formal-noun-kana",
        "auxiliary-kana",
        "okurigana-compound-noun",
        "okurigana-unaccepted",
        "sarani",
        "gairaigo",
        "ra-nuki",
        "doubled-word",
        "doubled-joshi",
        "redundant-expression",
        "double-keigo",
        "missing-particle",
        "broken-conjugation",
        "spelling-variants",
        "org-word",
    }
)
# Rules whose finding inside 「…」 is a mention (「，」を用いてもよい, 「並びに」は使わない).
QUOTE_RULES = WORD_RULES | {"narabini-without-oyobi", "kasho-kagetsu", "punctuation-mixed"}
_QUOTE_OPEN, _QUOTE_CLOSE = "「『", "」』"


_QUOTE_MARKS = re.compile("[「『」』\n]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the insides of 「…」 and 『…』, nested ones included in the outer."""
    spans, depth, start = [], 0, 0
    for m in _QUOTE_MARKS.finditer(text):
        ch, i = m.group(), m.start()
        if ch in _QUOTE_OPEN:
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch in _QUOTE_CLOSE and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
        elif ch == "\n" and depth:
            depth = 0  # an unclosed quote ends with its paragraph
    return spans


def name_spans(doc) -> list[tuple[int, int]]:
    """Proper nouns with the nouns written solidly after them (下笠 + 居 → 下笠居)."""
    spans = []
    for _sentence, tokens in doc.sentence_tokens():
        k = 0
        while k < len(tokens):
            if tokens[k].pos[1] != "固有名詞":
                k += 1
                continue
            a = k
            while (
                a > 0
                and tokens[a - 1].pos1 in ("名詞", "接頭辞")
                and tokens[a - 1].end == tokens[a].start
                and not tokens[a - 1].is_symbol()
            ):
                a -= 1
            b = k
            while (
                b + 1 < len(tokens)
                and tokens[b + 1].pos1 in ("名詞", "接尾辞")
                and tokens[b + 1].start == tokens[b].end
            ):
                b += 1
            spans.append((tokens[a].start, tokens[b].end))
            k = b + 1
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


# A correction example (居る→いる) or an index arrow: the words are quoted, not used.
_EXAMPLE = re.compile("[→⇒]")
# 文語 katakana statute text (…ノ効力ノミヲ有ス): quoted law, not ours to respell.
_BUNGO = re.compile("[ァ-ヶ][ヲハノニ][^ァ-ヶ]|[一-龥]ヲ[一-龥]")


# Words set apart by wide gaps (食品売り場  期限付きの職  解約の手続き): a list of examples.
_LIST_GAP = re.compile(r"\S(?: {2,}|　{1,})\S")


def _line(text: str, at: int) -> str:
    a = text.rfind("\n", 0, at) + 1
    b = text.find("\n", at)
    return text[a : b if b >= 0 else len(text)]


# A verbatim record (議事録): speakers' turns "○藤田部会長 …". Spoken words are printed as
# said, so word and style findings there are hints, not corrections.
_SPEAKER = re.compile(
    r"(?m)^\s*[○◯]\S{1,15}(?:委員|幹事|部会長|会長|局長|課長|参事官|関係官|大臣|議長|委員長|参考人)\s"
)
TRANSCRIPT_RULES = QUOTE_RULES | {"double-keigo", "dearu-desumasu-mixed", "double-negative"}


def is_transcript(text: str) -> bool:
    return len(_SPEAKER.findall(text)) >= 5


def apply(doc, findings: Iterable[Finding]) -> list[Finding]:
    quotes = quote_spans(doc.text)
    names = name_spans(doc)
    transcript = is_transcript(doc.text)
    out = []
    # Decided once per line, found by bisect: a hostile 200,000-character line with
    # 100,000 findings must not be scanned once per finding.
    breaks = [m.start() for m in re.finditer("\n", doc.text)]
    quoted_line: dict[int, bool] = {}
    for f in findings:
        if transcript and f.rule in TRANSCRIPT_RULES and f.severity != INFO:
            f.severity = INFO
            f.message_ja += "（議事録の発言: 発言どおりに記録する場合は直さない）"
            f.message_en += " (spoken words in a verbatim record)"
        if f.rule in QUOTE_RULES or f.rule == "dearu-desumasu-mixed":
            k = bisect_left(breaks, f.start)
            if k not in quoted_line:
                a = breaks[k - 1] + 1 if k else 0
                line = doc.text[a : breaks[k] if k < len(breaks) else len(doc.text)]
                quoted_line[k] = bool(
                    _EXAMPLE.search(line)
                    or len(_BUNGO.findall(line)) >= 2
                    or ("。" not in line and len(_LIST_GAP.findall(line)) >= 2)
                )
            if quoted_line[k]:
                continue
        if f.rule == "auxiliary-kana" and f.surface.startswith("行っ"):
            f.severity = INFO  # 行っ is 行く or 行う (承諾を得て行った): only a hint
        if f.rule in WORD_RULES and names and _inside(names, f.start, f.end):
            continue
        if f.rule in QUOTE_RULES:
            if quotes and _inside(quotes, f.start, f.end) and f.severity != INFO:
                f.severity = INFO
                f.message_ja += "（かぎ括弧の中: 引用や名称なら原文のまま）"
                f.message_en += " (inside quotation marks: keep it if quoted or a title)"
        out.append(f)
    return out
