"""Where each claim is said on the other side, anywhere, and how sure that is.

Rewritten analyses move content between paragraphs, merge and summarise: a claim is compared
with every claim, every sentence and every pair of neighbouring sentences of the other side
(a summary often spans two), and its support is the best cosine, turned into a probability by
a logistic fitted on the development pairs of ``bench/comparable_pairs.py`` (see
``SUPPORT_CALIBRATION``). Rows are encoded once through the check's encoder cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.check.comparable.claims import ClaimSpan
from bilingual.lang import joiner
from bilingual.model import Segmentation

# P(supported) = sigmoid(a * (best cosine - c) + b * (best - second side's typical best)).
# Fitted by ``python bench/bench_comparable.py --fit`` on the development half (even document
# ids) of the generated pairs: NTREX news and Bible chapters, USE encoder. Kept/dropped claims
# separate around a best cosine of ~0.5 (translations 0.6-0.9, unrelated text 0.2-0.45).
SUPPORT_CALIBRATION = (14.0, 0.50)


@dataclass(frozen=True)
class Unit:
    """A stretch of the other side a claim can be supported by: its sentences and text."""

    segments: tuple[int, ...]
    text: str


def support_units(seg: Segmentation, claims: Sequence[ClaimSpan]) -> list[Unit]:
    """Claims, sentences and neighbouring sentence pairs (same paragraph) of one side."""
    sep = joiner(seg.document.lang)
    units = [Unit((c.segment,), c.text) for c in claims]
    units += [Unit((s.index,), s.text) for s in seg.segments]
    for a, b in zip(seg.segments, seg.segments[1:], strict=False):
        if a.paragraph == b.paragraph:
            units.append(Unit((a.index, b.index), a.text + sep + b.text))
    # the same text twice (a one-claim sentence) is one row
    seen: dict[str, Unit] = {}
    for u in units:
        seen.setdefault(u.text, u)
    return list(seen.values())


def calibrated(similarity: np.ndarray, calibration: tuple[float, float] = SUPPORT_CALIBRATION):
    """P(the claim is said on the other side) from its best cosine."""
    slope, centre = calibration
    return 1.0 / (1.0 + np.exp(-slope * (similarity - centre)))


def best_matches(claim_vectors: np.ndarray, unit_vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each claim: the best cosine with any unit and that unit's index (-1 when none)."""
    if len(claim_vectors) == 0 or len(unit_vectors) == 0:
        n = len(claim_vectors)
        return np.zeros(n), np.full(n, -1)
    sims = claim_vectors @ unit_vectors.T
    idx = sims.argmax(axis=1)
    return sims[np.arange(len(idx)), idx], idx


def similarity_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosines between the rows of two normalised matrices (claims x claims)."""
    if len(a) == 0 or len(b) == 0:
        return np.zeros((len(a), len(b)))
    return a @ b.T
