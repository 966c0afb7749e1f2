"""Can users trust ``Bead.score``? Calibration and omissions on dev sets and drift documents.

For every set: reliability table (ten confidence deciles: beads, share right, mean
confidence), ECE, mean confidence of right and of wrong beads; for the seeded drift documents
(bench/drift_docs.py: drops, insertions, merges, swaps in NTREX / Tatoeba / debian-docs) also,
per injected drop or insertion, whether the orphaned line stands alone (1:0 / 0:1) and how many
other beads are wrong (raw, and net of the same document aligned unedited). Drift documents
are aligned twice: pre-split (one segment per line, like ``--presplit``) and as plain text
(``bilingual align`` without ``--presplit``: segmented, paragraphs first).

Data is read from ../shared/bench. Sentence vectors are cached by text under --cache.

    python bench/bench_trust.py                 # tables with the shipped confidence model
    python bench/bench_trust.py --fit           # refit on DEV beads, tables with the new model
    python bench/bench_trust.py --scorer learned

A bead is right, pre-split, when it is a gold bead (Bible: its verse-merged group is); as plain
text, when its lines lie inside one gold bead of the same kind (linked or omission), since the
segmenter may cut a line in two.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import dataclasses
import logging
import pickle
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_align  # noqa: E402
from drift_docs import DriftDoc, drift_docs  # noqa: E402

import bilingual.align.aligner as aligner_mod  # noqa: E402
from bilingual.align import AlignConfig  # noqa: E402
from bilingual.align.aligner import align_documents, align_with_features  # noqa: E402
from bilingual.align.calibrate import (  # noqa: E402
    DEFAULT_MODEL,
    LEARNED_MODEL,
    ConfidenceModel,
    bead_confidences,
    confidences,
    fit_logistic,
    path_features,
)
from bilingual.align.core import ScoredBead  # noqa: E402
from bilingual.align.encoding import _lengths, lexical_float16  # noqa: E402
from bilingual.align.features import SideFeatures  # noqa: E402
from bilingual.encode.base import (  # noqa: E402
    get_encoder,
    normalise_rows,
    register_encoder,
    unregister_encoder,
)
from bilingual.encode.lexical import lexical_vectors  # noqa: E402
from bilingual.export import parse_gold  # noqa: E402
from bilingual.model import Document  # noqa: E402

log = logging.getLogger("bench_trust")

Link = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Run:
    """One aligned document: the path's scored beads, which are right, injection outcome."""

    set_name: str
    split: str
    beads: tuple[ScoredBead, ...]
    right: np.ndarray
    scores: np.ndarray  # Bead.score as the library produced it
    injected: int = 0  # injected orphan lines in this document
    alone: int = 0  # of which stand alone as 1:0 / 0:1
    other_wrong: int = 0  # wrong beads not holding an injected line
    base_wrong: int = -1  # wrong beads of the same document unedited (-1: not an edit)


