"""Monotone bead alignment by dynamic programming: a pure function over arrays.

The public core::

    dynamic_program(
        n_src: int,
        n_tgt: int,
        bead_types: Sequence[tuple[int, int]],
        cost: Callable[[np.ndarray, np.ndarray, int], np.ndarray],
        band: Band | None = None,
    ) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]

finds the sequence of beads (runs of consecutive source and target indices) that covers
``range(n_src)`` and ``range(n_tgt)`` exactly once, in order, and minimises the summed cost.

- ``bead_types[k] = (a, b)``: a bead of ``a`` source and ``b`` target segments. ``(1, 0)`` and
  ``(0, 1)`` are omissions; ``(0, b)`` with ``b > 1`` is refused (never useful: chain ``(0, 1)``).
- ``cost(i_end, j_end, k)`` receives two int64 arrays of equal length (DP cells: the bead ends
  *before* source index ``i_end`` and target index ``j_end``, i.e. it covers
  ``src[i_end - a:i_end]`` and ``tgt[j_end - b:j_end]``; ``i_end >= a`` and ``j_end >= b`` are
  guaranteed) and returns a float array of costs of bead type ``k`` at those cells. ``inf``
  forbids a bead there. It is called with all ``k`` in turn for the same block of cells
  (the very same array objects), so an implementation may cache per block. The ``(0, 1)``
  cost must be finite where it is allowed.
- ``band`` restricts the cells visited: DP row ``i`` (``0 <= i <= n_src``) holds the target
  boundaries ``band.lo[i] .. band.hi[i]`` (inclusive). Time and memory are proportional to the
  number of cells in the band, so a band of constant width makes the DP linear. Without a band
  the whole ``(n_src + 1) x (n_tgt + 1)`` lattice is searched.

Bands usually come from a first, coarse pass (:meth:`Band.around_path`).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

CostFn = Callable[[np.ndarray, np.ndarray, int], np.ndarray]
BeadPath = tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]

_ROW_BLOCK_CELLS = 65536


@dataclass(frozen=True)
class Band:
    """Allowed target boundaries ``lo[i]..hi[i]`` (inclusive) for each DP row ``i``."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n_src: int, n_tgt: int) -> Band:
        """The whole lattice."""
        return cls(np.zeros(n_src + 1, dtype=np.int64), np.full(n_src + 1, n_tgt, dtype=np.int64))

    @classmethod
    def around_path(
        cls,
        points: Sequence[tuple[int, int]] | np.ndarray,
        n_src: int,
        n_tgt: int,
        radius: int,
    ) -> Band:
        """A band holding every lattice cell within ``radius`` rows/columns of ``points``.

        ``points`` are lattice cells ``(i, j)`` of a monotone path (e.g. the bead boundaries of
        a coarse alignment scaled up); between consecutive points the band covers the whole
        rectangle, so a coarse path with gaps still yields a connected band.
        """
        pts = np.asarray(points, dtype=np.int64).reshape(-1, 2)
        pts = np.concatenate([[[0, 0]], pts, [[n_src, n_tgt]]])
        order = np.lexsort((pts[:, 1], pts[:, 0]))
        pts = pts[order]
        pts[:, 1] = np.maximum.accumulate(pts[:, 1])
        lo = np.full(n_src + 1, n_tgt, dtype=np.int64)
        hi = np.zeros(n_src + 1, dtype=np.int64)
        # Each consecutive pair spans a rectangle [i0, i1] x [j0, j1]; widen it by radius.
        for (i0, j0), (i1, j1) in itertools.pairwise(pts):
            r0, r1 = max(0, i0 - radius), min(n_src, i1 + radius)
            lo[r0 : r1 + 1] = np.minimum(lo[r0 : r1 + 1], max(0, j0 - radius))
            hi[r0 : r1 + 1] = np.maximum(hi[r0 : r1 + 1], min(n_tgt, j1 + radius))
        return cls(*_monotone(lo, hi, n_tgt))

    @property
    def n_cells(self) -> int:
        return int(np.sum(self.hi - self.lo + 1))

    def contains(self, i: int, j: int) -> bool:
        return bool(0 <= i < len(self.lo) and self.lo[i] <= j <= self.hi[i])


