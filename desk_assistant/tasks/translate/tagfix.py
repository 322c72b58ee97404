"""Repair the inline tags a model returns so the translation can be written back.

Models drop, invent and reorder tags. What cannot be placed is repaired here
the least surprising way and reported as an info finding:
- tags the source never had are removed;
- a single-format source gets plain text (no tags at all);
- if every group tag is lost, the whole translation goes into the source's
  main formatting (the group that held most of the text), not blindly the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...documents.tags import TAG_RE
from .checks import Finding, tags_repaired


def source_groups(tagged: str) -> dict[int, int]:
    """Group number → length of its source text (spaces not counted)."""
    lengths: dict[int, int] = {}
    for m in re.finditer(r"<g(\d+)>(.*?)</g\1>", tagged, flags=re.S):
        # Spaces do not count: the main formatting is the one that holds the words.
        lengths[int(m.group(1))] = lengths.get(int(m.group(1)), 0) + len(m.group(2).strip())
    return lengths


def source_placeholders(tagged: str) -> set[int]:
    return {int(n) for n in re.findall(r"<x(\d+)/>", tagged)}


def repair_tags(source_tagged: str, translated: str) -> tuple[str, list[Finding]]:
    groups = source_groups(source_tagged)
    anchors = source_placeholders(source_tagged)
    notes_ja: list[str] = []
    notes_en: list[str] = []

    def keep(m: re.Match) -> str:
        letter, number = m.group(2).lower(), int(m.group(3))
        known = (letter == "g" and number in groups) or (letter == "x" and number in anchors)
        if known:
            return (
                f"</g{number}>" if m.group(1) else (f"<g{number}>" if letter == "g" else m.group(0))
            )
        notes_ja.append(f"原文にない書式記号 {m.group(0)} を取り除きました")
        notes_en.append(f"removed {m.group(0)}, which the source does not have")
        return ""

    # A reply cut off by the token limit can end inside a tag ("…</g2").
    text = TAG_RE.sub(keep, re.sub(r"<\s*/?\s*[gGxX]?\s*\d*\s*/?$", "", translated))
    if not groups:
        # One formatting: no group tags were given, none may come back.
        text = re.sub(r"</?g\d+>", "", text)
    elif not re.search(r"<g\d+>", text):
        main = max(groups, key=lambda n: groups[n])
        placeholders = "".join(re.findall(r"<x\d+/>", text))
        body = re.sub(r"<x\d+/>", "", text)
        text = f"<g{main}>{body}</g{main}>{placeholders}"
        notes_ja.append(f"書式の区切りが失われたため、訳文全体を主な書式（<g{main}>）にしました")
        notes_en.append(f"formatting tags were lost; the whole translation takes <g{main}>")
    missing = sorted(anchors - source_placeholders(text))
    if missing:
        names = " ".join(f"<x{n}/>" for n in missing)
        notes_ja.append(f"脚注番号・図などの記号 {names} は原文の位置に残しました")
        notes_en.append(f"{names} kept at their place in the source")
    findings = [tags_repaired("; ".join(notes_ja), "; ".join(notes_en))] if notes_ja else []
    return text, findings


_ITEM = re.compile(r"<g(\d+)>(.*?)</g\1>|<x\d+/>|[^<]+|<", re.S)


@dataclass(frozen=True)
class Frame:
    """A segment split into layout spacing and the part the model should see.

    Forms indent with full-width spaces, often in runs of their own formatting
    (underlined blanks). Those stay exactly as they are: only `core` is
    translated. When the core is one formatting group, the model gets its text
    without tags (`wrap` names the group) — fewer tags, fewer mangled tags.
    """

    head: str
    core: str
    tail: str
    wrap: int | None = None
    label: str = ""  # a list label kept as written ("A1　", "（１）", "①")

    @property
    def model_text(self) -> str:
        text = self.core
        if self.wrap is not None:
            text = re.sub(rf"^<g{self.wrap}>(.*)</g{self.wrap}>$", r"\1", text, flags=re.S)
        return text[len(self.label) :]

    def rebuild(self, core_translation: str) -> str:
        core_translation = self.label + core_translation
        if self.wrap is not None:
            core_translation = f"<g{self.wrap}>{core_translation}</g{self.wrap}>"
        return self.head + core_translation + self.tail


# Labels of Q&A and list items. Small models copy a whole line that starts with
# one instead of translating it, and the label reads the same in any language.
# 第1章 and the like are not labels: they are translated (Chapter 1).
LABEL = re.compile(
    r"^(?:[QAＱＡ問答][0-9０-９]+[.．:：]?|[（(](?:[0-9０-９]+|[ア-ン]|[a-zａ-ｚ])[)）]|[0-9０-９]+[.．)）](?![0-9０-９])"
    r"|[①-⑳□■※◆●]|[アイウエオカキクケコ一二三四五六七八九十][.．]?(?=[ \u3000]))[ \u3000]*"
)


def split_label(text: str) -> str:
    m = LABEL.match(text)
    if m is None or not text[m.end() :].strip() or "<" in m.group(0):
        return ""
    return m.group(0)


def frame(tagged: str) -> Frame:
    if "<g" not in tagged:
        core = tagged.strip()
        if not core:
            return Frame(tagged, "", "")
        start = tagged.index(core)
        return Frame(tagged[:start], core, tagged[start + len(core) :], label=split_label(core))
    items = [m.group(0) for m in _ITEM.finditer(tagged)]

    def blank(item: str) -> bool:
        m = re.fullmatch(r"<g(\d+)>(.*?)</g\1>", item, flags=re.S)
        return (m is not None and not m.group(2).strip()) or (
            not item.startswith("<") and not item.strip()
        )

    first, last = 0, len(items)
    while first < last and blank(items[first]):
        first += 1
    while last > first and blank(items[last - 1]):
        last -= 1
    core = "".join(items[first:last])
    one = re.fullmatch(r"<g(\d+)>((?:(?!<g\d+>).)*)</g\1>", core, flags=re.S)
    return Frame(
        "".join(items[:first]),
        core,
        "".join(items[last:]),
        int(one.group(1)) if one else None,
        split_label(one.group(2)) if one else "",
    )
