"""Comparable mode: recall of the changes and precision of the findings on generated pairs,
and the translation/comparable margin of ``auto`` on real translations.

    python bench/bench_comparable.py                 # all tables (about 5 min on 2 cores)
    python bench/bench_comparable.py --fit           # refit the support calibration (dev half)
    python bench/bench_comparable.py --skip-mode     # only the generated-pair tables

Pairs come from ``comparable_pairs.generate`` (seeded; NTREX-128 news, ../shared/bench). Dev
half = even document numbers (calibration is fitted there only), test half = odd ones; both
are printed. Findings counted: warning and error. A finding is *real* when a sentence it points
at (either side) is a changed sentence of the truth (dropped counterpart, added, changed number,
summarised; a paragraph finding when half its sentences are). Recall: a dropped/added sentence
is found when an ``unsupported_claim`` or ``unsupported_paragraph`` points at it; a changed
quantity when a ``contradiction`` does (``+claim``: or an unsupported claim).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from comparable_pairs import Pair, generate  # noqa: E402

from bilingual.model import CheckReport, Document  # noqa: E402

LOUD = ("warning", "error")
SEED_PAGE = ROOT.parent / "shared" / "seed" / "ai-news-open-vs-closed.txt"


def _norm(t: str) -> str:
    return "".join(t.split())


def _hits(seg_text: str, truth: str) -> bool:
    a, b = _norm(seg_text), _norm(truth)
    return bool(a and b) and (a in b or b in a)


def _points(report: CheckReport, f) -> list[tuple[str, str]]:
    al = report.alignment
    out = [("src", al.src.segments[i].text) for i in f.src_ids]
    out += [("tgt", al.tgt.segments[j].text) for j in f.tgt_ids]
    return out


def _changed(side: str, text: str, pair: Pair) -> bool:
    return any(
        _hits(text, c.src if side == "src" else c.tgt)
        for c in pair.changes
        if (c.src if side == "src" else c.tgt)
    )


def _covers(report: CheckReport, f, side: str, truth: str) -> bool:
    """Half or more of ``f``'s sentences on ``side`` are in ``truth`` (and it has some)."""
    pts = [t for s, t in _points(report, f) if s == side]
    return bool(pts) and sum(_hits(t, truth) for t in pts) >= len(pts) / 2


def _real(report: CheckReport, f, pair: Pair) -> bool:
    """A finding points at a real change; a paragraph finding when half its sentences do; a
    rewritten pair when half its sentences on each side are one generated rewrite."""
    if f.kind == "rewritten_paragraph":
        return any(
            _covers(report, f, "src", c.src) and _covers(report, f, "tgt", c.tgt)
            for c in pair.changes
            if c.kind == "rewritten"
        )
    hits = [_changed(side, text, pair) for side, text in _points(report, f)]
    if f.kind == "unsupported_paragraph":
        return bool(hits) and sum(hits) >= len(hits) / 2
    return any(hits)


