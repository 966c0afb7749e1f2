"""Autosave and restore of a review: the alignment JSONL with a status per bead, plus an edit log.

Two files, written on every accepted change:

- the save file ``PATH`` — the JSONL of bilingual.export.jsonl with two additive fields the
  reader ignores: ``"review_version": N`` on the meta line and ``"status": "auto"|"confirmed"``
  on every bead line. Rewritten atomically (bilingual.io.write_text_atomic), so it is always a
  whole, valid alignment that ``read_jsonl`` and ``bilingual convert`` accept.
- the edit log ``PATH.log`` — append-only JSON lines, fsync'd before the save file is replaced:
  a ``start`` line, then one line per change: ``{"type": "do", "version": N, "op": ...,
  "start": s, "old": [...], "new": [...]}`` (the splice, beads as ids + score + status) or
  ``{"type": "undo"|"redo", "version": N}``.

Restoring reads the save file and rebuilds the undo and redo stacks from the log; log lines
newer than the save file (the process died between the two writes) are applied on top, so no
accepted change is lost.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bilingual.errors import FormatError, InputError
from bilingual.export.jsonl import parse_jsonl, write_jsonl
from bilingual.io import check_output, decode_bytes, read_text, write_text_atomic
from bilingual.precision import json_number
from bilingual.review.state import (
    STATUSES,
    Change,
    ReviewBead,
    ReviewState,
    Splice,
    Status,
    apply_splice,
    make_bead,
    start_review,
)

log = logging.getLogger(__name__)

LOG_FORMAT = "bilingual-review-log"
_BEAD_PREFIX = '{"type": "bead", '
_META_PREFIX = '{"type": "meta", '


def log_path(save: Path) -> Path:
    """Where the edit log of save file ``save`` lives."""
    return save.with_name(save.name + ".log")


@dataclass
class LineCache:
    """The bead lines of the last save, parallel to its beads (mutable; owned by one store)."""

    beads: tuple[ReviewBead, ...] = ()
    lines: list[str] = field(default_factory=list)


def _bead_line(state: ReviewState, b: ReviewBead) -> str:
    """The JSONL exporter's line for one bead, with its status added."""
    one = replace(state.base, beads=(b.bead,), paragraph_beads=())
    lines = write_jsonl(one).splitlines(keepends=True)
    line = next((x for x in lines if x.startswith(_BEAD_PREFIX)), None)
    if line is None:
        raise FormatError("the JSONL writer changed its line layout; update bilingual.review.")
    return f'{_BEAD_PREFIX}"status": {json.dumps(b.status)}, {line[len(_BEAD_PREFIX) :]}'


def _changed_span(old: tuple[ReviewBead, ...], new: tuple[ReviewBead, ...]) -> tuple[int, int, int]:
    """``lo, old_end, new_end``: outside ``[lo, end)`` both hold the very same bead objects."""
    lo, n = 0, min(len(old), len(new))
    while lo < n and old[lo] is new[lo]:
        lo += 1
    i, j = len(old), len(new)
    while i > lo and j > lo and old[i - 1] is new[j - 1]:
        i -= 1
        j -= 1
    return lo, i, j


def render_save(state: ReviewState, cache: LineCache | None = None) -> str:
    """The save file's text: the JSONL alignment with version and per-bead status.

    With ``cache`` (the lines of the previous save) only the beads a change made are rendered;
    the bytes are the same either way (tested).
    """
    head = write_jsonl(replace(state.base, beads=(), paragraph_beads=state.base.paragraph_beads))
    meta: list[str] = []
    tail: list[str] = []
    for line in head.splitlines(keepends=True):
        if line.startswith(_META_PREFIX):
            rest = line[len(_META_PREFIX) :]
            meta.append(f'{_META_PREFIX}"review_version": {state.version}, {rest}')
        else:
            tail.append(line)  # paragraph beads come after the beads
    if cache is None:
        lines = [_bead_line(state, b) for b in state.beads]
    else:
        lo, old_end, new_end = _changed_span(cache.beads, state.beads)
        cache.lines[lo:old_end] = [_bead_line(state, b) for b in state.beads[lo:new_end]]
        cache.beads = state.beads
        lines = cache.lines
    return "".join(meta + lines + tail)


def read_statuses(text: str, name: str) -> tuple[list[Status] | None, int]:
    """Per-bead statuses and the review version of a JSONL text (None, 0 when it has none)."""
    statuses: list[Status] = []
    version = 0
    seen = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        obj = json.loads(line)  # parse_jsonl has already validated every line
        kind = obj.get("type", "bead")
        if kind == "meta":
            v = obj.get("review_version", 0)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise FormatError(f"{name}: line {number}: 'review_version' must be an integer.")
            version = v
        elif kind == "bead":
            status = obj.get("status")
            if status is None:
                statuses.append("auto")
                continue
            if status not in STATUSES:
                raise FormatError(
                    f"{name}: line {number}: 'status' must be 'auto' or 'confirmed', "
                    f"got {status!r}."
                )
            seen = True
            statuses.append(status)
    return (statuses if seen else None), version


