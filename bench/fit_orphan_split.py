"""Fit the orphan split's rule (bilingual/align/orphans.py, SPLIT_RULE) on development data.

Aligns, with the split off, MAC-Dev, Text+Berg 001–003, Bible 0–2000, the PRC Constitution and
the even-numbered (DEV) drift documents pre-split (bench/drift_docs.py), and records the edge
evidence of every 2:1 / 1:2 path bead (``orphans.edge_evidence``). A logistic fit separates
"the member is an orphan" (the member alone and the rest are both gold beads) from "the bead
is right" (the member's margin over its own cosine, ``member_best − member_sem``, enters as
one column); then, for each bias offset, the split is applied to the recorded paths and the
table gives each dev set's strict F1 and the drift orphans left alone. The shipped offset is
chosen by hand from the table: the middle of the range where no F1 falls below the unsplit
path's. Paragraph beads are not split by this rule (``AlignConfig.for_level``), so the PRC
column shows what splitting paragraphs with it would cost.

``--paragraphs`` fits the paragraph rule (``orphans.PARAGRAPH_RULE``) the same way on the
paragraph paths (paragraph split off) of the drift DEV documents aligned as plain text (each
line a paragraph) and of the PRC Constitution, whose four right merges weigh ×10 (the one real
document with paragraph gold), without the merge-rate column; the table gives PRC's paragraph
F1, the drift orphans left alone by the paragraph pass, its wrong paragraph beads and those
of the merge documents (real 2:1 / 1:2 merges split).

    python bench/fit_orphan_split.py [--offsets 0,-0.3,-0.5,-0.6,-1]
    python bench/fit_orphan_split.py --paragraphs [--offsets ...]
    python bench/fit_orphan_split.py --evidence    # what separates merged orphans (or not)
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_align  # noqa: E402
import bench_trust  # noqa: E402
from drift_docs import drift_docs  # noqa: E402

import bilingual.align.core as core  # noqa: E402
from bilingual.align import AlignConfig  # noqa: E402
from bilingual.align.aligner import align_documents, align_with_features  # noqa: E402
from bilingual.align.calibrate import fit_logistic  # noqa: E402
from bilingual.align.dp import BeadPath, path_marginals  # noqa: E402
from bilingual.align.evaluate import score_alignments  # noqa: E402
from bilingual.align.orphans import (  # noqa: E402
    SPLIT_FEATURES,
    SPLIT_RULE,
    EdgeEvidence,
    edge_evidence,
)
from bilingual.model import Document  # noqa: E402

Link = tuple[tuple[int, ...], tuple[int, ...]]
Recorded = tuple[object, BeadPath, EdgeEvidence]  # (doc, path, evidence)
COLUMNS = ("cost_delta", "rest_gain", "member_sem", "member_lex", "len_gain")
COLUMNS += ("elsewhere", "merge_rate", "posterior", "member_excl")


def record(cache: Path) -> dict[str, list[Recorded]]:
    """Paths and edge evidence of every dev document, aligned with the split off."""
    seen: list[tuple[BeadPath, EdgeEvidence]] = []
    original = core.score_path

    def hooked(path, scorer, posteriors=None):  # type: ignore[no-untyped-def]
        seen.append((path, edge_evidence(path, scorer, posteriors)))
        return original(path, scorer, posteriors)

    cfg = dataclasses.replace(AlignConfig(), split_orphans=False)
    out: dict[str, list[Recorded]] = {}
    core.score_path = hooked  # type: ignore[assignment]
    try:
        gold_sets = [
            ("MAC-Dev", bench_align.macdev()),
            ("Text+Berg", [d for d in bench_align.textberg() if d.split == "dev"]),
            ("Bible", [bench_align.bible(2000, split="dev")]),
            ("PRC", [d for d in bench_align.prc() if "宪法" in d.name]),
        ]
        for name, docs in gold_sets:
            out[name] = []
            for d in docs:
                seen.clear()
                sf, tf = bench_align.features(d, cache)
                align_with_features(d.src, d.tgt, sf, tf, config=cfg)
                out[name].append((d, *seen[-1]))
        vc = bench_trust.VectorCache(cache / "drift-vectors.npz")
        out["drift"] = []
        for dd in (d for d in drift_docs() if d.split == "dev"):
            seen.clear()
            bench_trust.run_drift_presplit([dd], cfg, vc)
            out["drift"].append((dd, *seen[-1]))
        vc.save()
    finally:
        core.score_path = original  # type: ignore[assignment]
    return out


def columns(x: np.ndarray) -> np.ndarray:
    f = {name: k for k, name in enumerate(SPLIT_FEATURES)}
    extra = {"elsewhere": x[:, f["member_best"]] - x[:, f["member_sem"]]}
    return np.column_stack([extra[c] if c in extra else x[:, f[c]] for c in COLUMNS])


def _gold(doc: object) -> set[Link]:
    return {(b.src, b.tgt) if hasattr(b, "src") else b for b in doc.gold}  # type: ignore[attr-defined]


def _parts(bead: Link, first: bool) -> tuple[Link, Link]:
    s, t = bead
    if len(s) == 2:
        return (((s[0],), ()), ((s[1],), t)) if first else (((s[1],), ()), ((s[0],), t))
    return (((), (t[0],)), (s, (t[1],))) if first else (((), (t[1],)), (s, (t[0],)))


def split(path: BeadPath, ev: EdgeEvidence, score: np.ndarray) -> list[Link]:
    """``orphans.split_orphans`` on recorded scores."""
    best: dict[int, tuple[float, bool]] = {}
    for n, first, z in zip(ev.bead.tolist(), ev.first.tolist(), score.tolist(), strict=True):
        if z > 0 and (n not in best or z > best[n][0]):
            best[n] = (z, first)
    out: list[Link] = []
    for n, bead in enumerate(path):
        if n not in best:
            out.append(bead)
            continue
        lone, rest = _parts(bead, best[n][1])
        out.extend([lone, rest] if best[n][1] else [rest, lone])
    return out


def evaluate(data: dict[str, list[Recorded]], rule: Callable[[np.ndarray], np.ndarray]) -> str:
    cells = []
    for name in ("MAC-Dev", "Text+Berg", "Bible", "PRC"):
        tests, golds = [], []
        for d, path, ev in data[name]:
            links = split(path, ev, rule(ev.features))
            tests.append(bench_align.verse_merge(links, d) if d.src_units else links)  # type: ignore[attr-defined]
            golds.append(d.gold)  # type: ignore[attr-defined]
        cells.append(f"{score_alignments(golds, tests).f1_strict:.4f}")
    alone = n = wrong = 0
    for d, path, ev in data["drift"]:
        links = split(path, ev, rule(ev.features))
        g = _gold(d)
        wrong += sum(1 for b in links if b not in g)
        for side, k in d.injected:  # type: ignore[attr-defined]
            n += 1
            mine = [b for b in links if k in (b[0] if side == "src" else b[1])]
            want = ((k,), ()) if side == "src" else ((), (k,))
            alone += all(b == want for b in mine)
    return " | ".join([*cells, f"{alone} / {n}", str(wrong)])


def fit(data: dict[str, list[Recorded]]) -> tuple[np.ndarray, float]:
    """Weights over SPLIT_FEATURES and bias of the logistic fit (offset 0)."""
    xs, ys = [], []
    for name in ("MAC-Dev", "Text+Berg", "PRC", "drift"):
        for d, path, ev in data[name]:
            g = _gold(d)
            for row in range(len(ev.bead)):
                bead = path[ev.bead[row]]
                lone, rest = _parts(bead, bool(ev.first[row]))
                label = 0 if bead in g else 1 if (lone in g and rest in g) else -1
                if label >= 0:
                    xs.append(ev.features[row])
                    ys.append(label)
    x, y = columns(np.asarray(xs)), np.asarray(ys, dtype=float)
    mu, sd = x.mean(0), x.std(0) + 1e-9
    w = fit_logistic(np.column_stack([np.ones(len(x)), (x - mu) / sd]), y, l2=1.0)
    print(f"{int(y.sum())} orphan edges, {int((y == 0).sum())} edges of right beads")
    raw = w[1:] / sd
    bias = float(w[0] - raw @ mu)
    # Back to SPLIT_FEATURES: "elsewhere" is member_best − member_sem.
    f = {name: k for k, name in enumerate(SPLIT_FEATURES)}
    full = np.zeros(len(SPLIT_FEATURES))
    for c, v in zip(COLUMNS, raw, strict=True):
        if c == "elsewhere":
            full[f["member_best"]] += v
            full[f["member_sem"]] -= v
        else:
            full[f[c]] += v
    return full, bias


# -- paragraphs ------------------------------------------------------------------------------

PARAGRAPH_COLUMNS = tuple(c for c in COLUMNS if c not in ("merge_rate", "member_excl"))
PRC_WEIGHT = 10.0


def record_paragraphs(cache: Path) -> dict[str, list[Recorded]]:
    """Paragraph paths (paragraph split off) and their edge evidence: the drift DEV documents
    as plain text, their beads as LINE links (each line is a paragraph), and the PRC
    Constitution."""
    seen: list[tuple[BeadPath, EdgeEvidence]] = []
    original = core.finish_path

    def hooked(solved, config, merge_rate=None):  # type: ignore[no-untyped-def]
        if config.orphan_rule == "paragraph":
            lat = solved.lattice
            post = path_marginals(lat, solved.path) if lat is not None else None
            seen.append((solved.path, edge_evidence(solved.path, solved.scorer, post)))
        return original(solved, config, merge_rate)

    cfg = dataclasses.replace(AlignConfig(), split_paragraph_orphans=False)
    out: dict[str, list[Recorded]] = {"drift": [], "PRC": []}
    core.finish_path = hooked  # type: ignore[assignment]
    try:
        vc = bench_trust.VectorCache(cache / "drift-vectors.npz")
        with bench_trust.cached_encoder(vc) as enc:
            for d in (x for x in drift_docs() if x.split == "dev"):
                seen.clear()
                ss, st = bench_trust._line_of(d.src)
                ts, tt = bench_trust._line_of(d.tgt)
                al = align_documents(
                    Document(st, "en", d.name), Document(tt, "zh", d.name), encoder=enc, config=cfg
                )
                ps = {x.paragraph: bisect.bisect_right(ss, x.start) - 1 for x in al.src.segments}
                pt = {x.paragraph: bisect.bisect_right(ts, x.start) - 1 for x in al.tgt.segments}
                path = tuple(
                    (tuple(ps[p] for p in s), tuple(pt[p] for p in t)) for s, t in seen[0][0]
                )
                out["drift"].append((d, path, seen[0][1]))
        vc.save()
        for d in (x for x in bench_align.prc() if "宪法" in x.name):
            seen.clear()
            sf, tf = bench_align.features(d, cache)
            align_with_features(d.src, d.tgt, sf, tf, config=cfg)
            out["PRC"].append((d, *seen[-1]))
    finally:
        core.finish_path = original  # type: ignore[assignment]
    return out


def _to_full(cols: Sequence[str], raw: np.ndarray) -> np.ndarray:
    """Weights over ``cols`` (with "elsewhere" = member_best − member_sem) as weights over
    SPLIT_FEATURES."""
    f = {name: k for k, name in enumerate(SPLIT_FEATURES)}
    full = np.zeros(len(SPLIT_FEATURES))
    for c, v in zip(cols, raw, strict=True):
        if c == "elsewhere":
            full[f["member_best"]] += v
            full[f["member_sem"]] -= v
        else:
            full[f[c]] += v
    return full


def fit_paragraphs(data: dict[str, list[Recorded]]) -> tuple[np.ndarray, float]:
    """Weights over SPLIT_FEATURES and bias of the paragraph rule's logistic fit (offset 0)."""
    xs, ys, ws = [], [], []
    for name in ("drift", "PRC"):
        for d, path, ev in data[name]:
            g = _gold(d)
            for row in range(len(ev.bead)):
                bead = path[ev.bead[row]]
                lone, rest = _parts(bead, bool(ev.first[row]))
                label = 0 if bead in g else 1 if (lone in g and rest in g) else -1
                if label >= 0:
                    xs.append(ev.features[row])
                    ys.append(label)
                    ws.append(PRC_WEIGHT if name == "PRC" else 1.0)
    keep = [COLUMNS.index(c) for c in PARAGRAPH_COLUMNS]
    x, y = columns(np.asarray(xs))[:, keep], np.asarray(ys, dtype=float)
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.column_stack([np.ones(len(x)), (x - mu) / sd])
    w = fit_logistic(z, y, l2=1.0, sample_weight=np.asarray(ws))
    print(f"{int(y.sum())} orphan paragraph edges, {int((y == 0).sum())} edges of right beads")
    raw = w[1:] / sd
    return _to_full(PARAGRAPH_COLUMNS, raw), float(w[0] - raw @ mu)


