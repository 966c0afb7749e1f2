"""Beads whose two sides mean less alike than this document's beads usually do."""

from __future__ import annotations

import numpy as np

from bilingual.check.context import CheckContext, finding, short
from bilingual.check.script import weight
from bilingual.check.stats import robust_center_scale
from bilingual.model import Evidence, Finding, Severity

# Below this many paired beads a document has no distribution to speak of: only the absolute
# "unrelated" floor applies.
MIN_BEADS = 5
# Sides lighter than this (letters, Han x3) give noisy embeddings: titles, numbers, names.
MIN_WEIGHT = 24.0


def low_similarity(ctx: CheckContext) -> list[Finding]:
    """Paired beads whose similarity is a low outlier (robust z) or plainly unrelated."""
    cfg = ctx.config
    pairs = [v for v in ctx.beads if v.is_pair and np.isfinite(ctx.similarity[v.index])]
    if not pairs:
        return []
    sims = np.array([ctx.similarity[v.index] for v in pairs])
    center, scale = robust_center_scale(sims, min_scale=cfg.min_similarity_scale)
    use_z = len(pairs) >= MIN_BEADS
    # The floor is relative (an error only for an outlier) in a loosely translated document:
    # its few low pairs are paraphrase. Where many pairs read as unrelated (the wrong file, a
    # misalignment) they would mask each other as outliers, so the floor is absolute there.
    relative = use_z and float(np.mean(sims < cfg.unrelated_similarity)) <= cfg.unrelated_share
    findings: list[Finding] = []
    for v, s in zip(pairs, sims, strict=True):
        if min(weight(v.src_text), weight(v.tgt_text)) < MIN_WEIGHT:
            continue
        z = (s - center) / scale if use_z else 0.0
        severity: Severity | None = None
        if s < cfg.unrelated_floor or (
            s < cfg.unrelated_similarity and (not relative or z < -cfg.warning_z)
        ):
            # Unrelated: below the floor and, where the document has a distribution, an
            # outlier of it too. A literary translation's paraphrase scores .08-.19 against a
            # document median of .42 (MAC-Dev, robust z -1.8 to -2.6): the encoder's floor,
            # not unrelated text; a news pair that low lies 4+ deviations out.
            severity = "error"
        elif z < -cfg.warning_z:
            severity = "warning"
        elif z < -cfg.info_z:
            severity = "info"
        if severity is None:
            continue
        findings.append(
            finding(
                v,
                "low_similarity",
                severity,
                f"the two sides say different things (similarity {s:.2f}, document median "
                f"{center:.2f}): “{short(v.src_text, 40)}” / “{short(v.tgt_text, 30)}”",
                [
                    Evidence("similarity", value=float(s)),
                    Evidence("document_median", value=center),
                    Evidence("robust_z", value=float(z)),
                ],
            )
        )
    return findings + _unsupported_paragraphs(ctx)


def best_support(mine: np.ndarray, other: np.ndarray, chunk: int = 1024) -> np.ndarray:
    """For each row of ``mine``, its highest cosine with any row of ``other`` (chunked)."""
    out = np.full(len(mine), np.nan)
    if len(mine) == 0 or len(other) == 0:
        return out
    for k in range(0, len(mine), chunk):
        out[k : k + chunk] = (mine[k : k + chunk] @ other.T).max(axis=1)
    return out


def _unsupported_paragraphs(ctx: CheckContext) -> list[Finding]:
    """Paragraphs whose sentences are said nowhere on the other side (comparable texts).

    Each sentence's support is its best cosine with any sentence of the other document; a
    paragraph's is the length-weighted mean. Aligned or not, a paragraph that argues
    something else has low support, while a translated one scores like its sentences.
    """
    if not ctx.paragraphs or ctx.src_vectors is None or ctx.tgt_vectors is None:
        return []
    cfg = ctx.config
    out: list[Finding] = []
    for side in ("src", "tgt"):
        seg = ctx.alignment.src if side == "src" else ctx.alignment.tgt
        mine, other = (
            (ctx.src_vectors, ctx.tgt_vectors)
            if side == "src"
            else (ctx.tgt_vectors, ctx.src_vectors)
        )
        support = best_support(mine, other)
        by_par: dict[int, list[int]] = {}
        for s in seg.segments:
            by_par.setdefault(s.paragraph, []).append(s.index)
        for pv in ctx.paragraphs:
            ids = pv.bead.src if side == "src" else pv.bead.tgt
            for p in ids:
                members = by_par.get(p, [])
                text = seg.segments[members[0]].text if members else ""
                full = " ".join(seg.segments[i].text for i in members)
                if not members or weight(full) < 3 * MIN_WEIGHT:
                    continue
                w = np.array([max(len(seg.segments[i].text), 1) for i in members], dtype=float)
                value = float((support[members] * w).sum() / w.sum())
                if value >= cfg.unsupported_similarity:
                    continue
                severity: Severity = (
                    "warning" if value < cfg.unsupported_similarity - 0.05 else "info"
                )
                where = "source" if side == "src" else "target"
                out.append(
                    finding(
                        pv,
                        "low_similarity",
                        severity,
                        f"{where} paragraph {p} says things the other side does not "
                        f"(support {value:.2f}): “{short(text, 50)}”",
                        [
                            Evidence("paragraph_support", value=value),
                            Evidence("threshold", value=cfg.unsupported_similarity),
                        ],
                        src_ids=(p,) if side == "src" else pv.bead.src,
                        tgt_ids=pv.bead.tgt if side == "src" else (p,),
                        src_text=full if side == "src" else pv.src_text,
                        tgt_text=pv.tgt_text if side == "src" else full,
                    )
                )
    return out
