"""The checked text, split and tokenized once, shared by every rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from .config import ProofreadConfig
from .segment import Sentence, split_sentences
from .tokens import Token, tokenize


@dataclass
class CheckedText:
    """What every rule reads: the text to check, its sentences and their tokens.

    Not a document (documents.Document is the one Document class): one block's
    text after scope blanking, parsed once."""

    text: str
    config: ProofreadConfig
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[list[Token]] = field(default_factory=list)  # one list per sentence

    @classmethod
    def parse(cls, text: str, config: ProofreadConfig) -> CheckedText:
        doc = cls(text, config)
        doc.sentences = split_sentences(text)
        doc.tokens = _tokens_by_sentence(text, doc.sentences)
        return doc

    def sentence_tokens(self):
        """(sentence, its tokens) pairs."""
        return zip(self.sentences, self.tokens, strict=True)


def _tokens_by_sentence(text: str, sentences: list[Sentence]) -> list[list[Token]]:
    """Tokenize each paragraph in one call (far fewer calls than per sentence), then
    deal the tokens out to their sentences by offset."""
    out: list[list[Token]] = [[] for _ in sentences]
    k, n = 0, len(sentences)
    while k < n:
        j = k
        while j + 1 < n and sentences[j + 1].paragraph == sentences[k].paragraph:
            j += 1
        s = k
        for tok in tokenize(text[sentences[k].start : sentences[j].end], sentences[k].start):
            while s < j and tok.start >= sentences[s].end:
                s += 1
            out[s].append(tok)
        k = j + 1
    return out
