"""Bead confidence inputs, merged-bead edge cosines and excerpt location (issue 19)."""

from __future__ import annotations

import dataclasses
import logging
import math

import numpy as np
import pytest

from bilingual.align.aligner import align_with_features
from bilingual.align.calibrate import (
    DEFAULT_MODEL,
    LEARNED_MODEL,
    confidences,
    neighbour_similarity,
)
from bilingual.align.config import AlignConfig
from bilingual.align.core import ScoredBead, align_features
from bilingual.align.dp import Band, default_bead_types
from bilingual.align.excerpt import is_excerpt, locate, trim_edge
from bilingual.align.features import BeadScorer, SideFeatures
from bilingual.encode.length import LengthModel, length_cost
from bilingual.model import Document, Segment, Segmentation


def _unit(rng: np.random.Generator, n: int, d: int = 16) -> np.ndarray:
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _side(v: np.ndarray) -> SideFeatures:
    return SideFeatures(v, None, np.full(len(v), 20.0))


@pytest.mark.parametrize(("a", "b"), [(2, 1), (1, 3), (3, 2), (1, 1), (4, 3)])
def test_edge_cosines_match_brute_force(a: int, b: int) -> None:
    rng = np.random.default_rng(a * 10 + b)
    vs, vt = _unit(rng, 140), _unit(rng, 150)
    scorer = BeadScorer(
        _side(vs),
        _side(vt),
        default_bead_types(6, 6, 7),
        AlignConfig(use_lexical=False),
        Band.full(140, 150),
    )
    i = np.arange(a + 60, 141)
    j = np.minimum(np.arange(len(i)) + b + 3, 150)
    got = scorer.edge_cosines(i, j, a, b)
    for x in range(len(i)):
        s, t = vs[i[x] - a : i[x]].astype(np.float64), vt[j[x] - b : j[x]].astype(np.float64)
        ws, wt = s.sum(0) / np.linalg.norm(s.sum(0)), t.sum(0) / np.linalg.norm(t.sum(0))
        cands = []
        if a > 1:
            cands += [s[0] @ wt, s[-1] @ wt]
        if b > 1:
            cands += [t[0] @ ws, t[-1] @ ws]
        want = min(cands) if cands else ws @ wt
        assert got[x] == pytest.approx(want, abs=1e-4)
    # The cosine of the bead without each edge member ("a merge must beat its parts").
    for _, rest, idx, side in scorer._edge_parts(i, j, a, b):
        for x in range(0, len(i), 5):
            s, t = list(range(i[x] - a, i[x])), list(range(j[x] - b, j[x]))
            (s if side[x] == 0 else t).remove(int(idx[x]))
            ws, wt = vs[s].astype(np.float64).sum(0), vt[t].astype(np.float64).sum(0)
            want = ws @ wt / np.linalg.norm(ws) / np.linalg.norm(wt)
            assert rest[x] == pytest.approx(want, abs=1e-4)


