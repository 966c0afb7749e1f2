"""Quantities of the same kind about the same thing that the two sides state differently.

One finding per disagreement, naming every place on both sides: the English "$500/month" and
the Chinese 每月数千美元 and 每月2000美元 are one contradiction about one price, not three number
findings. Two mentions are linked when their units are compatible (``bilingual.numbers``), their
values do not match, and their claims are about the same thing:

- a *specific* unit (a currency, a rate per period such as USD/month) needs only related
  claims (cosine ≥ ``RELATED``): two prices per month in two versions of one article are the
  same kind of fact;
- a *generic* unit (a count, a year, a duration, a percentage) needs counterpart claims: the
  best match of one another with cosine ≥ ``COUNTERPART`` (the same statement, another number),
  one of which the other side supports (``support`` ≥ ``COUNTERPART_SUPPORT``): a claim said
  nowhere has no counterpart whose number could differ, only a topical neighbour.

A mention that the other claim states with a matching value is agreement, never linked.
Linked mentions are grouped (connected components), so each group is one finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.model import Claim, Contradiction, Mention
from bilingual.numbers import Quantity, extract_numbers, quantities_match, units_compatible

RELATED = 0.25
# dev half of the generated pairs (BENCHMARKS.md, issue 21, third round): 0.45 / 0.4 / 0.35
# link .927 / .964 / .964 of the changed quantities at precision .857 / .859 / .860, and 0.35
# turns one more one-sided claim into context (recall of dropped+added .904 -> .901)
COUNTERPART = 0.4
# read on the support apart from numbers (the calibration without its missing-number term,
# ``analyse.compare_alignment``): the differing number itself lowers a real counterpart's
# support
COUNTERPART_SUPPORT = 0.3
# A rank in words ("first", 首次) is mostly idiom ("for the first time"); a rank in digits
# ("the 19th century", "his 34th start", 第170次) is a fact the other version may state
# differently, so it is a mention (generic: it needs a counterpart claim like a count).
_DIGIT = re.compile(r"\d")
# the ISO codes bilingual.numbers gives money (a period may follow: "USD/month")
_CURRENCIES = frozenset({"USD", "CNY", "EUR", "GBP", "JPY", "HKD"})


def is_money(unit: str) -> bool:
    """Whether ``unit`` is an amount of money (with or without a period)."""
    return unit.split("/")[0] in _CURRENCIES


def is_specific(unit: str) -> bool:
    """A unit precise enough that two mentions in related claims are the same kind of fact."""
    return "/" in unit or is_money(unit)


def mentions(claims: Sequence[Claim], lang: str) -> list[tuple[Mention, Quantity]]:
    """Every quantity of every claim, located in its sentence."""
    out: list[tuple[Mention, Quantity]] = []
    for c in claims:
        for q in extract_numbers(c.text, lang):
            if q.unit == "ordinal" and not _DIGIT.search(q.text):
                continue
            m = Mention(
                side=c.side,
                claim=c.index,
                segment=c.segment,
                paragraph=c.paragraph,
                start=c.start + q.start,
                end=c.start + q.end,
                text=q.text,
                value=q.value,
                low=q.low,
                high=q.high,
                unit=q.unit,
            )
            out.append((m, q))
    return out


@dataclass(frozen=True, eq=False)
class ClaimSimilarity:
    """Cosines between source and target claims, computed on demand (no claims x claims
    matrix: book-length inputs), with each claim's best match on the other side."""

    src: np.ndarray
    tgt: np.ndarray
    best_tgt: np.ndarray  # for each source claim, its most similar target claim
    best_src: np.ndarray

    @classmethod
    def of(cls, src: np.ndarray, tgt: np.ndarray) -> ClaimSimilarity:
        from bilingual.check.comparable.support import row_best

        return cls(src, tgt, row_best(src, tgt)[1], row_best(tgt, src)[1])

    @classmethod
    def dense(cls, sim: np.ndarray) -> ClaimSimilarity:
        """From a full matrix of cosines (source claims x target claims), for small inputs:
        source claim i becomes the i-th unit vector and target claim j the column sim[:, j],
        so ``cos(i, j) == sim[i, j]``."""
        return cls(np.eye(sim.shape[0]), sim.T.copy(), sim.argmax(axis=1), sim.argmax(axis=0))

    def cos(self, i: int, j: int) -> float:
        return float(self.src[i] @ self.tgt[j])


def _agrees(q: Quantity, others: Sequence[tuple[Mention, Quantity]], claim: int) -> bool:
    return any(m.claim == claim and quantities_match(q, o) for m, o in others)


def _counterparts(sim: ClaimSimilarity, i: int, j: int) -> bool:
    return sim.cos(i, j) >= COUNTERPART and (sim.best_tgt[i] == j or sim.best_src[j] == i)


def _place(m: Mention, side_name: str) -> str:
    return f"{m.text} (¶{m.paragraph})"


def quantity_contradictions(
    src_claims: Sequence[Claim],
    tgt_claims: Sequence[Claim],
    sim: ClaimSimilarity,
    src_lang: str,
    tgt_lang: str,
    support: tuple[Sequence[float], Sequence[float]] | None = None,
) -> list[Contradiction]:
    """Linked disagreements between the claims of the two sides. ``support``: each claim's
    support apart from its numbers (source, target), for the counterpart test (default: the
    claims' own support)."""
    src_support, tgt_support = support or (
        [c.support for c in src_claims],
        [c.support for c in tgt_claims],
    )
    src_m = mentions(src_claims, src_lang)
    tgt_m = mentions(tgt_claims, tgt_lang)
    n = len(src_m)
    parent = list(range(n + len(tgt_m)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    linked = set()
    for a, (ms, qs) in enumerate(src_m):
        for b, (mt, qt) in enumerate(tgt_m):
            if not units_compatible(qs.unit, qt.unit) or quantities_match(qs, qt):
                continue
            if is_specific(qs.unit) and is_specific(qt.unit):
                if sim.cos(ms.claim, mt.claim) < RELATED:
                    continue
            elif not _counterparts(sim, ms.claim, mt.claim):
                continue
            elif max(src_support[ms.claim], tgt_support[mt.claim]) < COUNTERPART_SUPPORT:
                continue
            # the other claim says this very value too: the numbers agree, another one differs
            if _agrees(qs, tgt_m, mt.claim) or _agrees(qt, src_m, ms.claim):
                continue
            parent[find(a)] = find(n + b)
            linked.update((a, n + b))
    groups: dict[int, list[int]] = {}
    for x in sorted(linked):
        groups.setdefault(find(x), []).append(x)
    out: list[Contradiction] = []
    src_tag, tgt_tag = src_lang.upper()[:2], tgt_lang.upper()[:2]
    for members in groups.values():
        s = tuple(src_m[x][0] for x in members if x < n)
        t = tuple(tgt_m[x - n][0] for x in members if x >= n)
        unit = s[0].unit if s else t[0].unit
        message = (
            f"{src_tag} {', '.join(_place(m, src_tag) for m in s)} ↔ "
            f"{tgt_tag} {', '.join(_place(m, tgt_tag) for m in t)}"
        )
        out.append(Contradiction(0, "quantity", unit, s, t, message))
    out.sort(key=lambda c: (c.src[0].segment, c.src[0].start))
    return out
