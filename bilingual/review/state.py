"""The review state and its edits: pure functions from one immutable state to the next.

A :class:`ReviewState` holds the segments of both sides (``base``: the alignment the review
started from, whose segments never change), the current beads with a status each (``auto`` as
the aligner left it, ``confirmed`` by the reviewer), a version number and the undo/redo stacks.

Every change, whatever made it, is one :class:`Splice`: beads ``start .. start+len(old)``
replaced by ``new``. Undo applies the inverse splice, so undo and redo cover every edit and
re-alignment alike, and an undo step costs memory in proportion to what it changed, not to the
document. Each edit function validates first and raises :class:`EditError` with a message that
says what to do, so an invalid edit changes nothing.

Invariant kept by every operation: the beads cover every source and target segment exactly
once, in order (monotone); no bead is empty on both sides.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bilingual.errors import EditError
from bilingual.model import Alignment, Bead, Segment, Segmentation
from bilingual.precision import rounded

Status = Literal["auto", "confirmed"]
Side = Literal["src", "tgt"]
STATUSES: tuple[Status, ...] = ("auto", "confirmed")
SIDES: tuple[Side, ...] = ("src", "tgt")
NAN = float("nan")

# (source sub-segmentation, target sub-segmentation) -> their alignment; the review passes
# bilingual.align.align_segmentations with the session's encoder.
Aligner = Callable[[Segmentation, Segmentation], Alignment]


@dataclass(frozen=True)
class ReviewBead:
    """One bead of the review with its status. Hand-edited beads have an unknown score (NaN)."""

    bead: Bead
    status: Status = "auto"

    @property
    def src(self) -> tuple[int, ...]:
        return self.bead.src

    @property
    def tgt(self) -> tuple[int, ...]:
        return self.bead.tgt

    def side(self, side: Side) -> tuple[int, ...]:
        return self.bead.src if side == "src" else self.bead.tgt


@dataclass(frozen=True)
class Splice:
    """Beads ``start .. start + len(old)`` replaced by ``new``."""

    start: int
    old: tuple[ReviewBead, ...]
    new: tuple[ReviewBead, ...]

    def inverse(self) -> Splice:
        return Splice(self.start, self.new, self.old)


@dataclass(frozen=True)
class Change:
    """One undoable step: what the reviewer asked for (``op``) and the splice it made."""

    op: str
    splice: Splice


@dataclass(frozen=True)
class Merge:
    """Merge bead ``bead`` with the bead after it."""

    bead: int


@dataclass(frozen=True)
class Split:
    """Split bead ``bead`` in two: its first ``src_at`` source and ``tgt_at`` target segments
    form the first bead, the rest the second."""

    bead: int
    src_at: int
    tgt_at: int


@dataclass(frozen=True)
class Move:
    """Move one segment of ``side`` to a neighbour: ``to="prev"`` moves the bead's first
    segment to the end of the bead before, ``to="next"`` its last to the start of the next."""

    bead: int
    side: Side
    to: Literal["prev", "next"]


@dataclass(frozen=True)
class Detach:
    """Mark ``segment`` (an id of ``side``, first or last of that side in ``bead``) as having
    no counterpart: it becomes a bead of its own (1:0 or 0:1)."""

    bead: int
    side: Side
    segment: int


@dataclass(frozen=True)
class Confirm:
    """Confirm beads ``start`` .. ``end`` (inclusive)."""

    start: int
    end: int


@dataclass(frozen=True)
class Unconfirm:
    """Return beads ``start`` .. ``end`` (inclusive) to status auto."""

    start: int
    end: int


@dataclass(frozen=True)
class Realign:
    """Re-align the unconfirmed beads among ``start`` .. ``end`` (inclusive); confirmed beads
    in the range stay exactly as they are and act as anchors."""

    start: int
    end: int


Edit = Merge | Split | Move | Detach | Confirm | Unconfirm
OP_NAMES: dict[type, str] = {
    Merge: "merge",
    Split: "split",
    Move: "move",
    Detach: "detach",
    Confirm: "confirm",
    Unconfirm: "unconfirm",
    Realign: "realign",
}


@dataclass(frozen=True)
class ReviewState:
    """Where the review stands. ``base`` supplies segments, signature and paragraph beads."""

    base: Alignment
    beads: tuple[ReviewBead, ...]
    version: int = 0
    undo_stack: tuple[Change, ...] = ()
    redo_stack: tuple[Change, ...] = ()

    def alignment(self) -> Alignment:
        """The current alignment (for checks and exporters)."""
        return replace(self.base, beads=tuple(b.bead for b in self.beads))

    @property
    def n_confirmed(self) -> int:
        return sum(1 for b in self.beads if b.status == "confirmed")


def start_review(alignment: Alignment, statuses: Sequence[Status] | None = None) -> ReviewState:
    """A review of ``alignment`` at version 0 (all beads auto unless ``statuses`` says)."""
    if statuses is None:
        statuses = ["auto"] * len(alignment.beads)
    if len(statuses) != len(alignment.beads):
        raise EditError(f"{len(statuses)} statuses for {len(alignment.beads)} beads.")
    beads = tuple(ReviewBead(b, s) for b, s in zip(alignment.beads, statuses, strict=True))
    return ReviewState(base=alignment, beads=beads)


def make_bead(
    state: ReviewState,
    src: Sequence[int],
    tgt: Sequence[int],
    *,
    score: float = NAN,
    similarity: float = NAN,
    status: Status = "auto",
) -> ReviewBead:
    """A bead over these segment ids with paragraphs derived from its segments."""
    s_segs, t_segs = state.base.src.segments, state.base.tgt.segments
    bead = Bead(
        src=tuple(src),
        tgt=tuple(tgt),
        score=score,
        level=state.base.level,
        src_paragraphs=_paragraphs(s_segs, src),
        tgt_paragraphs=_paragraphs(t_segs, tgt),
        similarity=similarity,
    )
    return ReviewBead(bead, status)


def _paragraphs(segments: Sequence[Segment], ids: Sequence[int]) -> tuple[int, ...]:
    return tuple(sorted({segments[i].paragraph for i in ids}))


def same_bead(a: ReviewBead, b: ReviewBead) -> bool:
    """Equal ids, status and numbers (NaN equal to NaN, unlike dataclass equality).

    Numbers compare at the output precision: a bead read back from the save file or the log
    carries its score rounded, the same bead in memory at full precision.
    """

    def same(x: float, y: float) -> bool:
        x, y = rounded(x), rounded(y)
        return x == y or (math.isnan(x) and math.isnan(y))

    return (
        a.src == b.src
        and a.tgt == b.tgt
        and a.status == b.status
        and same(a.bead.score, b.bead.score)
        and same(a.bead.similarity, b.bead.similarity)
    )


def apply_splice(state: ReviewState, splice: Splice) -> tuple[ReviewBead, ...]:
    """The beads after ``splice``; EditError when the beads it replaces are not there."""
    end = splice.start + len(splice.old)
    current = state.beads[splice.start : end]
    if (
        splice.start < 0
        or end > len(state.beads)
        or len(current) != len(splice.old)
        or not all(a is b or same_bead(a, b) for a, b in zip(current, splice.old, strict=True))
    ):
        raise EditError(
            f"the change at bead {splice.start} does not fit the current beads; reload the page."
        )
    return state.beads[: splice.start] + splice.new + state.beads[end:]


def commit(state: ReviewState, op: str, splice: Splice) -> ReviewState:
    """Apply a new change: push it on the undo stack, clear redo, bump the version."""
    return ReviewState(
        base=state.base,
        beads=apply_splice(state, splice),
        version=state.version + 1,
        undo_stack=(*state.undo_stack, Change(op, splice)),
        redo_stack=(),
    )


def undo(state: ReviewState) -> ReviewState:
    """Revert the last change (edits and re-alignments alike)."""
    if not state.undo_stack:
        raise EditError("nothing to undo.")
    change = state.undo_stack[-1]
    return ReviewState(
        base=state.base,
        beads=apply_splice(state, change.splice.inverse()),
        version=state.version + 1,
        undo_stack=state.undo_stack[:-1],
        redo_stack=(*state.redo_stack, change),
    )


def redo(state: ReviewState) -> ReviewState:
    """Apply again the last change undone."""
    if not state.redo_stack:
        raise EditError("nothing to redo.")
    change = state.redo_stack[-1]
    return ReviewState(
        base=state.base,
        beads=apply_splice(state, change.splice),
        version=state.version + 1,
        undo_stack=(*state.undo_stack, change),
        redo_stack=state.redo_stack[:-1],
    )


def _bead_index(state: ReviewState, i: int, what: str = "bead") -> int:
    if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(state.beads):
        raise EditError(
            f"{what} {i!r} does not exist; give a bead id from 0 to {len(state.beads) - 1}."
        )
    return i


def _range(state: ReviewState, start: int, end: int) -> tuple[int, int]:
    _bead_index(state, start, "start bead")
    _bead_index(state, end, "end bead")
    if start > end:
        raise EditError(f"start {start} is after end {end}; give start <= end.")
    return start, end


def _side(side: str) -> Side:
    for s in SIDES:
        if side == s:
            return s
    raise EditError(f"side {side!r} is unknown; use 'src' or 'tgt'.")


def _move_splice(state: ReviewState, edit: Move) -> Splice:
    """Move the first/last segment of one side into the previous/next bead."""
    beads = state.beads
    i = _bead_index(state, edit.bead)
    side = _side(edit.side)
    a = beads[i]
    ids = a.side(side)
    if not ids:
        raise EditError(f"bead {i} has no {side} segment to move.")
    if edit.to == "prev":
        if i == 0:
            raise EditError("bead 0 is the first one; there is no previous bead.")
        j, seg, rest = i - 1, ids[0], ids[1:]
    elif edit.to == "next":
        if i + 1 >= len(beads):
            raise EditError(f"bead {i} is the last one; there is no next bead.")
        j, seg, rest = i + 1, ids[-1], ids[:-1]
    else:
        raise EditError(f"'to' must be 'prev' or 'next', got {edit.to!r}.")
    b = beads[j]
    moved = (*b.side(side), seg) if j < i else (seg, *b.side(side))
    if side == "src":
        na, nb = make_bead(state, rest, a.tgt), make_bead(state, moved, b.tgt)
    else:
        na, nb = make_bead(state, a.src, rest), make_bead(state, b.src, moved)
    kept = (na,) if na.src or na.tgt else ()
    lo = min(i, j)
    new = (nb, *kept) if j < i else (*kept, nb)
    return Splice(lo, (beads[lo], beads[lo + 1]), new)


def _detach_splice(state: ReviewState, edit: Detach) -> Splice:
    """Detach the first or last segment of one side into a bead of its own."""
    beads = state.beads
    i = _bead_index(state, edit.bead)
    side = _side(edit.side)
    a = beads[i]
    ids, other = a.side(side), a.side("tgt" if side == "src" else "src")
    if edit.segment not in ids:
        raise EditError(f"{side} segment {edit.segment!r} is not in bead {i}.")
    if not other and len(ids) == 1:
        raise EditError(f"{side} segment {edit.segment} has no counterpart already.")
    if edit.segment not in (ids[0], ids[-1]):
        raise EditError(
            f"{side} segment {edit.segment} is in the middle of bead {i}; split the bead "
            "first, then detach the first or last segment of a part."
        )

    def lone(seg: int) -> ReviewBead:
        return make_bead(state, (seg,), ()) if side == "src" else make_bead(state, (), (seg,))

    def rest_bead(rest: tuple[int, ...]) -> ReviewBead:
        return make_bead(state, rest, a.tgt) if side == "src" else make_bead(state, a.src, rest)

    if edit.segment == ids[0]:
        new = (lone(ids[0]), rest_bead(ids[1:]))
    else:
        new = (rest_bead(ids[:-1]), lone(ids[-1]))
    new = tuple(b for b in new if b.src or b.tgt)
    return Splice(i, (a,), new)


def splice_for(state: ReviewState, edit: Edit) -> Splice:
    """The splice ``edit`` makes on ``state``; EditError when it does not apply."""
    beads = state.beads
    if isinstance(edit, Merge):
        i = _bead_index(state, edit.bead)
        if i + 1 >= len(beads):
            raise EditError(f"bead {i} is the last one; there is no next bead to merge with.")
        a, b = beads[i], beads[i + 1]
        return Splice(i, (a, b), (make_bead(state, a.src + b.src, a.tgt + b.tgt),))
    if isinstance(edit, Split):
        i = _bead_index(state, edit.bead)
        a = beads[i]
        k, m = edit.src_at, edit.tgt_at
        for name, at, n in (("src_at", k, len(a.src)), ("tgt_at", m, len(a.tgt))):
            if isinstance(at, bool) or not isinstance(at, int) or not 0 <= at <= n:
                raise EditError(f"{name} must be an integer from 0 to {n} for bead {i}.")
        if k + m == 0 or k + m == len(a.src) + len(a.tgt):
            raise EditError(
                f"splitting bead {i} at src_at={k}, tgt_at={m} leaves one part empty; "
                "each part needs at least one segment."
            )
        first = make_bead(state, a.src[:k], a.tgt[:m])
        second = make_bead(state, a.src[k:], a.tgt[m:])
        return Splice(i, (a,), (first, second))
    if isinstance(edit, Move):
        return _move_splice(state, edit)
    if isinstance(edit, Detach):
        return _detach_splice(state, edit)
    if isinstance(edit, Confirm | Unconfirm):
        start, end = _range(state, edit.start, edit.end)
        want: Status = "confirmed" if isinstance(edit, Confirm) else "auto"
        changed = [k for k in range(start, end + 1) if beads[k].status != want]
        if not changed:
            raise EditError(f"beads {start}–{end} are all {want} already.")
        lo, hi = changed[0], changed[-1] + 1
        new = tuple(replace(b, status=want) if b.status != want else b for b in beads[lo:hi])
        return Splice(lo, beads[lo:hi], new)
    raise EditError(f"unknown edit {edit!r}.")


def apply_edit(state: ReviewState, edit: Edit) -> ReviewState:
    """The state after ``edit`` (a new version with the change on the undo stack)."""
    return commit(state, OP_NAMES[type(edit)], splice_for(state, edit))


def _sub_segmentation(seg: Segmentation, ids: Sequence[int]) -> Segmentation:
    """The segments ``ids`` renumbered from 0 (paragraphs and offsets kept)."""
    segments = tuple(replace(seg.segments[i], index=k) for k, i in enumerate(ids))
    return replace(seg, segments=segments)


def unconfirmed_runs(state: ReviewState, start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs ``[a, b)`` of unconfirmed beads within ``start`` .. ``end`` (inclusive)."""
    runs: list[tuple[int, int]] = []
    k = start
    while k <= end:
        if state.beads[k].status == "confirmed":
            k += 1
            continue
        a = k
        while k <= end and state.beads[k].status != "confirmed":
            k += 1
        runs.append((a, k))
    return runs


