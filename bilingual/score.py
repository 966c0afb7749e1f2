"""Score a translation against a reference with sacrebleu: BLEU, chrF and TER, corpus and segment.

When the hypothesis and the reference have different numbers of segments (an MT output of a
whole document against a reference translation), they are first aligned monolingually with the
aligner's DP core (:func:`bilingual.align.dp.dynamic_program`), the cost of a bead being its
chrF distance: consecutive segments may merge (up to ``max_merge`` on a side) and a segment
with no counterpart stays unmatched. The aligned pairs are then scored; an unmatched reference
segment is scored against an empty hypothesis and an unmatched hypothesis segment against an
empty reference, so content dropped or added by the system lowers the scores instead of being
ignored. The report says how many segments were merged or left unmatched.

Tokenisation: BLEU uses sacrebleu's ``zh`` tokenizer for Chinese and ``13a`` otherwise; TER uses
``asian_support`` and normalisation for Chinese (its default tokenisation only splits on spaces,
which would make a whole Chinese sentence one word). chrF is character-based in both languages.
Every metric carries sacrebleu's own signature. ``import bilingual.score`` loads neither
sacrebleu nor numpy; they load on first use.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from bilingual.errors import ConfigError, InputError, LanguageError
from bilingual.lang import guess_lang
from bilingual.lang.script import HAN_CLASS
from bilingual.signature import make_signature

if TYPE_CHECKING:
    import numpy as np
    from sacrebleu.metrics import BLEU, CHRF, TER

    from bilingual.align.dp import CostFn

log = logging.getLogger(__name__)

AlignMode = Literal["auto", "always", "never"]
LANGS = ("en", "zh")
CHAR_ORDER = 6
BETA = 2.0
ALIGN_BETA = 1.0
# Costs of the monolingual alignment, in units of chrF distance (1 - F, F in [0, 1]) per
# segment. Skipping a segment costs as much as pairing it at F = threshold, where the threshold
# lies halfway between the chrF of unrelated pairs and that of each hypothesis segment's best
# match in this document (chrF levels differ a lot between languages and systems); each
# segment merged beyond 1:1 pays MERGE_COST so that a merge must raise chrF to be chosen.
MERGE_COST = 0.05
_THRESHOLD_RANGE = (0.05, 0.6)
_RANDOM_PAIRS = 400
_COARSE_PASS_CELLS = 4000


@dataclass(frozen=True)
class MetricScore:
    """One corpus-level score with sacrebleu's signature and its formatted line."""

    name: str
    score: float
    signature: str
    formatted: str


@dataclass(frozen=True)
class SegmentScore:
    """The scores of one aligned pair: which lines it joins (0-based) and their texts."""

    index: int
    hyp_ids: tuple[int, ...]
    ref_ids: tuple[int, ...]
    hyp: str
    ref: str
    bleu: float
    chrf: float
    ter: float


@dataclass(frozen=True)
class ScoreReport:
    """Corpus and segment scores of a hypothesis against a reference, with the alignment made.

    ``aligned`` says whether a monolingual alignment was run; ``merged_hyp``/``merged_ref``
    count the segments that were joined with a neighbour (in beads with more than one segment
    on that side); ``unmatched_hyp``/``unmatched_ref`` those with no counterpart.
    """

    lang: str
    n_hyp: int
    n_ref: int
    aligned: bool
    corpus: tuple[MetricScore, ...]
    segments: tuple[SegmentScore, ...]
    merged_hyp: int
    merged_ref: int
    unmatched_hyp: int
    unmatched_ref: int
    signature: str
    ter_skipped: int = 0

    def metric(self, name: str) -> MetricScore:
        """The corpus score called ``name`` (``BLEU``, ``chrF`` or ``TER``)."""
        for m in self.corpus:
            if m.name == name:
                return m
        raise KeyError(name)


