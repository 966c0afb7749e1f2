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
import functools
import logging
from collections.abc import Callable, Hashable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from bilingual.encode.workers import Prefetched

log = logging.getLogger(__name__)

__all__ = [
    "CACHE_MAX",
    "encode_cached",
    "is_sharing",
    "prefetch",
    "prefetch_calls",
    "prefetched",
    "remember",
    "sharing",
]

CACHE_MAX = 50_000  # rows of 512 float32: ~100 MiB at most

_CACHE: dict[tuple[str, str], np.ndarray] = {}


class _Run:
    """One run's vectors, its other prefetched results and the one worker process computing
    them (started by the first prefetch, shut down when all are collected or the run ends);
    private to this module."""

    def __init__(self) -> None:
        self.vectors: dict[tuple[str, str], np.ndarray] = {}
        # prefetched and not asked for yet: handed over once (then kept like any vector
        # encoded on request), so a book's ~100 MiB of them are not held to the run's end
        self.fetched: dict[tuple[str, str], np.ndarray] = {}
        self.results: dict[tuple[str, Hashable], Any] = {}
        # (encoder name or call name, is a call, its chunks)
        self.pending: list[tuple[str, bool, Prefetched]] = []
        self.pool: ProcessPoolExecutor | None = None

    def start(
        self, name: str, call: bool, task: Callable, items: Sequence[Hashable], size: int = 0
    ) -> bool:
        """Start the prefetch; False (nothing started, the asker computes everything) when
        no worker can be started or fed."""
        from bilingual.encode import workers

        try:
            if self.pool is None:
                self.pool = workers.start_workers(1)
            # calls are asked for one by one in document order: start from the end
            job = Prefetched(self.pool, task, items, size or workers.CHUNK, backwards=call)
        except Exception as e:  # a head start only: no worker, no prefetch
            log.warning("could not start a prefetch worker (%s); working in this process", e)
            if not self.pending:
                self.close()
            return False
        self.pending.append((name, call, job))
        return True

    def settle(self, name: str, call: bool, items: Sequence[Hashable]) -> None:
        """Collect what the prefetches of ``name`` hold of ``items`` (waiting for them), and
        all of any prefetch the worker has finished (so the worker ends as soon as it can)."""
        for entry in list(self.pending):
            job = entry[2]
            mine = entry[0] == name and entry[1] == call
            if not mine and not all(f is None or f.done() for f in job.futures):
                continue
            store: dict = self.results if entry[1] else self.fetched
            for x, r in job.take(items if mine else ()):
                store[(entry[0], x)] = r
            if job.done:
                self.pending.remove(entry)
        if not self.pending:
            self.close()

    def close(self) -> None:
        for entry in self.pending:  # asked for by nobody (a check that stopped early)
            entry[2].cancel()
        self.pending.clear()
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


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
        run.close()


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
    """Start encoding ``texts`` in a worker process for the open run; True if started.

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
    log.debug("prefetching the vectors of %d texts in a worker process", len(todo))
    return runs[-1].start(encoder, False, functools.partial(_encode_float32, encoder), todo)


def _encode_float32(encoder: str, texts: list[str]) -> np.ndarray:
    from bilingual.encode.workers import encode_chunk

    return encode_chunk(encoder, texts, np.float32)


def prefetch_calls(
    name: str, task: Callable, items: Sequence[Hashable], least: int, size: int
) -> bool:
    """Start ``task(chunk)`` (a picklable top-level function: one result per item, a pure
    function of the item) over ``items`` in chunks of ``size`` in the open run's worker
    process, the last chunk first; True if started.

    Only inside a run and for at least ``least`` items (fewer do not pay for a worker's
    start); :func:`prefetched` then reads an item's result under ``name``. Results computed
    once per item in another process are the same as here, so nothing but the time changes.
    """
    runs = _RUNS.get()
    todo = list(dict.fromkeys(items))
    if not runs or len(todo) < least:
        return False
    log.debug("prefetching %s of %d items in a worker process", name, len(todo))
    return runs[-1].start(name, True, task, todo, size)


def prefetched(name: str, item: Hashable) -> Any | None:
    """The open runs' result of ``name`` for ``item``, or None: then the caller computes it
    (its chunk had not started in the worker, or it was never asked for). Waits only for a
    chunk under way."""
    for run in reversed(_RUNS.get()):
        if run.pending:
            run.settle(name, True, (item,))
        got = run.results.pop((name, item), None)  # asked for once (callers cache)
        if got is not None:
            return got
    return None


def _settle(encoder: str, texts: Sequence[str]) -> None:
    """Collect what the open runs' prefetches hold of ``texts`` (waiting for those chunks)."""
    for run in _RUNS.get():
        if run.pending:
            run.settle(encoder, False, texts)


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
        new = _take_fetched(encoder, missing)
        todo = [t for t in missing if t not in new]
        if todo:
            new.update(zip(todo, _encode(encoder, todo), strict=True))
        # More than the cache holds (a 100,000-unit file): keep none of them, or every vector
        # would be held twice (cache and result).
        keep = len(missing) <= CACHE_MAX
        if keep and len(_CACHE) + len(missing) > CACHE_MAX:
            _CACHE.clear()  # make room; what this call needs is in ``found`` already
        for t in missing:
            found[t] = v = new[t]
            if keep:
                _CACHE[(encoder, t)] = v
    return np.stack([found[t] for t in texts])


def _take_fetched(encoder: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """The prefetched vectors of ``texts``, handed over (removed from the runs)."""
    out: dict[str, np.ndarray] = {}
    for run in _RUNS.get():
        if run.fetched:
            for t in texts:
                v = run.fetched.pop((encoder, t), None)
                if v is not None:
                    out[t] = v
    return out
