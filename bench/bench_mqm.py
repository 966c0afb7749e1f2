"""Real translation errors: how the checks agree with expert MQM raters (mqm-wmt23-zhen).

For each document of the chosen split (bench/mqm_data.py: development or held-out news
documents, all ten systems) the units are checked as a translation file (one bead per line)
and compared with the three raters' annotations:

- recall: segments where ≥ 2 raters marked a Major omission or addition that carry a warning
  or error, of an omission/addition kind (``omission``, ``addition``, ``partial_omission``,
  ``partial_addition``, ``length_ratio``) and of any kind;
- false flags: segments all three raters found clean ("No-error") with a warning or error;
- ROC of the per-segment evidence (the highest risk, confidence × impact, of the segment's
  omission/addition findings; 0 without one) on those two groups: points and AUC;
- reliability of finding confidence: findings binned by confidence against the share the
  raters confirmed (≥ 2 raters, matching category), and the expected calibration error.

``--by-kind`` adds the reliability per finding kind (findings, mean confidence, share
confirmed, and the kind's share of the calibration error: |mean − confirmed| × its share of
the findings), to see which kinds carry the error on each split.

``--raw`` runs the checks uncalibrated (their own severities, no phrase channel): the
baseline. Target (issue 20): recall ≥ 0.50 at ≤ 5 % false flags, ECE ≤ 0.05.

    python bench/bench_mqm.py --split held
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import itertools

import mqm_data

OMISSION_KINDS = frozenset(
    {"omission", "addition", "partial_omission", "partial_addition", "length_ratio"}
)
LOUD = ("warning", "error")
BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve (ties count half)."""
    pos, neg = scores[labels], scores[~labels]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(pos) * len(neg)))


def run(docs: list[mqm_data.MqmDoc], raw: bool) -> dict:
    from bilingual.check.config import CheckConfig
    from bilingual.check.kinds import impact
    from bilingual.check.run import check_translation_file

    cfg = CheckConfig(calibrate=not raw)
    seg_pos, seg_clean, flagged_om, flagged_any, evidence = [], [], [], [], []
    conf, confirmed, kinds = [], [], []
    for d in docs:
        report = check_translation_file(mqm_data.translation_file(d), config=cfg)
        by_seg: dict[int, list] = {}
        for f in report.findings:
            i = mqm_data.segment_of(f)
            if i is None:
                continue
            by_seg.setdefault(i, []).append(f)
            if f.confidence is not None:
                conf.append(f.confidence)
                confirmed.append(mqm_data.confirmed(f.kind, d.ratings[i]))
                kinds.append(f.kind)
        for i, seg in enumerate(d.ratings):
            fs = by_seg.get(i, [])
            seg_pos.append(mqm_data.major_omission_addition(seg))
            seg_clean.append(mqm_data.clean(seg))
            om = [f for f in fs if f.kind in OMISSION_KINDS]
            flagged_om.append(any(f.severity in LOUD for f in om))
            flagged_any.append(any(f.severity in LOUD for f in fs))
            risk = [
                (f.confidence if f.confidence is not None else 0.5 + 0.25 * LOUD.count(f.severity))
                * impact(f.kind)
                for f in om
            ]
            evidence.append(max(risk, default=0.0))
    return {
        "pos": np.array(seg_pos),
        "clean": np.array(seg_clean),
        "flag_om": np.array(flagged_om),
        "flag_any": np.array(flagged_any),
        "evidence": np.array(evidence),
        "conf": np.array(conf),
        "confirmed": np.array(confirmed, bool),
        "kinds": np.array(kinds, str),
    }


def report(name: str, r: dict, seconds: float, by_kind: bool = False) -> None:
    pos, clean = r["pos"], r["clean"]
    print(f"\n== {name}: {len(pos)} segments, {pos.sum()} major omission/addition, "
          f"{clean.sum()} clean; {seconds:.0f} s")  # fmt: skip
    print(f"recall (omission/addition kinds, warning+)  {r['flag_om'][pos].mean():.3f}")
    print(f"recall (any kind, warning+)                 {r['flag_any'][pos].mean():.3f}")
    print(f"clean segments flagged (any kind, warning+) {r['flag_any'][clean].mean():.3f}")
    print(f"clean segments flagged (om/add kinds)       {r['flag_om'][clean].mean():.3f}")
    both = pos | clean
    s, y = r["evidence"][both], pos[both]
    print(f"per-segment evidence AUC (major om/add vs clean): {auc(s, y):.3f}")
    print("ROC points  threshold   TPR    FPR")
    for t in sorted(set(np.round(s, 2)), reverse=True)[:12]:
        print(f"            {t:9.2f}  {(s[y] >= t).mean():.3f}  {(s[~y] >= t).mean():.3f}")
    conf, ok = r["conf"], r["confirmed"]
    if not len(conf):
        print("no calibrated findings (raw run)")
        return
    print(f"reliability of finding confidence ({len(conf)} findings)")
    print("  bin         n   mean conf  confirmed")
    ece = 0.0
    for lo, hi in itertools.pairwise(BINS):
        inside = (conf >= lo) & ((conf < hi) if hi < 1 else (conf <= hi))
        if not inside.any():
            continue
        m, c = conf[inside].mean(), ok[inside].mean()
        ece += inside.sum() / len(conf) * abs(m - c)
        print(f"  {lo:.1f}-{hi:.1f}  {inside.sum():6d}   {m:.3f}      {c:.3f}")
    print(f"ECE {ece:.3f}")
    if by_kind:
        print("  kind                         n   mean conf  confirmed  error share")
        for kind in sorted(set(r["kinds"])):
            m = r["kinds"] == kind
            gap = abs(conf[m].mean() - ok[m].mean())
            print(f"  {kind:24s} {m.sum():6d}   {conf[m].mean():.3f}      {ok[m].mean():.3f}"
                  f"      {m.sum() / len(conf) * gap:.3f}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "held", "both"), default="both")
    ap.add_argument("--raw", action="store_true", help="uncalibrated checks (the baseline)")
    ap.add_argument("--by-kind", action="store_true", help="reliability per finding kind")
    ap.add_argument("--limit", type=int, default=0, help="first N documents of each split")
    args = ap.parse_args()
    if not mqm_data.available():
        raise SystemExit(f"error: {mqm_data.MQM} not found")
    docs = mqm_data.load()
    splits = {"dev": False, "held": True}
    for name, held in splits.items():
        if args.split not in (name, "both"):
            continue
        chosen = [d for d in docs if d.held_out == held]
        if args.limit:
            chosen = chosen[: args.limit]
        t0 = time.time()
        r = run(chosen, args.raw)
        label = f"{'held-out' if held else 'development'} ({'raw' if args.raw else 'calibrated'})"
        report(label, r, time.time() - t0, args.by_kind)


if __name__ == "__main__":
    main()
