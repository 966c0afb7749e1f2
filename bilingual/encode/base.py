"""The Encoder protocol and the registry that loads encoders lazily and once.

An encoder maps texts to an L2-normalised float32 matrix (one row per text). ``get_encoder``
accepts a registered name (``"use"``, the default) or the path of a sentence-transformers
model already on disk; nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from bilingual.encode.vectors import normalise_rows
from bilingual.errors import ConfigError

__all__ = [
    "Encoder",
    "available_encoders",
    "get_encoder",
    "loads_in_a_new_process",
    "normalise_rows",  # lives in bilingual.encode.vectors; kept importable from here
    "register_encoder",
    "unregister_encoder",
]

log = logging.getLogger(__name__)


@runtime_checkable
class Encoder(Protocol):
    """Maps texts to unit-length float32 vectors; ``name`` goes into output signatures."""

    name: str
    languages: frozenset[str]

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _make_use() -> Encoder:
    from bilingual.encode.use import UseEncoder

    return UseEncoder()


DEFAULT_ENCODER = "use"  # the registered name every command and library call defaults to

_REGISTRY: dict[str, Callable[[], Encoder]] = {DEFAULT_ENCODER: _make_use}
# What a freshly started process has in its registry (a spawned encoding worker).
_BUILT_IN = dict(_REGISTRY)


def register_encoder(name: str, factory: Callable[[], Encoder]) -> None:
    """Make ``get_encoder(name)`` build its encoder with ``factory`` (called once, lazily)."""
    _REGISTRY[name] = factory
    get_encoder.cache_clear()


def unregister_encoder(name: str) -> None:
    """Forget an encoder added with :func:`register_encoder` (and any loaded instance)."""
    _REGISTRY.pop(name, None)
    get_encoder.cache_clear()


def loads_in_a_new_process(name: str) -> bool:
    """Whether a freshly started process resolves ``name`` to this process's encoder.

    True for a built-in name this process has not re-registered and for a model folder. A name
    registered at run time (the corpus's caching encoder, a test's stand-in) exists only here,
    so its texts must be encoded here.
    """
    factory = _REGISTRY.get(name)
    if factory is not None:
        return _BUILT_IN.get(name) is factory
    return Path(name).is_dir()


def available_encoders() -> list[str]:
    """Names accepted by ``get_encoder`` besides a local model path."""
    return sorted(_REGISTRY)


@functools.lru_cache(maxsize=4)
def get_encoder(name: str = DEFAULT_ENCODER) -> Encoder:
    """Return the encoder called ``name`` (or at path ``name``), loading it on first use."""
    if name in _REGISTRY:
        return _REGISTRY[name]()
    if Path(name).is_dir():
        from bilingual.encode.local import SentenceTransformerEncoder

        return SentenceTransformerEncoder(Path(name))
    raise ConfigError(
        f"unknown encoder {name!r}; use one of {', '.join(available_encoders())} or the path "
        "of a sentence-transformers model folder already on disk."
    )
