"""The claim-level comparison of two comparable versions: claims, support, contradictions."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from bilingual.check.comparable import findings
from bilingual.check.comparable.claims import ClaimSpan, claim_spans
from bilingual.check.comparable.contradictions import ClaimSimilarity, quantity_contradictions
from bilingual.check.comparable.rewrites import paragraph_links, pick_rewritten, same_gap
from bilingual.check.comparable.salience import claim_features, claim_weight
from bilingual.check.comparable.support import (
    PLAIN_SUPPORT_CALIBRATION,
    SUPPORT_CALIBRATION,
    Coverage,
    Unit,
    best_matches,
    calibrated,
    claimed_by,
    coverage_columns,
    has_word_lexicon,
    lexical_support,
    row_best,
    support_units,
    word_coverage,
)
from bilingual.check.context import encode_cached
from bilingual.check.names import chinese_names, english_names
from bilingual.lang import is_cjk, joiner
from bilingual.model import (
    Alignment,
    Claim,
    ComparableAnalysis,
    Contradiction,
    RewrittenPair,
    Segmentation,
)

log = logging.getLogger(__name__)

COMPARE_VERSION = "6"


def _names(text: str, lang: str) -> int:
    return len(chinese_names(text)) if is_cjk(lang) else len(english_names(text))


def _claims(
    side: str,
    spans: Sequence[ClaimSpan],
    lang: str,
    best: np.ndarray,
    competition: np.ndarray,
    lexical: np.ndarray,
    support_ids: Sequence[tuple[int, ...]],
    coverage: Sequence[Coverage] | None,
    claimed: np.ndarray,
) -> tuple[Claim, ...]:
    cols = coverage_columns(coverage) if coverage is not None else None
    probs = calibrated(best, competition, lexical, cols, claimed if cols is not None else None)
    out = []
    for k, c in enumerate(spans):
        feats = claim_features(c.text, lang, _names(c.text, lang))
        cov = coverage[k] if coverage is not None else Coverage(0.0, 0, 0, 0)
        out.append(
            Claim(
                side=side,  # type: ignore[arg-type]
                index=k,
                segment=c.segment,
                paragraph=c.paragraph,
                start=c.start,
                end=c.end,
                text=c.text,
                support=round(float(probs[k]), 3),
                similarity=round(float(best[k]), 3),
                support_ids=support_ids[k],
                weight=claim_weight(feats),
                features=feats,
                competition=round(float(competition[k]), 3),
                lexical=round(float(lexical[k]), 3),
                unlinked=round(cov.unlinked, 3),
                unlinked_run=cov.gap,
                content_words=cov.words,
                missing_numbers=cov.missing_numbers,
                claimed=round(float(claimed[k]), 3),
            )
        )
    return tuple(out)


def _number_free(claims: Sequence[Claim]) -> list[float]:
    """Each claim's support read as if its numbers were stated on the other side: whether two
    claims are one statement must not depend on the number they disagree about."""
    if not claims:
        return []
    cols = coverage_columns(
        [Coverage(c.unlinked, c.unlinked_run, c.content_words, 0) for c in claims]
    )
    return calibrated(
        np.array([c.similarity for c in claims]),
        np.array([c.competition for c in claims]),
        np.array([c.lexical for c in claims]),
        cols,
        np.array([c.claimed for c in claims]),
    ).tolist()


def _sentence_pick(
    encoder: str, seg: Segmentation, spans: Sequence[ClaimSpan], other_units: np.ndarray
) -> np.ndarray:
    """For each claim: the other side's unit (index) its whole sentence matches best."""
    if not spans:
        return np.zeros(0, dtype=np.int64)
    _, idx = row_best(encode_cached(encoder, [s.text for s in seg.segments]), other_units)
    return idx[[c.segment for c in spans]]


def _coverage(
    spans: Sequence[ClaimSpan],
    units: Sequence[Unit],
    picks: Sequence[np.ndarray],
    lang: str,
    other_lang: str,
) -> list[Coverage]:
    """Each claim read word by word against the units ``picks`` choose on the other side (its
    best unit by the encoder, by the dictionary channel, and its whole sentence's best unit by
    the encoder; "" when none); the reading that links most of it counts (the encoder misses
    some paraphrases, the dictionary some rewordings, and a clause alone is often placed on
    a topical neighbour of what says it)."""
    # each (claim, unit) read once: the picks mostly agree (a one-claim sentence's own pick)
    pairs = list(dict.fromkeys((k, int(p[k])) for p in picks for k in range(len(spans))))
    read = word_coverage(
        [spans[k].text for k, _ in pairs],
        [units[i].text if i >= 0 else "" for _, i in pairs],
        lang,
        other_lang,
    )
    best: dict[int, Coverage] = {}
    for (k, _), c in zip(pairs, read, strict=True):
        if k not in best or (c.unlinked, c.gap) < (best[k].unlinked, best[k].gap):
            best[k] = c
    return [best[k] for k in range(len(spans))]


def _contradictions(
    src_claims: Sequence[Claim],
    tgt_claims: Sequence[Claim],
    sim: ClaimSimilarity,
    langs: tuple[str, str],
    words: bool,
) -> tuple[Contradiction, ...]:
    found = quantity_contradictions(
        src_claims,
        tgt_claims,
        sim,
        langs[0],
        langs[1],
        (_number_free(src_claims), _number_free(tgt_claims)) if words else None,
    )
    return tuple(
        Contradiction(k, x.kind, x.unit, x.src, x.tgt, x.message) for k, x in enumerate(found)
    )


