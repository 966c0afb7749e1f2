"""How numbers, segment ids and confidences look on a report page (HTML and SVG alike)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def num(value: float, digits: int = 2) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def pct(value: float) -> str:
    return "–" if math.isnan(value) else f"{100 * value:.1f} %"


def ids(ids: Sequence[int]) -> str:
    if not ids:
        return "–"
    if len(ids) == 1:
        return str(ids[0])
    if list(ids) == list(range(ids[0], ids[-1] + 1)):
        return f"{ids[0]}–{ids[-1]}"
    return ",".join(str(i) for i in ids)


def colour(confidence: float) -> str:
    """Red (0) through amber to green (1); grey when unknown."""
    if math.isnan(confidence):
        return "#9e9e9e"
    c = min(1.0, max(0.0, confidence))
    return f"hsl({round(120 * c)}, 65%, {round(45 - 5 * c)}%)"