@pytest.mark.parametrize(("a", "b"), [(2, 1), (1, 3), (3, 2), (1, 1)])
def test_member_evidence_matches_brute_force(a: int, b: int) -> None:
    """What the weakest edge member adds: cosine rise and length-cost fall without it, and
    its lexical cosine with the other window, against direct computation."""
    rng = np.random.default_rng(a * 7 + b)
    vs, vt = _unit(rng, 140), _unit(rng, 150)
    # Sparse non-negative lexical vectors, some members without any key.
    ls = np.abs(rng.normal(size=(140, 32))) * (rng.random((140, 32)) < 0.2)
    lt = np.abs(rng.normal(size=(150, 32))) * (rng.random((150, 32)) < 0.2)
    ls[::9] = 0.0
    len_s, len_t = rng.integers(10, 120, 140).astype(float), rng.integers(10, 120, 150) * 0.4
    scorer = BeadScorer(
        SideFeatures(vs, ls.astype(np.float32), len_s),
        SideFeatures(vt, lt.astype(np.float32), len_t),
        default_bead_types(6, 6, 7),
        AlignConfig(),
        Band.full(140, 150),
    )
    i = np.arange(a + 60, 141)
    j = np.minimum(np.arange(len(i)) + b + 3, 150)
    ev = scorer.member_evidence(i, j, a, b)
    if a == 1 and b == 1:
        assert np.all(ev.sem_gain == 0) and np.all(ev.len_gain == 0) and np.all(ev.lex == 1)
        return
    cal = scorer.calibration
    model = LengthModel(cal.len_ratio, cal.len_variance)

    def cos(x: np.ndarray, y: np.ndarray) -> float:
        return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))

    for x in range(0, len(i), 3):
        s, t = list(range(i[x] - a, i[x])), list(range(j[x] - b, j[x]))
        whole = cos(vs[s].astype(np.float64).sum(0), vt[t].astype(np.float64).sum(0))
        whole_len = min(float(length_cost(len_s[s].sum(), len_t[t].sum(), model)), 10.0)
        gains, len_gains, lex = [], [], []
        for side, members in ((0, s), (1, t)):
            if len(members) < 2:
                continue
            for k in {members[0], members[-1]}:
                rs = [y for y in s if not (side == 0 and y == k)]
                rt = [y for y in t if not (side == 1 and y == k)]
                gains.append(cos(vs[rs].sum(0), vt[rt].sum(0)) - whole)
                rest_len = float(length_cost(len_s[rs].sum(), len_t[rt].sum(), model))
                len_gains.append(whole_len - min(rest_len, 10.0))
                own = (ls if side == 0 else lt)[k]
                other = (lt[t] if side == 0 else ls[s]).sum(0)
                if own.any() and other.any():
                    lex.append(float(cal.lex.normalise(np.array(cos(own, other)))))
                else:
                    lex.append(1.0)
        assert ev.sem_gain[x] == pytest.approx(max(gains), abs=1e-4)
        assert ev.len_gain[x] == pytest.approx(max(len_gains), abs=1e-6)
        assert ev.lex[x] == pytest.approx(float(np.clip(min(lex), -2, 3)), abs=1e-3)


def _bead(src: tuple[int, ...], tgt: tuple[int, ...], sim: float, best: float) -> ScoredBead:
    cos = 0.2 + 0.4 * sim if src and tgt else math.nan
    return ScoredBead(
        src,
        tgt,
        -sim,
        sim if src and tgt else math.nan,
        cos,
        math.nan,
        0.5 if src and tgt else math.nan,
        best,
        (best - 0.2) / 0.4,
        cos,
    )


def test_omission_confidence_depends_on_the_evidence() -> None:
    """1:0 beads get a probability from their own evidence (the old model gave every omission
    the same constant, 0.974359)."""
    # Short lone segments (12 characters), where the models are not sure either way: a long
    # one is almost always a real omission on dev (the length is a feature since round 3).
    path = [
        _bead((0,), (0,), 1.0, 0.6),
        dataclasses.replace(_bead((1,), (), 0.0, 0.15), omit_chars=12.0),  # matches nothing
        _bead((2,), (1,), 1.0, 0.6),
        dataclasses.replace(_bead((3,), (), 0.0, 0.7), omit_chars=12.0),  # a strong match
        _bead((4,), (2,), 0.2, 0.6),
    ]
    for model in (DEFAULT_MODEL, LEARNED_MODEL):
        p = confidences(path, model)
        assert np.all((p > 0) & (p < 1))
        # Which way the best match pushes is the dev data's call: a lone fragment that matches
        # nothing is often a piece the segmenter cut off a linked line (plain text).
        assert abs(p[3] - p[1]) > 0.01
        longer = confidences([dataclasses.replace(b, omit_chars=120.0) for b in path], model)
        assert longer[1] > p[1] and longer[3] > p[3]


