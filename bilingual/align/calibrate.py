"""Bead confidence: ``Bead.score`` is the probability that the bead is right.

Two logistic models (linked beads, and 1:0 / 0:1 omissions) over evidence the bead's own cost
does not carry: the margin between the bead's cosine and its members' best single matches
anywhere in the band, its neighbours' similarity, how well its edge members match the other
window and what the weakest of them adds (cosine, length fit, shared dictionary words), how
often the document merges at all, and for omissions how well the lone segment matches
anything and how long it is; for both, the bead's
posterior marginal over the DP lattice (``dp.forward_backward``: how much of the probability
of all paths the bead carries, i.e. how clearly it beats other readings of the same
segments). They are fitted on development data that contains the errors users meet
(``bench/bench_trust.py --fit``: seeded drops, insertions, merges and swaps as well as clean
gold), not on clean gold alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.align.config import AlignConfig
from bilingual.align.core import ScoredBead
from bilingual.align.orphans import merge_rate


@dataclass(frozen=True)
class ConfidenceModel:
    """``P(right) = sigmoid(w . features)``: one weight vector for linked beads
    (:func:`link_features`), one for omissions 1:0 / 0:1 (:func:`omission_features`)."""

    link: tuple[float, ...]
    omission: tuple[float, ...]


# Fitted by ``python bench/bench_trust.py --fit [--scorer hand|learned]`` (2026-12-07) on
# DEVELOPMENT beads only: MAC-Dev, Text+Berg 001–003, Bible 0–2000 and the even-numbered seeded
# drift documents of bench/drift_docs.py (NTREX, Tatoeba, debian-docs with drops, insertions,
# merges, swaps), aligned pre-split and as plain text; each set weighted by the square root
# of its size. Reliability tables and ECE per set: BENCHMARKS.md (issue 19).
# Refitted with the posterior feature (AlignConfig.posterior_temperature 0.5) on 2026-12-07;
# refitted again with the member evidence, the merge rate and the omission's length
# (posterior_temperature 0.125), third round of issue 19; fourth round: with the join gain
# of linked beads and the unmatched-block flag of omissions (lone sentences now record
# their real length).
DEFAULT_MODEL = ConfidenceModel(
    link=(
        0.7899, 1.5707, 2.7114, 0.5268, -0.4306, -0.1944, 1.4249, -0.1469, -1.3818,
        -0.1183, -1.8045, -0.9396, 0.603, -2.1393, -0.1377, 0.3385, 0.777, -0.4009,
    ),
    omission=(-0.7211, -1.9766, 1.17, -1.5129, -0.0372, 1.5621, 2.1695),
)  # fmt: skip
# The same fit on the beads the learned bead scorer chooses (its path differs; since the
# fourth round with the DP member penalty on and the scorer retrained on drift documents).
LEARNED_MODEL = ConfidenceModel(
    link=(
        2.5126, -0.1601, 3.2009, 0.286, -0.4301, -0.4007, 1.5144, -0.2636, -1.0043,
        0.4376, -1.0601, -0.9351, 0.6679, -1.6254, -0.1152, 0.3706, 0.5302, -0.4455,
    ),
    omission=(0.01, -2.6807, 1.1454, -2.0605, -0.0084, 1.7045, 2.9888),
)  # fmt: skip

# A bead made outside any DP lattice (a sentence of a paragraph the other side lacks, the
# long side outside an excerpt's region) has no posterior: it counts as a typical path bead.
_NO_POSTERIOR = 0.9
_LOGIT_CLIP = 8.0


def posterior_logit(beads: Sequence[ScoredBead]) -> np.ndarray:
    """Log-odds of each bead's posterior marginal over the DP lattice, clipped to ±8."""
    p = np.array([_finite(b.posterior, _NO_POSTERIOR) for b in beads], dtype=np.float64)
    p = np.clip(p, 1e-6, 1.0 - 1e-6)
    return np.clip(np.log(p) - np.log1p(-p), -_LOGIT_CLIP, _LOGIT_CLIP)


