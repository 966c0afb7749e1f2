"""Alignment quality on gold (pre-split): strict/lax P/R/F1 per data set and system.

Data (read from ../shared/bench at run time, never copied):
- Text+Berg de→fr, 7 documents: 001–003 are DEVELOPMENT (weights tuned there), 004–007 TEST;
- Bible en→zh (006): the first --bible-dev source sentences are DEVELOPMENT, the rest TEST;
  the full book is reported too (it contains the dev part);
- PRC laws zh→en paragraphs: the Constitution is DEVELOPMENT (one of issue 19's dev sets; the
  orphan-split rules of bilingual/align/orphans.py are fitted on it, --dev-only reports it),
  the Assembly law TEST.

Systems, all through the same DP (bilingual.align): Gale–Church length only; USE alone;
USE + lexical; USE + length; full (USE + lexical + length). Encodings are cached under
--cache (default /tmp/bilingual-bench-cache) so repeated runs only time the DP.

    python bench/bench_align.py                     # quality table (Bible: first 5k sentences)
    python bench/bench_align.py --bible full        # the whole Bible
    python bench/bench_align.py --tune              # coordinate search on the dev part only
    python bench/bench_align.py --calibrate         # refit confidences on clean dev gold only
                                                    # (shipped: bench/bench_trust.py --fit)
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# The bench measures single-threaded BLAS like the library's DP (see bilingual.align.core).
sys.path.insert(0, str(ROOT))

from bilingual.align import AlignConfig, score_alignments  # noqa: E402
from bilingual.align.aligner import align_with_features  # noqa: E402
from bilingual.align.calibrate import (  # noqa: E402
    bead_confidences,
    fit_logistic,
    path_features,
)
from bilingual.align.core import ScoredBead  # noqa: E402
from bilingual.align.encoding import _lengths, encode_pair, lexical_float16  # noqa: E402
from bilingual.align.features import SideFeatures  # noqa: E402
from bilingual.align.rescore import RescoreStats  # noqa: E402
from bilingual.encode.base import get_encoder, normalise_rows  # noqa: E402
from bilingual.export import parse_gold  # noqa: E402
from bilingual.model import Bead, Document, Level, Segment, Segmentation  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
log = logging.getLogger("bench_align")


@dataclass(frozen=True)
class Doc:
    name: str
    split: str  # "dev" or "test"
    src: Segmentation
    tgt: Segmentation
    gold: tuple[Bead, ...]
    # Verse labels per segment (Bible only): Bertalign's protocol merges consecutive test
    # beads inside one verse before scoring, since the gold links whole verses.
    src_units: tuple[str, ...] = ()
    tgt_units: tuple[str, ...] = ()


def _seg(lines: list[str], lang: str, name: str, level: Level = "sentence") -> Segmentation:
    text = "\n".join(lines) + "\n"
    doc = Document(text, lang, name)
    segs, pos = [], 0
    for i, line in enumerate(lines):
        segs.append(Segment(i, i, pos, pos + len(line), line, lang))
        pos += len(line) + 1
    return Segmentation(doc, level, tuple(segs), "seg:presplit")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def textberg() -> list[Doc]:
    root = BENCH / "text+berg"
    docs = []
    for gold in sorted((root / "gold").iterdir()):
        n = gold.name
        docs.append(
            Doc(
                f"text+berg/{n}",
                "dev" if n in ("001", "002", "003") else "test",
                _seg(_lines(root / "de" / n), "de", f"de/{n}"),
                _seg(_lines(root / "fr" / n), "fr", f"fr/{n}"),
                parse_gold(gold.read_text()),
            )
        )
    return docs


def macdev() -> list[Doc]:
    """MAC-Dev: six literary zh→en chapters with manual n:m gold (all DEVELOPMENT)."""
    root = BENCH / "mac-dev-zh-en"
    docs = []
    for gold in sorted((root / "gold").iterdir()):
        n = gold.name.split(".")[0]
        docs.append(
            Doc(
                f"mac-dev/{n}",
                "dev",
                _seg(_lines(root / "zh" / n), "zh", f"zh/{n}"),
                _seg(_lines(root / "en" / n), "en", f"en/{n}"),
                parse_gold(gold.read_text()),
            )
        )
    return docs


def bible(limit: int | None, start: int = 0, split: str = "test") -> Doc:
    """Bible sentences [start, limit) of the source with the gold beads inside that range."""
    root = BENCH / "bible-en-zh"
    src, tgt = _lines(root / "src" / "006"), _lines(root / "tgt" / "006")
    gold = parse_gold((root / "gold" / "006.align").read_text())
    limit = len(src) if limit is None else limit
    keep = [b for b in gold if b.src and start <= b.src[0] and b.src[-1] < limit]
    t0 = min(b.tgt[0] for b in keep if b.tgt)
    t1 = max(b.tgt[-1] for b in keep if b.tgt) + 1
    beads = tuple(
        dataclasses.replace(
            b, src=tuple(i - start for i in b.src), tgt=tuple(j - t0 for j in b.tgt)
        )
        for b in keep
    )
    name = f"bible/{start}-{limit}"
    sv, tv = _lines(root / "src.verse"), _lines(root / "tgt.verse")
    return Doc(
        name,
        split,
        _seg(src[start:limit], "en", name),
        _seg(tgt[t0:t1], "zh", name),
        beads,
        tuple(sv[start:limit]),
        tuple(tv[t0:t1]),
    )


def _unit(ids: tuple[int, ...], units: tuple[str, ...]) -> str | None:
    found = {units[i] for i in ids}
    return "NULL" if not found else (found.pop() if len(found) == 1 else None)


def verse_merge(links: list[tuple[tuple[int, ...], tuple[int, ...]]], doc: Doc):
    """Bertalign's Bible protocol: merge consecutive beads that lie inside the same verse."""
    out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    last = None
    for s, t in links:
        us, ut = _unit(s, doc.src_units), _unit(t, doc.tgt_units)
        kind = None
        if us is not None and ut is not None:
            if us == ut or ut == "NULL":
                kind = us
            elif us == "NULL":
                kind = ut
        if kind is not None and kind != "NULL" and kind == last and out:
            out[-1] = (out[-1][0] + s, out[-1][1] + t)
        else:
            out.append((s, t))
        last = kind
    return out