def test_shifted_bead_is_less_confident_than_a_right_one() -> None:
    right = _bead((0,), (0,), 1.0, 0.6)
    shifted = _bead((0,), (0,), 0.1, 0.6)  # its member's best match (0.6) lies elsewhere
    p = confidences([right, right, right], DEFAULT_MODEL)[1]
    q = confidences([shifted, shifted, shifted], DEFAULT_MODEL)[1]
    assert q < p
    # As the lattice sees them: the right bead a clear winner, the shifted one a close call.
    # (Since the posterior became a feature (issue 19), it carries most of the doubt: with an
    # unknown posterior the shifted bead's own evidence no longer takes it below 0.5.)
    right = dataclasses.replace(right, posterior=0.99)
    shifted = dataclasses.replace(shifted, posterior=0.5)
    p = confidences([right, right, right], DEFAULT_MODEL)[1]
    q = confidences([shifted, shifted, shifted], DEFAULT_MODEL)[1]
    assert q < p - 0.1


def test_neighbour_similarity_averages_both_sides() -> None:
    path = [_bead((0,), (0,), 1.0, 0.6), _bead((1,), (), 0.0, 0.1), _bead((2,), (1,), 0.5, 0.6)]
    nb = neighbour_similarity(path)
    assert nb[1] == pytest.approx(0.75)
    assert nb[0] == pytest.approx(0.0)  # its only neighbour is an omission


def test_locate_finds_the_matching_stretch() -> None:
    rng = np.random.default_rng(3)
    long = _unit(rng, 2000)
    true = np.arange(700, 740, 2)  # 20 short rows, each translated by two long rows
    short = long[true] + long[true + 1] + 0.3 * _unit(rng, 20)
    short /= np.linalg.norm(short, axis=1, keepdims=True)
    r = locate(short, long)
    assert r.start <= 700 and r.stop >= 740
    assert r.stop - r.start <= 60
    assert is_excerpt(20, 2000) and not is_excerpt(20, 90)


def test_trim_edge_drops_unrelated_outer_members() -> None:
    rng = np.random.default_rng(4)
    v = _unit(rng, 4)
    short = v[:1]
    long = np.stack([v[2], v[3], v[0]])  # two unrelated rows before the match
    assert trim_edge(short, long, outer_first=True) == 2
    assert trim_edge(short, long, outer_first=False) == 0


def _seg(n: int, lang: str) -> Segmentation:
    lines = [f"s{k}" for k in range(n)]
    text = "\n".join(lines) + "\n"
    segs, pos = [], 0
    for k, line in enumerate(lines):
        segs.append(Segment(k, k, pos, pos + len(line), line, lang))
        pos += len(line) + 1
    return Segmentation(Document(text, lang, f"{lang}{n}"), "sentence", tuple(segs), "seg:presplit")


def test_excerpt_is_aligned_inside_its_region(caplog: pytest.LogCaptureFixture) -> None:
    rng = np.random.default_rng(5)
    long = _unit(rng, 400, 64)
    short = long[200:220] + 0.2 * _unit(rng, 20, 64)
    short /= np.linalg.norm(short, axis=1, keepdims=True)
    cfg = AlignConfig(use_lexical=False, use_length=False)
    with caplog.at_level(logging.WARNING, logger="bilingual.align.aligner"):
        al, res = align_with_features(
            _seg(20, "en"), _seg(400, "zh"), _side(short), _side(long), config=cfg
        )
    # Long-side lines before the first link and after the last are unmatched (outside the
    # region or in its margin); the DP's own lone lines between links are not.
    linked = [n for n, b in enumerate(res.beads) if b.src and b.tgt]
    for n, b in enumerate(res.beads):
        if not b.src:
            assert b.unmatched_block == (n < linked[0] or n > linked[-1])
    notes = [r for r in caplog.records if "excerpt" in r.getMessage()]
    assert len(notes) == 1
    links = {b.src[0]: b.tgt for b in al.beads if b.src and b.tgt}
    assert sum(links.get(k) == (200 + k,) for k in range(20)) >= 18
    covered = sorted(j for b in al.beads for j in b.tgt)
    assert covered == list(range(400))


