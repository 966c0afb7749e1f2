"""The length channel: segment lengths, a length model calibrated on the document, Gale–Church cost.

Gale & Church (1993) model the length of a translation as normal around ``ratio`` times the
source length, with a variance that grows with the length. Their constants were fitted on
European languages in characters; between English and Chinese the ratio is far from 1 and
differs per text (Bible 0.3x, law 0.35x), so the ratio is estimated on the two documents being
aligned and the variance scaled with it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bilingual.errors import ConfigError, DependencyError

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_VARIANCE_PER_RATIO",
    "LengthModel",
    "calibrate_length_model",
    "length_cost",
    "segment_lengths",
    "spm_model",
]

# Gale–Church's s² is the variance of the target length per unit of mean length. Measured on
# gold beads (bench/length_variance.py, robust median estimate), s²/ratio is 2.4 for de->fr and
# 1.1-3.2 for en<->zh sentences and paragraphs, in characters or sentencepiece pieces. One
# constant times the document's ratio keeps the model usable for any pair; erring high is the
# safe side, since real length differences are heavy-tailed.
DEFAULT_VARIANCE_PER_RATIO = 2.5


@dataclass(frozen=True)
class LengthModel:
    """Target length ~ Normal(ratio * source length, variance * mean length)."""

    ratio: float
    variance: float


@functools.lru_cache(maxsize=1)
def spm_model() -> object:
    """The joint EN+ZH sentencepiece model shipped as bilingual/models/enzh.model (loaded once)."""
    import importlib.resources

    try:
        import sentencepiece as spm
    except ImportError as e:  # pragma: no cover - a hard dependency
        raise DependencyError(
            "length in sentencepiece pieces needs the package sentencepiece; "
            "run: pip install sentencepiece"
        ) from e
    try:
        data = importlib.resources.files("bilingual.models").joinpath("enzh.model").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as e:
        raise DependencyError(
            "the sentencepiece model bilingual/models/enzh.model is missing from this "
            "installation; reinstall bilingual or run: python models/train_spm.py"
        ) from e
    return spm.SentencePieceProcessor(model_proto=data)


def segment_lengths(
    texts: Sequence[str], lang: str, unit: Literal["char", "spm"] = "char"
) -> np.ndarray:
    """Length of each text as float64: non-space characters, or sentencepiece pieces.

    ``lang`` is accepted for symmetry with the other channels; both units are
    language-independent (the sentencepiece model is joint English + Chinese, and falls back to
    characters for other scripts).
    """
    if unit == "char":
        return np.fromiter(
            (len("".join(t.split())) for t in texts), dtype=np.float64, count=len(texts)
        )
    if unit == "spm":
        sp = spm_model()
        pieces = sp.encode(list(texts))  # type: ignore[attr-defined]
        return np.fromiter((len(p) for p in pieces), dtype=np.float64, count=len(texts))
    raise ConfigError(f"unknown length unit {unit!r}; use 'char' or 'spm'.")


# Segment counts differing by this factor or more: totals no longer give the length ratio.
UNEQUAL_COUNTS = 5


def calibrate_length_model(
    src_lens: np.ndarray | Sequence[float], tgt_lens: np.ndarray | Sequence[float]
) -> LengthModel:
    """Estimate the length ratio of this document pair and the matching Gale–Church variance.

    The ratio is total target length over total source length: the totals are what a
    translation preserves, whatever the segmentation on each side (on the gold sets in
    bench/length_variance.py it equals the ratio of the gold beads to 3 digits, except where
    a side has omissions: Text+Berg 0.940 against 0.915). The variance is
    ``DEFAULT_VARIANCE_PER_RATIO * ratio``. Empty input gives ratio 1.
    """
    src = np.asarray(src_lens, dtype=np.float64)
    tgt = np.asarray(tgt_lens, dtype=np.float64)
    s_total, t_total = float(src.sum()), float(tgt.sum())
    if s_total <= 0 or t_total <= 0:
        return LengthModel(ratio=1.0, variance=DEFAULT_VARIANCE_PER_RATIO)
    ratio = t_total / s_total
    if max(src.size, tgt.size) >= UNEQUAL_COUNTS * max(1, min(src.size, tgt.size)):
        # Sides this unequal are not one text and its whole translation, so the totals say
        # nothing; the typical segment's ratio still fits the part that does correspond.
        ratio = float(np.median(tgt)) / max(float(np.median(src)), 1e-9) or 1.0
    return LengthModel(ratio=ratio, variance=DEFAULT_VARIANCE_PER_RATIO * ratio)


# Coefficients of the Numerical Recipes erfc approximation (fractional error < 1.2e-7), used in
# log space so that huge length mismatches give a large finite cost, not log(0).
_ERFC = (
    -1.26551223,
    1.00002368,
    0.37409196,
    0.09678418,
    -0.18628806,
    0.27886807,
    -1.13520398,
    1.48851587,
    -0.82215223,
    0.17087277,
)


def _log_erfc(x: np.ndarray) -> np.ndarray:
    """log(erfc(x)) for x >= 0, accurate without underflow."""
    t = 1.0 / (1.0 + 0.5 * x)
    poly = np.full_like(x, _ERFC[-1])
    for c in _ERFC[-2:0:-1]:
        poly = c + t * poly
    return np.log(t) - x * x + _ERFC[0] + t * poly


def length_cost(
    src_len: np.ndarray | float, tgt_len: np.ndarray | float, model: LengthModel
) -> np.ndarray:
    """Gale–Church cost −log P(|δ| ≥ observed) of each (source, target) length pair.

    δ = (ratio·l₁ − l₂) / √(variance·m), with m = (l₁ + l₂/ratio)/2 the mean length in source
    units, as in Gale & Church's program. Arrays broadcast; 0 means a perfect length match. Two
    empty sides cost 0.
    """
    l1 = np.asarray(src_len, dtype=np.float64)
    l2 = np.asarray(tgt_len, dtype=np.float64)
    mean = (l1 + l2 / model.ratio) / 2.0
    denom = np.sqrt(model.variance * np.maximum(mean, 1e-9))
    z = np.abs(model.ratio * l1 - l2) / denom
    z = np.where(mean > 0, z, 0.0)
    # The erfc approximation is off by ~1e-7 near 0: clip so a perfect match costs exactly 0+.
    return np.maximum(-_log_erfc(z / np.sqrt(2.0)), 0.0)
