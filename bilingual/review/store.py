"""Autosave and restore of a review: the alignment JSONL with a status per bead, plus an edit log.

Three files beside each other, written by one process at a time:

- the save file ``PATH`` — the JSONL of bilingual.export.jsonl with two additive fields the
  reader ignores: ``"review_version": N`` on the meta line and ``"status": "auto"|"confirmed"``
  on every bead line. Rewritten atomically (bilingual.io.write_text_atomic), so it is always a
  whole, valid alignment that ``read_jsonl`` and ``bilingual convert`` accept.
- the edit log ``PATH.log`` — append-only lines ``JSON<TAB>crc32`` (the CRC-32 of the JSON's
  UTF-8 bytes, 8 hex digits): a ``start`` line, then one line per change: ``{"type": "do",
  "version": N, "op": ..., "start": s, "old": [...], "new": [...]}`` (the splice, beads as
  ids + score + status) or ``{"type": "undo"|"redo", "version": N}``. A line counts only when
  it ends in a newline and its checksum holds, so a line torn by a crash or a full disk is
  recognised wherever the tear is; it is cut off on restart. An append starts with a newline
  if the file does not end with one.
- the lock ``PATH.lock`` (bilingual.statelock): a second server on the same save file refuses.

The log and the lock are never opened through a symlink.

**Commit point**: an edit is accepted when its log line is fsync'd *and* the new save file has
replaced the old one (and the folder is fsync'd). If the save write fails, the log line is cut
off again and the page is told the edit failed; only if that cut fails too does the edit stay
accepted (the log replays it on restart), and the page is told so. A crash between the two
steps leaves a log line newer than the save file; the restart applies it (the edit was
durable but not yet answered: the page saw no answer, and the edit is there after a reload).

Restoring reads the save file and rebuilds the undo and redo stacks from the log; log lines
newer than the save file are applied on top.
"""

from __future__ import annotations

import errno
import json
import logging
import math
import os
import re
import zlib
from collections.abc import Mapping
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
from bilingual.statelock import StateLock, acquire, lock_path_beside

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


def log_line(entry: Mapping[str, Any]) -> bytes:
    """One whole log line: the JSON, a tab, its CRC-32, a newline."""
    body = json.dumps(entry, ensure_ascii=False, allow_nan=False).encode("utf-8")
    return body + b"\t%08x\n" % zlib.crc32(body)


