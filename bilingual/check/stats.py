"""Robust statistics over one document's beads: median/MAD z-scores that ignore NaN."""

from __future__ import annotations

import numpy as np

# MAD of a normal distribution times this factor estimates its standard deviation.
_MAD_TO_SD = 1.4826


def robust_center_scale(values: np.ndarray, *, min_scale: float) -> tuple[float, float]:
    """Median and MAD-based scale of the finite ``values`` (scale at least ``min_scale``).

    Returns ``(nan, min_scale)`` when no value is finite.
    """
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return float("nan"), min_scale
    center = float(np.median(v))
    scale = _MAD_TO_SD * float(np.median(np.abs(v - center)))
    return center, max(scale, min_scale)


def robust_z(
    values: np.ndarray, *, min_scale: float, reference: np.ndarray | None = None
) -> np.ndarray:
    """z-scores of ``values`` against the median/MAD of ``reference`` (default: the values)."""
    v = np.asarray(values, dtype=np.float64)
    center, scale = robust_center_scale(v if reference is None else reference, min_scale=min_scale)
    if not np.isfinite(center):
        return np.full(v.shape, np.nan)
    return (v - center) / scale
