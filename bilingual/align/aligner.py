"""The two-level aligner: paragraphs first (n:m, omissions), then sentences inside each group.

Public entry points: :func:`align_documents`, :func:`align_segmentations`, :func:`align_page`.
Every sentence is encoded once; paragraph vectors are the normalised sums of their sentence
vectors, so the paragraph pass costs no extra encoding.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bilingual.align.calibrate import bead_confidences, confidences
from bilingual.align.config import AlignConfig
from bilingual.align.core import (
    PathResult,
    ScoredBead,
    SolvedPath,
    align_features,
    finish_path,
    solve_path,
)
from bilingual.align.dp import Band
from bilingual.align.encoding import FeatureTimings, build_features
from bilingual.align.excerpt import is_excerpt, locate, trim_edge
from bilingual.align.features import BeadScorer, Calibration, SideFeatures
from bilingual.align.orphans import merge_rate
from bilingual.align.rescore import MergedTextRescorer, RescoreStats
from bilingual.encode.base import DEFAULT_ENCODER
from bilingual.errors import ConfigError
from bilingual.model import Alignment, Bead, Document, Level, Segmentation
from bilingual.signature import make_signature, parse_signature

log = logging.getLogger(__name__)

# dp2 (issue 19): Bead.score is the calibrated probability of bilingual.align.calibrate, the
# learned bead scorer is the default, excerpts are aligned inside their region.
# dp3 (issue 19, fourth round): the member penalty on 2:1/1:2 beads is on by default, the
# learned scorer's source-omission weight moved, and lone sentences' confidence reads their
# length and whether their whole paragraph is unmatched: the same inputs can give other beads
# and scores than dp2, under the same "params:default".
# dp4 (issue 19, fifth round): 2:1 / 1:2 sentence beads whose edge member the fitted rule of
# align/orphans.py judges an orphan are split after the DP (AlignConfig.split_orphans).
# dp5 (issue 19, sixth round): 2:1 / 1:2 PARAGRAPH beads are split by a rule of their own
# (orphans.PARAGRAPH_RULE, AlignConfig.split_paragraph_orphans): plain-text paths can differ.
ALIGNER_VERSION = "dp5"
AlignLevel = Literal["paragraph", "sentence", "both"]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class AlignTimings:
    """Where the time went (wall seconds), for benchmarks and ``-v`` logging."""

    segment: float = 0.0
    encode: float = 0.0
    lexical: float = 0.0
    dp: float = 0.0


def _seg_name(seg: Segmentation) -> str:
    for key, value in parse_signature(seg.signature):
        if key == "seg":
            return value
    return "unknown"


def _signature(
    src: Segmentation, tgt: Segmentation, features: SideFeatures, level: str, cfg: AlignConfig
) -> str:
    """The alignment's signature; the encoder is the one that built ``features``."""
    return make_signature(
        seg=f"{_seg_name(src)}+{_seg_name(tgt)}",
        enc=features.encoder or "none",
        align=ALIGNER_VERSION,
        level=level,
        params=cfg.describe(),
    )


def _beads(
    scored: Sequence[ScoredBead],
    src: Segmentation,
    tgt: Segmentation,
    level: Level,
    scores: np.ndarray | None = None,
) -> tuple[Bead, ...]:
    conf = confidences(scored) if scores is None else scores
    out = []
    for b, c in zip(scored, conf, strict=True):
        sp = tuple(sorted({src.segments[i].paragraph for i in b.src}))
        tp = tuple(sorted({tgt.segments[j].paragraph for j in b.tgt}))
        out.append(
            Bead(
                src=b.src,
                tgt=b.tgt,
                score=float(c),
                level=level,
                src_paragraphs=sp,
                tgt_paragraphs=tp,
                similarity=b.cos_sem if b.src and b.tgt else math.nan,
            )
        )
    return tuple(out)


