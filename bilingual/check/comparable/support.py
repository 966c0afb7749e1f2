"""Where each claim is said on the other side, anywhere, and how sure that is.

Rewritten analyses move content between paragraphs, merge and summarise: a claim is compared
with every claim, every sentence and every pair of neighbouring sentences of the other side
(a summary often spans two). Two features make its support probability: the best cosine, and
the *competition* for that best match: how much better the matched stretch fits some stretch
of the claim's own side (0 when the claim is what it translates; strongly negative when the
claim only borrowed the translation of a neighbouring sentence on the same topic, the usual
case of a dropped claim in a news story). Sentence vectors alone cannot see what a claim adds beyond
a neighbour that repeats most of it (a headline and its lede, a quote and its paraphrase), so
the claim is also read word by word against its best support (:func:`word_coverage`: the share
of its content words the zh–en lexicon of ``check/wordalign.py`` links there, the longest
unlinked run, its size, and its numbers the support does not state). A logistic over these,
fitted on the development pairs of ``bench/comparable_pairs.py`` (``SUPPORT_CALIBRATION``),
gives the probability. Rows are encoded once through the check's encoder cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.check.comparable.claims import ClaimSpan
from bilingual.lang import is_cjk, joiner
from bilingual.model import Segmentation

# P(supported) = sigmoid(w0 + w . support_features): best cosine, competition, best lexical
# cosine, mutual (competition above -MUTUAL_SLACK), then the word coverage of the claim by its
# best support: unlinked share, log(1 + longest unlinked run), log(1 + content words), and
# whether a number of the claim is missing there.
# Fitted by ``python bench/bench_comparable.py --fit`` on the development half (even document
# numbers) of the generated NTREX pairs, USE encoder (BENCHMARKS.md, issue 21).
SUPPORT_CALIBRATION = (1.49, 8.27, 0.67, 2.68, 2.74, -3.67, -0.74, -1.18, -1.91)
# Pairs the word lexicon does not cover (it is zh–en): the first five weights of an earlier fit
# of the same kind without the word columns (BENCHMARKS.md, issue 21, first table).
PLAIN_SUPPORT_CALIBRATION = (-4.11, 7.36, 0.83, 4.35, 1.69)
MUTUAL_SLACK = 0.03


@dataclass(frozen=True)
class Coverage:
    """How much of a claim its best support says, word by word."""

    unlinked: float  # share of the claim's content words not linked in the support
    gap: int  # longest run of unlinked content words
    words: int  # content words of the claim
    missing_numbers: int  # quantities of the claim the support does not state


def has_word_lexicon(lang_a: str, lang_b: str) -> bool:
    """Whether ``word_coverage`` can read this pair (the shipped lexicon is zh–en)."""
    return is_cjk(lang_a) != is_cjk(lang_b) and "en" in (lang_a[:2], lang_b[:2])


def word_coverage(
    claims: Sequence[str], supports: Sequence[str], claim_lang: str, support_lang: str
) -> list[Coverage]:
    """Each claim read word by word against its support (the same position in ``supports``):
    the wordalign lexicon links, and the claim's numbers the support does not state."""
    if not claims:
        return []
    from bilingual.check.wordalign import EN_STOP, ZH_STOP, bead_gaps, tokens
    from bilingual.numbers import extract_numbers, quantities_match

    gaps = bead_gaps(list(zip(claims, supports, strict=True)), claim_lang, support_lang)
    out = []
    for text, support, g in zip(claims, supports, gaps, strict=True):
        words = sum(
            1
            for t in tokens(text, claim_lang)
            # a content word: letters (Han included), not a function word of either list
            if any(ch.isalpha() for ch in t.text)
            and t.text not in EN_STOP
            and t.text not in ZH_STOP
        )
        theirs = extract_numbers(support, support_lang)
        missing = sum(
            1
            for q in extract_numbers(text, claim_lang)
            if q.unit != "ordinal" and not any(quantities_match(q, o) for o in theirs)
        )
        out.append(Coverage(g.src.unlinked_share, g.src.words, words, missing))
    return out


@dataclass(frozen=True)
class Unit:
    """A stretch of the other side a claim can be supported by: its sentences and text."""

    segments: tuple[int, ...]
    text: str


def support_units(seg: Segmentation, claims: Sequence[ClaimSpan]) -> list[Unit]:
    """Claims, sentences and neighbouring sentence pairs (same paragraph) of one side."""
    sep = joiner(seg.document.lang)
    units = [Unit((c.segment,), c.text) for c in claims]
    units += [Unit((s.index,), s.text) for s in seg.segments]
    for a, b in zip(seg.segments, seg.segments[1:], strict=False):
        if a.paragraph == b.paragraph:
            units.append(Unit((a.index, b.index), a.text + sep + b.text))
    # the same text twice (a one-claim sentence) is one row
    seen: dict[str, Unit] = {}
    for u in units:
        seen.setdefault(u.text, u)
    return list(seen.values())


