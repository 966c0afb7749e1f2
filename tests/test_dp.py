"""The DP core against a brute-force oracle, plus its invariants (hypothesis)."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.align.dp import Band, default_bead_types, dynamic_program, path_points

TYPES = default_bead_types(3, 3, 4)


def _table_cost(table: np.ndarray):
    """A cost function reading cost[k, i_end, j_end] from a random table."""

    def cost(i: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
        return table[k, i, j]

    return cost


def _brute_force(n: int, m: int, types, table: np.ndarray) -> float:
    @functools.cache
    def best(i: int, j: int) -> float:
        if i == 0 and j == 0:
            return 0.0
        out = math.inf
        for k, (a, b) in enumerate(types):
            if i >= a and j >= b:
                out = min(out, best(i - a, j - b) + table[k, i, j])
        return out

    return best(n, m)


def _path_cost(path, types, table) -> float:
    total, i, j = 0.0, 0, 0
    for s, t in path:
        i += len(s)
        j += len(t)
        total += table[types.index((len(s), len(t))), i, j]
    return total


def _assert_cover(path, n: int, m: int) -> None:
    src = [x for s, _ in path for x in s]
    tgt = [x for _, t in path for x in t]
    assert src == list(range(n))
    assert tgt == list(range(m))
    for s, t in path:
        assert s or t
        assert list(s) == list(range(s[0], s[0] + len(s))) if s else True
        assert list(t) == list(range(t[0], t[0] + len(t))) if t else True


@settings(max_examples=150, deadline=None)
@given(n=st.integers(0, 6), m=st.integers(0, 6), seed=st.integers(0, 10_000))
def test_matches_brute_force(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    table = rng.random((len(TYPES), n + 1, m + 1))
    path = dynamic_program(n, m, TYPES, _table_cost(table))
    _assert_cover(path, n, m)
    assert _path_cost(path, list(TYPES), table) == pytest.approx(_brute_force(n, m, TYPES, table))


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 8), m=st.integers(1, 8), seed=st.integers(0, 10_000))
def test_banded_full_band_equals_unbanded(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    table = rng.random((len(TYPES), n + 1, m + 1))
    a = dynamic_program(n, m, TYPES, _table_cost(table))
    b = dynamic_program(n, m, TYPES, _table_cost(table), band=Band.full(n, m))
    assert _path_cost(a, list(TYPES), table) == pytest.approx(_path_cost(b, list(TYPES), table))


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 40), m=st.integers(1, 40), seed=st.integers(0, 10_000))
def test_band_around_optimal_path_keeps_optimum(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    table = rng.random((len(TYPES), n + 1, m + 1))
    path = dynamic_program(n, m, TYPES, _table_cost(table))
    band = Band.around_path(path_points(path), n, m, radius=1)
    assert band.n_cells <= (n + 1) * (m + 1)
    banded = dynamic_program(n, m, TYPES, _table_cost(table), band=band)
    _assert_cover(banded, n, m)
    assert _path_cost(banded, list(TYPES), table) == pytest.approx(
        _path_cost(path, list(TYPES), table)
    )


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 30), seed=st.integers(0, 10_000))
def test_self_alignment_is_one_to_one(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    vecs = rng.normal(size=(n, 16))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    types = default_bead_types()

    def cost(i: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
        a, b = types[k]
        if a == 0 or b == 0:
            return np.full(len(i), 1.0)
        s = sum(vecs[i - 1 - x] for x in range(a))
        t = sum(vecs[j - 1 - y] for y in range(b))
        cos = np.sum(s * t, axis=1) / np.linalg.norm(s, axis=1) / np.linalg.norm(t, axis=1)
        return (a + b) / 2 * (1.0 - cos) + 0.1 * (a + b - 2)

    path = dynamic_program(n, n, types, cost)
    assert path == tuple(((x,), (x,)) for x in range(n))


def test_empty_sides() -> None:
    types = default_bead_types()
    const = lambda i, j, k: np.ones(len(i))  # noqa: E731
    assert dynamic_program(0, 0, types, const) == ()
    assert dynamic_program(2, 0, types, const) == (((0,), ()), ((1,), ()))
    assert dynamic_program(0, 2, types, const) == (((), (0,)), ((), (1,)))


def test_linear_cells_in_band() -> None:
    n = m = 2000
    band = Band.around_path([(x, x) for x in range(0, n + 1, 5)], n, m, radius=10)
    assert band.n_cells < 60 * (n + 1)
    cost = lambda i, j, k: np.abs(i - j).astype(float) + (k != 0)  # noqa: E731
    path = dynamic_program(n, m, default_bead_types(), cost, band=band)
    assert all(len(s) == len(t) == 1 for s, t in path)


def test_bad_inputs_raise() -> None:
    const = lambda i, j, k: np.ones(len(i))  # noqa: E731
    with pytest.raises(ValueError):
        dynamic_program(2, 2, [(0, 2)], const)
    with pytest.raises(ValueError):
        dynamic_program(2, 3, [(1, 1)], const)  # no path
