"""Orphans left standing after the DP: split an edge member off a small merged bead.

The DP's bead cost is linear in the bead's own features, so a sentence with no counterpart
(its translation was dropped, or it was inserted) often costs less merged into a right
neighbour's bead than standing alone: the window cosine falls only a little. What the linear
cost lacks is evidence about the member itself and about the document: how much the rest of
the bead gains without it, how well it matches the other window and anything else, whether
the lengths fit better without it, and how often the document merges at all (a merge in a
text translated sentence by sentence is suspect; a literary text merges a third of its links).

:func:`edge_evidence` computes that evidence for the edge members of the 2:1 and 1:2 beads
of a path (pure numpy over the scorer's arrays); :func:`split_orphans` applies a linear rule
(:data:`SPLIT_RULE` for sentences, :data:`PARAGRAPH_RULE` for paragraphs, both fitted on
development data, BENCHMARKS.md issue 19 fifth and sixth rounds) and returns the path with
the members it judges orphans left alone as 1:0 / 0:1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bilingual.align.dp import BeadPath
from bilingual.align.features import BeadScorer
from bilingual.encode.length import LengthModel, length_cost

# Column order of EdgeEvidence.features (and of SplitRule.weights).
SPLIT_FEATURES: tuple[str, ...] = (
    "cost_delta",  # cost of (member alone + rest) minus the merged bead's cost
    "rest_gain",  # window cosine of the rest minus that of the whole bead
    "member_sem",  # the member's normalised cosine with the other side's window
    "member_lex",  # its normalised lexical cosine with the other window (1: no evidence)
    "len_gain",  # fall of the length cost without it (capped at ±10)
    "member_best",  # its best normalised single match anywhere in the band
    "member_loglen",  # log(1 + its length in source characters)
    "merge_rate",  # log-odds of the path's share of merged links (calibrate.merge_prior)
    "posterior",  # log-odds of the merged bead's lattice posterior (±8; 0 if unknown)
    "member_excl",  # share of its own lexical keys (not in the rest) the other side holds
)


@dataclass(frozen=True)
class EdgeEvidence:
    """One row per edge member of each 2:1 / 1:2 bead of a path.

    ``bead``: index of the bead in the path; ``first``: the member is the bead's first
    segment on its multi-segment side (else its last); ``features``: columns
    :data:`SPLIT_FEATURES`.
    """

    bead: np.ndarray
    first: np.ndarray
    features: np.ndarray


@dataclass(frozen=True)
class SplitRule:
    """Split where ``bias + weights · features > 0`` (a logistic rule's decision boundary)."""

    weights: tuple[float, ...]
    bias: float

    def score(self, x: np.ndarray) -> np.ndarray:
        return x @ np.asarray(self.weights) + self.bias


# Fitted on DEVELOPMENT paths of the learned scorer by ``python bench/fit_orphan_split.py``
# (issue 19, fifth round, member_excl added in the sixth; BENCHMARKS.md): a logistic fit of
# "the member is an orphan" (the member alone and the rest are both gold beads) against "the
# bead is right" over the edge members of every 2:1 / 1:2 bead on MAC-Dev, Text+Berg 001–003,
# the PRC Constitution and the even-numbered drift documents pre-split (the member's best match
# enters as its margin over the member's own cosine), then its bias moved by −0.05: the middle
# of the range (+0.15 … −0.2) where no sentence-level dev set's strict F1 falls below the
# unsplit path's (MAC-Dev 0.8916, Text+Berg 0.9111, Bible 0–2000 0.9886); the drift DEV
# documents leave 193 of 208 orphans alone (151 without the split, 183 with the fifth round's
# rule, which lacked member_excl). Paragraphs have their own rule (PARAGRAPH_RULE).
SPLIT_RULE = SplitRule(
    weights=(-0.9288, 12.742, 1.2926, -0.7736, 0.2708, 1.7411, 0.0, -0.9972, -0.2816, -1.6855),
    bias=-3.0766,
)

# The rule for PARAGRAPH beads, fitted by ``python bench/fit_orphan_split.py --paragraphs``
# (issue 19, sixth round; BENCHMARKS.md) on the paragraph paths of the drift DEV documents
# aligned as plain text (each line a paragraph; the merge documents' real 2:1 / 1:2 merges are
# the right beads it must leave alone) and of the PRC Constitution (its four right paragraph
# merges, weighted ×10: the one real document with paragraph gold). The sentence rule above
# splits two of PRC's right merges: the law merges so rarely (merge-rate log-odds −4.3, the
# drift documents −1.2 … −2.3) that its merge-rate weight alone outweighs the members' good
# lexical match. Here the merge rate is left out (paragraph AUC 0.46; its weight would be set
# by one document's rate), and what separates is the rest's cosine gain (AUC 0.97) and where
# the member's best match lies. Bias moved by −0.75: inside the range (−0.5 … −2) where no
# merge document's right merge and no PRC merge is split, next to its edge (most orphans).
PARAGRAPH_RULE = SplitRule(
    weights=(0.2915, 20.5523, -3.6767, -2.676, 0.016, 6.6067, 0.0, 0.0, -0.2603, 0.0),
    bias=-1.6244,
)

# By level (AlignConfig.orphan_rule, set by AlignConfig.for_level).
SPLIT_RULES: dict[str, SplitRule] = {"sentence": SPLIT_RULE, "paragraph": PARAGRAPH_RULE}


def merge_rate(path: BeadPath) -> float:
    """Log-odds of the share of the path's links that are merges (n + m > 2), smoothed (the
    same quantity as ``calibrate.merge_prior``, over a bare path)."""
    linked = [(s, t) for s, t in path if s and t]
    merged = sum(1 for s, t in linked if len(s) + len(t) > 2)
    share = (merged + 1.0) / (len(linked) + 2.0)
    return float(np.log(share) - np.log1p(-share))


def edge_evidence(
    path: BeadPath,
    scorer: BeadScorer,
    posteriors: np.ndarray | None = None,
    rate: float | None = None,
) -> EdgeEvidence:
    """The evidence of every edge member of the path's 2:1 and 1:2 beads; ``rate`` is the
    document's merge rate (:func:`merge_rate`) when the path is only a part of it."""
    ends = np.cumsum([(len(s), len(t)) for s, t in path], axis=0).reshape(-1, 2)
    rate = merge_rate(path) if rate is None else rate
    cal = scorer.calibration
    model = LengthModel(cal.len_ratio, cal.len_variance)
    rows_bead: list[np.ndarray] = []
    rows_first: list[np.ndarray] = []
    rows_x: list[np.ndarray] = []
    for a, b in ((2, 1), (1, 2)):
        idx = np.flatnonzero([(len(s), len(t)) == (a, b) for s, t in path])
        if not len(idx):
            continue
        i, j = ends[idx, 0], ends[idx, 1]
        whole = scorer.bead_cost(i, j, a, b)
        window = scorer.window_cosines(i, j, a, b)[0]
        ls = scorer.len_cum_s[i] - scorer.len_cum_s[i - a]
        lt = scorer.len_cum_t[j] - scorer.len_cum_t[j - b]
        len_whole = np.minimum(length_cost(ls, lt, model), 10.0)
        post = _log_odds(posteriors, idx)
        for first in (True, False):
            if a == 2:
                member = i - 2 if first else i - 1
                ri, rj = (i, j) if first else (i - 1, j)  # the rest's end cell
                si, sj = (i - 1, j - 1) if first else (i, j)  # the member's 1:0 end cell
                rest = scorer.bead_cost(ri, rj, 1, 1)
                skip = scorer.bead_cost(si, sj, 1, 0)
                member_cos = _cos(scorer.src.vectors[member], scorer, j, 1, tgt=True)
                member_lex = _lex(scorer, member, j, 1, src_member=True)
                excl = _exclusive(scorer, member, i - 1 if first else i - 2, j - 1, True)
                best = cal.best_src[member]
                chars = scorer.src.lengths[member].astype(np.float64)
                rest_len = np.minimum(length_cost(ls - scorer.src.lengths[member], lt, model), 10)
            else:
                member = j - 2 if first else j - 1
                ri, rj = (i, j) if first else (i, j - 1)
                si, sj = (i - 1, j - 1) if first else (i, j)
                rest = scorer.bead_cost(ri, rj, 1, 1)
                skip = scorer.bead_cost(si, sj, 0, 1)
                member_cos = _cos(scorer.tgt.vectors[member], scorer, i, 1, tgt=False)
                member_lex = _lex(scorer, member, i, 1, src_member=False)
                excl = _exclusive(scorer, member, j - 1 if first else j - 2, i - 1, False)
                best = cal.best_tgt[member]
                chars = scorer.tgt.lengths[member].astype(np.float64) / cal.len_ratio
                rest_len = np.minimum(length_cost(ls, lt - scorer.tgt.lengths[member], model), 10)
            rest_cos = scorer.window_cosines(ri, rj, 1, 1)[0]
            x = np.column_stack(
                [
                    np.clip(skip + rest - whole, -10.0, 10.0),
                    rest_cos - window,
                    cal.sem.normalise(member_cos),
                    member_lex,
                    np.clip(len_whole - rest_len, -10.0, 10.0),
                    cal.sem.normalise(np.nan_to_num(best, nan=0.0)),
                    np.log1p(np.maximum(chars, 0.0)),
                    np.full(len(idx), rate),
                    post,
                    excl,
                ]
            )
            rows_bead.append(idx)
            rows_first.append(np.full(len(idx), first))
            rows_x.append(x)
    if not rows_x:
        return EdgeEvidence(
            np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool), np.zeros((0, len(SPLIT_FEATURES)))
        )
    return EdgeEvidence(
        np.concatenate(rows_bead), np.concatenate(rows_first), np.concatenate(rows_x)
    )