def _monotone(lo: np.ndarray, hi: np.ndarray, n_tgt: int) -> tuple[np.ndarray, np.ndarray]:
    """Make ``lo``/``hi`` non-decreasing (so the band is connected for monotone paths)."""
    lo = np.minimum.accumulate(lo[::-1])[::-1].copy()
    hi = np.maximum.accumulate(hi).copy()
    lo[0] = 0
    hi[-1] = n_tgt
    lo = np.clip(lo, 0, n_tgt)
    hi = np.clip(np.maximum(hi, lo), 0, n_tgt)
    return lo, hi


def _check(n_src: int, n_tgt: int, bead_types: Sequence[tuple[int, int]], band: Band) -> None:
    if n_src < 0 or n_tgt < 0:
        raise ValueError("sizes must be non-negative")
    for a, b in bead_types:
        if a < 0 or b < 0 or (a == 0 and b == 0):
            raise ValueError(f"bad bead type {(a, b)}")
        if a == 0 and b != 1:
            raise ValueError("the only bead type with no source segment allowed is (0, 1)")
    if len(band.lo) != n_src + 1 or len(band.hi) != n_src + 1:
        raise ValueError("band must have n_src + 1 rows")
    if band.lo[0] != 0 or band.hi[-1] != n_tgt or np.any(band.hi < band.lo):
        raise ValueError("band must contain (0, 0) and (n_src, n_tgt) and be non-empty per row")


def _offsets(band: Band) -> np.ndarray:
    """Where each row of the band starts in the flat arrays over its cells (and the total)."""
    return np.concatenate([[0], np.cumsum(band.hi - band.lo + 1)])


@dataclass(frozen=True)
class _Block:
    """Cells of a block of band rows, flat indices ``c0`` onwards.

    ``costs[k, c]``: the cost of bead type ``k`` ending at cell ``c`` (inf where it cannot);
    ``pred[m, c]``: the flat index of the cell where moving type ``m`` (types with a source
    segment, in order) starts, or the sentinel ``offsets[-1]`` where it leaves the band.
    """

    rows: range
    c0: int
    costs: np.ndarray
    pred: np.ndarray


def _blocks(
    n_src: int,
    types: list[tuple[int, int]],
    cost: CostFn,
    band: Band,
    offsets: np.ndarray,
) -> Iterator[_Block]:
    """The band in blocks of rows (~``_ROW_BLOCK_CELLS`` cells): costs and predecessors for
    a block at once, so the cost function sees few, large vectorised calls."""
    lo, hi = band.lo, band.hi
    widths = hi - lo + 1
    moving = [k for k, (a, _) in enumerate(types) if a > 0]
    mov_a = np.array([types[k][0] for k in moving], dtype=np.int64)[:, None]
    mov_b = np.array([types[k][1] for k in moving], dtype=np.int64)[:, None]
    sentinel = int(offsets[-1])
    i = 0
    while i <= n_src:
        i_stop = i + max(1, int(np.searchsorted(np.cumsum(widths[i:]), _ROW_BLOCK_CELLS)))
        i_stop = min(i_stop, n_src + 1)
        c0, c1 = int(offsets[i]), int(offsets[i_stop])
        row_w = widths[i:i_stop]
        cell_i = np.repeat(np.arange(i, i_stop), row_w)
        cell_j = np.arange(c0, c1, dtype=np.int64) - np.repeat(
            offsets[i:i_stop] - lo[i:i_stop], row_w
        )
        costs = np.full((len(types), c1 - c0), np.inf)
        for k, (a, b) in enumerate(types):
            ok = (cell_i >= a) & (cell_j >= b)
            if ok.all():
                costs[k] = cost(cell_i, cell_j, k)
            elif ok.any():
                costs[k, ok] = cost(cell_i[ok], cell_j[ok], k)
        prev_i = cell_i[None, :] - mov_a
        prev_j = cell_j[None, :] - mov_b
        safe_i = np.clip(prev_i, 0, n_src)
        valid = (prev_i >= 0) & (prev_j >= lo[safe_i]) & (prev_j <= hi[safe_i])
        pred = np.where(valid, offsets[safe_i] + prev_j - lo[safe_i], sentinel)
        yield _Block(range(i, i_stop), c0, costs, pred)
        i = i_stop


