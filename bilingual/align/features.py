"""Per-segment features of one side (encoded once) and the bead scorer built on them.

Every segment is encoded exactly once. A window of consecutive segments is scored through
sums: ``cos(sum(src window), sum(tgt window))`` needs only the dot products of single
segments (a block of the sentence similarity matrix around the band) and the squared norms of
window sums, so overlapping windows are never re-encoded (re-encoding them is where Bertalign
spends almost all of its time on long texts).

Channels: semantic (sentence-encoder cosine), lexical (cosine of hashed lexical vectors),
length (Gale–Church −log p calibrated on the document, from bilingual.encode.length), plus a
local hubness term (CSLS-like: the mean of a segment's best similarities inside the band).
Semantic and lexical cosines are normalised per document: 0 = a typical unrelated pair in the
band, 1 = a typical best match.
"""

from __future__ import annotations

import logging
import math
import warnings
from dataclasses import dataclass

import numpy as np

from bilingual.align.config import AlignConfig
from bilingual.align.dp import Band
from bilingual.align.members import MemberEvidence, length_gain
from bilingual.encode.length import LengthModel, calibrate_length_model, length_cost

log = logging.getLogger(__name__)

_ROW_CHUNK = 64


@dataclass(frozen=True)
class SideFeatures:
    """What the aligner knows about one side: one row per segment.

    ``vectors`` are sentence embeddings (unit rows for segments, sums for coarsened blocks),
    ``lexical`` optional unnormalised lexical vectors, ``lengths`` sizes in characters;
    ``encoder`` is the name of the sentence encoder that made ``vectors`` (it goes into the
    alignment's signature; empty for vectors made by hand).
    """

    vectors: np.ndarray
    lexical: np.ndarray | None
    lengths: np.ndarray
    encoder: str = ""

    def __len__(self) -> int:
        return int(self.lengths.shape[0])

    def coarsen(self, factor: int) -> SideFeatures:
        """Sum blocks of ``factor`` consecutive segments into one row."""
        n = len(self)
        starts = np.arange(0, n, factor)
        vec = np.add.reduceat(self.vectors, starts, axis=0) if n else self.vectors
        lex = None
        if self.lexical is not None and n:
            # Sums of many rows can leave float16's range: coarse blocks stay float32 (they
            # are a quarter of the rows at most).
            lex = np.add.reduceat(self.lexical, starts, axis=0, dtype=np.float32)
        lengths = np.add.reduceat(self.lengths, starts) if n else self.lengths
        return SideFeatures(vec.astype(np.float32), lex, lengths.astype(np.float64), self.encoder)

    def select(self, idx: np.ndarray | list[int]) -> SideFeatures:
        """The rows ``idx`` (in that order) as a new SideFeatures."""
        ix = np.asarray(idx, dtype=np.int64)
        lex = self.lexical[ix] if self.lexical is not None else None
        return SideFeatures(self.vectors[ix], lex, self.lengths[ix], self.encoder)


def _f32(x: np.ndarray) -> np.ndarray:
    """``x`` as float32 (features may be stored as float16; BLAS has no float16 products)."""
    return x if x.dtype == np.float32 else x.astype(np.float32)


def _prefix_sums(block: np.ndarray) -> np.ndarray:
    """``out[r, c] = block[:r, :c].sum()`` (float64, one row and column of zeros in front)."""
    out = np.zeros((block.shape[0] + 1, block.shape[1] + 1), dtype=np.float64)
    np.cumsum(block, axis=0, dtype=np.float64, out=out[1:, 1:])
    np.cumsum(out[1:, 1:], axis=1, out=out[1:, 1:])
    return out


def _window_sq_norms(v: np.ndarray, max_a: int) -> np.ndarray:
    """``out[a, i] = |v[i-a] + ... + v[i-1]|^2`` for DP boundaries ``i`` (0 where ``i < a``)."""
    n = v.shape[0]
    out = np.zeros((max_a + 1, n + 1), dtype=np.float64)
    acc = np.zeros_like(v, dtype=np.float32)
    for a in range(1, max_a + 1):
        if a > n:
            break
        # acc[t] = v[t] + ... + v[t+a-1], the window ending at boundary t+a.
        acc = acc[: n - a + 1] + v[a - 1 :]
        out[a, a:] = np.einsum("ij,ij->i", acc, acc, dtype=np.float64)
    return out


