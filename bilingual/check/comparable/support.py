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
of its content words the zh–en lexicon of ``check/wordalign.py`` links there, read also with
English stems and a Chinese word's characters, the longest unlinked run, its size, and its
numbers the support does not state). One more reading comes from the other side: whether some
claim there picks this claim as *its* best match (:func:`claimed_by`; a dropped sentence is
nobody's translation, while a sentence the other version restructured is still the best match
of the claims that say it). A logistic over these,
fitted on the development pairs of ``bench/comparable_pairs.py`` (``SUPPORT_CALIBRATION``),
gives the probability. Rows are encoded once through the check's encoder cache.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.check.comparable.claims import ClaimSpan
from bilingual.lang import is_cjk, joiner
from bilingual.model import Segmentation

# P(supported) = sigmoid(w0 + w . support_features): best cosine, competition, best lexical
# cosine, mutual (competition above -MUTUAL_SLACK), then the word coverage of the claim by its
# best support: unlinked share, log(1 + longest unlinked run), log(1 + content words), and
# whether a number of the claim is missing there; and the best cosine of a claim of the other
# side whose best match holds this claim (``claimed_by``).
# Fitted by ``python bench/bench_comparable.py --fit`` on the development half (even document
# numbers) of the generated NTREX pairs, USE encoder (BENCHMARKS.md, issue 21).
SUPPORT_CALIBRATION = (0.46, 6.57, 1.43, 1.21, 1.75, -1.44, -2.01, -0.98, -2.04, 6.17)
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


@functools.lru_cache(maxsize=1)
def _lexicon_index() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The word aligner's lexicon with English stemmed (made/make, goals/goal meet): each
    Chinese word's English words and stems, and each English stem's Chinese words."""
    from bilingual.check.clauses import stem
    from bilingual.check.wordalign import lexicon

    by_zh: dict[str, set[str]] = {}
    by_en: dict[str, set[str]] = {}
    for z, e in lexicon():
        s = stem(e)
        by_zh.setdefault(z, set()).update((e, s))
        by_en.setdefault(s, set()).add(z)
    return (
        {k: frozenset(v) for k, v in by_zh.items()},
        {k: frozenset(v) for k, v in by_en.items()},
    )


def _linked(zh: Sequence[str], en: Sequence[str]) -> tuple[set[int], set[int]]:
    """Indices of the Chinese and English tokens linked to the other side: the word aligner's
    links (lexicon, CC-CEDICT keys, same token), plus the lexicon read with English stems and,
    for a Chinese word it does not know, with the word's characters (jieba joins 顿队, 此轮)."""
    from bilingual.check.clauses import stem
    from bilingual.check.wordalign import EN_STOP, ZH_STOP, linked

    zl, el = linked(zh, en)
    by_zh, by_en = _lexicon_index()
    en_set = {w for w in en if w not in EN_STOP and any(ch.isalpha() for ch in w)}
    zh_set = {w for w in zh if w not in ZH_STOP and any(ch.isalpha() for ch in w)}
    en_keys = en_set | {stem(w) for w in en_set}

    def zh_pairs(w: str) -> frozenset[str]:
        known = by_zh.get(w)
        if known is not None or len(w) < 2:
            return known or frozenset()
        # function characters (是, 的, 了) pair with hundreds of English words: not evidence
        return frozenset().union(*(by_zh.get(ch, frozenset()) for ch in w if ch not in ZH_STOP))

    zh_keys = {w: zh_pairs(w) for w in zh_set}
    zl |= {i for i, w in enumerate(zh) if (zh_keys[w] if w in zh_keys else zh_pairs(w)) & en_keys}
    linked_zh = {z for z in zh_set if zh_keys[z] & en_keys}
    el |= {
        j
        for j, w in enumerate(en)
        if by_en.get(stem(w), frozenset()) & zh_set
        or any(w in zh_keys[z] or stem(w) in zh_keys[z] for z in linked_zh)
    }
    return zl, el


def _claim_gap(
    toks: Sequence[str], linked: set[int], function: frozenset[str]
) -> tuple[float, int]:
    """(unlinked share, longest unlinked run) of a claim's content words (numbers, in digits
    or words, are ``missing_numbers``' business, as in the word aligner's gaps)."""
    from bilingual.check.wordalign import is_number_token

    content = [
        k
        for k, t in enumerate(toks)
        if any(ch.isalpha() for ch in t) and t not in function and not is_number_token(t)
    ]
    if not content:
        return 0.0, 0
    run = best = 0
    for k in content:
        run = 0 if k in linked else run + 1
        best = max(best, run)
    return sum(k not in linked for k in content) / len(content), best


