"""Read a GGUF file's header metadata without loading the model.

Used to tell a GGUF from any other file before the engine sees it, and to learn
the architecture, context length and chat template for discovery. Big arrays
(the vocabulary) are skipped, not decoded.
"""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

from ..errors import ModelNotFoundError, NotGGUFError

MAGIC = b"GGUF"
_SCALARS = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}
_STRING, _ARRAY = 8, 9
SMALL_ARRAY = 64  # arrays longer than this are skipped (vocabularies, merges)


def is_gguf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == MAGIC
    except OSError:
        return False


class _Reader:
    def __init__(self, buf, path: Path) -> None:
        self.buf = buf
        self.pos = 0
        self.path = path

    def take(self, fmt: str):
        try:
            (value,) = struct.unpack_from(fmt, self.buf, self.pos)
        except struct.error:
            raise NotGGUFError("truncated header", path=str(self.path)) from None
        self.pos += struct.calcsize(fmt)
        return value

    def string(self) -> str:
        length = self.take("<Q")
        if self.pos + length > len(self.buf):
            raise NotGGUFError("truncated string", path=str(self.path))
        raw = bytes(self.buf[self.pos : self.pos + length])
        self.pos += length
        return raw.decode("utf-8", errors="replace")

    def skip_string(self) -> None:
        length = self.take("<Q")  # read first: `self.pos += self.take()` would lose the 8 bytes
        self.pos += length

    def value(self, vtype: int):
        if vtype in _SCALARS:
            return self.take(_SCALARS[vtype])
        if vtype == _STRING:
            return self.string()
        if vtype == _ARRAY:
            item_type = self.take("<I")
            count = self.take("<Q")
            if count <= SMALL_ARRAY:
                return [self.value(item_type) for _ in range(count)]
            if item_type in _SCALARS:
                self.pos += count * struct.calcsize(_SCALARS[item_type])
            elif item_type == _STRING:
                for _ in range(count):
                    self.skip_string()
            else:
                for _ in range(count):
                    self.value(item_type)
            return f"<array of {count}>"
        raise NotGGUFError(f"unknown value type {vtype}", path=str(self.path))


def read_metadata(path: Path) -> dict:
    """Key/value metadata of a GGUF file (version 2 or 3)."""
    path = Path(path)
    if not path.is_file():
        raise ModelNotFoundError(path=str(path))
    with open(path, "rb") as handle:
        if handle.read(4) != MAGIC:
            raise NotGGUFError(path=str(path))
        handle.seek(0)
        try:
            buf = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # empty file
            raise NotGGUFError(path=str(path)) from None
    try:
        reader = _Reader(buf, path)
        reader.pos = 4
        version = reader.take("<I")
        if version not in (2, 3):
            raise NotGGUFError(f"GGUF version {version}", path=str(path))
        reader.take("<Q")  # tensor count
        n_kv = reader.take("<Q")
        meta: dict = {"gguf.version": version}
        for _ in range(n_kv):
            key = reader.string()
            meta[key] = reader.value(reader.take("<I"))
        return meta
    finally:
        buf.close()
