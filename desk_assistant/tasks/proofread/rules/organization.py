"""組織の規定: the words of the organization's profile (profile.py), and how the profile
and the user's exceptions change the other rules' findings."""

from __future__ import annotations

import re

from ..finding import ORG, WARNING
from ..registry import rule
from ..scope import WORD_RULES


@rule(
    "org-word",
    WARNING,
    ORG,
    "組織の規定による表記",
    "Organization's notation rule",
    clause="org",
)
def org_word(doc, r):
    profile = doc.config.profile
    if profile is None or not profile.words:
        return
    by_match = {w.match: w for w in profile.words}
    pattern = re.compile("|".join(map(re.escape, sorted(by_match, key=len, reverse=True))))
    for sentence, tokens in doc.sentence_tokens():
        starts = {t.start for t in tokens}
        ends = {t.end for t in tokens}
        for m in pattern.finditer(sentence.text):
            a, b = sentence.start + m.start(), sentence.start + m.end()
            if a not in starts or b not in ends:
                continue  # inside a longer word
            word = by_match[m.group()]
            note = f"（{word.note}）" if word.note else ""
            f = r.finding(
                a,
                b,
                m.group(),
                f"組織の規定（{profile.name}）により「{word.suggestion}」と書きます。{note}",
                f"Your organization's rules ({profile.name}) write '{word.suggestion}'.",
                word.suggestion or None,
                severity=word.severity,
            )
            f.profile = profile.name
            yield f


def apply(config, findings: list) -> list:
    """Severity overrides, the allow list, the user's exceptions, and profile words
    overriding a built-in finding on the same span."""
    profile = config.profile
    allowed = set(config.exceptions)
    if profile is not None:
        allowed |= profile.allow
    org_spans = [(f.start, f.end) for f in findings if f.rule == "org-word"]
    out = []
    for f in findings:
        if f.rule != "org-word":
            if f.rule in WORD_RULES and f.surface in allowed:
                continue
            if any(a < f.end and f.start < b for a, b in org_spans):
                continue  # the organization's word decides
        if profile is not None and f.rule in profile.severity:
            f.severity = profile.severity[f.rule]
        out.append(f)
    return out