@dataclass(frozen=True)
class ChannelStats:
    """Per-document calibration of a similarity channel: unrelated and matched levels."""

    unrelated: float
    matched: float

    def normalise(self, x: np.ndarray) -> np.ndarray:
        span = max(self.matched - self.unrelated, 1e-3)
        return (x - self.unrelated) / span


@dataclass(frozen=True)
class Calibration:
    """What a scorer learnt from the whole document; reused for sub-problems (paragraph groups)."""

    sem: ChannelStats
    lex: ChannelStats
    hub_src: np.ndarray
    hub_tgt: np.ndarray
    len_ratio: float
    len_variance: float
    # Each segment's best raw semantic cosine with a single segment of the other side
    # (inside the band): how well it can be matched at all.
    best_src: np.ndarray
    best_tgt: np.ndarray

    def subset(self, src_idx: np.ndarray, tgt_idx: np.ndarray) -> Calibration:
        """The same calibration restricted to some segments (in that order)."""
        return Calibration(
            self.sem,
            self.lex,
            self.hub_src[src_idx],
            self.hub_tgt[tgt_idx],
            self.len_ratio,
            self.len_variance,
            self.best_src[src_idx],
            self.best_tgt[tgt_idx],
        )


class BeadScorer:
    """Cost of every bead type at DP cells, for ``dynamic_program``; caches similarity blocks."""

    def __init__(
        self,
        src: SideFeatures,
        tgt: SideFeatures,
        types: tuple[tuple[int, int], ...],
        config: AlignConfig,
        band: Band,
        calibration: Calibration | None = None,
    ) -> None:
        self.src, self.tgt, self.types, self.config = src, tgt, types, config
        self.max_a = max(a for a, _ in types)
        self.max_b = max(b for _, b in types)
        self.use_lex = (
            config.use_lexical
            and config.lex_weight != 0
            and src.lexical is not None
            and tgt.lexical is not None
        )
        self.sem_norm_s = _window_sq_norms(src.vectors, self.max_a)
        self.sem_norm_t = _window_sq_norms(tgt.vectors, self.max_b)
        if self.use_lex:
            assert src.lexical is not None and tgt.lexical is not None
            self.lex_norm_s = _window_sq_norms(src.lexical, self.max_a)
            self.lex_norm_t = _window_sq_norms(tgt.lexical, self.max_b)
        self.len_cum_s = np.concatenate([[0.0], np.cumsum(src.lengths)])
        self.len_cum_t = np.concatenate([[0.0], np.cumsum(tgt.lengths)])
        self._cache: dict[int, tuple[int, int, int, int, np.ndarray, np.ndarray | None]] = {}
        self.calibration = calibration if calibration is not None else self.calibrate(band)
        cal = self.calibration
        self.sem_stats, self.lex_stats = cal.sem, cal.lex
        self.hub_cum_s = np.concatenate([[0.0], np.cumsum(cal.sem.normalise(cal.hub_src))])
        self.hub_cum_t = np.concatenate([[0.0], np.cumsum(cal.sem.normalise(cal.hub_tgt))])
        self.skip_scale_s = self._skip_scale(cal.best_src)
        self.skip_scale_t = self._skip_scale(cal.best_tgt)

    def _skip_scale(self, best: np.ndarray) -> np.ndarray:
        """Per-segment factor on the skip cost: segments that match nothing are cheap to omit.

        Without it an unmatched segment (a heading or note the other side lacks, OCR debris)
        rides along in a neighbour's bead, since merging costs only some dilution of the
        window cosine; with it the omission costs what the segment's best match is worth.
        """
        w = self.config.skip_match_weight
        if w <= 0 or not self.config.use_semantic:
            return np.ones(len(best))
        quality = np.clip(self.sem_stats.normalise(np.nan_to_num(best, nan=1.0)), 0.0, 1.0)
        return 1.0 - w + w * quality

    # -- calibration on the document itself ------------------------------------------------
    def calibrate(self, band: Band) -> Calibration:
        """Estimate unrelated/matched levels per channel, local hubness and length ratio."""
        n, m = len(self.src), len(self.tgt)
        k = self.config.hub_k
        hub_s = np.zeros(n)
        best_s = np.full(n, np.nan)
        hub_t_top = np.full((m, k), -np.inf)
        best_sem: list[np.ndarray] = []
        best_lex: list[np.ndarray] = []
        sample_sem: list[np.ndarray] = []
        sample_lex: list[np.ndarray] = []
        rng = np.random.default_rng(0)
        sn_s = np.sqrt(np.maximum(self.sem_norm_s[1, 1:], 1e-12))
        sn_t = np.sqrt(np.maximum(self.sem_norm_t[1, 1:], 1e-12))
        for r0 in range(0, n, _ROW_CHUNK):
            r1 = min(n, r0 + _ROW_CHUNK)
            # Sentence i is the last member of beads ending at DP row i + 1.
            lo = band.lo[r0 + 1 : r1 + 1]
            hi = band.hi[r0 + 1 : r1 + 1]
            c0, c1 = max(int(lo.min()) - 1, 0), int(hi.max())
            if c1 <= c0:
                continue
            sem = self.src.vectors[r0:r1] @ self.tgt.vectors[c0:c1].T
            sem = sem / sn_s[r0:r1, None] / sn_t[None, c0:c1]
            cols = np.arange(c0, c1)
            inside = (cols[None, :] >= (lo[:, None] - 1)) & (cols[None, :] < hi[:, None])
            sem_in = np.where(inside, sem, -np.inf)
            kk = min(k, sem.shape[1])
            top = -np.partition(-sem_in, kk - 1, axis=1)[:, :kk]
            top = np.where(np.isfinite(top), top, np.nan)
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                hub_s[r0:r1] = np.nan_to_num(np.nanmean(top, axis=1), nan=0.0)
                best_sem.append(np.nanmax(top, axis=1))
                best_s[r0:r1] = best_sem[-1]
            # Running top-k per target column over the rows seen so far.
            colk = min(k, sem_in.shape[0])
            ctop = -np.partition(-sem_in, colk - 1, axis=0)[:colk].T
            merged = np.concatenate([hub_t_top[c0:c1], ctop], axis=1)
            hub_t_top[c0:c1] = -np.partition(-merged, k - 1, axis=1)[:, :k]
            vals = sem[inside]
            if vals.size:
                sample_sem.append(rng.choice(vals, size=min(vals.size, 256), replace=False))
            if self.use_lex:
                assert self.src.lexical is not None and self.tgt.lexical is not None
                lex = _f32(self.src.lexical[r0:r1]) @ _f32(self.tgt.lexical[c0:c1]).T
                ns = np.sqrt(np.maximum(self.lex_norm_s[1, r0 + 1 : r1 + 1], 1e-12))
                nt = np.sqrt(np.maximum(self.lex_norm_t[1, c0 + 1 : c1 + 1], 1e-12))
                lex = lex / ns[:, None] / nt[None, :]
                lex_in = np.where(inside, lex, -np.inf)
                best_lex.append(lex_in.max(axis=1))
                lvals = lex[inside]
                if lvals.size:
                    sample_lex.append(rng.choice(lvals, size=min(lvals.size, 256), replace=False))
        hub_t_top = np.where(np.isfinite(hub_t_top), hub_t_top, np.nan)
        # A target column that no source row reaches (very unequal sides) is all-NaN:
        # numpy warns through the warnings module, which errstate does not cover.
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            hub_t = np.nan_to_num(np.nanmean(hub_t_top, axis=1), nan=0.0) if m else np.zeros(0)
            best_t = np.nanmax(hub_t_top, axis=1) if m else np.zeros(0)
        model = calibrate_length_model(self.src.lengths, self.tgt.lengths)
        cal = Calibration(
            sem=_stats(best_sem, sample_sem, ChannelStats(0.15, 0.6)),
            lex=_stats(best_lex, sample_lex, ChannelStats(0.02, 0.3)),
            hub_src=hub_s,
            hub_tgt=hub_t,
            len_ratio=model.ratio,
            len_variance=model.variance * self.config.len_variance_scale,
            best_src=best_s,
            best_tgt=best_t,
        )
        log.debug("calibration sem=%s lex=%s length=%s", cal.sem, cal.lex, model)
        return cal

    # -- window similarities ---------------------------------------------------------------
    def _blocks(self, rows: np.ndarray, cols: np.ndarray, t: int):
        """Similarity blocks for DP rows of chunk ``t`` covering the given cells."""
        c_need0 = max(int(cols.min()) - self.max_b, 0)
        c_need1 = int(cols.max())
        hit = self._cache.get(t)
        if hit is not None and hit[2] <= c_need0 and hit[3] >= c_need1:
            return hit
        r0 = max(t * _ROW_CHUNK - self.max_a, 0)
        r1 = min((t + 1) * _ROW_CHUNK, len(self.src))
        if hit is not None:
            c_need0, c_need1 = min(c_need0, hit[2]), max(c_need1, hit[3])
        sem = _prefix_sums(self.src.vectors[r0:r1] @ self.tgt.vectors[c_need0:c_need1].T)
        lex = None
        if self.use_lex:
            assert self.src.lexical is not None and self.tgt.lexical is not None
            lex = _prefix_sums(
                _f32(self.src.lexical[r0:r1]) @ _f32(self.tgt.lexical[c_need0:c_need1]).T
            )
        entry = (r0, r1, c_need0, c_need1, sem, lex)
        self._cache[t] = entry
        return entry

    def window_cosines(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Raw semantic (and lexical) cosine of the windows ``src[i-a:i]``, ``tgt[j-b:j]``."""
        dot_sem = np.zeros(len(i), dtype=np.float64)
        dot_lex = np.zeros(len(i), dtype=np.float64) if self.use_lex else None
        chunk = np.maximum(i - 1, 0) // _ROW_CHUNK
        if len(chunk):
            # Calls come block by block in row order: older blocks are never asked again.
            for old in [key for key in self._cache if key < chunk[0]]:
                del self._cache[old]
        bounds = np.flatnonzero(np.diff(chunk)) + 1
        for s, e in zip(np.r_[0, bounds], np.r_[bounds, len(i)], strict=True):
            ii, jj = i[s:e], j[s:e]
            r0, _, c0, _, sem, lex = self._blocks(ii, jj, int(chunk[s]))
            # The window's sum of dot products from the block's 2-D prefix sums: four look-ups
            # whatever the bead size (a loop over a * b pairs made large beads costly).
            hi_r, lo_r, hi_c, lo_c = ii - r0, ii - a - r0, jj - c0, jj - b - c0
            dot_sem[s:e] = sem[hi_r, hi_c] - sem[lo_r, hi_c] - sem[hi_r, lo_c] + sem[lo_r, lo_c]
            if dot_lex is not None and lex is not None:
                dot_lex[s:e] = lex[hi_r, hi_c] - lex[lo_r, hi_c] - lex[hi_r, lo_c] + lex[lo_r, lo_c]
        cos_sem = dot_sem / np.sqrt(
            np.maximum(self.sem_norm_s[a, i] * self.sem_norm_t[b, j], 1e-12)
        )
        cos_lex = None
        if dot_lex is not None:
            cos_lex = dot_lex / np.sqrt(
                np.maximum(self.lex_norm_s[a, i] * self.lex_norm_t[b, j], 1e-12)
            )
        return cos_sem, cos_lex

    def _edge_parts(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int
    ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """For each edge member of a side with two or more segments: its cosine with the other
        side's window, the cosine of the bead without it, its index and which side it is on
        (0 source, 1 target), all at the cells ``i, j``."""
        out: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        if a <= 1 and b <= 1:
            return out
        n = len(i)
        cols: dict[tuple[int, int], list[np.ndarray]] = {}
        chunk = np.maximum(i - 1, 0) // _ROW_CHUNK
        bounds = np.flatnonzero(np.diff(chunk)) + 1
        for s, e in zip(np.r_[0, bounds], np.r_[bounds, len(i)], strict=True):
            ii, jj = i[s:e], j[s:e]
            r0, _, c0, _, sem, _ = self._blocks(ii, jj, int(chunk[s]))
            hi_r, lo_r, hi_c, lo_c = ii - r0, ii - a - r0, jj - c0, jj - b - c0
            window = sem[hi_r, hi_c] - sem[lo_r, hi_c] - sem[hi_r, lo_c] + sem[lo_r, lo_c]
            if a > 1:
                for side_k, r in enumerate((lo_r, hi_r - 1)):  # first and last source member
                    dot = sem[r + 1, hi_c] - sem[r, hi_c] - sem[r + 1, lo_c] + sem[r, lo_c]
                    cols.setdefault((0, side_k), []).append(np.stack([dot, window, r + r0]))
            if b > 1:
                for side_k, c in enumerate((lo_c, hi_c - 1)):  # first and last target member
                    dot = sem[hi_r, c + 1] - sem[lo_r, c + 1] - sem[hi_r, c] + sem[lo_r, c]
                    cols.setdefault((1, side_k), []).append(np.stack([dot, window, c + c0]))
        for (side, k), parts in cols.items():
            dot, window, idx = np.concatenate(parts, axis=1).reshape(3, n)
            idx = idx.astype(np.int64)
            if side == 0:
                own = np.sqrt(np.maximum(self.sem_norm_s[1, idx + 1], 1e-12))
                other = np.sqrt(np.maximum(self.sem_norm_t[b, j], 1e-12))
                # The source window without this member ends at i (first removed) or i - 1.
                rest = self.sem_norm_s[a - 1, i - (k == 1)]
            else:
                own = np.sqrt(np.maximum(self.sem_norm_t[1, idx + 1], 1e-12))
                other = np.sqrt(np.maximum(self.sem_norm_s[a, i], 1e-12))
                rest = self.sem_norm_t[b - 1, j - (k == 1)]
            member_cos = dot / (own * other)
            rest_cos = (window - dot) / (np.sqrt(np.maximum(rest, 1e-12)) * other)
            out.append((member_cos, rest_cos, idx, np.full(n, side)))
        return out

    def edge_cosines(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Lowest raw cosine of an edge member (first or last segment of a side with two or
        more) with the other side's whole window; the window cosine for 1:1 beads.

        A segment with no counterpart that rides along in its neighbour's bead sits at the
        bead's edge and matches the other window poorly, however good the window is.
        """
        parts = self._edge_parts(i, j, a, b)
        if not parts:
            return self.window_cosines(i, j, a, b)[0]
        return np.min(np.stack([p[0] for p in parts]), axis=0)

    def join_gain(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """The largest rise of the window cosine of linked beads ``(a, b)`` ending at the
        cells when one neighbouring segment (before or after, on either side) joins them, in
        [-1, 1]; -1 where no neighbour can join (document edge, largest bead size).

        A bead that is one piece of a larger translation unit (the DP split a real 1:2 into
        1:1 and 0:1, or two 1:1 beads of which one is half right) gains from its neighbour;
        a complete pair loses, since the neighbour translates something else.
        """
        n = len(i)
        gain = np.full(n, -1.0)
        if n == 0 or a == 0 or b == 0:
            return gain
        base = self.window_cosines(i, j, a, b)[0]
        options = []
        if a < self.max_a:
            options += [
                (i, j, a + 1, b, i - a - 1 >= 0),
                (i + 1, j, a + 1, b, i + 1 <= len(self.src)),
            ]
        if b < self.max_b:
            options += [
                (i, j, a, b + 1, j - b - 1 >= 0),
                (i, j + 1, a, b + 1, j + 1 <= len(self.tgt)),
            ]
        for ii, jj, aa, bb, ok in options:
            cells = np.flatnonzero(ok)
            if len(cells):
                cos = self.window_cosines(ii[cells], jj[cells], aa, bb)[0]
                gain[cells] = np.maximum(gain[cells], cos - base[cells])
        return np.clip(gain, -1.0, 1.0)

    def member_evidence(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> MemberEvidence:
        """What the weakest edge member of merged beads ``(a, b)`` adds to them (see
        :class:`MemberEvidence`); no gain and a typical lexical match for 1:1 beads, which
        have no member to leave out."""
        n = len(i)
        if n == 0 or (a <= 1 and b <= 1):
            return MemberEvidence(np.zeros(n), np.zeros(n), np.ones(n))
        return MemberEvidence(
            self.edge_cosine_gain(i, j, a, b),
            self.edge_length_gain(i, j, a, b),
            self._edge_lexical(i, j, a, b),
        )

    def edge_cosine_gain(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int, window: np.ndarray | None = None
    ) -> np.ndarray:
        """The largest rise of the window cosine (``window`` if known) when one edge member is
        left out, in [-1, 1]."""
        window = self.window_cosines(i, j, a, b)[0] if window is None else window
        gain = np.full(len(i), -np.inf)
        for _, rest_cos, _, _ in self._edge_parts(i, j, a, b):
            gain = np.maximum(gain, rest_cos - window)
        return np.clip(gain, -1.0, 1.0)

    def edge_length_gain(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int, positive_only: bool = False
    ) -> np.ndarray:
        """The largest fall of the (capped) length cost when one edge member is left out."""
        ls = self.len_cum_s[i] - self.len_cum_s[i - a]
        lt = self.len_cum_t[j] - self.len_cum_t[j - b]
        cal = self.calibration
        model = LengthModel(cal.len_ratio, cal.len_variance)
        rests = []
        if a > 1:
            rests += [(ls - self.src.lengths[idx], lt) for idx in (i - a, i - 1)]
        if b > 1:
            rests += [(ls, lt - self.tgt.lengths[idx]) for idx in (j - b, j - 1)]
        return length_gain(ls, lt, rests, model, positive_only)

    def _edge_lexical(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Lowest lexical cosine of an edge member with the other side's window, normalised
        (0 = a typical unrelated pair, 1 = a typical match); 1 where the channel says nothing
        (no lexical vectors, or a member without any lexical key)."""
        n = len(i)
        if not self.use_lex or n == 0 or (a <= 1 and b <= 1):
            return np.ones(n)
        assert self.src.lexical is not None and self.tgt.lexical is not None
        low = np.full(n, np.inf)
        chunk = np.maximum(i - 1, 0) // _ROW_CHUNK
        bounds = np.flatnonzero(np.diff(chunk)) + 1
        dots: list[tuple[int, int, np.ndarray, np.ndarray]] = []
        for s, e in zip(np.r_[0, bounds], np.r_[bounds, n], strict=True):
            ii, jj = i[s:e], j[s:e]
            r0, _, c0, _, _, lex = self._blocks(ii, jj, int(chunk[s]))
            assert lex is not None
            hi_r, lo_r, hi_c, lo_c = ii - r0, ii - a - r0, jj - c0, jj - b - c0
            if a > 1:
                for r in (lo_r, hi_r - 1):
                    dot = lex[r + 1, hi_c] - lex[r, hi_c] - lex[r + 1, lo_c] + lex[r, lo_c]
                    dots.append((s, 0, dot, r + r0))
            if b > 1:
                for c in (lo_c, hi_c - 1):
                    dot = lex[hi_r, c + 1] - lex[lo_r, c + 1] - lex[hi_r, c] + lex[lo_r, c]
                    dots.append((s, 1, dot, c + c0))
        for s, side, dot, idx in dots:
            e = s + len(dot)
            if side == 0:
                own = self.lex_norm_s[1, idx + 1]
                other = self.lex_norm_t[b, j[s:e]]
            else:
                own = self.lex_norm_t[1, idx + 1]
                other = self.lex_norm_s[a, i[s:e]]
            ok = (own > 1e-9) & (other > 1e-9)
            cos = dot / np.sqrt(np.maximum(own * other, 1e-12))
            val = np.where(ok, self.lex_stats.normalise(cos), 1.0)
            low[s:e] = np.minimum(low[s:e], val)
        return np.clip(np.where(np.isfinite(low), low, 1.0), -2.0, 3.0)

    def part_penalty(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """What a merged bead pays for an edge member that adds nothing.

        A merge must beat its parts: when the bead without an edge member has a semantic
        cosine higher by ``part_margin`` than the whole bead's, and the member's own cosine with
        the other window is below ``part_floor`` (normalised: 0 = unrelated, 1 = a typical
        match), that member is an omission riding in the bead,
        and the bead pays ``part_weight`` times the member's own skip cost (so leaving it
        alone as 1:0 / 0:1 is never dearer than hiding it in a merge).
        """
        cfg = self.config
        out = np.zeros(len(i))
        if cfg.part_weight <= 0 or not cfg.use_semantic or len(i) == 0:
            return out
        parts = self._edge_parts(i, j, a, b)
        if not parts:
            return out
        window = self.window_cosines(i, j, a, b)[0]
        for member_cos, rest_cos, idx, side in parts:
            scale = (self.skip_scale_s if side[0] == 0 else self.skip_scale_t)[idx]
            hit = (rest_cos > window + cfg.part_margin) & (
                self.sem_stats.normalise(member_cos) < cfg.part_floor
            )
            out = np.maximum(out, np.where(hit, cfg.part_weight * cfg.skip_cost * scale, 0.0))
        return out

    def similarity(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int, cos_sem: np.ndarray | None = None
    ) -> np.ndarray:
        """The combined, document-normalised similarity ``sim`` of beads ``(a, b)`` at cells.

        ``cos_sem`` replaces the semantic window cosine (merged-text re-scoring).
        """
        cfg = self.config
        summed, cos_lex = self.window_cosines(i, j, a, b)
        cos_sem = summed if cos_sem is None else cos_sem
        sim = np.zeros(len(i))
        if cfg.use_semantic:
            sim += cfg.sem_weight * self.sem_stats.normalise(cos_sem)
        if cos_lex is not None:
            sim += cfg.lex_weight * self.lex_stats.normalise(cos_lex)
        if cfg.hub_weight and cfg.use_semantic:
            hub = (self.hub_cum_s[i] - self.hub_cum_s[i - a]) / a + (
                self.hub_cum_t[j] - self.hub_cum_t[j - b]
            ) / b
            sim -= cfg.hub_weight * (hub / 2.0 - 1.0)
        return sim

    def length_cost(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        ls = self.len_cum_s[i] - self.len_cum_s[i - a]
        lt = self.len_cum_t[j] - self.len_cum_t[j - b]
        cal = self.calibration
        return length_cost(ls, lt, LengthModel(cal.len_ratio, cal.len_variance))

    def omitted_chars(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Length of the lone segments of beads ``(a, 0)`` or ``(0, b)`` in source units."""
        if a:
            return self.len_cum_s[i] - self.len_cum_s[i - a]
        return (self.len_cum_t[j] - self.len_cum_t[j - b]) / self.calibration.len_ratio

    def skip_cost(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Cost of leaving one segment unaligned: cheaper for very short fragments."""
        cfg = self.config
        scale = self.skip_scale_s[i - 1] if a else self.skip_scale_t[j - 1]
        if cfg.skip_short_chars <= 0:
            return cfg.skip_cost * scale
        length = self.omitted_chars(i, j, a, b)
        return cfg.skip_cost * scale * (1.0 - np.exp(-length / cfg.skip_short_chars))

    def __call__(self, i: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
        a, b = self.types[k]
        return self.bead_cost(i, j, a, b)

    def bead_cost(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int, cos_sem: np.ndarray | None = None
    ) -> np.ndarray:
        """Cost of beads ``(a, b)`` ending at cells (``cos_sem``: see :meth:`similarity`)."""
        cfg = self.config
        if a == 0 or b == 0:
            return self.skip_cost(i, j, a, b)
        # One bead scores its similarity once, whatever its size (as in Bertalign): merging
        # two good beads into one loses a bead's worth of score, so merges must pay for
        # themselves by a clearly higher window similarity.
        cost = -self.similarity(i, j, a, b, cos_sem) + cfg.merge_penalty * (a + b - 2)
        cost = cost + self.part_penalty(i, j, a, b)
        if cfg.use_length:
            cost = cost + cfg.len_weight * self.length_cost(i, j, a, b)
        return cost


def _stats(
    best: list[np.ndarray], sample: list[np.ndarray], fallback: ChannelStats
) -> ChannelStats:
    """Median best match and median unrelated value, shrunk towards ``fallback`` when few."""
    b = np.concatenate(best) if best else np.zeros(0)
    b = b[np.isfinite(b)]
    s = np.concatenate(sample) if sample else np.zeros(0)
    s = s[np.isfinite(s)]
    if b.size == 0 or s.size == 0:
        return fallback
    weight = min(1.0, b.size / 20.0)
    matched = weight * float(np.median(b)) + (1 - weight) * fallback.matched
    unrelated = weight * float(np.median(s)) + (1 - weight) * fallback.unrelated
    if not math.isfinite(matched) or matched - unrelated < 0.05:
        return fallback
    return ChannelStats(unrelated, matched)
