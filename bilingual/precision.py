"""How many decimals a float keeps where users read it: the one home of output precision.

Scores, similarities and evidence values are computed in floating point, and their last bits
move with the BLAS library, the numpy version and the summation order of the machine. Users
act on two or three digits (a confidence of 0.9312 says all there is to say), so every output
that carries such a number (JSON and JSONL reports, TSV, TMX props, the corpus files, the review
page) writes it rounded to ``DECIMALS`` places. The same input then gives the same bytes on
every machine, and pinned digests of outputs hash what users see. Rounding happens only at the
edges: the pipeline itself computes at full precision.
"""

from __future__ import annotations

import math

__all__ = ["DECIMALS", "json_number", "rounded"]

#: Decimal places of every score, similarity and evidence value in an output. Last-bit noise
#: (~1e-12 relative) crosses a rounding boundary for about one value in 10^8.
DECIMALS = 4


def rounded(value: float, decimals: int = DECIMALS) -> float:
    """``value`` rounded for output; NaN and infinities pass through unchanged."""
    value = float(value)
    if not math.isfinite(value):
        return value
    out = round(value, decimals)
    return 0.0 if out == 0 else out  # no "-0.0" in outputs


def json_number(value: float | None, decimals: int = DECIMALS) -> float | None:
    """A rounded number for JSON, which has no NaN or infinity: unknown values become null."""
    if value is None or not math.isfinite(value):
        return None
    return rounded(value, decimals)