def split_segments(text: str) -> list[str]:
    """One segment per non-blank line, stripped (the layout of MT outputs and references)."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def split_sentences(segments: Sequence[str], lang: str) -> list[str]:
    """Split each segment into sentences with bilingual's segmenter (loads spaCy on first use).

    For outputs whose lines hold whole paragraphs or documents: scoring sentence against
    sentence after alignment is finer than paragraph against paragraph.
    """
    from bilingual.model import Document
    from bilingual.segment import segment

    out: list[str] = []
    for text in segments:
        out.extend(segment(Document(text, lang), "sentence").texts)
    return out


# --- chrF similarity for the monolingual alignment ---------------------------------------------


NgramSets = tuple[frozenset[str], ...]


def _char_ngram_sets(text: str) -> NgramSets:
    """Per order, the n-grams of ``text`` (spaces removed, as chrF) expanded by occurrence.

    The k-th occurrence (k > 1) of ``ab`` becomes ``ab\x00k``: with this expansion the
    clipped match count of chrF, sum(min(count_h, count_r)), is the size of a set
    intersection, which runs in C (string hashes are cached).
    """
    chars = "".join(text.split())
    out = []
    for n in range(1, CHAR_ORDER + 1):
        counts = Counter(map("".join, zip(*(chars[k:] for k in range(n)), strict=False)))
        items = set(counts)
        for g in [g for g, c in counts.items() if c > 1]:
            items.update(g + "\x00" + str(k) for k in range(2, counts[g] + 1))
        out.append(frozenset(items))
    return tuple(out)


def chrf_similarity(hyp: str, ref: str, beta: float = BETA) -> float:
    """Sentence chrF (character orders 1-6, no smoothing) in [0, 1].

    With the default beta 2 it equals sacrebleu's ``sentence_chrf(hyp, [ref]).score / 100``.
    """
    return _chrf_from_sets(_char_ngram_sets(hyp), _char_ngram_sets(ref), beta)


def _chrf_from_sets(h: NgramSets, r: NgramSets, beta: float) -> float:
    prec = rec = 0.0
    order = 0
    for hs, rs in zip(h, r, strict=True):
        if hs and rs:
            match = len(hs & rs) if len(hs) < len(rs) else len(rs & hs)
            prec += match / len(hs)
            rec += match / len(rs)
            order += 1
    if not order:
        return 0.0
    prec, rec = prec / order, rec / order
    if prec + rec == 0:
        return 0.0
    f2 = beta**2
    return (1 + f2) * prec * rec / (f2 * prec + rec)


class _WindowSimilarity:
    """chrF (beta 1) of windows of consecutive segments, each window built once and cached.

    A window's n-grams, expanded by occurrence (see :func:`_char_ngram_sets`), become a
    bitmask (a Python int), so a pair's clipped match count is ``(a & b).bit_count()``: C work
    on machine words instead of Python work per n-gram. n-grams are taken inside segments
    (not across the boundary of two merged ones) so every window is a slice of one array.
    Beta is 1 here, not chrF's 2: recall-weighted scores barely punish extra hypothesis
    text, so a window would happily swallow a neighbouring unrelated segment.
    """

    def __init__(self, hyps: Sequence[str], refs: Sequence[str], max_window: int) -> None:
        import numpy as np

        self._n = len(hyps)
        texts = ["".join(t.split()) for t in (*hyps, *refs)]
        self._orders: list[tuple[np.ndarray, np.ndarray, np.ndarray] | None] = []
        for order in range(1, CHAR_ORDER + 1):
            grams = [
                list(map("".join, zip(*(t[k:] for k in range(order)), strict=False))) for t in texts
            ]
            lens = np.array([len(g) for g in grams], dtype=np.int64)
            flat = [x for g in grams for x in g]
            if not flat:
                self._orders.append(None)
                continue
            uniq, inv = np.unique(np.array(flat), return_inverse=True)
            inv = inv.ravel()
            seg = np.repeat(np.arange(len(texts)), lens)
            # Ids in order of first appearance, reading both sides in step (hyp i at i/n, ref
            # j at j/m): an int's length is its highest bit, so windows near the start of
            # the document get short masks and cheap intersections on both sides.
            n_ref = max(1, len(texts) - self._n)
            where = np.where(seg < self._n, seg / max(1, self._n), (seg - self._n) / n_ref)
            first = np.full(len(uniq), np.inf)
            np.minimum.at(first, inv, where)
            rank = np.empty(len(uniq), dtype=np.int64)
            rank[np.argsort(first, kind="stable")] = np.arange(len(uniq))
            ids = rank[inv]
            side = seg >= self._n
            # Bits reserved per id: the most occurrences any window can hold on either side.
            cap = np.zeros(len(uniq), dtype=np.int64)
            for mask in (~side, side):
                total = np.bincount(ids[mask], minlength=len(uniq))
                key, per_seg = np.unique(seg[mask] * len(uniq) + ids[mask], return_counts=True)
                max_seg = np.zeros(len(uniq), dtype=np.int64)
                np.maximum.at(max_seg, key % len(uniq), per_seg)
                cap = np.maximum(cap, np.minimum(total, max_window * max_seg))
            offsets = np.concatenate([[0], np.cumsum(cap)[:-1]])
            starts = np.concatenate([[0], np.cumsum(lens)])
            self._orders.append((ids, offsets, starts))
        self._cache: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
        self._pairs: dict[tuple[int, int, int, int], float] = {}

    def _masks(self, start: int, stop: int) -> tuple[tuple[int, int], ...]:
        """Bitmask and size per order for segments ``start:stop`` (refs follow the hyps)."""
        key = (start, stop)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        import numpy as np

        out = []
        for data in self._orders:
            if data is None:
                out.append((0, 0))
                continue
            ids, offsets, starts = data
            window = np.sort(ids[starts[start] : starts[stop]], kind="stable")
            size = len(window)
            if not size:
                out.append((0, 0))
                continue
            run = np.concatenate([[0], np.flatnonzero(np.diff(window)) + 1])
            nth = np.arange(size) - np.repeat(run, np.diff(np.concatenate([run, [size]])))
            pos = offsets[window] + nth
            bits = np.zeros(int(pos.max()) + 1, dtype=bool)
            bits[pos] = True
            out.append(
                (int.from_bytes(np.packbits(bits, bitorder="little").tobytes(), "little"), size)
            )
        result = tuple(out)
        self._cache[key] = result
        return result

    def __call__(self, h0: int, h1: int, r0: int, r1: int) -> float:
        key = (h0, h1, r0, r1)
        cached = self._pairs.get(key)
        if cached is None:
            cached = self._pairs[key] = self._similarity(h0, h1, r0, r1)
        return cached

    def _similarity(self, h0: int, h1: int, r0: int, r1: int) -> float:
        prec = rec = 0.0
        order = 0
        hyp, ref = self._masks(h0, h1), self._masks(self._n + r0, self._n + r1)
        for (hm, hn), (rm, rn) in zip(hyp, ref, strict=True):
            if hn and rn:
                match = (hm & rm).bit_count()
                prec += match / hn
                rec += match / rn
                order += 1
        if not order or prec + rec == 0:
            return 0.0
        prec, rec = prec / order, rec / order
        f2 = ALIGN_BETA**2
        return (1 + f2) * prec * rec / (f2 * prec + rec)


def _pair_threshold(sim: _WindowSimilarity, n: int, m: int, radius: int) -> float:
    """The chrF above which pairing two segments beats leaving both unmatched.

    Halfway between the median chrF of seeded random pairs (unrelated text in this language
    and domain) and the median over hypothesis segments of their best 1:1 match near the
    diagonal (what a true pair scores here).
    """
    import random
    import statistics

    best = []
    for i in range(n):
        c = round((i + 0.5) * m / n)
        best.append(
            max(sim(i, i + 1, j, j + 1) for j in range(max(0, c - radius), min(m, c + radius + 1)))
        )
    rng = random.Random(0)
    unrelated = [
        sim(i, i + 1, j, j + 1)
        for i, j in ((rng.randrange(n), rng.randrange(m)) for _ in range(_RANDOM_PAIRS))
    ]
    low, high = statistics.median(unrelated), statistics.median(best)
    threshold = min(_THRESHOLD_RANGE[1], max(_THRESHOLD_RANGE[0], (low + high) / 2))
    log.debug("pairing threshold %.3f (unrelated %.3f, best matches %.3f)", threshold, low, high)
    return threshold


def align_monolingual(
    hyps: Sequence[str],
    refs: Sequence[str],
    *,
    max_merge: int = 4,
) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """Align two segmentations of the same-language text; beads of (hyp ids, ref ids).

    Uses the aligner's DP core with the chrF distance of each bead as its cost (character
    n-grams, so it needs no tokenizer and works alike for English and Chinese), inside a band
    around the diagonal wide enough for every merge the segment counts imply.
    """
    import numpy as np

    from bilingual.align.dp import Band, default_bead_types, dynamic_program, path_points

    if max_merge < 1:
        raise ConfigError(f"max_merge must be at least 1 (got {max_merge}).")
    n, m = len(hyps), len(refs)
    sim = _WindowSimilarity(hyps, refs, max_merge)
    # 1:n and n:1 merges only: an n:m bead is two smaller beads, and allowing it lets the DP
    # blur the boundaries of correct 1:1 pairs.
    types = tuple(t for t in default_bead_types(max_merge, max_merge, max_merge + 1) if min(t) <= 1)

    if not n or not m:
        return tuple(((i,), ()) for i in range(n)) + tuple(((), (j,)) for j in range(m))
    # The true path strays from the straight line by at most the difference in counts plus
    # the skips; this radius covers that with a margin.
    radius = abs(n - m) + 8
    skip_cost = 1.0 - _pair_threshold(sim, n, m, radius)

    def cost_for(types: Sequence[tuple[int, int]]) -> CostFn:
        def cost(i_end: np.ndarray, j_end: np.ndarray, k: int) -> np.ndarray:
            a, b = types[k]
            if a == 0 or b == 0:
                return np.full(len(i_end), skip_cost)
            out = np.empty(len(i_end))
            for x, (i, j) in enumerate(zip(i_end.tolist(), j_end.tolist(), strict=True)):
                f = sim(i - a, i, j - b, j)
                out[x] = (a + b) * (1.0 - f) + MERGE_COST * (a + b - 2)
            return out

        return cost

    wide = Band.around_path([(i, round(i * m / n)) for i in range(n + 1)], n, m, radius)
    band = wide
    if wide.n_cells > _COARSE_PASS_CELLS:
        # Two passes keep the cost near-linear: 1:1 beads and skips only in the wide band
        # (a merge shows up there as a pair plus skips, a few cells off the true path), then
        # all bead types in a narrow band around that coarse path.
        coarse_types = ((1, 1), (1, 0), (0, 1))
        coarse = dynamic_program(n, m, coarse_types, cost_for(coarse_types), wide)
        band = Band.around_path(path_points(coarse), n, m, max_merge + 2)
    beads = dynamic_program(n, m, types, cost_for(types), band)
    log.debug("aligned %d hypothesis and %d reference segments into %d beads", n, m, len(beads))
    return beads


# --- scoring -------------------------------------------------------------------------------------


def _metrics(lang: str) -> tuple[BLEU, BLEU, CHRF, TER]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    tok = "zh" if lang == "zh" else "13a"
    zh = lang == "zh"
    return (
        BLEU(tokenize=tok),
        BLEU(tokenize=tok, effective_order=True),
        CHRF(),
        TER(normalized=zh, asian_support=zh),
    )


# TER's shift search grows with the product of the two lengths (a 20,000-character Chinese
# line took > 4 GB; 1,000 dissimilar tokens ~30 s CPU, similar ones well under 1 s), so pairs
# longer than this on either side get no TER; --sentences splits long lines instead.
MAX_TER_TOKENS = 1000
_TER_TOKEN = re.compile(rf"[{HAN_CLASS}]|[^\s{HAN_CLASS}]+")  # one Han character is one token


def ter_tokens(text: str) -> int:
    """About how many tokens TER sees in ``text`` (each Han character is one)."""
    return sum(1 for _ in _TER_TOKEN.finditer(text))


def language_mismatch_warning(hyp_text: str, ref_text: str) -> str | None:
    """A warning when the hypothesis and the reference are not in the same language."""
    hyp_lang, ref_lang = guess_lang(hyp_text), guess_lang(ref_text)
    if hyp_lang == ref_lang:
        return None
    return (
        f"the hypothesis looks {_LANG_NAMES[hyp_lang]} and the reference {_LANG_NAMES[ref_lang]}; "
        "score compares a translation with a reference in the same language, so the "
        "scores mean little (check that the files are the right way round)."
    )


_LANG_NAMES = {"en": "English", "zh": "Chinese"}


def _check_inputs(hyps: Sequence[str], refs: Sequence[str], lang: str, align: str) -> None:
    """One clear error for a language, mode or input that score cannot take."""
    n, m = len(hyps), len(refs)
    if lang not in LANGS:
        raise LanguageError(f"score supports --lang en or zh (got {lang!r}).")
    if align not in ("auto", "always", "never"):
        raise ConfigError(f"align must be auto, always or never (got {align!r}).")
    if not hyps or not refs:
        side = "hypothesis" if not hyps else "reference"
        raise InputError(f"the {side} has no segment; give a file with one segment per line.")
    if align == "never" and n != m:
        raise InputError(
            f"the hypothesis has {n} segments and the reference {m}; with --align never they "
            "must match line by line (use --align auto to align them first)."
        )


def _corpus_scores(
    metrics: tuple[Any, Any, Any], pair_h: list[str], pair_r: list[str], ter_ok: list[bool]
) -> list[MetricScore]:
    """BLEU, chrF and TER over all pairs (TER over the pairs short enough for it)."""
    bleu, chrf, ter = metrics
    corpus = []
    for name, metric in (("BLEU", bleu), ("chrF", chrf), ("TER", ter)):
        keep_h, keep_r = pair_h, pair_r
        if metric is ter:
            keep_h = [h for h, ok in zip(pair_h, ter_ok, strict=True) if ok]
            keep_r = [r for r, ok in zip(pair_r, ter_ok, strict=True) if ok]
        if not keep_h:
            metric.corpus_score([""], [[""]])  # sacrebleu's signature needs one evaluation
            corpus.append(MetricScore(name, math.nan, str(metric.get_signature()), "TER = n/a"))
            continue
        result = metric.corpus_score(keep_h, [keep_r])
        corpus.append(
            MetricScore(name, float(result.score), str(metric.get_signature()), str(result))
        )
    return corpus


def score_segments(
    hyps: Sequence[str],
    refs: Sequence[str],
    *,
    lang: str = "en",
    align: AlignMode = "auto",
    max_merge: int | None = None,
    segmentation: str = "lines",
) -> ScoreReport:
    """Score ``hyps`` against ``refs`` (one segment each); align them first when needed.

    ``align="auto"`` aligns only when the counts differ; ``"always"`` also re-aligns equal
    counts (e.g. a shifted output); ``"never"`` requires equal counts. ``max_merge`` (most
    segments of one side in a pair) defaults to 4, raised up to 16 when one side has many
    times more segments than the other. ``segmentation`` names how the segments were made
    (``lines`` or ``sentences``) for the signature.
    """
    _check_inputs(hyps, refs, lang, align)
    n, m = len(hyps), len(refs)
    aligned = align == "always" or (align == "auto" and n != m)
    if max_merge is None:
        max_merge = min(16, max(4, math.ceil(max(n, m) / min(n, m)) + 1))
    if aligned:
        beads = align_monolingual(hyps, refs, max_merge=max_merge)
    else:
        beads = tuple(((i,), (i,)) for i in range(n))
    sep = "" if lang == "zh" else " "
    pair_h = [sep.join(hyps[i] for i in b[0]) for b in beads]
    pair_r = [sep.join(refs[j] for j in b[1]) for b in beads]

    bleu, sent_bleu, chrf, ter = _metrics(lang)
    ter_ok = [
        max(ter_tokens(h), ter_tokens(r)) <= MAX_TER_TOKENS
        for h, r in zip(pair_h, pair_r, strict=True)
    ]
    skipped = ter_ok.count(False)
    if skipped:
        log.warning(
            "TER skipped for %d of %d pairs longer than %d tokens (its cost grows with the "
            "square of the length); score with --sentences to split long lines.",
            skipped,
            len(ter_ok),
            MAX_TER_TOKENS,
        )
    corpus = _corpus_scores((bleu, chrf, ter), pair_h, pair_r, ter_ok)
    segments = tuple(
        SegmentScore(
            k,
            b[0],
            b[1],
            h,
            r,
            float(sent_bleu.sentence_score(h, [r]).score),
            float(chrf.sentence_score(h, [r]).score),
            float(ter.sentence_score(h, [r]).score) if ok else math.nan,
        )
        for k, (b, h, r, ok) in enumerate(zip(beads, pair_h, pair_r, ter_ok, strict=True))
    )
    return ScoreReport(
        lang=lang,
        n_hyp=n,
        n_ref=m,
        aligned=aligned,
        corpus=tuple(corpus),
        segments=segments,
        merged_hyp=sum(len(b[0]) for b in beads if len(b[0]) > 1),
        merged_ref=sum(len(b[1]) for b in beads if len(b[1]) > 1),
        unmatched_hyp=sum(len(b[0]) for b in beads if not b[1]),
        unmatched_ref=sum(len(b[1]) for b in beads if not b[0]),
        ter_skipped=skipped,
        signature=make_signature(
            score="sacrebleu",
            lang=lang,
            seg=segmentation,
            align=f"chrf-dp/max{max_merge}" if aligned else "none",
        ),
    )
