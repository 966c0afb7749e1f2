"""The resumable state of a corpus run: one SQLite row per document, committed as it finishes.

A row holds the document's input hash, the settings signature it was aligned with, its
status, counts, error and its candidate pairs (JSON). Each finished document is one committed
transaction, so a run killed at any moment (SIGTERM, SIGKILL, power loss) loses only the
documents in flight; a re-run skips rows whose hash and signature still match, redoes changed
ones and retries failed ones. Filters run later, on the stored candidates, so changing a filter
setting re-aligns nothing.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from bilingual.corpus.worker import Candidate, DocResult

SCHEMA_VERSION = 1


def _num(value: float) -> float | None:
    return None if value is None or math.isnan(value) else value


def _unnum(value: float | None) -> float:
    return math.nan if value is None else float(value)


def candidates_to_json(candidates: tuple[Candidate, ...]) -> str:
    rows = [[c.src, c.tgt, _num(c.score), c.src_ids, c.tgt_ids, c.flags] for c in candidates]
    return json.dumps(rows, ensure_ascii=False, allow_nan=False)


def candidates_from_json(text: str) -> tuple[Candidate, ...]:
    return tuple(
        Candidate(s, t, _unnum(score), tuple(si), tuple(ti), tuple(fl))
        for s, t, score, si, ti, fl in json.loads(text)
    )


class StateStore:
    """The ``state.sqlite`` of one output folder (used by the main process only)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable across a killed process
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, input_hash TEXT, "
            "settings TEXT, status TEXT, error TEXT, result TEXT, candidates TEXT)"
        )
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))

    def done(self, doc_id: str, input_hash: str, settings: str) -> bool:
        """Whether ``doc_id`` finished ok with these very inputs and settings."""
        row = self._db.execute(
            "SELECT input_hash, settings, status FROM docs WHERE id = ?", (doc_id,)
        ).fetchone()
        return row is not None and tuple(row) == (input_hash, settings, "ok")

    def record(self, result: DocResult, input_hash: str, settings: str) -> None:
        """Store one finished document in its own committed transaction."""
        meta = dataclasses.asdict(result)
        meta.pop("candidates")
        meta.pop("alignment_jsonl")
        meta = {k: (_num(v) if isinstance(v, float) else v) for k, v in meta.items()}
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    result.id,
                    input_hash,
                    settings,
                    result.status,
                    result.error,
                    json.dumps(meta, allow_nan=False),
                    candidates_to_json(result.candidates),
                ),
            )

    def load(self, doc_id: str) -> DocResult | None:
        """The stored result of ``doc_id`` (without its alignment text), or None."""
        row = self._db.execute(
            "SELECT result, candidates FROM docs WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            return None
        meta = json.loads(row[0])
        floats = {f.name for f in dataclasses.fields(DocResult) if f.type == "float"}
        for k in floats:
            meta[k] = _unnum(meta.get(k))
        return DocResult(**meta, alignment_jsonl="", candidates=candidates_from_json(row[1]))

    def ids(self) -> Iterator[str]:
        for (doc_id,) in self._db.execute("SELECT id FROM docs ORDER BY id"):
            yield doc_id

    def forget(self, doc_id: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM docs WHERE id = ?", (doc_id,))

    def close(self) -> None:
        self._db.close()
