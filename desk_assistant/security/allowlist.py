"""Model allow-list: under RequireModelHash only GGUF files with a known SHA-256 load."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import ModelNotAllowedError, ModelNotFoundError
from ..fileio import sha256_file
from .policy import Policy


def check_model_allowed(
    path: str | os.PathLike,
    sha256: str | None,
    policy: Policy,
    catalog_hashes: Iterable[str] = (),
) -> str:
    """Return why the model may load ("no-policy", "allowed-list", "catalog"), or raise
    ModelNotAllowedError naming the file and its hash.

    `sha256` is the file's hash as the engine computed (and cached) it; None makes
    this function hash the file itself, which is slow for big models (llm/ keeps the
    hash cache; security sits below llm and does not reach up to it).
    """
    if not policy.require_model_hash:
        return "no-policy"
    if sha256 is None:
        if not Path(path).is_file():
            raise ModelNotFoundError(path=str(Path(path)))
        sha256 = sha256_file(Path(path))
    digest = sha256.strip().lower()
    if digest in policy.allowed_models:
        return "allowed-list"
    if policy.allow_catalog_models and digest in {h.strip().lower() for h in catalog_hashes}:
        return "catalog"
    raise ModelNotAllowedError(path=str(Path(path)), sha256=digest)
