"""Merged-text re-scoring: re-decide close boundaries with the encoder's view of merged text.

The DP scores a window of segments through the sum of their vectors; an encoder reads
"A. B." differently from A and B apart. Where the DP chose a many-to-one bead next to another
bead, the two compete for the sentences at their boundary: every other split of the pair's
segments into two beads (and the one merged bead) is scored again with the semantic cosine of
the merged texts themselves, and the cheapest wins. Only close windows are encoded (an
alternative within ``margin`` of the chosen split under the summed-vector cost), so the
extra encoding stays a small, linear share of the work.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from bilingual.align.dp import BeadPath, path_points
from bilingual.align.features import BeadScorer
from bilingual.lang import joiner

log = logging.getLogger(__name__)

_Bead = tuple[tuple[int, ...], tuple[int, ...]]
# (src start, src split, src end, tgt start, tgt split, tgt end); split == end: one bead.
_Split = tuple[int, int, int, int, int, int]


@dataclass
class RescoreStats:
    """What one re-scoring did (mutable: filled in as the rescorer runs)."""

    windows: int = 0
    close: int = 0
    encoded: int = 0
    changed: int = 0
    seconds_encode: float = 0.0
    seconds: float = 0.0
    runs: list[int] = field(default_factory=list)


class MergedTextRescorer:
    """Callable ``(path, scorer) -> path`` for :func:`bilingual.align.core.align_features`."""

    def __init__(
        self,
        src_texts: Sequence[str],
        tgt_texts: Sequence[str],
        src_lang: str,
        tgt_lang: str,
        encoder: str,
        *,
        margin: float = 0.3,
        stats: RescoreStats | None = None,
    ) -> None:
        self.src_texts, self.tgt_texts = list(src_texts), list(tgt_texts)
        self.src_join, self.tgt_join = joiner(src_lang), joiner(tgt_lang)
        self.encoder = encoder
        self.margin = margin
        self.stats = stats if stats is not None else RescoreStats()

    def __call__(self, path: BeadPath, scorer: BeadScorer) -> BeadPath:
        start = time.perf_counter()
        pts = path_points(path)
        windows = _windows(path)
        self.stats.windows += len(windows)
        plans: list[tuple[int, list[_Split], int, np.ndarray]] = []
        for k in windows:
            splits = _splits(pts[k], pts[k + 2], scorer.types)
            chosen = (*_tuple(pts[k], pts[k + 1], pts[k + 2]),)
            costs = _split_costs(splits, scorer, None)
            if len(splits) < 2:
                continue
            c_chosen = costs[splits.index(chosen)] if chosen in splits else np.inf
            others = np.delete(costs, splits.index(chosen)) if chosen in splits else costs
            if np.isfinite(c_chosen) and np.min(others) - c_chosen > self.margin:
                continue
            plans.append((k, splits, splits.index(chosen) if chosen in splits else -1, costs))
        self.stats.close += len(plans)
        if not plans:
            self.stats.seconds += time.perf_counter() - start
            return path
        vectors = self._encode_windows(plans, scorer)
        new_path = list(path)
        replaced: dict[int, list[_Bead]] = {}
        for k, splits, chosen, _ in plans:
            costs = _split_costs(splits, scorer, vectors)
            best = int(np.argmin(costs))
            if best != chosen and np.isfinite(costs[best]):
                replaced[k] = _beads_of(splits[best])
        for k in sorted(replaced, reverse=True):
            new_path[k : k + 2] = replaced[k]
        self.stats.changed += len(replaced)
        self.stats.seconds += time.perf_counter() - start
        return tuple(new_path)

    def _encode_windows(
        self, plans: list[tuple[int, list[_Split], int, np.ndarray]], scorer: BeadScorer
    ) -> dict[tuple[str, int, int], np.ndarray]:
        """Unit vectors of every multi-segment side of every candidate bead (encoded once)."""
        need: set[tuple[str, int, int]] = set()
        for _, splits, _, _ in plans:
            for sp in splits:
                for (s0, s1), (t0, t1) in _ranges(sp):
                    if s1 - s0 > 1:
                        need.add(("s", s0, s1))
                    if t1 - t0 > 1:
                        need.add(("t", t0, t1))
        keys = sorted(need)
        texts = [
            (self.src_join if side == "s" else self.tgt_join).join(
                (self.src_texts if side == "s" else self.tgt_texts)[a:b]
            )
            for side, a, b in keys
        ]
        t0 = time.perf_counter()
        from bilingual.encode.base import get_encoder, normalise_rows

        vecs = (
            normalise_rows(np.asarray(get_encoder(self.encoder).encode(texts), dtype=np.float32))
            if texts
            else np.zeros((0, scorer.src.vectors.shape[1]), dtype=np.float32)
        )
        self.stats.seconds_encode += time.perf_counter() - t0
        self.stats.encoded += len(texts)
        return {k: v for k, v in zip(keys, vecs, strict=True)}


def _tuple(p0: np.ndarray, p1: np.ndarray, p2: np.ndarray) -> _Split:
    return (int(p0[0]), int(p1[0]), int(p2[0]), int(p0[1]), int(p1[1]), int(p2[1]))


def _windows(path: BeadPath) -> list[int]:
    """Start indices of non-overlapping pairs of linked beads, one of them many-to-one."""
    out: list[int] = []
    k = 0
    while k + 1 < len(path):
        (s1, t1), (s2, t2) = path[k], path[k + 1]
        linked = s1 and t1 and s2 and t2
        if linked and (len(s1) + len(t1) > 2 or len(s2) + len(t2) > 2):
            out.append(k)
            k += 2
        else:
            k += 1
    return out


def _splits(p0: np.ndarray, p2: np.ndarray, types: tuple[tuple[int, int], ...]) -> list[_Split]:
    """Every split of the window into two linked beads, and the window as one bead."""
    i0, j0, i2, j2 = int(p0[0]), int(p0[1]), int(p2[0]), int(p2[1])
    allowed = set(types)
    out: list[_Split] = []
    for si in range(i0 + 1, i2):
        for tj in range(j0 + 1, j2):
            if (si - i0, tj - j0) in allowed and (i2 - si, j2 - tj) in allowed:
                out.append((i0, si, i2, j0, tj, j2))
    if (i2 - i0, j2 - j0) in allowed:
        out.append((i0, i2, i2, j0, j2, j2))
    return out


def _ranges(sp: _Split) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    i0, si, i2, j0, tj, j2 = sp
    if si == i2:
        return [((i0, i2), (j0, j2))]
    return [((i0, si), (j0, tj)), ((si, i2), (tj, j2))]


def _beads_of(sp: _Split) -> list[_Bead]:
    return [(tuple(range(s0, s1)), tuple(range(t0, t1))) for (s0, s1), (t0, t1) in _ranges(sp)]


def _split_costs(
    splits: list[_Split],
    scorer: BeadScorer,
    vectors: dict[tuple[str, int, int], np.ndarray] | None,
) -> np.ndarray:
    """Summed cost of each split; with ``vectors`` the semantic cosine is the merged texts'."""
    out = np.zeros(len(splits))
    for n, sp in enumerate(splits):
        for (s0, s1), (t0, t1) in _ranges(sp):
            i, j = np.array([s1]), np.array([t1])
            cos = None
            if vectors is not None:
                vs = vectors[("s", s0, s1)] if s1 - s0 > 1 else scorer.src.vectors[s0]
                vt = vectors[("t", t0, t1)] if t1 - t0 > 1 else scorer.tgt.vectors[t0]
                cos = np.array([float(np.dot(vs.astype(np.float32), vt.astype(np.float32)))])
            out[n] += float(scorer.bead_cost(i, j, s1 - s0, t1 - t0, cos)[0])
    return out
