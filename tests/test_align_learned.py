"""Issue 9's aligner parts: the learned bead scorer, merged-text re-scoring, adaptive lexicon."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.align import AlignConfig, align_documents
from bilingual.align.adaptive_lexicon import adapt, learn_pairs, pair_vectors
from bilingual.align.core import align_features, bead_types
from bilingual.align.dp import Band, dynamic_program
from bilingual.align.features import SideFeatures
from bilingual.align.rescore import _splits, _windows
from bilingual.align.scorer import (
    FEATURES,
    LearnedScorer,
    parse_model,
    shipped_model,
)
from bilingual.errors import ConfigError
from bilingual.model import Document


def _unit(rng: np.random.Generator, n: int, d: int = 32) -> np.ndarray:
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _pair(rng: np.random.Generator, n: int, m: int) -> tuple[SideFeatures, SideFeatures]:
    src = _unit(rng, n)
    tgt = _unit(rng, m)
    k = min(n, m)
    tgt[:k] = src[:k] + 0.3 * tgt[:k]
    tgt = tgt / np.linalg.norm(tgt, axis=1, keepdims=True)
    lex_s = np.abs(rng.normal(size=(n, 16))).astype(np.float32)
    lex_t = np.abs(rng.normal(size=(m, 16))).astype(np.float32)
    return (
        SideFeatures(src, lex_s, rng.integers(5, 90, n).astype(float)),
        SideFeatures(tgt, lex_t, rng.integers(5, 90, m).astype(float)),
    )


def _learned(src: SideFeatures, tgt: SideFeatures, cfg: AlignConfig) -> LearnedScorer:
    types = bead_types(cfg)
    return LearnedScorer(src, tgt, types, cfg, Band.full(len(src), len(tgt)))


def test_shipped_model_loads_with_this_versions_features() -> None:
    model = shipped_model()
    assert len(model.weights) == len(FEATURES)
    assert all(math.isfinite(w) for w in model.weights)
    assert model.kind in ("logistic", "cost")


def test_a_model_for_other_features_is_refused_with_a_fix() -> None:
    text = shipped_model().to_json().replace('"sem"', '"semantic"', 1)
    with pytest.raises(ConfigError, match="retrain"):
        parse_model(text)


def test_model_round_trips_through_json() -> None:
    model = shipped_model()
    again = parse_model(model.to_json())
    x = np.random.default_rng(0).normal(size=(5, len(FEATURES)))
    assert np.allclose(model.logit(x), again.logit(x), atol=1e-4)


@settings(max_examples=8, deadline=None)
@given(n=st.integers(1, 12), m=st.integers(1, 12), seed=st.integers(0, 500))
def test_probabilities_are_in_unit_interval(n: int, m: int, seed: int) -> None:
    src, tgt = _pair(np.random.default_rng(seed), n, m)
    cfg = AlignConfig(scorer="learned")
    scorer = _learned(src, tgt, cfg)
    for a, b in scorer.types:
        if a > n or b > m:
            continue
        i = np.arange(a, n + 1).repeat(m + 1 - b)
        j = np.tile(np.arange(b, m + 1), n + 1 - a)
        if len(i) == 0:
            continue
        p = scorer.probability(i, j, a, b)
        assert np.all((p >= 0.0) & (p <= 1.0))
        assert np.all(np.isfinite(scorer(i, j, scorer.types.index((a, b)))))


def test_cost_falls_as_the_semantic_match_improves() -> None:
    """A 1:1 bead that is more similar (all else equal) is never more expensive."""
    src, tgt = _pair(np.random.default_rng(1), 8, 8)
    scorer = _learned(src, tgt, AlignConfig(scorer="learned"))
    i, j = np.full(41, 3), np.full(41, 3)
    base = scorer.bead_features(i[:1], j[:1], 1, 1)
    x = np.repeat(base, 41, axis=0)
    sem = np.linspace(-1.0, 1.5, 41)
    col = FEATURES.index("sem")
    x[:, col] = sem
    x[:, FEATURES.index("sem_sq")] = sem**2
    x[:, FEATURES.index("cos")] = scorer.sem_stats.unrelated + sem * (
        scorer.sem_stats.matched - scorer.sem_stats.unrelated
    )
    model = scorer.model
    z = model.logit(x)
    cost = z if model.kind == "cost" else np.logaddexp(0.0, -z)
    assert np.all(np.diff(cost) <= 1e-9)


def test_cost_rises_with_the_length_mismatch() -> None:
    src, tgt = _pair(np.random.default_rng(2), 8, 8)
    scorer = _learned(src, tgt, AlignConfig(scorer="learned"))
    base = scorer.bead_features(np.array([3]), np.array([3]), 1, 1)
    x = np.repeat(base, 11, axis=0)
    x[:, FEATURES.index("len_cost")] = np.linspace(0, 10, 11)
    z = scorer.model.logit(x)
    cost = z if scorer.model.kind == "cost" else np.logaddexp(0.0, -z)
    assert np.all(np.diff(cost) >= -1e-9)


def _brute(n: int, m: int, types, cost) -> float:
    @functools.cache
    def best(i: int, j: int) -> float:
        if i == 0 and j == 0:
            return 0.0
        out = math.inf
        for k, (a, b) in enumerate(types):
            if i >= a and j >= b:
                c = float(cost(np.array([i]), np.array([j]), k)[0])
                out = min(out, best(i - a, j - b) + c)
        return out

    return best(n, m)


@settings(max_examples=8, deadline=None)
@given(n=st.integers(0, 6), m=st.integers(0, 6), seed=st.integers(0, 500))
def test_dp_with_the_learned_scorer_matches_its_oracle(n: int, m: int, seed: int) -> None:
    src, tgt = _pair(np.random.default_rng(seed), max(n, 1), max(m, 1))
    src, tgt = src.select(list(range(n))), tgt.select(list(range(m)))
    if n == 0 or m == 0:
        return
    cfg = AlignConfig(scorer="learned")
    scorer = _learned(src, tgt, cfg)
    path = dynamic_program(n, m, scorer.types, scorer)
    total, i, j = 0.0, 0, 0
    for s, t in path:
        i, j = i + len(s), j + len(t)
        k = scorer.types.index((len(s), len(t)))
        total += float(scorer(np.array([i]), np.array([j]), k)[0])
    assert total == pytest.approx(_brute(n, m, scorer.types, scorer), abs=1e-6)


def test_learned_beads_carry_probabilities() -> None:
    src, tgt = _pair(np.random.default_rng(3), 20, 20)
    cfg = AlignConfig(scorer="learned")
    result = align_features(src, tgt, cfg)
    assert [i for b in result.beads for i in b.src] == list(range(20))
    from bilingual.align.calibrate import bead_confidences

    p = bead_confidences(result.beads, cfg)
    assert np.all((p >= 0) & (p <= 1))


def test_unknown_scorer_is_a_config_error() -> None:
    src, tgt = _pair(np.random.default_rng(4), 5, 5)
    with pytest.raises(ConfigError, match="hand or learned"):
        align_features(src, tgt, AlignConfig(scorer="nope"))


# -- adaptive lexicon ------------------------------------------------------------------------


def test_learns_a_planted_pair_and_skips_chance_pairs() -> None:
    src = [("zorbul", f"a{k}") for k in range(3)] + [("walk",)] * 2 + [("tree",), ("river",)]
    tgt = [("佐布", f"b{k}") for k in range(3)] + [("走",)] * 2 + [("树",), ("河",)]
    links = [(k, k) for k in range(7)]
    pairs = learn_pairs(src, tgt, links, min_count=2, min_dice=0.5)
    found = {(p.src, p.tgt) for p in pairs}
    assert ("zorbul", "佐布") in found
    assert ("walk", "走") in found
    # Seen once: not enough evidence without a name match.
    assert ("tree", "树") not in found and ("a0", "b0") not in found
    # A pair the dictionary already links is left out.
    known = learn_pairs(src, tgt, links, known=lambda s, t: s == "walk")
    assert ("walk", "走") not in {(p.src, p.tgt) for p in known}


def test_pair_vectors_share_a_key_across_sides() -> None:
    src = [("zorbul",), ("tree",), ("zorbul", "tree")]
    tgt = [("佐布",), ("树",), ()]
    pairs = learn_pairs(src, tgt, [(0, 0), (2, 0)], min_count=2)
    vs, vt = pair_vectors(src, tgt, pairs, dim=64)
    assert float(vs[0] @ vt[0]) > 0
    assert float(vs[1] @ vt[1]) == 0.0
    assert not vt[2].any()


def test_adapt_learns_a_name_from_real_text() -> None:
    en = [f"Zorbulon came home on day {k}." for k in range(1, 5)] + ["The river was cold."]
    zh = [f"第{k}天，佐布龙回家了。" for k in range(1, 5)] + ["河水很冷。"]
    links = [((k,), (k,), 0.99) for k in range(5)]
    lex = adapt(en, "en", zh, "zh", links, dim=256, min_count=2)
    assert any(p.src == "zorbulon" for p in lex.pairs)
    assert lex.src.shape == (5, 256) and lex.tgt.shape == (5, 256)


# -- merged-text re-scoring ------------------------------------------------------------------


def test_windows_pair_a_many_to_one_bead_with_its_neighbour() -> None:
    path = (((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,)), ((4,), ()))
    assert _windows(path) == [0]
    splits = _splits(np.array([0, 0]), np.array([2, 3]), bead_types(AlignConfig()))
    assert (0, 1, 2, 0, 1, 3) in splits and (0, 2, 2, 0, 3, 3) in splits


EN = """Old harbour