def coverage_columns(coverage: Sequence[Coverage]) -> np.ndarray:
    """The word-coverage columns of ``support_features`` (n x 4)."""
    if not coverage:
        return np.zeros((0, 4))
    return np.array(
        [
            (c.unlinked, np.log1p(c.gap), np.log1p(c.words), float(c.missing_numbers > 0))
            for c in coverage
        ],
        dtype=float,
    )


def support_features(
    similarity: np.ndarray,
    competition: np.ndarray,
    lexical: np.ndarray,
    coverage: np.ndarray | None = None,
) -> np.ndarray:
    """The columns the calibration weighs: best cosine, competition, best lexical cosine,
    whether the claim is (nearly) the best match of its own best match (competition ≈ 0), and
    (when given) the word-coverage columns of ``coverage_columns``."""
    similarity, competition, lexical = (
        np.asarray(x, dtype=float) for x in (similarity, competition, lexical)
    )
    mutual = (competition > -MUTUAL_SLACK).astype(float)
    cols = np.column_stack([similarity, competition, lexical, mutual])
    if coverage is None:
        return cols
    return np.column_stack([cols, np.asarray(coverage, dtype=float).reshape(len(cols), -1)])


def calibrated(
    similarity: np.ndarray,
    competition: np.ndarray,
    lexical: np.ndarray,
    coverage: np.ndarray | None = None,
    calibration: tuple[float, ...] | None = None,
) -> np.ndarray:
    """P(the claim is said on the other side): the logistic over ``support_features``
    (``SUPPORT_CALIBRATION`` with coverage columns, ``PLAIN_SUPPORT_CALIBRATION`` without)."""
    if calibration is None:
        calibration = PLAIN_SUPPORT_CALIBRATION if coverage is None else SUPPORT_CALIBRATION
    w = np.asarray(calibration, dtype=float)
    z = w[0] + support_features(similarity, competition, lexical, coverage) @ w[1:]
    return 1.0 / (1.0 + np.exp(-z))


def lexical_support(
    src_claims: Sequence[str],
    src_units: Sequence[str],
    src_lang: str,
    tgt_claims: Sequence[str],
    tgt_units: Sequence[str],
    tgt_lang: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each claim's best dictionary-key cosine (CC-CEDICT glosses, names, numbers: the
    aligner's lexical channel) with any unit of the other side, and that unit's index (-1 when
    none), source claims then target claims: a paraphrase the sentence encoder misses often
    keeps its content words."""
    from bilingual.encode.lexical import lexical_vectors
    from bilingual.encode.vectors import normalise_rows

    s_vec, t_vec = lexical_vectors(
        list(src_claims) + list(src_units), src_lang, list(tgt_claims) + list(tgt_units), tgt_lang
    )
    s_vec, t_vec = normalise_rows(s_vec), normalise_rows(t_vec)
    s_claims, s_units = s_vec[: len(src_claims)], s_vec[len(src_claims) :]
    t_claims, t_units = t_vec[: len(tgt_claims)], t_vec[len(tgt_claims) :]

    def best(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if len(a) == 0 or len(b) == 0:
            return np.zeros(len(a)), np.full(len(a), -1, dtype=np.int64)
        sims = np.nan_to_num(a @ b.T)
        return sims.max(axis=1), sims.argmax(axis=1)

    (s_best, s_idx), (t_best, t_idx) = best(s_claims, t_units), best(t_claims, s_units)
    return s_best, t_best, s_idx, t_idx


# rows per matrix product: bounds memory (rows x other side) on book-length inputs
CHUNK = 1024


def row_best(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``a``: the best cosine with any row of ``b`` and its index (chunked)."""
    best = np.zeros(len(a))
    idx = np.full(len(a), -1, dtype=np.int64)
    if len(a) == 0 or len(b) == 0:
        return best, idx
    for k in range(0, len(a), CHUNK):
        sims = a[k : k + CHUNK] @ b.T
        idx[k : k + CHUNK] = sims.argmax(axis=1)
        best[k : k + CHUNK] = sims.max(axis=1)
    return best, idx


def best_matches(
    claim_vectors: np.ndarray, unit_vectors: np.ndarray, own_unit_vectors: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each claim: the best cosine with any unit of the other side, that unit's index
    (-1 when none) and the competition: best cosine minus the matched unit's best cosine with
    any unit of the claim's own side (<= 0)."""
    n = len(claim_vectors)
    best, idx = row_best(claim_vectors, unit_vectors)
    if n == 0 or len(unit_vectors) == 0 or len(own_unit_vectors) == 0:
        return best, idx, np.zeros(n)
    used = np.unique(idx)
    back_of, _ = row_best(unit_vectors[used], own_unit_vectors)
    back = back_of[np.searchsorted(used, idx)]
    return best, idx, np.minimum(best - back, 0.0)
