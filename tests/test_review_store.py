"""Autosave: the save file reads back as JSONL; restore brings back state and history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixtures import seed_like_report

from bilingual.errors import EditError
from bilingual.export import read_jsonl
from bilingual.review.state import (
    Confirm,
    Merge,
    ReviewState,
    Split,
    apply_edit,
    redo,
    start_review,
    undo,
)
from bilingual.review.store import ReviewStore, log_line, render_save


def view(s: ReviewState) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(b.src, b.tgt, b.status) for b in s.beads]


def run(store: ReviewStore) -> ReviewState:
    s = start_review(seed_like_report().alignment)
    store.begin(s)
    for edit in (Merge(0), Confirm(0, 1), Split(0, 1, 1)):
        s = apply_edit(s, edit)
        store.record(s, "do")
    s = undo(s)
    store.record(s, "undo")
    return s


def test_save_file_is_a_jsonl_alignment_with_statuses(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "doc.review.jsonl")
    s = run(store)
    back = read_jsonl(store.save)  # the project's reader ignores the added fields
    assert [(b.src, b.tgt) for b in back.beads] == [(b.src, b.tgt) for b in s.beads]
    lines = [json.loads(x) for x in store.save.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["review_version"] == s.version == 4
    assert [x["status"] for x in lines if x["type"] == "bead"] == [b.status for b in s.beads]
    assert store.log.read_text(encoding="utf-8").count("\n") == 5


def test_restore_gives_the_same_state_and_history(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "doc.review.jsonl")
    s = run(store)
    r = ReviewStore(store.save).restore()
    assert view(r) == view(s) and r.version == s.version
    assert len(r.undo_stack) == 2 and len(r.redo_stack) == 1
    assert view(redo(r)) == view(redo(s))
    assert view(undo(undo(r))) == view(start_review(seed_like_report().alignment))
    with pytest.raises(EditError):
        undo(undo(undo(r)))


def test_restore_applies_log_lines_the_save_file_missed(tmp_path: Path) -> None:
    """The process died after logging a change and before replacing the save file."""
    store = ReviewStore(tmp_path / "doc.review.jsonl")
    s = run(store)
    before = store.save.read_text(encoding="utf-8")
    s2 = apply_edit(s, Merge(2))
    store.record(s2, "do")
    store.save.write_text(before, encoding="utf-8")  # the save file of the previous version
    r = ReviewStore(store.save).restore()
    assert view(r) == view(s2) and r.version == s2.version
    assert store.save.read_text(encoding="utf-8") == render_save(r)  # caught up on disk


def test_a_torn_last_log_line_is_ignored(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "doc.review.jsonl")
    s = run(store)
    with open(store.log, "a", encoding="utf-8") as fh:
        fh.write('{"type": "do", "version": 5, "op": "mer')
    r = ReviewStore(store.save).restore()
    assert view(r) == view(s)


def test_a_log_of_another_file_is_refused(tmp_path: Path) -> None:
    from bilingual.errors import BilingualError

    store = ReviewStore(tmp_path / "doc.review.jsonl")
    run(store)
    lines = store.log.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[1].rpartition("\t")[0])
    entry["old"][0]["src"] = [99]
    lines[1] = log_line(entry).decode("utf-8").rstrip("\n")  # a whole line, checksum right
    store.log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BilingualError):
        ReviewStore(store.save).restore()


def test_save_file_is_the_exporters_output_plus_two_fields(tmp_path: Path) -> None:
    """Cached bead lines render exactly what write_jsonl writes (status and version added)."""
    from bilingual.export import write_jsonl

    store = ReviewStore(tmp_path / "doc.review.jsonl")
    s = run(store)  # renders through the store's line cache on every change
    expected = [json.loads(x) for x in write_jsonl(s.alignment()).splitlines()]
    got = [json.loads(x) for x in store.save.read_text(encoding="utf-8").splitlines()]
    for record in got:
        record.pop("status", None)
        record.pop("review_version", None)
    assert got == expected
    assert store.save.read_text(encoding="utf-8") == render_save(s)  # cache-free rendering


_step = st.one_of(
    st.builds(Merge, st.integers(0, 8)),
    st.builds(Split, st.integers(0, 8), st.integers(0, 2), st.integers(0, 2)),
    st.builds(Confirm, st.integers(0, 8), st.integers(0, 8)),
    st.just("undo"),
    st.just("redo"),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(_step, max_size=12))
def test_restore_after_any_sequence(tmp_path_factory: pytest.TempPathFactory, steps) -> None:
    store = ReviewStore(tmp_path_factory.mktemp("r") / "doc.review.jsonl")
    s = start_review(seed_like_report().alignment)
    store.begin(s)
    for step in steps:
        try:
            if step == "undo":
                s, kind = undo(s), "undo"
            elif step == "redo":
                s, kind = redo(s), "redo"
            else:
                s, kind = apply_edit(s, step), "do"
        except EditError:
            continue
        store.record(s, kind)
    r = ReviewStore(store.save).restore()
    assert view(r) == view(s) and r.version == s.version
    assert len(r.undo_stack) == len(s.undo_stack) and len(r.redo_stack) == len(s.redo_stack)
    while r.undo_stack:
        r, s = undo(r), undo(s)
        assert view(r) == view(s)
