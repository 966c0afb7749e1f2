"""Is this pair a translation or two versions written separately? Told from the alignment.

Two signs, added into one score:

- ``low_confidence_share``: the share of both sides' characters that no confident bead pairs
  (a paired bead with calibrated ``Bead.score`` ≥ ``CONFIDENT``; 1:0/0:1 beads count as not
  paired). The bead scorer is calibrated on real translations, literary ones included, so a
  translation scores low here even where its sentence similarities are modest (MAC-Dev).
- ``order_break``: among *anchors* (sentence pairs that are each other's best match anywhere
  in the two documents, with cosine ≥ ``ANCHOR_FLOOR``) the share that the longest in-order
  chain leaves out. A translation follows its source's order; a version written separately
  tells the story in its own. The floor keeps out the weak mutual matches of short literary
  lines (a MAC-Dev chapter had a third of them out of order); with no anchor left there is no
  evidence of reordering (0).

``auto`` picks the comparable analysis when the sum exceeds ``COMPARABLE_THRESHOLD``.
BENCHMARKS.md (issue 21) gives both signs on NTREX, Bible and MAC-Dev (translations) and on
generated comparable pairs and the seed page, and the margin of the threshold on each side.
Cost: one pass over a sample of at most ``MAX_ANCHOR_ROWS`` source sentences against all
target sentences (and back), so book-length documents stay cheap.
"""

from __future__ import annotations

import bisect

import numpy as np

from bilingual.check.context import CheckContext
from bilingual.model import ModeDecision

# Chosen on the dev sets with the default encoder and issue 19's bead scores (BENCHMARKS.md,
# issue 21, third round): confident-bead floor {0.4, 0.5, 0.6} x anchor floor {0, 0.5, 0.6,
# 0.7} x threshold {0.25 .. 0.45}; kept: the largest smaller margin of the two sides
# (translations: NTREX, Bible, MAC-Dev, Text+Berg; comparable: the seed page) among rules
# that call at most one more generated pair a translation than before (17 of 118). 0.6 / 0.6
# / 0.45: every translation >= .147 below the threshold, the seed page .129 above (was
# 0.5 / 0.6 / 0.4: .140 and .086).
CONFIDENT = 0.6
ANCHOR_FLOOR = 0.6
COMPARABLE_THRESHOLD = 0.45
MAX_ANCHOR_ROWS = 1000
_CHUNK = 512


def low_confidence_share(ctx: CheckContext) -> tuple[float, float]:
    """(share of characters in no confident pair, share in 1:0/0:1 beads)."""
    total = confident = unpaired = 0.0
    for v in ctx.beads:
        size = len(v.src_text) + len(v.tgt_text)
        total += size
        if not v.is_pair:
            unpaired += size
        elif np.isfinite(v.bead.score) and v.bead.score >= CONFIDENT:
            confident += size
    if total == 0:
        return 0.0, 0.0
    return 1.0 - confident / total, unpaired / total


def _argmax_rows(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``a``: the index of its best row of ``b`` and that cosine."""
    out = np.empty(len(a), dtype=np.int64)
    best = np.empty(len(a))
    for k in range(0, len(a), _CHUNK):
        sims = a[k : k + _CHUNK] @ b.T
        out[k : k + _CHUNK] = sims.argmax(axis=1)
        best[k : k + _CHUNK] = sims.max(axis=1)
    return out, best


def _longest_increasing(seq: list[int]) -> int:
    tails: list[int] = []
    for x in seq:
        i = bisect.bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)


def order_break(src: np.ndarray | None, tgt: np.ndarray | None) -> tuple[float, int]:
    """(share of mutual-best anchors out of the longest in-order chain, number of anchors)."""
    if src is None or tgt is None or len(src) == 0 or len(tgt) == 0:
        return 0.0, 0
    rows = np.arange(len(src))
    if len(rows) > MAX_ANCHOR_ROWS:
        rows = np.linspace(0, len(src) - 1, MAX_ANCHOR_ROWS).astype(np.int64)
    fwd, cos = _argmax_rows(src[rows], tgt)
    targets = np.unique(fwd)
    back = dict(zip(targets.tolist(), _argmax_rows(tgt[targets], src)[0].tolist(), strict=True))
    anchors = [
        int(j)
        for i, j, c in zip(rows.tolist(), fwd.tolist(), cos.tolist(), strict=True)
        if back[j] == i and c >= ANCHOR_FLOOR
    ]
    if not anchors:
        return 0.0, 0
    return 1.0 - _longest_increasing(anchors) / len(anchors), len(anchors)


def decide_mode(ctx: CheckContext, requested: str = "auto") -> ModeDecision:
    """The mode to check in: ``requested`` unless "auto", else the score against the rule."""
    low, unpaired = low_confidence_share(ctx)
    broken, n_anchors = order_break(ctx.src_vectors, ctx.tgt_vectors)
    score = low + broken
    auto = "comparable" if score > COMPARABLE_THRESHOLD else "translation"
    mode = auto if requested == "auto" else requested
    how = "chosen" if requested != "auto" else "detected"
    facts = (
        f"{low:.0%} of the text is in no confident sentence pair and {broken:.0%} of the "
        f"{n_anchors} confident mutual best matches are out of order (score {score:.2f}, "
        f"threshold {COMPARABLE_THRESHOLD:.2f})"
    )
    if mode == "comparable":
        reason = f"comparable versions ({how}): {facts}; comparing claims, not sentences"
    else:
        reason = f"translation ({how}): {facts}"
    return ModeDecision(
        mode=mode,  # type: ignore[arg-type]
        requested=requested,  # type: ignore[arg-type]
        score=round(score, 3),
        threshold=COMPARABLE_THRESHOLD,
        low_confidence_share=round(low, 3),
        order_break=round(broken, 3),
        anchors=n_anchors,
        unpaired_share=round(unpaired, 3),
        reason=reason,
    )