def _paragraph_texts(seg: Segmentation, paragraphs: set[int]) -> dict[int, str]:
    by: dict[int, list[str]] = {}
    for s in seg.segments:
        if s.paragraph in paragraphs:
            by.setdefault(s.paragraph, []).append(s.text)
    return {p: joiner(seg.document.lang).join(ts) for p, ts in by.items()}


def _rewritten(
    encoder: str, alignment: Alignment, src_claims: Sequence[Claim], tgt_claims: Sequence[Claim]
) -> tuple[RewrittenPair, ...]:
    """One-sided paragraphs of the two sides that are one passage said differently."""
    src_one = findings.one_sided_paragraphs(src_claims)
    tgt_one = findings.one_sided_paragraphs(tgt_claims)
    if not src_one or not tgt_one:
        return ()
    links = paragraph_links(
        src_claims,
        tgt_claims,
        alignment.src,
        alignment.tgt,
        findings.UNSUPPORTED,
        (src_one.keys(), tgt_one.keys()),
    )
    pairs = same_gap(sorted(src_one), sorted(tgt_one), links)
    if not pairs:
        return ()
    src_text = _paragraph_texts(alignment.src, {a for a, _ in pairs})
    tgt_text = _paragraph_texts(alignment.tgt, {b for _, b in pairs})
    sv = dict(zip(src_text, encode_cached(encoder, list(src_text.values())), strict=True))
    tv = dict(zip(tgt_text, encode_cached(encoder, list(tgt_text.values())), strict=True))
    return pick_rewritten([(a, b, float(sv[a] @ tv[b])) for a, b in pairs])


def _signature(encoder: str, words: bool) -> str:
    """How the analysis was made: its version, the support calibration and the encoder."""
    calibration = SUPPORT_CALIBRATION if words else PLAIN_SUPPORT_CALIBRATION
    weights = "/".join(f"{w:g}" for w in calibration)
    return f"compare:{COMPARE_VERSION}|support:{weights}|enc:{encoder}"


def compare_alignment(alignment: Alignment, encoder: str) -> ComparableAnalysis:
    """Claims of both sides with their best support anywhere on the other side, and the
    contradictions between them. ``encoder`` names the sentence encoder (the check's)."""
    src_seg, tgt_seg = alignment.src, alignment.tgt
    src_lang, tgt_lang = src_seg.document.lang, tgt_seg.document.lang
    src_spans, tgt_spans = claim_spans(src_seg), claim_spans(tgt_seg)
    src_units, tgt_units = support_units(src_seg, src_spans), support_units(tgt_seg, tgt_spans)
    vec = encode_cached(
        encoder,
        [c.text for c in src_spans]
        + [c.text for c in tgt_spans]
        + [u.text for u in src_units]
        + [u.text for u in tgt_units],
    )
    a, b, c = len(src_spans), len(src_spans) + len(tgt_spans), len(src_spans) + len(tgt_spans)
    src_cv, tgt_cv = vec[:a], vec[a:b]
    src_uv, tgt_uv = vec[c : c + len(src_units)], vec[c + len(src_units) :]
    s_best, s_idx, s_comp = best_matches(src_cv, tgt_uv, src_uv)
    t_best, t_idx, t_comp = best_matches(tgt_cv, src_uv, tgt_uv)
    s_lex, t_lex, s_lex_idx, t_lex_idx = lexical_support(
        [c.text for c in src_spans],
        [u.text for u in src_units],
        src_lang,
        [c.text for c in tgt_spans],
        [u.text for u in tgt_units],
        tgt_lang,
    )
    words = has_word_lexicon(src_lang, tgt_lang)
    # a clause is also read against where its whole sentence is said: the encoder places a
    # short clause ("AMs are apparently suggesting alternative options") on a topical
    # neighbour more often than the sentence that holds it
    s_sent = _sentence_pick(encoder, src_seg, src_spans, tgt_uv)
    t_sent = _sentence_pick(encoder, tgt_seg, tgt_spans, src_uv)
    src_claims = _claims(
        "src",
        src_spans,
        src_lang,
        s_best,
        s_comp,
        s_lex,
        [tgt_units[i].segments if i >= 0 else () for i in s_idx],
        _coverage(src_spans, tgt_units, (s_idx, s_lex_idx, s_sent), src_lang, tgt_lang)
        if words
        else None,
        claimed_by(len(src_spans), src_units, t_best, t_idx),
    )
    tgt_claims = _claims(
        "tgt",
        tgt_spans,
        tgt_lang,
        t_best,
        t_comp,
        t_lex,
        [src_units[i].segments if i >= 0 else () for i in t_idx],
        _coverage(tgt_spans, src_units, (t_idx, t_lex_idx, t_sent), tgt_lang, src_lang)
        if words
        else None,
        claimed_by(len(tgt_spans), tgt_units, s_best, s_idx),
    )
    contradictions = _contradictions(
        src_claims, tgt_claims, ClaimSimilarity.of(src_cv, tgt_cv), (src_lang, tgt_lang), words
    )
    log.debug(
        "comparable: %d + %d claims, %d contradictions",
        len(src_claims),
        len(tgt_claims),
        len(contradictions),
    )
    return ComparableAnalysis(
        src_claims,
        tgt_claims,
        contradictions,
        _signature(encoder, words),
        _rewritten(encoder, alignment, src_claims, tgt_claims),
    )
