"""An excerpt against a whole text: find the stretch of the longer side that the shorter matches.

When one side has at least ``EXCERPT_RATIO`` times the segments of the other, aligning the
whole of both spreads the short side over the long one (every long-side segment must be
paired or skipped, and cheap skips far away pull beads apart). Instead each short-side
segment votes for the long-side positions it matches best; the densest run of votes gives the
region, widened by a margin, inside which the ordinary DP runs. Pure functions over vectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# One side this many times longer (in segments) than the other is treated as an excerpt.
EXCERPT_RATIO = 5
# Votes per short-side segment (its best long-side matches) and the block size of the scan.
_TOP = 3
_ROWS = 256
# Rows added on each side of the fitted span (a first or last bead may be a merge).
_MARGIN = 3


@dataclass(frozen=True)
class Region:
    """The long side's segments ``start:stop`` hold the excerpt's counterpart."""

    start: int
    stop: int
    votes: int  # short-side votes inside the region
    total: int  # all votes


def locate(short: np.ndarray, long: np.ndarray) -> Region:
    """The region of ``long`` (unit row vectors) that the rows of ``short`` match.

    Each short row votes for its ``_TOP`` best long rows (weighted 3, 2, 1); the window of
    ``2 * len(short) + 10`` long rows with the most vote weight holds the counterpart. Inside
    it a line ``p = offset + slope * i`` is fitted to the short rows' best matches (outliers
    dropped twice), and the region is that line's span from the first to the last short row,
    widened by ``_MARGIN`` rows: a tight region leaves the DP no stretch of unrelated
    neighbours to absorb into merged beads.
    """
    n, m = len(short), len(long)
    k = min(_TOP, m)
    weight = np.zeros(m)
    best = np.zeros((n, k), dtype=np.int64)
    for r0 in range(0, n, _ROWS):
        sim = short[r0 : r0 + _ROWS].astype(np.float32) @ long.T.astype(np.float32)
        top = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(sim, top, axis=1), axis=1)
        top = np.take_along_axis(top, order, axis=1)
        best[r0 : r0 + _ROWS] = top
        for rank in range(k):
            np.add.at(weight, top[:, rank], float(k - rank))
    width = min(m, 2 * n + 10)
    csum = np.concatenate([[0.0], np.cumsum(weight)])
    win = csum[width:] - csum[: m - width + 1]
    start = int(np.argmax(win))
    rows = np.arange(n)
    pos = best[:, 0].astype(np.float64)
    keep = (pos >= start) & (pos < start + width)
    lo, hi = start, start + width
    for _ in range(3):
        if keep.sum() < 2:
            break
        slope, offset = np.polyfit(rows[keep], pos[keep], 1)
        slope = max(float(slope), 0.0)
        fit = offset + slope * rows
        lo = int(np.floor(fit[0]))
        hi = int(np.ceil(fit[-1] + max(slope, 1.0)))
        keep = np.abs(pos - fit) <= max(3.0, slope * 2)
    total = float(csum[-1])
    return Region(
        max(0, lo - _MARGIN),
        min(m, max(hi, lo + 1) + _MARGIN),
        round(float(win[start])),
        round(total),
    )


def is_excerpt(n_src: int, n_tgt: int) -> bool:
    """Whether one side is at least ``EXCERPT_RATIO`` times longer than a non-empty other."""
    return min(n_src, n_tgt) > 0 and max(n_src, n_tgt) >= EXCERPT_RATIO * min(n_src, n_tgt)


def trim_edge(short_vecs: np.ndarray, long_vecs: np.ndarray, outer_first: bool) -> int:
    """How many outer members of an excerpt's first (``outer_first``) or last bead's long side
    to leave unmatched: drop them while the bead's cosine rises without them.

    The region's margin gives the DP a few unrelated segments at each end, which the first and
    last beads would otherwise absorb as merges. The aligner makes each dropped member a lone
    bead with ``ScoredBead.unmatched_block`` set, like every long-side line before the
    excerpt's first link or after its last (outside the region, or inside its margin).
    """
    s = short_vecs.astype(np.float64).sum(axis=0)
    s /= max(float(np.linalg.norm(s)), 1e-12)
    rows = long_vecs.astype(np.float64)
    if not outer_first:
        rows = rows[::-1]
    drop = 0
    while len(rows) - drop > 1:
        cur, nxt = rows[drop:].sum(axis=0), rows[drop + 1 :].sum(axis=0)
        c_cur = float(cur @ s) / max(float(np.linalg.norm(cur)), 1e-12)
        c_nxt = float(nxt @ s) / max(float(np.linalg.norm(nxt)), 1e-12)
        if c_nxt <= c_cur:
            break
        drop += 1
    return drop
