"""Comparing quantities across languages: compatible units, matching values, multiset pairing."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from bilingual.numbers.model import Quantity, QuantityDiff, _hedged


def units_compatible(a: str, b: str) -> bool:
    """Whether two units may describe the same quantity (a bare number fits any unit)."""
    if a == b or not a or not b:
        return True
    if {a, b} <= _ORDINAL_FRIENDLY and "ordinal" in (a, b):
        # "the eleventh year" = 十一年, "the 89th minute" = 89分钟: a rank of a time unit.
        return True
    # 每月2000美元 is USD/month; "$2000" in the same sentence with "a month" split off is USD.
    return a.split("/")[0] == b.split("/")[0] and ("/" not in a or "/" not in b)


_CLOCK_AS_DURATION = (frozenset({"time", "minutes"}), frozenset({"time", "hours"}))
_DISCRETE_UNITS = frozenset({"year", "month", "ordinal", "time"})
_ORDINAL_FRIENDLY = frozenset(
    {"ordinal", "years", "months", "weeks", "days", "hours", "minutes", "seconds"}
)


def _small_exact(q: Quantity) -> bool:
    return q.low == q.high and q.value == int(q.value) and abs(q.value) < 10_000


def _same_hedge(a: Quantity, b: Quantity) -> bool:
    """Whether two hedged amounts have one shape ("more than X", "about X") around their value."""
    if not a.value or not b.value:
        return False
    return any(_hedge_is(a, h) and _hedge_is(b, h) for h in _HEDGES)


_HEDGES = ("more", "less", "near", "about")


def _hedge_is(q: Quantity, hedge: str) -> bool:
    """Whether ``q``'s interval is the one ``hedge`` draws around its value."""
    lo, hi, _ = _hedged(q.value, hedge)
    return math.isclose(q.low, lo) and math.isclose(q.high, hi)


def _close(x: float, y: float, rel_tol: float) -> bool:
    return abs(x - y) <= rel_tol * max(abs(x), abs(y)) + 1e-9


def quantities_match(a: Quantity, b: Quantity, rel_tol: float = 0.02) -> bool:
    """Whether ``a`` and ``b`` can be the same quantity.

    Units must be compatible (a bare number fits any unit). Then, by shape:

    - two exact numbers must be equal within ``rel_tol``;
    - two written ranges (5到10年, "5 to 10 years") must have the same ends;
    - a hedged amount (more than 100,000; 十多万; about 2,000) matches anything its interval
      overlaps;
    - an exact number never matches a written range: "five years" against 5到10年 lost
      information, which is what the drift checks are for.

    ``rel_tol`` absorbs rounding in translation of large or fractional amounts (1,234,567 vs
    123万 is 0.4 % off); years, months, ranks and whole numbers below 10,000 get no tolerance.
    """
    if {a.unit, b.unit} == {"%", ""}:
        # 五分之一 = "twenty per cent": a fraction below one against a percentage.
        bare = a if a.unit == "" else b
        if 0 < bare.high < 1 and bare.value != int(bare.value):
            bare = replace(
                bare, value=bare.value * 100, low=bare.low * 100, high=bare.high * 100, unit="%"
            )
            a, b = (bare, b) if a.unit == "" else (a, bare)
    if {a.unit, b.unit} in _CLOCK_AS_DURATION:
        # "3:35" against 3分35秒: the digits of a clock reading also write a duration.
        clock, span = (a, b) if a.unit == "time" else (b, a)
        exact = not (a.approx or b.approx)
        return exact and _close(clock.value, round(span.value % 12, 4), 1e-6)
    if not units_compatible(a.unit, b.unit):
        return False
    if {a.unit, b.unit} & _DISCRETE_UNITS or (_small_exact(a) and _small_exact(b)):
        # Years, ranks and small counts are never rounded: 2025 is not 2026, 100 not 101.
        rel_tol = 0.0
    if a.approx and b.approx and _same_hedge(a, b):
        # "more than 500" against 超过500: the same hedge around two anchors that must agree.
        whole = all(q.value == int(q.value) and abs(q.value) < 10_000 for q in (a, b))
        return _close(a.value, b.value, 0.0 if whole else rel_tol)
    if a.approx or b.approx:
        lo_a, hi_a = a.low - rel_tol * abs(a.low), a.high + rel_tol * abs(a.high)
        lo_b, hi_b = b.low - rel_tol * abs(b.low), b.high + rel_tol * abs(b.high)
        return lo_a <= hi_b + 1e-9 and lo_b <= hi_a + 1e-9
    a_point, b_point = a.low == a.high, b.low == b.high
    if a_point and b_point:
        return _close(a.value, b.value, rel_tol)
    if a_point != b_point:
        return False
    return _close(a.low, b.low, rel_tol) and _close(a.high, b.high, rel_tol)


def compare_quantities(
    src: Sequence[Quantity], tgt: Sequence[Quantity], rel_tol: float = 0.02
) -> QuantityDiff:
    """Pair ``src`` and ``tgt`` quantities one to one (a maximum matching) and list the rest.

    Exact agreements (same value and unit) are paired first so a loose range cannot steal the
    partner of an exact number; the remaining pairs come from augmenting paths over all
    compatible pairs.
    """
    n, m = len(src), len(tgt)
    adj: list[list[int]] = []
    for a in src:
        exact = [j for j, b in enumerate(tgt) if a.value == b.value and a.unit == b.unit]
        loose = [j for j, b in enumerate(tgt) if j not in exact and quantities_match(a, b, rel_tol)]
        # Prefer the target whose value is closest.
        loose.sort(key=lambda j: abs(math.log((abs(tgt[j].value) + 1) / (abs(a.value) + 1))))
        adj.append(exact + loose)
    match_t: list[int] = [-1] * m
    match_s: list[int] = [-1] * n

    def augment(i: int, seen: list[bool]) -> bool:
        for j in adj[i]:
            if seen[j]:
                continue
            seen[j] = True
            if match_t[j] < 0 or augment(match_t[j], seen):
                match_t[j] = i
                match_s[i] = j
                return True
        return False

    # Greedy pass on exact matches first, then augment.
    for i in range(n):
        for j in adj[i]:
            if match_t[j] < 0 and src[i].value == tgt[j].value and src[i].unit == tgt[j].unit:
                match_t[j], match_s[i] = i, j
                break
    for i in range(n):
        if match_s[i] < 0:
            augment(i, [False] * m)
    pairs = tuple(sorted((i, j) for i, j in enumerate(match_s) if j >= 0))
    return QuantityDiff(
        pairs=pairs,
        src_only=tuple(q for i, q in enumerate(src) if match_s[i] < 0),
        tgt_only=tuple(q for j, q in enumerate(tgt) if match_t[j] < 0),
    )
