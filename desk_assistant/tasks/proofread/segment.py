"""Split text into paragraphs and sentences, keeping offsets into the original text.

The sentences are those of the one splitter (tasks/sentences.py: brackets and
quotes respected), cut per line: a line break always ends a sentence here. Each
sentence also holds the whitespace before it, so the sentences of a line cover
it without gaps and every token falls in one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sentences import sentence_spans


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the line it sits on


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        start = 0
        for _, end in sentence_spans(line):
            sentences.append(Sentence(offset + start, offset + end, line[start:end], paragraph))
            start = end
        offset += len(line) + 1
    return sentences