def _log_odds(posteriors: np.ndarray | None, idx: np.ndarray) -> np.ndarray:
    """Log-odds of the beads' lattice posteriors, within ±8 (0 where unknown)."""
    if posteriors is None:
        return np.zeros(len(idx))
    p = np.clip(posteriors[idx], 1e-6, 1 - 1e-6)
    return np.clip(np.nan_to_num(np.log(p) - np.log1p(-p), nan=0.0), -8.0, 8.0)


def _cos(vec: np.ndarray, scorer: BeadScorer, end: np.ndarray, size: int, tgt: bool) -> np.ndarray:
    """Raw cosine of each member vector with the other side's one-segment window ending at
    ``end`` (the 2:1 / 1:2 bead's single segment)."""
    other = (scorer.tgt if tgt else scorer.src).vectors[end - size].astype(np.float64)
    v = vec.astype(np.float64)
    num = np.einsum("ij,ij->i", v, other)
    den = np.linalg.norm(v, axis=1) * np.linalg.norm(other, axis=1)
    return num / np.maximum(den, 1e-12)


def _lex(
    scorer: BeadScorer, member: np.ndarray, end: np.ndarray, size: int, src_member: bool
) -> np.ndarray:
    """Normalised lexical cosine of each member with the other side's single segment (1 where
    the lexical channel says nothing)."""
    s, t = scorer.src.lexical, scorer.tgt.lexical
    if not scorer.use_lex or s is None or t is None:
        return np.ones(len(member))
    mine = (s if src_member else t)[member].astype(np.float32)
    other = (t if src_member else s)[end - size].astype(np.float32)
    num = np.einsum("ij,ij->i", mine, other).astype(np.float64)
    nm = np.einsum("ij,ij->i", mine, mine).astype(np.float64)
    no = np.einsum("ij,ij->i", other, other).astype(np.float64)
    ok = (nm > 1e-9) & (no > 1e-9)
    cos = num / np.sqrt(np.maximum(nm * no, 1e-12))
    return np.clip(np.where(ok, scorer.lex_stats.normalise(cos), 1.0), -2.0, 3.0)


