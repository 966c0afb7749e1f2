"""The length channel: lengths, calibration on the document, the Gale–Church cost."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.encode.length import (
    LengthModel,
    calibrate_length_model,
    length_cost,
    segment_lengths,
)
from bilingual.errors import ConfigError

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def test_char_lengths_ignore_whitespace() -> None:
    got = segment_lengths(["a b\tc\n", "起初 神", ""], "en")
    assert got.tolist() == [3.0, 3.0, 0.0]
    assert got.dtype == np.float64


def test_unknown_unit_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="char"):
        segment_lengths(["x"], "en", unit="words")  # type: ignore[arg-type]


def test_calibration_uses_the_document_ratio() -> None:
    model = calibrate_length_model(np.array([100.0, 50.0, 150.0]), np.array([30.0, 60.0]))
    assert model.ratio == pytest.approx(90 / 300)
    assert model.variance > 0


def test_calibration_of_empty_input_is_neutral() -> None:
    assert calibrate_length_model(np.array([]), np.array([])).ratio == 1.0


def test_cost_is_lowest_at_the_calibrated_ratio() -> None:
    model = calibrate_length_model(np.array([200.0, 100.0]), np.array([60.0, 30.0]))
    tgt = np.arange(0, 200, dtype=np.float64)
    costs = length_cost(100.0, tgt, model)
    assert int(np.argmin(costs)) == 30
    assert costs[30] == pytest.approx(0.0, abs=1e-6)
    # Monotone on both sides of the optimum.
    assert np.all(np.diff(costs[:31]) <= 1e-12) and np.all(np.diff(costs[30:]) >= -1e-12)


def test_cost_broadcasts() -> None:
    model = LengthModel(ratio=1.0, variance=2.0)
    got = length_cost(np.array([[10.0], [20.0]]), np.array([10.0, 15.0, 20.0]), model)
    assert got.shape == (2, 3)
    assert got[0, 0] < got[0, 2] and got[1, 2] < got[1, 0]


def test_cost_matches_gale_church_formula() -> None:
    model = LengthModel(ratio=1.0, variance=6.8)
    l1, l2 = 30.0, 40.0
    mean = (l1 + l2) / 2
    z = abs(l1 - l2) / math.sqrt(6.8 * mean)
    expected = -math.log(math.erfc(z / math.sqrt(2)))  # = -log 2(1 - Φ(|z|))
    assert float(length_cost(l1, l2, model)) == pytest.approx(expected, rel=1e-6)


def test_huge_mismatch_is_large_but_finite() -> None:
    cost = length_cost(1.0, 10_000.0, LengthModel(ratio=1.0, variance=2.0))
    assert np.isfinite(cost) and cost > 1000


def test_empty_pair_costs_nothing() -> None:
    assert float(length_cost(0.0, 0.0, LengthModel(1.0, 2.0))) == 0.0


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=0.0, max_value=5.0),
    st.floats(min_value=0.0, max_value=1e4),
    st.floats(min_value=0.05, max_value=10.0),
)
def test_log_erfc_agrees_with_math(z: float, _l: float, ratio: float) -> None:
    # For a model with variance v and mean m, choose l2 to hit a given z exactly.
    model = LengthModel(ratio=ratio, variance=2.0)
    l1 = 50.0
    got = float(length_cost(l1, ratio * l1, model))
    assert got == pytest.approx(0.0, abs=1e-6)
    from bilingual.encode.length import _log_erfc

    assert float(_log_erfc(np.array(z))) == pytest.approx(
        math.log(math.erfc(z)), rel=1e-5, abs=1e-7
    )


@pytest.mark.skipif(not BENCH.is_dir(), reason=f"benchmark data not found at {BENCH}")
def test_real_bible_gold_pairs_are_cheaper_than_shifted_pairs() -> None:
    bible = BENCH / "bible-en-zh"
    en = (bible / "src" / "006").read_text(encoding="utf-8").splitlines()
    zh = (bible / "tgt" / "006").read_text(encoding="utf-8").splitlines()
    gold = (bible / "gold" / "006.align").read_text(encoding="utf-8").splitlines()
    a, b = segment_lengths(en, "en"), segment_lengths(zh, "zh")
    model = calibrate_length_model(a, b)
    assert 0.2 < model.ratio < 0.45  # Chinese needs about a third of the characters
    wins = []
    for line in gold[:2000]:
        s, t = (part.strip("[] ") for part in line.split(":"))
        s_ids, t_ids = [int(x) for x in s.split(",")], [int(x) for x in t.split(",")]
        if max(s_ids) >= len(a) or max(t_ids) + 3 >= len(b):
            continue
        true = length_cost(a[s_ids].sum(), b[t_ids].sum(), model)
        wrong = length_cost(a[s_ids].sum(), b[[i + 3 for i in t_ids]].sum(), model)
        wins.append(true < wrong)
    assert np.mean(wins) > 0.6
