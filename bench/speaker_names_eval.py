"""Person names said with a post, measured on the real Diet speakers and their readings.

    PYTHONPATH=. python bench/speaker_names_eval.py

The three raw 国会会議録 API files in /work/shared/diet give each speaker's name and its
reading (speakerYomi), so the right English spelling of every name is known, not guessed.
For each speaker and post (「{name}委員から説明がありました。」, 大臣, 君):
- clean: "Mr. {Given} {Surname}" with the true reading (the best of every cut of the
  reading into surname and given name) must raise no names.person/names.place finding;
- wrong name: "Mr. {Other} explained." for 20 common surnames (not the speaker's own)
  must raise one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from desk_assistant.tasks.translate.names import check_proper_names, romanize

DIET = Path("/work/shared/diet")
POSTS = ("委員", "大臣", "君")
OTHERS = ("Suzuki Watanabe Nakamura Kobayashi Yoshida Yamamoto Inoue Sato Takahashi Ito "
          "Kato Kimura Hayashi Shimizu Yamada Mori Ikeda Hashimoto Ishikawa Ogawa").split()  # fmt: skip


def _katakana(hiragana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hiragana)


def speakers() -> dict[str, str]:
    """Speaker name (kanji) → romanized reading, from the raw API files."""
    people: dict[str, str] = {}
    for path in sorted(DIET.glob("*.xml")):
        for record in ET.parse(path).getroot().iter("speechRecord"):
            name = re.sub(r"[\s\u3000]", "", record.findtext("speaker") or "")
            reading = re.sub(r"[\s\u3000]", "", record.findtext("speakerYomi") or "")
            if name and reading and re.fullmatch(r"[\u4e00-\u9fff々]+", name):
                people[name] = romanize(_katakana(reading))
    return people


def speaker_names_eval() -> None:
    people = speakers()
    print(f"\n== person names with a post: {len(people)} real Diet speakers × {len(POSTS)} posts")
    alarms, checked = [], 0
    caught = wrong = 0
    for name, roman in sorted(people.items()):
        for post in POSTS:
            source = f"{name}{post}から説明がありました。"
            checked += 1
            cuts = [
                f"Mr. {roman[k:].capitalize()} {roman[:k].capitalize()} explained."
                for k in range(2, len(roman) - 1)
            ]
            if all(check_proper_names(source, english) for english in cuts):
                alarms.append(source)
            for other in OTHERS:
                if roman.startswith(other.lower()[:4]):
                    continue
                wrong += 1
                caught += bool(check_proper_names(source, f"Mr. {other} explained."))
    print(f"  true reading: false alarms {len(alarms)}/{checked}")
    for source in alarms:
        print(f"      false alarm: {source}")
    print(f"  another surname: detection {caught}/{wrong} = {caught / max(wrong, 1):.3f}")


if __name__ == "__main__":
    if DIET.is_dir():
        speaker_names_eval()
