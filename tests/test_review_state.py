"""Review edits as pure functions: golden results, refusals, undo/redo, invariants (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixtures import seed_like_report

from bilingual.errors import EditError
from bilingual.model import Alignment, Bead, Segmentation
from bilingual.review.state import (
    Confirm,
    Detach,
    Merge,
    Move,
    Realign,
    ReviewState,
    Split,
    Unconfirm,
    apply_edit,
    realign,
    redo,
    start_review,
    undo,
)

# Beads of the fixture: 0:(0|0) 1:(1|1) 2:(2|2) 3:(3|-) 4:(-|3) 5:(-|4) 6:(4|5)


def ids(state: ReviewState) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in state.beads]


def statuses(state: ReviewState) -> str:
    return "".join("C" if b.status == "confirmed" else "." for b in state.beads)


@pytest.fixture
def state() -> ReviewState:
    return start_review(seed_like_report().alignment)


def assert_covering(state: ReviewState) -> None:
    """Every segment of both sides once, in order, and no empty bead."""
    src = [i for b in state.beads for i in b.src]
    tgt = [j for b in state.beads for j in b.tgt]
    assert src == list(range(len(state.base.src.segments)))
    assert tgt == list(range(len(state.base.tgt.segments)))
    assert all(b.src or b.tgt for b in state.beads)


GOLDEN = [
    (Merge(0), [((0, 1), (0, 1)), ((2,), (2,))], 0),
    (Merge(2), [((2, 3), (2,)), ((), (3,))], 2),
    (Split(0, 1, 0), [((0,), ()), ((), (0,)), ((1,), (1,))], 0),
    (Move(1, "tgt", "prev"), [((0,), (0, 1)), ((1,), ()), ((2,), (2,))], 0),
    (Move(0, "src", "next"), [((), (0,)), ((0, 1), (1,)), ((2,), (2,))], 0),
    (Move(3, "src", "next"), [((2,), (2,)), ((3,), (3,)), ((), (4,))], 2),  # bead 3 vanishes
    (Detach(1, "tgt", 1), [((0,), (0,)), ((), (1,)), ((1,), ()), ((2,), (2,))], 0),
]


@pytest.mark.parametrize("edit,expected,at", GOLDEN, ids=[repr(g[0]) for g in GOLDEN])
def test_edit_golden(state: ReviewState, edit, expected, at: int) -> None:
    after = apply_edit(state, edit)
    assert ids(after)[at : at + len(expected)] == expected
    assert after.version == state.version + 1
    assert_covering(after)
    # the edited beads have no aligner score; untouched ones keep theirs
    assert math.isnan(after.beads[at].bead.score) or after.beads[at] is state.beads[at]
    assert ids(undo(after)) == ids(state)


def test_confirm_above_and_range(state: ReviewState) -> None:
    s1 = apply_edit(state, Confirm(0, 2))
    assert statuses(s1) == "CCC...."
    s2 = apply_edit(s1, Confirm(5, 5))
    assert statuses(s2) == "CCC..C."
    s3 = apply_edit(s2, Unconfirm(1, 5))
    assert statuses(s3) == "C......"
    # confirming only touches what changes: the splice starts at the first changed bead
    assert s3.undo_stack[-1].splice.start == 1
    assert statuses(undo(undo(s3))) == "CCC...."


INVALID = [
    Merge(6),
    Merge(-1),
    Merge(7),
    Split(0, 0, 0),
    Split(0, 1, 1),
    Split(0, 2, 0),
    Move(0, "src", "prev"),
    Move(6, "src", "next"),
    Move(4, "src", "next"),  # bead 4 has no source segment
    Detach(3, "src", 3),  # already without counterpart
    Detach(0, "src", 4),  # not in this bead
    Confirm(3, 1),
    Unconfirm(0, 6),  # nothing is confirmed
]


@pytest.mark.parametrize("edit", INVALID, ids=repr)
def test_invalid_edits_raise_and_change_nothing(state: ReviewState, edit) -> None:
    with pytest.raises(EditError) as err:
        apply_edit(state, edit)
    assert str(err.value)  # a message
    assert ids(state) == ids(start_review(seed_like_report().alignment))


def test_detach_refuses_a_middle_segment(state: ReviewState) -> None:
    merged = apply_edit(apply_edit(state, Merge(0)), Merge(0))  # (0,1,2 | 0,1,2)
    with pytest.raises(EditError, match="middle"):
        apply_edit(merged, Detach(0, "src", 1))
    first = apply_edit(merged, Detach(0, "src", 0))
    assert ids(first)[:2] == [((0,), ()), ((1, 2), (0, 1, 2))]


def test_undo_redo_stacks(state: ReviewState) -> None:
    with pytest.raises(EditError):
        undo(state)
    with pytest.raises(EditError):
        redo(state)
    a = apply_edit(state, Merge(0))
    b = apply_edit(a, Confirm(0, 0))
    back = undo(undo(b))
    assert ids(back) == ids(state) and statuses(back) == statuses(state)
    assert back.version == 4
    again = redo(redo(back))
    assert ids(again) == ids(b) and statuses(again) == statuses(b)
    # a new edit clears redo
    assert apply_edit(undo(b), Merge(3)).redo_stack == ()


def diagonal(src: Segmentation, tgt: Segmentation) -> Alignment:
    """A trivial aligner for the pure tests: pairs segments in order, the rest one-sided."""
    n = min(len(src), len(tgt))
    beads = [Bead((k,), (k,), 0.5) for k in range(n)]
    beads += [Bead((k,), (), 0.5) for k in range(n, len(src))]
    beads += [Bead((), (k,), 0.5) for k in range(n, len(tgt))]
    return Alignment(src, tgt, tuple(beads), "diag")


def test_realign_keeps_confirmed_beads_as_they_are(state: ReviewState) -> None:
    s = apply_edit(state, Confirm(2, 2))
    anchor = s.beads[2]
    after = realign(s, Realign(0, 6), diagonal)
    assert any(b is anchor for b in after.beads)  # the very same object
    k = next(i for i, b in enumerate(after.beads) if b is anchor)
    assert ids(after)[:k] == [((0,), (0,)), ((1,), (1,))]
    assert ids(after)[k + 1 :] == [((3,), (3,)), ((4,), (4,)), ((), (5,))]
    assert_covering(after)
    assert ids(undo(after)) == ids(s)
    with pytest.raises(EditError, match="all confirmed"):
        realign(s, Realign(2, 2), diagonal)


def test_realign_refuses_an_aligner_that_loses_segments(state: ReviewState) -> None:
    def lossy(src: Segmentation, tgt: Segmentation) -> Alignment:
        return Alignment(src, tgt, (Bead((0,), (0,), 0.5),), "lossy")

    with pytest.raises(EditError, match="cover"):
        realign(state, Realign(0, 6), lossy)


_edit = st.one_of(
    st.builds(Merge, st.integers(0, 12)),
    st.builds(Split, st.integers(0, 12), st.integers(0, 3), st.integers(0, 3)),
    st.builds(
        Move, st.integers(0, 12), st.sampled_from(["src", "tgt"]), st.sampled_from(["prev", "next"])
    ),
    st.builds(Detach, st.integers(0, 12), st.sampled_from(["src", "tgt"]), st.integers(0, 6)),
    st.builds(Confirm, st.integers(0, 12), st.integers(0, 12)),
    st.builds(Unconfirm, st.integers(0, 12), st.integers(0, 12)),
    st.builds(Realign, st.integers(0, 12), st.integers(0, 12)),
    st.just("undo"),
    st.just("redo"),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_edit, max_size=25))
def test_any_edit_sequence_keeps_the_invariants(edits) -> None:
    start = start_review(seed_like_report().alignment)
    s = start
    history = [s]
    for e in edits:
        try:
            if e == "undo":
                s = undo(s)
            elif e == "redo":
                s = redo(s)
            elif isinstance(e, Realign):
                confirmed = [b for b in s.beads if b.status == "confirmed"]
                s = realign(s, e, diagonal)
                kept = [b for b in s.beads if b.status == "confirmed"]
                assert [id(b) for b in kept] == [id(b) for b in confirmed]
            else:
                s = apply_edit(s, e)
        except EditError:
            continue
        assert s.version == history[-1].version + 1
        history.append(s)
        assert_covering(s)
    while s.undo_stack:
        s = undo(s)
    assert ids(s) == ids(start) and statuses(s) == statuses(start)
