"""The orphan split after the DP (bilingual/align/orphans.py, issue 19 fifth round)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from bilingual.align.config import AlignConfig
from bilingual.align.dp import Band, default_bead_types, path_points
from bilingual.align.features import SideFeatures
from bilingual.align.orphans import (
    PARAGRAPH_RULE,
    SPLIT_FEATURES,
    SPLIT_RULE,
    SPLIT_RULES,
    SplitRule,
    edge_evidence,
    merge_rate,
    split_orphans,
)
from bilingual.align.scorer import LearnedScorer

F = {name: k for k, name in enumerate(SPLIT_FEATURES)}


def _unit(rng: np.random.Generator, n: int, d: int = 16) -> np.ndarray:
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _scorer(seed: int, n: int = 12, m: int = 11) -> LearnedScorer:
    rng = np.random.default_rng(seed)
    ls = np.abs(rng.normal(size=(n, 32))) * (rng.random((n, 32)) < 0.3)
    lt = np.abs(rng.normal(size=(m, 32))) * (rng.random((m, 32)) < 0.3)
    return LearnedScorer(
        SideFeatures(_unit(rng, n), ls.astype(np.float32), rng.integers(10, 120, n) * 1.0),
        SideFeatures(_unit(rng, m), lt.astype(np.float32), rng.integers(10, 120, m) * 0.4),
        default_bead_types(6, 6, 7),
        AlignConfig(),
        Band.full(n, m),
    )


# 12 source and 11 target segments: a 2:1 bead, a 1:2 bead, 1:1 beads and an omission.
PATH = (
    ((0,), (0,)),
    ((1, 2), (1,)),
    ((3,), (2,)),
    ((4,), (3, 4)),
    ((5,), ()),
    ((6,), (5,)),
    ((7,), (6,)),
    ((8,), (7,)),
    ((9,), (8,)),
    ((10,), (9,)),
    ((11,), (10,)),
)


def _cos(x: np.ndarray, y: np.ndarray) -> float:
    return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))


def test_edge_evidence_matches_direct_computation() -> None:
    sc = _scorer(1)
    vs, vt = sc.src.vectors.astype(np.float64), sc.tgt.vectors.astype(np.float64)
    post = np.linspace(0.2, 0.9, len(PATH))
    ev = edge_evidence(PATH, sc, post)
    # Two edge members of each of the two merged beads.
    assert sorted(zip(ev.bead.tolist(), ev.first.tolist(), strict=True)) == [
        (1, False),
        (1, True),
        (3, False),
        (3, True),
    ]
    cal = sc.calibration
    for row in range(len(ev.bead)):
        s, t = PATH[ev.bead[row]]
        first = bool(ev.first[row])
        x = ev.features[row]
        if len(s) == 2:
            member, rest = (s[0], s[1]) if first else (s[1], s[0])
            whole = _cos(vs[list(s)].sum(0), vt[t[0]])
            rest_cos = _cos(vs[rest], vt[t[0]])
            own = _cos(vs[member], vt[t[0]])
            best = cal.best_src[member]
            rest_cost = sc.bead_cost(np.array([rest + 1]), np.array([t[0] + 1]), 1, 1)
            skip = sc.bead_cost(np.array([member + 1]), np.array([t[0] + int(not first)]), 1, 0)
            ends = np.array([s[1] + 1]), np.array([t[0] + 1])
            whole_cost = sc.bead_cost(*ends, 2, 1)
        else:
            member, rest = (t[0], t[1]) if first else (t[1], t[0])
            whole = _cos(vs[s[0]], vt[list(t)].sum(0))
            rest_cos = _cos(vs[s[0]], vt[rest])
            own = _cos(vt[member], vs[s[0]])
            best = cal.best_tgt[member]
            rest_cost = sc.bead_cost(np.array([s[0] + 1]), np.array([rest + 1]), 1, 1)
            skip = sc.bead_cost(np.array([s[0] + int(not first)]), np.array([member + 1]), 0, 1)
            ends = np.array([s[0] + 1]), np.array([t[1] + 1])
            whole_cost = sc.bead_cost(*ends, 1, 2)
        assert x[F["rest_gain"]] == pytest.approx(rest_cos - whole, abs=1e-4)
        own_norm = float(cal.sem.normalise(np.array(own)))
        assert x[F["member_sem"]] == pytest.approx(own_norm, abs=1e-3)
        assert x[F["member_best"]] == pytest.approx(float(cal.sem.normalise(np.array(best))))
        delta = float(skip[0] + rest_cost[0] - whole_cost[0])
        assert x[F["cost_delta"]] == pytest.approx(float(np.clip(delta, -10, 10)), abs=1e-6)
        p = post[ev.bead[row]]
        assert x[F["posterior"]] == pytest.approx(math.log(p / (1 - p)))
        assert x[F["merge_rate"]] == pytest.approx(merge_rate(PATH))
    # Two merges among ten links, smoothed: log((2 + 1) / (10 + 2 - 3)).
    assert merge_rate(PATH) == pytest.approx(math.log(3 / 9))
    # The document's rate overrides the part's.
    assert np.all(edge_evidence(PATH, sc, post, rate=-5.0).features[:, F["merge_rate"]] == -5.0)


def test_member_excl_is_the_share_of_the_members_own_keys_found_opposite() -> None:
    """member_excl: of the member's lexical keys its bead's rest lacks, the weighted share the
    other side's segment holds (same key, same sign); 1 without a dictionary pair."""
    sc = _scorer(4)
    ls, lt = sc.src.lexical.astype(np.float64), sc.tgt.lexical.astype(np.float64)
    ev = edge_evidence(PATH, sc)
    for row in range(len(ev.bead)):
        s, t = PATH[ev.bead[row]]
        first = bool(ev.first[row])
        if len(s) == 2:
            member, rest = (s[0], s[1]) if first else (s[1], s[0])
            m, r, o = ls[member], ls[rest], lt[t[0]]
        else:
            member, rest = (t[0], t[1]) if first else (t[1], t[0])
            m, r, o = lt[member], lt[rest], ls[s[0]]
        own = [k for k in range(len(m)) if m[k] != 0 and r[k] == 0]
        hit = sum(min(abs(m[k]), abs(o[k])) for k in own if np.sign(m[k]) == np.sign(o[k]))
        want = hit / sum(abs(m[k]) for k in own) if own else 0.0
        assert ev.features[row, F["member_excl"]] == pytest.approx(want, abs=1e-3)
    # Keys shared only by prefix (no dictionary pair): no evidence either way.
    sc.config = replace(sc.config, dictionary_pair=False)
    assert np.all(edge_evidence(PATH, sc).features[:, F["member_excl"]] == 1.0)


