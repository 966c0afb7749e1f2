"""Is this pair a translation or two versions written separately? Told from the alignment.

A translation aligns into beads whose two sides say the same thing; comparable versions force
the aligner to pair sentences that merely share a topic. The statistic is the share of both
sides' characters that no *good* bead holds, a good bead being a pair of at most
``MAX_GOOD_SIDE`` sentences per side with similarity ≥ ``GOOD_SIMILARITY``. ``auto`` picks the
comparable analysis above ``COMPARABLE_THRESHOLD``; BENCHMARKS.md (issue 21) gives the
statistic on NTREX, Bible and MAC-Dev (translations) and on generated comparable pairs and
the seed page, and the margin of the threshold on each side.
"""

from __future__ import annotations

import numpy as np

from bilingual.check.context import CheckContext
from bilingual.model import ModeDecision

GOOD_SIMILARITY = 0.5
MAX_GOOD_SIDE = 2
COMPARABLE_THRESHOLD = 0.45


def mode_statistics(ctx: CheckContext) -> tuple[float, float, float, float]:
    """(unmatched share, low-similarity share, non-1:1 share, unpaired share) of ``ctx``."""
    total = matched = unpaired = 0.0
    paired = low = non11 = 0
    for v in ctx.beads:
        size = len(v.src_text) + len(v.tgt_text)
        total += size
        b = v.bead
        if len(b.src) != 1 or len(b.tgt) != 1:
            non11 += 1
        if not v.is_pair:
            unpaired += size
            continue
        paired += 1
        sim = ctx.similarity[v.index]
        good = np.isfinite(sim) and sim >= GOOD_SIMILARITY
        if not good:
            low += 1
        elif len(b.src) <= MAX_GOOD_SIDE and len(b.tgt) <= MAX_GOOD_SIDE:
            matched += size
    n = max(len(ctx.beads), 1)
    if total == 0:
        return 0.0, 0.0, 0.0, 0.0
    return 1.0 - matched / total, low / max(paired, 1), non11 / n, unpaired / total


def decide_mode(ctx: CheckContext, requested: str = "auto") -> ModeDecision:
    """The mode to check in: ``requested`` unless "auto", else the statistic against the rule."""
    score, low, non11, unpaired = mode_statistics(ctx)
    auto = "comparable" if score > COMPARABLE_THRESHOLD else "translation"
    mode = auto if requested == "auto" else requested
    how = "chosen" if requested != "auto" else "detected"
    if mode == "comparable":
        reason = (
            f"comparable versions ({how}): {score:.0%} of the text is in no good sentence pair "
            f"(translations stay below {COMPARABLE_THRESHOLD:.0%}); comparing claims instead "
            "of sentences"
        )
    else:
        reason = (
            f"translation ({how}): {score:.0%} of the text is in no good sentence pair "
            f"(comparable versions exceed {COMPARABLE_THRESHOLD:.0%})"
        )
    return ModeDecision(
        mode=mode,  # type: ignore[arg-type]
        requested=requested,  # type: ignore[arg-type]
        score=round(score, 3),
        threshold=COMPARABLE_THRESHOLD,
        low_similarity_share=round(low, 3),
        non_one_to_one_share=round(non11, 3),
        unpaired_share=round(unpaired, 3),
        reason=reason,
    )