def score_pair(report: CheckReport, pair: Pair) -> dict[str, list]:
    loud = [f for f in report.findings if f.severity in LOUD]
    real = [_real(report, f, pair) for f in loud]
    out: dict[str, list] = defaultdict(list)
    out["real"] = real
    out["paragraph_real"] = [
        r for f, r in zip(loud, real, strict=True) if f.kind == "unsupported_paragraph"
    ]
    out["rewritten_real"] = [
        r for f, r in zip(loud, real, strict=True) if f.kind == "rewritten_paragraph"
    ]
    out["top10"] = [sum(real[:10]) / max(1, min(10, len(real)))] if real else []
    for c in pair.changes:
        if c.kind in ("dropped", "added"):
            side, truth = ("src", c.src) if c.src else ("tgt", c.tgt)
            found = any(
                f.kind in ("unsupported_claim", "unsupported_paragraph")
                and any(s == side and _hits(t, truth) for s, t in _points(report, f))
                for f in loud
            )
            out[f"{c.kind}"].append(found)
        elif c.kind == "paragraph":
            side, truth = ("src", c.src) if c.src else ("tgt", c.tgt)
            found = False
            for f in loud:
                pts = [t for s, t in _points(report, f) if s == side]
                if f.kind == "unsupported_paragraph" and pts:
                    found |= sum(_hits(t, truth) for t in pts) >= len(pts) / 2
            out["paragraph"].append(found)
        elif c.kind == "rewritten":
            # one finding for the passage, or (as before the rule) a one-sided paragraph
            # finding on each side
            one = any(
                f.kind == "rewritten_paragraph"
                and _covers(report, f, "src", c.src)
                and _covers(report, f, "tgt", c.tgt)
                for f in loud
            )
            two = all(
                any(
                    f.kind == "unsupported_paragraph" and _covers(report, f, side, truth)
                    for f in loud
                )
                for side, truth in (("src", c.src), ("tgt", c.tgt))
            )
            out["rewritten_one"].append(one)
            out["rewritten_two"].append(two)
        elif c.kind == "quantity":
            at = [
                f.kind
                for f in loud
                if any(_hits(t, c.tgt if s == "tgt" else c.src) for s, t in _points(report, f))
            ]
            out["quantity"].append("contradiction" in at)
            out["quantity+claim"].append(bool({"contradiction", "unsupported_claim"} & set(at)))
        elif c.kind == "name":
            # no finding kind says "the actor changed" yet: a name change counts as found
            # when any loud finding points at either of its sentences
            out["name"].append(
                any(
                    _hits(t, c.tgt if s == "tgt" else c.src)
                    for f in loud
                    for s, t in _points(report, f)
                )
            )
    return out


def claim_labels(report: CheckReport, pair: Pair) -> list[tuple[float, ...]]:
    """(best cosine, competition, lexical, the four word-coverage columns, claimed, 1 if said
    on the other side) for every claim of an unchanged or a dropped/added sentence."""
    from bilingual.check.comparable.support import Coverage, coverage_columns

    an = report.comparable
    assert an is not None
    rows = []
    for c in an.src_claims + an.tgt_claims:
        # the claim's own text, not its sentence's: a headline run into its lede is one
        # sentence of two claims, only the headline dropped
        alone = any(
            k.kind in ("dropped", "added") and _hits(c.text, k.src if c.side == "src" else k.tgt)
            for k in pair.changes
        )
        changed = any(_hits(c.text, k.src if c.side == "src" else k.tgt) for k in pair.changes)
        if alone or not changed:
            cov = Coverage(c.unlinked, c.unlinked_run, c.content_words, c.missing_numbers)
            words = tuple(coverage_columns([cov])[0])
            rows.append(
                (c.similarity, c.competition, c.lexical, *words, c.claimed, 0 if alone else 1)
            )
    return rows