def dynamic_program(
    n_src: int,
    n_tgt: int,
    bead_types: Sequence[tuple[int, int]],
    cost: CostFn,
    band: Band | None = None,
) -> BeadPath:
    """Return the minimum-cost monotone bead path (see the module docstring)."""
    band = band if band is not None else Band.full(n_src, n_tgt)
    types: list[tuple[int, int]] = [(int(a), int(b)) for a, b in bead_types]
    _check(n_src, n_tgt, types, band)
    if n_src == 0 and n_tgt == 0:
        return ()
    lo = band.lo
    skip_k = types.index((0, 1)) if (0, 1) in types else -1
    moving = [k for k, (a, _) in enumerate(types) if a > 0]
    mov_k = np.array(moving, dtype=np.int8)
    offsets = _offsets(band)
    # All DP values and back-pointers live in two flat arrays over the band's cells; the
    # extra last cell is an unreachable sentinel (inf) that invalid predecessors point to.
    d_flat = np.full(int(offsets[-1]) + 1, np.inf)
    bp_flat = np.full(int(offsets[-1]), -1, dtype=np.int8)
    for block in _blocks(n_src, types, cost, band, offsets):
        c0 = block.c0
        step = block.costs[moving]
        # the per-row loop only gathers, adds and takes minima
        for r in block.rows:
            s, e = int(offsets[r]) - c0, int(offsets[r + 1]) - c0
            if moving:
                cand = d_flat[block.pred[:, s:e]] + step[:, s:e]
                arg = np.argmin(cand, axis=0)
                best = cand[arg, np.arange(e - s)]
                bp = np.where(np.isfinite(best), mov_k[arg], -1).astype(np.int8)
            else:
                best = np.full(e - s, np.inf)
                bp = np.full(e - s, -1, dtype=np.int8)
            if r == 0:
                best[0] = 0.0  # lo[0] == 0: the empty prefix
            if skip_k >= 0 and e - s > 1:
                best, bp = _skip_scan(best, bp, block.costs[skip_k, s:e], skip_k)
            d_flat[c0 + s : c0 + e] = best
            bp_flat[c0 + s : c0 + e] = bp

    if not np.isfinite(d_flat[offsets[n_src] + n_tgt - lo[n_src]]):
        raise ValueError("no path through the band with the given bead types")
    return _backtrace(n_src, n_tgt, types, lo, offsets, bp_flat)


