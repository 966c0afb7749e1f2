"""Strict and lax precision, recall and F1 of an alignment against gold, as Vecalign defines them.

Definitions (Vecalign's ``score.py``, after Sennrich & Volk 2011), counted over all documents
together (micro average):

- a *test* bead is a strict true positive when the identical bead (same source ids, same
  target ids) is in the gold; otherwise it is a lax true positive when one of its target ids
  is linked in the gold to one of its source ids; beads empty on both sides are ignored and
  duplicates count once;
- precision is computed over all test beads, omissions included (an omission bead is right
  only if the gold has the same omission);
- recall is the same computation with the roles swapped (gold beads scored against the test),
  after dropping beads with an empty side from both;
- F1 is the harmonic mean (0 when precision and recall are both 0); an empty denominator
  gives 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bilingual.model import Bead

Link = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Counts:
    """True and false positives, strict and lax."""

    tp_strict: int = 0
    fp_strict: int = 0
    tp_lax: int = 0
    fp_lax: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp_strict + other.tp_strict,
            self.fp_strict + other.fp_strict,
            self.tp_lax + other.tp_lax,
            self.fp_lax + other.fp_lax,
        )


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float

    def table(self) -> str:
        """A small plain-text table, as printed by ``bilingual eval``."""
        return (
            "            strict    lax\n"
            f"precision   {self.precision_strict:.4f}   {self.precision_lax:.4f}\n"
            f"recall      {self.recall_strict:.4f}   {self.recall_lax:.4f}\n"
            f"F1          {self.f1_strict:.4f}   {self.f1_lax:.4f}\n"
        )


def as_links(beads: Iterable[Bead | Link]) -> list[Link]:
    """Beads or ``(src, tgt)`` pairs as tuples of ids."""
    out: list[Link] = []
    for b in beads:
        if isinstance(b, Bead):
            out.append((tuple(b.src), tuple(b.tgt)))
        else:
            out.append((tuple(b[0]), tuple(b[1])))
    return out


def _precision_counts(gold: Sequence[Link], test: Sequence[Link]) -> Counts:
    gold_set = {(s, t) for s, t in gold if s or t}
    test_set = {(s, t) for s, t in test if s or t}
    # Which gold beads hold each id: linear in the beads' sizes (a source-to-target link
    # table would be quadratic in the size of one big bead).
    src_beads: dict[int, set[int]] = {}
    tgt_beads: dict[int, set[int]] = {}
    for k, (s, t) in enumerate(gold_set):
        for i in s:
            src_beads.setdefault(i, set()).add(k)
        for j in t:
            tgt_beads.setdefault(j, set()).add(k)
    tp_s = fp_s = tp_l = fp_l = 0
    for s, t in test_set:
        if (s, t) in gold_set:
            tp_s += 1
            tp_l += 1
            continue
        fp_s += 1
        reachable: set[int] = set()
        for i in s:
            reachable |= src_beads.get(i, set())
        if any(not reachable.isdisjoint(tgt_beads.get(j, ())) for j in t):
            tp_l += 1
        else:
            fp_l += 1
    return Counts(tp_s, fp_s, tp_l, fp_l)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(
    gold: Sequence[Iterable[Bead | Link]], test: Sequence[Iterable[Bead | Link]]
) -> Scores:
    """Scores of several documents at once (counts summed before dividing)."""
    if len(gold) != len(test):
        raise ValueError("need as many gold alignments as test alignments")
    p = Counts()
    r = Counts()
    for g_beads, t_beads in zip(gold, test, strict=True):
        g, t = as_links(g_beads), as_links(t_beads)
        p = p + _precision_counts(g, t)
        r = r + _precision_counts([x for x in t if x[0] and x[1]], [x for x in g if x[0] and x[1]])
    ps = _ratio(p.tp_strict, p.tp_strict + p.fp_strict)
    pl = _ratio(p.tp_lax, p.tp_lax + p.fp_lax)
    rs = _ratio(r.tp_strict, r.tp_strict + r.fp_strict)
    rl = _ratio(r.tp_lax, r.tp_lax + r.fp_lax)
    return Scores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


def score_alignment(gold: Iterable[Bead | Link], test: Iterable[Bead | Link]) -> Scores:
    """Scores of one document."""
    return score_alignments([list(gold)], [list(test)])
