"""Streaming writers: a format written one sentence pair at a time, for corpora of any size.

A format's ``stream`` in the registry (:mod:`bilingual.export`) opens a :class:`StreamWriter`
over the open text files of a :class:`StreamTarget` (one file, or one per language for Moses).
The caller owns the files, stages them and renames them into place (corpus mode:
``bilingual.corpus.outputs`` through ``io.StagedFile``); a writer only writes: ``add`` one
:class:`CorpusPair` after another, ``close`` writes what comes after the last (the TMX tail).
The writers themselves live beside the whole-alignment writers of their format
(``tmx.TmxStream``, ``jsonl.JsonlStream``, ``moses.MosesStream``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from bilingual.precision import json_number

__all__ = ["CorpusPair", "StreamTarget", "StreamWriter", "corpus_record", "dumps_line"]


@dataclass(frozen=True)
class CorpusPair:
    """One pair of the corpus (kept) or of rejected.jsonl (with its ``reason``)."""

    doc: str
    src: str
    tgt: str
    score: float
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    flags: tuple[str, ...]


@dataclass(frozen=True)
class StreamTarget:
    """Where a streaming writer writes: open text files (in the order of the format's
    ``stream_paths``), the two languages and the signature of the run."""

    files: tuple[TextIO, ...]
    src_lang: str
    tgt_lang: str
    signature: str = ""


class StreamWriter(Protocol):
    """A format being written pair by pair."""

    def add(self, pair: CorpusPair) -> None:
        """Write one pair."""

    def close(self) -> None:
        """Write what follows the last pair (the files stay open: the caller closes them)."""


def corpus_record(p: CorpusPair) -> dict[str, Any]:
    """The JSON object of a pair: the same keys and types on every line."""
    return {
        "doc": p.doc,
        "src": p.src,
        "tgt": p.tgt,
        "score": json_number(p.score),
        "src_ids": list(p.src_ids),
        "tgt_ids": list(p.tgt_ids),
        "flags": list(p.flags),
    }


def dumps_line(obj: dict[str, Any]) -> str:
    """One JSON Lines line (UTF-8 text kept, no NaN)."""
    return json.dumps(obj, ensure_ascii=False, allow_nan=False) + "\n"