def _exclusive(
    scorer: BeadScorer, member: np.ndarray, rest: np.ndarray, other: np.ndarray, src: bool
) -> np.ndarray:
    """For each member: the share of the weight of its lexical keys that the rest of its bead
    lacks (its own content) found on the other side's segment (keys are shared across the
    languages; same key, same sign). A member whose own words are translated there belongs to
    the bead; an orphan that only shares its neighbour's topic words (names, the subject) has
    its own words untranslated. 1 where the lexical channel says nothing (none, or no
    dictionary links the two languages: shared word prefixes miss most translations), 0 where
    the member has no key of its own."""
    s, t = scorer.src.lexical, scorer.tgt.lexical
    if not scorer.use_lex or s is None or t is None or not scorer.config.dictionary_pair:
        return np.ones(len(member))
    mine_side, other_side = (s, t) if src else (t, s)
    m = mine_side[member].astype(np.float32)
    r = mine_side[rest].astype(np.float32)
    o = other_side[other].astype(np.float32)
    own = np.where(np.abs(r) < 1e-6, m, 0.0)
    hit = np.where(np.sign(own) == np.sign(o), np.minimum(np.abs(own), np.abs(o)), 0.0)
    den = np.abs(own).sum(axis=1).astype(np.float64)
    return np.where(den > 1e-6, hit.sum(axis=1) / np.maximum(den, 1e-6), 0.0)


def split_orphans(
    path: BeadPath,
    scorer: BeadScorer,
    posteriors: np.ndarray | None = None,
    rule: SplitRule = SPLIT_RULE,
    rate: float | None = None,
) -> BeadPath:
    """The path with each 2:1 / 1:2 bead whose edge member the rule judges an orphan split
    into that member alone (1:0 / 0:1) and the rest (1:1); the other beads unchanged.
    ``rate``: the document's merge rate when ``path`` is a part of the document."""
    if not math.isfinite(rule.bias):
        return path
    ev = edge_evidence(path, scorer, posteriors, rate)
    if not len(ev.bead):
        return path
    score = rule.score(ev.features)
    best: dict[int, tuple[float, bool]] = {}
    for n, first, z in zip(ev.bead.tolist(), ev.first.tolist(), score.tolist(), strict=True):
        if z > 0 and (n not in best or z > best[n][0]):
            best[n] = (z, first)
    if not best:
        return path
    out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for n, (s, t) in enumerate(path):
        if n not in best:
            out.append((s, t))
            continue
        first = best[n][1]
        if len(s) == 2:
            lone, rest = ((s[0],), ()), ((s[1],), t)
            if not first:
                lone, rest = ((s[1],), ()), ((s[0],), t)
        else:
            lone, rest = ((), (t[0],)), (s, (t[1],))
            if not first:
                lone, rest = ((), (t[1],)), (s, (t[0],))
        out.extend([lone, rest] if first else [rest, lone])
    return tuple(out)