def read_own(path: Path, *, allow_empty: bool = False) -> str:
    """The text of the review's own save file or log.

    Not read through bilingual.io.read_text on purpose: that records the file as an input of
    the command, and the output guard would then refuse to rewrite it; these two files are the
    review's working state, resumed and rewritten, never the inputs it was started from.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path.") from None
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror}); check its permissions.") from None
    text, _ = decode_bytes(data, str(path))
    if not allow_empty and not text.strip():
        raise InputError(f"{path}: is empty; delete it to start the review over.")
    return text


def load_alignment_state(path: Path, *, own: bool = False) -> ReviewState:
    """A review state from a JSONL file, with statuses and version if it is a save file.

    ``own``: ``path`` is the review's save file (see :func:`read_own`), not an input.
    """
    text = read_own(path) if own else read_text(path)
    alignment = parse_jsonl(text, str(path))
    statuses, version = read_statuses(text, str(path))
    state = start_review(alignment, statuses)
    return ReviewState(base=state.base, beads=state.beads, version=version)


def _num(value: float) -> float | None:
    return json_number(value)


def bead_record(b: ReviewBead) -> dict[str, Any]:
    return {
        "src": list(b.src),
        "tgt": list(b.tgt),
        "score": _num(b.bead.score),
        "similarity": _num(b.bead.similarity),
        "status": b.status,
    }


def _bead_from(state: ReviewState, obj: Mapping[str, Any], where: str) -> ReviewBead:
    try:
        src, tgt = [int(i) for i in obj["src"]], [int(j) for j in obj["tgt"]]
        status = obj["status"]
        score = obj.get("score")
        sim = obj.get("similarity")
    except (KeyError, TypeError, ValueError):
        raise FormatError(f"{where}: a bead needs src, tgt and status.") from None
    if status not in STATUSES:
        raise FormatError(f"{where}: unknown status {status!r}.")
    n_src, n_tgt = len(state.base.src.segments), len(state.base.tgt.segments)
    if any(not 0 <= i < n_src for i in src) or any(not 0 <= j < n_tgt for j in tgt):
        raise FormatError(f"{where}: segment ids out of range; the log is for another file.")
    return make_bead(
        state,
        src,
        tgt,
        score=math.nan if score is None else float(score),
        similarity=math.nan if sim is None else float(sim),
        status=status,
    )


class ReviewStore:
    """The save file and edit log of one review (I/O only; the state stays pure)."""

    def __init__(self, save: Path) -> None:
        self.save = save
        self.log = log_path(save)
        self._lines = LineCache()

    def begin(self, state: ReviewState) -> None:
        """Start a fresh log for ``state`` and write the save file."""
        check_output(self.save)
        header = {"type": "start", "format": LOG_FORMAT, "version": state.version}
        self._write_log([header], mode="w")
        write_text_atomic(self.save, render_save(state, self._lines))

    def record(self, state: ReviewState, kind: str) -> None:
        """Log the change that produced ``state`` (``kind`` do/undo/redo), then save it.

        The save path is checked first, so a refused write logs nothing.
        """
        check_output(self.save)
        entry: dict[str, Any] = {"type": kind, "version": state.version}
        if kind == "do":
            change = state.undo_stack[-1]
            entry.update(
                op=change.op,
                start=change.splice.start,
                old=[bead_record(b) for b in change.splice.old],
                new=[bead_record(b) for b in change.splice.new],
            )
        self._write_log([entry], mode="a")
        write_text_atomic(self.save, render_save(state, self._lines))

    def _write_log(self, entries: Sequence[Mapping[str, Any]], mode: str) -> None:
        text = "".join(json.dumps(e, ensure_ascii=False, allow_nan=False) + "\n" for e in entries)
        with open(self.log, mode, encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())

    def restore(self) -> ReviewState:
        """The state saved in the save file with its undo history from the log."""
        state = load_alignment_state(self.save, own=True)
        load_version = state.version
        if not self.log.exists():
            log.warning("%s has no edit log; the undo history starts empty", self.save)
            return state
        undo: list[Change] = []
        redo: list[Change] = []
        beads = state.beads
        lines = read_own(self.log, allow_empty=True).split("\n")
        base_version: int | None = None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{self.log}: line {number}"
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                if number >= len(lines) - 1:  # a torn last line: the change was not accepted
                    log.warning("%s: ignoring an incomplete last line", where)
                    break
                raise FormatError(f"{where}: not JSON; the edit log is damaged.") from None
            kind = entry.get("type")
            version = entry.get("version")
            if kind == "start":
                base_version = version
                continue
            if base_version is None:
                raise FormatError(f"{where}: the log does not start with a start line.")
            newer = isinstance(version, int) and version > state.version
            if kind == "do":
                splice = Splice(
                    int(entry["start"]),
                    tuple(_bead_from(state, b, where) for b in entry["old"]),
                    tuple(_bead_from(state, b, where) for b in entry["new"]),
                )
                change = Change(str(entry.get("op", "edit")), splice)
                undo.append(change)
                redo.clear()
            elif kind == "undo":
                if not undo:
                    raise FormatError(f"{where}: an undo with nothing to undo.")
                change = undo.pop()
                redo.append(change)
                splice = change.splice.inverse()
            elif kind == "redo":
                if not redo:
                    raise FormatError(f"{where}: a redo with nothing to redo.")
                change = redo.pop()
                undo.append(change)
                splice = change.splice
            else:
                raise FormatError(f"{where}: unknown log entry {kind!r}.")
            if newer:
                # Logged but not yet in the save file: apply it now.
                current = ReviewState(state.base, beads, state.version)
                beads = apply_splice(current, splice)
                state = ReviewState(state.base, beads, int(version))
        saved_version = load_version
        restored = ReviewState(state.base, beads, state.version, tuple(undo), tuple(redo))
        if restored.version != saved_version:
            log.warning("%s: applied changes the save file had not caught up with", self.log)
            write_text_atomic(self.save, render_save(restored))
        return restored
