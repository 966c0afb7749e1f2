"""Phrase-level omissions and additions: per-bead evidence combined by a fitted model.

Channels, each a column of ``bead_features``:

- the length model: the bead's log length ratio against the document's usual one;
- the dictionary channel (:mod:`bilingual.check.partial`): the share of each side's
  judgeable words the other side covers, and the longest uncovered run;
- word links (:mod:`bilingual.check.wordalign`, a lexicon learned by eflomal): the longest
  run of content words the lexicon links to nothing on the other side, and the unlinked
  share, per side;
- clause-level encoding of that suspicious span: how much the sentence encoder's similarity
  of the bead rises when the run is cut out of its side (a dropped phrase's counterpart is
  missing, so the side without it matches the other side better). Zero without an encoder.

Each column but the length excess is taken relative to the document's median (``relative``).
A logistic model over them (``models/finding_confidence.json``, section ``phrase``, fitted
by ``models/train_confidence.py`` on the development split of mqm-wmt23-zhen) gives the
probability that expert raters mark a major omission or addition in the bead; above
``EMIT_PROBABILITY`` the bead gets a ``partial_omission`` (or ``partial_addition``, when the
target side holds the longer unlinked run) with the run as its span. Its confidence and
severity come from the calibration (bilingual.check.confidence) alone.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace

import numpy as np

from bilingual.check.context import BeadView, CheckContext, finding, is_cjk, short
from bilingual.model import Evidence, Finding, FindingKind, Span

log = logging.getLogger(__name__)

# the columns of bead_features; a model names the ones it uses
FEATURES = (
    "length_excess",
    "src_coverage",
    "tgt_coverage",
    "src_uncovered_run",
    "tgt_uncovered_run",
    "src_unlinked_run",
    "tgt_unlinked_run",
    "src_unlinked_share",
    "tgt_unlinked_share",
    "src_encoding_gain",
    "tgt_encoding_gain",
)
# below this probability of a major omission/addition no phrase finding is made
EMIT_PROBABILITY = 0.2


@dataclass(frozen=True)
class PhraseModel:
    """A logistic model over some of ``FEATURES`` (standardised with ``mean``/``scale``)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    bias: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(major omission or addition) for rows of ``x`` (columns: ``self.features``)."""
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.asarray(self.coef) + self.bias)))


def _size(text: str) -> int:
    return max(1, sum(1 for c in text if not c.isspace()))


def bead_features(ctx: CheckContext) -> np.ndarray:
    """One row per bead of ``ctx`` (NaN rows for beads with an empty side), ``FEATURES`` order."""
    from bilingual.check.clauses import uncovered_runs as _uncovered
    from bilingual.check.wordalign import bead_gaps

    # rows by bead index of the alignment (ctx may hold only some beads: long ones left out)
    out = np.full((len(ctx.alignment.beads), len(FEATURES)), np.nan)
    pairs = [v for v in ctx.beads if v.is_pair]
    if not pairs:
        return out
    ratios = [math.log(_size(v.tgt_text) / _size(v.src_text)) for v in pairs]
    usual = float(np.median(ratios))
    gaps = bead_gaps([(v.src_text, v.tgt_text) for v in pairs], ctx.src_lang, ctx.tgt_lang)
    gains = _encoding_gains(ctx, pairs, gaps)
    for k, v in enumerate(pairs):
        s_found, s_cov = _uncovered(v.src_text, ctx.src_lang, v.tgt_text, ctx.tgt_lang)
        t_found, t_cov = _uncovered(v.tgt_text, ctx.tgt_lang, v.src_text, ctx.src_lang)
        row = [
            ratios[k] - usual,
            1.0 if math.isnan(s_cov) else s_cov,
            1.0 if math.isnan(t_cov) else t_cov,
            max((u.judged for u in s_found), default=0),
            max((u.judged for u in t_found), default=0),
            gaps[k].src.words,
            gaps[k].tgt.words,
            gaps[k].src.unlinked_share,
            gaps[k].tgt.unlinked_share,
            gains[k, 0],
            gains[k, 1],
        ]
        out[v.index] = row
    return relative(out)


def relative(features: np.ndarray) -> np.ndarray:
    """Every column but the length excess (already relative) minus the document's median.

    Like the other checks' robust z-scores: a domain the lexicon knows badly (scripture, a
    novel) leaves many words unlinked in every bead, and only a bead far above its own
    document's usual is news. Fitted with absolute values the model flagged 27 of 100 clean
    Bible verses (bench_drift); relative, it keeps most of its MQM dev AUC (.777 -> .743).
    """
    out = features.copy()
    ok = ~np.isnan(features).any(axis=1)
    if ok.any():
        med = np.median(features[ok], axis=0)
        med[FEATURES.index("length_excess")] = 0.0
        out[ok] -= med
    return out


def _encoding_gains(ctx: CheckContext, pairs: list[BeadView], gaps: list) -> np.ndarray:
    """Per bead: similarity rise when the unlinked run is cut from the source / the target."""
    out = np.zeros((len(pairs), 2))
    src = [v.src_text for v in pairs]
    tgt = [v.tgt_text for v in pairs]
    src_wo = [t[: g.src.start] + t[g.src.end :] for t, g in zip(src, gaps, strict=True)]
    tgt_wo = [t[: g.tgt.start] + t[g.tgt.end :] for t, g in zip(tgt, gaps, strict=True)]
    vectors = ctx.encode(src + tgt + src_wo + tgt_wo)
    if vectors is None:
        return out
    n = len(pairs)
    s, t, sw, tw = vectors[:n], vectors[n : 2 * n], vectors[2 * n : 3 * n], vectors[3 * n :]
    base = (s * t).sum(1)
    out[:, 0] = (sw * t).sum(1) - base
    out[:, 1] = (s * tw).sum(1) - base
    return out


def _span(ctx: CheckContext, v: BeadView, side: str, start: int, end: int) -> tuple[Span, ...]:
    from bilingual.check.format import _locate

    ids = v.bead.src if side == "src" else v.bead.tgt
    span = _locate(ctx, side, ids, start, end)
    return () if span is None or start == end else (span,)


def phrase_findings(ctx: CheckContext, model: PhraseModel) -> list[Finding]:
    """A partial omission/addition for each bead the model finds likely (see module doc)."""
    if is_cjk(ctx.src_lang) == is_cjk(ctx.tgt_lang):
        return []  # the dictionary and the priors are English–Chinese only
    x = bead_features(ctx)
    cols = [FEATURES.index(f) for f in model.features]
    rows = [v for v in ctx.beads if v.is_pair]
    if not rows:
        return []
    idx = [v.index for v in rows]
    p = model.probability(x[np.ix_(idx, cols)])
    from bilingual.check.wordalign import bead_gaps

    # the runs' offsets (bead_features keeps only their sizes)
    flagged = [v for v, q in zip(rows, p, strict=True) if q >= EMIT_PROBABILITY]
    pairs = [(v.src_text, v.tgt_text) for v in flagged]
    gaps = dict(
        zip([v.index for v in flagged], bead_gaps(pairs, ctx.src_lang, ctx.tgt_lang), strict=True)
    )
    out: list[Finding] = []
    for v, q in zip(rows, p, strict=True):
        if q < EMIT_PROBABILITY:
            continue
        row = x[v.index]
        g = gaps[v.index]
        # the side with the longer unlinked run (weighted by its unlinked share); a tie goes to
        # the length model: a target longer than usual adds
        src_w, tgt_w = g.src.unlinked_share * g.src.words, g.tgt.unlinked_share * g.tgt.words
        side = "tgt" if tgt_w > src_w or (tgt_w == src_w and row[0] > 0) else "src"
        run = g.src if side == "src" else g.tgt
        spans = _span(ctx, v, side, run.start, run.end)
        kind: FindingKind = "partial_omission" if side == "src" else "partial_addition"
        text = v.src_text if side == "src" else v.tgt_text
        where, there = ("source", "target") if side == "src" else ("target", "source")
        part = spans[0].text if spans else short(text)
        evidence = [Evidence("phrase_probability", value=float(q))]
        evidence += [
            Evidence(name, value=float(row[FEATURES.index(name)])) for name in model.features
        ]
        f = finding(
            v,
            kind,
            "error",  # a ceiling only: the calibration sets the severity from the probability
            f"the {there} seems to leave out part of the {where}: “{short(part)}”"
            if side == "src"
            else f"the {where} seems to add something the {there} does not say: “{short(part)}”",
            evidence,
        )
        out.append(replace(f, spans=spans))
    return out
