"""Bead confidence: a logistic model of "this bead is right" fitted on development gold.

Inputs are what the scorer saw for the bead (normalised similarity, lexical cosine, length
cost, bead size). The coefficients below come from ``bench/bench_align.py --calibrate`` on the
development documents (Text+Berg 001–003 and Bible sentences 0–2000, a Bible bead counting as
right when its verse-merged group is a gold bead); BENCHMARKS.md shows the reliability table on
held-out documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.align.config import AlignConfig
from bilingual.align.core import ScoredBead


@dataclass(frozen=True)
class ConfidenceModel:
    """``P(right) = sigmoid(w . features)`` for linked beads, a constant-ish one for omissions."""

    link: tuple[float, ...] = (4.0867, -0.7336, 1.5466, 3.9111, -0.7464, -0.9943)
    omission: tuple[float, ...] = (3.6376,)


DEFAULT_MODEL = ConfidenceModel()
# The same model refitted on the dev beads the learned bead scorer chooses (its default
# config; `python bench/bench_align.py --calibrate`, 2026-12-03): the Platt scale of the
# learned cost alone put 3,834 of 3,886 test beads in 0.80–0.90 although 98 % were right.
LEARNED_MODEL = ConfidenceModel(
    link=(3.5181, -1.0747, 4.4616, 3.0147, -0.8491, -0.9758), omission=(3.0758,)
)


def link_features(beads: Sequence[ScoredBead]) -> np.ndarray:
    """Features of linked beads: bias, document-normalised sim, raw semantic cosine, lexical
    cosine, length cost, extra segments.

    The raw cosine matters: normalisation makes a typical pair of a drifting document look as
    good as a typical pair of a clean translation.
    """
    rows = []
    for b in beads:
        lex = b.cos_lex if np.isfinite(b.cos_lex) else 0.0
        lc = b.length_cost if np.isfinite(b.length_cost) else 0.0
        cs = b.cos_sem if np.isfinite(b.cos_sem) else 0.0
        rows.append((1.0, b.sim, cs, lex, min(lc, 10.0), len(b.src) + len(b.tgt) - 2))
    return np.asarray(rows, dtype=np.float64).reshape(-1, 6)


def confidences(beads: Sequence[ScoredBead], model: ConfidenceModel = DEFAULT_MODEL) -> np.ndarray:
    """Calibrated probability that each bead is right, in [0, 1]."""
    out = np.zeros(len(beads))
    linked = [k for k, b in enumerate(beads) if b.src and b.tgt]
    if linked:
        x = link_features([beads[k] for k in linked])
        out[linked] = _sigmoid(x @ np.asarray(model.link))
    omitted = [k for k, b in enumerate(beads) if not (b.src and b.tgt)]
    if omitted:
        out[omitted] = _sigmoid(np.full(len(omitted), model.omission[0]))
    return np.clip(out, 0.0, 1.0)


def bead_confidences(beads: Sequence[ScoredBead], config: AlignConfig) -> np.ndarray:
    """``Bead.score`` of path beads: the confidence model fitted for the scorer in use.

    Each scorer's beads have coefficients fitted on the dev beads that scorer chooses.
    """
    return confidences(beads, LEARNED_MODEL if config.scorer == "learned" else DEFAULT_MODEL)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 50) -> np.ndarray:
    """Weights of an L2-regularised logistic regression by Newton's method (small inputs)."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = _sigmoid(x @ w)
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w