@pytest.mark.parametrize("scorer", ["hand", "learned"])
def test_free_overhang_leaves_the_long_sides_ends_alone(scorer: str) -> None:
    # The long side's rows around the excerpt's counterpart are on the same topic (they share
    # a component with their neighbours): a DP that must pay for omitting them merges them into
    # the first and last beads; with a free overhang they stand alone and every link is exact.
    rng = np.random.default_rng(8)
    base = _unit(rng, 20, 64)
    topic = _unit(rng, 1, 64)[0]
    long = base + 0.2 * topic
    long /= np.linalg.norm(long, axis=1, keepdims=True)
    short = long[5:15] + 0.2 * _unit(rng, 10, 64)
    short /= np.linalg.norm(short, axis=1, keepdims=True)
    # Both scorers: the learned one (the default; its omission costs are learned, cheaper
    # since the drift search) and the hand one (a fixed omission cost).
    cfg = AlignConfig(use_lexical=False, use_length=False, scorer=scorer)
    want = [((k,), (5 + k,)) for k in range(10)]
    paid = align_features(_side(short), _side(long), cfg)
    assert [(b.src, b.tgt) for b in paid.beads if b.src] != want  # row 4 merged into bead 0
    res = align_features(_side(short), _side(long), cfg, free_overhang="tgt")
    assert [(b.src, b.tgt) for b in res.beads if b.src] == want
    assert all(0.0 <= b.posterior <= 1.0 for b in res.beads)


@pytest.mark.parametrize("model", [DEFAULT_MODEL, LEARNED_MODEL])
def test_a_close_call_in_the_lattice_lowers_the_confidence(model) -> None:
    # The same beads, once clear winners of the lattice and once close calls against another
    # reading of the same segments: the calibrated confidence reads the posterior.
    # Links only: since the third round the omission model of the learned scorer leans on the
    # lone segment's length and best match, and its posterior weight is near 0 (BENCHMARKS.md).
    path = [_bead((0,), (0,), 1.0, 0.6), _bead((1, 2), (1,), 0.8, 0.6), _bead((3,), (), 0.0, 0.1)]
    clear = [dataclasses.replace(b, posterior=0.99) for b in path]
    close = [dataclasses.replace(b, posterior=0.5) for b in path]
    links = slice(0, 2)
    assert np.all(confidences(close, model)[links] < confidences(clear, model)[links])
    # A bead made outside any lattice (NaN) sits between the two.
    unknown = confidences(path, model)[links]
    assert np.all(confidences(close, model)[links] < unknown)
    assert np.all(unknown < confidences(clear, model)[links])


@pytest.mark.parametrize(("a", "b"), [(2, 1), (1, 2), (2, 2)])
def test_member_penalty_is_paid_where_the_member_adds_nothing(a: int, b: int) -> None:
    """The (off by default) DP member penalty: exactly where member_evidence says the weakest
    edge member adds nothing on all three counts, for beads up to member_max_size."""
    from bilingual.align.scorer import LearnedScorer

    rng = np.random.default_rng(a * 3 + b)
    vs, vt = _unit(rng, 90), _unit(rng, 95)
    ls = np.abs(rng.normal(size=(90, 32))) * (rng.random((90, 32)) < 0.2)
    lt = np.abs(rng.normal(size=(95, 32))) * (rng.random((95, 32)) < 0.2)
    cfg = AlignConfig(member_weight=3.0, member_margin=0.0, member_len_margin=0.1)
    scorer = LearnedScorer(
        SideFeatures(vs, ls.astype(np.float32), rng.integers(10, 120, 90).astype(float)),
        SideFeatures(vt, lt.astype(np.float32), rng.integers(10, 120, 95) * 0.4),
        default_bead_types(6, 6, 7),
        cfg,
        Band.full(90, 95),
    )
    i = np.arange(a + 20, 91)
    j = np.minimum(np.arange(len(i)) + b + 2, 95)
    got = scorer.member_penalty(i, j, a, b)
    if a + b > cfg.member_max_size:
        assert np.all(got == 0)
        return
    ev = scorer.member_evidence(i, j, a, b)
    want = (ev.len_gain > 0.1) & (ev.sem_gain > 0.0) & (ev.lex < cfg.member_lex_floor)
    assert want.any() and not want.all()
    np.testing.assert_array_equal(got, np.where(want, 3.0, 0.0))
    off = LearnedScorer(
        scorer.src,
        scorer.tgt,
        scorer.types,
        dataclasses.replace(cfg, member_weight=0.0),
        Band.full(90, 95),
    )
    assert np.all(off.member_penalty(i, j, a, b) == 0)


