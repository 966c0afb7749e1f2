"""The document-level view: coverage, mean similarity, counts and the drift score.

drift_score (0 = the two sides say the same thing, 100 = unrelated) combines three parts,
each in [0, 1]:

- ``u``: the share of content without counterpart, ``1 - (src_coverage + tgt_coverage) / 2``;
- ``f``: the finding burden ``1 - exp(-3 · W / n)``, where ``W`` sums, over the places
  findings point at (same level and segment ids), the weight of the most severe finding there
  (error 1, warning 0.5, info 0.1), and ``n`` is the number of source segments: one error per
  ten source segments gives f ≈ 0.26, one per segment f ≈ 0.95. Taking the most severe
  finding per place keeps a copied sentence (untranslated, and so also an odd length) from
  counting twice;
- ``s``: how far the mean similarity of paired beads falls below that of a translation,
  ``clip((0.6 - mean_similarity) / 0.5, 0, 1)`` (0 when no similarity is known).

``drift_score = 100 · (1 - (1 - u)(1 - f)(1 - s))``: it rises with each part, so every added
omission, addition or finding raises it (or leaves it at 100).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from bilingual.check.context import CheckContext
from bilingual.finding_kinds import kind_names
from bilingual.model import SEVERITIES, DriftSummary, Finding, Segmentation

SEVERITY_WEIGHT = {"info": 0.1, "warning": 0.5, "error": 1.0}
BURDEN_RATE = 3.0
TRANSLATION_SIMILARITY = 0.6
SIMILARITY_SPAN = 0.5


def _coverage(seg: Segmentation, paired: set[int]) -> float:
    total = sum(len(s.text) for s in seg.segments)
    if total == 0:
        return 1.0
    return sum(len(s.text) for s in seg.segments if s.index in paired) / total


def drift_score(
    src_coverage: float,
    tgt_coverage: float,
    mean_similarity: float,
    findings: Sequence[Finding],
    n_src: int,
) -> float:
    """The formula in this module's docstring."""
    u = 1.0 - (src_coverage + tgt_coverage) / 2.0
    places: dict[tuple[str, tuple[int, ...], tuple[int, ...]], float] = {}
    for fd in findings:
        key = (fd.level, fd.src_ids, fd.tgt_ids)
        places[key] = max(places.get(key, 0.0), SEVERITY_WEIGHT[fd.severity])
    w = sum(places.values())
    f = 1.0 - math.exp(-BURDEN_RATE * w / max(n_src, 1))
    s = 0.0
    if np.isfinite(mean_similarity):
        s = min(max((TRANSLATION_SIMILARITY - mean_similarity) / SIMILARITY_SPAN, 0.0), 1.0)
    score = 100.0 * (1.0 - (1.0 - u) * (1.0 - f) * (1.0 - s))
    return round(min(max(score, 0.0), 100.0), 2)


def summarise(ctx: CheckContext, findings: Sequence[Finding]) -> DriftSummary:
    """Coverage of each side, mean similarity, counts by kind and severity, drift score."""
    a = ctx.alignment
    src_paired = {i for b in a.beads if b.src and b.tgt for i in b.src}
    tgt_paired = {i for b in a.beads if b.src and b.tgt for i in b.tgt}
    src_cov, tgt_cov = _coverage(a.src, src_paired), _coverage(a.tgt, tgt_paired)
    sims = ctx.similarity[np.isfinite(ctx.similarity)]
    mean_sim = float(np.mean(sims)) if sims.size else float("nan")
    kinds = Counter(f.kind for f in findings)
    sev = Counter(f.severity for f in findings)
    return DriftSummary(
        src_coverage=round(src_cov, 4),
        tgt_coverage=round(tgt_cov, 4),
        mean_similarity=round(mean_sim, 4) if np.isfinite(mean_sim) else mean_sim,
        counts_by_kind=tuple((k, kinds.get(k, 0)) for k in kind_names()),
        counts_by_severity=tuple((s, sev.get(s, 0)) for s in SEVERITIES),
        drift_score=drift_score(src_cov, tgt_cov, mean_sim, findings, len(a.src)),
        n_beads=len(a.beads),
    )