def prc() -> list[Doc]:
    root = BENCH / "prc-laws-zh-en" / "converted"
    docs = []
    for law in ("宪法", "集会游行示威法"):
        docs.append(
            Doc(
                f"prc/{law}",
                "test",
                _seg(_lines(root / f"{law}.zh"), "zh", law, "paragraph"),
                _seg(_lines(root / f"{law}.en"), "en", law, "paragraph"),
                parse_gold((root / f"{law}.align").read_text(), level="paragraph"),
            )
        )
    return docs


def features(doc: Doc, cache: Path, lexical: bool = True) -> tuple[SideFeatures, SideFeatures]:
    """USE + lexical features of a document pair, cached on disk by content."""
    cache.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha1(
        ("\n".join(doc.src.texts) + "\x00" + "\n".join(doc.tgt.texts)).encode()
    ).hexdigest()[:16]
    path = cache / f"{key}.npz"
    if path.exists():
        z = np.load(path)
        vs, vt, ls, lt = z["vs"], z["vt"], z["ls"], z["lt"]
    else:
        from bilingual.encode.lexical import lexical_vectors

        vs, vt = encode_pair("use", doc.src.texts, doc.tgt.texts)
        ls, lt = lexical_vectors(
            doc.src.texts, doc.src.document.lang, doc.tgt.texts, doc.tgt.document.lang
        )
        np.savez(path, vs=vs, vt=vt, ls=ls, lt=lt)
    # Stored as the library stores them (bilingual.align.encoding): float16.
    vs, vt = vs.astype(np.float16), vt.astype(np.float16)
    ls, lt = lexical_float16(ls), lexical_float16(lt)
    enc = get_encoder("use").name
    return (
        SideFeatures(normalise_rows(vs), ls if lexical else None, _lengths(doc.src.texts), enc),
        SideFeatures(normalise_rows(vt), lt if lexical else None, _lengths(doc.tgt.texts), enc),
    )