def evaluate_paragraphs(
    data: dict[str, list[Recorded]], rule: Callable[[np.ndarray], np.ndarray]
) -> str:
    tests, golds = [], []
    for d, path, ev in data["PRC"]:
        tests.append(split(path, ev, rule(ev.features)))
        golds.append(d.gold)  # type: ignore[attr-defined]
    alone = n = wrong = wrong_merge = 0
    for d, path, ev in data["drift"]:
        links = split(path, ev, rule(ev.features))
        g = _gold(d)
        bad = sum(1 for b in links if b not in g)
        wrong += bad
        wrong_merge += bad if d.kind == "merge" else 0  # type: ignore[attr-defined]
        for side, k in d.injected:  # type: ignore[attr-defined]
            n += 1
            mine = [b for b in links if k in (b[0] if side == "src" else b[1])]
            want = ((k,), ()) if side == "src" else ((), (k,))
            alone += all(b == want for b in mine)
    f1 = score_alignments(golds, tests).f1_strict
    return f"{f1:.4f} | {alone} / {n} | {wrong} | {wrong_merge}"


def main_paragraphs(cache: Path, offsets: Sequence[float]) -> None:
    data = record_paragraphs(cache)
    weights, bias = fit_paragraphs(data)
    print(
        "| bias offset | PRC ¶ F1 | drift DEV alone (¶ pass) | wrong ¶ beads "
        "| of which in merge documents |"
    )
    print("|---|---|---|---|---|")
    print(f"| no split | {evaluate_paragraphs(data, lambda x: np.full(len(x), -1.0))} |")
    for off in offsets:
        rule = lambda x, o=off: x @ weights + bias + o  # noqa: E731
        print(f"| {off:+.2f} | {evaluate_paragraphs(data, rule)} |")
    print(
        "weights:",
        ", ".join(f"{name} {w:+.4f}" for name, w in zip(SPLIT_FEATURES, weights, strict=True)),
    )
    print(f"bias at offset 0: {bias:+.4f}")


