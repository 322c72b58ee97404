#!/usr/bin/env python3
"""Write or check the SHA-256 manifest of a model folder (models/README.md).

    python tools/make_model_manifest.py D:\\Models            -> D:\\Models\\SHA256SUMS
    python tools/make_model_manifest.py D:\\Models -o -       -> to stdout
    python tools/make_model_manifest.py --check D:\\Models\\SHA256SUMS
    python tools/make_model_manifest.py --check E:\\SHA256SUMS D:\\Models

The format is `sha256sum`'s: one line per file, 64 lower-case hex digits, two
spaces, the path relative to the manifest's folder with forward slashes, LF line
ends, sorted by path. So `sha256sum -c SHA256SUMS` checks it too, and the first
column is exactly what AllowedModels takes. Standard library only: it runs on a
staging PC without DeskAssistant installed.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

MANIFEST_NAME = "SHA256SUMS"
CHUNK = 1 << 20
# `sha256sum` writes "  " (text mode) or " *" (binary mode) between hash and name.
LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


def model_files(folder: Path) -> list[Path]:
    """*.gguf in the folder and one level below: where DeskAssistant looks."""
    found = list(folder.glob("*.gguf")) + list(folder.glob("*/*.gguf"))
    return sorted((p for p in found if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def manifest_lines(folder: Path) -> list[str]:
    lines = []
    for path in model_files(folder):
        name = path.relative_to(folder).as_posix()
        if "\n" in name or "\\" in name:  # sha256sum would escape these; refuse instead
            raise ValueError(f"unsupported file name: {name!r}")
        lines.append(f"{sha256_of(path)}  {name}")
    return lines


def read_manifest(text: str) -> list[tuple[str, str]]:
    """(sha256, relative path) pairs; raises ValueError naming a malformed line."""
    entries = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = LINE.match(line)
        if not match:
            raise ValueError(f"line {number} is not '<sha256>  <file>': {line!r}")
        entries.append((match.group(1).lower(), match.group(2)))
    return entries


def check(manifest: Path, folder: Path | None = None) -> int:
    """Re-hash every listed file (paths relative to `folder`, default the
    manifest's folder); 0 when all match, 1 otherwise."""
    folder = folder or manifest.parent
    try:
        entries = read_manifest(manifest.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        print(f"NG  {manifest}: {err}", file=sys.stderr)
        return 1
    if not entries:
        print(f"NG  {manifest}: no entries / 項目がありません", file=sys.stderr)
        return 1
    bad = 0
    for expected, name in entries:
        path = folder / name
        if not path.is_file():
            print(f"NG  {name}: missing / ありません")
            bad += 1
            continue
        actual = sha256_of(path)
        if actual == expected:
            print(f"OK  {name}")
        else:
            print(f"NG  {name}: sha256 {actual} != {expected}")
            bad += 1
    listed = {name for _, name in entries}
    for path in model_files(folder):
        name = path.relative_to(folder).as_posix()
        if name not in listed:  # not an error: RequireModelHash refuses it anyway
            print(f"--  {name}: not in the manifest / マニフェストにありません")
    print(f"{len(entries) - bad}/{len(entries)} OK")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a cp1252 console must not crash on 日本語
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folder", nargs="?", type=Path, help="model folder (with --check: where the files are)"
    )
    parser.add_argument(
        "-o", "--output", help=f"manifest path, '-' for stdout (default: FOLDER/{MANIFEST_NAME})"
    )
    parser.add_argument("--check", type=Path, metavar="MANIFEST", help="verify a manifest")
    args = parser.parse_args(argv)
    if args.check:
        return check(args.check, args.folder)
    if args.folder is None:
        parser.error("give a model folder or --check MANIFEST")
    if not args.folder.is_dir():
        print(f"not a folder / フォルダーではありません: {args.folder}", file=sys.stderr)
        return 1
    try:
        lines = manifest_lines(args.folder)
    except (OSError, ValueError) as err:
        print(f"error / エラー: {err}", file=sys.stderr)
        return 1
    if not lines:
        print(f"no *.gguf in / *.gguf がありません: {args.folder}", file=sys.stderr)
        return 1
    text = "".join(line + "\n" for line in lines)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.output) if args.output else args.folder / MANIFEST_NAME
    out.write_bytes(text.encode("utf-8"))  # LF on Windows too, as sha256sum expects
    print(f"{out}: {len(lines)} file(s) / ファイル")
    return 0


if __name__ == "__main__":
    sys.exit(main())