# Length only: the coarse-to-fine band needs content to find its way (a length-only coarse
# pass drifts), so the baseline searches the whole lattice up to 50M cells, like the
# classic Gale–Church programme; its two costs were set on the dev part like ours.
GALE_CHURCH = AlignConfig(
    scorer="hand",
    use_semantic=False,
    use_lexical=False,
    use_length=True,
    len_weight=1.0,
    hub_weight=0.0,
    merge_penalty=1.0,
    paragraph_merge_penalty=1.0,
    skip_cost=5.0,
    max_total=4,
    max_full_cells=50_000_000,
)


def systems(base: AlignConfig) -> list[tuple[str, AlignConfig]]:
    return [
        ("Gale–Church (length only)", GALE_CHURCH),
        ("USE only", dataclasses.replace(base, use_lexical=False, use_length=False)),
        ("USE + lexical", dataclasses.replace(base, use_length=False)),
        ("USE + length", dataclasses.replace(base, use_lexical=False)),
        ("full (USE + lexical + length)", base),
    ]


RESCORE = RescoreStats()  # what merged-text re-scoring did in the last run()


def run(docs: list[Doc], cfg: AlignConfig, cache: Path) -> tuple[list[list[ScoredBead]], float]:
    global RESCORE
    out, seconds = [], 0.0
    RESCORE = RescoreStats()
    for d in docs:
        sf, tf = features(d, cache, lexical=cfg.use_lexical)
        start = time.perf_counter()
        _, result = align_with_features(d.src, d.tgt, sf, tf, config=cfg, rescore_stats=RESCORE)
        seconds += time.perf_counter() - start
        out.append(list(result.beads))
    return out, seconds


def evaluate(
    docs: list[Doc], cfg: AlignConfig, cache: Path, merge_units: bool = True
) -> tuple[float, float, float]:
    """Strict F1, lax F1 and DP seconds; Bible beads verse-merged when ``merge_units``."""
    beads, seconds = run(docs, cfg, cache)
    tests = []
    for d, bs in zip(docs, beads, strict=True):
        links = [(b.src, b.tgt) for b in bs]
        tests.append(verse_merge(links, d) if merge_units and d.src_units else links)
    s = score_alignments([d.gold for d in docs], tests)
    return s.f1_strict, s.f1_lax, seconds


def tune(dev_sets: list[list[Doc]], base: AlignConfig, cache: Path) -> AlignConfig:
    """Coordinate search on dev data: the objective is the mean strict F1 over dev sets."""

    def objective(cfg: AlignConfig) -> float:
        return float(np.mean([evaluate(ds, cfg, cache)[0] for ds in dev_sets]))

    grid = {
        "lex_weight": [0.0, 0.25, 0.5, 0.75, 1.0],
        "len_weight": [0.0, 0.05, 0.1, 0.15, 0.2, 0.3],
        "merge_penalty": [-0.1, 0.0, 0.05, 0.1, 0.2, 0.3, 0.5],
        "skip_cost": [0.1, 0.2, 0.3, 0.5, 0.7, 1.0],
        "hub_weight": [0.0, 0.25, 0.5, 1.0],
    }
    best, best_score = base, objective(base)
    print(f"start {best_score:.4f}", flush=True)
    for _round in range(2):
        for name, values in grid.items():
            for v in values:
                cand = dataclasses.replace(best, **{name: v})
                if cand == best:
                    continue
                sc = objective(cand)
                if sc > best_score + 1e-6:
                    best, best_score = cand, sc
                    print(f"  {name}={v}: {sc:.4f}", flush=True)
    print(f"best {best_score:.4f}: {best.describe()}")
    return best


def _correct(beads: list[ScoredBead], doc: Doc) -> np.ndarray:
    """1 where a bead is right: in the gold, or (Bible) its verse-merged group is."""
    g = {(b.src, b.tgt) for b in doc.gold}
    if not doc.src_units:
        return np.array([(b.src, b.tgt) in g for b in beads], dtype=float)
    links = [(b.src, b.tgt) for b in beads]
    merged = verse_merge(links, doc)
    out, k = [], 0
    for s, t in merged:
        # Walk the original beads that verse_merge joined into (s, t).
        n_src, n_tgt, members = 0, 0, 0
        while k + members < len(links) and (n_src, n_tgt) != (len(s), len(t)):
            n_src += len(links[k + members][0])
            n_tgt += len(links[k + members][1])
            members += 1
        out.extend([float((s, t) in g)] * members)
        k += members
    return np.array(out, dtype=float)


