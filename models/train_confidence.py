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
3. run the phrase channel with that model and, per finding kind, bin its findings' phrase
   probability (tertiles; one bin under 60 findings) into the share of them the raters
   confirmed (their kind's MQM categories), smoothed towards the kind's share, monotone;
4. for each finding kind and check severity, the share confirmed (bench/mqm_data.MATCHING;
   plus the findings on seeded injections into NTREX and Bible documents, bench_drift.py,
   seed 5: confirmed when they point at an injection of their kind; only the kinds the
   injections plant and MQM shows fewer than 100 times: omission, addition, untranslated),
   smoothed: (hits + M·prior) / (n + M) with the kind's share as prior, and the kind's share
   smoothed towards the share over all findings at that severity. A check finding the phrase
   channel also reports (same kind and place: one finding in the report, the higher
   confidence) is left out: the table speaks for the findings the channel does not back.

``--cv`` prints instead the 3-fold cross-validation (by news document, inside the dev split)
of the ways to fit steps 3-4 (BENCHMARKS.md, "Issue 20, fifth round: confidence transfer"):
the method is chosen on it, never on the held-out documents.

Deterministic: a rerun writes the same file.
"""

from __future__ import annotations

import argparse
import itertools
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
SMOOTH = 100.0  # pseudo-count of the prior in each smoothed share (--cv)
# phrase bins: pseudo-count, bins (tertiles) and findings per bin needed for them (chosen by
# cross-validation on the dev split: --cv)
PHRASE_SMOOTH = 20.0
PHRASE_BINS = 3
PHRASE_PER_BIN = 20
L2 = 1.0
VERSION = "2"  # 2: per-kind phrase maps (a dict), backed findings out of the table
# per corpus (NTREX, Bible); 20 left addition/warning measured on 24 findings, fewer than
# bilingual.check.confidence.MIN_SUPPORT, so its hand-set severity stayed
INJECTION_DOCS = 40
INJECTION_SEED = 5
# a kind with this many MQM findings is calibrated on the raters alone
MQM_ENOUGH = 100


def collect(docs: list[mqm_data.MqmDoc]) -> list[tuple]:
    """Per document: (doc, tidied raw findings, phrase features per bead, alignment)."""
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
        out.append((d, report.findings, bead_features(ctx), report.alignment))
        if n % 25 == 0:
            print(f"{n}/{len(docs)} documents, {time.time() - t0:.0f} s", file=sys.stderr)
    return out


def collect_injections(n_docs: int, seed: int) -> list[tuple[str, str, bool]]:
    """(kind, check severity, confirmed) of the findings on seeded injections (bench_drift).

    ``n_docs`` NTREX and Bible documents each, untouched and two corrupted copies with up to
    three injections; a finding is confirmed when it points at an injection expecting its
    kind (bench_drift's strict precision). Another seed than the benchmark's 13 and 7.
    """
    import random

    import bench_drift as bd

    from bilingual.check.config import CheckConfig
    from bilingual.check.run import check_alignment

    rng = random.Random(seed)
    docs = rng.sample(bd.load_ntrex(), n_docs)
    docs += rng.sample([d for d in bd.load_bible() if len(d.src) >= 8], n_docs)
    fillers = {
        c: [t for d in docs if d.corpus != c for t in d.tgt if len(t) >= 15]
        for c in ("ntrex", "bible")
    }
    pool = bd.name_pool_for(docs)
    cfg = CheckConfig(calibrate=False)
    out: list[tuple[str, str, bool]] = []

    def judge(doc: bd.Doc, tgt: list[str], injections: list) -> None:
        from bilingual.align import align_documents
        from bilingual.model import Document

        a = align_documents(
            Document("\n".join(doc.src), "en", doc.name),
            Document("\n".join(tgt), "zh", doc.name),
            presplit=True,
        )
        for f in check_alignment(a, config=cfg).findings:
            if not f.src_ids and not f.tgt_ids:
                continue
            ok = any(
                bd._hits(f, i) and f.kind in {bd.EXPECTED[i.kind], bd.ALSO.get(i.kind, "")}
                for i in injections
            )
            out.append((f.kind, f.severity, ok))

    for n, d in enumerate(docs):
        judge(d, list(d.tgt), [])
        for _ in range(2):
            v = bd.make_variant(d, rng, 3, fillers[d.corpus], pool)
            if v.injections:
                judge(d, v.tgt, v.injections)
        if n % 10 == 0:
            print(f"injections: {n}/{len(docs)} documents", file=sys.stderr)
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


CHANNELS = {
    "length": ("length_excess",),
    "dictionary": ("src_coverage", "tgt_coverage", "src_uncovered_run", "tgt_uncovered_run"),
    "word links": (
        "src_unlinked_run",
        "tgt_unlinked_run",
        "src_unlinked_share",
        "tgt_unlinked_share",
    ),
    "clause encoding": ("src_encoding_gain", "tgt_encoding_gain"),
}


def _auc(s: np.ndarray, y: np.ndarray) -> float:
    pos, neg = s[y], s[~y]
    return float(
        ((pos[:, None] > neg).sum() + 0.5 * (pos[:, None] == neg).sum()) / pos.size / neg.size
    )


def ablation(rows: np.ndarray, y: np.ndarray, groups: np.ndarray) -> None:
    """Each channel's gain: 3-fold cross-validation by news document inside the dev split."""
    from bilingual.check.phrase import FEATURES

    docs = sorted(set(groups))
    fold = np.array([docs.index(g) % 3 for g in groups])
    print("channels                          AUC (major om/add vs rest, 3-fold by document)")
    names = list(CHANNELS)
    for k in range(1, len(names) + 1):
        for combo in [names[:k]] if k > 1 else [[n] for n in names]:
            cols = [FEATURES.index(f) for n in combo for f in CHANNELS[n]]
            score = np.zeros(len(y))
            for f in range(3):
                tr, te = fold != f, fold == f
                x = rows[:, cols]
                mean, scale = x[tr].mean(0), x[tr].std(0) + 1e-9
                coef, bias = fit_logistic((x[tr] - mean) / scale, y[tr])
                score[te] = (x[te] - mean) / scale @ coef + bias
            print(f"  {' + '.join(combo):32s} {_auc(score, y.astype(bool)):.3f}")


def phrase_channel(data: list[tuple], phrase: dict) -> list[list]:
    """Per document, the phrase channel's findings with the model ``phrase`` (as run.py)."""
    from bilingual.check.confidence import parse_model
    from bilingual.check.config import CheckConfig
    from bilingual.check.context import build_context
    from bilingual.check.run import phrase_channel as check_phrase_channel

    model = parse_model({"table": {}, "fallback": {}, "phrase": phrase})
    cfg = CheckConfig(calibrate=False)
    return [
        check_phrase_channel(build_context(alignment, cfg), model) for _, _, _, alignment in data
    ]


def _key(f) -> tuple:
    return (f.kind, f.level, f.src_ids, f.tgt_ids)


def fit_phrase_bins(
    data: list[tuple], phrase: list[list], m: float = PHRASE_SMOOTH, n_bins: int = PHRASE_BINS
) -> dict[str, list[list[float]]]:
    """Per finding kind: (upper probability, confirmed share) of the phrase channel's findings."""
    from bilingual.check.phrase import EMIT_PROBABILITY

    seen: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for (d, _, _, _), found in zip(data, phrase, strict=True):
        for f in found:
            i = mqm_data.segment_of(f)
            value = next((e.value for e in f.evidence if e.name == "phrase_probability"), None)
            if i is not None and value is not None:
                seen[f.kind].append((value, mqm_data.confirmed(f.kind, d.ratings[i])))
    out = {}
    for kind, rows in sorted(seen.items()):
        p = np.array([v for v, _ in rows])
        y = np.array([ok for _, ok in rows], float)
        k = n_bins if len(p) >= PHRASE_PER_BIN * n_bins else 1
        edges = [*np.quantile(p, np.linspace(0, 1, k + 1)[1:-1]).tolist(), 1.0]
        bins, lo = [], EMIT_PROBABILITY - 1e-9
        for hi in edges:
            inside = (p > lo) & (p <= hi)
            share = (y[inside].sum() + m * y.mean()) / (inside.sum() + m)
            bins.append([round(float(hi), 4), round(float(share), 4)])
            lo = hi
        # isotonic: the share may not fall as the probability rises
        for j in range(1, len(bins)):
            bins[j][1] = max(bins[j][1], bins[j - 1][1])
        out[kind] = bins
    return out


def fit_table(
    data: list[tuple],
    phrase: list[list],
    injected: list[tuple[str, str, bool]],
    m: float = SMOOTH,
    leave_out_backed: bool = True,
) -> tuple[dict, dict, dict]:
    """(table, fallback, counts) of step 4 (module docstring)."""
    hits: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for (d, findings, _, _), found in zip(data, phrase, strict=True):
        backed = {_key(f) for f in found} if leave_out_backed else set()
        for f in findings:
            i = mqm_data.segment_of(f)
            if i is None or _key(f) in backed:
                continue
            h = hits[(f.kind, f.severity)]
            h[0] += mqm_data.confirmed(f.kind, d.ratings[i])
            h[1] += 1
    # seeded injections: the only source for kinds a 1:1 MT file cannot show (whole-sentence
    # omissions and additions, untranslated sentences), pooled with MQM for the others
    injected_kinds = {"omission", "addition", "number_mismatch", "untranslated", "name_mismatch"}
    mqm_support: dict[str, int] = defaultdict(int)
    for (kind, _), (_, n) in hits.items():
        mqm_support[kind] += n
    for kind, sev, ok in injected:
        if kind not in injected_kinds:
            continue  # a kind the injections do not plant would only count as unconfirmed
        if mqm_support[kind] >= MQM_ENOUGH:
            continue  # the raters' judgement is the one confidence promises
        h = hits[(kind, sev)]
        h[0] += ok
        h[1] += 1
    by_sev: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (kind, sev), (k, n) in hits.items():
        by_sev[sev][0] += k
        by_sev[sev][1] += n
        by_kind[kind][0] += k
        by_kind[kind][1] += n
    overall = sum(k for k, _ in by_sev.values()) / max(1, sum(n for _, n in by_sev.values()))
    if not math.isfinite(overall):
        raise SystemExit("no findings: nothing fitted")
    fallback = {s: round((k + m * overall) / (n + m), 4) for s, (k, n) in sorted(by_sev.items())}
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for (kind, sev), (k, n) in sorted(hits.items()):
        kk, kn = by_kind[kind]
        kind_share = (kk + m * fallback.get(sev, overall)) / (kn + m)
        table[kind][sev] = round((k + m * kind_share) / (n + m), 4)
    # findings each share was measured on (MQM dev + injections): calibrate() regrades only
    # well-supported (kind, severity) pairs
    counts = {f"{k}/{s}": n for (k, s), (_, n) in sorted(hits.items())}
    return dict(table), fallback, counts


def score(data: list[tuple], phrase: list[list], model: dict) -> tuple[np.ndarray, ...]:
    """(confidence, confirmed) of the reported findings and, per segment, (major om/add,
    clean, flagged by an om/add kind, flagged by any kind): what bench_mqm.py measures."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_mqm import LOUD, OMISSION_KINDS

    from bilingual.check.confidence import parse_model
    from bilingual.check.run import merged

    cm = parse_model(model)
    conf, ok, seg = [], [], []
    for (d, findings, _, _), found in zip(data, phrase, strict=True):
        by: dict[int, list] = defaultdict(list)
        for f in merged(findings, found, cm):
            i = mqm_data.segment_of(f)
            if i is None:
                continue
            by[i].append(f)
            conf.append(f.confidence)
            ok.append(mqm_data.confirmed(f.kind, d.ratings[i]))
        for i, r in enumerate(d.ratings):
            loud = [f for f in by.get(i, []) if f.severity in LOUD]
            seg.append(
                (
                    mqm_data.major_omission_addition(r),
                    mqm_data.clean(r),
                    any(f.kind in OMISSION_KINDS for f in loud),
                    bool(loud),
                )
            )
    return np.array(conf, float), np.array(ok, bool), np.array(seg, bool).reshape(-1, 4)


def ece(conf: np.ndarray, ok: np.ndarray) -> float:
    """Expected calibration error over bench_mqm.py's ten bins."""
    from bench_mqm import BINS

    e = 0.0
    for lo, hi in itertools.pairwise(BINS):
        inside = (conf >= lo) & ((conf < hi) if hi < 1 else (conf <= hi))
        if inside.any():
            e += inside.sum() / len(conf) * abs(conf[inside].mean() - ok[inside].mean())
    return e


def cross_validate(data: list[tuple], phrase: list[list], base: dict, injected: list) -> None:
    """Steps 3-4 fitted on two thirds of the dev news documents, scored on the third."""
    news = sorted({d.doc for d, *_ in data})
    fold = [news.index(d.doc) % 3 for d, *_ in data]
    variants = [("shipped before (bead bins, backed findings in the table)", None, 20.0, False)]
    variants += [(f"bead bins; table M {m:g}, backed left out", None, m, True) for m in (20, 50)]
    variants += [
        (f"kind bins x{k}, M {pm:g}; table M {m:g}, backed left out", k, m, True)
        for k in (1, 2, 3, 5)
        for pm in (5.0, 10.0, 20.0, 40.0)
        for m in (10.0, 20.0, 50.0, 100.0)
        if (pm == PHRASE_SMOOTH or k == PHRASE_BINS) and (m == SMOOTH or k == PHRASE_BINS)
    ]
    variants += [(f"kind bins x3, M 20; table M {m:g}, backed kept", 3, m, False) for m in (20, 50)]
    print("method                                                      CV ECE  om-rec  clean")
    for name, k, m, leave in variants:
        pm = float(name.split("M ")[1].split(";")[0]) if k else 0.0
        m = float(m)
        parts = []
        for f in range(3):
            tr = [x for x, g in zip(data, fold, strict=True) if g != f]
            trp = [x for x, g in zip(phrase, fold, strict=True) if g != f]
            te = [x for x, g in zip(data, fold, strict=True) if g == f]
            tep = [x for x, g in zip(phrase, fold, strict=True) if g == f]
            table, fallback, counts = fit_table(tr, trp, injected, m, leave)
            bins = fit_phrase_bins(tr, trp, pm, k) if k else _bead_bins(tr, base)
            model = {**base, "table": table, "fallback": fallback, "counts": counts}
            parts.append(score(te, tep, {**model, "phrase_bins": bins}))
        conf = np.concatenate([p[0] for p in parts])
        ok = np.concatenate([p[1] for p in parts])
        seg = np.concatenate([p[2] for p in parts])
        pos, clean = seg[:, 0], seg[:, 1]
        rec, flagged = seg[pos, 2].mean(), seg[clean, 3].mean()
        print(f"  {name:58s} {ece(conf, ok):.3f}   {rec:.3f}  {flagged:.3f}")


def _bead_bins(data: list[tuple], base: dict) -> list[list[float]]:
    """The former step 3: quintiles of the phrase probability of every bead above the emit
    threshold against "≥ 2 raters marked an omission or addition" (any kind)."""
    from bilingual.check.confidence import parse_model
    from bilingual.check.phrase import EMIT_PROBABILITY

    pm = parse_model({"table": {}, "fallback": {}, **base}).phrase
    assert pm is not None
    rows, yc = [], []
    for d, _, feats, _ in data:
        for i, seg in enumerate(d.ratings):
            if i < len(feats) and not np.isnan(feats[i]).any():
                rows.append(feats[i])
                yc.append(
                    mqm_data.confirmed("partial_omission", seg)
                    or mqm_data.confirmed("partial_addition", seg)
                )
    p, y = pm.probability(np.array(rows)), np.array(yc, bool)
    keep = p >= EMIT_PROBABILITY
    edges = np.quantile(p[keep], [0.2, 0.4, 0.6, 0.8]) if keep.sum() >= 25 else np.array([])
    bins, lo = [], EMIT_PROBABILITY
    for hi in [*edges.tolist(), 1.0]:
        inside = keep & (p > lo - 1e-12) & (p <= hi)
        share = (y[inside].sum() + 20.0 * y.mean()) / (inside.sum() + 20.0)  # as fitted then
        bins.append([round(float(hi), 4), round(float(share), 4)])
        lo = hi
    for k in range(1, len(bins)):
        bins[k][1] = max(bins[k][1], bins[k - 1][1])
    return bins


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, help="pickle of step 1 (read if present, else written)")
    ap.add_argument("--cv", action="store_true", help="cross-validate steps 3-4, write nothing")
    args = ap.parse_args()
    from bilingual.check.phrase import FEATURES

    docs = [d for d in mqm_data.load() if not d.held_out]
    if args.cache is not None and args.cache.is_file():
        data, injected = pickle.loads(args.cache.read_bytes())
    else:
        data = collect(docs)
        injected = collect_injections(INJECTION_DOCS, INJECTION_SEED)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((data, injected)))
    # 2. the phrase model
    rows_l, y, groups = [], [], []
    for d, _, feats, _ in data:
        for i, seg in enumerate(d.ratings):
            if i >= len(feats) or np.isnan(feats[i]).any():
                continue
            rows_l.append(feats[i])
            groups.append(d.doc)
            y.append(mqm_data.major_omission_addition(seg))
    rows = np.array(rows_l)
    y_arr = np.array(y, float)
    if not args.cv:
        ablation(rows, y_arr, np.array(groups))
    model: dict = {"version": VERSION, "phrase": phrase_model(rows, y_arr, FEATURES)}
    # 3. the phrase channel's findings, binned per kind
    phrase = phrase_channel(data, model["phrase"])
    if args.cv:
        cross_validate(data, phrase, model, injected)
        return
    model["phrase_bins"] = fit_phrase_bins(data, phrase)
    # 4. the table
    model["table"], model["fallback"], model["counts"] = fit_table(data, phrase, injected)
    model["signature"] = f"conf:{VERSION}"
    OUT.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"{OUT.name}: {len(data)} dev documents, {len(y)} beads ({int(y_arr.sum())} major "
        f"omission/addition), {sum(model['counts'].values())} findings",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