def _skip_scan(
    x: np.ndarray, arg: np.ndarray, skip: np.ndarray, skip_k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Close a row under (0, 1) beads: ``d[j] = min(x[j], d[j-1] + skip[j])`` without a loop."""
    c = np.where(np.isfinite(skip), skip, 1e12)
    c[0] = 0.0
    p = np.cumsum(c)
    y = x - p
    m = np.minimum.accumulate(y)
    d = m + p
    idx = np.arange(len(x))
    start = np.maximum.accumulate(np.where(y <= m, idx, -1))
    moved = (start < idx) & np.isfinite(d)
    d = np.where(np.isfinite(m), d, np.inf)
    arg = arg.copy()
    arg[moved] = skip_k
    return d, arg


def _backtrace(
    n_src: int,
    n_tgt: int,
    types: list[tuple[int, int]],
    lo: np.ndarray,
    offsets: np.ndarray,
    bp_flat: np.ndarray,
) -> BeadPath:
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i, j = n_src, n_tgt
    while i > 0 or j > 0:
        k = int(bp_flat[offsets[i] + j - lo[i]])
        if k < 0:  # pragma: no cover - guarded by the finiteness check
            raise ValueError("broken back-pointer")
        a, b = types[k]
        beads.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    beads.reverse()
    return tuple(beads)


def default_bead_types(
    max_src: int = 4, max_tgt: int = 4, max_total: int = 5
) -> tuple[tuple[int, int], ...]:
    """All ``(a, b)`` with ``1 <= a <= max_src``, ``1 <= b <= max_tgt``, ``a + b <= max_total``.

    1:1 comes first (it wins ties); the omissions ``(1, 0)`` and ``(0, 1)`` come last.
    """
    out = [(1, 1)]
    for a in range(1, max_src + 1):
        for b in range(1, max_tgt + 1):
            if (a, b) != (1, 1) and a + b <= max_total:
                out.append((a, b))
    return (*out, (1, 0), (0, 1))


def path_points(path: BeadPath) -> np.ndarray:
    """The lattice cells ``(i, j)`` the beads of ``path`` end at, starting with ``(0, 0)``."""
    pts = [(0, 0)]
    i = j = 0
    for s, t in path:
        i += len(s)
        j += len(t)
        pts.append((i, j))
    return np.asarray(pts, dtype=np.int64)


@dataclass(frozen=True)
class Lattice:
    """Forward–backward over a banded bead lattice (see :func:`forward_backward`).

    Cells are stored row by row as in :func:`dynamic_program`: cell ``(i, j)`` is at
    ``offsets[i] + j - band.lo[i]``. ``cost[k, c]`` is the cost of a bead of type ``k``
    ending at cell ``c`` (``inf`` where none may end), exactly as the cost function returned
    it; ``alpha`` and ``beta`` the log-sums of ``exp(−cost / temperature)`` over path prefixes
    ending / suffixes starting at each cell, ``log_z`` over all paths.
    """

    types: tuple[tuple[int, int], ...]
    band: Band
    offsets: np.ndarray
    cost: np.ndarray
    temperature: float
    alpha: np.ndarray
    beta: np.ndarray
    log_z: float

    def cell(self, i: int, j: int) -> int:
        return int(self.offsets[i]) + j - int(self.band.lo[i])

    def cost_fn(self) -> CostFn:
        """The stored costs as a cost function for :func:`dynamic_program` (no recomputing:
        the same float values, hence the same path as with the original cost function)."""

        def cost(i: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
            return self.cost[k, self.offsets[i] + j - self.band.lo[i]]

        return cost

    def marginals(self) -> np.ndarray:
        """``out[k, c]``: posterior probability that a bead of type ``k`` ends at cell ``c``."""
        lo, n_src = self.band.lo, len(self.band.lo) - 1
        widths = np.diff(self.offsets)
        cell_i = np.repeat(np.arange(n_src + 1), widths)
        cell_j = np.arange(int(self.offsets[-1]), dtype=np.int64) - np.repeat(
            self.offsets[:-1] - lo, widths
        )
        out = np.zeros(self.cost.shape)
        for k, (a, b) in enumerate(self.types):
            pi, pj = cell_i - a, cell_j - b
            safe_i = np.clip(pi, 0, n_src)
            ok = (pi >= 0) & (pj >= lo[safe_i]) & (pj <= self.band.hi[safe_i])
            ok &= np.isfinite(self.cost[k])
            start = self.offsets[safe_i[ok]] + pj[ok] - lo[safe_i[ok]]
            energy = self.cost[k, ok] / self.temperature
            lp = self.alpha[start] - energy + self.beta[ok] - self.log_z
            out[k, ok] = np.exp(np.minimum(lp, 0.0))
        return out


def forward_backward(
    n_src: int,
    n_tgt: int,
    bead_types: Sequence[tuple[int, int]],
    cost: CostFn,
    band: Band | None = None,
    temperature: float = 1.0,
) -> Lattice:
    """Forward–backward over the lattice of :func:`dynamic_program` (a pure function too).

    Every monotone path ``π`` through the band gets ``P(π) ∝ exp(−cost(π) / temperature)``.
    """
    band = band if band is not None else Band.full(n_src, n_tgt)
    types: list[tuple[int, int]] = [(int(a), int(b)) for a, b in bead_types]
    _check(n_src, n_tgt, types, band)
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    offsets, costs, alpha = _forward(n_src, n_tgt, types, cost, band, temperature)
    total = int(offsets[-1])
    log_z = float(alpha[int(offsets[n_src]) + n_tgt - int(band.lo[n_src])])
    if not np.isfinite(log_z):
        raise ValueError("no path through the band with the given bead types")
    beta = _backward(n_src, types, band, offsets, costs, temperature)
    return Lattice(tuple(types), band, offsets, costs, temperature, alpha[:total], beta, log_z)


def _forward(
    n_src: int,
    n_tgt: int,
    types: list[tuple[int, int]],
    cost: CostFn,
    band: Band,
    temperature: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The forward pass: cell offsets, every bead type's cost at every cell, log alpha."""
    skip_k = types.index((0, 1)) if (0, 1) in types else -1
    moving = [k for k, (a, _) in enumerate(types) if a > 0]
    offsets = _offsets(band)
    total = int(offsets[-1])
    # Costs of every bead type ending at every cell, kept for the backward pass and for the
    # Viterbi path (Lattice.cost_fn), so the cost function is evaluated once per cell.
    costs = np.full((len(types), total), np.inf)
    alpha = np.full(total + 1, -np.inf)  # the last cell is a sentinel for invalid predecessors
    for block in _blocks(n_src, types, cost, band, offsets):
        c0 = block.c0
        costs[:, c0 : c0 + block.costs.shape[1]] = block.costs
        for r in block.rows:
            s, e = int(offsets[r]), int(offsets[r + 1])
            if moving:
                x = _logsumexp0(
                    alpha[block.pred[:, s - c0 : e - c0]] - costs[moving, s:e] / temperature
                )
            else:
                x = np.full(e - s, -np.inf)
            if r == 0:
                x[0] = 0.0
            if skip_k >= 0 and e - s > 1:
                x = _log_skip_scan(x, costs[skip_k, s:e] / temperature)
            alpha[s:e] = x
    return offsets, costs, alpha


def _backward(
    n_src: int,
    types: list[tuple[int, int]],
    band: Band,
    offsets: np.ndarray,
    costs: np.ndarray,
    temperature: float,
) -> np.ndarray:
    """The backward pass over the costs :func:`_forward` stored: log beta of every cell."""
    lo, hi = band.lo, band.hi
    total = int(offsets[-1])
    moving = [k for k, (a, _) in enumerate(types) if a > 0]
    skip_k = types.index((0, 1)) if (0, 1) in types else -1
    mov_a = np.array([types[k][0] for k in moving], dtype=np.int64)[:, None]
    mov_b = np.array([types[k][1] for k in moving], dtype=np.int64)[:, None]
    beta = np.full(total, -np.inf)
    mov_idx = np.asarray(moving, dtype=np.int64)[:, None]
    for r in range(n_src, -1, -1):
        s, e = int(offsets[r]), int(offsets[r + 1])
        j = np.arange(int(lo[r]), int(hi[r]) + 1, dtype=np.int64)
        y = np.full(e - s, -np.inf)
        if moving:
            nxt_i = r + mov_a
            nxt_j = j[None, :] + mov_b
            safe_i = np.clip(nxt_i, 0, n_src)
            valid = (nxt_i <= n_src) & (nxt_j >= lo[safe_i]) & (nxt_j <= hi[safe_i])
            succ = np.where(valid, offsets[safe_i] + nxt_j - lo[safe_i], 0)
            energy = costs[mov_idx, succ] / temperature
            y = _logsumexp0(np.where(valid, beta[succ] - energy, -np.inf))
        if r == n_src:
            y[-1] = 0.0  # hi[n_src] == n_tgt: where every path ends
        if skip_k >= 0 and e - s > 1:
            # beta[j] = logaddexp(y[j], beta[j + 1] − skip[j + 1]): the same scan, reversed.
            sk = costs[skip_k, s:e] / temperature
            rev_skip = np.concatenate([[0.0], sk[1:][::-1]])
            y = _log_skip_scan(y[::-1], rev_skip)[::-1]
        beta[s:e] = y
    return beta


def bead_posteriors(
    n_src: int,
    n_tgt: int,
    bead_types: Sequence[tuple[int, int]],
    cost: CostFn,
    band: Band | None,
    path: BeadPath,
    temperature: float = 1.0,
) -> np.ndarray:
    """Posterior marginal of each bead of ``path`` under the lattice's Gibbs distribution.

    Every monotone path ``π`` through the band gets ``P(π) ∝ exp(−cost(π) / temperature)``;
    the marginal of a bead is the summed probability of the paths that contain it
    (:func:`forward_backward`). A bead the DP chose by a narrow margin over another reading of
    the same segments (an orphan sentence merged into its neighbour's bead, or left alone)
    gets a marginal near 0.5; a bead no alternative comes near gets one near 1. A bead outside
    the band or of a type not in ``bead_types`` gets 0.
    """
    if not path:
        return np.zeros(0)
    lat = forward_backward(n_src, n_tgt, bead_types, cost, band, temperature)
    return path_marginals(lat, path)


def path_marginals(lat: Lattice, path: BeadPath) -> np.ndarray:
    """The posterior marginal of each bead of ``path`` in ``lat`` (0 outside it)."""
    out = np.zeros(len(path))
    ci = cj = 0
    for n, (src_idx, tgt_idx) in enumerate(path):
        a, b = len(src_idx), len(tgt_idx)
        ni, nj = ci + a, cj + b
        if (a, b) in lat.types and lat.band.contains(ci, cj) and lat.band.contains(ni, nj):
            k = lat.types.index((a, b))
            end = lat.cell(ni, nj)
            energy = float(lat.cost[k, end]) / lat.temperature
            lp = lat.alpha[lat.cell(ci, cj)] - energy + lat.beta[end]
            lp -= lat.log_z
            out[n] = float(np.exp(min(lp, 0.0))) if np.isfinite(lp) else 0.0
        ci, cj = ni, nj
    return out


def posterior_decode(lat: Lattice, n_src: int, n_tgt: int, threshold: float) -> BeadPath:
    """The path maximising the summed ``marginal − threshold`` of its beads.

    Maximum expected accuracy decoding: with ``threshold`` 0 the path with the most beads
    expected right; a higher threshold admits a bead only when it is probably right, so a
    merge that is a close call against a split (or the reverse) is decided by which reading
    has more probable beads rather than by the single cheapest path.
    """
    gain = lat.marginals() - threshold
    gain[~np.isfinite(lat.cost)] = -np.inf

    def cost(i: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
        return -gain[k, lat.offsets[i] + j - lat.band.lo[i]]

    return dynamic_program(n_src, n_tgt, lat.types, cost, lat.band)


def _logsumexp0(x: np.ndarray) -> np.ndarray:
    """``log(sum(exp(x), axis=0))`` with ``-inf`` where a column is all ``-inf``."""
    m = np.max(x, axis=0)
    safe = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = safe + np.log(np.sum(np.exp(x - safe), axis=0))
    return np.where(np.isfinite(m), out, -np.inf)


def _log_skip_scan(x: np.ndarray, skip: np.ndarray) -> np.ndarray:
    """Close a row under (0, 1) beads in log space: ``d[j] = logaddexp(x[j], d[j−1] − skip[j])``.

    With ``P = cumsum(skip)``, ``d[j] = −P[j] + logaddexp over j' ≤ j of (x[j'] + P[j'])``.
    ``skip[0]`` is unused; an infinite skip (not allowed there) cuts the row.
    """
    c = np.asarray(skip, dtype=np.float64).copy()
    c[0] = 0.0
    if not np.all(np.isfinite(c)):
        out = x.copy()
        for t in range(1, len(x)):
            out[t] = np.logaddexp(out[t], out[t - 1] - c[t])
        return out
    p = np.cumsum(c)
    with np.errstate(invalid="ignore"):
        return np.logaddexp.accumulate(x + p) - p