def evidence_table(data: dict[str, list[Recorded]]) -> None:
    """Median edge evidence by group: the drift DEV orphans merged by the DP (drops and
    insertions, split or left merged by the shipped SPLIT_RULE) against the edges of right
    beads of each gold set, all of them and those the rule scores above −1.5 (the ones that
    bind the F1 floors when the bias moves)."""
    groups: dict[str, list[tuple[np.ndarray, float]]] = {}
    for name in ("MAC-Dev", "Text+Berg", "Bible", "drift"):
        for d, path, ev in data[name]:
            g = _gold(d)
            score = SPLIT_RULE.score(ev.features) if len(ev.bead) else np.zeros(0)
            for row in range(len(ev.bead)):
                bead = path[ev.bead[row]]
                lone, rest = _parts(bead, bool(ev.first[row]))
                x, z = ev.features[row], float(score[row])
                if bead in g:
                    groups.setdefault(f"right {name}", []).append((x, z))
                    if z > -1.5:
                        groups.setdefault(f"right {name}, score > −1.5", []).append((x, z))
                elif name == "drift" and lone in g and rest in g:
                    kind = d.kind  # type: ignore[attr-defined]
                    done = "split" if z > 0 else "left merged"
                    groups.setdefault(f"{kind} orphans {done}", []).append((x, z))
    short = [n.replace("member_", "m_") for n in SPLIT_FEATURES]
    print("| edges | n | " + " | ".join(short) + " | rule score |")
    print("|---|---|" + "---|" * (len(short) + 1))
    for name in sorted(groups, key=lambda k: (not k.startswith(("drop", "insert")), k)):
        xs = np.array([x for x, _ in groups[name]])
        med = np.median(xs, axis=0)
        z = np.median([z for _, z in groups[name]])
        print(f"| {name} | {len(xs)} | " + " | ".join(f"{v:.2f}" for v in med) + f" | {z:.2f} |")
    print()


