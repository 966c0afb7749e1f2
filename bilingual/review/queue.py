"""Doubt: how likely each bead is wrong, so the reviewer sees the worst ones first.

``doubt`` adds up, per bead (each term in [0, 1], weights chosen by hand, not fitted):

- ``1 - score`` (a hand-edited bead with no score counts 0.5);
- the worst finding's severity (error 1, warning 0.6, info 0.25), plus 0.1 per further finding;
- 0.5 for an omission/addition bead (one side empty), 0.2 for any other non-1:1 bead;
- an unusual length ratio: the robust z-score of ``log(tgt chars / src chars)`` against the
  document's 1:1 beads, as ``min(|z| / 6, 1) * 0.5``.

Confirmed beads have doubt 0 and are left out of the queue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from bilingual.model import Finding
from bilingual.review.state import ReviewState

SEVERITY_WEIGHT = {"info": 0.25, "warning": 0.6, "error": 1.0}


def bead_of_segments(state: ReviewState) -> tuple[np.ndarray, np.ndarray]:
    """For each source and each target segment, the index of the bead holding it."""
    src = np.zeros(len(state.base.src.segments), dtype=np.int64)
    tgt = np.zeros(len(state.base.tgt.segments), dtype=np.int64)
    for k, b in enumerate(state.beads):
        src[list(b.src)] = k
        tgt[list(b.tgt)] = k
    return src, tgt


def findings_by_bead(state: ReviewState, findings: Sequence[Finding]) -> list[list[int]]:
    """For each bead, the indices into ``findings`` of those about its segments.

    Findings name segment ids, which edits never change, so findings computed for an older
    version still land on the bead that now holds their first segment. Paragraph-level
    findings go to the first bead holding a sentence of their first paragraph.
    """
    src_of, tgt_of = bead_of_segments(state)
    out: list[list[int]] = [[] for _ in state.beads]
    first_of_par: dict[tuple[str, int], int] = {}
    if any(f.level == "paragraph" for f in findings):
        for side, seg in (("src", state.base.src), ("tgt", state.base.tgt)):
            where = src_of if side == "src" else tgt_of
            for s in reversed(seg.segments):
                first_of_par[(side, s.paragraph)] = int(where[s.index])
    for n, f in enumerate(findings):
        bead: int | None = None
        if f.level == "paragraph" and state.base.level == "sentence":
            if f.src_ids:
                bead = first_of_par.get(("src", f.src_ids[0]))
            elif f.tgt_ids:
                bead = first_of_par.get(("tgt", f.tgt_ids[0]))
        elif f.src_ids and f.src_ids[0] < len(src_of):
            bead = int(src_of[f.src_ids[0]])
        elif f.tgt_ids and f.tgt_ids[0] < len(tgt_of):
            bead = int(tgt_of[f.tgt_ids[0]])
        if bead is not None:
            out[bead].append(n)
    return out


def doubt(
    state: ReviewState, findings: Sequence[Finding], per_bead: Sequence[Sequence[int]]
) -> np.ndarray:
    """The doubt of every bead (see the module docstring); 0 for confirmed beads."""
    src_len = np.array([len(s.text) for s in state.base.src.segments] + [0], dtype=np.float64)
    tgt_len = np.array([len(s.text) for s in state.base.tgt.segments] + [0], dtype=np.float64)
    out = np.zeros(len(state.beads), dtype=np.float64)
    ratios = np.full(len(state.beads), np.nan)
    for k, b in enumerate(state.beads):
        if b.src and b.tgt:
            s, t = src_len[list(b.src)].sum(), tgt_len[list(b.tgt)].sum()
            if s > 0 and t > 0:
                ratios[k] = math.log(t / s)
    one_one = np.array([len(b.src) == 1 and len(b.tgt) == 1 for b in state.beads])
    ref = ratios[one_one & np.isfinite(ratios)]
    if len(ref) >= 5:
        med = float(np.median(ref))
        mad = max(float(np.median(np.abs(ref - med))) * 1.4826, 0.1)
    else:
        med, mad = 0.0, float("inf")
    for k, b in enumerate(state.beads):
        if b.status == "confirmed":
            continue
        score = b.bead.score
        d = 0.5 if math.isnan(score) else 1.0 - score
        sevs = [SEVERITY_WEIGHT[findings[n].severity] for n in per_bead[k]]
        if sevs:
            d += max(sevs) + 0.1 * (len(sevs) - 1)
        if not b.src or not b.tgt:
            d += 0.5
        elif len(b.src) != 1 or len(b.tgt) != 1:
            d += 0.2
        if np.isfinite(ratios[k]) and math.isfinite(mad):
            d += min(abs(ratios[k] - med) / mad / 6.0, 1.0) * 0.5
        out[k] = d
    return out


def queue_order(state: ReviewState, doubts: np.ndarray) -> list[int]:
    """Unconfirmed bead ids, most doubtful first (ties in document order)."""
    ids = [k for k, b in enumerate(state.beads) if b.status != "confirmed"]
    return sorted(ids, key=lambda k: (-float(doubts[k]), k))
