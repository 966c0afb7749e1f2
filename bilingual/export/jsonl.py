"""JSONL: a metadata record, then one bead per line; the one format that round-trips exactly.

Line 1 is ``{"type": "meta", "format": "bilingual-alignment", "version": 1, "signature": ...,
"level": ..., "src_lang": ..., "tgt_lang": ..., "src_name": ..., "tgt_name": ...,
"src_segmentation": ..., "tgt_segmentation": ...}``. Every bead line is ``{"type": "bead",
"src_ids": [0, 1], "tgt_ids": [0], "src": "...", "tgt": "...", "score": 0.93,
"level": "sentence", "src_paragraphs": [0], "tgt_paragraphs": [0], "similarity": 0.8,
"src_segments": ["...", "..."], "tgt_segments": ["..."], "src_segment_paragraphs": [0, 0],
"tgt_segment_paragraphs": [0]}`` (``src``/``tgt`` are the joined texts, for people and for
corpus tools; ``*_segments`` let the reader rebuild every segment). Omission beads are kept with
an empty id list. Unknown numbers (NaN) are ``null``. A two-level alignment adds its
paragraph beads at the end as ``{"type": "paragraph_bead", "src_ids", "tgt_ids", "score", ...}``
without texts.

The reader needs only ``src_ids``, ``tgt_ids``, ``src`` and ``tgt`` per bead (``*_segments``
when a side has several ids); the meta line and ``type`` are optional. The concatenated ids of
each side must be 0, 1, 2, ... (every segment once, in order).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from typing import Any

from bilingual.errors import FormatError
from bilingual.export._common import (
    BeadRecord,
    bead_paragraphs,
    build_alignment,
    guess_lang,
    side_texts,
    split_lines,
)
from bilingual.export.stream import CorpusPair, StreamTarget, corpus_record, dumps_line
from bilingual.io import read_text
from bilingual.model import Alignment, Bead, Level
from bilingual.precision import json_number
from bilingual.signature import make_signature

FORMAT_NAME = "bilingual-alignment"
FORMAT_VERSION = 1
_LEVELS: tuple[Level, ...] = ("sentence", "paragraph")


def _dumps(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"


def write_jsonl(alignment: Alignment) -> str:
    """Render ``alignment`` as JSONL: the meta record, the beads, then any paragraph beads."""
    src_doc, tgt_doc = alignment.src.document, alignment.tgt.document
    out = [
        _dumps(
            {
                "type": "meta",
                "format": FORMAT_NAME,
                "version": FORMAT_VERSION,
                "signature": alignment.signature,
                "level": alignment.level,
                "src_lang": src_doc.lang,
                "tgt_lang": tgt_doc.lang,
                "src_name": src_doc.name,
                "tgt_name": tgt_doc.name,
                "src_segmentation": alignment.src.signature,
                "tgt_segmentation": alignment.tgt.signature,
            }
        )
    ]
    for bead in alignment.beads:
        src, tgt = side_texts(alignment, bead)
        src_paras, tgt_paras = bead_paragraphs(alignment, bead)
        out.append(
            _dumps(
                {
                    "type": "bead",
                    "src_ids": list(bead.src),
                    "tgt_ids": list(bead.tgt),
                    "src": src,
                    "tgt": tgt,
                    "score": json_number(bead.score),
                    "level": bead.level,
                    "src_paragraphs": list(src_paras),
                    "tgt_paragraphs": list(tgt_paras),
                    "similarity": json_number(bead.similarity),
                    "src_segments": [alignment.src.segments[i].text for i in bead.src],
                    "tgt_segments": [alignment.tgt.segments[i].text for i in bead.tgt],
                    "src_segment_paragraphs": [
                        alignment.src.segments[i].paragraph for i in bead.src
                    ],
                    "tgt_segment_paragraphs": [
                        alignment.tgt.segments[i].paragraph for i in bead.tgt
                    ],
                }
            )
        )
    for bead in alignment.paragraph_beads:
        out.append(
            _dumps(
                {
                    "type": "paragraph_bead",
                    "src_ids": list(bead.src),
                    "tgt_ids": list(bead.tgt),
                    "score": json_number(bead.score),
                    "level": bead.level,
                    "similarity": json_number(bead.similarity),
                }
            )
        )
    return "".join(out)


class _Fields:
    """Typed access to one JSON object, raising FormatError that names the line."""

    def __init__(self, obj: Mapping[str, Any], where: str) -> None:
        self.obj = obj
        self.where = where

    def fail(self, message: str) -> FormatError:
        return FormatError(f"{self.where}: {message}")

    def ints(self, key: str, required: bool = False) -> tuple[int, ...]:
        value = self.obj.get(key)
        if value is None:
            if required:
                raise self.fail(f"missing {key!r} (a list of 0-based segment ids).")
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value
        ):
            raise self.fail(f"{key!r} must be a list of non-negative integers.")
        return tuple(value)

    def strings(self, key: str) -> tuple[str, ...] | None:
        value = self.obj.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{key!r} must be a list of strings.")
        return tuple(value)

    def string(self, key: str, default: str | None = None) -> str:
        value = self.obj.get(key, default)
        if not isinstance(value, str):
            raise self.fail(f"{key!r} must be a string.")
        return value

    def number(self, key: str, unit: bool = False) -> float:
        value = self.obj.get(key)
        if value is None:
            return float("nan")
        if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
            raise self.fail(f"{key!r} must be a number or null.")
        if unit and not 0.0 <= value <= 1.0:
            raise self.fail(f"{key!r} {value} is outside [0, 1]; scores are confidences.")
        return float(value)

    def level(self, default: Level) -> Level:
        value = self.obj.get("level", default)
        for level in _LEVELS:
            if value == level:
                return level
        raise self.fail(f"'level' must be one of {', '.join(_LEVELS)}, got {value!r}.")


def _side_segments(f: _Fields, side: str, ids: tuple[int, ...]) -> tuple[str, ...]:
    segments = f.strings(f"{side}_segments")
    if segments is not None:
        if len(segments) != len(ids):
            raise f.fail(
                f"'{side}_segments' has {len(segments)} texts for {len(ids)} "
                f"'{side}_ids'; give one text per id."
            )
        return segments
    text = f.string(side, "")
    if len(ids) > 1:
        raise f.fail(
            f"{len(ids)} '{side}_ids' but no '{side}_segments'; add the list of "
            "segment texts so each id has its text."
        )
    if len(ids) == 1:
        return (text,)
    if text.strip():
        raise f.fail(f"'{side}' has text but '{side}_ids' is empty; add its id.")
    return ()


def _json_object(line: str, where: str) -> dict:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise FormatError(
            f"{where}: not valid JSON ({e.msg} at column {e.colno}); "
            "each line must be one JSON object."
        ) from None
    if not isinstance(obj, dict):
        raise FormatError(f"{where}: expected a JSON object, got {type(obj).__name__}.")
    return obj


def _paragraph_bead(f: _Fields) -> Bead:
    return Bead(
        src=f.ints("src_ids", True),
        tgt=f.ints("tgt_ids", True),
        score=f.number("score", unit=True),
        level=f.level("paragraph"),
        similarity=f.number("similarity"),
    )


def _bead_record(f: _Fields, level: Level, next_id: dict[str, int]) -> BeadRecord:
    """One bead line; its ids must continue ``next_id`` (advanced here) on both sides."""
    ids = {"src": f.ints("src_ids", True), "tgt": f.ints("tgt_ids", True)}
    if not ids["src"] and not ids["tgt"]:
        raise f.fail("both 'src_ids' and 'tgt_ids' are empty; delete the line.")
    for side in ("src", "tgt"):
        expected = tuple(range(next_id[side], next_id[side] + len(ids[side])))
        if ids[side] != expected:
            raise f.fail(
                f"'{side}_ids' is {list(ids[side])} but the next ids are {list(expected)}; "
                "beads must cover every segment once, in order."
            )
        next_id[side] += len(ids[side])
    return BeadRecord(
        src_texts=_side_segments(f, "src", ids["src"]),
        tgt_texts=_side_segments(f, "tgt", ids["tgt"]),
        score=f.number("score", unit=True),
        level=f.level(level),
        src_paragraphs=f.ints("src_paragraphs"),
        tgt_paragraphs=f.ints("tgt_paragraphs"),
        src_segment_paragraphs=f.ints("src_segment_paragraphs"),
        tgt_segment_paragraphs=f.ints("tgt_segment_paragraphs"),
        similarity=f.number("similarity"),
    )


def parse_jsonl(text: str, name: str = "<jsonl>") -> Alignment:
    """Parse JSONL written by ``write_jsonl`` (or by hand, with the minimal fields)."""
    meta: _Fields | None = None
    level: Level = "sentence"
    records: list[BeadRecord] = []
    paragraph_beads: list[Bead] = []
    next_id = {"src": 0, "tgt": 0}
    for number, line in enumerate(split_lines(text), start=1):
        where = f"{name}: line {number}"
        if not line.strip():
            continue
        obj = _json_object(line, where)
        f = _Fields(obj, where)
        kind = obj.get("type", "bead")
        if kind == "meta":
            if meta is not None or records or paragraph_beads:
                raise f.fail("the meta record must be the first line; remove this one.")
            meta = f
            level = f.level("sentence")
            continue
        if kind == "paragraph_bead":
            paragraph_beads.append(_paragraph_bead(f))
            continue
        if kind != "bead":
            raise f.fail(
                f"unknown record type {kind!r}; expected 'meta', 'bead' or 'paragraph_bead'."
            )
        records.append(_bead_record(f, level, next_id))
    if not records:
        raise FormatError(f"{name}: holds no beads; give at least one bead line.")

    def meta_str(key: str, default: str) -> str:
        return meta.string(key, default) if meta is not None else default

    return build_alignment(
        records,
        src_lang=meta_str("src_lang", "") or guess_lang(t for r in records for t in r.src_texts),
        tgt_lang=meta_str("tgt_lang", "") or guess_lang(t for r in records for t in r.tgt_texts),
        level=level if meta is not None else records[0].level,
        signature=meta_str("signature", "") or make_signature(imported="jsonl"),
        src_name=meta_str("src_name", f"{name}#src"),
        tgt_name=meta_str("tgt_name", f"{name}#tgt"),
        segmentation_signature=meta_str("src_segmentation", ""),
        tgt_segmentation_signature=meta_str("tgt_segmentation", ""),
        paragraph_beads=tuple(paragraph_beads),
    )


def read_jsonl(path: str | os.PathLike[str]) -> Alignment:
    """Read a JSONL alignment file (``"-"`` for stdin); see ``parse_jsonl``."""
    return parse_jsonl(read_text(path), str(path))


class JsonlStream:
    """JSONL written pair by pair (the ``stream`` of the jsonl format): one uniform record per
    pair (doc, src, tgt, score, src_ids, tgt_ids, flags: :func:`~bilingual.export.stream.
    corpus_record`), not the bead records of :func:`write_jsonl` (a corpus has no segments to
    rebuild), and no meta line."""

    def __init__(self, target: StreamTarget) -> None:
        (self._fh,) = target.files

    def add(self, pair: CorpusPair) -> None:
        """Write one record line."""
        self._fh.write(dumps_line(corpus_record(pair)))

    def close(self) -> None:
        """Nothing follows the last line."""
