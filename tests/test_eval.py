"""Strict/lax precision, recall and F1 against cases computed by hand (Vecalign's definition)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bilingual.align.evaluate import score_alignment, score_alignments
from bilingual.cli import app


def L(*pairs):
    return [(tuple(s), tuple(t)) for s, t in pairs]


def test_hand_computed_with_omission_and_split() -> None:
    gold = L(([0], [0]), ([1], [1, 2]), ([2], []))
    test = L(([0], [0]), ([1], [1]), ([], [2]), ([2], []))
    s = score_alignment(gold, test)
    # precision: 0:0 and 2:- strict; 1:1 lax only; -:2 wrong  -> 2/4 strict, 3/4 lax
    assert s.precision_strict == pytest.approx(0.5)
    assert s.precision_lax == pytest.approx(0.75)
    # recall (no omissions): 0:0 strict; 1:12 lax via 1:1 -> 1/2 strict, 2/2 lax
    assert s.recall_strict == pytest.approx(0.5)
    assert s.recall_lax == pytest.approx(1.0)
    assert s.f1_strict == pytest.approx(0.5)
    assert s.f1_lax == pytest.approx(2 * 0.75 / 1.75)


def test_counts_are_summed_over_documents() -> None:
    gold_a, test_a = L(([0], [0])), L(([0], [0]))
    gold_b = L(([0], [0]), ([1], [1]))
    test_b = L(([0, 1], [0, 1]))
    s = score_alignments([gold_a, gold_b], [test_a, test_b])
    # precision: 1 strict of 2, both lax; recall: 1 strict of 3, all 3 lax
    assert s.precision_strict == pytest.approx(0.5)
    assert s.recall_strict == pytest.approx(1 / 3)
    assert s.f1_strict == pytest.approx(0.4)
    assert s.precision_lax == pytest.approx(1.0)
    assert s.recall_lax == pytest.approx(1.0)


def test_identical_empty_and_disjoint() -> None:
    gold = L(([0], [0]), ([1, 2], [1]))
    assert score_alignment(gold, gold).f1_strict == 1.0
    empty = score_alignment(gold, [])
    assert (empty.precision_strict, empty.recall_strict, empty.f1_strict) == (0.0, 0.0, 0.0)
    wrong = score_alignment(gold, L(([0], [1]), ([1, 2], [0])))
    assert wrong.f1_strict == 0.0
    assert wrong.f1_lax == 0.0


def test_duplicates_count_once_and_empty_beads_are_ignored() -> None:
    gold = L(([0], [0]), ([1], [1]))
    test = L(([0], [0]), ([0], [0]), ([], []), ([1], [1]))
    assert score_alignment(gold, test).f1_strict == 1.0


def test_only_omissions_in_gold_give_zero_recall_denominator() -> None:
    s = score_alignment(L(([0], [])), L(([0], [])))
    assert s.precision_strict == 1.0
    assert s.recall_strict == 0.0  # nothing to recall once omissions are dropped
    assert s.f1_strict == 0.0


def test_eval_command(tmp_path) -> None:
    g = tmp_path / "gold.align"
    t = tmp_path / "test.align"
    g.write_text("[0]:[0]\n[1]:[1,2]\n[2]:[]\n")
    t.write_text("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n")
    result = CliRunner().invoke(app, ["eval", str(g), str(t)])
    assert result.exit_code == 0, result.output
    lines = {ln.split()[0]: ln.split()[1:] for ln in result.output.splitlines()[1:]}
    assert lines["precision"] == ["0.5000", "0.7500"]
    assert lines["recall"] == ["0.5000", "1.0000"]
    assert lines["F1"][0] == "0.5000"


def test_eval_command_bad_file(tmp_path) -> None:
    g = tmp_path / "gold.align"
    g.write_text("not a gold line\n")
    result = CliRunner().invoke(app, ["eval", str(g), str(g)])
    assert result.exit_code == 2
    assert "error:" in result.output