def fit_logistic(features: np.ndarray, y: np.ndarray) -> tuple[float, ...]:
    """Weights (intercept first) of P(y=1) = sigmoid(w . [1, features]), Newton's method."""
    X = np.column_stack([np.ones(len(features)), features])
    w = np.zeros(X.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (y - p)
        hess = -(X.T * (p * (1 - p))) @ X - 1e-6 * np.eye(X.shape[1])
        w = w - np.linalg.solve(hess, grad)
    return tuple(round(float(v), 2) for v in w)


def run_pairs(pairs: list[Pair]) -> list[tuple[Pair, CheckReport]]:
    from bilingual.align import align_documents
    from bilingual.check import check_alignment

    out = []
    for p in pairs:
        al = align_documents(Document(p.src_text, "en", p.name), Document(p.tgt_text, "zh", p.name))
        out.append((p, check_alignment(al, mode="comparable")))
    return out


def _rate(xs: list[bool]) -> str:
    return f"{sum(xs) / len(xs):.3f} ({sum(xs)}/{len(xs)})" if xs else "–"


def table_pairs(results: list[tuple[Pair, CheckReport]], title: str) -> None:
    agg: dict[str, list] = defaultdict(list)
    for p, r in results:
        for k, v in score_pair(r, p).items():
            agg[k].extend(v)
    print(f"\n{title}: {len(results)} documents")
    print("| measure | value |\n|---|---|")
    drop_add = agg["dropped"] + agg["added"]
    print(f"| recall dropped claims | {_rate(agg['dropped'])} |")
    print(f"| recall added claims | {_rate(agg['added'])} |")
    print(f"| recall dropped+added | {_rate(drop_add)} |")
    print(f"| recall changed quantities (contradiction) | {_rate(agg['quantity'])} |")
    print(f"| recall changed quantities (+ unsupported claim) | {_rate(agg['quantity+claim'])} |")
    print(f"| recall all changes | {_rate(drop_add + agg['quantity'])} |")
    print(f"| precision of warning+error findings | {_rate(agg['real'])} |")
    if agg["name"]:
        print(f"| recall changed names (any finding at either sentence) | {_rate(agg['name'])} |")
    if agg["paragraph"] or agg["paragraph_real"]:
        print(f"| recall one-sided paragraphs | {_rate(agg['paragraph'])} |")
        print(f"| precision of one-sided paragraph findings | {_rate(agg['paragraph_real'])} |")
    if agg["rewritten_one"] or agg["rewritten_real"]:
        print(f"| rewritten paragraphs found as one pair | {_rate(agg['rewritten_one'])} |")
        print(
            f"| rewritten paragraphs reported as two one-sided paragraphs "
            f"| {_rate(agg['rewritten_two'])} |"
        )
        print(f"| precision of rewritten-pair findings | {_rate(agg['rewritten_real'])} |")
    t10 = agg["top10"]
    print(f"| first 10 findings real (mean share) | {statistics.mean(t10):.3f} |")
    print(f"| reports with ≥ 8 of the first 10 real | {sum(x >= 0.8 for x in t10)}/{len(t10)} |")
    per_doc = [len(score_pair(r, p)["real"]) for p, r in results]
    print(f"| findings per document (warning+error, median) | {statistics.median(per_doc)} |")


def sweep(results: list[tuple[Pair, CheckReport]]) -> None:
    """Recall/precision on ``results`` for other thresholds of an unsupported claim's support
    (findings rebuilt from each report's analysis; choose the threshold on the dev half)."""
    from dataclasses import replace

    from bilingual.check.comparable import findings as cf

    print("\nthreshold sweep (dev): support below t is a one-sided claim")
    print("| t | recall dropped+added | recall all | precision | ≥8 of first 10 |")
    print("|---|---|---|---|---|")
    keep = cf.UNSUPPORTED
    try:
        for t in (0.6, 0.7, 0.8, 0.85, 0.9):
            cf.UNSUPPORTED = t
            agg: dict[str, list] = defaultdict(list)
            for p, r in results:
                assert r.comparable is not None
                found = cf.comparable_findings(r.comparable, r.alignment)
                for k, v in score_pair(replace(r, findings=tuple(found)), p).items():
                    agg[k].extend(v)
            da = agg["dropped"] + agg["added"]
            alls = da + agg["quantity"]
            ok = sum(x >= 0.8 for x in agg["top10"])
            print(
                f"| {t} | {sum(da) / len(da):.3f} | {sum(alls) / len(alls):.3f} "
                f"| {sum(agg['real']) / len(agg['real']):.3f} | {ok}/{len(agg['top10'])} |"
            )
    finally:
        cf.UNSUPPORTED = keep


REWRITE_LEVELS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, None)