@pytest.mark.parametrize(("a", "b"), [(1, 1), (2, 1), (1, 2), (6, 1)])
def test_join_gain_matches_brute_force(a: int, b: int) -> None:
    """The largest cosine rise when one neighbouring segment joins a linked bead, against
    direct computation (-1 where no neighbour can join: edges, largest bead size)."""
    rng = np.random.default_rng(a * 11 + b)
    n, m = 90, 80
    vs, vt = _unit(rng, n), _unit(rng, m)
    types = default_bead_types(6, 6, 7)
    scorer = BeadScorer(_side(vs), _side(vt), types, AlignConfig(), Band.full(n, m))
    i = np.array([a, a + 3, 40, 70, n])
    j = np.array([b, b + 5, 33, 64, m])
    got = scorer.join_gain(i, j, a, b)

    def cos(s: list[int], t: list[int]) -> float:
        x, y = vs[s].astype(np.float64).sum(0), vt[t].astype(np.float64).sum(0)
        return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))

    for x in range(len(i)):
        s, t = list(range(i[x] - a, i[x])), list(range(j[x] - b, j[x]))
        whole = cos(s, t)
        options = []
        if a < 6:
            options += [
                (s2, t) for s2 in ([s[0] - 1, *s], [*s, s[-1] + 1]) if 0 <= min(s2) and max(s2) < n
            ]
        if b < 6:
            options += [
                (s, t2) for t2 in ([t[0] - 1, *t], [*t, t[-1] + 1]) if 0 <= min(t2) and max(t2) < m
            ]
        want = max([cos(*o) - whole for o in options], default=-1.0)
        assert got[x] == pytest.approx(float(np.clip(want, -1, 1)), abs=1e-4)


def test_lone_sentences_of_an_unmatched_paragraph_record_their_length() -> None:
    """A sentence of a paragraph the other side lacks is scored outside the DP: it records
    its own length (source units: target lengths over the length ratio) and that a coarser
    pass left its block unmatched, so the omission model does not read it as typical."""
    from bilingual.align.aligner import _scored_in_groups

    rng = np.random.default_rng(3)
    src = SideFeatures(_unit(rng, 6), None, np.array([10.0, 20, 30, 40, 50, 60]))
    tgt = SideFeatures(_unit(rng, 5), None, np.array([8.0, 16, 24, 32, 40]))
    scorer = BeadScorer(src, tgt, default_bead_types(6, 6, 7), AlignConfig(), Band.full(6, 5))
    cal = scorer.calibration
    groups = [(range(2, 4), range(0, 0), 0.0), (range(4, 4), range(3, 5), 0.0)]
    beads = _scored_in_groups(groups, None, None, src, tgt, AlignConfig(), cal)  # type: ignore[arg-type]
    assert [(b.src, b.tgt) for b in beads] == [((2,), ()), ((3,), ()), ((), (3,)), ((), (4,))]
    want = [30.0, 40.0, 32.0 / cal.len_ratio, 40.0 / cal.len_ratio]
    assert [b.omit_chars for b in beads] == pytest.approx(want)
    assert all(b.unmatched_block and math.isnan(b.posterior) for b in beads)
