"""Character-level checks that need no tokens."""

from __future__ import annotations

import re
import unicodedata

from ..finding import ERROR, GENERAL, KANGAEKATA, KUNREI, WARNING
from ..registry import rule

# Kangxi radicals, CJK radicals supplement, CJK compatibility ideographs (and supplement).
_COMPAT = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
# The twelve unified ideographs that live in the compatibility block (﨑, 﨟 ...).
_UNIFIED_IN_COMPAT = frozenset(
    "\ufa0e\ufa0f\ufa11\ufa13\ufa14\ufa1f\ufa21\ufa23\ufa24\ufa27\ufa28\ufa29"
)


@rule(
    "cjk-compatibility",
    ERROR,
    KUNREI,
    "康熙部首・CJK互換漢字",
    "Kangxi radicals / CJK compatibility ideographs",
    clause="kunrei-1-1",
)
def cjk_compatibility(doc, r):
    """PDF extraction often yields ⾏ (U+2F8F) for 行: it looks right but breaks search and sorting."""
    for m in _COMPAT.finditer(doc.text):
        ch = m.group()
        if ch in _UNIFIED_IN_COMPAT:
            continue
        fixed = unicodedata.normalize("NFKC", ch)
        if fixed == ch:
            continue  # a radical with no unified equivalent
        yield r.finding(
            m.start(),
            m.end(),
            ch,
            f"「{ch}」(U+{ord(ch):04X}) は康熙部首・互換漢字です。通常の漢字「{fixed}」(U+{ord(fixed[0]):04X}) に置き換えてください。",
            f"'{ch}' (U+{ord(ch):04X}) is a Kangxi radical / compatibility ideograph; use '{fixed}' (U+{ord(fixed[0]):04X}).",
            fixed,
        )


_HANKAKU = re.compile("[\uff66-\uff9f]+")


@rule(
    "hankaku-kana",
    WARNING,
    KANGAEKATA,
    "半角カタカナ",
    "Half-width katakana",
    clause="kangaekata-1-6-ka",
)
def hankaku_kana(doc, r):
    for m in _HANKAKU.finditer(doc.text):
        fixed = unicodedata.normalize("NFKC", m.group())
        yield r.finding(
            m.start(),
            m.end(),
            m.group(),
            f"半角カタカナ「{m.group()}」は全角「{fixed}」で書きます。",
            f"Write half-width katakana '{m.group()}' in full width: '{fixed}'.",
            fixed,
        )


# A kana followed by a combining (U+3099/309A) or spacing (U+309B/309C) sound mark.
_NFD = re.compile("([\u3041-\u3096\u30a1-\u30fa])([\u3099\u309a\u309b\u309c])")
_TO_COMBINING = {"\u309b": "\u3099", "\u309c": "\u309a"}


@rule(
    "decomposed-kana",
    ERROR,
    GENERAL,
    "濁点・半濁点の分解（NFD）",
    "Decomposed voiced kana (NFD)",
    clause="general-characters",
)
def decomposed_kana(doc, r):
    """Text from macOS file names or some PDFs splits ポ into ホ + ゜; search then misses it."""
    for m in _NFD.finditer(doc.text):
        base, mark = m.groups()
        fixed = unicodedata.normalize("NFC", base + _TO_COMBINING.get(mark, mark))
        if len(fixed) != 1:
            continue  # no precomposed form (e.g. ア゙)
        yield r.finding(
            m.start(),
            m.end(),
            m.group(),
            f"濁点・半濁点が分かれています（「{m.group()}」）。「{fixed}」の1文字にしてください。",
            f"The sound mark is a separate character ('{m.group()}'); use the single character '{fixed}'.",
            fixed,
        )


_KASHO = re.compile("([0-9０-９]+)[ 　]*([ヶヵケカ箇個])[ 　]*(所|月|国|年|条)")


