"""The model catalog (resources/models/catalog.json) and discovery of GGUF files.

A discovered file matches a catalog entry by file name (or by a cached hash);
files the catalog does not know are still offered, described from their GGUF
header (chat template → chat_template format, else few-shot).
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..errors import ModelNotFoundError, NoModelError, UnknownModelError
from . import gguf, integrity
from .prompts import PROMPT_FORMATS, prompt_format_of

ROLES = ("translate", "general")
FORMATS = tuple(PROMPT_FORMATS)  # llm/prompts.py


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    name: str
    family: str
    roles: tuple[str, ...]
    prompt_format: str
    license: str
    sha256: str | None
    size: int | None
    filenames: tuple[str, ...]
    demo: bool = False
    languages: tuple[str, ...] = ("ja", "en")
    source: str = ""

    def matches_name(self, filename: str) -> bool:
        return any(fnmatch.fnmatch(filename.lower(), pat.lower()) for pat in self.filenames)


@dataclass
class ModelInfo:
    """A model the app can use: a file on disk, with what the catalog knows of it."""

    id: str
    path: Path
    name: str
    roles: tuple[str, ...]
    prompt_format: str
    size: int
    entry: CatalogEntry | None = None
    architecture: str = ""
    has_chat_template: bool = False
    languages: tuple[str, ...] = ("ja", "en")
    problems: list[str] = field(default_factory=list)
    # A model on the policy's inference server: its URL (`path` is then just the id).
    remote: str | None = None

    @property
    def demo(self) -> bool:
        return bool(self.entry and self.entry.demo)

    @property
    def expected_sha256(self) -> str | None:
        return self.entry.sha256 if self.entry else None


def load_catalog(path: Path | None = None) -> list[CatalogEntry]:
    path = path or paths.resources_dir() / "models" / "catalog.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    entries = []
    for item in raw["models"]:
        entries.append(
            CatalogEntry(
                id=item["id"],
                name=item["name"],
                family=item["family"],
                roles=tuple(item["roles"]),
                prompt_format=item["prompt_format"],
                license=item["license"],
                sha256=item.get("sha256"),
                size=item.get("size"),
                filenames=tuple(item.get("filenames", ())),
                demo=bool(item.get("demo", False)),
                languages=tuple(item.get("languages", ("ja", "en"))),
                source=item.get("source", ""),
            )
        )
    return entries


def model_dirs(extra: list[Path] | None = None) -> list[Path]:
    """The user model folder first, then extra folders (settings, IT policy)."""
    dirs = [paths.user_model_dir()]
    for d in extra or []:
        if d and Path(d) not in dirs:
            dirs.append(Path(d))
    return dirs


def _describe(path: Path, catalog: list[CatalogEntry]) -> ModelInfo:
    size = path.stat().st_size
    entry = next((e for e in catalog if e.matches_name(path.name)), None)
    if entry is None:
        cached = integrity.cached_sha256(path)
        entry = next((e for e in catalog if cached and e.sha256 == cached), None)
    info = ModelInfo(
        id=entry.id if entry else path.stem,
        path=path,
        name=entry.name if entry else path.stem,
        roles=entry.roles if entry else ("general",),
        prompt_format=entry.prompt_format if entry else "few_shot",
        size=size,
        entry=entry,
        languages=entry.languages if entry else ("ja", "en"),
    )
    try:
        meta = gguf.read_metadata(path)
    except Exception as err:  # noqa: BLE001 - a broken file is listed with its problem
        info.problems.append(str(err))
        return info
    info.architecture = str(meta.get("general.architecture", ""))
    info.has_chat_template = isinstance(meta.get("tokenizer.chat_template"), str)
    if entry is None:
        if info.has_chat_template:
            info.prompt_format = "chat_template"
        if "translate" in path.name.lower():
            info.roles = ("translate", "general")
        if info.architecture == "plamo2" and "translate" in path.name.lower():
            info.prompt_format = "plamo_translate"
        name = meta.get("general.name")
        if isinstance(name, str) and name:
            info.name = name
    return info


def discover(
    extra_dirs: list[Path] | None = None, catalog: list[CatalogEntry] | None = None
) -> list[ModelInfo]:
    """Every *.gguf in the model folders (one level of subfolders), catalog models first."""
    catalog = catalog if catalog is not None else load_catalog()
    found: list[ModelInfo] = []
    seen: set[Path] = set()
    for folder in model_dirs(extra_dirs):
        if not folder.is_dir():
            continue
        candidates = sorted(folder.glob("*.gguf")) + sorted(folder.glob("*/*.gguf"))
        for path in candidates:
            real = path.resolve()
            if real in seen or not path.is_file():
                continue
            seen.add(real)
            found.append(_describe(path, catalog))
    ids: dict[str, int] = {}
    for info in found:  # two files of one catalog model: keep ids unique
        ids[info.id] = ids.get(info.id, 0) + 1
        if ids[info.id] > 1:
            info.id = f"{info.id}#{ids[info.id]}"
    found.sort(key=lambda m: (m.entry is None, m.demo, m.id))
    return found


def find_model(model_id: str, models: list[ModelInfo]) -> ModelInfo:
    """By id, or by path to a GGUF file."""
    for info in models:
        if info.id == model_id:
            return info
    path = Path(model_id)
    if path.suffix.lower() == ".gguf" or path.exists():
        if not path.is_file():
            raise ModelNotFoundError(path=str(path))
        return _describe(path, load_catalog())
    raise UnknownModelError(model_id=model_id)


def choose_for_role(role: str, models: list[ModelInfo], preferred: str = "") -> ModelInfo:
    """The user's choice if set, else the best model for the role:
    a dedicated translation model for translation, then a general instruct
    model, and the demo model last."""
    if preferred:
        return find_model(preferred, models)
    usable = [m for m in models if not m.problems]
    if role == "translate":
        ranked = sorted(
            usable,
            key=lambda m: (
                not prompt_format_of(m.prompt_format).translation_only,
                "translate" not in m.roles,
                m.demo,
            ),
        )
    else:
        ranked = sorted(usable, key=lambda m: (role not in m.roles, m.demo))
    if not ranked:
        raise NoModelError(folder=str(paths.user_model_dir()))
    return ranked[0]
