"""Bead posteriors (forward–backward over the DP lattice) against enumeration of all paths."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.align.dp import (
    Band,
    bead_posteriors,
    default_bead_types,
    dynamic_program,
    forward_backward,
    path_marginals,
    posterior_decode,
)

TYPES = default_bead_types(3, 3, 4)


def _table_cost(table: np.ndarray):
    def cost(i: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
        return table[k, i, j]

    return cost


def _all_paths(n: int, m: int, types, band: Band):
    """Every monotone path through the band as (cost-table keys (k, i_end, j_end), beads)."""

    def walk(i: int, j: int):
        if i == n and j == m:
            yield []
            return
        for k, (a, b) in enumerate(types):
            ni, nj = i + a, j + b
            if ni <= n and nj <= m and band.contains(ni, nj):
                for rest in walk(ni, nj):
                    yield [(k, ni, nj, i, j), *rest]

    yield from walk(0, 0)


def _enumerated(n, m, types, table, band, path, temperature):
    weights, members = [], []
    for p in _all_paths(n, m, types, band):
        weights.append(math.exp(-sum(table[k, i, j] for k, i, j, _, _ in p) / temperature))
        members.append({(i0, j0, i, j) for _, i, j, i0, j0 in p})
    z = sum(weights)
    out, ci, cj = [], 0, 0
    for s, t in path:
        key = (ci, cj, ci + len(s), cj + len(t))
        out.append(sum(w for w, mem in zip(weights, members, strict=True) if key in mem) / z)
        ci, cj = ci + len(s), cj + len(t)
    return np.array(out)


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 5),
    m=st.integers(1, 5),
    seed=st.integers(0, 10_000),
    temperature=st.sampled_from([0.3, 1.0, 2.5]),
)
def test_matches_enumeration(n: int, m: int, seed: int, temperature: float) -> None:
    rng = np.random.default_rng(seed)
    table = rng.random((len(TYPES), n + 1, m + 1)) * 2
    path = dynamic_program(n, m, TYPES, _table_cost(table))
    got = bead_posteriors(n, m, TYPES, _table_cost(table), None, path, temperature)
    want = _enumerated(n, m, TYPES, table, Band.full(n, m), path, temperature)
    assert got == pytest.approx(want, rel=1e-4, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 6), m=st.integers(2, 6), seed=st.integers(0, 10_000))
def test_banded_matches_enumeration(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    table = rng.random((len(TYPES), n + 1, m + 1)) * 2
    diag = [(round(x * m / n), x) for x in range(n + 1)]
    band = Band.around_path([(i, j) for j, i in diag], n, m, radius=1)
    path = dynamic_program(n, m, TYPES, _table_cost(table), band)
    got = bead_posteriors(n, m, TYPES, _table_cost(table), band, path, 1.0)
    want = _enumerated(n, m, TYPES, table, band, path, 1.0)
    assert got == pytest.approx(want, rel=1e-4, abs=1e-6)


def test_clear_bead_near_one_and_close_call_near_half() -> None:
    # Two sources, two targets; 1:1 + 1:1 is far better than anything else except a
    # 1:2 + 1:0 reading with exactly the same cost for the second half.
    n = m = 2
    table = np.full((len(TYPES), n + 1, m + 1), 50.0)
    k11, k10, k01 = (TYPES.index(t) for t in ((1, 1), (1, 0), (0, 1)))
    table[k11, 1, 1] = 0.0
    table[k11, 2, 2] = 1.0
    table[k01, 1, 2] = 0.5
    table[k10, 2, 2] = 0.5  # (1,1) (0,1) (1,0): 0 + 0.5 + 0.5 = 1.0, as (1,1) (1,1)
    path = dynamic_program(n, m, TYPES, _table_cost(table))
    post = bead_posteriors(n, m, TYPES, _table_cost(table), None, path, 1.0)
    assert post[0] == pytest.approx(1.0, abs=1e-6)
    assert post[-1] == pytest.approx(0.5, abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 6), m=st.integers(1, 6), seed=st.integers(0, 10_000))
def test_marginals_cover_each_segment_once(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    table = rng.random((len(TYPES), n + 1, m + 1)) * 2
    lat = forward_backward(n, m, TYPES, _table_cost(table), None, 0.7)
    marg = lat.marginals()
    # Every source segment lies in exactly one bead of every path: its beads' marginals sum to 1.
    cover = np.zeros(n)
    for k, (a, _) in enumerate(TYPES):
        for i in range(n + 1):
            for j in range(m + 1):
                for x in range(max(i - a, 0), i):
                    cover[x] += marg[k, lat.cell(i, j)]
    assert cover == pytest.approx(np.ones(n), abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 6), m=st.integers(1, 6), seed=st.integers(0, 10_000))
def test_posterior_decode_is_a_cover_and_cold_equals_viterbi(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    table = rng.random((len(TYPES), n + 1, m + 1)) * 2
    viterbi = dynamic_program(n, m, TYPES, _table_cost(table))
    cold = forward_backward(n, m, TYPES, _table_cost(table), None, 1e-4)
    decoded = posterior_decode(cold, n, m, 0.5)
    assert [x for s, _ in decoded for x in s] == list(range(n))
    assert [x for _, t in decoded for x in t] == list(range(m))
    # At a very low temperature all mass is on the cheapest path (ties aside).
    if np.all(path_marginals(cold, viterbi) > 0.99):
        assert decoded == viterbi
