"""Beads whose length ratio is an outlier for this document (Gale–Church style, robust)."""

from __future__ import annotations

import numpy as np

from bilingual.check.context import CheckContext, finding, short
from bilingual.check.stats import robust_center_scale
from bilingual.model import Evidence, Finding, Severity

MIN_BEADS = 5


def _chars(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def length_deviation(src_len: np.ndarray, tgt_len: np.ndarray) -> tuple[np.ndarray, float]:
    """Gale–Church deltas ``(t - c·s) / sqrt(c·s)`` and the document's ratio ``c`` (median).

    The variance of a translation's length grows with the length, so dividing by its square
    root makes short and long beads comparable.
    """
    s = np.maximum(np.asarray(src_len, dtype=np.float64), 1.0)
    t = np.asarray(tgt_len, dtype=np.float64)
    c = float(np.median(t / s))
    c = max(c, 1e-3)
    return (t - c * s) / np.sqrt(c * s + 1.0), c


def length_ratio(ctx: CheckContext) -> list[Finding]:
    """Paired beads whose target is much longer or shorter than this document's norm."""
    cfg = ctx.config
    pairs = [v for v in ctx.beads if v.is_pair]
    if len(pairs) < MIN_BEADS:
        return []
    src_len = np.array([_chars(v.src_text) for v in pairs])
    tgt_len = np.array([_chars(v.tgt_text) for v in pairs])
    delta, c = length_deviation(src_len, tgt_len)
    center, scale = robust_center_scale(delta, min_scale=cfg.min_length_scale)
    z = (delta - center) / scale
    findings: list[Finding] = []
    sims = np.array([ctx.similarity[v.index] for v in pairs])
    median_sim = float(np.nanmedian(sims)) if np.isfinite(sims).any() else float("nan")
    for v, zi, sl, tl, sim in zip(pairs, z, src_len, tgt_len, sims, strict=True):
        severity: Severity | None = None
        # Length alone is weak evidence between English and Chinese: a warning needs the
        # meaning to be off too (similarity below the document's median), else information.
        corroborated = not np.isfinite(median_sim) or not np.isfinite(sim) or sim < median_sim
        if abs(zi) > cfg.warning_z and corroborated:
            severity = "warning"
        elif abs(zi) > cfg.info_z:
            severity = "info"
        if severity is None:
            continue
        ratio = tl / max(sl, 1)
        way = "longer" if zi > 0 else "shorter"
        findings.append(
            finding(
                v,
                "length_ratio",
                severity,
                f"target is {way} than usual for this document (ratio {ratio:.2f}, "
                f"typical {c:.2f}): “{short(v.src_text, 50)}”",
                [
                    Evidence("length_ratio", value=float(ratio)),
                    Evidence("document_ratio", value=c),
                    Evidence("robust_z", value=float(zi)),
                    Evidence("lengths", src=(str(int(sl)),), tgt=(str(int(tl)),)),
                ],
            )
        )
    return findings
