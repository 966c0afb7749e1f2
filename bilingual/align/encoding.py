"""Turning segment texts into aligner features: each segment encoded once, sides in parallel.

Large inputs encode the two sides in two worker processes (``bilingual.encode.workers``)
while the main process builds the lexical vectors.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from bilingual.align.features import SideFeatures
from bilingual.encode.base import (
    DEFAULT_ENCODER,
    get_encoder,
    loads_in_a_new_process,
    normalise_rows,
)
from bilingual.encode.memo import is_sharing, remember
from bilingual.encode.workers import CHUNK, start_workers, submit_chunk, use_workers
from bilingual.progress import report

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeatureTimings:
    """Wall seconds spent building features (encoding overlaps lexical when parallel)."""

    encode: float
    lexical: float


def _encode(name: str, texts: Sequence[str], dtype: type = np.float16) -> np.ndarray:
    """Encode each distinct text once (books repeat lines: refrains, formulas, headings).

    Returned as float16 (``dtype``), in one process or two alike: half the bytes to pickle,
    copy and hold, and a cosine error of about 1e-3, far below what separates a translation
    from its neighbours.
    """
    index: dict[str, int] = {}
    slots = [index.setdefault(t, len(index)) for t in texts]
    if not index:
        return get_encoder(name).encode([]).astype(dtype)
    unique: np.ndarray = get_encoder(name).encode(list(index))
    remember(name, list(index), unique)  # a check in the same run reads them (else no-op)
    return unique.astype(dtype, copy=False)[np.asarray(slots, dtype=np.int64)]


def lexical_float16(x: np.ndarray | None) -> np.ndarray | None:
    """Lexical vectors stored as float16: the largest matrices of a long document, halved.

    Products are taken in float32 on blocks (``bilingual.align.features``); the values are
    IDF weights summed over a few words, well inside float16's range and precision.
    """
    return None if x is None else x.astype(np.float16)


def _parallel(encoder: str, n_texts: int, asked: bool | None) -> bool:
    """Encode in worker processes? By size unless asked; never for an encoder that exists only
    in this process (the corpus's caching encoder: a worker could not load it by name)."""
    if asked is None:
        return use_workers(encoder, n_texts)
    return asked and loads_in_a_new_process(encoder)


def encode_pair(
    encoder: str,
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    *,
    parallel: bool | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Embed both sides (float16 rows); in two processes when ``parallel`` (default: if large)."""
    job = _Encoding(encoder, src_texts, tgt_texts, parallel)
    try:
        return job.result()
    finally:
        job.close()


class _Encoding:
    """Both sides' vectors, encoded in chunks of distinct texts (vectors do not depend on the
    chunk: ``bilingual.encode.use``); in two worker processes when ``parallel``.

    Started on construction, so the caller can build the lexical vectors meanwhile. Reports
    the sentences encoded so far (``bilingual.progress``).
    """

    def __init__(
        self,
        encoder: str,
        src_texts: Sequence[str],
        tgt_texts: Sequence[str],
        parallel: bool | None,
    ) -> None:
        parallel = _parallel(encoder, len(src_texts) + len(tgt_texts), parallel)
        self.parallel = parallel
        self.encoder = encoder
        self.sides: list[tuple[list[str], np.ndarray]] = []
        chunks: list[tuple[int, int, list[str]]] = []  # (side, offset, texts)
        for side, texts in enumerate((src_texts, tgt_texts)):
            index: dict[str, int] = {}
            slots = np.asarray([index.setdefault(t, len(index)) for t in texts], dtype=np.int64)
            unique = list(index)
            self.sides.append((unique, slots))
            chunks += [(side, k, unique[k : k + CHUNK]) for k in range(0, len(unique), CHUNK)]
        self.total = sum(len(u) for u, _ in self.sides)
        self.done = 0
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[tuple[int, int], Future[np.ndarray]] = {}
        report("encoding", 0, self.total, "sentences")
        if parallel and chunks:
            # The check of a shared run needs the encoder's own float32 vectors (the features
            # keep float16 all the same); otherwise float16 halves what is pickled.
            self.sent = np.float32 if is_sharing() else np.float16
            self.pool = start_workers()
            lock = threading.Lock()
            for side, k, texts in chunks:
                fut = submit_chunk(self.pool, encoder, texts, self.sent)

                def done(f: Future[np.ndarray], n: int = len(texts)) -> None:
                    with lock:
                        self.done += n
                        report("encoding", self.done, self.total, "sentences")

                fut.add_done_callback(done)
                self.futures[(side, k)] = fut

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        """float16 rows of both sides (one per input text)."""
        out = []
        for side, (unique, slots) in enumerate(self.sides):
            parts = []
            for k in range(0, len(unique), CHUNK):
                texts = unique[k : k + CHUNK]
                fut = self.futures.get((side, k))
                if fut is not None:
                    vec = fut.result()
                    if vec.dtype == np.float32:
                        remember(self.encoder, texts, vec)
                else:
                    vec = get_encoder(self.encoder).encode(texts)
                    remember(self.encoder, texts, vec)  # for a check in the same run
                    self.done += len(texts)
                    report("encoding", self.done, self.total, "sentences")
                parts.append(vec.astype(np.float16, copy=False))
            if parts:
                out.append(np.concatenate(parts)[slots])
            else:
                out.append(get_encoder(self.encoder).encode([]).astype(np.float16))
        return out[0], out[1]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def build_features(
    src_texts: Sequence[str],
    src_lang: str,
    tgt_texts: Sequence[str],
    tgt_lang: str,
    *,
    encoder: str = DEFAULT_ENCODER,
    lexical: bool = True,
    parallel: bool | None = None,
) -> tuple[SideFeatures, SideFeatures, FeatureTimings]:
    """Encode, build lexical vectors and lengths for both sides.

    Both sides record the name of the encoder that made their vectors (``Encoder.name``).
    """
    start = time.perf_counter()
    encoder_name = str(get_encoder(encoder).name)  # an unknown name fails here, before work
    job = _Encoding(encoder, src_texts, tgt_texts, parallel)
    try:
        lex_s = lex_t = None
        lex_start = time.perf_counter()
        if lexical:
            from bilingual.encode.lexical import lexical_vectors

            lex_s, lex_t = lexical_vectors(src_texts, src_lang, tgt_texts, tgt_lang)
            lex_s, lex_t = lexical_float16(lex_s), lexical_float16(lex_t)
        lex_seconds = time.perf_counter() - lex_start
        vec_s, vec_t = job.result()
    finally:
        job.close()
    total = time.perf_counter() - start
    encode_seconds = total if job.parallel else total - lex_seconds
    src = SideFeatures(
        normalise_rows(vec_s.astype(np.float32)), lex_s, _lengths(src_texts), encoder_name
    )
    del vec_s
    tgt = SideFeatures(
        normalise_rows(vec_t.astype(np.float32)), lex_t, _lengths(tgt_texts), encoder_name
    )
    del vec_t
    log.debug("features: encode %.2fs, lexical %.2fs", encode_seconds, lex_seconds)
    return src, tgt, FeatureTimings(encode_seconds, lex_seconds)


def _lengths(texts: Sequence[str]) -> np.ndarray:
    """Characters without whitespace: spacing differs between scripts, content does not."""
    from bilingual.encode.length import segment_lengths

    return segment_lengths(texts, "", unit="char")