# A neighbour that is an omission counts as an unrelated pair (normalised similarity 0);
# a bead without neighbours (a one-bead document) as a typical match.
_OMISSION_NEIGHBOUR = 0.0
_NO_NEIGHBOUR = 1.0


def _finite(x: float, default: float = 0.0) -> float:
    return x if np.isfinite(x) else default


def neighbour_similarity(beads: Sequence[ScoredBead]) -> np.ndarray:
    """Mean normalised similarity of each bead's two neighbours on the path.

    A bead in a shifted chain has shifted neighbours; a right bead of a clean stretch has
    good ones: evidence the bead's own similarity does not carry.
    """
    val = np.array(
        [
            float(np.clip(_finite(b.sim), -2.0, 3.0)) if b.src and b.tgt else _OMISSION_NEIGHBOUR
            for b in beads
        ]
    )
    n = len(val)
    out = np.full(n, _NO_NEIGHBOUR)
    if n < 2:
        return out
    total = np.zeros(n)
    count = np.zeros(n)
    total[1:] += val[:-1]
    count[1:] += 1
    total[:-1] += val[1:]
    count[:-1] += 1
    return total / count


N_LINK_FEATURES = 18


def merge_prior(beads: Sequence[ScoredBead]) -> float:
    """Log-odds that a linked bead of this path is a merge (n:m, n + m > 2), smoothed.

    A merge in a document whose other links are nearly all 1:1 (news, manuals, subtitles) is
    more often an orphan riding in its neighbour's bead than a merge in a literary text where
    a third of the links are merges: the path's own merge rate says which kind of text it is.
    """
    return merge_rate([(b.src, b.tgt) for b in beads])


def link_features(
    beads: Sequence[ScoredBead],
    neighbours: np.ndarray | None = None,
    prior: float | None = None,
) -> np.ndarray:
    """Features of linked beads: bias, document-normalised sim, raw semantic cosine, lexical
    cosine, length cost, extra segments, margin, neighbours' similarity, member best match,
    how far the worst edge member's cosine with the other window lies below the bead's (raw)
    and where it lies (normalised), how much the cosine would rise without that member, the
    log-odds of the bead's posterior marginal over the DP lattice, and for merged beads what
    their weakest edge member adds (``ScoredBead.member_gain``, ``member_len_gain``,
    ``member_lex``: an orphan riding in a right pair adds nothing) and the path's merge rate
    (:func:`merge_prior`; ``prior`` overrides it), and how much a neighbouring segment
    joining the bead would raise its cosine (``ScoredBead.join_gain``: a bead that is one piece
    of a larger translation unit gains from its neighbour; most confident wrong beads of
    MAC-Dev and the Bible are such pieces).

    The raw cosine matters: normalisation makes a typical pair of a drifting document look as
    good as a typical pair of a clean translation. The margin (the bead's cosine minus the best
    single-segment cosine any member reaches anywhere in the band) is negative when a member
    has a better partner elsewhere, which is what a shifted or padded bead looks like.
    """
    nb = neighbour_similarity(beads) if neighbours is None else neighbours
    post = posterior_logit(beads)
    mp = merge_prior(beads) if prior is None else prior
    rows = []
    for b, v, q in zip(beads, nb, post, strict=True):
        cs = _finite(b.cos_sem)
        merged = float(len(b.src) + len(b.tgt) > 2)
        best = _finite(b.best_other, cs)
        rows.append(
            (
                1.0,
                float(np.clip(_finite(b.sim), -2.0, 3.0)),
                cs,
                _finite(b.cos_lex),
                min(_finite(b.length_cost), 10.0),
                len(b.src) + len(b.tgt) - 2,
                cs - best,
                v,
                float(np.clip(_finite(b.best_other_norm, 1.0), -2.0, 3.0)),
                cs - _finite(b.edge_cos, cs),
                float(np.clip(_finite(b.edge_norm, 1.0), -2.0, 3.0)),
                float(np.clip(_finite(b.part_gain), 0.0, 1.0)),
                float(q),
                float(np.clip(_finite(b.member_gain), -1.0, 1.0)),
                float(np.clip(_finite(b.member_len_gain), -3.0, 3.0)),
                float(np.clip(_finite(b.member_lex, 1.0), -2.0, 1.0)) - 1.0,
                merged * mp,
                float(np.clip(_finite(b.join_gain, -1.0), -1.0, 1.0)),
            )
        )
    return np.asarray(rows, dtype=np.float64).reshape(-1, N_LINK_FEATURES)


