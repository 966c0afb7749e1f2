"""An optional encoder: a sentence-transformers model the user already has on disk.

Nothing is ever downloaded: the model is loaded from a local folder with the Hugging Face hub
switched to offline mode, and ``sentence_transformers`` is imported only when the encoder is
first used (it is not a dependency of bilingual).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bilingual.encode.vectors import normalise_rows
from bilingual.errors import ConfigError, DependencyError

log = logging.getLogger(__name__)


class SentenceTransformerEncoder:
    """A local sentence-transformers model folder; loads lazily on the first ``encode``."""

    languages: frozenset[str] = frozenset()  # unknown: the model card says

    def __init__(self, path: str | os.PathLike[str], batch_size: int = 64) -> None:
        self.path = Path(path)
        if not self.path.is_dir():
            raise ConfigError(
                f"{self.path}: not a folder; --encoder takes 'use' or the folder of a "
                "sentence-transformers model already on disk."
            )
        self.name = f"st:{self.path.name}"
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            # Offline before the import: the hub libraries read these when they load.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            try:
                from sentence_transformers import (  # type: ignore[import-not-found]
                    SentenceTransformer,
                )
            except ImportError as e:
                raise DependencyError(
                    "a local sentence-transformers model needs the package; run: "
                    "pip install sentence-transformers"
                ) from e
            try:
                self._model = SentenceTransformer(str(self.path), device="cpu")
            except Exception as e:  # the library raises many kinds for a bad folder
                raise ConfigError(
                    f"{self.path}: cannot be loaded as a sentence-transformers model ({e}); "
                    "give the folder that holds its modules.json."
                ) from e
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` into an L2-normalised float32 matrix."""
        model = self._load()
        if len(texts) == 0:
            dim = int(model.get_sentence_embedding_dimension() or 0)
            return np.zeros((0, dim), dtype=np.float32)
        vecs = model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return normalise_rows(np.asarray(vecs, dtype=np.float32))
