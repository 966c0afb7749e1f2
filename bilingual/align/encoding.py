"""Turning segment texts into aligner features: each segment encoded once, sides in parallel.

The sentence encoder runs one BLAS thread per process (faster than two threads for USE, as
measured for ``bilingual.encode.use``), so large inputs encode the two sides in two worker
processes while the main process builds the lexical vectors.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from bilingual.align.features import SideFeatures
from bilingual.encode.base import DEFAULT_ENCODER, get_encoder, normalise_rows

log = logging.getLogger(__name__)

# Below this many segments in all, worker start-up (~2 s) costs more than it saves.
PARALLEL_MIN_SEGMENTS = 4000


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
    unique: np.ndarray = get_encoder(name).encode(list(index)).astype(dtype, copy=False)
    return unique[np.asarray(slots, dtype=np.int64)]


def lexical_float16(x: np.ndarray | None) -> np.ndarray | None:
    """Lexical vectors stored as float16: the largest matrices of a long document, halved.

    Products are taken in float32 on blocks (``bilingual.align.features``); the values are
    IDF weights summed over a few words, well inside float16's range and precision.
    """
    return None if x is None else x.astype(np.float16)


def encode_pair(
    encoder: str,
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    *,
    parallel: bool | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Embed both sides (unit rows); in two processes when ``parallel`` (default: if large)."""
    if parallel is None:
        parallel = len(src_texts) + len(tgt_texts) >= PARALLEL_MIN_SEGMENTS
    if not parallel:
        return _encode(encoder, src_texts), _encode(encoder, tgt_texts)
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        fs = pool.submit(_encode, encoder, list(src_texts))
        ft = pool.submit(_encode, encoder, list(tgt_texts))
        return fs.result(), ft.result()


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
    if parallel is None:
        parallel = len(src_texts) + len(tgt_texts) >= PARALLEL_MIN_SEGMENTS
    pool: ProcessPoolExecutor | None = None
    futures: tuple[Future[np.ndarray], Future[np.ndarray]] | None = None
    if parallel:
        pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
        futures = (
            pool.submit(_encode, encoder, list(src_texts)),
            pool.submit(_encode, encoder, list(tgt_texts)),
        )
    try:
        lex_s = lex_t = None
        lex_start = time.perf_counter()
        if lexical:
            from bilingual.encode.lexical import lexical_vectors

            lex_s, lex_t = lexical_vectors(src_texts, src_lang, tgt_texts, tgt_lang)
            lex_s, lex_t = lexical_float16(lex_s), lexical_float16(lex_t)
        lex_seconds = time.perf_counter() - lex_start
        if futures is not None:
            vec_s, vec_t = futures[0].result(), futures[1].result()
        else:
            vec_s, vec_t = _encode(encoder, src_texts), _encode(encoder, tgt_texts)
    finally:
        if pool is not None:
            pool.shutdown()
    total = time.perf_counter() - start
    encode_seconds = total if parallel else total - lex_seconds
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
