"""Encoding many texts in two worker processes: the one place that starts them.

The sentence encoder runs one BLAS thread per process (faster than two threads for USE, as
measured for ``bilingual.encode.use``), so a long list of texts is cut into chunks that two
spawned processes take from one queue. Vectors do not depend on the chunk a text is in
(``bilingual.encode.use``), so the result is the one a single process gives, bit for bit.

The aligner encodes a book's two sides this way while it builds the lexical vectors; the check
(``bilingual.encode.memo.encode_cached``) does so for the texts it encodes itself (clauses,
merged sides, sentences without a phrase), which on a book are as many as the aligner's.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# Below this many texts, starting the workers (~2 s each: imports and the model) costs more
# than the second core saves.
PARALLEL_MIN_TEXTS = 4000
WORKERS = 2
# Texts per task: progress advances per chunk, and neither worker waits for the other at the
# end of the queue.
CHUNK = 1000


def use_workers(encoder: str, n_texts: int) -> bool:
    """Whether ``n_texts`` texts are worth the workers, and the workers can load ``encoder``."""
    from bilingual.encode.base import loads_in_a_new_process

    # a daemon process (a Dask or multiprocessing worker) may not start children
    return (
        n_texts >= PARALLEL_MIN_TEXTS
        and loads_in_a_new_process(encoder)
        and not multiprocessing.current_process().daemon
    )


def encode_chunk(encoder: str, texts: Sequence[str], dtype: type) -> np.ndarray:
    """One chunk of texts, in a worker process (the encoder loads once per process)."""
    from bilingual.encode.base import get_encoder

    return get_encoder(encoder).encode(list(texts)).astype(dtype, copy=False)


def _orphan_watch(parent: int) -> None:
    """Exit when the main process is gone (SIGKILL): pool queues never report it to workers."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def quiet_child(parent: int) -> None:
    """First thing in every worker process this package starts (encoders, corpus documents).

    Ctrl-C reaches the whole process group; the parent alone answers it (one line, exit 130)
    and stops its workers, which would otherwise each print a KeyboardInterrupt. A worker
    whose parent was killed ends instead of idling forever under init.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_orphan_watch, args=(parent,), daemon=True).start()


def start_workers(n: int = WORKERS) -> ProcessPoolExecutor:
    """A pool of ``n`` workers (spawned: a forked copy of a process with BLAS threads can hang)."""
    return ProcessPoolExecutor(
        max_workers=n,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=quiet_child,
        initargs=(os.getpid(),),
    )


def submit_chunk(
    pool: ProcessPoolExecutor, encoder: str, texts: Sequence[str], dtype: type
) -> Future[np.ndarray]:
    """One task: the vectors of ``texts`` as ``dtype``."""
    return pool.submit(encode_chunk, encoder, texts, dtype)


def submit_chunks(
    pool: ProcessPoolExecutor, encoder: str, texts: Sequence[str], dtype: type
) -> list[Future[np.ndarray]]:
    """One task per ``CHUNK`` texts, in order."""
    return [
        submit_chunk(pool, encoder, texts[k : k + CHUNK], dtype)
        for k in range(0, len(texts), CHUNK)
    ]


def encode_in_workers(encoder: str, texts: Sequence[str]) -> np.ndarray:
    """float32 vectors of ``texts`` (one row each, in order), encoded by the two workers.

    Each call starts its own pair (~2 s) and shuts it down when done: a pair kept for a whole
    check held two encoder processes (~290 MiB each) through the check's other phases, and the
    full Bible's check peaked at 1,992 MiB against 1,418 (BENCHMARKS.md, issue 22 round 4)."""
    pool = start_workers()
    futures: list[Future[np.ndarray]] = []
    try:
        futures = submit_chunks(pool, encoder, texts, np.float32)
        parts = [f.result() for f in futures]
    finally:
        for f in futures:
            f.cancel()
        pool.shutdown(cancel_futures=True)
    return np.concatenate(parts) if parts else encode_chunk(encoder, [], np.float32)


class Prefetched:
    """``task(chunk)`` over ``items`` in chunks of ``size``, submitted to ``pool`` now (the
    last chunk first when ``backwards``: for items asked for in order, so that the asker and
    the worker meet in the middle) and collected chunk by chunk as they are asked for
    (:meth:`take`). ``task`` is a picklable top-level function returning one result per item
    of its chunk, in order."""

    def __init__(
        self,
        pool: ProcessPoolExecutor,
        task: Callable[[list[Any]], Sequence[Any]],
        items: Sequence[Hashable],
        size: int,
        backwards: bool = False,
    ) -> None:
        self.chunks = [list(items[k : k + size]) for k in range(0, len(items), size)]
        self.chunk_of = {x: c for c, part in enumerate(self.chunks) for x in part}
        self.futures: list[Future[Sequence[Any]] | None] = [None] * len(self.chunks)
        order = range(len(self.chunks))
        for c in reversed(order) if backwards else order:
            self.futures[c] = pool.submit(task, self.chunks[c])

    def take(self, items: Sequence[Hashable]) -> list[tuple[Any, Any]]:
        """(item, result) of the chunks holding one of ``items`` that are done or under way
        (waiting for those); a chunk not started yet is cancelled and its items are left to
        the asker, who would otherwise wait for work it can do itself. Once every chunk is
        done, all of them are taken."""
        if all(f is None or f.done() for f in self.futures):
            wanted = set(range(len(self.futures)))
        else:
            wanted = {self.chunk_of[x] for x in items if x in self.chunk_of}
        out: list[tuple[Any, Any]] = []
        for c in sorted(wanted):
            fut = self.futures[c]
            if fut is None:
                continue
            self.futures[c] = None
            if fut.cancel():
                continue
            try:
                results = fut.result()
            except Exception as e:  # the worker died or its pool broke: a prefetch is only
                # a head start, so the asker computes every item not yet handed over
                log.warning("a prefetch worker failed (%s); this process does its share", e)
                self.cancel()
                self.futures = [None] * len(self.futures)
                return out
            out += zip(self.chunks[c], results, strict=True)
        return out

    @property
    def done(self) -> bool:
        return all(f is None for f in self.futures)

    def cancel(self) -> None:
        for f in self.futures:
            if f is not None:
                f.cancel()
