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

from bilingual.errors import ConfigError

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


_REGISTRY: dict[str, Callable[[], Encoder]] = {"use": _make_use}


def available_encoders() -> list[str]:
    """Names accepted by ``get_encoder`` besides a local model path."""
    return sorted(_REGISTRY)


def register_encoder(name: str, factory: Callable[[], Encoder]) -> None:
    """Let ``get_encoder(name)`` build its encoder with ``factory`` (e.g. a caching wrapper).

    Register a name before its first ``get_encoder`` call: loaded encoders are cached.
    """
    _REGISTRY[name] = factory


@functools.lru_cache(maxsize=4)
def get_encoder(name: str = "use") -> Encoder:
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


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Scale each row to unit length (zero rows stay zero) as float32."""
    m = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms
