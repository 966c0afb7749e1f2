"""Multiset comparison of two long lists of quantities in near-linear time (a document's worth).

:func:`bilingual.numbers.compare.compare_quantities` builds every source × target pair, which is
right for one bead and quadratic for a document (an XLIFF of 1,000 units made 8.1 M
``quantities_match`` calls). :func:`compare_quantities_indexed` returns the very same
:class:`QuantityDiff` (tested against it on random lists) with three changes of *how*, none of
*what*:

- quantities that ``quantities_match`` cannot tell apart (same value, bounds, unit and hedge)
  form one class, and the match test runs once per pair of classes, not per pair of quantities;
- candidate target classes come from an index by unit and by value interval (sorted interval
  starts, one list per power-of-two width), so a class meets only the classes whose widened
  interval it overlaps; ``quantities_match`` still decides every pair, so its semantics (and
  ``units_compatible``'s) stay the only ones;
- the augmenting-path search keeps its visited marks while searches fail (a failed search
  visits only quantities that cannot reach a free partner, and the matching has not changed),
  walks each class's targets with one cursor, and uses an explicit stack (a class of 2,000 equal
  numbers made the recursive search exceed Python's recursion limit).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bilingual.numbers.compare import _small_exact, quantities_match, units_compatible
from bilingual.numbers.model import Quantity, QuantityDiff

__all__ = ["compare_quantities_indexed"]

# Widening of every class's interval before the overlap test: at least the largest relative
# tolerance quantities_match applies (its rel_tol), plus slack for its absolute 1e-9 terms.
_SLACK = 1e-6


@dataclass(frozen=True)
class _Key:
    """What quantities_match reads of a quantity: equal keys match the same partners."""

    value: float
    low: float
    high: float
    unit: str
    approx: bool


def _key(q: Quantity) -> _Key:
    return _Key(q.value, q.low, q.high, q.unit, q.approx)


def _envelopes(k: _Key, tol: float) -> list[tuple[float, float]]:
    """Intervals that overlap a partner's whenever quantities_match may accept the pair.

    Each branch of quantities_match compares values or bounds within ``tol`` relative (or
    intervals widened by it), so widening [min(low, value), max(high, value)] by ``tol`` on
    both sides keeps every accepted pair overlapping. A bare fraction may be read as a
    percentage (0.2 = 20 %), so it gets a second interval at 100 times its value.
    """
    lo, hi = min(k.low, k.value), max(k.high, k.value)
    out = [(lo - tol * abs(lo) - _SLACK, hi + tol * abs(hi) + _SLACK)]
    if k.unit == "" and 0 < k.high < 1:
        out.append((out[0][0] * 100 - _SLACK, out[0][1] * 100 + _SLACK))
    return out


class _Bucket:
    """Classes whose interval width is at most ``width``, sorted by interval start."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.starts: list[float] = []
        self.items: list[tuple[float, float, int]] = []

    def finish(self) -> None:
        self.items.sort()
        self.starts = [s for s, _, _ in self.items]

    def overlapping(self, lo: float, hi: float) -> Iterator[int]:
        # An interval no wider than self.width that overlaps [lo, hi] starts in [lo - width, hi].
        i = bisect.bisect_left(self.starts, lo - self.width)
        j = bisect.bisect_right(self.starts, hi)
        for s_lo, s_hi, c in self.items[i:j]:
            if s_hi >= lo and s_lo <= hi:
                yield c


class _UnitIndex:
    """Target classes of one unit by interval; classes with non-finite bounds always qualify."""

    def __init__(self) -> None:
        self.buckets: dict[int, _Bucket] = {}
        self.always: list[int] = []

    def add(self, c: int, lo: float, hi: float) -> None:
        if not (math.isfinite(lo) and math.isfinite(hi)):
            self.always.append(c)
            return
        width = hi - lo
        level = -1075 if width <= 0 else math.frexp(width)[1]  # width <= 2**level
        bucket = self.buckets.get(level)
        if bucket is None:
            bucket = self.buckets[level] = _Bucket(math.ldexp(1.0, level) if width > 0 else 0.0)
        bucket.items.append((lo, hi, c))

    def finish(self) -> None:
        for b in self.buckets.values():
            b.finish()

    def query(self, lo: float, hi: float) -> set[int]:
        if not (math.isfinite(lo) and math.isfinite(hi)):
            return {c for b in self.buckets.values() for _, _, c in b.items} | set(self.always)
        out = set(self.always)
        for b in self.buckets.values():
            out.update(b.overlapping(lo, hi))
        return out


def _classes(qs: Sequence[Quantity]) -> tuple[list[_Key], list[list[int]], list[int]]:
    """Distinct keys, the indices of each class (ascending), and each quantity's class."""
    ids: dict[_Key, int] = {}
    keys: list[_Key] = []
    members: list[list[int]] = []
    of: list[int] = []
    for i, q in enumerate(qs):
        k = _key(q)
        c = ids.get(k)
        if c is None:
            c = ids[k] = len(keys)
            keys.append(k)
            members.append([])
        members[c].append(i)
        of.append(c)
    return keys, members, of


class _TargetIndex:
    """The target classes indexed by unit and interval, and the exact (value, unit) classes."""

    def __init__(self, t_keys: list[_Key], tol: float) -> None:
        # Two small exact counts (whole, below 10,000) match only when equal: quantities_match
        # gives such a pair no tolerance. So a small exact source looks up the small exact
        # targets by value and the others by interval; every other source searches all
        # targets by interval. (Relies on compare._small_exact's rule; the property test
        # compares with the pairwise comparison, so a change of that rule shows there.)
        self.probe = [_probe(k) for k in t_keys]
        small = [_small_exact(p) for p in self.probe]
        self.by_unit: dict[str, _UnitIndex] = {}
        self.by_unit_wide: dict[str, _UnitIndex] = {}
        self.small_by_value: dict[float, list[int]] = {}
        for c, k in enumerate(t_keys):
            indexes = [self.by_unit.setdefault(k.unit, _UnitIndex())]
            if small[c]:
                self.small_by_value.setdefault(k.value, []).append(c)
            else:
                indexes.append(self.by_unit_wide.setdefault(k.unit, _UnitIndex()))
            for lo, hi in _envelopes(k, tol):
                for index in indexes:
                    index.add(c, lo, hi)
        for index in (*self.by_unit.values(), *self.by_unit_wide.values()):
            index.finish()
        # Exact agreement (same value and unit) is what compare_quantities pairs first.
        self.exact_classes: dict[tuple[float, str], list[int]] = {}
        for c, k in enumerate(t_keys):
            self.exact_classes.setdefault((k.value, k.unit), []).append(c)


class _Matcher:
    """Maximum matching of source to target quantities in compare_quantities' order.

    Per source class: tiers of target classes in compare_quantities' adjacency order. Tier 0
    holds the exact classes; then one tier per distinct log-distance of value (closest first).
    Within a tier the members are visited in ascending target index, as a stable sort does.
    Built lazily: the exact tier at once, the loose tiers only when a search has used up the
    exact one (most sources never get there; their loose candidates are most of the cost).
    """

    def __init__(self, src: Sequence[Quantity], tgt: Sequence[Quantity], rel_tol: float) -> None:
        self.s_keys, _, self.s_of = _classes(src)
        self.t_keys, self.t_members, _ = _classes(tgt)
        self.rel_tol = rel_tol
        self.tol = max(rel_tol, 0.0)
        self.index = _TargetIndex(self.t_keys, self.tol)
        self.compatible: dict[str, list[str]] = {}
        self.tiers_of: dict[int, list[list[int]]] = {}
        self.loose_done: set[int] = set()
        self.match_t = [-1] * len(tgt)
        self.match_s = [-1] * len(src)
        # cursor[c]: members of target class c before it are visited in this search (every
        # visit goes through the cursor, in ascending index, so this is exact).
        self.cursor: dict[int, int] = {}

    def tiers(self, sc: int) -> list[list[int]]:
        got = self.tiers_of.get(sc)
        if got is None:
            a = self.s_keys[sc]
            exact = self.index.exact_classes.get((a.value, a.unit), [])
            got = self.tiers_of[sc] = [exact] if exact else []
        return got

    def _candidates(self, a: _Key, probe: Quantity) -> set[int]:
        """Target classes whose interval may meet ``a``'s, in compatible units."""
        ix = self.index
        units = self.compatible.get(a.unit)
        if units is None:
            units = self.compatible[a.unit] = [u for u in ix.by_unit if units_compatible(a.unit, u)]
        found: set[int] = set()
        pool = ix.by_unit
        if _small_exact(probe):
            pool = ix.by_unit_wide
            allowed = set(units)
            found.update(
                c for c in ix.small_by_value.get(a.value, ()) if self.t_keys[c].unit in allowed
            )
        for lo, hi in _envelopes(a, self.tol):
            for u in units:
                if u in pool:
                    found |= pool[u].query(lo, hi)
        return found

    def add_loose(self, sc: int) -> bool:
        """Append the loose tiers of ``sc`` to its tier list; False if already there."""
        if sc in self.loose_done:
            return False
        self.loose_done.add(sc)
        a = self.s_keys[sc]
        probe = _probe(a)
        exact_set = set(self.index.exact_classes.get((a.value, a.unit), []))
        loose: dict[float, list[int]] = {}
        for c in self._candidates(a, probe):
            if c in exact_set or not quantities_match(probe, self.index.probe[c], self.rel_tol):
                continue
            d = abs(math.log((abs(self.t_keys[c].value) + 1) / (abs(a.value) + 1)))
            loose.setdefault(d, []).append(c)
        self.tiers(sc).extend(loose[d] for d in sorted(loose))  # in place: frames hold it
        return True

    def greedy(self, src: Sequence[Quantity]) -> None:
        """Each source takes the lowest free target of its exact value and unit."""
        exact_items: dict[tuple[float, str], list[int]] = {
            vu: sorted(j for c in cs for j in self.t_members[c])
            for vu, cs in self.index.exact_classes.items()
        }
        next_free: dict[tuple[float, str], int] = {}
        for i, q in enumerate(src):
            vu = (q.value, q.unit)
            items = exact_items.get(vu)
            if not items:
                continue
            p = next_free.get(vu, 0)
            if p < len(items):
                j = items[p]
                self.match_t[j], self.match_s[i] = i, j
                next_free[vu] = p + 1

    def next_in(self, tier: list[int]) -> int:
        """The lowest unvisited target of a tier (advancing its class's cursor), or -1."""
        cursor, t_members = self.cursor, self.t_members  # locals: this is the hot loop
        best_c, best_j = -1, len(self.match_t)
        for c in tier:
            p = cursor.get(c, 0)
            members = t_members[c]
            if p < len(members) and members[p] < best_j:
                best_c, best_j = c, members[p]
        if best_c < 0:
            return -1
        cursor[best_c] = cursor.get(best_c, 0) + 1
        return best_j

    def search(self, root: int) -> bool:
        """An augmenting path from source ``root``, flipped into the matching if found."""
        match_t, match_s, s_of = self.match_t, self.match_s, self.s_of
        tiers, add_loose, next_in = self.tiers, self.add_loose, self.next_in
        # Frames: (source, its tiers, tier position); the path is the chain of frames.
        stack: list[tuple[int, list[list[int]], int]] = [(root, tiers(s_of[root]), 0)]
        via: list[int] = []  # via[k]: the target through which frame k + 1 was entered
        while stack:
            i, ts, t = stack[-1]
            j = -1
            while j < 0:
                if t >= len(ts) and not (add_loose(s_of[i]) and t < len(ts)):
                    break
                j = next_in(ts[t])
                if j < 0:
                    t += 1
            if j < 0:
                stack.pop()
                if via:
                    via.pop()
                continue
            stack[-1] = (i, ts, t)
            if match_t[j] < 0:
                # Flip the path: every frame's source takes the target it went through.
                path = [*via, j]
                for (si, _, _), tj in zip(stack, path, strict=True):
                    match_t[tj], match_s[si] = si, tj
                return True
            k = match_t[j]
            via.append(j)
            stack.append((k, tiers(s_of[k]), 0))
        return False


def compare_quantities_indexed(
    src: Sequence[Quantity], tgt: Sequence[Quantity], rel_tol: float = 0.02
) -> QuantityDiff:
    """The result of ``compare_quantities(src, tgt, rel_tol)``, in near-linear time."""
    mt = _Matcher(src, tgt, rel_tol)
    mt.greedy(src)
    for i in range(len(src)):
        if mt.match_s[i] < 0 and mt.search(i):
            mt.cursor.clear()  # the matching changed: visited marks are stale
    match_s, match_t = mt.match_s, mt.match_t
    pairs = tuple(sorted((i, j) for i, j in enumerate(match_s) if j >= 0))
    return QuantityDiff(
        pairs=pairs,
        src_only=tuple(q for i, q in enumerate(src) if match_s[i] < 0),
        tgt_only=tuple(q for j, q in enumerate(tgt) if match_t[j] < 0),
    )


def _probe(k: _Key) -> Quantity:
    """A quantity with the fields quantities_match reads (text and position play no part)."""
    return Quantity(k.value, k.low, k.high, k.unit, k.approx, "", 0, 0)