@rule(
    "kasho-kagetsu",
    WARNING,
    KANGAEKATA,
    "か所・か月の書き方",
    "Writing か所 / か月",
    clause="kangaekata-1-4-ke",
)
def kasho_kagetsu(doc, r):
    """The guide writes 3か所, 5か月 with a small hiragana か, not ヶ/ヵ/箇."""
    for m in _KASHO.finditer(doc.text):
        counter = m.group(2)
        if counter == "か" or (counter == "個" and m.group(3) != "所"):
            continue
        if counter == "カ" and m.group(3) in ("年", "条"):
            continue  # カ年 / カ条 are common in laws; judged by the author
        start = m.start(2)
        fixed = "か" + m.group(3)
        yield r.finding(
            start,
            m.end(),
            doc.text[start : m.end()],
            f"数字に続く「{doc.text[start : m.end()]}」は「{fixed}」と書きます（3か所、5か月）。",
            f"After a numeral write '{fixed}' (3か所, 5か月).",
            fixed,
        )


_PAIRS = {
    "（": "）",
    "「": "」",
    "『": "』",
    "【": "】",
    "〔": "〕",
    "［": "］",
    "｛": "｝",
    "〈": "〉",
    "《": "》",
}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
# Half-width parentheses pair with full-width ones: 名称(英字） is a width slip, not a missing bracket.
_FOLD = str.maketrans({"(": "（", ")": "）", "[": "［", "]": "］"})
# A closing parenthesis after a short label opens many numbered lists: 1) ア) (a)
_LABEL = re.compile(
    r"^\s*(?:[0-9０-９a-zA-Zａ-ｚＡ-Ｚア-ンｱ-ﾝ①-⑳ⅰ-ⅹⅠ-Ⅹ一二三四五六七八九十イロハニホヘト]{1,3}|例|注|答|問)[)）]"
)
# …、ア）…、イ）… : a label closed by a parenthesis inside a sentence.
_INLINE_LABEL = re.compile(
    r"(?:(?:^|[、，,\s　「（(・：:])(?:[0-9０-９a-zA-Zａ-ｚＡ-Ｚア-ン①-⑳ⅰ-ⅹ]{1,2}|例|注)|(?:^|[^ァ-ヶー])[ア-ン])$"
)


@rule(
    "unbalanced-brackets",
    ERROR,
    KANGAEKATA,
    "括弧の対応",
    "Unbalanced brackets",
    clause="kangaekata-1-5-1-u",
)
def brackets(doc, r):
    """Brackets must close in their paragraph or the next one (a table cell often
    breaks 「…施行令（平成」 / 「２６年政令第１５５号）」 over two paragraphs)."""
    stack: list[tuple[str, int, int]] = []  # (opener, offset, line number)
    offset = 0
    for number, raw in enumerate(doc.text.split("\n")):
        while stack and stack[0][2] < number - 1:
            opener, at, _ = stack.pop(0)
            yield _unclosed(r, doc, opener, at)
        line = raw.translate(_FOLD)
        label = _LABEL.match(line)
        skip_to = label.end() if label else 0
        for k, ch in enumerate(line):
            if ch in _PAIRS:
                stack.append((ch, offset + k, number))
                continue
            if ch not in _CLOSERS:
                continue
            want = _CLOSERS[ch]
            if not any(o == want for o, _, _ in stack) and (
                k < skip_to or _INLINE_LABEL.search(line, 0, k) or line[k - 1 : k] in ("例", "注")
            ):
                continue  # list label such as ア）
            if stack and stack[-1][0] == want:
                stack.pop()
            elif any(o == want for o, _, _ in stack):
                while stack[-1][0] != want:  # report what was left open inside
                    opener, at, _ = stack.pop()
                    if want not in "「『":  # 「開示請求者（開示請求者が」: a quoted fragment
                        yield _unclosed(r, doc, opener, at)
                stack.pop()
            else:
                yield r.finding(
                    offset + k,
                    offset + k + 1,
                    raw[k],
                    f"閉じ括弧「{raw[k]}」に対応する開き括弧「{want}」がありません。",
                    f"Closing '{raw[k]}' has no matching '{want}'.",
                )
        offset += len(raw) + 1
    for opener, at, _ in stack:
        yield _unclosed(r, doc, opener, at)


def _unclosed(r, doc, opener, at):
    ch = doc.text[at]
    return r.finding(
        at,
        at + 1,
        ch,
        f"開き括弧「{ch}」に対応する閉じ括弧「{_PAIRS[opener]}」がありません。",
        f"Opening '{ch}' has no matching '{_PAIRS[opener]}'.",
    )