def calibrate(dev: list[Doc], test: list[Doc], cfg: AlignConfig, cache: Path) -> None:
    """Fit the confidence model on dev beads; print the reliability table on test beads."""
    from bilingual.align.calibrate import ConfidenceModel, confidences

    # The shipped models are fitted by bench/bench_trust.py --fit (dev gold plus seeded drift);
    # this refit on clean dev gold alone shows what that adds on the test beads.
    xs, ys, xo, yo = [], [], [], []
    for beads, d in zip(run(dev, cfg, cache)[0], dev, strict=True):
        ok = _correct(beads, d)
        f = path_features(beads)
        xs.append(f.link)
        ys.append(ok[f.linked])
        xo.append(f.omission)
        yo.append(ok[f.omitted])
    w = fit_logistic(np.concatenate(xs), np.concatenate(ys))
    wo = fit_logistic(np.concatenate(xo), np.concatenate(yo), l2=1.0)
    model = ConfidenceModel(
        tuple(round(float(x), 4) for x in w), tuple(round(float(x), 4) for x in wo)
    )
    print(f"fitted: {model}")
    shipped = bead_confidences
    conf, right, conf_shipped = [], [], []
    for beads, d in zip(run(test, cfg, cache)[0], test, strict=True):
        conf.append(confidences(beads, model))
        conf_shipped.append(shipped(beads, cfg))
        right.append(_correct(beads, d))
    same = np.allclose(np.concatenate(conf), np.concatenate(conf_shipped), atol=1e-3)
    print(
        f"scorer {cfg.scorer}: shipped coefficients {'equal' if same else 'DIFFER from'} this fit"
    )
    c, r = np.concatenate(conf), np.concatenate(right)
    print("\n| confidence | beads | share right (strict) |\n|---|---|---|")
    edges = [0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001]
    for lo, hi in itertools.pairwise(edges):
        m = (c >= lo) & (c < hi)
        if m.any():
            print(
                f"| {lo:.2f}–{min(hi, 1):.2f} | {int(m.sum())} | {r[m].mean():.3f} "
                f"(mean conf {c[m].mean():.3f}) |"
            )


def ablation_configs() -> list[tuple[str, AlignConfig]]:
    """Each of the three additions of issue 9 on its own, and all together, on the old base."""
    hand = AlignConfig(scorer="hand", rescore_merged=False, adaptive_lexicon=False)
    learned = dataclasses.replace(hand, scorer="learned")
    return [
        ("hand scorer (before)", hand),
        ("+ learned scorer", learned),
        ("+ merged-text re-scoring", dataclasses.replace(hand, rescore_merged=True)),
        ("+ adaptive lexicon", dataclasses.replace(hand, adaptive_lexicon=True)),
        (
            "learned + re-scoring",
            dataclasses.replace(learned, rescore_merged=True),
        ),
        ("learned + adaptive", dataclasses.replace(learned, adaptive_lexicon=True)),
        (
            "all three",
            dataclasses.replace(learned, rescore_merged=True, adaptive_lexicon=True),
        ),
    ]