def test_split_orphans_splits_the_edge_the_rule_picks() -> None:
    sc = _scorer(2)
    # A rule reading the member's normalised cosine with the other window only: split the
    # member that matches worst, wherever it is below a line drawn between the four members.
    ev = edge_evidence(PATH, sc)
    own = ev.features[:, F["member_sem"]]
    cut = float(np.sort(own)[0] + np.sort(own)[1]) / 2.0
    weights = tuple(-1.0 if name == "member_sem" else 0.0 for name in SPLIT_FEATURES)
    out = split_orphans(PATH, sc, rule=SplitRule(weights, cut))
    worst = int(np.argmin(own))
    n, first = int(ev.bead[worst]), bool(ev.first[worst])
    s, t = PATH[n]
    assert len(out) == len(PATH) + 1
    pos = out.index(out[n]) if first else n
    if len(s) == 2:
        lone, rest = ((s[0],), ()) if first else ((s[1],), ()), ((s[1],) if first else (s[0],), t)
    else:
        lone, rest = ((), (t[0],)) if first else ((), (t[1],)), (s, (t[1],) if first else (t[0],))
    assert out[pos : pos + 2] == ((lone, rest) if first else (rest, lone))
    # Every segment once, in order; the other beads untouched.
    assert path_points(out)[-1].tolist() == [12, 11]
    assert [b for k, b in enumerate(out) if k not in (pos, pos + 1)] == [
        b for k, b in enumerate(PATH) if k != n
    ]