def align_with_features(
    src: Segmentation,
    tgt: Segmentation,
    src_features: SideFeatures,
    tgt_features: SideFeatures,
    *,
    config: AlignConfig | None = None,
    rescore_stats: RescoreStats | None = None,
) -> tuple[Alignment, PathResult]:
    """Align one level given features already computed (benchmarks reuse cached features).

    The signature names the encoder recorded in ``src_features`` (merged-text re-scoring
    encodes with it too); ``rescore_stats`` collects what re-scoring did, when enabled.
    """
    cfg = (config or AlignConfig()).for_pair(src.document.lang, tgt.document.lang)
    level_cfg = cfg.for_level(src.level)
    encoder = src_features.encoder or DEFAULT_ENCODER
    if is_excerpt(len(src_features), len(tgt_features)):
        result = _align_excerpt(src, tgt, src_features, tgt_features, level_cfg, encoder)
        beads = _beads(result.beads, src, tgt, src.level, bead_confidences(result.beads, cfg))
        sig = _signature(src, tgt, src_features, src.level, cfg)
        return Alignment(src=src, tgt=tgt, beads=beads, signature=sig), result
    rescorer = _rescorer(src.texts, tgt.texts, src, tgt, encoder, cfg, rescore_stats)
    result = align_features(src_features, tgt_features, level_cfg, rescorer=rescorer)
    scores = bead_confidences(result.beads, cfg)
    if cfg.adapts_lexicon():
        links = [(b.src, b.tgt, float(c)) for b, c in zip(result.beads, scores, strict=True)]
        adapted = adapt_features(src, tgt, src_features, tgt_features, links, cfg)
        if adapted is not None:
            result = align_features(adapted[0], adapted[1], level_cfg, rescorer=rescorer)
            scores = bead_confidences(result.beads, cfg)
    beads = _beads(result.beads, src, tgt, src.level, scores)
    sig = _signature(src, tgt, src_features, src.level, cfg)
    return Alignment(src=src, tgt=tgt, beads=beads, signature=sig), result


def _align_excerpt(
    src: Segmentation,
    tgt: Segmentation,
    sf: SideFeatures,
    tf: SideFeatures,
    cfg: AlignConfig,
    encoder: str,
) -> PathResult:
    """Align the shorter side inside the region of the longer one it matches (one stderr
    line says so); the longer side's segments outside it stand alone as omissions."""
    src_short = len(sf) <= len(tf)
    short, long = (sf, tf) if src_short else (tf, sf)
    region = locate(short.vectors, long.vectors)
    inner = np.arange(region.start, region.stop)
    sub_s, sub_t = (sf, tf.select(inner)) if src_short else (sf.select(inner), tf)
    s_texts = src.texts if src_short else [src.texts[x] for x in inner]
    t_texts = [tgt.texts[y] for y in inner] if src_short else tgt.texts
    rescorer = _rescorer(s_texts, t_texts, src, tgt, encoder, cfg, None)
    sub = align_features(
        sub_s, sub_t, cfg, rescorer=rescorer, free_overhang="tgt" if src_short else "src"
    )
    long_name = (tgt if src_short else src).document.name
    short_name = (src if src_short else tgt).document.name
    log.warning(
        "%s and %s differ %d× (%d and %d %ss): %s is aligned as an excerpt against %ss "
        "%d–%d of %s (%d%% of the matching votes fell there); the other %d are left unmatched.",
        src.document.name,
        tgt.document.name,
        round(len(long) / len(short)),
        len(sf),
        len(tf),
        src.level,
        short_name,
        src.level,
        region.start + 1,
        region.stop,
        long_name,
        round(100 * region.votes / max(region.total, 1)),
        len(long) - len(inner),
    )

    def shift(b: ScoredBead) -> ScoredBead:
        if src_short:
            return dataclasses.replace(b, tgt=tuple(int(inner[y]) for y in b.tgt))
        return dataclasses.replace(b, src=tuple(int(inner[x]) for x in b.src))

    def lone(k: int) -> ScoredBead:
        nan = math.nan
        s, t = ((), (k,)) if src_short else ((k,), ())
        # Outside the region nothing was compared: no best match, an omission by position.
        return ScoredBead(s, t, cfg.skip_cost, nan, nan, nan, nan, 0.0, 0.0, unmatched_block=True)

    inner_beads = [shift(b) for b in sub.beads]
    linked = [n for n, b in enumerate(inner_beads) if b.src and b.tgt]
    for n, first in ((linked[0], True), (linked[-1], False)) if linked else ():
        b = inner_beads[n]
        s_idx, l_idx = (b.src, b.tgt) if src_short else (b.tgt, b.src)
        cut = trim_edge(short.vectors[list(s_idx)], long.vectors[list(l_idx)], first)
        if cut:
            kept = l_idx[cut:] if first else l_idx[: len(l_idx) - cut]
            gone = l_idx[:cut] if first else l_idx[len(l_idx) - cut :]
            # The trimmed bead keeps the scored features of the whole one (a lower cosine
            # than the trimmed bead's, so its confidence usually errs low).
            edge = dataclasses.replace(b, **{"tgt" if src_short else "src": kept})
            extra = [lone(k) for k in gone]
            inner_beads[n : n + 1] = [*extra, edge] if first else [edge, *extra]
    beads = (
        [lone(k) for k in range(region.start)]
        + _margin_unmatched(inner_beads, src_short)
        + [lone(k) for k in range(region.stop, len(long))]
    )
    return PathResult(tuple(beads), sub.n_cells, sub.seconds_dp)