class VectorCache:
    """USE vectors by text, kept on disk so reruns encode nothing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.vec: dict[str, np.ndarray] = {}
        if path.exists():
            z = np.load(path, allow_pickle=False)
            for k, v in zip(z["keys"].tolist(), z["vecs"], strict=True):
                self.vec[k] = v
        self.dirty = False

    def encode(self, name: str, texts: Sequence[str], dtype: type = np.float16) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.vec})
        if missing:
            out = get_encoder("use").encode(missing)
            for t, v in zip(missing, out, strict=True):
                self.vec[t] = np.asarray(v, dtype=np.float16)
            self.dirty = True
        if not texts:
            return np.zeros((0, 512), dtype=dtype)
        return np.stack([self.vec[t] for t in texts]).astype(dtype)

    def save(self) -> None:
        if self.dirty:
            keys = list(self.vec)
            np.savez(self.path, keys=np.array(keys), vecs=np.stack([self.vec[k] for k in keys]))
            self.dirty = False


class _CachedUse:
    """The USE encoder read through a :class:`VectorCache` (an ``Encoder``: same name and
    languages, so signatures and features are those of USE itself). The pipeline stores its
    vectors as float16 (align/encoding.py) and the cache holds float16 rows; a row cached from
    another batch can differ in its last bits, so paths are the same and scores agree to ~1e-6
    (BENCHMARKS.md, issue 19 fourth round)."""

    def __init__(self, vc: VectorCache) -> None:
        inner = get_encoder("use")
        self.vc = vc
        self.name = inner.name
        self.languages = inner.languages

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.vc.encode("use", list(texts)).astype(np.float32)


CACHED_ENCODER = "bench-trust-use"


@contextlib.contextmanager
def cached_encoder(vc: VectorCache) -> Iterator[str]:
    """Registers the cached USE encoder under a name of its own while the block runs; the
    aligner is given that name (``align_documents(encoder=...)``), so every text it encodes
    (paragraphs and sentences) goes through the cache. A name registered at run time is
    encoded in this process (``loads_in_a_new_process``), never in worker processes."""
    register_encoder(CACHED_ENCODER, lambda: _CachedUse(vc))
    try:
        yield CACHED_ENCODER
    finally:
        unregister_encoder(CACHED_ENCODER)


def _features(lines: Sequence[str], lang: str, vc: VectorCache, lex: np.ndarray) -> SideFeatures:
    v = normalise_rows(vc.encode("use", lines).astype(np.float32))
    return SideFeatures(v, lexical_float16(lex), _lengths(lines), get_encoder("use").name)


def _right_exact(beads: Sequence[Link], gold: Sequence[Link]) -> np.ndarray:
    g = set(gold)
    return np.array([b in g for b in beads], dtype=float)


def _right_inside(beads: Sequence[Link], gold: Sequence[Link]) -> np.ndarray:
    """Right when the bead's lines lie inside one gold bead of the same kind."""
    owner_s = {i: k for k, (s, _) in enumerate(gold) for i in s}
    owner_t = {j: k for k, (_, t) in enumerate(gold) for j in t}
    out = []
    for s, t in beads:
        owners = {owner_s[i] for i in s} | {owner_t[j] for j in t}
        ok = len(owners) == 1
        if ok:
            gs, gt = gold[owners.pop()]
            ok = bool(gs) == bool(s) and bool(gt) == bool(t)
        out.append(float(ok))
    return np.array(out)


def _injection(beads: Sequence[Link], right: np.ndarray, doc: DriftDoc) -> tuple[int, int, int]:
    """(injected lines, of which alone, wrong beads holding no injected line)."""
    alone = 0
    holding = set()
    for side, k in doc.injected:
        mine = [n for n, (s, t) in enumerate(beads) if (k in s if side == "src" else k in t)]
        holding.update(mine)
        ok = all(
            (set(beads[n][0]) == {k} and not beads[n][1])
            if side == "src"
            else (set(beads[n][1]) == {k} and not beads[n][0])
            for n in mine
        )
        alone += int(ok)
    other = sum(1 for n in range(len(beads)) if n not in holding and not right[n])
    return len(doc.injected), alone, other


def run_drift_presplit(docs: Sequence[DriftDoc], cfg: AlignConfig, vc: VectorCache) -> list[Run]:
    out = []
    for d in docs:
        s = bench_align._seg(list(d.src), "en", d.name)
        t = bench_align._seg(list(d.tgt), "zh", d.name)
        ls, lt = lexical_vectors(list(d.src), "en", list(d.tgt), "zh")
        sf, tf = _features(d.src, "en", vc, ls), _features(d.tgt, "zh", vc, lt)
        al, res = align_with_features(s, t, sf, tf, config=cfg)
        links = [(b.src, b.tgt) for b in res.beads]
        right = _right_exact(links, d.gold)
        out.append(
            _run(d, res.beads, right, np.array([b.score for b in al.beads]), links, "presplit")
        )
    return out


def _run(
    d: DriftDoc,
    beads: Sequence[ScoredBead],
    right: np.ndarray,
    scores: np.ndarray,
    links: Sequence[Link],
    mode: str,
) -> Run:
    n_inj, alone, other = _injection(links, right, d)
    return Run(f"{mode}/{d.source}", d.split, tuple(beads), right, scores, n_inj, alone, other)


