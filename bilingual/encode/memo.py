"""Sentence vectors remembered in this process, so a run encodes each text once.

Two stores, both keyed by (encoder name, text):

- the process cache behind :func:`encode_cached`: what a check encodes (segments, merged bead
  sides, parts of sentences) stays for the next check in this process (a re-check after an
  edit in ``review``, a benchmark's many variants), bounded by ``CACHE_MAX`` rows;
- a *run*: inside ``with sharing():`` the aligner's vectors (``remember``) are kept until the
  block ends, and :func:`encode_cached` reads them first. ``check`` aligns and checks inside
  one run, so the check no longer encodes again what the aligner just encoded (about 30 % of a
  check's time on the Bible). Outside a run nothing is kept: ``align`` alone holds no vectors.

Inside a run, :func:`prefetch` starts encoding texts a later step will ask for in one worker
process while this process does other work (the check's phrase channel encodes as many texts
as the aligner did on a book, and the other checks run meanwhile on the second core);
:func:`encode_cached` waits for a prefetch only when it asks for one of its texts.

Encoders give a text the same vector whatever it is encoded with (``bilingual.encode.use``),
so a vector read here is the one that encoding again would give.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

import numpy as np

log = logging.getLogger(__name__)

__all__ = ["CACHE_MAX", "encode_cached", "is_sharing", "prefetch", "remember", "sharing"]

CACHE_MAX = 50_000  # rows of 512 float32: ~100 MiB at most

_CACHE: dict[tuple[str, str], np.ndarray] = {}


class _Prefetch:
    """Texts being encoded in a worker process (see :func:`prefetch`), in chunks that are
    collected as they are asked for; private to this module."""

    def __init__(self, encoder: str, texts: list[str]) -> None:
        from bilingual.encode import workers

        size = workers.CHUNK
        self.encoder = encoder
        self.chunks = [texts[k : k + size] for k in range(0, len(texts), size)]
        self.chunk_of = {t: c for c, part in enumerate(self.chunks) for t in part}
        self.pool: ProcessPoolExecutor | None = workers.start_workers(1)
        self.futures: list[Future[np.ndarray] | None] = [
            workers.submit_chunk(self.pool, encoder, part, np.float32) for part in self.chunks
        ]

    def take(self, texts: Sequence[str], into: dict[tuple[str, str], np.ndarray]) -> None:
        """Wait for the chunks holding any of ``texts`` and put their vectors ``into``."""
        wanted = {self.chunk_of[t] for t in texts if t in self.chunk_of}
        for c in sorted(wanted):
            fut = self.futures[c]
            if fut is None:
                continue
            for t, v in zip(self.chunks[c], fut.result(), strict=True):
                into[(self.encoder, t)] = v
            self.futures[c] = None
        if all(f is None for f in self.futures):
            self.close()

    @property
    def done(self) -> bool:
        return self.pool is None

    def close(self) -> None:
        if self.pool is not None:
            for f in self.futures:
                if f is not None:
                    f.cancel()
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


class _Run:
    """One run's vectors and its prefetches still under way; private to this module."""

    def __init__(self) -> None:
        self.vectors: dict[tuple[str, str], np.ndarray] = {}
        self.pending: list[_Prefetch] = []


# The open runs of this thread (a context variable: a review server's or a Dask worker's
# threads each see only their own).
_RUNS: contextvars.ContextVar[tuple[_Run, ...]] = contextvars.ContextVar(
    "bilingual_encode_runs", default=()
)


@contextlib.contextmanager
def sharing() -> Iterator[None]:
    """A run: vectors remembered inside it are read by :func:`encode_cached` until it ends."""
    run = _Run()
    token = _RUNS.set((*_RUNS.get(), run))
    try:
        yield
    finally:
        _RUNS.reset(token)
        for p in run.pending:  # asked for by nobody (a check that stopped early)
            p.close()


def is_sharing() -> bool:
    """Whether a run is open (the aligner then hands its vectors over with ``remember``)."""
    return bool(_RUNS.get())


def remember(encoder: str, texts: Sequence[str], vectors: np.ndarray) -> None:
    """Keep ``vectors[i]`` as the vector of ``texts[i]`` for the open run (none: ignored)."""
    runs = _RUNS.get()
    if not runs:
        return
    run = runs[-1].vectors
    rows = np.asarray(vectors, dtype=np.float32)
    for t, v in zip(texts, rows, strict=True):
        run[(encoder, t)] = v


def prefetch(encoder: str, texts: Sequence[str]) -> bool:
    """Start encoding ``texts`` in one worker process for the open run; True if started.

    Only inside a run, for texts not known yet, when they are enough for the workers
    (``bilingual.encode.workers.use_workers``); otherwise nothing happens and a later
    :func:`encode_cached` encodes them as before. A text's vector does not depend on where it
    is encoded (``bilingual.encode.use``), so a prefetch changes no result, only when the
    work is done: one worker beside this process keeps both cores busy.
    """
    from bilingual.encode.workers import use_workers

    runs = _RUNS.get()
    if not runs:
        return False
    todo = [t for t in dict.fromkeys(texts) if _known((encoder, t)) is None]
    if not use_workers(encoder, len(todo)):
        return False
    log.debug("prefetching %d texts in a worker process", len(todo))
    runs[-1].pending.append(_Prefetch(encoder, todo))
    return True


def _settle(encoder: str, texts: Sequence[str]) -> None:
    """Collect what the open runs' prefetches hold of ``texts`` (waiting for those chunks)."""
    for run in _RUNS.get():
        for p in list(run.pending):
            if p.encoder != encoder:
                continue
            p.take(texts, run.vectors)
            if p.done:
                run.pending.remove(p)


def _known(key: tuple[str, str]) -> np.ndarray | None:
    for run in reversed(_RUNS.get()):
        v = run.vectors.get(key)
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
    _settle(encoder, texts)
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