N_OMISSION_FEATURES = 7
# An omission of unknown length (made outside the DP) counts as a sentence of typical length.
_TYPICAL_CHARS = 100.0


def omission_features(
    beads: Sequence[ScoredBead], neighbours: np.ndarray | None = None
) -> np.ndarray:
    """Features of 1:0 / 0:1 beads: bias, the segment's best raw and normalised cosine with
    any single segment of the other side, neighbours' similarity, the log-odds of the
    omission's posterior marginal over the DP lattice, log(1 + the segment's length), and
    whether a coarser pass left its whole block unmatched (``ScoredBead.unmatched_block``:
    a sentence of a paragraph the other side lacks is a real omission whatever its length,
    where a short lone piece inside a linked paragraph is often segmenter debris).

    A segment left alone although it has a good match nearby is probably a missed link.
    """
    nb = neighbour_similarity(beads) if neighbours is None else neighbours
    post = posterior_logit(beads)
    rows = []
    for b, v, q in zip(beads, nb, post, strict=True):
        rows.append(
            (
                1.0,
                _finite(b.best_other),
                float(np.clip(_finite(b.best_other_norm), -2.0, 3.0)),
                v,
                float(q),
                float(np.log1p(max(_finite(b.omit_chars, _TYPICAL_CHARS), 0.0))),
                float(b.unmatched_block),
            )
        )
    return np.asarray(rows, dtype=np.float64).reshape(-1, N_OMISSION_FEATURES)


@dataclass(frozen=True)
class PathFeatures:
    """The confidence models' inputs for one path: which beads are linked and which omitted
    (indices into the path), and their feature rows."""

    linked: np.ndarray
    link: np.ndarray
    omitted: np.ndarray
    omission: np.ndarray


def path_features(beads: Sequence[ScoredBead]) -> PathFeatures:
    """Feature rows of a whole path (in order): neighbours and the document's merge rate are
    read along it, so pass the path, not a selection."""
    nb = neighbour_similarity(beads)
    prior = merge_prior(beads)
    linked = np.array([k for k, b in enumerate(beads) if b.src and b.tgt], dtype=np.int64)
    omitted = np.array([k for k, b in enumerate(beads) if not (b.src and b.tgt)], dtype=np.int64)
    return PathFeatures(
        linked,
        link_features([beads[k] for k in linked], nb[linked], prior),
        omitted,
        omission_features([beads[k] for k in omitted], nb[omitted]),
    )


def confidences(beads: Sequence[ScoredBead], model: ConfidenceModel = DEFAULT_MODEL) -> np.ndarray:
    """Calibrated probability that each bead is right, in [0, 1].

    Neighbours are taken along ``beads``: pass a whole path (in order), not a selection.
    """
    out = np.zeros(len(beads))
    f = path_features(beads)
    if len(f.linked):
        out[f.linked] = _sigmoid(f.link @ np.asarray(model.link))
    if len(f.omitted):
        out[f.omitted] = _sigmoid(f.omission @ np.asarray(model.omission))
    return np.clip(out, 0.0, 1.0)


def bead_confidences(beads: Sequence[ScoredBead], config: AlignConfig) -> np.ndarray:
    """``Bead.score`` of path beads: the confidence model fitted for the scorer in use.

    Each scorer's beads have coefficients fitted on the dev beads that scorer chooses.
    """
    return confidences(beads, LEARNED_MODEL if config.scorer == "learned" else DEFAULT_MODEL)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    l2: float = 1e-3,
    steps: int = 50,
    sample_weight: np.ndarray | None = None,
) -> np.ndarray:
    """Weights of an L2-regularised logistic regression by Newton's method (small inputs)."""
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = _sigmoid(x @ w)
        grad = x.T @ (sw * (p - y)) + l2 * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w