class _Recorder:
    """Keeps the scored path the aligner passes to ``bead_confidences`` (the last call is the
    sentence path of the two-level aligner), so the bench can refit on plain-text beads."""

    def __init__(self) -> None:
        self.last: list[ScoredBead] = []

    def __call__(self, beads: Sequence[ScoredBead], cfg: AlignConfig) -> np.ndarray:
        self.last = list(beads)
        return bead_confidences(beads, cfg)


def _line_of(text_lines: Sequence[str]) -> tuple[list[int], str]:
    text = "\n".join(text_lines) + "\n"
    starts, pos = [], 0
    for line in text_lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts, text


def _text_run(d: DriftDoc, cfg: AlignConfig, rec: _Recorder, encoder: str) -> Run:
    ss, st = _line_of(d.src)
    ts, tt = _line_of(d.tgt)
    al = align_documents(
        Document(st, "en", d.name), Document(tt, "zh", d.name), encoder=encoder, config=cfg
    )
    s_line = [bisect.bisect_right(ss, x.start) - 1 for x in al.src.segments]
    t_line = [bisect.bisect_right(ts, x.start) - 1 for x in al.tgt.segments]
    links = [
        (
            tuple(sorted({s_line[i] for i in b.src})),
            tuple(sorted({t_line[j] for j in b.tgt})),
        )
        for b in al.beads
    ]
    right = _right_inside(links, d.gold)
    scored = rec.last if len(rec.last) == len(al.beads) else []
    return _run(d, scored, right, np.array([b.score for b in al.beads]), links, "text")


def run_drift_text(docs: Sequence[DriftDoc], cfg: AlignConfig, vc: VectorCache) -> list[Run]:
    """Drift documents as plain text through ``align_documents`` (segmented, two levels)."""
    rec = _Recorder()
    saved_conf = aligner_mod.bead_confidences
    aligner_mod.bead_confidences = rec  # type: ignore[assignment]
    out = []
    # Registered once for all documents: registering clears get_encoder's loaded instances.
    try:
        with cached_encoder(vc) as encoder:
            for d in docs:
                out.append(_text_run(d, cfg, rec, encoder))
    finally:
        aligner_mod.bead_confidences = saved_conf  # type: ignore[assignment]
    return out


def run_gold(
    name: str, docs: Sequence[bench_align.Doc], cfg: AlignConfig, cache: Path
) -> list[Run]:
    out = []
    for d in docs:
        sf, tf = bench_align.features(d, cache, lexical=cfg.use_lexical)
        al, res = align_with_features(d.src, d.tgt, sf, tf, config=cfg)
        right = bench_align._correct(list(res.beads), d)
        out.append(Run(name, d.split, res.beads, right, np.array([b.score for b in al.beads])))
    return out


def _with_base(runs: list[Run], docs: Sequence[DriftDoc]) -> list[Run]:
    """Attach to each edited document the wrong-bead count of its unedited version."""
    base = {
        d.name.rsplit("/", 1)[0]: int((1 - r.right).sum())
        for d, r in zip(docs, runs, strict=True)
        if d.kind == "clean"
    }
    return [
        dataclasses.replace(r, base_wrong=base.get(d.name.rsplit("/", 1)[0], 0))
        if d.kind != "clean"
        else r
        for d, r in zip(docs, runs, strict=True)
    ]


# -- fitting and reporting -------------------------------------------------------------------