The harbour is quiet in the morning. Fishermen mend their nets on the quay. Gulls circle.

At seven a small boat comes in. It carries twelve baskets of fish and a tired dog.
"""
ZH = """老港口

清晨的港口很安静。渔民们在码头上修补渔网，海鸥在盘旋。

七点钟，一条小船驶进港口。船上装着十二筐鱼，还有一条疲惫的狗。
"""


def test_all_three_parts_keep_every_sentence_once() -> None:
    cfg = AlignConfig(scorer="learned", rescore_merged=True, adaptive_lexicon=True)
    a = align_documents(Document(EN, "en", "en"), Document(ZH, "zh", "zh"), config=cfg)
    assert [i for b in a.beads for i in b.src] == list(range(len(a.src.segments)))
    assert [j for b in a.beads for j in b.tgt] == list(range(len(a.tgt.segments)))
    assert all(0.0 <= b.score <= 1.0 for b in a.beads)
    assert "scorer=learned" in a.signature or AlignConfig().scorer == "learned"
    assert "rescore_merged=True" in a.signature or AlignConfig().rescore_merged


def test_cli_scorer_option_reaches_the_signature(tmp_path) -> None:
    from typer.testing import CliRunner

    from bilingual.cli import app

    en, zh = tmp_path / "en.txt", tmp_path / "zh.txt"
    en.write_text(EN, encoding="utf-8")
    zh.write_text(ZH, encoding="utf-8")
    out = tmp_path / "a.jsonl"
    other = "hand" if AlignConfig().scorer == "learned" else "learned"
    r = CliRunner().invoke(app, ["align", str(en), str(zh), "-o", str(out), "--scorer", other])
    assert r.exit_code == 0, r.output
    assert f"scorer={other}" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(app, ["align", str(en), str(zh), "--scorer", "magic"])
    assert bad.exit_code == 2