def _margin_unmatched(beads: list[ScoredBead], src_short: bool) -> list[ScoredBead]:
    """An excerpt region's beads with its margin marked ``unmatched_block``.

    The long side's lines before the first link and after the last are the region's margin
    (left alone by the DP at no cost, or cut off the edge beads by trim_edge): unmatched like
    the lines outside the region, not omissions the DP weighed. Lone lines between links, and
    the short side's lone lines anywhere, keep the DP's own evidence.
    """
    linked = [n for n, b in enumerate(beads) if b.src and b.tgt]
    first, last = (linked[0], linked[-1]) if linked else (len(beads), -1)
    return [
        dataclasses.replace(b, unmatched_block=True)
        if (n < first or n > last) and (b.tgt if src_short else b.src) and not (b.src and b.tgt)
        else b
        for n, b in enumerate(beads)
    ]


# Sides whose segment counts differ this much are most often a wrong or partial file.
UNEQUAL_WARN = 5


def _warn_if_unequal(src: Segmentation, tgt: Segmentation) -> None:
    n, m = len(src.segments), len(tgt.segments)
    if n and m and max(n, m) >= UNEQUAL_WARN * min(n, m):
        log.warning(
            "%s has %d %ss and %s %d: the sides differ %d×, so most segments of the longer "
            "side cannot be aligned (is one file partial or the wrong one?).",
            src.document.name,
            n,
            src.level,
            tgt.document.name,
            m,
            round(max(n, m) / min(n, m)),
        )


