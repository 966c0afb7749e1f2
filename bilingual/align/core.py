"""Aligning two sides given their features: coarse-to-fine banded DP, then per-bead scores.

Large problems are solved first on copies coarsened ``coarsen_factor`` times (block vectors =
sums of member vectors), recursively until the lattice is small; the coarse path, scaled back,
gives a band of ``band_radius`` cells in which the full DP runs. Time and memory therefore grow
linearly with document length.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bilingual.align.config import AlignConfig
from bilingual.align.dp import (
    Band,
    BeadPath,
    CostFn,
    Lattice,
    default_bead_types,
    dynamic_program,
    forward_backward,
    path_marginals,
    path_points,
    posterior_decode,
)
from bilingual.align.features import BeadScorer, Calibration, SideFeatures
from bilingual.align.orphans import SPLIT_RULES, split_orphans
from bilingual.align.scorer import make_scorer
from bilingual.errors import ConfigError

log = logging.getLogger(__name__)

_COARSE_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))


@dataclass(frozen=True)
class ScoredBead:
    """A bead of the DP path with what the scorer saw: the inputs of the confidence."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    cost: float
    sim: float
    cos_sem: float
    cos_lex: float
    length_cost: float
    # The best raw semantic cosine any member segment reaches with a single segment of the
    # other side (in the band), raw and document-normalised: a right bead is usually where
    # its members' best matches are; a member whose best match lies elsewhere signals a
    # shifted or merged bead, an omitted segment with a good match a missed link.
    best_other: float = math.nan
    best_other_norm: float = math.nan
    # The lowest cosine of an edge member with the other side's window (features.edge_cosines),
    # raw and document-normalised, and how much the bead's cosine would rise without its
    # weakest edge member (> 0: the merge does not beat its parts; 0 for 1:1 beads).
    edge_cos: float = math.nan
    edge_norm: float = math.nan
    part_gain: float = 0.0
    # The bead's posterior marginal over the DP lattice (dp.bead_posteriors): near 0.5 when
    # another reading of the same segments (the orphan alone instead of merged) costs about
    # the same; NaN where no lattice was searched (beads made outside the DP).
    posterior: float = math.nan
    # What the weakest edge member of a merged bead adds (features.MemberEvidence): the rise
    # of the window cosine and the fall of the length cost without it, and its lowest
    # normalised lexical cosine with the other window. An orphan merged into a right pair
    # adds nothing on any of the three; 0, 0 and 1 for beads with no member to leave out.
    member_gain: float = 0.0
    member_len_gain: float = 0.0
    member_lex: float = 1.0
    # For a 1:0 / 0:1 bead: the lone segment's length in source characters (target lengths
    # divided by the document's length ratio). A short fragment left alone is more often a
    # piece the segmenter cut off a linked sentence than a real omission. NaN if unknown.
    omit_chars: float = math.nan
    # A 1:0 / 0:1 bead that a coarser decision left alone, not the sentence DP weighing it
    # against a link: a sentence of a paragraph the other side lacks, or a line of the long
    # side before an excerpt's first link or after its last (outside the located region, or
    # in the region's margin, left alone at no cost or cut off by excerpt.trim_edge). Its
    # length says nothing about segmenter debris (issue 19, fourth and fifth rounds).
    unmatched_block: bool = False
    # For a linked bead: how much its window cosine would rise if one neighbouring segment
    # joined it (features.BeadScorer.join_gain; -1 where none can). > 0: the bead is probably
    # one piece of a larger translation unit the DP split (issue 19, fourth round).
    join_gain: float = -1.0


@dataclass(frozen=True)
class PathResult:
    """The DP result and how long its parts took (for benchmarks)."""

    beads: tuple[ScoredBead, ...]
    n_cells: int
    seconds_dp: float


def bead_types(config: AlignConfig) -> tuple[tuple[int, int], ...]:
    return default_bead_types(config.max_src, config.max_tgt, config.max_total)


def _find_path(
    src: SideFeatures,
    tgt: SideFeatures,
    types: tuple[tuple[int, int], ...],
    config: AlignConfig,
    calibration: Calibration | None = None,
    free_overhang: str = "",
) -> tuple[BeadPath, BeadScorer, Band, Lattice | None]:
    """The cheapest path; with ``config.posterior_temperature`` > 0 (not on coarse passes) also
    the forward–backward lattice it was found in (``Bead.score`` reads its marginals)."""
    n, m = len(src), len(tgt)
    if (n + 1) * (m + 1) <= config.max_full_cells or min(n, m) < 4 * config.coarsen_factor:
        band = Band.full(n, m)
    else:
        calibration = None  # a subset calibration only fits problems solved in one piece
        f = config.coarsen_factor
        # Block boundaries do not correspond across sides, so block lengths say little and
        # their Gale–Church cost explodes with block size: coarse passes use content only.
        coarse_cfg = replace(
            config, use_length=config.use_length and not config.use_semantic, scorer="hand"
        )
        coarse_cfg = replace(coarse_cfg, posterior_temperature=0.0)
        coarse_path, _, _, _ = _find_path(src.coarsen(f), tgt.coarsen(f), _COARSE_TYPES, coarse_cfg)
        pts = np.minimum(path_points(coarse_path) * f, [n, m])
        band = Band.around_path(pts, n, m, radius=config.band_radius + f)
    scorer = make_scorer(src, tgt, types, config, band, calibration)
    cost = _free_overhang(scorer, types, n, m, free_overhang) if free_overhang else scorer
    lattice = None
    if config.posterior_temperature > 0:
        # One pass of the cost function fills the lattice; the DP then reads its stored costs.
        lattice = forward_backward(n, m, types, cost, band, config.posterior_temperature)
        cost = lattice.cost_fn()
    path = dynamic_program(n, m, types, cost, band)
    log.debug("DP %dx%d: %d cells", n, m, band.n_cells)
    return path, scorer, band, lattice


