"""An embedding cache on disk, keyed by encoder name and normalised sentence text.

Several processes (local workers, Dask workers on the same machine) share one SQLite file in
WAL mode: readers never block, writers queue behind a busy timeout, and ``INSERT OR IGNORE``
makes concurrent writes of the same sentence harmless.

A cached vector must not depend on which documents happened to be encoded together, or a
resumed or distributed run would differ from an uninterrupted one. The encoder guarantees it:
a text's vector is the same bit for bit in any batch (``bilingual.encode.use`` runs every
forward pass on one matrix shape), so the missing sentences of a call are encoded in one batch
at batch speed. Vectors are stored as float16, the precision the aligner keeps anyway.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bilingual.encode.base import Encoder

log = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
_BUSY_MS = 60_000


def normalise_sentence(text: str) -> str:
    """NFC, whitespace runs folded to one space, stripped: the text that is encoded and keyed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def cache_key(encoder: str, text: str) -> bytes:
    """The key of ``text`` under ``encoder``: a SHA-1 of both (20 bytes, fixed size)."""
    return hashlib.sha1(f"{encoder}\0{normalise_sentence(text)}".encode()).digest()


class EmbeddingCache:
    """Vectors by key in one SQLite file; open one per process (connections are not shared)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path, timeout=_BUSY_MS / 1000, isolation_level=None)
        self._db.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, dim INTEGER, vec BLOB)"
        )
        self.hits = 0
        self.misses = 0

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        """The stored vectors of ``keys`` that are present (float32 rows)."""
        found: dict[bytes, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for k in range(0, len(unique), 500):
            chunk = unique[k : k + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk
            ).fetchall()
            for key, vec in rows:
                found[bytes(key)] = np.frombuffer(vec, dtype=np.float16).astype(np.float32)
        return found

    def put_many(self, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
        """Store vectors (as float16) in one transaction; existing keys are kept."""
        if not items:
            return
        rows = [(k, int(v.shape[0]), v.astype(np.float16).tobytes()) for k, v in items]
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        self._db.close()


class CachedEncoder:
    """An Encoder that looks sentences up in an EmbeddingCache and encodes only the missing.

    ``name`` is the wrapped encoder's, so signatures do not change with caching.
    """

    def __init__(self, inner: Encoder, cache: EmbeddingCache | None) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.languages = inner.languages

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit rows for ``texts``: each the vector of its normalised text (batch-independent)."""
        norm = [normalise_sentence(t) for t in texts]
        keys = [cache_key(self.name, t) for t in norm]
        found = self.cache.get_many(keys) if self.cache is not None else {}
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, norm, strict=True):
            if key not in found:
                missing.setdefault(key, text)
        new: list[tuple[bytes, np.ndarray]] = []
        if missing:
            vecs = self.inner.encode(list(missing.values())).astype(np.float16).astype(np.float32)
            for key, vec in zip(missing, vecs, strict=True):
                found[key] = vec
                new.append((key, vec))
        if self.cache is not None:
            self.cache.hits += len(keys) - len(missing)
            self.cache.misses += len(missing)
            self.cache.put_many(new)
        if not keys:
            return self.inner.encode([])
        return np.vstack([found[k] for k in keys]).astype(np.float32)