def _parse_line(raw: bytes) -> Any:
    """The entry of one log line without its newline; None when torn or damaged."""
    body, tab, crc = raw.rpartition(b"\t")
    if not tab or len(crc) != 8 or b"%08x" % zlib.crc32(body) != crc:
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _open_nofollow(path: Path, flags: int, what: str) -> int:
    try:
        return os.open(path, flags | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError(
                f"{path}: is a symlink; the review's {what} is never written through a link "
                "(it could overwrite the link's target): remove the link."
            ) from None
        if e.errno == errno.ENOENT:
            raise InputError(f"{path}: no such file; check the path.") from None
        raise InputError(
            f"{path}: cannot be opened ({e.strerror}); check its permissions."
        ) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# The end of a line written whole: a tab and eight hex digits. A line that fails its checksum
# but has this end was changed after it was written; without it, it was torn while written.
_CRC_TAIL = re.compile(rb"\t[0-9a-f]{8}$")


def _legacy_entry(raw: bytes) -> Any:
    """A line of a log written before lines had checksums (plain JSON)."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


class ReviewStore:
    """The save file and edit log of one review (I/O only; the state stays pure)."""

    def __init__(self, save: Path) -> None:
        self.save = save
        self.log = log_path(save)
        self._lines = LineCache()
        self._lock: StateLock | None = None
        # Set when a failed log write could not be cut back: appending more would bury the
        # fragment; the restart cuts it off (see _entries).
        self._broken: str | None = None

    def lock(self) -> None:
        """Become the one writer of this save file (a second server refuses); see close()."""
        if self.log.is_symlink():  # refused before the lock file is made: exit 2 leaves nothing
            raise InputError(
                f"{self.log}: is a symlink; the review's edit log is never written through a "
                "link (it could overwrite the link's target): remove the link."
            )
        if self._lock is None:
            self._lock = acquire(lock_path_beside(self.save), f"the review {self.save}")

    def close(self) -> None:
        """Release the lock (the process's exit releases it too)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def begin(self, state: ReviewState) -> None:
        """Start a fresh log for ``state`` and write the save file."""
        check_output(self.save)
        header = {"type": "start", "format": LOG_FORMAT, "version": state.version}
        fd = _open_nofollow(self.log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, "edit log")
        try:
            _write_all(fd, log_line(header))
            os.fsync(fd)
        finally:
            os.close(fd)
        self._save(state)

    def record(self, state: ReviewState, kind: str) -> str | None:
        """Log the change that produced ``state`` (``kind`` do/undo/redo), then save it.

        Returns None when the change is accepted (log line and save file durable), or a
        warning when the save failed but the logged change could not be taken back either
        (the change stands: the restart replays it). Raises when the change is not accepted.
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
        if self._broken:
            raise InputError(self._broken)
        line = log_line(entry)
        fd = _open_nofollow(self.log, os.O_RDWR | os.O_CREAT | os.O_APPEND, "edit log")
        try:
            size = os.fstat(fd).st_size
            try:
                # A torn last line (no newline) must not swallow this one.
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = b"\n" + line
                _write_all(fd, line)
                os.fsync(fd)
            except OSError as e:
                if not self._take_back(fd, size):
                    self._broken = (
                        f"{self.log}: a failed write could not be cut off; no more edits are "
                        "taken. Stop and restart the review: it repairs the log."
                    )
                raise InputError(
                    f"{self.log}: the edit could not be logged ({e.strerror}); it was not "
                    "applied. Free disk space and try again."
                ) from None
            try:
                self._save(state)
            except OSError as e:
                if self._take_back(fd, size):
                    raise InputError(
                        f"{self.save}: the edit could not be saved ({e.strerror}); it was not "
                        "applied. Free disk space and try again."
                    ) from None
                log.warning("%s: saving failed and the logged edit stands", self.save)
                return (
                    f"saved in the edit log only ({e.strerror}); the save file catches up on "
                    "the next save or restart."
                )
        finally:
            os.close(fd)
        return None

    def _take_back(self, fd: int, size: int) -> bool:
        """Cut the log back to ``size`` bytes (durably); False if even that fails."""
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        except OSError:
            log.error("%s: could not cut off a failed edit", self.log)
            return False
        return True

    def _save(self, state: ReviewState) -> None:
        # The line cache stays right even if this write fails: it diffs by bead identity.
        write_text_atomic(self.save, render_save(state, self._lines))
        _fsync_dir(self.save.parent)

    def _entries(self) -> list[tuple[int, str, Any]]:
        """The whole lines of the log (line number, where, entry); a torn tail is cut off.

        A line is whole when it ends in a newline and its checksum holds. Damage followed by
        whole lines is not a torn write but a changed file: refused, naming the line.
        """
        fd = _open_nofollow(self.log, os.O_RDWR, "edit log")
        try:
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            data = b"".join(chunks)
            out: list[tuple[int, str, Any]] = []
            pos, number, bad = 0, 0, None
            legacy = not data.startswith(b"{") or _parse_line(data.split(b"\n", 1)[0]) is None
            while pos < len(data):
                number += 1
                nl = data.find(b"\n", pos)
                raw = data[pos:] if nl < 0 else data[pos:nl]
                where = f"{self.log}: line {number}"
                if not raw.strip():
                    entry = None
                elif nl < 0:
                    entry = None  # no newline: torn, whatever it holds
                elif legacy:
                    entry = _legacy_entry(raw)
                else:
                    entry = _parse_line(raw)
                if entry is None and raw.strip():
                    if bad is None:
                        bad = (pos, number, where, _CRC_TAIL.search(raw) is None)
                elif entry is not None:
                    if bad is not None and not bad[3]:
                        raise FormatError(
                            f"{bad[2]}: damaged (its checksum does not hold), with whole lines "
                            f"after it; the log was changed. Cut it before line {bad[1]} to keep "
                            "the changes before it."
                        )
                    if bad is not None:
                        # A fragment of a write torn by a crash, ended by the next append's
                        # newline: never an accepted change.
                        log.warning("%s: skipping a torn line", bad[2])
                        bad = None
                    out.append((number, where, entry))
                pos = len(data) if nl < 0 else nl + 1
            if bad is not None:
                log.warning(
                    "%s: cutting off a torn last line (that change was not accepted)", bad[2]
                )
                os.ftruncate(fd, bad[0])
                os.fsync(fd)
            return out
        finally:
            os.close(fd)

    def restore(self) -> ReviewState:
        """The state saved in the save file with its undo history from the log."""
        state = load_alignment_state(self.save, own=True)
        load_version = state.version
        if not os.path.lexists(self.log):
            log.warning("%s has no edit log; the undo history starts empty", self.save)
            return state
        undo: list[Change] = []
        redo: list[Change] = []
        beads = state.beads
        base_version: int | None = None
        for _number, where, entry in self._entries():
            if not isinstance(entry, dict):
                raise FormatError(f"{where}: not a log entry; the edit log is damaged.")
            try:
                beads, state, base_version = self._replay(
                    entry, where, state, beads, undo, redo, base_version
                )
            except (KeyError, TypeError, ValueError):
                raise FormatError(
                    f"{where}: not a valid log entry; the edit log is damaged."
                ) from None
        saved_version = load_version
        restored = ReviewState(state.base, beads, state.version, tuple(undo), tuple(redo))
        if restored.version != saved_version:
            log.warning("%s: applied changes the save file had not caught up with", self.log)
            write_text_atomic(self.save, render_save(restored))
            _fsync_dir(self.save.parent)
        return restored

    @staticmethod
    def _replay(
        entry: Mapping[str, Any],
        where: str,
        state: ReviewState,
        beads: tuple[ReviewBead, ...],
        undo: list[Change],
        redo: list[Change],
        base_version: int | None,
    ) -> tuple[tuple[ReviewBead, ...], ReviewState, int | None]:
        """One log entry onto the undo/redo stacks (and onto the beads when newer than saved)."""
        kind = entry.get("type")
        version = entry.get("version")
        if kind == "start":
            return beads, state, version
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
        return beads, state, base_version