def _free_overhang(
    scorer: BeadScorer, types: tuple[tuple[int, int], ...], n: int, m: int, side: str
) -> CostFn:
    """The scorer's costs, except that segments of ``side`` ("src" or "tgt") before the other
    side's first segment or after its last are left alone at no cost (semi-global alignment:
    an excerpt's counterpart sits somewhere inside the longer text, whose overhang is not an
    omission to weigh against merges)."""
    skip = types.index((0, 1) if side == "tgt" else (1, 0))

    def cost(i: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
        c = scorer(i, j, k)
        if k != skip:
            return c
        # A bead ending at cell (i, j) lies before the other side's first segment when that
        # side's boundary is 0, after its last when it is n (or m).
        other = i if side == "tgt" else j
        end = n if side == "tgt" else m
        return np.where((other == 0) | (other == end), np.minimum(c, 0.0), c)

    return cost


Rescorer = Callable[[BeadPath, BeadScorer], BeadPath]


@dataclass(frozen=True)
class SolvedPath:
    """The DP's path (after posterior decoding and merged-text re-scoring, before the orphan
    split) with what scoring it needs: :func:`solve_path` then :func:`finish_path`."""

    path: BeadPath
    scorer: BeadScorer
    lattice: Lattice | None
    n_cells: int
    seconds: float


def solve_path(
    src: SideFeatures,
    tgt: SideFeatures,
    config: AlignConfig,
    calibration: Calibration | None = None,
    rescorer: Rescorer | None = None,
    free_overhang: str = "",
) -> SolvedPath:
    """The first half of :func:`align_features` (both sides non-empty): the cheapest path.

    Kept apart so that the paragraph groups of the two-level aligner run each DP once and
    split orphans afterwards with the merge rate of the whole document's paths.
    """
    start = time.perf_counter()
    types = bead_types(config)
    # The DP multiplies many small blocks: one BLAS thread is ~10x faster than two here
    # (thread start-up dominates, worse still on a loaded machine).
    with one_blas_thread():
        path, scorer, band, lattice = _find_path(
            src, tgt, types, config, calibration, free_overhang
        )
        if lattice is not None and config.posterior_decoding:
            path = posterior_decode(lattice, len(src), len(tgt), config.posterior_threshold)
        if rescorer is not None:
            path = rescorer(path, scorer)
    return SolvedPath(path, scorer, lattice, band.n_cells, time.perf_counter() - start)


def finish_path(
    solved: SolvedPath, config: AlignConfig, merge_rate: float | None = None
) -> PathResult:
    """The second half of :func:`align_features`: the orphan split (``config.split_orphans``,
    learned scorer; ``merge_rate`` as there), then each bead's features and posterior."""
    start = time.perf_counter()
    path, scorer, lattice = solved.path, solved.scorer, solved.lattice
    with one_blas_thread():
        if (
            config.split_orphans
            and config.scorer == "learned"
            and any((len(s), len(t)) in ((2, 1), (1, 2)) for s, t in path)
        ):
            # The rule was fitted on the learned scorer's costs (a hand scorer's differ).
            before = path_marginals(lattice, path) if lattice is not None else None
            rule = SPLIT_RULES.get(config.orphan_rule)
            if rule is None:
                raise ConfigError(
                    f"unknown orphan_rule {config.orphan_rule!r}; use one of "
                    f"{', '.join(sorted(SPLIT_RULES))} (AlignConfig.for_level sets it)."
                )
            path = split_orphans(path, scorer, before, rule, merge_rate)
        post = path_marginals(lattice, path) if lattice is not None else None
        beads = score_path(path, scorer, post)
    return PathResult(beads, solved.n_cells, solved.seconds + time.perf_counter() - start)


def align_features(
    src: SideFeatures,
    tgt: SideFeatures,
    config: AlignConfig,
    calibration: Calibration | None = None,
    rescorer: Rescorer | None = None,
    free_overhang: str = "",
    merge_rate: float | None = None,
) -> PathResult:
    """Align two sides; every segment ends up in exactly one bead, in order.

    ``calibration`` (from a scorer over the whole document) replaces the per-problem
    calibration, for small sub-problems such as the sentences of one paragraph group.
    ``rescorer`` may re-decide parts of the DP's path (bilingual.align.rescore); it must
    return a path covering every segment once, in order. ``free_overhang`` ("src" or "tgt")
    lets that side's segments before and after the other side's stand alone at no cost.
    ``merge_rate``: the whole document's (orphans.merge_rate) when the two sides are a part of
    it (one paragraph group), for the orphan split (``config.split_orphans``).
    """
    if len(src) == 0 or len(tgt) == 0:
        start = time.perf_counter()
        path: BeadPath = tuple(((i,), ()) for i in range(len(src))) + tuple(
            ((), (j,)) for j in range(len(tgt))
        )
        beads = tuple(
            ScoredBead(s, t, config.skip_cost, math.nan, math.nan, math.nan, math.nan, 0.0, 0.0)
            for s, t in path
        )
        return PathResult(beads, 0, time.perf_counter() - start)
    solved = solve_path(src, tgt, config, calibration, rescorer, free_overhang)
    return finish_path(solved, config, merge_rate)


@functools.cache
def _blas_controller() -> Any:
    from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

    return ThreadpoolController()


def one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """Limit BLAS to one thread for a block; the loaded libraries are scanned once per process.

    ``threadpool_limits`` rescans every loaded library on each call, which cost about a fifth
    of a short document's alignment in corpus mode.
    """
    return _blas_controller().limit(limits=1, user_api="blas")


def score_path(
    path: BeadPath, scorer: BeadScorer, posteriors: np.ndarray | None = None
) -> tuple[ScoredBead, ...]:
    """Recompute the features of each bead of ``path`` (grouped by type, vectorised);
    ``posteriors`` (one per bead, from dp.bead_posteriors) are recorded with them."""
    ends = path_points(path)[1:]
    sizes = np.array([(len(s), len(t)) for s, t in path], dtype=np.int64).reshape(-1, 2)
    n = len(path)
    cost = np.zeros(n)
    sim = np.full(n, math.nan)
    cos_sem = np.full(n, math.nan)
    cos_lex = np.full(n, math.nan)
    len_cost = np.full(n, math.nan)
    edge = np.full(n, math.nan)
    gain = np.zeros(n)
    m_gain = np.zeros(n)
    m_len = np.zeros(n)
    m_lex = np.ones(n)
    chars = np.full(n, math.nan)
    join = np.full(n, -1.0)
    for a, b in {tuple(x) for x in sizes.tolist()}:
        idx = np.flatnonzero((sizes[:, 0] == a) & (sizes[:, 1] == b))
        i, j = ends[idx, 0], ends[idx, 1]
        k = scorer.types.index((a, b)) if (a, b) in scorer.types else -1
        if a == 0 or b == 0:
            cost[idx] = scorer.skip_cost(i, j, a, b)
            chars[idx] = scorer.omitted_chars(i, j, a, b)
            continue
        cs, cl = scorer.window_cosines(i, j, a, b)
        cos_sem[idx] = cs
        if cl is not None:
            cos_lex[idx] = cl
        sim[idx] = scorer.similarity(i, j, a, b)
        edge[idx] = scorer.edge_cosines(i, j, a, b)
        for _, rest, _, _ in scorer._edge_parts(i, j, a, b):
            gain[idx] = np.maximum(gain[idx], rest - cs)
        len_cost[idx] = scorer.length_cost(i, j, a, b)
        ev = scorer.member_evidence(i, j, a, b)
        m_gain[idx], m_len[idx], m_lex[idx] = ev.sem_gain, ev.len_gain, ev.lex
        join[idx] = scorer.join_gain(i, j, a, b)
        if k >= 0:
            cost[idx] = scorer(i, j, k)
    cal = scorer.calibration
    best_s = np.nan_to_num(cal.best_src, nan=0.0)
    best_t = np.nan_to_num(cal.best_tgt, nan=0.0)
    best = [max([float(best_s[i]) for i in s] + [float(best_t[j]) for j in t]) for s, t in path]
    best_norm = cal.sem.normalise(np.asarray(best, dtype=np.float64)) if path else np.zeros(0)
    edge_norm = cal.sem.normalise(edge)
    return tuple(
        ScoredBead(
            s,
            t,
            float(cost[x]),
            float(sim[x]),
            float(cos_sem[x]),
            float(cos_lex[x]),
            float(len_cost[x]),
            best[x],
            float(best_norm[x]),
            float(edge[x]),
            float(edge_norm[x]),
            float(gain[x]),
            math.nan if posteriors is None else float(posteriors[x]),
            float(m_gain[x]),
            float(m_len[x]),
            float(m_lex[x]),
            float(chars[x]),
            join_gain=float(join[x]),
        )
        for x, (s, t) in enumerate(path)
    )
