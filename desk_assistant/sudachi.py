"""The SudachiPy tokenizer, loaded once per thread, and the byte limit of one call.

SudachiPy refuses inputs over 49,149 UTF-8 bytes, so callers tokenize
`byte_pieces(text, ...)` one by one and shift the offsets by each piece's start.
Proofreading and the library index both read Japanese through here.
"""

from __future__ import annotations

import threading

from .errors import DeskError

MAX_BYTES = 49_149  # the most SudachiPy takes in one call


class TokenizerUnavailableError(DeskError):
    ja = "形態素解析器 SudachiPy（sudachidict-core）を読み込めません。インストールを確認してください。"
    en = "Cannot load the SudachiPy morphological analyser (sudachidict-core). Check the installation."


_local = threading.local()


def tokenizer(mode: str = "C", fields: frozenset[str] | None = None):
    """This thread's Sudachi tokenizer (sudachidict-core) in split `mode` ("A", "B", "C").

    `fields` names the only morpheme fields the caller reads (faster loading
    where SudachiPy supports it). Raises TokenizerUnavailableError when the
    package or its dictionary is missing.
    """
    cache = _local.__dict__.setdefault("tokenizers", {})
    key = (mode, fields)
    tok = cache.get(key)
    if tok is None:
        try:
            from sudachipy import Dictionary

            dictionary = _local.__dict__.get("dictionary") or Dictionary(dict="core")
            _local.dictionary = dictionary
            # sudachipy >= 0.6.9 names it tokenizer(); older releases only have create()
            make = getattr(dictionary, "tokenizer", None) or dictionary.create
            if fields is None:
                tok = make(split_mode(mode))
            else:
                try:
                    tok = make(split_mode(mode), fields=set(fields))
                except TypeError:  # older SudachiPy without subsetting
                    tok = make(split_mode(mode))
        except Exception as err:  # missing package or dictionary
            raise TokenizerUnavailableError(detail=str(err)) from err
        cache[key] = tok
    return tok


def tokenizers_or_none(*modes: str) -> tuple | None:
    """This thread's tokenizers in `modes`, then SplitMode.A (passed to a tokenizer made
    in another mode for the short words); None without SudachiPy or its dictionary, so a
    check that needs it stays quiet and the others still run."""
    try:
        return (*(tokenizer(mode) for mode in modes), split_mode("A"))
    except (ImportError, TokenizerUnavailableError):
        return None


def morphemes(text: str, mode: str = "C") -> list:
    """This thread's morphemes of `text` in split `mode`, read in pieces under SudachiPy's
    limit; [] without SudachiPy or its dictionary (a check that needs them stays quiet)."""
    loaded = tokenizers_or_none(mode)
    if loaded is None:
        return []
    tok, _ = loaded
    return [m for _, piece in byte_pieces(text, MAX_BYTES) for m in tok.tokenize(piece)]


def readings(surface: str, proper_only: bool = False) -> list[str]:
    """Katakana readings the dictionary lists for `surface` as a word of its own (黄川田:
    キカワタ, キカワダ), proper nouns only if asked; [] without SudachiPy or its lookup."""
    try:
        tokenizer("A")  # loads this thread's dictionary
        lookup = getattr(_local.dictionary, "lookup", None)
        entries = lookup(surface) if lookup else []
    except (ImportError, TokenizerUnavailableError, RuntimeError):
        return []
    found = []
    for m in entries:
        if m.surface() == surface and (not proper_only or m.part_of_speech()[1] == "固有名詞"):
            found.append(m.reading_form())
    return list(dict.fromkeys(found))


def split_mode(mode: str):
    from sudachipy import SplitMode

    return getattr(SplitMode, mode)


def byte_pieces(
    text: str, chunk_bytes: int, cut_after: tuple[str, ...] = ("、",)
) -> list[tuple[int, str]]:
    """(offset, piece) covering `text`, every piece at most `chunk_bytes` UTF-8 bytes.

    A piece ends after the last character of the first group in `cut_after`
    found in it (("。\\n", "、"): after a sentence or line end, else after a
    comma), or hard at the limit when it holds none of them.
    """
    if chunk_bytes > MAX_BYTES:
        raise ValueError(f"chunk_bytes {chunk_bytes} is over Sudachi's limit {MAX_BYTES}")
    if len(text) * 4 <= chunk_bytes or len(text.encode("utf-8")) <= chunk_bytes:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = size = 0
    for i, ch in enumerate(text):
        width = len(ch.encode("utf-8"))
        if size + width > chunk_bytes:
            cut = _cut(text, start, i, cut_after)
            pieces.append((start, text[start:cut]))
            start, size = cut, len(text[cut:i].encode("utf-8"))
        size += width
    pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, end: int, cut_after: tuple[str, ...]) -> int:
    for group in cut_after:
        at = max(text.rfind(ch, start, end) for ch in group)
        if at > start:
            return at + 1
    return end