def rewrite_sweep(results: list[tuple[Pair, CheckReport]], title: str) -> None:
    """The rewritten-pair rule at other paragraph-cosine levels (``None``: no rule), findings
    rebuilt from analyses made with every same-gap candidate kept (nearest-first one-to-one
    picking makes the pairs at level t those of the full run with cosine >= t)."""
    from dataclasses import replace

    from bilingual.check.comparable import findings as cf

    print(f"\nrewritten-pair level sweep ({title}): same-gap pairs with cosine >= t")
    print(
        "| t | rewrites as one pair | as two one-sided | pair precision | recall one-sided "
        "paragraphs | paragraph precision | recall dropped+added | precision | ≥8 of first 10 |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for t in REWRITE_LEVELS:
        agg: dict[str, list] = defaultdict(list)
        for p, r in results:
            an = r.comparable
            assert an is not None
            kept = tuple(x for x in an.rewritten if t is not None and x.similarity >= t)
            an = replace(an, rewritten=kept)
            found = cf.comparable_findings(an, r.alignment)
            found += [f for f in r.findings if f.kind == "typography"]
            for k, v in score_pair(replace(r, findings=tuple(found), comparable=an), p).items():
                agg[k].extend(v)
        da = agg["dropped"] + agg["added"]
        ok = sum(x >= 0.8 for x in agg["top10"])
        print(
            f"| {t if t is not None else 'no rule'} | {_rate(agg['rewritten_one'])} "
            f"| {_rate(agg['rewritten_two'])} | {_rate(agg['rewritten_real'])} "
            f"| {_rate(agg['paragraph'])} | {_rate(agg['paragraph_real'])} | {_rate(da)} "
            f"| {_rate(agg['real'])} | {ok}/{len(agg['top10'])} |"
        )


def mode_decision(al):
    from bilingual.check.comparable.mode import decide_mode
    from bilingual.check.config import CheckConfig
    from bilingual.check.context import build_context

    return decide_mode(build_context(al, CheckConfig()))


def translation_sets(n_bible: int, n_ntrex: int) -> dict[str, list]:
    from bench_drift import load_bible, load_ntrex

    from bilingual.align import align_documents

    bench = ROOT.parent / "shared" / "bench"
    sets: dict[str, list] = {}
    nt = load_ntrex()[:n_ntrex]
    sets["NTREX (translation)"] = [
        align_documents(
            Document("\n".join(d.src), "en"), Document("\n".join(d.tgt), "zh"), presplit=True
        )
        for d in nt
    ]
    sets["Bible chapters (translation)"] = [
        align_documents(
            Document("\n".join(d.src), "en"), Document("\n".join(d.tgt), "zh"), presplit=True
        )
        for d in load_bible()[:n_bible]
    ]
    mac = bench / "mac-dev-zh-en"
    sets["MAC-Dev chapters (translation)"] = [
        align_documents(
            Document((mac / "zh" / f.name).read_text(encoding="utf-8"), "zh"),
            Document((mac / "en" / f.name).read_text(encoding="utf-8"), "en"),
            presplit=True,
        )
        for f in sorted((mac / "zh").iterdir())
    ]
    tb = bench / "text+berg"
    if tb.is_dir():
        sets["Text+Berg de–fr (translation)"] = [
            align_documents(
                Document((tb / "de" / f.name).read_text(encoding="utf-8"), "de"),
                Document((tb / "fr" / f.name).read_text(encoding="utf-8"), "fr"),
                presplit=True,
            )
            for f in sorted((tb / "de").iterdir())
        ]
    return sets


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--fit", action="store_true", help="fit the support calibration (dev half)")
    ap.add_argument("--skip-mode", action="store_true")
    ap.add_argument(
        "--sweep", action="store_true", help="dev-half table of the unsupported-claim threshold"
    )
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument(
        "--paragraphs",
        action="store_true",
        help="pairs with one English-only and one Chinese-only paragraph each",
    )
    ap.add_argument(
        "--names", action="store_true", help="pairs with one name changed in the Chinese"
    )
    ap.add_argument(
        "--rewrites",
        action="store_true",
        help="pairs with one Chinese paragraph told in other words in the same place",
    )
    ap.add_argument(
        "--rewrite-sweep",
        action="store_true",
        help="dev and test tables of the rewritten-pair level (every same-gap pair analysed)",
    )
    ap.add_argument("--bible", type=int, default=30)
    ap.add_argument("--ntrex", type=int, default=60)
    args = ap.parse_args()
    t0 = time.perf_counter()
    pairs = generate(args.seed, args.limit, args.paragraphs, args.names, args.rewrites)
    if args.rewrite_sweep:
        from bilingual.check.comparable import rewrites

        rewrites.REWRITE_SIMILARITY = -1.0
    results = run_pairs(pairs)
    dev = [x for k, x in enumerate(results) if k % 2 == 0]
    test = [x for k, x in enumerate(results) if k % 2 == 1]
    if args.fit:
        rows = np.array([row for p, r in dev for row in claim_labels(r, p)])
        from bilingual.check.comparable.support import support_features

        weights = fit_logistic(
            support_features(rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3:7], rows[:, 7]),
            rows[:, 8],
        )
        print(f"support calibration on dev: {len(rows)} claims, weights {weights}")
        # reliability on test
        from bilingual.check.comparable.support import calibrated

        trow = np.array([row for p, r in test for row in claim_labels(r, p)])
        ty = trow[:, 8]
        pr = calibrated(trow[:, 0], trow[:, 1], trow[:, 2], trow[:, 3:7], trow[:, 7], weights)
        print("| predicted support | claims | observed supported |\n|---|---|---|")
        for lo in np.arange(0, 1, 0.2):
            m = (pr >= lo) & (pr < lo + 0.2 + (lo >= 0.8) * 1e-9)
            if m.any():
                print(f"| {lo:.1f}–{lo + 0.2:.1f} | {m.sum()} | {ty[m].mean():.3f} |")
    if args.sweep:
        sweep(dev)
    if args.rewrite_sweep:
        rewrite_sweep(dev, "dev")
        rewrite_sweep(test, "test")
        return
    table_pairs(dev, "generated comparable pairs, dev half (even)")
    table_pairs(test, "generated comparable pairs, test half (odd)")
    table_pairs(results, "generated comparable pairs, all")
    print(f"\npairs: {time.perf_counter() - t0:.0f} s")
    if args.skip_mode:
        return
    from bilingual.align import align_page
    from bilingual.check.comparable.mode import COMPARABLE_THRESHOLD
    from bilingual.io import read_document

    stats = {
        name: [mode_decision(a) for a in als]
        for name, als in translation_sets(args.bible, args.ntrex).items()
    }
    stats["generated pairs (comparable)"] = [mode_decision(r.alignment) for _, r in results]
    if SEED_PAGE.exists():
        stats["seed page (comparable)"] = [
            mode_decision(align_page(read_document(SEED_PAGE, lang="auto")))
        ]
    print(
        f"\nmode score = low-confidence share + order break; auto threshold {COMPARABLE_THRESHOLD}"
    )
    print(
        "| set | docs | low-conf. median | order break median | score min | median | max "
        "| margin | wrong mode |\n|---|---|---|---|---|---|---|---|---|"
    )
    for name, ds in stats.items():
        xs = [d.score for d in ds]
        comparable = "comparable" in name
        margin = min(xs) - COMPARABLE_THRESHOLD if comparable else COMPARABLE_THRESHOLD - max(xs)
        wrong = sum(
            (x <= COMPARABLE_THRESHOLD) if comparable else (x > COMPARABLE_THRESHOLD) for x in xs
        )
        print(
            f"| {name} | {len(xs)} | {statistics.median(d.low_confidence_share for d in ds):.3f} "
            f"| {statistics.median(d.order_break for d in ds):.3f} | {min(xs):.3f} "
            f"| {statistics.median(xs):.3f} | {max(xs):.3f} | {margin:+.3f} | {wrong} |"
        )
    print(f"\ntotal: {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