def align_segmentations(
    src: Segmentation,
    tgt: Segmentation,
    *,
    encoder: str = DEFAULT_ENCODER,
    config: AlignConfig | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Align two segmentations at their own level (one DP over the whole document)."""
    cfg = (config or AlignConfig()).for_pair(src.document.lang, tgt.document.lang)
    if src.level != tgt.level:
        raise ConfigError(f"cannot align {src.level}s with {tgt.level}s; segment both alike.")
    if not is_excerpt(len(src.segments), len(tgt.segments)):
        _warn_if_unequal(src, tgt)  # an excerpt is located and reported instead
    if progress:
        progress("encoding")
    sf, tf, _ = build_features(
        src.texts,
        src.document.lang,
        tgt.texts,
        tgt.document.lang,
        encoder=encoder,
        lexical=cfg.wants_lexical(),
    )
    if progress:
        progress("aligning")
    alignment, _ = align_with_features(src, tgt, sf, tf, config=cfg)
    return alignment


def _rescorer(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    src: Segmentation,
    tgt: Segmentation,
    encoder: str,
    cfg: AlignConfig,
    stats: RescoreStats | None,
) -> MergedTextRescorer | None:
    if not cfg.rescore_merged:
        return None
    return MergedTextRescorer(
        src_texts,
        tgt_texts,
        src.document.lang,
        tgt.document.lang,
        encoder,
        margin=cfg.rescore_margin,
        stats=stats,
    )


def adapt_features(
    src: Segmentation,
    tgt: Segmentation,
    sf: SideFeatures,
    tf: SideFeatures,
    links: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]],
    cfg: AlignConfig,
) -> tuple[SideFeatures, SideFeatures] | None:
    """Features with the document-learned lexicon added (None: nothing learned, no change)."""
    if sf.lexical is None or tf.lexical is None:
        return None
    from bilingual.align.adaptive_lexicon import adapt, widen

    lex = adapt(
        src.texts,
        src.document.lang,
        tgt.texts,
        tgt.document.lang,
        links,
        dim=sf.lexical.shape[1],
        min_confidence=cfg.adaptive_min_confidence,
        min_count=cfg.adaptive_min_count,
        min_dice=cfg.adaptive_min_dice,
    )
    if not lex.pairs:
        return None
    w = cfg.adaptive_weight
    return (
        SideFeatures(sf.vectors, widen(sf.lexical, lex.src, w), sf.lengths, sf.encoder),
        SideFeatures(tf.vectors, widen(tf.lexical, lex.tgt, w), tf.lengths, tf.encoder),
    )


def _paragraph_features(sent: SideFeatures, owners: np.ndarray, n_par: int) -> SideFeatures:
    """Paragraph rows as sums of their sentences (vectors re-normalised to unit length)."""
    vec = np.zeros((n_par, sent.vectors.shape[1]), dtype=np.float32)
    np.add.at(vec, owners, sent.vectors)
    norms = np.linalg.norm(vec, axis=1, keepdims=True)
    vec = (vec / np.where(norms == 0, 1.0, norms)).astype(np.float32)
    lex = None
    if sent.lexical is not None:
        lex = np.zeros((n_par, sent.lexical.shape[1]), dtype=np.float32)
        np.add.at(lex, owners, sent.lexical)
        lex = lex.astype(sent.lexical.dtype, copy=False)
    lengths = np.bincount(owners, weights=sent.lengths, minlength=n_par).astype(np.float64)
    return SideFeatures(vec, lex, lengths, sent.encoder)


def _relevel(seg: Segmentation, level: Level) -> Segmentation:
    return seg if seg.level == level else dataclasses.replace(seg, level=level)


def align_documents(
    src: Document,
    tgt: Document,
    *,
    level: AlignLevel = "both",
    presplit: bool = False,
    encoder: str = DEFAULT_ENCODER,
    config: AlignConfig | None = None,
    spacy_model: str | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Segment and align two documents.

    ``level="both"`` aligns paragraphs (n:m, omissions) and then the sentences inside each
    aligned paragraph group: sentence beads in ``beads``, paragraph beads in
    ``paragraph_beads``. ``presplit`` takes one segment per non-blank line as given (gold
    benchmarks); the lines are then aligned in one pass at ``level`` (sentence for ``both``).
    """
    from bilingual.segment import paragraphs, segment
    from bilingual.segment import presplit as presplit_doc

    if level not in ("paragraph", "sentence", "both"):
        raise ConfigError(f"unknown level {level!r}; use paragraph, sentence or both.")
    cfg = (config or AlignConfig()).for_pair(src.lang, tgt.lang)
    if presplit:
        one: Level = "paragraph" if level == "paragraph" else "sentence"
        s, t = _relevel(presplit_doc(src), one), _relevel(presplit_doc(tgt), one)
        return align_segmentations(s, t, encoder=encoder, config=cfg, progress=progress)
    if progress:
        progress("segmenting")
    s_sent = segment(src, "sentence", spacy_model=spacy_model)
    t_sent = segment(tgt, "sentence", spacy_model=spacy_model)
    if level == "sentence" or is_excerpt(len(s_sent.segments), len(t_sent.segments)):
        # An excerpt is located among the sentences of the whole text; paragraphs of the
        # long side outside it would only be omissions.
        return align_segmentations(s_sent, t_sent, encoder=encoder, config=cfg, progress=progress)
    _warn_if_unequal(s_sent, t_sent)
    s_par, t_par = paragraphs(src), paragraphs(tgt)
    if progress:
        progress("encoding")
    sf, tf, _ = build_features(
        s_sent.texts,
        src.lang,
        t_sent.texts,
        tgt.lang,
        encoder=encoder,
        lexical=cfg.wants_lexical(),
    )
    if progress:
        progress("aligning")
    first = _align_two_levels(s_sent, t_sent, s_par, t_par, sf, tf, cfg, level)
    if level == "paragraph" or not cfg.adapts_lexicon():
        return first
    links = [(b.src, b.tgt, b.score) for b in first.beads]
    adapted = adapt_features(s_sent, t_sent, sf, tf, links, cfg)
    if adapted is None:
        return first
    return _align_two_levels(s_sent, t_sent, s_par, t_par, *adapted, cfg, level)


def _align_two_levels(
    s_sent: Segmentation,
    t_sent: Segmentation,
    s_par: Segmentation,
    t_par: Segmentation,
    sf: SideFeatures,
    tf: SideFeatures,
    cfg: AlignConfig,
    level: AlignLevel,
) -> Alignment:
    s_own = np.array([x.paragraph for x in s_sent.segments], dtype=np.int64)
    t_own = np.array([x.paragraph for x in t_sent.segments], dtype=np.int64)
    pf_s = _paragraph_features(sf, s_own, len(s_par))
    pf_t = _paragraph_features(tf, t_own, len(t_par))
    par_result = align_features(pf_s, pf_t, cfg.for_paragraph_pass())
    par_beads = _beads(
        par_result.beads, s_par, t_par, "paragraph", bead_confidences(par_result.beads, cfg)
    )
    if level == "paragraph":
        sig = _signature(s_par, t_par, sf, "paragraph", cfg)
        return Alignment(src=s_par, tgt=t_par, beads=par_beads, signature=sig)

    # Sentence ranges of each paragraph bead (sentences are in paragraph order).
    s_start = np.searchsorted(s_own, np.arange(len(s_par) + 1))
    t_start = np.searchsorted(t_own, np.arange(len(t_par) + 1))
    groups: list[tuple[range, range, float]] = []
    for pb in par_beads:
        sr = range(s_start[pb.src[0]], s_start[pb.src[-1] + 1]) if pb.src else range(0)
        tr = range(t_start[pb.tgt[0]], t_start[pb.tgt[-1] + 1]) if pb.tgt else range(0)
        groups.append((sr, tr, pb.score))
    # Calibrate the sentence channels once on the whole document, inside the paragraph groups.
    points: list[tuple[int, int]] = []
    i = j = 0
    for sr, tr, _ in groups:
        i += len(sr)
        j += len(tr)
        points.append((i, j))
    band = Band.around_path(points, len(sf), len(tf), radius=0)
    from bilingual.align.core import bead_types, one_blas_thread

    with one_blas_thread():
        doc_scorer = BeadScorer(sf, tf, bead_types(cfg), cfg, band)
    # Sentence beads of every group, in order, then one confidence pass over the whole path:
    # neighbours cross group boundaries, and a sentence left alone by the paragraph pass gets
    # the omission model's probability like any other 1:0 / 0:1 bead.
    scored = _scored_in_groups(groups, s_sent, t_sent, sf, tf, cfg, doc_scorer.calibration)
    sent_beads = _beads(scored, s_sent, t_sent, "sentence", bead_confidences(scored, cfg))
    sig = _signature(s_sent, t_sent, sf, "both", cfg)
    return Alignment(
        src=s_sent,
        tgt=t_sent,
        beads=sent_beads,
        signature=sig,
        paragraph_beads=par_beads,
    )


def _scored_in_groups(
    groups: list[tuple[range, range, float]],
    s_sent: Segmentation,
    t_sent: Segmentation,
    sf: SideFeatures,
    tf: SideFeatures,
    cfg: AlignConfig,
    cal: Calibration,
) -> list[ScoredBead]:
    """The sentence beads of each paragraph group (sentence ranges), aligned group by group
    with the document's calibration; indices are the document's.

    The orphan split (``cfg.split_orphans``) reads the document's merge rate, which a group
    of a few sentences cannot estimate: every group's DP runs first, then each path is split
    and scored with the rate of all the groups' paths together.
    """
    solved = [_group_path(sr, tr, s_sent, t_sent, sf, tf, cfg, cal) for sr, tr, _ in groups]
    rate = None
    if cfg.split_orphans and cfg.scorer == "learned":
        rate = merge_rate([bead for g in solved if g is not None for bead in g[2].path])
    out: list[ScoredBead] = []
    for (sr, tr, _), g in zip(groups, solved, strict=True):
        if g is None:
            out += [_lone_scored((x,), (), cal, cfg, float(sf.lengths[x])) for x in sr]
            out += [
                _lone_scored((), (y,), cal, cfg, float(tf.lengths[y]) / cal.len_ratio) for y in tr
            ]
            continue
        si, ti, sub = g
        out += [
            dataclasses.replace(
                b, src=tuple(int(si[x]) for x in b.src), tgt=tuple(int(ti[y]) for y in b.tgt)
            )
            for b in finish_path(sub, cfg, rate).beads
        ]
    return out


def _group_path(
    sr: range,
    tr: range,
    s_sent: Segmentation,
    t_sent: Segmentation,
    sf: SideFeatures,
    tf: SideFeatures,
    cfg: AlignConfig,
    cal: Calibration,
) -> tuple[np.ndarray, np.ndarray, SolvedPath] | None:
    """The DP path of one paragraph group (indices local to the group, ``si`` / ``ti`` map
    them to the document's); None when one side of the group is empty."""
    if len(sr) == 0 or len(tr) == 0:
        return None
    si, ti = np.arange(sr.start, sr.stop), np.arange(tr.start, tr.stop)
    rescorer = _rescorer(
        [s_sent.texts[x] for x in si],
        [t_sent.texts[y] for y in ti],
        s_sent,
        t_sent,
        sf.encoder or DEFAULT_ENCODER,
        cfg,
        None,
    )
    return si, ti, solve_path(sf.select(si), tf.select(ti), cfg, cal.subset(si, ti), rescorer)


def _lone_scored(
    s: tuple[int, ...], t: tuple[int, ...], cal: Calibration, cfg: AlignConfig, chars: float
) -> ScoredBead:
    """A sentence of a paragraph the other side lacks, with its best match for confidence.

    ``chars``: its length in source units (target lengths over the document's length ratio),
    the omission model's length input, as the DP's own 1:0 / 0:1 beads record it.
    """
    best = float(np.nan_to_num(cal.best_src[s[0]] if s else cal.best_tgt[t[0]], nan=0.0))
    norm = float(cal.sem.normalise(np.array([best]))[0])
    nan = math.nan
    return ScoredBead(
        s, t, cfg.skip_cost, nan, nan, nan, nan, best, norm, omit_chars=chars, unmatched_block=True
    )


def align_page(
    page: Document,
    *,
    level: AlignLevel = "both",
    encoder: str = DEFAULT_ENCODER,
    config: AlignConfig | None = None,
    spacy_model: str | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Split one mixed English/Chinese page into its two sides, then align English → Chinese."""
    from bilingual.segment.mixed import require_mixed_page, split_page

    require_mixed_page(page)
    split = split_page(page)
    return align_documents(
        split.en,
        split.zh,
        level=level,
        encoder=encoder,
        config=config,
        spacy_model=spacy_model,
        progress=progress,
    )


__all__ = [
    "AlignTimings",
    "FeatureTimings",
    "align_documents",
    "align_page",
    "align_segmentations",
    "align_with_features",
]