def fit(runs: Sequence[Run]) -> ConfidenceModel:
    """Logistic fits on the DEV runs' beads: one for linked beads, one for omissions.

    Each set (a gold set, or one drift source in one mode) weighs in proportion to the square
    root of its bead count, so the many short drift documents do not drown the literary and
    Bible beads, whose errors are of another kind.
    """
    xl, yl, xo, yo, wl_, wo_ = [], [], [], [], [], []
    dev = [r for r in runs if r.split == "dev" and r.beads]
    size: dict[str, int] = {}
    for r in dev:
        size[r.set_name] = size.get(r.set_name, 0) + len(r.beads)
    for r in dev:
        w = 1.0 / np.sqrt(size[r.set_name])
        f = path_features(r.beads)
        if len(f.linked):
            xl.append(f.link)
            yl.append(r.right[f.linked])
            wl_.append(np.full(len(f.linked), w))
        if len(f.omitted):
            xo.append(f.omission)
            yo.append(r.right[f.omitted])
            wo_.append(np.full(len(f.omitted), w))
    sw_l, sw_o = np.concatenate(wl_), np.concatenate(wo_)
    sw_l *= len(sw_l) / sw_l.sum()
    sw_o *= len(sw_o) / sw_o.sum()
    wl = fit_logistic(np.concatenate(xl), np.concatenate(yl), l2=1.0, sample_weight=sw_l)
    wo = fit_logistic(np.concatenate(xo), np.concatenate(yo), l2=1.0, sample_weight=sw_o)
    print(
        f"fitted on {sum(len(y) for y in yl)} linked / {sum(len(y) for y in yo)} omitted dev beads"
        f" ({np.concatenate(yl).mean():.3f} / {np.concatenate(yo).mean():.3f} right)"
    )
    return ConfidenceModel(
        tuple(round(float(x), 4) for x in wl), tuple(round(float(x), 4) for x in wo)
    )


def _forget_posterior(runs: Sequence[Run]) -> list[Run]:
    nan = float("nan")
    return [
        dataclasses.replace(r, beads=tuple(dataclasses.replace(b, posterior=nan) for b in r.beads))
        for r in runs
    ]


def rescored(runs: Sequence[Run], model: ConfidenceModel | None) -> list[Run]:
    if model is None:
        return list(runs)
    return [
        dataclasses.replace(r, scores=confidences(r.beads, model)) if r.beads else r for r in runs
    ]


def ece_table(c: np.ndarray, r: np.ndarray) -> tuple[float, list[tuple[float, int, float, float]]]:
    rows, ece = [], 0.0
    for k in range(10):
        lo, hi = k / 10, (k + 1) / 10
        m = (c >= lo) & ((c < hi) if k < 9 else (c <= 1.0))
        if m.any():
            rows.append((lo, int(m.sum()), float(r[m].mean()), float(c[m].mean())))
            ece += m.sum() / len(c) * abs(r[m].mean() - c[m].mean())
    return ece, rows