def test_split_rule_by_level_and_switches() -> None:
    sc = _scorer(3)
    never = SplitRule((0.0,) * len(SPLIT_FEATURES), -math.inf)
    always = SplitRule((0.0,) * len(SPLIT_FEATURES), 1.0)
    assert split_orphans(PATH, sc, rule=never) == PATH
    assert len(split_orphans(PATH, sc, rule=always)) == len(PATH) + 2
    assert len(SPLIT_RULE.weights) == len(SPLIT_FEATURES)
    cfg = AlignConfig()
    assert cfg.for_level("sentence").split_orphans
    assert cfg.for_level("sentence").orphan_rule == "sentence"
    # The two-level path's paragraphs have a rule of their own; either switch turns their
    # split off. Paragraphs given as segments (--presplit --level paragraph) are not split:
    # the rule's orphans were all two-level paragraphs (vectors summed from sentences).
    assert cfg.for_paragraph_pass().split_orphans
    assert SPLIT_RULES[cfg.for_paragraph_pass().orphan_rule] is PARAGRAPH_RULE
    assert not cfg.for_level("paragraph").split_orphans
    assert not replace(cfg, split_paragraph_orphans=False).for_paragraph_pass().split_orphans
    assert not replace(cfg, split_orphans=False).for_paragraph_pass().split_orphans
    assert not replace(cfg, split_orphans=False).for_level("sentence").split_orphans


def test_drift_search_refuses_to_write_over_its_start(tmp_path) -> None:
    """models/train_scorer.py --drift-search with --from and --out naming one file (also
    through a symlink) stops with one error line before any work."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    model = tmp_path / "m.json"
    model.write_text((root / "models" / "bead_scorer.json").read_text())
    link = tmp_path / "link.json"
    link.symlink_to(model)
    for out in (model, link):
        script = str(root / "models" / "train_scorer.py")
        proc = subprocess.run(
            [sys.executable, script, "--drift-search", "1", "--from", str(model), "--out", out],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 2
        assert "--from and --out are the same file" in proc.stderr
        assert "Traceback" not in proc.stderr
    assert model.read_text() == (root / "models" / "bead_scorer.json").read_text()


def test_paragraph_pass_applies_the_paragraph_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain text: the paragraph pass splits its 2:1 / 1:2 beads by SPLIT_RULES["paragraph"];
    the paragraph left alone has all its sentences alone. A real merge (two English
    paragraphs translated as one Chinese paragraph) is kept by the shipped rule."""
    from test_align import EN, ZH

    from bilingual.align import align_documents, orphans
    from bilingual.model import Document

    pars = ZH.strip().split("\n\n")
    zh = "\n\n".join([pars[0], pars[1] + pars[2], *pars[3:]]) + "\n"
    en, zh_doc = Document(EN, "en", "en"), Document(zh, "zh", "zh")

    def paragraph_links() -> tuple[list, list]:
        a = align_documents(en, zh_doc, level="both")
        return [(b.src, b.tgt) for b in a.paragraph_beads], [(b.src, b.tgt) for b in a.beads]

    merged = ((1, 2), (1,))
    assert merged in paragraph_links()[0]  # the shipped rule keeps the real merge
    never = SplitRule((0.0,) * len(SPLIT_FEATURES), -1.0)
    monkeypatch.setitem(orphans.SPLIT_RULES, "paragraph", never)
    assert merged in paragraph_links()[0]
    always = SplitRule((0.0,) * len(SPLIT_FEATURES), 1.0)
    monkeypatch.setitem(orphans.SPLIT_RULES, "paragraph", always)
    par, sent = paragraph_links()
    assert merged not in par
    lone = [s for s, t in par if not t]
    assert len(lone) == 1 and lone[0][0] in (1, 2)
    assert sum(1 for s, t in sent if s and not t) >= 1
    # The sentence rule is untouched by the paragraph switch.
    assert orphans.SPLIT_RULES["sentence"] is SPLIT_RULE


def test_unknown_orphan_rule_is_a_config_error() -> None:
    from bilingual.align.core import align_features
    from bilingual.errors import ConfigError

    sc = _scorer(5)
    cfg = AlignConfig(orphan_rule="nope", max_src=2, max_tgt=2, max_total=3)
    with pytest.raises(ConfigError, match="orphan_rule"):
        # Identical sides with a duplicated source row: the path holds a 2:1 bead to split.
        src = SideFeatures(sc.src.vectors[[0, 0, 1, 2]], None, np.full(4, 40.0))
        tgt = SideFeatures(sc.src.vectors[[0, 1, 2]], None, np.full(3, 80.0))
        align_features(src, tgt, cfg)
