"""Fit models/finding_confidence.json: finding confidences and the phrase omission model.

Run from the repository root (needs ../shared/bench/mqm-wmt23-zhen; eflomal for the
word-alignment channel):

    python models/train_confidence.py [--cache /tmp/conf-cache.pkl]

Development documents only (bench/mqm_data.py: two thirds of the 38 news documents, all ten
systems). Steps:

1. check every development document with the calibration off (the checks' own severities,
   tidied: no chrome, grouped, conventions as notes) and compute the phrase features of
   every bead (bilingual.check.phrase.bead_features);
2. fit an L2-regularised logistic model of "≥ 2 raters marked a Major omission or
   addition" on the beads' features;
3. bin the phrase probability of the beads above the emit threshold (quintiles) into the share
   confirmed (≥ 2 raters marked an omission or addition, any severity);
4. for each finding kind and check severity, the share confirmed (bench/mqm_data.MATCHING),
   smoothed: (hits + M·prior) / (n + M) with the kind's share as prior, and the kind's share
   smoothed towards the share over all findings at that severity.

Deterministic: a rerun writes the same file.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import mqm_data  # noqa: E402

OUT = ROOT / "models" / "finding_confidence.json"
SMOOTH = 20.0  # pseudo-count of the prior in each smoothed share
L2 = 1.0
VERSION = "1"


def collect(docs: list[mqm_data.MqmDoc]) -> list[tuple]:
    """Per document: (doc, tidied raw findings, phrase features per bead)."""
    from bilingual.check.config import CheckConfig
    from bilingual.check.context import build_context
    from bilingual.check.phrase import bead_features
    from bilingual.check.run import check_translation_file

    cfg = CheckConfig(calibrate=False)
    out = []
    t0 = time.time()
    for n, d in enumerate(docs):
        report = check_translation_file(mqm_data.translation_file(d), config=cfg)
        ctx = build_context(report.alignment, cfg)
        out.append((d, report.findings, bead_features(ctx)))
        if n % 25 == 0:
            print(f"{n}/{len(docs)} documents, {time.time() - t0:.0f} s", file=sys.stderr)
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """Newton's method for L2 logistic regression (intercept not penalised)."""
    xb = np.c_[np.ones(len(x)), x]
    w = np.zeros(xb.shape[1])
    pen = np.r_[0.0, np.full(x.shape[1], l2)]
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        g = xb.T @ (p - y) + pen * w
        h = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(pen)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[1:], float(w[0])


def phrase_model(rows: np.ndarray, y: np.ndarray, features: tuple[str, ...]) -> dict:
    from bilingual.check.phrase import FEATURES

    cols = [FEATURES.index(f) for f in features]
    x = rows[:, cols]
    mean, scale = x.mean(0), x.std(0) + 1e-9
    coef, bias = fit_logistic((x - mean) / scale, y)
    return {
        "features": list(features),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef],
        "bias": round(bias, 6),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, help="pickle of step 1 (read if present, else written)")
    args = ap.parse_args()
    from bilingual.check.confidence import parse_model
    from bilingual.check.phrase import EMIT_PROBABILITY, FEATURES

    docs = [d for d in mqm_data.load() if not d.held_out]
    if args.cache is not None and args.cache.is_file():
        data = pickle.loads(args.cache.read_bytes())
    else:
        data = collect(docs)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(data))
    # 2. the phrase model
    rows_l, y, yc = [], [], []
    for d, _, feats in data:
        for i, seg in enumerate(d.ratings):
            if i >= len(feats) or np.isnan(feats[i]).any():
                continue
            rows_l.append(feats[i])
            y.append(mqm_data.major_omission_addition(seg))
            yc.append(
                mqm_data.confirmed("partial_omission", seg)
                or mqm_data.confirmed("partial_addition", seg)
            )
    rows = np.array(rows_l)
    y_arr, yc_arr = np.array(y, float), np.array(yc, bool)
    model: dict = {"version": VERSION, "phrase": phrase_model(rows, y_arr, FEATURES)}
    # 3. phrase probability -> confirmed share
    pm = parse_model({"table": {}, "fallback": {}, **model}).phrase
    assert pm is not None
    p = pm.probability(rows)
    keep = p >= EMIT_PROBABILITY
    edges = np.quantile(p[keep], [0.2, 0.4, 0.6, 0.8]) if keep.sum() >= 25 else np.array([])
    bins = []
    lo = EMIT_PROBABILITY
    for hi in [*edges.tolist(), 1.0]:
        inside = keep & (p > lo - 1e-12) & (p <= hi)
        share = (yc_arr[inside].sum() + SMOOTH * yc_arr.mean()) / (inside.sum() + SMOOTH)
        bins.append([round(float(hi), 4), round(float(share), 4)])
        lo = hi
    # isotonic: the share may not fall as the probability rises
    for k in range(1, len(bins)):
        bins[k][1] = max(bins[k][1], bins[k - 1][1])
    model["phrase_bins"] = bins
    # 4. the table
    hits: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for d, findings, _ in data:
        for f in findings:
            i = mqm_data.segment_of(f)
            if i is None:
                continue
            h = hits[(f.kind, f.severity)]
            h[0] += mqm_data.confirmed(f.kind, d.ratings[i])
            h[1] += 1
    by_sev: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (kind, sev), (k, n) in hits.items():
        by_sev[sev][0] += k
        by_sev[sev][1] += n
        by_kind[kind][0] += k
        by_kind[kind][1] += n
    overall = sum(k for k, _ in by_sev.values()) / max(1, sum(n for _, n in by_sev.values()))
    fallback = {
        s: round((k + SMOOTH * overall) / (n + SMOOTH), 4) for s, (k, n) in sorted(by_sev.items())
    }
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for (kind, sev), (k, n) in sorted(hits.items()):
        kk, kn = by_kind[kind]
        kind_share = (kk + SMOOTH * fallback.get(sev, overall)) / (kn + SMOOTH)
        table[kind][sev] = round((k + SMOOTH * kind_share) / (n + SMOOTH), 4)
    model["table"] = dict(table)
    model["fallback"] = fallback
    model["counts"] = {f"{k}/{s}": n for (k, s), (_, n) in sorted(hits.items())}
    model["signature"] = f"conf:{VERSION}"
    OUT.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    n_docs = len(data)
    print(
        f"{OUT.name}: {n_docs} dev documents, {len(y)} beads ({int(y_arr.sum())} major "
        f"omission/addition), {sum(n for _, n in hits.values())} findings",
        file=sys.stderr,
    )
    if not math.isfinite(overall):
        raise SystemExit("no findings: nothing fitted")


if __name__ == "__main__":
    main()
