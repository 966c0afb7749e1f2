"""The shared floor of number extraction: the Quantity model, hedges and range merging."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text: value, the interval it allows, unit and where it is."""

    value: float
    low: float
    high: float
    unit: str
    approx: bool
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class QuantityDiff:
    """The result of comparing two lists of quantities as multisets.

    ``pairs`` holds (source index, target index) of matched quantities; ``src_only`` and
    ``tgt_only`` the quantities left without a counterpart.
    """

    pairs: tuple[tuple[int, int], ...]
    src_only: tuple[Quantity, ...]
    tgt_only: tuple[Quantity, ...]

    @property
    def equal(self) -> bool:
        return not self.src_only and not self.tgt_only


# --------------------------------------------------------------------------------------------
# Shared helpers

# Full-width digits and signs map one-to-one, so offsets into the original text stay valid.
_WIDTH = str.maketrans("０１２３４５６７８９．，％＄￥－～", "0123456789.,%$¥-~")

_HEDGE_UP = 2.0  # "less than X" allows down to X/2; a one-digit "more than X" up to 2X
_HEDGE_ABOUT = 0.15


@dataclass(frozen=True, order=True)
class Atom:
    """A number found in the text before ranges are merged, or the range made of two.

    ``start``/``end`` index the width-normalised text; ``low``/``high`` bound the value. The
    language fields: ``arabic`` (Chinese: written in digits), ``currency`` (Latin: the code
    written with it), ``scaled`` (Latin: a scale word such as "million" came with it, which
    the first end of "$5-10 million" lacks). ``order`` sorts by position first.
    """

    start: int
    end: int
    value: float
    low: float
    high: float
    approx: bool
    arabic: bool = False
    currency: str = ""
    scaled: bool = False
    is_range: bool = False


def _merge_ranges(atoms: Sequence[Atom], join: Callable[[Atom, Atom], Atom | None]) -> list[Atom]:
    """Scan neighbouring numbers once: ``join`` makes a range of a pair or says no (None)."""
    merged: list[Atom] = []
    i = 0
    while i < len(atoms):
        if i + 1 < len(atoms):
            joined = join(atoms[i], atoms[i + 1])
            if joined is not None:
                merged.append(joined)
                i += 2
                continue
        merged.append(atoms[i])
        i += 1
    return merged


def _last_step(value: float) -> float:
    """Place value of the last significant digit: 1,200 -> 100, 100,000 -> 100,000, 2.5 -> 0.1."""
    v = abs(value)
    if v >= 1 and v == int(v):
        step = 1.0
        while v % (step * 10) == 0:
            step *= 10
        return step
    step = 1.0
    while step > 1e-6 and abs(v / step - round(v / step)) > 1e-9:
        step /= 10
    return step


def _more_than(value: float) -> float:
    """The upper end "more than ``value``" allows: the last significant digit one higher.

    A writer who rounds down to two digits ("more than 1,200") would have written the next
    step had the count reached it, so 1,200 allows up to 1,300 (1500多 is not "more than
    1,200"), while a round 100,000 allows up to 200,000 (十多万). Below ten the words are
    looser ("more than five"): up to twice the value.
    """
    if abs(value) < 10:
        return value * _HEDGE_UP
    return value + _last_step(value)


def _hedged(value: float, hedge: str | None) -> tuple[float, float, bool]:
    """The interval a hedge word allows around ``value``."""
    if hedge is None:
        return value, value, False
    if hedge == "more":
        return value, _more_than(value), True
    if hedge == "less":
        return value / _HEDGE_UP, value, True
    if hedge == "near":
        return value * (1 - _HEDGE_ABOUT), value, True
    return value * (1 - _HEDGE_ABOUT), value * (1 + _HEDGE_ABOUT), True


def _q(
    value: float,
    unit: str,
    text: str,
    start: int,
    end: int,
    hedge: str | None = None,
    low: float | None = None,
    high: float | None = None,
    approx: bool = False,
) -> Quantity:
    if low is None or high is None:
        low, high, approx2 = _hedged(value, hedge)
        approx = approx or approx2
    elif hedge is not None:
        lo2, _, _ = _hedged(low, hedge)
        _, hi2, _ = _hedged(high, hedge)
        low, high, approx = lo2, hi2, True
    return Quantity(
        float(value),
        float(min(low, high)),
        float(max(low, high)),
        unit,
        approx,
        text[start:end],
        start,
        end,
    )


def _is_calendar_year(v: float) -> bool:
    return v == int(v) and 1000 <= v <= 2199


_DURATIONS = frozenset({"years", "months", "weeks", "days", "hours", "minutes", "seconds"})


def _clock_value(hours: float, minutes: float) -> float:
    """A clock time on a 12-hour dial: 19:30, 7.30pm and 晚上七点半 are all 7.5."""
    h = hours % 12
    return round(h + minutes / 60, 4)


def _vulgar(text: str, t: str) -> list[Quantity]:
    """Numbers written with a fraction sign: 14½, 2¾."""
    return [
        _q(float(m.group(1) or 0) + _VULGAR[m.group(2)], "", text, m.start(), m.end())
        for m in _VULGAR_RE.finditer(t)
    ]


_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_VULGAR_RE = re.compile(f"(?<![\\d.])(\\d*)([{''.join(_VULGAR)}])")