def realign_splice(state: ReviewState, edit: Realign, aligner: Aligner) -> Splice:
    """The splice of re-aligning each unconfirmed run in the range with ``aligner``.

    Confirmed beads between the runs are passed through as the very same objects, so they
    stay byte-identical in every output.
    """
    start, end = _range(state, edit.start, edit.end)
    runs = unconfirmed_runs(state, start, end)
    if not runs:
        raise EditError(
            f"beads {start}–{end} are all confirmed; unconfirm some or pick a range with "
            "unconfirmed beads."
        )
    lo, hi = runs[0][0], runs[-1][1]
    new: list[ReviewBead] = []
    pos = lo
    for a, b in runs:
        new.extend(state.beads[pos:a])  # confirmed anchors, untouched
        new.extend(_realign_run(state, a, b, aligner))
        pos = b
    return Splice(lo, state.beads[lo:hi], tuple(new))


def _realign_run(state: ReviewState, a: int, b: int, aligner: Aligner) -> list[ReviewBead]:
    run = state.beads[a:b]
    src_ids = [i for x in run for i in x.src]
    tgt_ids = [j for x in run for j in x.tgt]
    if not src_ids or not tgt_ids:
        # One side only: nothing to pair; every segment stands alone.
        return [make_bead(state, (i,), ()) for i in src_ids] + [
            make_bead(state, (), (j,)) for j in tgt_ids
        ]
    sub = aligner(
        _sub_segmentation(state.base.src, src_ids), _sub_segmentation(state.base.tgt, tgt_ids)
    )
    out = []
    for bead in sub.beads:
        out.append(
            make_bead(
                state,
                [src_ids[x] for x in bead.src],
                [tgt_ids[y] for y in bead.tgt],
                score=bead.score,
                similarity=bead.similarity,
            )
        )
    covered = sorted(i for x in out for i in x.src), sorted(j for x in out for j in x.tgt)
    if covered != (src_ids, tgt_ids):
        raise EditError("the aligner did not cover every segment once; nothing was changed.")
    return out


def realign(state: ReviewState, edit: Realign, aligner: Aligner) -> ReviewState:
    """The state after re-aligning the unconfirmed beads of ``edit``'s range."""
    return commit(state, "realign", realign_splice(state, edit, aligner))