def report(groups: list[tuple[str, list[Run]]], tables: bool) -> None:
    print(
        "\n| set | docs | beads | share right | ECE | mean conf right | mean conf wrong |"
        " injections | alone | other wrong / injection (net of unedited) |"
        " wrong share of kept pairs, conf ≥ 0.2 / 0.5 / 0.7 |"
        "\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    detail = []
    for name, runs in groups:
        if not runs:
            continue
        c = np.concatenate([r.scores for r in runs])
        r = np.concatenate([x.right for x in runs])
        ece, rows = ece_table(c, r)
        inj = [x for x in runs if x.injected]
        n_inj = sum(x.injected for x in inj)
        if n_inj:
            alone = sum(x.alone for x in inj)
            other = sum(x.other_wrong for x in inj) / n_inj
            net = sum(max(0, x.other_wrong - max(x.base_wrong, 0)) for x in inj) / n_inj
            inj_cols = f"{n_inj} | {alone / n_inj:.1%} | {other:.2f} ({net:.2f})"
        else:
            inj_cols = "– | – | –"
        wrong_mean = f"{c[r == 0].mean():.3f}" if (r == 0).any() else "–"
        # What a corpus keeps: linked beads at or above a confidence threshold.
        pair = np.concatenate([np.array([bool(b.src and b.tgt) for b in x.beads]) for x in runs])
        kept = []
        for t in (0.2, 0.5, 0.7):
            m = pair & (c >= t) if len(pair) == len(c) else c >= t
            kept.append(f"{1 - r[m].mean():.2%}" if m.any() else "–")
        print(
            f"| {name} | {len(runs)} | {len(c)} | {r.mean():.3f} | {ece:.3f} | "
            f"{c[r == 1].mean():.3f} | {wrong_mean} | {inj_cols} | {' / '.join(kept)} |"
        )
        detail.append((name, rows))
    if tables:
        for name, rows in detail:
            print(f"\n{name}\n\n| confidence | beads | share right | mean confidence |")
            print("|---|---|---|---|")
            for lo, n, acc, conf in rows:
                print(f"| {lo:.1f}–{lo + 0.1:.1f} | {n} | {acc:.3f} | {conf:.3f} |")


def orphan_causes(docs: Sequence[DriftDoc], runs: Sequence[Run]) -> dict[str, int]:
    """What happened to each injected line of pre-split runs (beads index lines): left alone,
    merged into a neighbour's bead whose rest is a gold bead (by shape), merged into a bead
    whose rest is not gold, or paired with another line alone (a shifted chain)."""
    out: dict[str, int] = {}
    for d, r in zip(docs, runs, strict=True):
        gold = set(d.gold)
        for side, k in d.injected:
            mine = [(b.src, b.tgt) for b in r.beads if k in (b.src if side == "src" else b.tgt)]
            s, t = mine[0]
            own, other = (s, t) if side == "src" else (t, s)
            rest = (
                (tuple(x for x in s if x != k), t)
                if side == "src"
                else (s, tuple(x for x in t if x != k))
            )
            if len(mine) == 1 and own == (k,) and not other:
                cause = "alone"
            elif not other:
                cause = "alone with other lines"
            elif rest in gold and len(own) > 1:
                cause = f"merged into a right neighbour's bead ({len(s)}:{len(t)})"
            elif len(own) > 1:
                cause = "merged into a bead whose rest is not gold"
            else:
                cause = "paired with other lines (shifted)"
            out[cause] = out.get(cause, 0) + 1
    return dict(sorted(out.items()))


def _auc(wrong: np.ndarray, score: np.ndarray) -> float:
    """AUC of ``score`` for wrong against right beads (> 0.5: higher on wrong ones)."""
    ok = np.isfinite(score)
    y, x = wrong[ok], score[ok]
    rank = np.argsort(np.argsort(x, kind="stable"), kind="stable") + 1.0
    n1, n0 = y.sum(), len(y) - y.sum()
    return float((rank[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)) if n1 and n0 else np.nan


def wrong_types(name: str, runs: Sequence[Run], docs: Sequence[bench_align.Doc]) -> None:
    """The wrong beads of a gold set by type (against the gold at line level), with their
    mean confidence, and the AUC of per-bead evidence for wrong against right linked beads."""
    types: dict[str, list[float]] = {}
    ev: dict[str, list[float]] = {k: [] for k in ("posterior", "join_gain", "part_gain", "sim")}
    wrong: list[float] = []
    for d, r in zip(docs, runs, strict=True):
        gold = [(b.src, b.tgt) for b in d.gold]
        own_s = {i: k for k, (s, _) in enumerate(gold) for i in s}
        own_t = {j: k for k, (_, t) in enumerate(gold) for j in t}
        for b, ok, c in zip(r.beads, r.right, r.scores, strict=True):
            one = len(b.src) == 1 and len(b.tgt) == 1
            if b.src and b.tgt:
                wrong.append(1.0 - ok)
                for k in ev:
                    ev[k].append(float(getattr(b, k)))
            if ok:
                kind = "right"
            elif not (b.src and b.tgt):
                kind = "1:0 / 0:1, gold links it"
            else:
                owners = {own_s.get(i) for i in b.src} | {own_t.get(j) for j in b.tgt}
                whole = None not in owners and all(
                    set(gold[k][0]) <= set(b.src) and set(gold[k][1]) <= set(b.tgt) for k in owners
                )
                if len(owners) == 1:
                    kind = "part of one gold unit" + (" (1:1)" if one else " (merged)")
                elif whole:
                    kind = "whole gold units merged"
                else:
                    kind = "shifted 1:1" if one else "crosses a gold boundary (part right)"
            types.setdefault(kind, []).append(float(c))
    print(f"\n{name}: wrong beads by type\n\n| bead | beads | mean confidence | ≥ 0.7 |")
    print("|---|---|---|---|")
    for kind, cs in sorted(types.items(), key=lambda kv: -len(kv[1])):
        c = np.array(cs)
        print(f"| {kind} | {len(c)} | {c.mean():.3f} | {int((c >= 0.7).sum())} |")
    y = np.array(wrong)
    aucs = ", ".join(f"{k} {_auc(y, np.array(v)):.3f}" for k, v in ev.items())
    print(f"\nAUC, wrong vs right linked beads (> 0.5: higher on wrong): {aucs}")


def excerpt_bench(cache: Path, cfg: AlignConfig, starts: Sequence[int]) -> None:
    """20 English Bible lines against the first 2,000 Chinese lines: lines placed right.

    A line is placed right when it is linked to Chinese lines of its own gold bead only (a
    Bible gold bead links whole verses; a part of the verse's lines counts as right).
    """
    root = bench_align.BENCH / "bible-en-zh"
    src = bench_align._lines(root / "src" / "006")
    tgt = bench_align._lines(root / "tgt" / "006")[:2000]
    partner: dict[int, set[int]] = {}
    for g in parse_gold((root / "gold" / "006.align").read_text()):
        for i in g.src:
            partner[i] = set(g.tgt)
    print("\n| excerpt (en lines) | region found (zh lines) | gold region | placed right |")
    print("|---|---|---|---|")
    total = 0
    for start in starts:
        ex = list(range(start, start + 20))
        d = bench_align.Doc(
            f"excerpt {start}",
            "dev",
            bench_align._seg([src[i] for i in ex], "en", f"en{start}"),
            bench_align._seg(tgt, "zh", "zh2000"),
            (),
        )
        sf, tf = bench_align.features(d, cache)
        al, _ = align_with_features(d.src, d.tgt, sf, tf, config=cfg)
        ok = 0
        for b in al.beads:
            for x in b.src:
                want = partner.get(ex[x], set())
                ok += int(bool(b.tgt) and set(b.tgt) <= want)
        linked = [j for b in al.beads if b.src for j in b.tgt]
        gold = sorted(set().union(*(partner.get(i, set()) for i in ex)))
        region = f"{min(linked)}–{max(linked)}" if linked else "–"
        print(f"| {start}–{start + 19} | {region} | {gold[0]}–{gold[-1]} | {ok} / 20 |")
        total += ok
    print(f"| mean | | | {total / len(starts):.1f} / 20 |")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--cache", type=Path, default=Path("/tmp/bilingual-bench-cache"))
    ap.add_argument("--scorer", choices=("hand", "learned"), default=AlignConfig().scorer)
    ap.add_argument("--fit", action="store_true", help="refit the confidence model on dev")
    ap.add_argument(
        "--temperature",
        type=float,
        default=AlignConfig().posterior_temperature,
        help="AlignConfig.posterior_temperature (bead posteriors over the DP lattice)",
    )
    ap.add_argument(
        "--posterior-decoding",
        type=float,
        default=None,
        metavar="THRESHOLD",
        help="decode by maximum expected accuracy with this threshold (AlignConfig)",
    )
    ap.add_argument(
        "--without-posterior",
        action="store_true",
        help="ablation: forget the beads' lattice posteriors before fitting and scoring",
    )
    ap.add_argument(
        "--rescore",
        action="store_true",
        help="score the runs with the shipped confidence model (runs read from --runs)",
    )
    ap.add_argument("--no-text", action="store_true", help="skip the plain-text alignment")
    ap.add_argument("--tables", action="store_true", help="print every reliability table")
    ap.add_argument(
        "--causes",
        action="store_true",
        help="print what happened to each injected line of the DEV documents pre-split",
    )
    ap.add_argument(
        "--types",
        action="store_true",
        help="print the gold sets' wrong beads by type with their mean confidence",
    )
    ap.add_argument("--sources", default="ntrex,tatoeba,debian")
    ap.add_argument(
        "--runs",
        type=Path,
        help="pickle of the aligned runs: written after aligning, read instead of aligning "
        "when it exists (refit the confidence model without aligning again)",
    )
    ap.add_argument(
        "--excerpt",
        default="",
        help="comma-separated start lines: 20 Bible en lines against 2,000 zh lines, then stop",
    )
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    cfg = dataclasses.replace(
        AlignConfig(), scorer=args.scorer, posterior_temperature=args.temperature
    )
    if args.posterior_decoding is not None:
        cfg = dataclasses.replace(
            cfg, posterior_decoding=True, posterior_threshold=args.posterior_decoding
        )
    if args.excerpt:
        starts = [int(x) for x in args.excerpt.split(",")]
        excerpt_bench(args.cache, cfg, starts)
        return
    if not bench_align.BENCH.is_dir():
        sys.exit(f"benchmark data not found at {bench_align.BENCH}")
    args.cache.mkdir(parents=True, exist_ok=True)
    vc = VectorCache(args.cache / "drift-vectors.npz")
    t0 = time.perf_counter()
    docs = list(drift_docs(sources=tuple(args.sources.split(","))))
    if args.runs and args.runs.exists():
        with args.runs.open("rb") as fh:
            gold, pre, text = pickle.load(fh)
        print(f"runs read from {args.runs}")
    else:
        tb = [d for d in bench_align.textberg() if d.split == "dev"]
        bible_dev = [bench_align.bible(2000, split="dev")]
        gold = [
            ("MAC-Dev (6 chapters)", run_gold("MAC-Dev", bench_align.macdev(), cfg, args.cache)),
            ("Text+Berg dev 001–003", run_gold("Text+Berg dev", tb, cfg, args.cache)),
            ("Bible dev 0–2000", run_gold("Bible dev", bible_dev, cfg, args.cache)),
        ]
        pre = _with_base(run_drift_presplit(docs, cfg, vc), docs)
        vc.save()
        text = [] if args.no_text else _with_base(run_drift_text(docs, cfg, vc), docs)
        vc.save()
        print(f"aligned in {time.perf_counter() - t0:.0f} s; scorer {args.scorer}")
        if args.runs:
            with args.runs.open("wb") as fh:
                pickle.dump((gold, pre, text), fh)
    if args.without_posterior:
        gold = [(n, _forget_posterior(rs)) for n, rs in gold]
        pre, text = _forget_posterior(pre), _forget_posterior(text)
    # Without --fit the scores are those the library gave when the runs were aligned; with
    # --rescore, those of this checkout's shipped confidence model.
    model = None
    if args.rescore:
        model = LEARNED_MODEL if args.scorer == "learned" else DEFAULT_MODEL
    if args.fit:
        model = fit([r for _, rs in gold for r in rs] + pre + text)
        print(f"model: {model}")
    groups: list[tuple[str, list[Run]]] = [(n, rescored(rs, model)) for n, rs in gold]
    for mode, runs in (("pre-split", pre), ("plain text", text)):
        runs = rescored(runs, model)
        for split in ("dev", "test"):
            sel = [(d, r) for d, r in zip(docs, runs, strict=False) if d.split == split]
            groups.append((f"drift {split}, {mode}", [r for _, r in sel]))
            if split == "test":
                for src in args.sources.split(","):
                    groups.append(
                        (f"drift test {src}, {mode}", [r for d, r in sel if d.source == src])
                    )
                for kind in ("drop", "insert", "merge", "swap"):
                    groups.append(
                        (f"drift test {kind}, {mode}", [r for d, r in sel if d.kind == kind])
                    )
    report(groups, args.tables)
    if args.types:
        gold_docs = [
            bench_align.macdev(),
            [d for d in bench_align.textberg() if d.split == "dev"],
            [bench_align.bible(2000, split="dev")],
        ]
        for (name, runs), gd in zip(groups[: len(gold)], gold_docs, strict=True):
            wrong_types(name, runs, gd)
    if args.causes:
        sel = [(d, r) for d, r in zip(docs, pre, strict=False) if d.split == "dev" and d.injected]
        print("\n| injected line (drift DEV, pre-split) | lines |\n|---|---|")
        for cause, n in orphan_causes([d for d, _ in sel], [r for _, r in sel]).items():
            print(f"| {cause} | {n} |")


if __name__ == "__main__":
    main()
