"""Sentence vectors remembered in this process, so a run encodes each text once.

Two stores, both keyed by (encoder name, text):

- the process cache behind :func:`encode_cached`: what a check encodes (segments, merged bead
  sides, parts of sentences) stays for the next check in this process (a re-check after an
  edit in ``review``, a benchmark's many variants), bounded by ``CACHE_MAX`` rows;
- a *run*: inside ``with sharing():`` the aligner's vectors (``remember``) are kept until the
  block ends, and :func:`encode_cached` reads them first. ``check`` aligns and checks inside
  one run, so the check no longer encodes again what the aligner just encoded (about 30 % of a
  check's time on the Bible). Outside a run nothing is kept: ``align`` alone holds no vectors.

Encoders give a text the same vector whatever it is encoded with (``bilingual.encode.use``),
so a vector read here is the one that encoding again would give.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator, Sequence

import numpy as np

log = logging.getLogger(__name__)

__all__ = ["CACHE_MAX", "encode_cached", "is_sharing", "remember", "sharing"]

CACHE_MAX = 50_000  # rows of 512 float32: ~100 MiB at most

_CACHE: dict[tuple[str, str], np.ndarray] = {}
# The open runs of this thread (a context variable: a review server's or a Dask worker's
# threads each see only their own).
_RUNS: contextvars.ContextVar[tuple[dict[tuple[str, str], np.ndarray], ...]] = (
    contextvars.ContextVar("bilingual_encode_runs", default=())
)


@contextlib.contextmanager
def sharing() -> Iterator[None]:
    """A run: vectors remembered inside it are read by :func:`encode_cached` until it ends."""
    token = _RUNS.set((*_RUNS.get(), {}))
    try:
        yield
    finally:
        _RUNS.reset(token)


def is_sharing() -> bool:
    """Whether a run is open (the aligner then hands its vectors over with ``remember``)."""
    return bool(_RUNS.get())


def remember(encoder: str, texts: Sequence[str], vectors: np.ndarray) -> None:
    """Keep ``vectors[i]`` as the vector of ``texts[i]`` for the open run (none: ignored)."""
    runs = _RUNS.get()
    if not runs:
        return
    run = runs[-1]
    rows = np.asarray(vectors, dtype=np.float32)
    for t, v in zip(texts, rows, strict=True):
        run[(encoder, t)] = v


def _known(key: tuple[str, str]) -> np.ndarray | None:
    for run in reversed(_RUNS.get()):
        v = run.get(key)
        if v is not None:
            return v
    return _CACHE.get(key)


def _encode(encoder: str, texts: list[str]) -> np.ndarray:
    """float32 vectors of ``texts``: in two worker processes when there are many (a book's
    check encodes as many texts of its own as the aligner did), else here."""
    from bilingual.encode.base import get_encoder
    from bilingual.encode.workers import encode_in_workers, use_workers

    if use_workers(encoder, len(texts)):
        log.debug("encoding %d texts in worker processes", len(texts))
        return encode_in_workers(encoder, texts)
    return np.asarray(get_encoder(encoder).encode(texts), dtype=np.float32)


def encode_cached(encoder: str, texts: Sequence[str]) -> np.ndarray:
    """Vectors of ``texts`` (float32 rows), encoding only those not known in this process."""
    from bilingual.encode.base import get_encoder

    if not texts:
        return get_encoder(encoder).encode([])  # (0, width): the width is the encoder's
    found: dict[str, np.ndarray] = {}
    missing: list[str] = []
    for t in dict.fromkeys(texts):
        v = _known((encoder, t))
        if v is None:
            missing.append(t)
        else:
            found[t] = v
    if missing:
        vectors = _encode(encoder, missing)
        # More than the cache holds (a 100,000-unit file): keep none of them, or every vector
        # would be held twice (cache and result).
        keep = len(missing) <= CACHE_MAX
        if keep and len(_CACHE) + len(missing) > CACHE_MAX:
            _CACHE.clear()  # make room; what this call needs is in ``found`` already
        for t, v in zip(missing, vectors, strict=True):
            found[t] = v
            if keep:
                _CACHE[(encoder, t)] = v
    return np.stack([found[t] for t in texts])
