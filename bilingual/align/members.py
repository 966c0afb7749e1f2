"""What the weakest edge member of a merged bead adds to it (issue 19).

An orphan sentence merged into a right pair adds nothing to it: the pair's cosine does not
fall without it, the lengths fit better without it, and it shares no dictionary words with
the other side. :class:`~bilingual.align.features.BeadScorer` computes the three for arrays of
DP cells; the confidence model reads them for path beads, and the (optional) DP member
penalty for candidate beads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.encode.length import LengthModel, length_cost


@dataclass(frozen=True)
class MemberEvidence:
    """How much the weakest edge member of each merged bead adds to it.

    ``sem_gain``: the largest rise of the window cosine when one edge member is left out
    (> 0: the merge does not beat its part); ``len_gain``: the largest fall of the Gale–Church
    length cost when one edge member is left out (> 0: the rest fits the other side's length
    better without it); ``lex``: the lowest normalised lexical cosine of an edge member with
    the other window (an orphan shares no dictionary words with the bead's other side, a
    sentence of a real split shares some).
    """

    sem_gain: np.ndarray
    len_gain: np.ndarray
    lex: np.ndarray


def length_gain(
    ls: np.ndarray,
    lt: np.ndarray,
    rests: Sequence[tuple[np.ndarray, np.ndarray]],
    model: LengthModel,
    positive_only: bool = False,
) -> np.ndarray:
    """The largest fall of the (capped) length cost from the bead's lengths ``ls, lt`` to
    those of any of its ``rests`` (the bead without one edge member).

    The cost is increasing in Gale–Church's z, so only a rest with a smaller z can gain; with
    ``positive_only`` the other cells are reported as 0 without evaluating the cost (the DP
    penalty only asks whether the gain exceeds a margin >= 0).
    """

    def z(s: np.ndarray, t: np.ndarray) -> np.ndarray:
        mean = np.maximum((s + t / model.ratio) / 2.0, 1e-9)
        return np.abs(model.ratio * s - t) / np.sqrt(mean)

    if positive_only:
        whole_z = z(ls, lt)
        better = np.zeros(len(ls), dtype=bool)
        for s_, t_ in rests:
            better |= z(s_, t_) < whole_z
    else:
        better = np.ones(len(ls), dtype=bool)
    gain = np.zeros(len(ls))
    cells = np.flatnonzero(better)
    if len(cells):
        whole = np.minimum(length_cost(ls[cells], lt[cells], model), 10.0)
        sub = np.full(len(cells), -np.inf)
        for s_, t_ in rests:
            without = np.minimum(length_cost(s_[cells], t_[cells], model), 10.0)
            sub = np.maximum(sub, whole - without)
        gain[cells] = sub
    return np.clip(gain, -10.0, 10.0)