def word_coverage(
    claims: Sequence[str], supports: Sequence[str], claim_lang: str, support_lang: str
) -> list[Coverage]:
    """Each claim read word by word against its support (the same position in ``supports``):
    the share of its content words linked there, and its numbers the support does not state."""
    if not claims:
        return []
    from bilingual.check.wordalign import EN_STOP, ZH_STOP, tokens
    from bilingual.numbers import extract_numbers, quantities_match

    function = ZH_STOP if is_cjk(claim_lang) else EN_STOP
    out = []
    for text, support in zip(claims, supports, strict=True):
        ct = [t.text for t in tokens(text, claim_lang)]
        st = [t.text for t in tokens(support, support_lang)]
        if is_cjk(claim_lang):
            mine, _ = _linked(ct, st)
        else:
            _, mine = _linked(st, ct)
        unlinked, gap = _claim_gap(ct, mine, function)
        words = sum(1 for t in ct if any(ch.isalpha() for ch in t) and t not in function)
        theirs = extract_numbers(support, support_lang)
        missing = sum(
            1
            for q in extract_numbers(text, claim_lang)
            if q.unit != "ordinal" and not any(quantities_match(q, o) for o in theirs)
        )
        out.append(Coverage(unlinked, gap, words, missing))
    return out


@dataclass(frozen=True)
class Unit:
    """A stretch of one side a claim of the other side can be supported by: its sentences,
    text, and the claims of its own side it states (indices into that side's claims)."""

    segments: tuple[int, ...]
    text: str
    claims: tuple[int, ...]


def support_units(seg: Segmentation, claims: Sequence[ClaimSpan]) -> list[Unit]:
    """Claims, sentences and neighbouring sentence pairs (same paragraph) of one side."""
    sep = joiner(seg.document.lang)
    of: dict[int, list[int]] = {}
    for k, c in enumerate(claims):
        of.setdefault(c.segment, []).append(k)
    units = [Unit((c.segment,), c.text, (k,)) for k, c in enumerate(claims)]
    units += [Unit((s.index,), s.text, tuple(of.get(s.index, ()))) for s in seg.segments]
    for a, b in zip(seg.segments, seg.segments[1:], strict=False):
        if a.paragraph == b.paragraph:
            held = tuple(of.get(a.index, ())) + tuple(of.get(b.index, ()))
            units.append(Unit((a.index, b.index), a.text + sep + b.text, held))
    # the same text twice (a one-claim sentence) is one row, stating the claims of both
    seen: dict[str, Unit] = {}
    for u in units:
        first = seen.setdefault(u.text, u)
        if first is not u:
            held = first.claims + tuple(k for k in u.claims if k not in first.claims)
            seen[u.text] = Unit(first.segments, first.text, held)
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
    claimed: np.ndarray | None = None,
) -> np.ndarray:
    """The columns the calibration weighs: best cosine, competition, best lexical cosine,
    whether the claim is (nearly) the best match of its own best match (competition ≈ 0), and
    (when given) the word-coverage columns of ``coverage_columns`` and ``claimed_by``."""
    similarity, competition, lexical = (
        np.asarray(x, dtype=float) for x in (similarity, competition, lexical)
    )
    mutual = (competition > -MUTUAL_SLACK).astype(float)
    cols = np.column_stack([similarity, competition, lexical, mutual])
    if coverage is not None:
        cols = np.column_stack([cols, np.asarray(coverage, dtype=float).reshape(len(cols), -1)])
    if claimed is not None:
        cols = np.column_stack([cols, np.asarray(claimed, dtype=float).reshape(len(cols))])
    return cols


def calibrated(
    similarity: np.ndarray,
    competition: np.ndarray,
    lexical: np.ndarray,
    coverage: np.ndarray | None = None,
    claimed: np.ndarray | None = None,
    calibration: tuple[float, ...] | None = None,
) -> np.ndarray:
    """P(the claim is said on the other side): the logistic over ``support_features``
    (``SUPPORT_CALIBRATION`` with the coverage and claimed columns,
    ``PLAIN_SUPPORT_CALIBRATION`` without either)."""
    if calibration is None:
        calibration = PLAIN_SUPPORT_CALIBRATION if coverage is None else SUPPORT_CALIBRATION
    w = np.asarray(calibration, dtype=float)
    cols = support_features(similarity, competition, lexical, coverage, claimed)
    if cols.shape[1] + 1 != len(w):
        raise ValueError(f"{cols.shape[1]} support columns for {len(w)} calibration weights")
    z = w[0] + cols @ w[1:]
    return 1.0 / (1.0 + np.exp(-z))


def claimed_by(
    n_claims: int, units: Sequence[Unit], other_best: np.ndarray, other_idx: np.ndarray
) -> np.ndarray:
    """For each of the ``n_claims`` claims of one side: the best cosine of a claim of the
    other side whose best match (``other_idx`` into ``units``, this side's units, with cosine
    ``other_best``) states it; 0 when none picks it.

    A dropped sentence is nobody's translation: the other side's claims pick their own
    counterparts, so it stays unpicked even when its words sit in a neighbour's translation.
    A sentence the other version split, merged or reworded is still picked by the claims
    that say it (generated pairs, BENCHMARKS.md issue 21 fifth round: among claims whose
    support without this column is 0.4–0.8, where the others are least sure, it alone
    separates said from one-sided claims at AUC .91 dev / .90 test)."""
    out = np.zeros(n_claims)
    for cos, i in zip(other_best, other_idx, strict=True):
        if i < 0:
            continue
        for k in units[i].claims:
            out[k] = max(out[k], float(cos))
    return out


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