def ablations(sets: list[tuple[str, list[Doc]]], cache: Path) -> None:
    """Strict F1 of every set under each ablation, with the re-scoring's encoding share."""
    print(
        "| data | configuration | strict F1 | lax F1 | align s | re-scored windows / "
        "texts encoded | re-scoring encode s (share of align s) |\n|---|---|---|---|---|---|---|"
    )
    for set_name, docs in sets:
        for name, cfg in ablation_configs():
            f1s, f1l, sec = evaluate(docs, cfg, cache)
            rs = RESCORE
            extra = (
                f"{rs.close} / {rs.encoded} | {rs.seconds_encode:.1f} "
                f"({rs.seconds_encode / max(sec, 1e-9):.0%})"
                if cfg.rescore_merged
                else "– | –"
            )
            print(
                f"| {set_name} | {name} | {f1s:.3f} | {f1l:.3f} | {sec:.1f} | {extra} |", flush=True
            )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--bible", default="5000", help="source sentences of the Bible test run, or 'full'"
    )
    ap.add_argument("--bible-dev", type=int, default=2000)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/bilingual-bench-cache"))
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--systems", default="all", help="'all', 'full' or 'ablations'")
    ap.add_argument("--scorer", choices=("hand", "learned"), default=AlignConfig().scorer)
    ap.add_argument("--rescore", action="store_true", help="merged-text re-scoring on")
    ap.add_argument("--adaptive", action="store_true", help="document-adaptive lexicon on")
    ap.add_argument(
        "--posterior-decoding",
        type=float,
        default=None,
        metavar="THRESHOLD",
        help="decode by maximum expected accuracy with this threshold (AlignConfig)",
    )
    ap.add_argument("--temperature", type=float, default=AlignConfig().posterior_temperature)
    ap.add_argument("--dev-only", action="store_true", help="only the development sets")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not BENCH.is_dir():
        sys.exit(f"benchmark data not found at {BENCH}")
    tb = textberg()
    tb_dev = [d for d in tb if d.split == "dev"]
    tb_test = [d for d in tb if d.split == "test"]
    bible_dev = bible(args.bible_dev, split="dev")
    base = AlignConfig(
        scorer=args.scorer,
        rescore_merged=args.rescore or AlignConfig().rescore_merged,
        adaptive_lexicon=args.adaptive or AlignConfig().adaptive_lexicon,
        posterior_temperature=args.temperature,
        posterior_decoding=args.posterior_decoding is not None or AlignConfig().posterior_decoding,
        posterior_threshold=AlignConfig().posterior_threshold
        if args.posterior_decoding is None
        else args.posterior_decoding,
    )
    if args.tune:
        tune([tb_dev, [bible_dev]], base, args.cache)
        return
    limit = None if args.bible == "full" else int(args.bible)
    bible_test = bible(limit if limit else 5000, start=args.bible_dev)
    if args.calibrate:
        calibrate([*tb_dev, bible_dev], [*tb_test, bible_test, *prc()], base, args.cache)
        return
    sets = [
        ("MAC-Dev zh→en (6 chapters)", macdev()),
        ("Text+Berg dev 001–003", tb_dev),
        ("Text+Berg test 004–007", tb_test),
        ("Text+Berg all 7", tb),
        (f"Bible dev 0–{args.bible_dev}", [bible_dev]),
        ("PRC Constitution ¶", [d for d in prc() if "宪法" in d.name]),
        ("PRC Assembly law ¶", [d for d in prc() if "集会" in d.name]),
    ]
    if args.dev_only:
        sets = [x for x in sets if "dev" in x[0].lower() or "Constitution" in x[0]]
    elif args.bible == "full":
        # The whole book in one run (it contains the dev sentences; encoded once, cached).
        sets.insert(4, ("Bible full 30k × 42.7k (incl. dev 0–2000)", [bible(None)]))
    else:
        sets.insert(4, (f"Bible test {args.bible_dev}–{limit}", [bible_test]))
    if args.systems == "ablations":
        ablations(sets, args.cache)
        return
    chosen = systems(base) if args.systems == "all" else systems(base)[-1:]
    print("| data | system | strict F1 | lax F1 | DP s |\n|---|---|---|---|---|")
    for set_name, docs in sets:
        for sys_name, cfg in chosen:
            cells = sum((len(d.src) + 1) * (len(d.tgt) + 1) for d in docs)
            if cfg is GALE_CHURCH and cells > GALE_CHURCH.max_full_cells:
                print(f"| {set_name} | {sys_name} | – (lattice too large) | – | – |")
                continue
            f1s, f1l, sec = evaluate(docs, cfg, args.cache)
            print(f"| {set_name} | {sys_name} | {f1s:.3f} | {f1l:.3f} | {sec:.1f} |", flush=True)
        if any(d.src_units for d in docs):
            f1s, f1l, sec = evaluate(docs, base, args.cache, merge_units=False)
            print(
                f"| {set_name} | full, sentence beads as output (no verse merge) | {f1s:.3f} | "
                f"{f1l:.3f} | {sec:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