DEFAULT_OFFSETS = "0.2,0.15,0.1,0,-0.05,-0.1,-0.2,-0.3,-0.5,-1"
PARAGRAPH_OFFSETS = ("0", "-0.25", "-0.5", "-0.75", "-1", "-1.5", "-2")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/bilingual-bench-cache"))
    ap.add_argument("--offsets", default=DEFAULT_OFFSETS)
    ap.add_argument(
        "--paragraphs", action="store_true", help="fit the paragraph rule (PARAGRAPH_RULE)"
    )
    ap.add_argument(
        "--evidence",
        action="store_true",
        help="first print the median edge evidence of orphans the shipped rule splits or "
        "leaves merged (drops and inserts apart) and of right beads near its boundary",
    )
    args = ap.parse_args(argv)
    if args.paragraphs:
        offsets = args.offsets.split(",") if args.offsets != DEFAULT_OFFSETS else PARAGRAPH_OFFSETS
        main_paragraphs(args.cache, [float(v) for v in offsets])
        return
    data = record(args.cache)
    if args.evidence:
        evidence_table(data)
    weights, bias = fit(data)
    print(
        "| bias offset | MAC-Dev | Text+Berg | Bible | PRC ¶ (not split) | drift DEV alone "
        "| drift DEV wrong beads |"
    )
    print("|---|---|---|---|---|---|---|")
    print(f"| no split | {evaluate(data, lambda x: np.full(len(x), -1.0))} |")
    for off in (float(v) for v in args.offsets.split(",")):
        print(f"| {off:+.2f} | {evaluate(data, lambda x, o=off: x @ weights + bias + o)} |")
    print(
        "weights:",
        ", ".join(f"{name} {w:+.4f}" for name, w in zip(SPLIT_FEATURES, weights, strict=True)),
    )
    print(f"bias at offset 0: {bias:+.4f}")


if __name__ == "__main__":
    main()
